"""Read agreement files (YAML) into validated :class:`Agreement` models.

Every problem is an :class:`AgreementError` that says where it is: ``FILE:LINE: field.path: what``.
Lines come from the YAML node tree (``yaml.compose``), so a pydantic error on
``("provisions", 3, "schedule", "window", "end_day")`` points at the line that holds that key.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import ValidationError

from ceasefire.agreements.schema import Agreement
from ceasefire.errors import AgreementError, UnknownAgreement

BUILTIN_DIR = Path(__file__).parent / "builtin"

try:  # libyaml is much faster; fall back to the pure-Python loader where it is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

FieldPath = tuple[str | int, ...]


class LineMap:
    """Field path → 1-based line, for one YAML document."""

    def __init__(self, root: yaml.Node | None) -> None:
        self._lines: dict[FieldPath, int] = {}
        self.duplicate_keys: list[tuple[FieldPath, int]] = []
        if root is not None:
            self._lines[()] = root.start_mark.line + 1
            self._walk(root, ())

    def _walk(self, node: yaml.Node, path: FieldPath) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                child = (*path, key)
                if child in self._lines:
                    self.duplicate_keys.append((child, key_node.start_mark.line + 1))
                # A field is where its key is written; its value may start lines later.
                self._lines[child] = key_node.start_mark.line + 1
                self._walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._lines[(*path, index)] = item.start_mark.line + 1
                self._walk(item, (*path, index))

    def line(self, path: FieldPath) -> int:
        """The line of ``path``, or of its nearest ancestor present in the file."""
        for end in range(len(path), -1, -1):
            found = self._lines.get(path[:end])
            if found is not None:
                return found
        return 1


def render_path(path: Iterable[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def display_name(path: Path) -> str:
    """Builtin files are named ``builtin/NAME.yaml``; others as given."""
    try:
        return f"builtin/{path.resolve().relative_to(BUILTIN_DIR.resolve())}"
    except ValueError:
        return str(path)


def parse_yaml(text: str, where: str) -> tuple[Any, LineMap]:
    """The YAML document and its line map; AgreementError with the line on malformed YAML."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "malformed YAML"
        raise AgreementError(f"not valid YAML: {problem}", where=f"{where}:{line}") from exc
    except yaml.YAMLError as exc:
        raise AgreementError(f"not valid YAML: {exc}", where=where) from exc
    finally:
        loader.dispose()
    return data, LineMap(node)


def _pydantic_path(loc: tuple[str | int, ...], data: Any, error_type: str) -> FieldPath:
    """The error location as a path through the file: drop the union tags pydantic inserts
    (``schedule.window.end_day`` → ``schedule.end_day``)."""
    path: list[str | int] = []
    current: Any = data
    tag_seen: Any = None
    for part in loc:
        if isinstance(current, dict) and current.get("kind") == part and tag_seen is not current:
            tag_seen = current  # the discriminated union's tag comes first on entering the record
            continue
        if isinstance(current, dict) and isinstance(part, str) and part not in current:
            path.append(part)
            current = None
            continue
        path.append(part)
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            current = None
    if error_type in ("union_tag_invalid", "union_tag_not_found"):
        path.append("kind")
    return tuple(path)


class Locator(Protocol):
    """Where a field path is in the input: ``(where, label)`` such as ``("gaza.yaml:57",
    "provisions[3].schedule.kind")``, or for a CSV row ``("new.csv:5", "column 'day'")``."""

    def __call__(self, path: FieldPath) -> tuple[str, str]: ...


def yaml_locator(lines: LineMap, where: str) -> Locator:
    def locate(path: FieldPath) -> tuple[str, str]:
        return f"{where}:{lines.line(path)}", render_path(path)

    return locate


def _validation_error(exc: ValidationError, data: Any, locate: Locator) -> AgreementError:
    errors = exc.errors()
    first = errors[0]
    path = _pydantic_path(tuple(first["loc"]), data, first["type"])
    message = first["msg"].removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    where, label = locate(path)
    return AgreementError(f"{label}: {message}{more}", where=where, hint=_hint(first["type"]))


def _hint(error_type: str) -> str | None:
    if error_type == "extra_forbidden":
        return "remove the field or check its spelling; fields are listed in agreements/schema.py"
    if error_type == "missing":
        return "add the field"
    return None


def _duplicates(data: Any) -> Iterator[tuple[FieldPath, str]]:
    """Repeated provision or round ids, as (path of the repeat, id); read from the raw data so the
    error can point at the line of the second one."""
    if not isinstance(data, dict) or not isinstance(data.get("provisions"), list):
        return
    seen: set[str] = set()
    for index, provision in enumerate(data["provisions"]):
        if not isinstance(provision, dict):
            continue
        pid = provision.get("id")
        if isinstance(pid, str):
            if pid in seen:
                yield ("provisions", index, "id"), pid
            seen.add(pid)
    for index, provision in enumerate(data["provisions"]):
        schedule = provision.get("schedule") if isinstance(provision, dict) else None
        rounds = schedule.get("rounds") if isinstance(schedule, dict) else None
        for number, item in enumerate(rounds if isinstance(rounds, list) else []):
            rid = item.get("id") if isinstance(item, dict) else None
            if isinstance(rid, str):
                if rid in seen:
                    yield ("provisions", index, "schedule", "rounds", number, "id"), rid
                seen.add(rid)


