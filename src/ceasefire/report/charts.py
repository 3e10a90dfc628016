"""Small static SVG line charts drawn from the brief's data: no JavaScript, no network, the same
markup in the self-contained HTML page and in the PDF (WeasyPrint renders inline SVG).

Every text that goes into the markup is escaped; numbers are formatted by this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from ceasefire.report.brief_model import LedgerSeries, SeriesPoint
from ceasefire.report.wording import plural

WIDTH, HEIGHT = 330, 150
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 22, 26


@dataclass(slots=True)
class Line:
    label: str
    points: Sequence[SeriesPoint]
    colour: str
    step: bool = False  # a schedule: the value holds until the next point
    dashed: bool = False


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    for base in (1, 2, 2.5, 5, 10):
        magnitude = 10 ** (len(str(int(value))) - 1)
        if value <= base * magnitude:
            return base * magnitude
    return value


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value < 10 else f"{value:,.0f}"


def line_chart(
    title: str,
    lines: Sequence[Line],
    first: date,
    last: date,
    *,
    y_max: float | None = None,
    marker: date | None = None,
) -> str:
    """An SVG line chart from ``first`` to ``last`` with a legend; ``marker`` draws a 'today' rule."""
    values = [p.value for line in lines for p in line.points]
    top = y_max if y_max is not None else _nice_max(max(values, default=0.0))
    span = max(1, (last - first).days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + plot_w * min(max((day - first).days, 0), span) / span

    def y(value: float) -> float:
        return TOP + plot_h * (1 - min(value, top) / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
        f'<text x="{LEFT}" y="13" font-size="11" font-weight="bold" fill="#222">{escape(title)}</text>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fafafa" stroke="#bbb"/>',
    ]
    for frac in (0.0, 0.5, 1.0):
        yy = y(top * frac)
        parts.append(f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{LEFT + plot_w}" y2="{yy:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{LEFT - 4}" y="{yy + 3:.1f}" font-size="9" text-anchor="end" fill="#555">'
            f"{_fmt(top * frac)}</text>"
        )
    base = TOP + plot_h + 12
    parts.append(f'<text x="{LEFT}" y="{base}" font-size="9" fill="#555">{first.isoformat()}</text>')
    parts.append(
        f'<text x="{LEFT + plot_w}" y="{base}" font-size="9" text-anchor="end" fill="#555">'
        f"{last.isoformat()}</text>"
    )
    if marker is not None and first <= marker <= last:
        mx = x(marker)
        parts.append(
            f'<line x1="{mx:.1f}" y1="{TOP}" x2="{mx:.1f}" y2="{TOP + plot_h}" stroke="#888" '
            'stroke-dasharray="2,2"/>'
        )
    legend_x = LEFT
    for line in lines:
        pts = sorted(line.points, key=lambda p: p.day)
        coords: list[tuple[float, float]] = []
        for i, p in enumerate(pts):
            if line.step and i > 0:
                coords.append((x(p.day), y(pts[i - 1].value)))
            coords.append((x(p.day), y(p.value)))
        if line.step and pts and pts[-1].day < last:
            coords.append((x(last), y(pts[-1].value)))
        dash = ' stroke-dasharray="5,3"' if line.dashed else ""
        if len(coords) == 1:
            cx, cy = coords[0]
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="2.5" fill="{line.colour}"/>')
        elif coords:
            path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{line.colour}" stroke-width="2"{dash}/>'
            )
        parts.append(
            f'<line x1="{legend_x}" y1="{HEIGHT - 4}" x2="{legend_x + 14}" y2="{HEIGHT - 4}" '
            f'stroke="{line.colour}" stroke-width="2"{dash}/>'
        )
        parts.append(
            f'<text x="{legend_x + 17}" y="{HEIGHT - 1}" font-size="9" fill="#333">'
            f"{escape(line.label)}</text>"
        )
        legend_x += 22 + 5 * len(line.label)
    parts.append("</svg>")
    return "".join(parts)


def ledger_chart(series: LedgerSeries, first: date, last: date, as_of: date) -> str:
    title = f"{series.party}: {plural(series.unit)} handed over (cumulative)"
    lines = [
        Line("reported", series.done, "#1f77b4", step=True),
        Line("agreed schedule", series.agreed, "#999", step=True, dashed=True),
    ]
    return line_chart(title, lines, first, last, marker=as_of)


def risk_chart(points: Sequence[SeriesPoint], as_of: date) -> str:
    if not points:
        return ""
    first, last = points[0].day, points[-1].day
    return line_chart(
        "Risk index (0–1)", [Line("risk", points, "#d62728")], first, last, y_max=1.0, marker=as_of
    )
