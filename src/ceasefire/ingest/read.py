"""Read any supported input (files, folders) into Documents and Rejected records, streaming."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ceasefire.errors import InputFileError
from ceasefire.ingest.document import Document
from ceasefire.ingest.readers.jsonl import read_jsonl
from ceasefire.ingest.readers.plaintext import read_plaintext
from ceasefire.ingest.rejected import Rejected

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not child.name.startswith("."):
                yield child
    elif path.exists():
        yield path
    else:
        raise InputFileError("no such file or folder", where=str(path))


def read_file(path: Path) -> Iterator[Document | Rejected]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
    elif suffix in TEXT_SUFFIXES:
        yield read_plaintext(path)
    else:
        yield Rejected(str(path), None, "unknown_format", f"no reader for {suffix!r} files")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | Rejected]:
    """Every document (or rejection) under ``paths``, in order: folders recursively, sorted by name."""
    for path in paths:
        for file in _files(Path(path)):
            yield from read_file(file)


def read_documents_strict(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Documents only; the first rejected input raises InputFileError naming file, line and reason."""
    for item in read_paths(paths):
        if isinstance(item, Rejected):
            raise InputFileError(
                f"{item.reason}: {item.detail}",
                where=f"{item.source}:{item.location}" if item.location else item.source,
                hint="fix the input, or use `ceasefire ingest` to quarantine bad records",
            )
        yield item
