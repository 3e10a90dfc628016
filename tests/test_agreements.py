"""Agreements as data: loading, day arithmetic, obligations, located errors, the store, templates."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ceasefire.actors.model import ActorEntry
from ceasefire.agreements.build import Header, build_agreement
from ceasefire.agreements.load import builtin_ids, check_all, get_agreement, load_agreement
from ceasefire.agreements.obligations import expand_obligations, obligation_by_id
from ceasefire.agreements.template import csv_template
from ceasefire.errors import AgreementError, UnknownAgreement
from ceasefire.store.agreements import list_stored_agreements, load_stored_agreement, save_agreement

D = dt.date

MINIMAL = """\
id: test-truce
title: Test truce
conflict: test
effective: 2025-03-01T06:00:00+02:00
parties: [israel, hamas]
phases:
  - {id: p1, name: Phase 1, start_day: 1, end_day: 10}
provisions:
  - id: quiet
    title: No attacks
    action: ATTACK
    refrain: true
    obligor: hamas
    schedule: {kind: standing}
  - id: swap
    title: Swap in rounds
    action: RELEASE
    obligor: hamas
    beneficiary: israel
    schedule:
      kind: rounds
      rounds:
        - {day: 3, quantity: {value: 2, unit: hostage}}
        - {date: 2025-03-10}
  - id: leave
    title: Leave the area
    action: WITHDRAW
    obligor: israel
    schedule: {kind: window, start_day: 2, end_day: 5}
"""


def write(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path: Path, marker: str) -> int:
    """The 1-based line of the first line of ``path`` holding ``marker``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if marker in line)


def error_of(path: Path) -> str:
    with pytest.raises(AgreementError) as info:
        load_agreement(path)
    return info.value.render()


def test_builtin_ids_and_check_all() -> None:
    assert builtin_ids() == ["gaza-2025", "lebanon-2024"]
    summary = check_all()
    assert summary.startswith("2 agreements valid") and "gaza-2025" in summary


def test_gaza_day_arithmetic() -> None:
    gaza = get_agreement("gaza-2025")
    assert gaza.effective_date == D(2025, 1, 19)
    assert gaza.day_to_date(1) == D(2025, 1, 19)
    assert gaza.day_to_date(7) == D(2025, 1, 25)
    assert gaza.day_to_date(22) == D(2025, 2, 9)
    assert gaza.date_to_day(D(2025, 3, 1)) == 42
    assert obligation_by_id(gaza, "withdraw-netzarim").due == D(2025, 2, 9)
    assert obligation_by_id(gaza, "phase-2-talks").due == D(2025, 2, 3)
    assert obligation_by_id(gaza, "withdraw-philadelphi").due == D(2025, 3, 9)
    assert obligation_by_id(gaza, "return-north").window_start == D(2025, 1, 25)


def test_gaza_rounds_expand_one_obligation_each() -> None:
    gaza = get_agreement("gaza-2025")
    obligations = expand_obligations(gaza)
    hostages = [o for o in obligations if o.id.startswith("hostage-round-")]
    prisoners = [o for o in obligations if o.id.startswith("prisoner-round-")]
    bodies = [o for o in obligations if o.id.startswith("bodies-round-")]
    assert [o.id for o in hostages] == [f"hostage-round-{n}" for n in range(1, 8)]
    assert len(prisoners) == 7 and len(bodies) == 2
    # 25 living hostages and 8 bodies: the 33 of phase 1
    assert sum(o.quantity.value for o in hostages + bodies if o.quantity) == 33
    round6 = obligation_by_id(gaza, "hostage-round-6")
    assert (round6.due, round6.obligor, round6.beneficiary, round6.action) == (
        D(2025, 2, 15),
        "hamas",
        "israel",
        "RELEASE",
    )
    assert round6.quantity is not None and round6.quantity.value == 3
    assert obligation_by_id(gaza, "prisoner-round-6").quantity.value == 369  # type: ignore[union-attr]
    dues = [o.due or o.window_start for o in obligations]
    assert dues == sorted(dues)  # in due order


def test_quota_and_standing_duties_have_no_due_date() -> None:
    gaza = get_agreement("gaza-2025")
    aid = obligation_by_id(gaza, "aid-trucks")
    assert aid.due is None and aid.per == "day" and aid.kind == "recurring"
    assert aid.quantity is not None and (aid.quantity.value, aid.quantity.unit) == (600, "truck")
    assert (aid.window_start, aid.window_end) == (D(2025, 1, 19), None)  # runs while the talks go on
    truce = obligation_by_id(gaza, "ceasefire-israel")
    assert truce.due is None and truce.refrain and truce.action == "ATTACK"


def test_lebanon_extension_moves_the_withdrawal_deadline() -> None:
    lebanon = get_agreement("lebanon-2024")
    withdrawal = obligation_by_id(lebanon, "israel-withdrawal")
    assert (withdrawal.due, withdrawal.window_end) == (D(2025, 2, 18), D(2025, 2, 18))
    assert withdrawal.window_start == D(2024, 11, 27)
    unextended = lebanon.model_copy(update={"extensions": []})
    assert obligation_by_id(unextended, "israel-withdrawal").due == D(2025, 1, 26)
    # the standing cessation is not touched by the extension
    assert obligation_by_id(lebanon, "cessation-israel").window_end is None


