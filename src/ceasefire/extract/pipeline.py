"""The extraction pipeline: small components over one report, in spaCy's manner.

tokens → sentences → actor and place mentions → triggers and cues per sentence → speech-act objects
and suppression of complements → roles, mode, source → date and quantity → events, deduplicated per
report. Every event names the rule that produced it, why, its sentence and trigger spans.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, TypeVar

from ceasefire.actors.registry import ActorRegistry
from ceasefire.extract.anchors import (
    UNITS_FOR,
    choose_date,
    choose_quantity,
    count_nearby,
    counts_by_people,
    people_of,
    subject_count,
)
from ceasefire.extract.attackers import drop_unnamed_state_attackers
from ceasefire.extract.complements import (
    link_complements,
    offered_step,
    proposal_content,
    proposal_terms,
    threatened_step,
    ultimatum_step,
)
from ceasefire.extract.dates import find_dates, is_month_name
from ceasefire.extract.dedupe import dedupe_events, ranked
from ceasefire.extract.event import SPEECH_TYPES, Event
from ceasefire.extract.filters import (
    HISTORY_REACH,
    HOSTAGE_WORDS,
    PRISONER_WORDS,
    after_deadline_cue,
    capitalised_name,
    deal_day,
    during_attack,
    expand_both,
    force_of,
    imperative,
    inside_markup,
    link_line_pattern,
    names_past_year,
    people_noun,
    running_toll,
    running_total,
)
from ceasefire.extract.gcpause import gc_paused
from ceasefire.extract.lexicon import Lexicon, load_lexicon
from ceasefire.extract.mentions import Mention, MentionFinder, PlaceMention
from ceasefire.extract.numbers import QuantityMention, find_quantities
from ceasefire.extract.provenance import sentence_event
from ceasefire.extract.roles import (
    SentenceContext,
    assign_roles,
    holder,
    is_nominal,
    mode_of,
    nearest_place,
    speaker_of,
)
from ceasefire.extract.targets import named_targets
from ceasefire.extract.tokens import Sentence, Token, Tokenizer
from ceasefire.extract.triggers import CueMatcher, TriggerHit, TriggerMatcher
from ceasefire.extract.truce_day import dated_truce
from ceasefire.extract.voice import in_voice
from ceasefire.ingest.document import Document

# the plain-text form's first line: " date YYYY-MM-DD" then the title (SPEC §1); some corpora put the
# lede there instead of a title, so only a repeat of the report's title is skipped
PLAINTEXT_DATE = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}[ \t]*")
# talks and agreements are news when announced even without a day; the deal's steps are not
# a party saying it will take one of these steps of the deal has pledged it
PLEDGED_STEPS = frozenset({"RELEASE", "WITHDRAW", "AID", "RETURN"})
# speech acts about a step to come: a day named with that step is the step's, not the speech act's
ABOUT_FUTURE = frozenset({"PLEDGE", "THREATEN", "DEMAND"})
UNDATED_PLANS_OK = SPEECH_TYPES | {"CONSULT", "AGREE"}
PRISONERS, HOSTAGES = frozenset({"prisoner"}), frozenset({"hostage", "body"})
# steps whose count a neighbouring sentence may tell: the people freed and the killed (a returns'
# "person" count is too common a noun to borrow across sentences)
NEARBY_COUNTED = frozenset({"RELEASE", "ATTACK"})
# "be ready/prepared/willing to …": a pledge only when what follows is a step of the deal
READY = (["ready"], ["prepared"], ["willing"])
# an event dated this many days before the report is background history, not news (SPEC §5 keeps
# background only after a cut-off; a report about a truce rarely reaches back half a year)
HISTORY_DAYS = 180
# "in September" told in a late-November report: a step dated only by a month that ended this many
# days before the report is background; the truce's own making and stalling ("reached in November",
# "delayed the pullout in January") stays: the report's story rests on it
OLD_MONTH_DAYS = 45
MONTH_HISTORY_KEPT = frozenset({"AGREE", "SUSPEND"})
# clause openers after which an undated deal by nobody named is only the frame of the report
BACKGROUND_CLAUSE = frozenset({"since", "after"})
PASSIVE_BE = frozenset({"was", "were", "been"})  # "since the deal was agreed": told as done before
MONTH_LEVEL = ("(month-year)", "(month-nearest)", "(relative-month)")


ASIDE_REACH = 5  # tokens a short parenthesis may hold: "on Friday (March 28) struck …"


def past_aside(ctx: SentenceContext, lo: int) -> int:
    """The clause start for dating: a short parenthesis just before the clause ("Israel on Friday
    (March 28) struck …") is an aside, so the day before it still belongs to the clause."""
    first = ctx.sentence.first
    if lo - 1 <= first or ctx.tokens[lo - 1].text != ")":
        return lo
    for k in range(lo - 2, max(first, lo - 2 - ASIDE_REACH) - 1, -1):
        if ctx.tokens[k].text == "(":
            dated = is_month_name(ctx.tokens[k + 1].text) or ctx.tokens[k + 1].text[:1].isdigit()
            return ctx.clause_bounds(k - 1)[0] if dated and k - 1 >= first else lo
    return lo


@dataclass(slots=True)
class SentenceTrace:
    """What happened in one sentence, for ``explain``."""

    sentence: Sentence
    hits: list[TriggerHit]
    refused: list[str]
    mentions: list[Mention]
    places: list[PlaceMention]

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        sentence: Sentence,
        hits: list[TriggerHit],
        refused: list[str],
        mentions: list[Mention],
        places: list[PlaceMention],
    ) -> None:
        self.sentence = sentence
        self.hits = hits
        self.refused = refused
        self.mentions = mentions
        self.places = places


