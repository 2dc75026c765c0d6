"""The dashboard page: one self-contained, accessible HTML file (inline CSS, JS and SVG)."""

from __future__ import annotations

import re
from html import escape

from cohort.dashboard.history import History, TeamHistory
from cohort.dashboard.invites import PendingInvite
from cohort.dashboard.svg import bars, burnup
from cohort.summary.model import Summary, TeamSummary

CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --line: #c8c8c8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--ink); background: #fff; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0; }
p.meta { color: var(--muted); margin: 0; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); }
.card { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem; }
.card[hidden] { display: none; }
.chart { width: 100%; height: auto; display: block; }
figure.chart-box { margin: .5rem 0; max-width: 24rem; }
.attention { border: 2px solid #b3261e; border-radius: .5rem; padding: .25rem 1rem; }
.attention ul { padding-left: 1.25rem; margin: .25rem 0 .75rem; }
.attention h3 { margin-top: .5rem; }
.state { font-weight: 600; }
.state.overdue { color: #b3261e; } .state.at-risk { color: #8a4b00; }
.state.done, .state.on-track { color: #1d6b3a; }
ul.stones { list-style: none; padding: 0; margin: .25rem 0; }
.axis { stroke: #767676; stroke-width: 1; }
.tick { font-size: 11px; fill: var(--muted); }
.legend { font-size: .875rem; color: var(--muted); }
.swatch { display: inline-block; width: 1rem; height: .25rem; vertical-align: middle; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: right; }
th[scope=row], caption { text-align: left; }
caption { font-weight: 600; padding: .25rem 0; }
td.p0 { background: #fff; } td.p1 { background: #e6f4ea; } td.p2 { background: #c9e8d2; }
td.p3 { background: #a8d9b5; } td.missing { color: var(--muted); text-align: left; }
label { font-weight: 600; }
input { font: inherit; padding: .25rem .5rem; margin-left: .5rem; }
a { color: #0b57a4; }
"""

SCRIPT = """
(function () {
  var box = document.getElementById('team-filter');
  if (!box) { return; }
  box.addEventListener('input', function () {
    var words = box.value.trim().toLowerCase();
    document.querySelectorAll('[data-team]').forEach(function (card) {
      card.hidden = words !== '' && card.getAttribute('data-team').indexOf(words) === -1;
    });
  });
})();
"""


def _wrap(label: str) -> str:
    """A scrollable table box that keyboard users can reach (axe: scrollable-region-focusable)."""
    return f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(label)}">'


def _ident(slug: str) -> str:
    return "t-" + re.sub(r"[^a-z0-9-]", "-", slug.lower())


def _pct(closed: int, total: int) -> int:
    return round(100 * closed / total) if total else 0


def _hours(value: float | None) -> str:
    return "–" if value is None else f"{value:g} h"


def _team_table(h: History, t: TeamHistory) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escape(label)} (week {n})</th><td>{w.closed}/{w.total}</td>'
        f"<td>{w.merged}</td><td>{w.commits}</td><td>{_hours(lat)}</td></tr>"
        for label, n, w, lat in zip(
            h.weeks, h.cohort_week_numbers, t.weeks, t.latency_hours, strict=True
        )
    )
    return (
        _wrap(f"Weekly figures of {t.slug}")
        + f"<table><caption>Weekly figures of {escape(t.slug)}</caption>"
        '<tr><th scope="col">week</th><th scope="col">issues closed</th>'
        '<th scope="col">PRs merged</th><th scope="col">commits</th>'
        f'<th scope="col">first review</th></tr>{rows}</table></div>'
    )


def _stones(team: TeamSummary | None) -> str:
    """Each milestone with its due date and on track / at risk / overdue / done."""
    if team is None or not team.milestones:
        return ""
    items = "".join(
        f"<li>{escape(m.title)}: {m.closed}/{m.total}, due {m.due_on or '–'}, "
        f'<span class="state {m.status.replace(" ", "-")}">{m.status}</span></li>'
        for m in team.milestones
    )
    return f'<ul class="stones" aria-label="Milestones">{items}</ul>'


def _card(h: History, t: TeamHistory, now: TeamSummary | None = None) -> str:
    ident = _ident(t.slug)
    url = f"https://github.com/{escape(h.org)}/{escape(t.repo)}"
    head = f'<h3 id="{ident}-h"><a href="{url}">{escape(t.slug)}</a></h3>'
    if not t.found:
        body = f"<p>Repository <code>{escape(t.repo)}</code> was not found.</p>"
    elif not t.weeks:
        body = "<p>The cohort has not started yet.</p>"
    else:
        last, merged = t.weeks[-1], sum(w.merged for w in t.weeks)
        chart = burnup(
            ident, t.slug, list(h.weeks), [w.closed for w in t.weeks], [w.total for w in t.weeks]
        )
        body = (
            f"<p>{_pct(last.closed, last.total)} % of milestone issues closed "
            f"({last.closed} of {last.total}); {merged} PR{'' if merged == 1 else 's'} merged."
            f'</p>{_stones(now)}<figure class="chart-box">{chart}</figure>'
            f"<details><summary>Data table</summary>{_team_table(h, t)}</details>"
        )
    return (
        f'<article class="card" aria-labelledby="{ident}-h" data-team="{escape(t.slug)}">'
        f"{head}{body}</article>"
    )


def _progress_table(h: History) -> str:
    head = "".join(
        f'<th scope="col">{escape(w)}<br>week {n}</th>'
        for w, n in zip(h.weeks, h.cohort_week_numbers, strict=True)
    )
    rows = []
    for t in h.teams:
        if not t.found:
            cells = f'<td class="missing" colspan="{max(1, len(h.weeks))}">not found</td>'
        else:
            cells = "".join(
                f'<td class="p{min(3, _pct(w.closed, w.total) // 34 + (w.closed > 0))}">'
                f"{_pct(w.closed, w.total)} %</td>"
                for w in t.weeks
            )
        rows.append(f'<tr><th scope="row">{escape(t.slug)}</th>{cells}</tr>')
    return (
        _wrap("Milestone issues closed per week")
        + "<table><caption>Milestone issues closed, % by the end of each "
        f'week</caption><tr><th scope="col">team</th>{head}</tr>{"".join(rows)}</table></div>'
    )


def _latency(h: History) -> str:
    chart = bars(
        "latency",
        "Median hours to a first mentor review, per week",
        list(h.weeks),
        list(h.latency_hours),
        "hours",
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(w)}</th><td>{_hours(v)}</td></tr>'
        for w, v in zip(h.weeks, h.latency_hours, strict=True)
    )
    table = (
        _wrap("Median time to a first mentor review")
        + "<table><caption>Median time to a first mentor review"
        f'</caption><tr><th scope="col">week</th><th scope="col">median</th></tr>{rows}'
        "</table></div>"
    )
    return (
        f'<section aria-labelledby="latency-h"><h2 id="latency-h">Review latency</h2>'
        f'<figure class="chart-box">{chart}</figure>{table}</section>'
    )


def _overdue(s: Summary) -> list[str]:
    return [
        f"{escape(t.slug)}: {escape(m.title)} milestone overdue ({m.closed}/{m.total} "
        f"issues closed, due {m.due_on})"
        for t in s.teams
        for m in t.milestones
        if m.status == "overdue"
    ]


def _waiting(s: Summary) -> list[str]:
    return [
        f'<a href="https://github.com/{escape(p.repo)}/pull/{p.number}">{escape(p.ref)}</a> '
        f"{escape(p.title)} by @{escape(p.author)}: waiting {p.days:.1f} days on "
        f"{', '.join('@' + escape(m) for m in p.mentors)}"
        for t in s.teams
        for p in t.waiting
        if p.too_long
    ]


def _quiet(s: Summary) -> list[str]:
    return [
        f"@{escape(x.handle)} ({escape(t.slug)}): "
        + ("no activity yet" if x.days_quiet is None else f"no activity for {x.days_quiet} days")
        + (" — blocked on review" if x.state == "blocked" else "")
        for t in s.teams
        if t.found
        for x in t.mentees
        if x.state != "active"
    ]


def attention_items(
    s: Summary, invites: tuple[PendingInvite, ...] = ()
) -> list[tuple[str, list[str]]]:
    """The needs-attention list as (heading, items of HTML), empty groups left out."""
    missing = [
        f"{escape(t.slug)}: repository {escape(t.repo)} not found" for t in s.teams if not t.found
    ]
    help_wanted = [
        f"{escape(h.ref)} {escape(h.title)} by @{escape(h.author)}: open {h.days:.1f} days"
        for t in s.teams
        for h in t.help_requests
    ]
    groups = [
        ("Team repositories not found", missing),
        ("Overdue milestones", _overdue(s)),
        (f"Pull requests waiting over {s.review_waiting_days} days", _waiting(s)),
        (f"Mentees quiet for {s.stale_after_days} days or more", _quiet(s)),
        ("Open help requests", help_wanted),
        (
            "Invitations not accepted",
            [f"@{escape(i.login)}: invited {i.days:.1f} days ago" for i in invites],
        ),
        (
            "Invitations that expired (the daily apply sends them again)",
            [
                f"@{escape(e.login)}: invited {e.sent_at:%Y-%m-%d}, expired {e.expired_at:%Y-%m-%d}"
                for e in s.expired
            ],
        ),
    ]
    return [(title, items) for title, items in groups if items]


def _attention(s: Summary | None, invites: tuple[PendingInvite, ...]) -> str:
    if s is None:
        return ""
    groups = attention_items(s, invites)
    body = "".join(
        f"<h3>{escape(title)} ({len(items)})</h3><ul>"
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul>"
        for title, items in groups
    )
    return (
        '<section class="attention" aria-labelledby="attention-h">'
        f'<h2 id="attention-h">Needs attention</h2>{body or "<p>Nothing needs attention.</p>"}'
        "</section>"
    )


def _load(s: Summary | None, away: frozenset[str]) -> str:
    if s is None or not s.mentors:
        return ""
    rows = "".join(
        f'<tr><th scope="row">@{escape(m.handle)}{" (away)" if m.handle.lower() in away else ""}'
        f"</th><td>{escape(', '.join(m.teams))}</td><td>{m.pending_requests}</td>"
        f"<td>{'–' if m.oldest_pending_days is None else f'{m.oldest_pending_days:.1f} d'}</td>"
        f"<td>{m.reviews_given}</td></tr>"
        for m in s.mentors
    )
    return (
        '<section aria-labelledby="load-h"><h2 id="load-h">Mentor load</h2>'
        + _wrap("Mentor load table")
        + "<table><caption>Pull requests waiting on each mentor"
        '</caption><tr><th scope="col">mentor</th><th scope="col">teams</th>'
        '<th scope="col">waiting on them</th><th scope="col">oldest</th>'
        f'<th scope="col">reviews this week</th></tr>{rows}</table></div></section>'
    )


def render_dashboard(
    h: History,
    summary: Summary | None = None,
    away: frozenset[str] = frozenset(),
    invites: tuple[PendingInvite, ...] = (),
) -> str:
    """The whole page, ready to write as index.html; ``summary`` is the week it is as of."""
    title = f"{h.program} · {h.cohort}: dashboard"
    now = {t.slug: t for t in summary.teams} if summary else {}
    cards = "".join(_card(h, t, now.get(t.slug)) for t in h.teams)
    week = f" · week {escape(summary.week)}" if summary else ""
    legend = (
        '<p class="legend"><span class="swatch" style="background:#1d6b3a"></span> issues '
        'closed &nbsp; <span class="swatch" style="background:#5a5a5a"></span> issues in '
        "milestones (dashed)</p>"
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{escape(title)}</h1><p class="meta">{len(h.teams)} teams in '
        f"{escape(h.org)}{week} · as of {h.as_of:%Y-%m-%d %H:%M} UTC</p></header><main>"
        f"{_attention(summary, invites)}{_load(summary, away)}"
        '<section aria-labelledby="teams-h"><h2 id="teams-h">Teams</h2>'
        '<p><label for="team-filter">Filter teams</label><input id="team-filter" '
        f'type="search" autocomplete="off"></p>{legend}<div class="grid">{cards}</div>'
        '</section><section aria-labelledby="progress-h"><h2 id="progress-h">Progress per '
        f"team over the weeks</h2>{_progress_table(h)}</section>{_latency(h)}</main>"
        '<footer><p class="meta">Generated by <code>cohort dashboard</code>; '
        "self-contained, works offline. It shows per-mentee signals: publish it privately, "
        "never on a public site.</p>"
        f"</footer><script>{SCRIPT}</script></body></html>\n"
    )