def test_extension_without_named_provisions_moves_every_window(tmp_path: Path) -> None:
    text = MINIMAL + "extensions:\n  - {date: 2025-03-04, new_end: 2025-03-20}\n"
    agreement = load_agreement(write(tmp_path, text))
    assert obligation_by_id(agreement, "leave").due == D(2025, 3, 20)
    assert obligation_by_id(agreement, "quiet").window_end is None
    assert obligation_by_id(agreement, "swap-1").due == D(2025, 3, 3)


def test_unnamed_rounds_and_phase_inference(tmp_path: Path) -> None:
    agreement = load_agreement(write(tmp_path, MINIMAL))
    first, second = obligation_by_id(agreement, "swap-1"), obligation_by_id(agreement, "swap-2")
    assert (first.due, first.phase) == (D(2025, 3, 3), "p1")
    assert (second.due, second.quantity) == (D(2025, 3, 10), None)
    leave = obligation_by_id(agreement, "leave")
    assert (leave.window_start, leave.due) == (D(2025, 3, 2), D(2025, 3, 5))


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("    title: Leave the area", "    title: [unclosed"))
    message = error_of(path)
    assert "a.yaml:" in message and "not valid YAML" in message
    assert int(message.split("a.yaml:")[1].split(":")[0]) >= 27


def test_wrong_schedule_kind_names_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("{kind: window, start_day: 2", "{kind: sometime, start_day: 2"))
    assert f"{path}:{line_of(path, 'kind: sometime')}: provisions[2].schedule.kind:" in error_of(path)


def test_wrong_value_names_the_line_of_its_key(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("{day: 3, quantity: {value: 2,", "{day: 3, quantity: {value: -2,"))
    at = line_of(path, "value: -2")
    assert f"{path}:{at}: provisions[1].schedule.rounds[0].quantity.value:" in error_of(path)
    path = write(tmp_path, MINIMAL.replace("    obligor: israel\n", "    obligor: israel\n    colour: red\n"))
    message = error_of(path)
    assert (
        f"{path}:{line_of(path, 'colour')}: provisions[2].colour: Extra inputs are not permitted" in message
    )


def test_missing_field_points_at_its_record(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("    title: Leave the area\n", ""))
    assert f"{path}:{line_of(path, 'id: leave')}: provisions[2].title: Field required" in error_of(path)


def test_unknown_actor_names_field_and_hint(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("    obligor: israel\n", "    obligor: narnia\n"))
    message = error_of(path)
    assert f"{path}:{line_of(path, 'narnia')}: provisions[2].obligor: unknown actor 'narnia'" in message
    assert "actors:" in message
    added = MINIMAL.replace("    obligor: israel\n", "    obligor: narnia\n") + (
        "actors:\n  - {id: narnia, kind: state, name: Narnia}\n"
    )
    assert load_agreement(write(tmp_path, added, "b.yaml")).provision("leave").obligor == "narnia"


def test_duplicate_ids_point_at_the_repeat(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("  - id: leave", "  - id: quiet"))
    at = line_of(path, "obligor: israel") - 3  # the second "- id: quiet"
    assert f"{path}:{at}: provisions[2].id: id 'quiet' is used twice" in error_of(path)
    path = write(tmp_path, MINIMAL.replace("{date: 2025-03-10}", "{id: quiet, date: 2025-03-10}"))
    assert "provisions[1].schedule.rounds[1].id: id 'quiet' is used twice" in error_of(path)


def test_duplicate_key_and_unknown_phase(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("title: Test truce\n", "title: Test truce\ntitle: again\n"))
    assert f"{path}:3: title: the key is given twice" in error_of(path)
    path = write(tmp_path, MINIMAL.replace("    obligor: israel\n", "    obligor: israel\n    phase: p9\n"))
    assert f"{path}:{line_of(path, 'p9')}: provisions[2].phase: unknown phase 'p9'" in error_of(path)


def test_window_and_timezone_checks(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("start_day: 2, end_day: 5", "start_day: 6, end_day: 5"))
    assert "provisions[2].schedule: window ends (day 5) before it starts (day 6)" in error_of(path)
    path = write(tmp_path, MINIMAL.replace("conflict: test\n", "conflict: test\ntimezone: Mars/Olympus\n"))
    assert f"{path}:4: timezone: unknown time zone" in error_of(path)
    path = write(tmp_path, MINIMAL.replace("+02:00", ""))
    assert "effective:" in error_of(path)


def test_get_agreement_unknown_lists_known_ids(tmp_path: Path) -> None:
    with pytest.raises(UnknownAgreement) as info:
        get_agreement("atlantis-1999")
    assert "gaza-2025" in info.value.render() and "lebanon-2024" in info.value.render()
    assert get_agreement(str(write(tmp_path, MINIMAL))).id == "test-truce"