@dataclass(slots=True)
class Analysis:
    tokens: list[Token]
    sentences: list[SentenceTrace] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        tokens: list[Token],
        sentences: list[SentenceTrace] | None = None,
        events: list[Event] | None = None,
    ) -> None:
        self.tokens = tokens
        self.sentences = [] if sentences is None else sentences
        self.events = [] if events is None else events


class Extractor:
    def __init__(
        self,
        lexicons: Sequence[Path] = (),
        actors: ActorRegistry | None = None,
        history_days: int = HISTORY_DAYS,
    ) -> None:
        self.lexicon: Lexicon = load_lexicon(lexicons)
        self.registry = actors or ActorRegistry.load()
        self.tokenizer = Tokenizer(w for rule in self.lexicon.abbreviations for w in rule.words)
        self.finder = MentionFinder(self.registry, self.lexicon)
        self.cues = CueMatcher(self.lexicon)
        self.triggers = TriggerMatcher(self.lexicon)
        self.mediators = set(self.lexicon.cue_words("mediator"))
        self.mutual = set(self.lexicon.cue_words("mutual"))
        self.mutual_if_reciprocal = set(self.lexicon.cue_words("mutual-if-reciprocal"))
        self.needs_actor = set(self.lexicon.cue_words("needs-actor"))
        self.link_line = link_line_pattern(self.lexicon.cue_words("link-line"))
        self.history_days = history_days
        self.kinds: dict[str, str] = {entry.id: entry.kind for entry in self.registry.entries()}
        self.states = frozenset(k for k, v in self.kinds.items() if v == "state")
        # civilian populations (registry kind "people"): never a party, a doer or an antecedent
        self.peoples = frozenset(k for k, v in self.kinds.items() if v == "people")

    # ---- public API
    def extract_document(self, doc: Document) -> list[Event]:
        # the plain-text form keeps its " date YYYY-MM-DD Title" header in the text: not report prose
        return self.analyse(doc.text, _base_date(doc), doc.id, skip_to=body_start(doc)).events

    def pipe(self, docs: Iterable[Document], batch_size: int = 256) -> Iterator[tuple[Document, list[Event]]]:
        """Stream (document, events) pairs; nothing is kept between documents, so memory stays flat.

        ``batch_size`` is accepted for spaCy-like call sites; documents are handled one at a time.
        The cyclic GC is paused while each report is extracted, never while the caller runs (gcpause.py).
        """
        for doc in docs:
            with gc_paused():
                events = self.extract_document(doc)
            yield doc, events

    def explain(self, sentence: str, date: dt.date | None = None):  # type: ignore[no-untyped-def]
        from ceasefire.extract.explain import explain_sentence

        return explain_sentence(self, sentence, date)

    # ---- the pipeline
    def analyse(self, text: str, base: dt.date | None, doc_id: str = "doc", skip_to: int = 0) -> Analysis:
        tokens = self.tokenizer.tokens(text, skip_to)
        analysis = Analysis(tokens)
        if not tokens:
            return analysis
        sentences = self.tokenizer.sentences(text, tokens)
        mentions, places = self.finder.find(text, tokens)
        blocked = {k for m in mentions if not m.how.startswith("anaphora") for k in range(m.first, m.last)}
        blocked |= {k for p in places for k in range(p.first, p.last)}
        blocked |= inside_markup(text, tokens, self.link_line)
        sides = self._main_parties(mentions)
        population = next((m.actor for m in mentions if m.actor in self.peoples), None)
        mentions = expand_both(mentions, sides)
        events: list[Event] = []
        counts: dict[int, list[QuantityMention]] = {}  # each sentence's counts, read once a report
        # mentions and places grouped by sentence in one pass each (in their order), not per sentence
        by_mention = _by_sentence(sentences, mentions)
        by_place = _by_sentence(sentences, places)
        for number, sentence in enumerate(sentences):
            s_mentions = by_mention[number]
            s_places = by_place[number]
            hits, refused = self.triggers.find(text, tokens, sentence.first, sentence.last, blocked)
            analysis.sentences.append(SentenceTrace(sentence, hits, refused, s_mentions, s_places))
            if not hits:
                continue
            marks = self.cues.marks(tokens, sentence.first, sentence.last)
            ctx = SentenceContext(
                text, tokens, sentence, marks, s_mentions, s_places, self.states, self.peoples
            )
            link_complements(ctx, hits)
            truces = [h for h in hits if h.rule.frame == "complement" and h.rule.type == "AGREE"]
            live = [hit for hit in hits if not hit.suppressed]
            if not live and not truces:
                continue
            # the date and number readers are the costliest steps: only where an event may come out
            dates = find_dates(text, sentence.start, sentence.end)
            for hit in truces:
                events += dated_truce(ctx, hit, number, doc_id, base, dates, self.history_days)
            counted = any(hit.rule.type in UNITS_FOR for hit in live)
            quantities = self._quantities_in(text, analysis.sentences, counts, number) if counted else []
            told = len(events)
            for hit in live:
                events += self._events_for(
                    ctx, hit, number, doc_id, base, dates, quantities, sides, population
                )
            deadlines = [d.span[0] for d in dates if after_deadline_cue(ctx, d.span[0])]
            step = ultimatum_step(ctx, hits, deadlines) if deadlines else None
            if step is not None:
                events += [
                    replace(e, type="DEMAND", object=step, rule=f"{e.rule}+ultimatum", extra=dict(e.extra))
                    for e in events[told:]
                    if e.type == "THREATEN"
                ]
        # attacks the report's named ones contradict go first: a count told with one goes to its neighbour
        events = drop_unnamed_state_attackers(events, self.kinds)
        events = self._split_by_people_nearby(text, tokens, analysis.sentences, events, counts)
        self._counts_nearby(text, tokens, analysis.sentences, events, counts)
        analysis.events = dedupe_events(events, self.kinds)
        return analysis

    @staticmethod
    def _quantities_in(
        text: str, traces: list[SentenceTrace], counts: dict[int, list[QuantityMention]], number: int
    ) -> list[QuantityMention]:
        """The counts of sentence ``number``, read once per report (``counts`` keeps them)."""
        found = counts.get(number)
        if found is None:
            sentence = traces[number].sentence
            found = counts[number] = find_quantities(text, sentence.start, sentence.end)
        return found

    def _split_by_people_nearby(
        self,
        text: str,
        tokens: list[Token],
        traces: list[SentenceTrace],
        events: list[Event],
        counts: dict[int, list[QuantityMention]],
    ) -> list[Event]:
        """A release whose next sentence, telling no release of its own, counts the freed by whose people
        they are ("… the release of eight hostages. Those freed included two Israelis and five Thai
        nationals."): one release per people, each with its count (as when one sentence tells both)."""
        told = {e.sentence for e in events if e.type == "RELEASE"}
        out: list[Event] = []
        for event in events:
            number = event.sentence + 1
            if event.type != "RELEASE" or event.mode != "occurred" or number >= len(traces) or number in told:
                out.append(event)
                continue
            trace = traces[number]
            ctx = SentenceContext(text, tokens, trace.sentence, {}, trace.mentions, [])
            groups = counts_by_people("RELEASE", self._quantities_in(text, traces, counts, number), ctx)
            have = event.quantity
            if (
                not groups
                or event.actor in dict(groups)
                or (
                    have is not None
                    and (have.unit != groups[0][1].unit or sum(q.value for _, q in groups) > have.value)
                )
            ):
                out.append(event)
                continue
            out += [
                replace(
                    event,
                    target=who,
                    quantity=n,
                    reason=f"{event.reason}; quantity: {n.value} {n.unit} of {who} told in the next sentence",
                    extra=dict(event.extra),
                )
                for who, n in groups
            ]
        return out

    def _counts_nearby(
        self,
        text: str,
        tokens: list[Token],
        traces: list[SentenceTrace],
        events: list[Event],
        counts: dict[int, list[QuantityMention]],
    ) -> None:
        """A step told in one sentence and counted in the next or the one before, which tells no step of
        its kind ("Israel struck Gaza overnight. Officials said 200 people died.")."""
        told = {(e.sentence, e.type) for e in events}
        for event in events:
            if event.type not in NEARBY_COUNTED or event.mode != "occurred":
                continue
            if event.quantity is not None and not event.quantity.approx:
                continue
            units = UNITS_FOR[event.type]
            if event.type == "RELEASE":
                # the people its own sentence names; else states hold prisoners, armed groups hostages
                own = traces[event.sentence].sentence
                words = {t.noun or t.lower for t in tokens[own.first : own.last]}
                held = HOSTAGES if words & HOSTAGE_WORDS else frozenset()
                held |= PRISONERS if words & PRISONER_WORDS else frozenset()
                if held == PRISONERS | HOSTAGES and not event.extra.get("dated"):
                    continue  # a retelling naming both sides' people: whose count is unclear
                if not held:
                    held = PRISONERS if self.kinds.get(event.actor or "") == "state" else HOSTAGES
                units = units & held
            # a neighbour may count it; an exact figure anywhere in the report may refine a rounded one
            # ("more than 400 killed" in the lede, "the bodies of 413 people" further down)
            near = [event.sentence + 1, event.sentence - 1]
            if event.quantity is not None:
                near += sorted(
                    (n for n in range(len(traces)) if abs(n - event.sentence) > 1),
                    key=lambda n: abs(n - event.sentence),
                )
            for number in near:
                if not 0 <= number < len(traces) or (number, event.type) in told:
                    continue
                sentence = traces[number].sentence
                ctx = SentenceContext(text, tokens, sentence, {}, [], [])
                found = count_nearby(
                    event.type, units, self._quantities_in(text, traces, counts, number), ctx, event.quantity
                )
                if found is not None:
                    where = "a neighbouring sentence" if abs(number - event.sentence) == 1 else "the report"
                    event.quantity = found
                    event.reason += f"; quantity: {found.value} {found.unit} told in {where}"
                    break

    def _main_parties(self, mentions: list[Mention]) -> list[str]:
        """The two actors a report is mostly about, mediators and civilians aside, for unnamed agents."""
        return ranked(
            m.actor
            for m in mentions
            if not m.how.startswith("anaphora")
            and m.actor not in self.mediators
            and m.actor not in self.peoples
        )[:2]

    def _events_for(
        self,
        ctx: SentenceContext,
        hit: TriggerHit,
        number: int,
        doc_id: str,
        base: dt.date | None,
        dates: list,  # type: ignore[type-arg]
        quantities: list,  # type: ignore[type-arg]
        sides: list[str],
        population: str | None = None,
    ) -> list[Event]:
        rule = hit.rule
        kind = rule.type
        reach = min(ctx.sentence.last, hit.last + HISTORY_REACH)
        history = ctx.first_of("history", max(ctx.sentence.first, hit.first - HISTORY_REACH), reach)
        while history is not None and ctx.has(history, "recent"):
            history = ctx.first_of("history", history + 1, reach)  # "hours before the truce": news
        if history is not None:
            hit.suppressed = f"background history ({ctx.tokens[history].text!r} nearby)"
            return []
        wish = ctx.first_of("aspiration", max(ctx.sentence.first, hit.first - 4), hit.first)
        if wish is not None and hit.rule.type not in SPEECH_TYPES:
            hit.suppressed = f"a wish or possibility ({ctx.tokens[wish].text!r}…), not an event"
            return []
        if capitalised_name(ctx, hit):
            hit.suppressed = f"'{hit.text}' capitalised inside the sentence: part of a name"
            return []
        if kind == "ATTACK" and is_nominal(ctx, hit) and during_attack(ctx, hit):
            hit.suppressed = "an attack named as the time of something else ('during the …'): background"
            return []
        if kind not in SPEECH_TYPES and imperative(ctx, hit):
            hit.suppressed = f"an order ('{hit.text} …'), not an event"
            return []
        described = ctx.first_of("description", max(ctx.sentence.first, hit.first - 4), hit.first)
        if described is not None and kind in PLEDGED_STEPS and is_nominal(ctx, hit):
            hit.suppressed = f"a step named as what a deal contains ({ctx.tokens[described].text!r}…)"
            return []
        content = proposal_content(ctx, hit) if kind in PLEDGED_STEPS else None
        if content is not None:
            hit.suppressed = f"what a proposal holds ({ctx.tokens[content].text!r} …), not an event"
            return []
        terms = proposal_terms(ctx, hit)
        if terms is not None:
            hit.suppressed = f"what a proposal asks ({ctx.tokens[terms].text!r}…), not a party's demand"
            return []
        offer = offered_step(ctx, hit)
        if offer is not None:
            hit.suppressed = f"a step a proposal holds out ({ctx.tokens[offer].text!r}…), not an event"
            return []
        total = running_total(ctx, hit) if kind == "RELEASE" else None
        if total is not None:
            hit.suppressed = f"a running total of people freed ({total!r}), not a handover"
            return []
        mode, mode_reason = mode_of(ctx, hit)
        speaker = speaker_of(ctx, hit)
        roles = in_voice(ctx, hit, assign_roles(ctx, hit, speaker), speaker)
        if rule.frame == "accusation" and not roles.actors:
            hit.suppressed = roles.actor_from
            return []
        if rule.frame == "accusation" and roles.target is None:
            others = [s for s in sides if s != roles.actors[0].actor]
            roles.target = others[0] if others else None
            roles.target_from = "the other main party of the report"
        if mode == "negated" and rule.invert:
            kind, mode, mode_reason = rule.invert, "occurred", f"{mode_reason}: read as {rule.invert}"
        obj = None
        if kind == "SUSPEND" and threatened_step(ctx, hit):
            # "could cut off aid unless they agree": the halt is held over the other side, a threat
            kind, hit.object, mode = "THREATEN", "SUSPEND", "occurred"
            mode_reason = f"{mode_reason}: a step under a condition read as THREATEN"
        if kind == "ATTACK" and mode == "planned":
            # a party announcing strikes to come is threatening them (SPEC §5)
            kind, hit.object, mode_reason = (
                "THREATEN",
                "ATTACK",
                f"{mode_reason}: attack to come read as THREATEN",
            )
        if kind == "PLEDGE" and hit.object is None and hit.text.lower().split()[-2:-1] in READY:
            # "the lab is prepared to run tests", "we are ready to take this step": ready for no deal's step
            hit.suppressed = f"'{hit.text}' a step that is none of the deal's"
            return []
        if kind in SPEECH_TYPES:
            obj = hit.object or rule.object
            if kind == "PLEDGE" and obj == "ATTACK":
                kind = "THREATEN"  # a vow to resume fighting is a threat
            if kind == "THREATEN" and hit.object is None:
                obj = "ATTACK"
            mode = "negated" if mode == "negated" else "occurred"
        actors: list[str | None] = [m.actor for m in roles.actors] or [None]
        target = roles.target
        actor_from = roles.actor_from
        quantity, q_reason = choose_quantity(kind, hit, quantities, ctx)
        groups = counts_by_people(kind, quantities, ctx)
        # "another two were freed": more of a step already counted
        added = quantity is not None and any(m.more and m.value == quantity.value for m in quantities)
        # "the three other bodies": besides one told before
        besides = quantity is not None and any(m.besides and m.value == quantity.value for m in quantities)
        bare = subject_count(ctx, hit) if quantity is None and kind == "RELEASE" else None
        if bare is not None:
            quantity, added = bare
            q_reason = f"{quantity.value} {quantity.unit}s the sentence names, told as a bare count"
        if groups and any(a in dict(groups) for a in actors):
            actors = [None]  # "Thai" in "five Thai hostages" is whose people, not who frees them
        counted = next((m for m in quantities if quantity and m.value == quantity.value), None)
        owner = people_of(counted, ctx) if kind == "RELEASE" and counted is not None else None
        if owner is not None and owner not in actors and owner != target:
            # "Ninety Palestinians were freed from Israeli jails": the people counted are the freed
            target, roles.target_from = owner, f"whose people are counted ({owner})"
        if actors == [None] and kind == "RELEASE":
            held = holder(ctx, hit)
            if held is not None and held.actor != target:
                actors, actor_from = [held.actor], f"holder of the people freed {held.text!r}"
        force = force_of(ctx, hit) if actors == [None] and kind == "ATTACK" else None
        if force is not None:
            actors, actor_from = [force.actor], f"whose forces or arms are named after it ({force.text!r} …)"
            target = None if target == force.actor else target
        if actors == [None] and kind in ("RELEASE", "ATTACK") and rule.frame != "interception":
            unit = quantity.unit if quantity else people_noun(ctx, hit)
            inferred = self._other_side(kind, target, unit, sides)
            if inferred:
                actors, actor_from = [inferred], f"other party of the report ({inferred}), none named"
        # coordinated doers act on each other: "Israel and Hamas agreed", "A and B exchanged prisoners",
        # "A and B traded blame" (not "Egypt and Jordan condemned the decision")
        reciprocal = kind in self.mutual_if_reciprocal and ctx.first_of("reciprocal") is not None
        mutual = len(roles.actors) > 1 and (kind in self.mutual or rule.mutual or reciprocal)
        if kind == "RELEASE" and target is None and actors[0] is not None and not mutual:
            others = [s for s in sides if s != actors[0]]
            target = others[0] if others else None
        if kind == "AID" and actors == [None] and target is None:
            target = population  # aid nobody is named to give goes to the report's civilians
        tense: Literal["past", "future"] = "future" if mode == "planned" else "past"
        lo, hi = ctx.clause_bounds(hit.first)
        lo = past_aside(ctx, lo)
        clause = (ctx.tokens[lo].start, ctx.tokens[hi - 1].end if hi > lo else ctx.sentence.end)
        speech = kind in SPEECH_TYPES
        if speech:
            # a speech act is dated on the day it was made, not on a deadline or scheduled day it names
            dates = [
                d
                for d in dates
                if not after_deadline_cue(ctx, d.span[0])
                and (kind not in ABOUT_FUTURE or hit.complement_at is None or d.span[0] < hit.complement_at)
            ]
        if kind in PLEDGED_STEPS | {"MOBILIZE"} and mode == "planned":
            # "the deal that took effect on Nov. 27 said the army was to deploy": the deal's day, not a step's
            dates = [d for d in dates if not deal_day(ctx.text, d.span)]
        date, d_reason = choose_date(hit, dates, base, "past" if speech else tense, clause, speech)
        dated = not d_reason.startswith("no day")
        old_year = names_past_year(ctx, hit, base) if base is not None and not dated else None
        if old_year is not None:
            hit.suppressed = f"background history (the year {old_year} nearby)"
            return []
        if mode == "planned" and kind not in UNDATED_PLANS_OK and not dated:
            hit.suppressed = "a planned step with no day of its own: a description of the deal, not an event"
            return []
        provision = ctx.first_of("provision")
        if provision is not None and kind not in UNDATED_PLANS_OK and not dated:
            hit.suppressed = f"what the deal provides ({ctx.tokens[provision].text!r}…), not a dated step"
            return []
        # an interception tells an attack on the interceptor even when the sender is not named
        unnamed_sender = rule.frame == "interception" and target is not None
        if actors == [None] and kind in self.needs_actor and not unnamed_sender:
            hit.suppressed = f"a {kind} needs a doer and none is named"
            return []
        if (
            actors == [None]
            and kind == "AGREE"
            and not dated
            and lo > ctx.sentence.first
            and ctx.tokens[lo - 1].lower in BACKGROUND_CLAUSE
            and hit.first - 1 >= lo
            and ctx.tokens[hit.first - 1].lower in PASSIVE_BE
        ):
            # "since the deal was agreed, …": the deal is the frame of the news, not news of the day
            hit.suppressed = (
                f"a deal named by nobody after {ctx.tokens[lo - 1].text!r} with no day: background"
            )
            return []
        if actors == [None] and kind == "AGREE" and mode == "planned" and rule.frame != "agentless":
            # "the deal is expected to be finalised": a hope for a deal nobody is named as reaching
            hit.suppressed = (
                "a deal to be reached, extended or finalised by nobody named: a hope, not an event"
            )
            return []
        if (
            base is not None
            and date is not None
            and (base - dt.date.fromisoformat(date)).days > self.history_days
        ):
            hit.suppressed = f"dated {date}, more than {self.history_days} days before the report: history"
            return []
        if (
            base is not None
            and date is not None
            and kind not in MONTH_HISTORY_KEPT
            and d_reason.endswith(MONTH_LEVEL)
            and (base - dt.date.fromisoformat(date)).days > OLD_MONTH_DAYS
            and date[:7] < base.isoformat()[:7]
        ):
            hit.suppressed = f"dated only by a month ({date[:7]}) long before the report: history"
            return []
        if kind == "ATTACK" and quantity is not None and quantity.unit == "killed" and running_toll(ctx):
            # a toll since some point is no strike of one day: undated, and not a retelling of one
            date, d_reason, dated = None, "a running toll of the killed: no day of its own", True
        place = nearest_place(ctx, hit)
        source = speaker.actor if speaker else None
        if source is None and kind in SPEECH_TYPES and actors[0] is not None:
            source = actors[0]
        events: list[Event] = []
        if (
            mode == "planned"
            and kind in PLEDGED_STEPS
            and speaker is not None
            and actors == [speaker.actor]
            and not is_nominal(ctx, hit)
        ):
            # a party saying it will take a step is also its pledge, dated on the day it said so
            # the day said is named before the step, and is no deadline ("scheduled for Saturday")
            before = [d for d in dates if d.span[1] <= hit.start and not after_deadline_cue(ctx, d.span[0])]
            said, said_reason = choose_date(hit, before, base, "past", clause, True)
            events.append(
                sentence_event(
                    doc_id,
                    ctx,
                    hit,
                    number,
                    type="PLEDGE",
                    actor=speaker.actor,
                    target=target,
                    object=kind,
                    date=said,
                    source=speaker.actor,
                    rule=f"{rule.id}+pledge",
                    reason=f"{speaker.text!r} says it will {hit.text!r}: a pledge; date: {said_reason}",
                    extra={"dated": not said_reason.startswith("no day")},
                )
            )
        objects = hit.objects if kind == "ACCUSE" and len(hit.objects) > 1 else [obj]
        if kind == "ACCUSE" and len(objects) > 1 and "AGREE" in objects:
            objects.remove("AGREE")  # the general charge only when nothing specific is named
        # "urged Egypt and Qatar", "met A and B": one event per named addressee
        targets = named_targets(ctx, kind, roles) if target == roles.target else [target]
        for actor, obj, this_target in ((a, o, t) for a in actors for o in objects for t in targets):
            if mutual and this_target is None:
                others = [m.actor for m in roles.actors if m.actor != actor]
                this_target = others[0] if len(others) == 1 else None
            if this_target == actor or (kind == "AGREE" and actor is None):
                this_target = None  # a truce reached or in force with no party named: nobody's, no target
            reason = "; ".join(
                x
                for x in (
                    f"actor: {actor_from or 'none named'}",
                    f"target: {roles.target_from or 'none'}"
                    + (f", one of the addressees named with it ({this_target})" if len(targets) > 1 else ""),
                    f"mode: {mode_reason}",
                    f"object: {hit.object_from}" if hit.object_from else "",
                    f"date: {d_reason}",
                    f"quantity: {q_reason}" if quantity else "",
                )
                if x
            )
            events.append(
                sentence_event(
                    doc_id,
                    ctx,
                    hit,
                    number,
                    type=kind,
                    actor=actor,
                    target=this_target,
                    object=obj,
                    mode=mode,
                    date=date,
                    quantity=quantity,
                    location=place.name if place else None,
                    source=source,
                    rule=rule.id,
                    reason=reason,
                    extra={"dated": not d_reason.startswith("no day"), "added": added}
                    | ({"besides": True} if besides else {}),
                )
            )
        if groups:
            # one release per people freed, each with its own count (ANNOTATION: distinct targets)
            own = [e for e in events if e.type == kind]
            split = [replace(e, target=who, quantity=n) for e in own for who, n in groups]
            events = [e for e in events if e.type != kind] + split
        return events

    def _other_side(self, kind: str, target: str | None, unit: str | None, sides: list[str]) -> str | None:
        """The agent a report leaves unnamed: the main party other than the target. For a release
        with no target, hostages are held by armed groups and prisoners by states."""
        if kind == "RELEASE" and unit in ("hostage", "body", "prisoner"):
            holder_kind = "state" if unit == "prisoner" else "group"
            found = next((s for s in sides if self.kinds.get(s) == holder_kind and s != target), None)
            if found is not None or target is None:
                return found
            # wire copy calls hostages "prisoners" too: whoever of the two parties is not their side
        if target is not None:
            others = [s for s in sides if s != target and self.registry.side_of(s) != target]
            if target in self.peoples:
                others = [s for s in others if self.kinds.get(s) == "state"]
            if kind == "ATTACK" and self.kinds.get(target) == "state":
                # attacks on a state by militants are theirs only when named (ANNOTATION), else nobody's
                others = [s for s in others if self.kinds.get(s) != "group"]
            return others[0] if others else None
        return None


_M = TypeVar("_M", Mention, PlaceMention)


def _by_sentence(sentences: list[Sentence], items: list[_M]) -> list[list[_M]]:
    """Items (keeping their order) in the sentence where their first token is; none outside them."""
    lasts = [s.last for s in sentences]
    out: list[list[_M]] = [[] for _ in sentences]
    for item in items:
        i = bisect_right(lasts, item.first)
        if i < len(sentences) and sentences[i].first <= item.first:
            out[i].append(item)
    return out


def body_start(doc: Document) -> int:
    """Where the report's prose starts: after the header's date, and after the rest of that line when it
    is the report's title (the plain-text form) rather than the lede (corpora that put the lede there)."""
    header = PLAINTEXT_DATE.match(doc.text)
    if not header:
        return 0
    line_end = doc.text.find("\n", header.end())
    line_end = len(doc.text) if line_end < 0 else line_end
    rest = doc.text[header.end() : line_end].strip()
    if not rest or (doc.title is not None and rest.casefold() == doc.title.strip().casefold()):
        return min(line_end + 1, len(doc.text))
    return header.end()


def _base_date(doc: Document) -> dt.date | None:
    value = doc.base_date
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
