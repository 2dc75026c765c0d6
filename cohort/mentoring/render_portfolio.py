"""Render a mentee's portfolio page as markdown and as a standalone HTML page (pure)."""

from __future__ import annotations

from html import escape

from cohort.mentoring.portfolio import Item, Portfolio

_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1f2328}h1{margin-bottom:0}.sub{color:#59636e;margin-top:.2rem}"
    "a{color:#0969da}li{margin:.2rem 0}"
)


def portfolio_markdown(p: Portfolio) -> str:
    """The page a mentee can link from a CV: what they built and what they did."""
    mentors = ", ".join(f"{name} (@{h})" for h, name in p.mentors) or "none"
    deployed = f"[{p.deployed_url}]({p.deployed_url})" if p.deployed_url else "not online yet"
    parts = [
        f"# {p.name} (@{p.handle})",
        f"{p.program}, cohort {p.cohort}. Team **{p.team}**, mentored by {mentors}.",
        f"## The project: {p.project}\n\n{p.brief}\n\n"
        f"- Code: [{p.repo_url}]({p.repo_url})\n- Live: {deployed}",
        _md_section("Pull requests merged", p.merged),
        _md_section("Pull requests reviewed", p.reviews),
        _md_section("Issues closed", p.closed),
    ]
    return "\n\n".join(parts) + "\n"


def _md_section(title: str, items: tuple[Item, ...]) -> str:
    if not items:
        return f"## {title} (0)\n\nNone yet."
    lines = "\n".join(
        f"- [#{i.number} {i.title}]({i.url})" + (f" ({i.day:%d %b %Y})" if i.day else "")
        for i in items
    )
    return f"## {title} ({len(items)})\n\n{lines}"


def portfolio_html(p: Portfolio) -> str:
    """The same page as standalone HTML; every value is escaped."""
    mentors = ", ".join(f"{escape(n)} (@{escape(h)})" for h, n in p.mentors) or "none"
    live = (
        f'<a href="{escape(p.deployed_url)}">{escape(p.deployed_url)}</a>'
        if p.deployed_url
        else "not online yet"
    )
    body = [
        f"<h1>{escape(p.name)} (@{escape(p.handle)})</h1>",
        f'<p class="sub">{escape(p.program)}, cohort {escape(p.cohort)}. Team '
        f"<strong>{escape(p.team)}</strong>, mentored by {mentors}.</p>",
        f"<h2>The project: {escape(p.project)}</h2>",
        f"<p>{escape(p.brief)}</p>",
        f'<ul><li>Code: <a href="{escape(p.repo_url)}">{escape(p.repo_url)}</a></li>'
        f"<li>Live: {live}</li></ul>",
        _html_section("Pull requests merged", p.merged),
        _html_section("Pull requests reviewed", p.reviews),
        _html_section("Issues closed", p.closed),
    ]
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(p.name)}: portfolio</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _html_section(title: str, items: tuple[Item, ...]) -> str:
    head = f"<h2>{escape(title)} ({len(items)})</h2>"
    if not items:
        return head + "\n<p>None yet.</p>"
    lines = "".join(
        f'<li><a href="{escape(i.url)}">#{i.number} {escape(i.title)}</a>'
        + (f" ({i.day:%d %b %Y})" if i.day else "")
        + "</li>"
        for i in items
    )
    return f"{head}\n<ul>{lines}</ul>"
