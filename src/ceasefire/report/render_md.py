"""The brief as Markdown for chat and email: footnotes as ``[^n]``, charts as tables and a sparkline.

Report text is untrusted: every interpolated string is flattened to one line and has the Markdown
control characters backslash-escaped, so it can open no link, image, emphasis, code span, table
cell or raw HTML; URLs become autolinks only when they are plain http(s) addresses.
"""

from __future__ import annotations

import re

from ceasefire.report.brief_model import Brief, Footnote, Statement
from ceasefire.report.render_html import safe_url
from ceasefire.report.wording import plural, status_label

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&#!])")
_SPACE = re.compile(r"\s+")
_SPARK = "▁▂▃▄▅▆▇█"
_PLAIN_URL = re.compile(r"^https?://[^\s<>()\[\]`\\]+$")


def md(text: object) -> str:
    """Escape ``text`` for inline Markdown (one line, control characters escaped)."""
    flat = _SPACE.sub(" ", "" if text is None else str(text)).strip()
    return _SPECIAL.sub(r"\\\1", flat)


def refs(numbers: list[int]) -> str:
    return "".join(f"[^{n}]" for n in numbers) if numbers else " _(no report)_"


def _statement(s: Statement) -> str:
    return f"- {md(s.text)}{refs(s.refs)}"


def _footnote(n: Footnote) -> str:
    text = md(n.title or n.doc_id)
    if n.outlet:
        text += f" — {md(n.outlet)}"
    if n.published:
        text += f", {n.published}"
    text += f" \\[{md(n.doc_id)}\\]"
    if n.url:
        plain = safe_url(n.url) and _PLAIN_URL.match(n.url.strip())
        text += f" <{n.url.strip()}>" if plain else f" {md(n.url)}"
    return f"[^{n.number}]: {text}"


def sparkline(values: list[float]) -> str:
    return "".join(_SPARK[min(len(_SPARK) - 1, int(max(0.0, min(1.0, v)) * len(_SPARK)))] for v in values)


def render_markdown(b: Brief) -> str:
    out: list[str] = [
        f"# {md(b.title)} — brief as of {b.as_of}",
        "",
        f"Agreement {md(b.agreement_id)}; parties {md(', '.join(b.parties))}; {b.reports_used} reports "
        f"published on or before {b.as_of}; changes since {b.previous}.",
        "",
        f"**{md(b.headline.text)}**{refs(b.headline.refs)}",
        "",
    ]
    if b.key_points:
        out += ["## Needs attention", "", *(_statement(s) for s in b.key_points), ""]
    out += [f"## What changed since {b.previous}", ""]
    out += [_statement(s) for s in b.changes] or ["No status changed and no new story was reported."]
    out += ["", "## Provisions", ""]
    if b.obligations:
        out += ["| obligation | by | due | status | agreed | done | why |", "|---|---|---|---|---|---|---|"]
    else:
        out.append("No obligation has started or been reported on yet.")
    for o in b.obligations:
        out.append(
            f"| {md(o.id)} | {md(o.obligor or '')} | {o.due or 'standing'} "
            f"| **{md(status_label(o.status))}** | {md(o.agreed)} | {md(o.done)} "
            f"| {md(o.reason)}{refs(o.refs)} |"
        )
    if b.not_due:
        out += ["", f"Not yet due: {md(', '.join(b.not_due))}."]
    out += ["", "## Exchange ledger: cumulative against agreed", ""]
    out += [
        f"| side | unit | handed over | agreed by {b.as_of} | agreed in all | reports |",
        "|---|---|---|---|---|---|",
    ]
    for s in b.ledger:
        total = "" if s.agreed_total is None else str(s.agreed_total)
        out.append(
            f"| {md(s.party)} | {md(plural(s.unit))} | {s.done_total} | {s.agreed_to_date} | {total} "
            f"| {refs(s.refs).strip()} |"
        )
    out += ["", "## Risk", ""]
    if b.risk_today is not None:
        previous = f" (previous day {b.risk_previous:.2f})" if b.risk_previous is not None else ""
        out.append(f"Risk index on {b.as_of}: **{b.risk_today:.2f}**{previous}.")
        spark = sparkline([p.value for p in b.risk])
        out.append(f"Last {len(b.risk)} days, {b.risk[0].day} to {b.risk[-1].day}: `{spark}`")
        out += ["", "The day's drivers:", ""]
        out += [f"- {md(d.text)}: weight {d.weight:.2f}{refs(d.refs)}" for d in b.drivers] or ["- none"]
    else:
        out.append("No risk index before the agreement takes effect.")
    out += ["", "## Due next", ""]
    if b.due:
        out += ["| due | days | what | by | status |", "|---|---|---|---|---|"]
        for d in b.due:
            out.append(
                f"| {d.due} | {d.days_left} | {md(d.id)}: {md(d.what)}{refs(d.refs)} | {md(d.obligor or '')} "
                f"| **{md(status_label(d.status))}** |"
            )
    else:
        out.append("Nothing due in the next days.")
    out += ["", "## Ultimatums", ""]
    out += [_statement(s) for s in b.ultimatums] or ["No ultimatum reported."]
    out += ["", "## Open disputes (claims, not verified facts)", ""]
    for d in b.disputes:
        quote = f" — “{md(d.quote[:180])}”" if d.quote else ""
        out.append(f"- {d.date or 'undated'}: {md(d.text)}{refs(d.refs)}{quote}")
    if not b.disputes:
        out.append("No recent accusation or denial.")
    out += ["", "## Sources", ""]
    out += [_footnote(n) for n in b.footnotes]
    return "\n".join(out) + "\n"
