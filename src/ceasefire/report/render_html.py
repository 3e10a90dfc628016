"""The brief as one self-contained HTML page: CSS inline, charts as inline SVG, no script and no
network. Report text is escaped by Jinja2's autoescape; links are kept only for http(s) URLs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ceasefire.report.brief import DISPUTE_DAYS, Brief, LedgerSeries
from ceasefire.report.charts import ledger_chart, risk_chart
from ceasefire.report.wording import plural, status_label

TEMPLATES = Path(__file__).parent / "templates"


def safe_url(url: str | None) -> bool:
    """Only absolute http(s) links become hrefs (no javascript:, data: or relative paths)."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["label"] = status_label
    env.filters["safe_url"] = safe_url
    env.filters["plural"] = plural
    return env


def chart_range(series: list[LedgerSeries], as_of: date) -> tuple[date, date]:
    days = [p.day for s in series for p in (*s.done, *s.agreed)]
    first = min(days, default=as_of)
    last = max([*days, as_of])
    return first, last


def render_html(brief: Brief) -> str:
    first, last = chart_range(brief.ledger, brief.as_of)
    ledger_svgs = [
        Markup(ledger_chart(s, first, last, brief.as_of)) for s in brief.ledger if s.done or s.agreed
    ]
    template = _environment().get_template("brief.html.j2")
    return template.render(
        b=brief,
        ledger_charts=ledger_svgs,
        risk_chart=Markup(risk_chart(brief.risk, brief.as_of)),
        dispute_days=DISPUTE_DAYS,
    )