def _references(data: Any) -> Iterator[tuple[FieldPath, str]]:
    """Unknown phase, linked provision or extended provision ids, with their paths."""
    if not isinstance(data, dict) or not isinstance(data.get("provisions"), list):
        return
    provisions = [p for p in data["provisions"] if isinstance(p, dict)]
    ids = {p.get("id") for p in provisions}
    phases = data.get("phases") if isinstance(data.get("phases"), list) else []
    phase_ids = {p.get("id") for p in phases if isinstance(p, dict)}
    for index, provision in enumerate(data["provisions"]):
        if not isinstance(provision, dict):
            continue
        phase = provision.get("phase")
        if phase is not None and phase not in phase_ids:
            yield (
                ("provisions", index, "phase"),
                f"unknown phase {phase!r} (phases: {sorted(map(str, phase_ids))})",
            )
        linked = provision.get("linked_to")
        for number, other in enumerate(linked if isinstance(linked, list) else []):
            if other not in ids:
                yield ("provisions", index, "linked_to", number), f"unknown provision {other!r}"
    extensions = data.get("extensions") if isinstance(data.get("extensions"), list) else []
    for index, extension in enumerate(extensions):
        named = extension.get("provisions") if isinstance(extension, dict) else None
        for number, other in enumerate(named if isinstance(named, list) else []):
            if other not in ids:
                yield ("extensions", index, "provisions", number), f"unknown provision {other!r}"


def actor_fields(agreement: Agreement) -> Iterator[tuple[FieldPath, str]]:
    """Every actor id the agreement names, with its field path."""
    for role in ("parties", "mediators", "guarantors"):
        for index, actor in enumerate(getattr(agreement, role)):
            yield (role, index), actor
    for index, provision in enumerate(agreement.provisions):
        for role in ("obligor", "beneficiary"):
            actor = getattr(provision, role)
            if actor is not None:
                yield ("provisions", index, role), actor
    for index, entry in enumerate(agreement.actors):
        if entry.side is not None:
            yield ("actors", index, "side"), entry.side


def check_actors(agreement: Agreement, locate: Locator) -> None:
    """AgreementError for the first actor id neither the registry nor the file's ``actors:`` knows."""
    from ceasefire.actors.registry import ActorRegistry

    registry = ActorRegistry.load(extra=agreement.actors)
    for path, actor in actor_fields(agreement):
        if not registry.known(actor):
            where, label = locate(path)
            raise AgreementError(
                f"{label}: unknown actor {actor!r}",
                where=where,
                hint="use a canonical actor id (SPEC §3) or add the actor under 'actors:' "
                "with id, kind and name",
            )


def validate_agreement_data(data: Any, locate: Locator, where: str) -> Agreement:
    """Validate parsed data (a mapping); every error is located with ``locate``."""
    if not isinstance(data, dict):
        raise AgreementError(
            "an agreement file must be a YAML mapping (id, title, provisions, …)", where=where
        )
    for path, pid in _duplicates(data):
        at, label = locate(path)
        raise AgreementError(
            f"{label}: id {pid!r} is used twice",
            where=at,
            hint="provision and round ids must be unique within the agreement",
        )
    for path, problem in _references(data):
        at, label = locate(path)
        raise AgreementError(f"{label}: {problem}", where=at)
    try:
        agreement = Agreement.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(exc, data, locate) from exc
    check_actors(agreement, locate)
    return agreement


def load_agreement_text(text: str, where: str) -> Agreement:
    """Validate YAML text; ``where`` names it in errors (a file name)."""
    data, lines = parse_yaml(text, where)
    for path, line in lines.duplicate_keys:
        raise AgreementError(f"{render_path(path)}: the key is given twice", where=f"{where}:{line}")
    return validate_agreement_data(data, yaml_locator(lines, where), where)


def load_agreement(path: Path) -> Agreement:
    """Read and validate one agreement file; AgreementError naming file, line and field."""
    where = display_name(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AgreementError("no such file", where=where) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise AgreementError(f"cannot read: {exc}", where=where) from exc
    return load_agreement_text(text, where)


def builtin_files() -> list[Path]:
    return sorted(BUILTIN_DIR.glob("*.yaml"))


def builtin_ids() -> list[str]:
    """Ids of the shipped agreements (the file stem is the id)."""
    return [path.stem for path in builtin_files()]


def builtin_path(agreement_id: str) -> Path | None:
    path = BUILTIN_DIR / f"{agreement_id}.yaml"
    return path if agreement_id in builtin_ids() else None


def get_agreement(id_or_path: str) -> Agreement:
    """A builtin agreement by id (``gaza-2025``), or an agreement file by path."""
    builtin = builtin_path(id_or_path)
    if builtin is not None:
        return load_agreement(builtin)
    candidate = Path(id_or_path)
    if candidate.suffix.lower() in (".yaml", ".yml") or candidate.exists():
        return load_agreement(candidate)
    raise UnknownAgreement(
        f"unknown agreement {id_or_path!r}",
        hint=f"known ids: {', '.join(builtin_ids()) or 'none'}; or give the path of a YAML file",
    )


def check_all() -> str:
    """Validate every builtin agreement; a one-line summary, or AgreementError naming file and field."""
    from ceasefire.agreements.obligations import expand_obligations

    parts: list[str] = []
    for path in builtin_files():
        agreement = load_agreement(path)
        if agreement.id != path.stem:
            raise AgreementError(
                f"id: {agreement.id!r} differs from the file name", where=f"{display_name(path)}:1"
            )
        count = len(expand_obligations(agreement))
        parts.append(f"{agreement.id} ({len(agreement.provisions)} provisions, {count} obligations)")
    return f"{len(parts)} agreements valid: {', '.join(parts)}"
