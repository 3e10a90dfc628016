"""Number parsing and quantity finding (ceasefire.extract.numbers). Sentences written for these tests."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.extract.numbers import QuantityMention, find_quantities, parse_number, release_unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("369", 369),
        ("1,900", 1900),
        ("12,345,678", 12345678),
        ("three", 3),
        ("Thirty-three", 33),
        ("four hundred", 400),
        ("two hundred and fifty", 250),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("2.5 million", 2500000),
        ("1.9 million", 1900000),
        ("3 thousand", 3000),
        ("hundreds of", None),
        ("2.5", None),
        ("", None),
        ("banana", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def one(text: str) -> QuantityMention:
    found = [q for q in find_quantities(text) if q.unit is not None or q.vague]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "noun"),
    [
        ("The group freed three Israeli hostages at noon.", 3, "hostage", "hostages"),
        ("Authorities let 369 Palestinian prisoners go.", 369, "prisoner", "prisoners"),
        ("Some 1,900 detainees were on the list.", 1900, "prisoner", "detainees"),
        ("Thirty-three captives are covered by the first stage.", 33, "hostage", "captives"),
        ("Officials counted 600 aid trucks at the gate.", 600, "truck", "trucks"),
        ("Four lorries crossed before dawn.", 4, "truck", "lorries"),
        ("Medics treated two soldiers at the scene.", 2, "person", "soldiers"),
        ("The army received the remains of two captives.", 2, "body", "captives"),
        ("The militants returned four coffins.", 4, "body", "coffins"),
        ("The group handed over two deceased hostages.", 2, "body", "hostages"),
        ("Relief teams reached 5,000 displaced residents.", 5000, "person", "residents"),
        ("Four Thai nationals were among those freed.", 4, "person", "nationals"),
        ("Airstrikes left 400 dead across the region.", 400, "killed", "dead"),
        ("The ministry reported 40 deaths overnight.", 40, "killed", "deaths"),
    ],
)
def test_counted_nouns(text: str, value: int, unit: str, noun: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.noun) == (value, unit, noun)
    s, e = q.span
    assert parse_number(text[s:e]) == value


def test_modifiers_are_exposed() -> None:
    q = one("The service confirmed it freed 110 Israeli detainees overnight.")
    assert (q.value, q.unit, q.modifiers) == (110, "prisoner", ["Israeli"])


@pytest.mark.parametrize(
    "text",
    [
        "An air raid killed 29 people in the suburb.",
        "The shelling went on, killing at least 29 in the camp.",
        "At least 29 people were killed in the raid.",
        "Medics said 29 Palestinians have been killed since dawn.",
        "The death toll rose to 29 on the second day.",
        "Hospitals received the bodies of 29 people killed in the strikes.",
        "Rescuers found 29 killed under the rubble.",
    ],
)
def test_killed(text: str) -> None:
    q = one(text)
    assert (q.value, q.unit) == (29, "killed")


def test_approximations_keep_the_number() -> None:
    for cue in ("about", "more than", "nearly", "over", "at least", "some", "up to"):
        q = one(f"Officials said {cue} 600 trucks entered.")
        assert (q.value, q.approx, q.unit) == (600, True, "truck"), cue
    assert one("Exactly 600 trucks entered.").approx is False


def test_ranges() -> None:
    q = one("Between 90 and 100 detainees will go free.")
    assert (q.value, q.low, q.high, q.unit) == (90, 90, 100, "prisoner")
    q = one("Three to four hostages could be released.")
    assert (q.low, q.high, q.unit) == (3, 4, "hostage")
    q = one("They expect 90-100 prisoners on the buses.")
    assert (q.low, q.high) == (90, 100)
    q = one("Two or three captives remain unaccounted for.")
    assert (q.low, q.high) == (2, 3)


def test_from_to_is_two_numbers_not_a_range() -> None:
    found = find_quantities("Deliveries grew from 300 to 600 trucks.")
    assert [(q.value, q.unit, q.high) for q in found] == [(300, None, None), (600, "truck", None)]


def test_rates() -> None:
    assert one("The deal allows 600 trucks a day into the strip.").rate == "day"
    assert one("Up to 50 fuel trucks enter daily.").rate == "day"
    assert one("Some 200 trucks per week were promised.").rate == "week"
    assert one("Some 200 trucks arrived.").rate is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Hundreds of prisoners lined up at the gate.", "prisoner"),
        ("Dozens of trucks waited.", "truck"),
        ("Tens of thousands of displaced people walked north.", "person"),
        ("Several hostages were seen in the video.", "hostage"),
        ("Dozens killed as strikes resume", "killed"),
    ],
)
def test_vague(text: str, unit: str) -> None:
    q = one(text)
    assert (q.value, q.vague, q.unit) == (None, True, unit)


def test_article_counts_one() -> None:
    q = one("Late on Friday the group handed over a body to the Red Cross.")
    assert (q.value, q.unit) == (1, "body")
    assert find_quantities("Talks on a hostage deal resumed.") == []
    q = one("A body was handed over at dusk.")
    assert (q.span, q.value, q.unit) == ((0, 1), 1, "body")
    q = one("Medics carried an elderly man to the ambulance.")
    assert (q.value, q.unit, q.noun) == (1, "person", "man")


def test_compound_noun_is_not_a_count_of_people() -> None:
    q = find_quantities("There have been three hostage releases so far.")[0]
    assert (q.value, q.unit, q.noun) == (3, None, "releases")


@pytest.mark.parametrize(
    "text",
    [
        "The woman, aged 85, was freed.",
        "He was 85-year-old and frail.",
        "The war began in 2023 and dragged on.",
        "A 15-month war has ended.",
        "Crowds gathered on day 16 of the truce.",
        "UN Security Council Resolution 1701 is the basis.",
        "Prices rose 40 percent in a week.",
        "Prices rose 40% in a week.",
        "Donors pledged $1 billion for rebuilding.",
        "The release began at 3 a.m. local time.",
        "Buses left at 23:00 from the prison.",
        "The charter of 1987 was cited.",
        "The truce took effect on Jan. 19 in the morning.",
        "The truce took effect on 19 January.",
        "Call +972 3 555 1234 for details.",
        "One of the mediators said talks went well.",
        "Four more were released later.",
        "Hostages, three of them women, were shown.",
        "The first stage of the 42-day truce is fragile.",
    ],
)
def test_not_counts(text: str) -> None:
    assert [q for q in find_quantities(text) if q.unit is not None] == []


def test_adjectives_and_nationalities_before_the_noun() -> None:
    q = one("Militants freed three gaunt, frail-looking Israeli civilian men at the stage.")
    assert (q.value, q.unit, q.noun) == (3, "person", "men")
    q = one("Medics freed two more emaciated-looking captives at dawn.")
    assert (q.value, q.unit) == (2, "hostage")
    q = find_quantities("Monitors logged 300 Israeli violations of the truce.")[0]
    assert (q.value, q.unit, q.noun) == (300, None, "violations")
    q = one("Guards freed three Israeli women captives before noon.")
    assert (q.value, q.unit, q.noun) == (3, "hostage", "captives")


def test_nouns_outside_the_map_are_reported_without_unit() -> None:
    q = find_quantities("The militia fired 250 rockets overnight.")[0]
    assert (q.value, q.unit, q.noun) == (250, None, "rockets")
    assert find_quantities("The tally reached 633 since the truce began.")[0].noun is None


def test_partitive_and_ordinal_context() -> None:
    q = one("The first three hostages walked to the vehicles.")
    assert (q.value, q.unit) == (3, "hostage")
    q = one("Three of the prisoners were minors.")
    assert (q.value, q.unit) == (3, "prisoner")


def test_offsets_and_window() -> None:
    text = "Intro line. Later, 12 trucks and 7 bodies crossed."
    start = text.index("7")
    found = find_quantities(text, start)
    assert [(q.value, q.unit) for q in found] == [(7, "body")]
    assert text[found[0].span[0] : found[0].span[1]] == "7"
    assert [(q.value, q.unit) for q in find_quantities(text, 0, start)] == [(12, "truck")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The group freed four Israeli soldiers at the square.", "hostage"),
        ("Buses carried 90 Palestinians to the city.", "prisoner"),
        ("Among those freed were five Thai nationals.", "hostage"),
        ("The agency said 110 Israeli detainees were handed over.", "hostage"),
        ("The service freed 110 Palestinian detainees.", "prisoner"),
        ("Medics met the two deceased hostages.", "body"),
        ("Officials counted 600 aid trucks.", None),
        ("Three women were seen at the gate.", None),
    ],
)
def test_release_unit(text: str, unit: str | None) -> None:
    assert release_unit(find_quantities(text)[0]) == unit


_PIECES = [
    "three",
    "hostages",
    "369",
    "1,900",
    "a",
    "body",
    "between",
    "90",
    "and",
    "100",
    "killed",
    "at",
    "least",
    "people",
    "hundreds",
    "of",
    "$",
    "%",
    "a.m.",
    "Jan.",
    "-",
    ",",
    ".",
    "Israeli",
    "trucks",
    "a day",
    "\n",
]


@settings(deadline=None)  # first calls load lexicons and lemma data; no timed tests
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 40), st.integers(0, 200))
def test_finder_never_fails_and_spans_are_exact(pieces: list[str], start: int, length: int) -> None:
    text = " ".join(pieces)
    end = min(len(text), start + length)
    for q in find_quantities(text, start, end):
        assert start <= q.span[0] < q.span[1] <= end
        assert q.unit is None or q.unit in ("hostage", "prisoner", "body", "truck", "person", "killed")
        assert q.vague == (q.value is None)


def test_bad_units_lexicon_is_a_lexicon_error() -> None:
    import yaml

    from ceasefire.errors import LexiconError
    from ceasefire.extract.unit_lexicon import UnitLexicon, check_unit_lexicon

    assert check_unit_lexicon().endswith(": ok")
    with pytest.raises(LexiconError, match="number_tokens"):
        UnitLexicon({})
    good = yaml.safe_load(resources.files("ceasefire.extract").joinpath("lexicon", "units.yaml").read_text())
    with pytest.raises(LexiconError, match="unknown unit 'tank'"):
        UnitLexicon({**good, "units": {"tank": ["tank"]}})
    with pytest.raises(LexiconError, match="noun_phrase_stops"):
        UnitLexicon({**good, "noun_phrase_stops": [True]})  # an unquoted YAML "on"


def test_shares_ratios_and_people_still_held_are_not_counts_of_an_event() -> None:
    def parts(text: str) -> list[tuple[int | None, bool]]:
        return [(q.value, q.part) for q in find_quantities(text)]

    assert parts("two of the five hostages freed on Sunday") == [(2, True), (5, False)]
    assert parts("he was among the 40 prisoners freed") == [(40, True)]
    assert parts("one soldier for every 50 prisoners") == [(1, True), (50, True)]
    assert parts("four hostages still held in tunnels") == [(4, True)]
    assert parts("the group holds 12 hostages") == [(12, True)]
    assert parts("one of its doctors was killed") == [(1, False)]


def test_counts_in_an_inclusion_aside_are_parts_of_the_count_before_it() -> None:
    def parts(text: str) -> list[tuple[int | None, bool]]:
        return [(q.value, q.part) for q in find_quantities(text)]

    assert parts("31 people, including nine children and two medics, were killed") == [
        (31, False),
        (9, True),
        (2, True),
    ]
    assert parts("Israel freed 150 prisoners including 40 women, and Hamas freed six hostages") == [
        (150, False),
        (40, True),
        (6, False),
    ]
    assert parts("nine children and two medics were killed") == [(9, False), (2, False)]


def test_a_one_for_n_swap_is_a_ratio_not_a_count() -> None:
    def parts(text: str) -> list[tuple[int | None, bool]]:
        return [(q.value, q.part) for q in find_quantities(text)]

    assert parts("one woman soldier for 40 prisoners") == [(1, True), (40, True)]
    assert parts("an elderly hostage for thirty prisoners") == [(1, True), (30, True)]
    assert parts("three hostages for 90 prisoners") == [(3, False), (90, False)]  # a swap, counted
    assert parts("one prisoner for medical reasons") == [(1, False)]


def test_other_and_more_mark_a_count_as_added() -> None:
    assert [(q.value, q.more) for q in find_quantities("the two other bodies and 12 hostages")] == [
        (2, True),
        (12, False),
    ]
    assert [q.more for q in find_quantities("another three prisoners")] == [True]