def test_store_round_trip_is_idempotent(engine: Engine) -> None:
    gaza = get_agreement("gaza-2025")
    with engine.begin() as conn:
        save_agreement(conn, gaza, "builtin")
        save_agreement(conn, gaza, "builtin")
    with engine.connect() as conn:
        stored = load_stored_agreement(conn, "gaza-2025")
        listed = list_stored_agreements(conn)
        assert load_stored_agreement(conn, "nothing") is None
    assert stored == gaza
    assert [(row.id, row.provisions) for row in listed] == [("gaza-2025", len(gaza.provisions))]
    assert expand_obligations(stored) == expand_obligations(gaza)


CSV = """\
# a comment line
provision_id,title,action,refrain,obligor,beneficiary,schedule,round_id,date,day,quantity,unit,end_day,per,conditions
truce,No attacks,ATTACK,yes,thailand,cambodia,standing,,,,,,,,
swap,Soldiers freed,RELEASE,,cambodia,thailand,rounds,swap-round-1,,3,18,prisoner,,,ratio 1 body = 1 body
swap,,,,,,,swap-round-2,2025-08-10,,,,,,
aid,Crossings reopen,AID,,thailand,cambodia,recurring,,,,100,truck,30,week,
"""


def test_build_from_csv(tmp_path: Path) -> None:
    path = write(tmp_path, CSV, "new.csv")
    header = Header(
        id="border-2025",
        title="Border truce",
        effective="2025-07-29T00:00:00+07:00",
        parties=["thailand", "cambodia"],
    )
    agreement = build_agreement(path, header)
    assert [p.id for p in agreement.provisions] == ["truce", "swap", "aid"]
    assert obligation_by_id(agreement, "swap-round-1").due == D(2025, 7, 31)
    assert obligation_by_id(agreement, "swap-round-2").due == D(2025, 8, 10)
    aid = obligation_by_id(agreement, "aid")
    assert (aid.per, aid.window_end) == ("week", D(2025, 8, 27))
    assert agreement.provision("truce").refrain is True
    assert agreement.provision("swap").conditions[0].kind == "ratio"


def test_csv_errors_name_line_and_column(tmp_path: Path) -> None:
    header = Header(
        id="x-1", title="X", effective="2025-07-29T00:00:00+07:00", parties=["thailand", "cambodia"]
    )
    bad_day = write(tmp_path, CSV.replace("swap-round-1,,3,", "swap-round-1,,three,"), "bad.csv")
    with pytest.raises(AgreementError) as info:
        build_agreement(bad_day, header)
    assert f"{bad_day}:4: column 'day'" in info.value.render()
    bad_kind = write(tmp_path, CSV.replace(",recurring,", ",often,"), "kind.csv")
    with pytest.raises(AgreementError) as info:
        build_agreement(bad_kind, header)
    assert f"{bad_kind}:6: column 'schedule'" in info.value.render()
    with pytest.raises(AgreementError) as info:
        build_agreement(write(tmp_path, CSV.replace("per,", "perx,"), "col.csv"), header)
    assert "unknown column 'perx'" in info.value.render()
    with pytest.raises(AgreementError) as info:
        build_agreement(
            write(tmp_path, CSV, "ok.csv"), Header(id="x-1", title="X", parties=["thailand", "cambodia"])
        )
    assert "command line: --effective" in info.value.render()


def test_csv_template_is_valid_once_actors_exist(tmp_path: Path) -> None:
    template = write(tmp_path, csv_template(), "t.csv")
    actors = [  # the template's made-up actors
        ActorEntry(id="state-a", kind="state", name="State A"),
        ActorEntry(id="group-b", kind="group", name="Group B"),
    ]
    header = Header(
        id="example-1",
        title="Example",
        effective="2025-01-19T08:30:00+02:00",
        parties=["state-a", "group-b"],
        phases=["phase-1=1-42"],
        actors=actors,
    )
    agreement = build_agreement(template, header)
    assert obligation_by_id(agreement, "pullback").due == D(2025, 2, 9)
    assert len(expand_obligations(agreement)) == 5


def test_yaml_template_takes_top_level_fields_from_the_header(tmp_path: Path) -> None:
    body = MINIMAL.split("provisions:\n", 1)[1]
    path = write(
        tmp_path, "phases:\n  - {id: p1, name: Phase 1, start_day: 1, end_day: 10}\nprovisions:\n" + body
    )
    header = Header(id="t-2", title="T", effective="2025-03-01T06:00:00+02:00", parties=["israel", "hamas"])
    agreement = build_agreement(path, header)
    assert (agreement.id, agreement.conflict) == ("t-2", "T")
    assert obligation_by_id(agreement, "leave").due == D(2025, 3, 5)
    with pytest.raises(AgreementError) as info:
        build_agreement(
            path, Header(id="t-2", title="T", effective="2025-03-01T06:00:00+02:00", parties=["x"])
        )
    assert "command line: --parties" in info.value.render()
    bad = write(
        tmp_path, MINIMAL.replace("{kind: standing}", "{kind: standing, start_day: 5, end_day: 2}"), "c.yaml"
    )
    assert f"{bad}:{line_of(bad, 'end_day: 2')}: provisions[0].schedule: ends (day 2)" in error_of(bad)
