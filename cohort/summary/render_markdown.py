"""A Summary as GitHub markdown: Mermaid charts GitHub renders, each with a table beside it."""

from __future__ import annotations

from cohort.config.naming import marker
from cohort.summary.model import (
    MenteeStatus,
    MentorSummary,
    MilestoneProgress,
    Summary,
    TeamSummary,
    WaitingPull,
)

STATUS_ICON = {"done": "✅", "on track": "🟢", "at risk": "🟠", "overdue": "🔴"}


def summary_marker(cohort: str, week: str) -> str:
    """The hidden marker of ``cohort``'s summary issue for ``week`` (cohorts may share a repo)."""
    return marker("summary", f"{cohort}/{week}")


def render_markdown(summary: Summary) -> str:
    """The whole summary: marker, heading, attention list, charts, tables."""
    parts = [
        summary_marker(summary.cohort, summary.week),
        _heading(summary),
        _attention(summary),
        _totals(summary),
        _progress(summary),
        _activity_chart(summary),
        _teams_table(summary),
        _people(summary),
        _checkins(summary),
        _mentors(summary),
        _for_mentors(summary),
        _invitations(summary),
        _expired(summary),
        _footer(summary),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _invitations(s: Summary) -> str:
    if not s.unaccepted:
        return ""
    rows = "\n".join(f"| @{login} | {days} |" for login, days in s.unaccepted)
    return (
        f"## Invitations not accepted after {s.invitation_days} days\n\n"
        "GitHub expires an invitation after 7 days; the daily apply sends it again.\n\n"
        "| person | days since the invitation |\n|---|---|\n" + rows
    )


def _expired(s: Summary) -> str:
    if not s.expired:
        return ""
    rows = "\n".join(
        f"| @{e.login} | {e.sent_at.date()} | {e.expired_at.date()} |" for e in s.expired
    )
    return (
        "## Invitations that expired\n\n"
        "Nobody accepted these within GitHub's 7 days; the next daily apply sends them again "
        "(they then count as pending).\n\n"
        "| person | invited | expired |\n|---|---|---|\n" + rows
    )


def _heading(s: Summary) -> str:
    week = f"cohort week {s.cohort_week} of {s.cohort_weeks}" if s.cohort_week else "before week 1"
    phase = f"phase **{s.phase}** (due {s.phase_due})" if s.phase else "no phase running"
    return (
        f"# {s.program} · {s.cohort}: summary of {s.week}\n\n"
        f"{s.week_start} to {s.week_end} · {week} · {phase} · "
        f"{len(s.teams)} teams in `{s.org}`"
    )


def _attention(s: Summary) -> str:
    if not s.attention:
        return "## Needs attention first\n\nNo team needs attention this week."
    lines = [f"{i}. **{a.slug}**: {'; '.join(a.reasons)}" for i, a in enumerate(s.attention, 1)]
    return "## Needs attention first\n\n" + "\n".join(lines)


def _totals(s: Summary) -> str:
    t = s.totals
    return (
        "## This week\n\n"
        "| PRs opened | PRs merged | commits | issues closed | reviews | PRs waiting "
        "| mentees active |\n|---:|---:|---:|---:|---:|---:|---:|\n"
        f"| {t.prs_opened} | {t.prs_merged} | {t.commits} | {t.issues_closed} | {t.reviews} "
        f"| {t.waiting} | {t.active_mentees} of {t.mentees} |"
    )


def current_milestone(s: Summary, team: TeamSummary) -> MilestoneProgress | None:
    """The milestone of the phase the calendar is in (else the first one not done)."""
    title = (s.phase or "").title()
    found = [m for m in team.milestones if m.title == title]
    if found:
        return found[0]
    return next((m for m in team.milestones if m.status != "done"), None)


def _quote(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def _progress(s: Summary) -> str:
    teams = [t for t in s.teams if t.found]
    if not teams:
        return ""
    title = f"{(s.phase or 'current').title()} milestone: % of issues closed"
    values = [m.percent if (m := current_milestone(s, t)) else 0 for t in teams]
    chart = (
        "```mermaid\nxychart-beta\n"
        f"  title {_quote(title)}\n"
        f"  x-axis [{', '.join(_quote(t.slug) for t in teams)}]\n"
        '  y-axis "% closed" 0 --> 100\n'
        f"  bar [{', '.join(str(v) for v in values)}]\n```"
    )
    rows = []
    for t in teams:
        cells = [
            f"{STATUS_ICON[m.status]} {m.title} {m.closed}/{m.total} ({m.status}, due {m.due_on})"
            for m in t.milestones
        ]
        rows.append(f"| {t.slug} | {'<br>'.join(cells) or '-'} |")
    table = "| team | milestones |\n|---|---|\n" + "\n".join(rows)
    return f"## Milestone progress\n\n{chart}\n\n{table}"


def _activity_chart(s: Summary) -> str:
    active = [t for t in s.teams if t.commits]
    if not active:
        return ""
    slices = "\n".join(f"  {_quote(t.slug)} : {t.commits}" for t in active)
    head = '## Commits by team\n\n```mermaid\npie showData\n  title "Commits on default branches"'
    return f"{head}\n{slices}\n```"


def _hours(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} h"


def _last(t: TeamSummary) -> str:
    if t.days_since_activity is None:
        return "never"
    return "today" if t.days_since_activity == 0 else f"{t.days_since_activity} d ago"


def _teams_table(s: Summary) -> str:
    rows = []
    for t in s.teams:
        if not t.found:
            rows.append(f"| {t.slug} | repository `{t.repo}` not found | | | | | |")
            continue
        waits = (
            "<br>".join(f"{link(p)} {p.days:.1f} d{' ⚠️' if p.too_long else ''}" for p in t.waiting)
            or "-"
        )
        rows.append(
            f"| [{t.slug}](https://github.com/{s.org}/{t.repo}) | {t.prs_opened} / "
            f"{t.prs_merged} | {waits} | {_hours(t.first_review_hours)} | {t.commits} "
            f"| {t.issues_closed} | {_last(t)} |"
        )
    return (
        "## Teams\n\n| team | PRs opened / merged | waiting for a mentor | first review "
        "(median) | commits | issues closed | last activity |\n"
        "|---|---:|---|---:|---:|---:|---|\n" + "\n".join(rows)
    )


def _people(s: Summary) -> str:
    rows = [
        f"| {t.slug} | {', '.join('@' + m for m in t.contributed) or '-'} "
        f"| {', '.join('@' + m for m in t.silent) or '-'} |"
        for t in s.teams
        if t.found
    ]
    if not rows:
        return ""
    return "## Mentees\n\n| team | contributed | did not contribute |\n|---|---|---|\n" + (
        "\n".join(rows)
    )


def _checkins(s: Summary) -> str:
    rows = [
        f"| {t.slug} | {_checkin_link(s, t)} "
        f"| {', '.join('@' + m for m in t.checkin_answered) or '-'} "
        f"| {', '.join('@' + m for m in t.checkin_silent) or '-'} |"
        for t in s.teams
        if t.found and t.checkin is not None
    ]
    if not rows:
        return ""
    return "## Check-ins\n\n| team | issue | answered | not yet |\n|---|---|---|---|\n" + "\n".join(
        rows
    )


def _mentors(s: Summary) -> str:
    if not s.mentors:
        return ""
    rows = [
        f"| @{m.handle} | {', '.join(m.teams)} | {m.reviews_given} | {m.pending_requests} "
        f"| {'-' if m.oldest_pending_days is None else f'{m.oldest_pending_days:.1f} d'} |"
        for m in s.mentors
    ]
    return (
        "## Mentors\n\n| mentor | teams | reviews given | pending requests | oldest pending |\n"
        "|---|---|---:|---:|---:|\n" + "\n".join(rows)
    )


def link(p: WaitingPull) -> str:
    """``[owner/repo#N](url)``: a bare #N posted in the organizer repository links there."""
    return f"[{p.ref}](https://github.com/{p.repo}/pull/{p.number})"


def _checkin_link(s: Summary, t: TeamSummary) -> str:
    """The team's check-in issue as a full link (a bare #N would point at the organizer repo)."""
    return _issue_link(f"{s.org}/{t.repo}#{t.checkin}")


def _issue_link(ref: str) -> str:
    repo, _, number = ref.partition("#")
    return f"[{ref}](https://github.com/{repo}/issues/{number})"


def _for_mentors(s: Summary) -> str:
    """Per mentor: what waits on me, my mentees, is my team on track, this week's meeting."""
    if not s.mentors:
        return ""
    teams = {t.slug: t for t in s.teams}
    parts = ["## For each mentor"]
    for m in s.mentors:
        led = [teams[slug] for slug in m.teams if slug in teams and teams[slug].found]
        parts.append(f"### @{m.handle} · {', '.join(m.teams)}")
        missing = [teams[slug].repo for slug in m.teams if slug in teams and not teams[slug].found]
        if missing:
            parts.append(f"Repository not found: {', '.join(f'`{r}`' for r in missing)}.")
        if not led:
            continue
        parts.append(_waiting_on(m, s))
        parts.append(_mentee_lines(led, s))
        parts.append(_on_track(led))
        parts.append(_agenda(led, s))
    return "\n\n".join(parts)


def _waiting_on(m: MentorSummary, s: Summary) -> str:
    if not m.waiting:
        return "**Waiting on you:** nothing."
    rows = [
        f"- {link(p)} {p.title}, by @{p.author}: waiting {p.days:.1f} days"
        f"{' ⚠️' if p.too_long else ''}"
        for p in m.waiting
    ]
    head = f"**Waiting on you** ({len(m.waiting)}; flagged from {s.review_waiting_days} days):"
    return head + "\n" + "\n".join(rows)


MENTEE_GROUPS = (("blocked", "blocked on review"), ("quiet", "quiet"), ("active", "active"))


def _mentee(x: MenteeStatus) -> str:
    if x.state != "quiet":
        return f"@{x.handle}"
    return f"@{x.handle} ({'never' if x.days_quiet is None else f'{x.days_quiet} d'})"


def _mentee_lines(led: list[TeamSummary], s: Summary) -> str:
    lines = []
    for t in led:
        groups = [
            f"{label}: {', '.join(_mentee(x) for x in t.mentees if x.state == state)}"
            for state, label in MENTEE_GROUPS
            if any(x.state == state for x in t.mentees)
        ]
        lines.append(f"- {t.slug}: {'; '.join(groups) or 'no mentees'}")
    return f"**Mentees** (quiet: nothing for {s.stale_after_days} days):\n" + "\n".join(lines)


def _milestone(x: MilestoneProgress) -> str:
    return (
        f"{STATUS_ICON[x.status]} {x.title} {x.closed}/{x.total} due {x.due_on or '-'} ({x.status})"
    )


def _on_track(led: list[TeamSummary]) -> str:
    lines = []
    for t in led:
        stones = ", ".join(_milestone(x) for x in t.milestones)
        lines.append(
            f"- {t.slug}: {stones or 'no milestones'}; PRs open {t.prs_open}, "
            f"merged this week {t.prs_merged}"
        )
    return "**On track?**\n" + "\n".join(lines)


def _agenda(led: list[TeamSummary], s: Summary) -> str:
    items = []
    for t in led:
        items += [
            f"- {t.slug}: {x.title} milestone overdue ({x.closed}/{x.total}, due {x.due_on})"
            for x in t.milestones
            if x.status == "overdue"
        ]
        items += [f"- {t.slug}: blocker from the check-in, {b}" for b in t.checkin_blockers]
        if t.checkin is not None and t.checkin_silent:
            who = ", ".join(f"@{x}" for x in t.checkin_silent)
            items.append(f"- {t.slug}: check-in {_checkin_link(s, t)} not answered by {who}")
        items += [
            f"- {t.slug}: help requested in {_issue_link(h.ref)} {h.title} "
            f"(by @{h.author}, open {h.days:.1f} days)"
            for h in t.help_requests
        ]
        items += [
            f"- {t.slug}: {link(p)} waiting {p.days:.1f} days" for p in t.waiting if p.too_long
        ]
    if not s.live:
        items.append("- (help requests are only known for the current week)")
    return "**For this week's meeting:**\n" + ("\n".join(items) if items else "- nothing pressing")


def _footer(s: Summary) -> str:
    note = ""
    if any(t.truncated for t in s.teams):
        note = " Some busy repositories were read in part (the most recent items)."
    if not s.live:
        note += (
            " A past week: computed as of its end from timestamps (issue closes, reviews, pushes)."
        )
    return (
        f"<sub>As of {s.generated_at:%Y-%m-%d %H:%M} UTC. A team is stale after "
        f"{s.stale_after_days} days without activity; a PR waits too long after "
        f"{s.review_waiting_days} days (policy.summary in cohort.yml).{note}</sub>"
    )
