"""The actor registry: canonical actors (SPEC §3 ids) read from ``actors/data/*.yaml`` plus any extra
files or entries (an agreement's ``actors:`` section), with a case-insensitive surface-form index.

A data file is a mapping with one key, ``actors``, holding a list of :class:`ActorEntry` records.
Errors name the file, the line of the record and the field, so an analyst can fix the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ceasefire.actors.model import ActorEntry, Member
from ceasefire.errors import LexiconError

DATA_DIR = Path(__file__).parent / "data"

try:  # libyaml is much faster; fall back to the pure-Python loader where it is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


def parse_yaml(text: str) -> tuple[Any, Any]:
    """The document's node tree (for line numbers) and its data, from one parse (libyaml if present)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


@dataclass(slots=True)
class YamlRecord:
    """One item of a YAML list, with the line it starts on (1-based) for error messages."""

    data: Any
    line: int


def read_yaml_file(path: Path) -> tuple[Any, Any]:
    """A rule or dictionary file's node tree and data, parsed once; LexiconError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"cannot read: {exc.strerror}", where=str(path)) from exc
    try:
        return parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise LexiconError(f"not valid YAML: {getattr(exc, 'problem', exc)}", where=where) from exc


def yaml_records(path: Path, node: Any, data: Any, key: str) -> list[YamlRecord]:
    """The list under ``key`` of a parsed YAML mapping (``read_yaml_file``), each item with its line."""
    if not isinstance(data, dict) or key not in data:
        raise LexiconError(f"expected a mapping with a {key!r} list at the top", where=str(path))
    items = data[key]
    if not isinstance(items, list):
        raise LexiconError(f"{key!r} must be a list", where=str(path))
    lines: list[int] = []
    assert isinstance(node, yaml.MappingNode)
    for key_node, value_node in node.value:
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            lines = [child.start_mark.line + 1 for child in value_node.value]
    if len(lines) != len(items):
        lines = [1] * len(items)
    return [YamlRecord(item, line) for item, line in zip(items, lines, strict=True)]


def load_yaml_records(path: Path, key: str) -> list[YamlRecord]:
    """The list under ``key`` in a YAML mapping file, each item with its line number.

    Used for every rule and dictionary file of the project, so that all of them report bad data
    the same way: ``FILE:LINE: field: problem``.
    """
    node, data = read_yaml_file(path)
    return yaml_records(path, node, data, key)


def validation_message(exc: ValidationError) -> str:
    """The first pydantic error as ``field: problem``."""
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "record"
    return f"{field}: {first['msg']}"


def read_actor_file(path: Path) -> list[ActorEntry]:
    """The actor entries of one data file, validated; LexiconError with file, line and field."""
    entries: list[ActorEntry] = []
    for record in load_yaml_records(path, "actors"):
        if not isinstance(record.data, dict):
            raise LexiconError("each actor must be a mapping", where=f"{path}:{record.line}")
        try:
            entries.append(ActorEntry.model_validate(record.data))
        except ValidationError as exc:
            raise LexiconError(validation_message(exc), where=f"{path}:{record.line}") from exc
    return entries


def _merge(old: ActorEntry, new: ActorEntry) -> ActorEntry:
    """A later entry with the same id adds aliases, demonyms and members; its kind/name/side win if set."""
    members: dict[str, Member] = {m.name.lower(): m for m in old.members}
    for member in new.members:
        known = members.get(member.name.lower())
        if known is None:
            members[member.name.lower()] = member
        else:
            aliases = list(dict.fromkeys([*known.aliases, *member.aliases]))
            members[member.name.lower()] = Member(
                name=known.name, aliases=aliases, role=member.role or known.role
            )
    return ActorEntry(
        id=old.id,
        kind=new.kind if new.kind != "other" else old.kind,
        name=new.name or old.name,
        aliases=list(dict.fromkeys([*old.aliases, *new.aliases])),
        adjectives=list(dict.fromkeys([*old.adjectives, *new.adjectives])),
        members=list(members.values()),
        side=new.side or old.side,
    )


def surface_forms(entry: ActorEntry) -> list[tuple[str, str]]:
    """Every name the actor goes by, each with what it is (``name``, ``alias``, ``adjective``,
    ``member:<role>``), in the order of the data file."""
    forms: list[tuple[str, str]] = [(entry.name, "name"), (entry.id, "id")]
    forms += [(alias, "alias") for alias in entry.aliases]
    forms += [(adj, "adjective") for adj in entry.adjectives]
    for member in entry.members:
        what = f"member:{member.name}" + (f" ({member.role})" if member.role else "")
        forms.append((member.name, what))
        forms += [(alias, what) for alias in member.aliases]
    return forms


class ActorRegistry:
    """Canonical actors and the names, demonyms and people that stand for them."""

    def __init__(self, entries: Iterable[ActorEntry]) -> None:
        self._entries: dict[str, ActorEntry] = {}
        for entry in entries:
            old = self._entries.get(entry.id)
            self._entries[entry.id] = entry if old is None else _merge(old, entry)
        self._index: dict[str, str] = {}
        self._how: dict[str, str] = {}
        # Later entries win a surface form, so an agreement file can re-point a name it needs.
        for entry in self._entries.values():
            for form, what in surface_forms(entry):
                self._index[form.lower()] = entry.id
                self._how[form.lower()] = what

    @classmethod
    def load(cls, extra_files: Sequence[Path] = (), extra: Iterable[ActorEntry] = ()) -> ActorRegistry:
        """The builtin actors, then those of ``extra_files``, then ``extra``; same ids merge."""
        entries: list[ActorEntry] = []
        for path in builtin_files():
            entries += read_actor_file(path)
        for path in extra_files:
            entries += read_actor_file(Path(path))
        entries += list(extra)
        return cls(entries)

    def known(self, actor_id: str) -> bool:
        return actor_id in self._entries

    def get(self, actor_id: str) -> ActorEntry:
        """The entry; KeyError if the id is unknown."""
        return self._entries[actor_id]

    def resolve(self, name: str) -> str | None:
        """The id a surface form stands for ("Netanyahu", "IDF", "Israeli"), case-insensitive."""
        return self._index.get(" ".join(name.split()).lower())

    def explain_name(self, name: str) -> str | None:
        """How a surface form is known (``alias``, ``member:Benjamin Netanyahu (prime minister)``…)."""
        return self._how.get(" ".join(name.split()).lower())

    def side_of(self, actor_id: str) -> str:
        """The party the actor acts for (pij → hamas); the actor itself when it has no other side."""
        entry = self._entries.get(actor_id)
        if entry is None or entry.side is None:
            return actor_id
        return entry.side

    def ids(self) -> list[str]:
        return sorted(self._entries)

    def entries(self) -> list[ActorEntry]:
        return [self._entries[key] for key in self.ids()]

    def forms(self) -> list[tuple[str, str, str]]:
        """``(surface form, actor id, what)`` for every name, for building matchers."""
        out: list[tuple[str, str, str]] = []
        for entry in self._entries.values():
            out += [(form, entry.id, what) for form, what in surface_forms(entry)]
        return out


def builtin_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def check_files(paths: Sequence[Path]) -> str:
    """Validate actor files: records, unknown ``side`` ids, and one name claimed by two actors."""
    entries: list[tuple[Path, ActorEntry]] = []
    for path in paths:
        entries += [(path, entry) for entry in read_actor_file(path)]
    registry = ActorRegistry.load(extra=[entry for path, entry in entries if path not in builtin_files()])
    owner: dict[str, tuple[str, Path]] = {}
    for path, entry in entries:
        if entry.side is not None and not registry.known(entry.side):
            raise LexiconError(f"side: unknown actor id {entry.side!r}", where=f"{path} (actor {entry.id})")
        for form, _ in surface_forms(entry):
            key = form.lower()
            seen = owner.get(key)
            if seen is not None and seen[0] != entry.id:
                raise LexiconError(
                    f"name {form!r} is claimed by both {seen[0]!r} ({seen[1].name}) and {entry.id!r}",
                    where=f"{path} (actor {entry.id})",
                    hint="a name must point to one actor; keep it on the actor it usually means",
                )
            owner[key] = (entry.id, path)
    ids = {entry.id for _, entry in entries}
    return f"{len(paths)} actor files, {len(ids)} actors, {len(owner)} names: ok"


def check_all() -> str:
    """Validate every builtin actor file; a one-line summary, or LexiconError naming file and field."""
    return check_files(builtin_files())
