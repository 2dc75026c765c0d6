"""Render summaries as one self-contained HTML page with a table and an SVG bar chart."""

from __future__ import annotations

from html import escape

from report.analysis import Summary

BAR_WIDTH = 400


def bar_chart(summaries: list[Summary]) -> str:
    """Horizontal bars of the mean per category, as inline SVG."""
    top = max((s.mean for s in summaries), default=0) or 1
    rows = []
    for i, s in enumerate(summaries):
        width = round(BAR_WIDTH * s.mean / top)
        y = i * 30
        rows.append(
            f'<text x="0" y="{y + 15}">{escape(s.category)}</text>'
            f'<rect x="120" y="{y}" width="{width}" height="20" fill="#0969da"/>'
            f'<text x="{125 + width}" y="{y + 15}">{s.mean}</text>'
        )
    height = 30 * len(summaries)
    return (
        f'<svg role="img" aria-label="Mean value per category" width="{BAR_WIDTH + 200}" '
        f'height="{height}">{"".join(rows)}</svg>'
    )


def render_page(title: str, brief: str, summaries: list[Summary]) -> str:
    """The whole report page; every value is HTML-escaped."""
    table = "".join(
        f"<tr><td>{escape(s.category)}</td><td>{s.count}</td><td>{s.mean}</td>"
        f"<td>{s.minimum}</td><td>{s.maximum}</td></tr>"
        for s in summaries
    )
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body>
<h1>{escape(title)}</h1>
<p>{escape(brief)}</p>
<h2>Mean per category</h2>
{bar_chart(summaries)}
<h2>Summary</h2>
<table>
<thead><tr><th>Category</th><th>Count</th><th>Mean</th><th>Min</th><th>Max</th></tr></thead>
<tbody>{table}</tbody>
</table>
</body>
</html>
"""
