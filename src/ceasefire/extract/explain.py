"""``explain``: what the pipeline saw in a sentence, which rules fired, and why others did not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ceasefire.extract.event import Event

if TYPE_CHECKING:
    from ceasefire.extract.pipeline import Extractor


@dataclass(slots=True)
class TokenView:
    text: str
    start: int
    end: int
    verb: str
    noun: str


@dataclass(slots=True)
class MentionView:
    text: str
    actor: str
    how: str
    role: str  # "actor name" or "place"


@dataclass(slots=True)
class TriggerView:
    text: str
    rule: str
    type: str
    frame: str
    outcome: str  # "event", or why it gave none


@dataclass(slots=True)
class Explanation:
    text: str
    date: dt.date | None
    tokens: list[TokenView] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[MentionView] = field(default_factory=list)
    triggers: list[TriggerView] = field(default_factory=list)
    not_fired: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def explain_sentence(extractor: Extractor, text: str, date: dt.date | None) -> Explanation:
    analysis = extractor.analyse(text, date, "explain")
    out = Explanation(text, date)
    out.tokens = [TokenView(t.text, t.start, t.end, t.verb, t.noun) for t in analysis.tokens]
    fired = {(e.trigger_span, e.rule) for e in analysis.events}
    for trace in analysis.sentences:
        out.sentences.append((trace.sentence.start, trace.sentence.end))
        out.mentions += [MentionView(m.text, m.actor, m.how, "actor") for m in trace.mentions]
        out.mentions += [MentionView(p.name, p.belongs_to or "", "gazetteer", "place") for p in trace.places]
        for hit in trace.hits:
            if hit.suppressed:
                outcome = f"no event: {hit.suppressed}"
            elif ((hit.start, hit.end), hit.rule.id) in fired:
                outcome = "event"
            else:
                outcome = "no event: merged with another event of the report"
            if hit.object:
                outcome += f" (object {hit.object} from {hit.object_from})"
            out.triggers.append(TriggerView(hit.text, hit.rule.id, hit.rule.type, hit.rule.frame, outcome))
        out.not_fired += trace.refused
    out.events = analysis.events
    return out


def render_explanation(explanation: Explanation, console: Console) -> None:
    """Print an explanation as Rich tables (the CLI's ``explain``)."""
    console.print(f"[bold]date[/bold] {explanation.date or 'none (relative days unresolved)'}")
    tokens = Table("#", "token", "span", "verb lemma", "noun lemma", title="tokens")
    for n, token in enumerate(explanation.tokens):
        tokens.add_row(str(n), escape(token.text), f"{token.start}-{token.end}", token.verb, token.noun)
    console.print(tokens)
    mentions = Table("text", "stands for", "how", "kind", title="actor and place mentions")
    for mention in explanation.mentions:
        mentions.add_row(escape(mention.text), mention.actor, escape(mention.how), mention.role)
    console.print(mentions)
    triggers = Table("trigger", "rule", "type", "frame", "outcome", title="rules that fired")
    for trig in explanation.triggers:
        triggers.add_row(escape(trig.text), trig.rule, trig.type, trig.frame, escape(trig.outcome))
    console.print(triggers)
    if explanation.not_fired:
        console.print("[bold]rules that did not fire[/bold]")
        for line in explanation.not_fired:
            console.print("  " + escape(line))
    events = Table(
        "type", "actor", "target", "object", "mode", "date", "qty", "rule", "reason", title="events"
    )
    for e in explanation.events:
        qty = f"{e.quantity.value} {e.quantity.unit}" if e.quantity else ""
        events.add_row(
            e.type,
            e.actor or "",
            e.target or "",
            e.object or "",
            e.mode,
            e.date or "",
            qty,
            e.rule,
            escape(e.reason),
        )
    console.print(events)
