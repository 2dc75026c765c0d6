"""Small inline SVG charts with text alternatives: a burn-up line pair and a bar chart (pure)."""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT, PAD = 320, 140, 28
DONE, SCOPE, BAR = "#1d6b3a", "#5a5a5a", "#1f5fa8"


def left_pad(top: float) -> int:
    """Room left of the y axis for its largest label (``504.1`` needs more than ``4``)."""
    return max(PAD, 10 + 7 * len(f"{top:g}"))


def _x(i: int, n: int, left: int = PAD) -> float:
    span = WIDTH - left - PAD
    return left + (span * i / (n - 1) if n > 1 else span / 2)


def _y(value: float, top: float) -> float:
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value / top if top else 0)


def _points(values: list[float], top: float, left: int) -> str:
    return " ".join(
        f"{_x(i, len(values), left):.1f},{_y(v, top):.1f}" for i, v in enumerate(values)
    )


def _frame(ident: str, title: str, desc: str, body: str) -> str:
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'class="chart" focusable="false"><title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(desc)}</desc>{body}</svg>'
    )


def _axes(top: float, first: str, last: str) -> str:
    base, left = HEIGHT - PAD, left_pad(top)
    return (
        f'<line x1="{left}" y1="{base}" x2="{WIDTH - PAD}" y2="{base}" class="axis"/>'
        f'<line x1="{left}" y1="{PAD}" x2="{left}" y2="{base}" class="axis"/>'
        f'<text x="{left - 4}" y="{PAD + 4}" text-anchor="end" class="tick">{top:g}</text>'
        f'<text x="{left - 4}" y="{base}" text-anchor="end" class="tick">0</text>'
        f'<text x="{left}" y="{HEIGHT - 8}" class="tick">{escape(first)}</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" text-anchor="end" class="tick">'
        f"{escape(last)}</text>"
    )


def burnup(ident: str, name: str, labels: list[str], closed: list[int], total: list[int]) -> str:
    """Closed vs total milestone issues per week; the description states the latest values."""
    if not labels:
        return ""
    top = float(max([1, *total]))
    desc = (
        f"{closed[-1]} of {total[-1]} milestone issues closed by {labels[-1]}; "
        f"the table below lists every week."
    )
    left = left_pad(top)
    body = _axes(top, labels[0], labels[-1]) + (
        f'<polyline points="{_points([float(v) for v in total], top, left)}" fill="none" '
        f'stroke="{SCOPE}" stroke-width="2" stroke-dasharray="5 3"/>'
        f'<polyline points="{_points([float(v) for v in closed], top, left)}" fill="none" '
        f'stroke="{DONE}" stroke-width="3"/>'
    )
    return _frame(ident, f"Milestone burn-up of {name}", desc, body)


def bars(ident: str, title: str, labels: list[str], values: list[float | None], unit: str) -> str:
    """One bar per label (no bar where a value is missing)."""
    if not labels:
        return ""
    known = [v for v in values if v is not None]
    top = math.ceil(max([1.0, *known]) * 10) / 10
    left = left_pad(top)
    step = (WIDTH - left - PAD) / len(labels)
    body = _axes(top, labels[0], labels[-1])
    for i, value in enumerate(values):
        if value is None:
            continue
        y = _y(value, top)
        body += (
            f'<rect x="{left + i * step + step * 0.15:.1f}" y="{y:.1f}" '
            f'width="{step * 0.7:.1f}" height="{HEIGHT - PAD - y:.1f}" fill="{BAR}"/>'
        )
    said = [f"{label}: {v:g} {unit}" for label, v in zip(labels, values, strict=True) if v]
    desc = "; ".join(said) or f"no values in {unit} yet"
    return _frame(ident, title, desc, body)
