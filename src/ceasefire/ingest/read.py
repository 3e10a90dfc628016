"""Read any supported input (files, folders, ``.gz`` files, stdin) into Documents and Rejected records,
streaming. The format is chosen by the file suffix (inside ``.gz`` the inner suffix decides); stdin
(``-``) is JSONL when its first non-blank character is ``{``, else one plain-text report.

Every Document that comes out has passed ``validate.check_document`` (size, date, dateline)."""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ceasefire.config import LIMITS, Limits
from ceasefire.errors import InputFileError
from ceasefire.ingest.document import Document
from ceasefire.ingest.readers import id_from_name, stable_id
from ceasefire.ingest.readers.csvfile import read_csv_stream
from ceasefire.ingest.readers.feed import read_feed_stream
from ceasefire.ingest.readers.html import read_html_stream
from ceasefire.ingest.readers.jsonl import read_json_stream, read_jsonl_stream
from ceasefire.ingest.readers.plaintext import decode_report, parse_plaintext, read_plaintext_stream
from ceasefire.ingest.rejected import Rejected
from ceasefire.ingest.validate import check_document

STDIN = "-"
TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv": ",", ".tsv": "\t"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES | set(CSV_SUFFIXES) | HTML_SUFFIXES | FEED_SUFFIXES


@dataclass
class ReadProgress:
    """How far reading has got, in bytes of the input files (for a progress bar with an ETA)."""

    total_bytes: int = 0
    finished_bytes: int = 0
    files: int = 0
    _position: Callable[[], int] | None = field(default=None, repr=False)

    @property
    def done_bytes(self) -> int:
        current = 0
        if self._position is not None:
            try:
                current = self._position()
            except (OSError, ValueError):
                current = 0
        return min(self.finished_bytes + current, self.total_bytes) if self.total_bytes else 0


def _walk(folder: Path) -> list[Path]:
    """Files under ``folder``, sorted, hidden ones skipped. A symlink that leads outside the folder is
    kept in the list so that reading refuses it with a reason (never silently followed)."""
    try:
        return [
            child
            for child in sorted(folder.rglob("*"))
            if not any(part.startswith(".") for part in child.relative_to(folder).parts)
            and (child.is_file() or (child.is_symlink() and not child.is_dir()))
        ]
    except OSError as exc:
        raise InputFileError(f"cannot list the folder: {exc.strerror or exc}", where=str(folder)) from exc


def list_inputs(paths: Iterable[str | Path]) -> list[Path | str]:
    """Every input file under ``paths`` (folders recursively, sorted by name; hidden files skipped)."""
    found: list[Path | str] = []
    for raw in paths:
        if str(raw) == STDIN:
            found.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            for child in _walk(path):
                escaped = not child.resolve().is_relative_to(root)
                found.append(OutsideFolder(child) if escaped else child)
        elif path.is_file():
            found.append(path)
        else:
            raise InputFileError("no such file or folder", where=str(path), hint="check the path")
    return found


class OutsideFolder(type(Path())):  # type: ignore[misc]
    """A file found in a folder whose real location is outside it (a symlink): refused, not read."""


def inner_suffix(path: Path) -> tuple[str, bool]:
    """The suffix that decides the reader, and whether the file is gzip-compressed."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix, True
    return path.suffix.lower(), False


@contextmanager
def _open(path: Path, compressed: bool) -> Iterator[tuple[BinaryIO, Callable[[], int]]]:
    raw = path.open("rb")
    try:
        if compressed:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield unzipped, raw.tell  # type: ignore[misc]
        else:
            yield raw, raw.tell
    finally:
        raw.close()


def _read_stream(
    stream: BinaryIO, suffix: str, *, source: str, stem: str, columns: dict[str, str] | None, limits: Limits
) -> Iterator[Document | Rejected]:
    if suffix == ".json":
        yield from read_json_stream(stream, source=source, limits=limits)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl_stream(stream, source=source, limits=limits)
    elif suffix in CSV_SUFFIXES:
        yield from read_csv_stream(
            stream, source=source, columns=columns, delimiter=CSV_SUFFIXES[suffix], limits=limits
        )
    elif suffix in HTML_SUFFIXES:
        yield read_html_stream(stream, source=source, stem=stem, limits=limits)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed_stream(stream, source=source, limits=limits)
    else:
        yield read_plaintext_stream(stream, source=source, doc_id=id_from_name(stem), limits=limits)


def read_file(
    path: Path,
    *,
    columns: dict[str, str] | None = None,
    limits: Limits = LIMITS,
    progress: ReadProgress | None = None,
) -> Iterator[Document | Rejected]:
    """Documents and rejections of one file, in order; never raises for bad content."""
    suffix, compressed = inner_suffix(path)
    source = str(path)
    if isinstance(path, OutsideFolder):
        yield Rejected(source, None, "unsafe_path", "a link to a file outside the folder being read")
        return
    if suffix not in SUPPORTED:
        yield Rejected(source, None, "unknown_format", f"no reader for {suffix!r} files")
        return
    stem = Path(path.name[:-3]).stem if compressed else path.stem
    try:
        with _open(path, compressed) as (stream, position):
            if progress is not None:
                progress._position = position
            head = stream.peek(1) if hasattr(stream, "peek") else b""  # type: ignore[attr-defined]
            if not head:
                yield Rejected(source, None, "empty", "the file is empty")
                return
            if b"\x00" in stream.peek(8192)[:8192] and suffix not in FEED_SUFFIXES:  # type: ignore[attr-defined]
                yield Rejected(source, None, "binary", "the file holds NUL bytes; it is not text")
                return
            yield from _read_stream(stream, suffix, source=source, stem=stem, columns=columns, limits=limits)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield Rejected(source, None, "bad_gzip", f"cannot decompress: {exc}")
    except OSError as exc:
        yield Rejected(source, None, "unreadable", str(exc))
    finally:
        if progress is not None:
            progress._position = None


def read_stdin(stream: BinaryIO | None = None, *, limits: Limits = LIMITS) -> Iterator[Document | Rejected]:
    """JSONL or one plain-text report from stdin, sniffed by the first non-blank character."""
    buffered = io.BufferedReader(stream or sys.stdin.buffer)  # type: ignore[arg-type]
    head = buffered.peek(4096).lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if not head:
        yield Rejected("<stdin>", None, "empty", "stdin held no input")
    elif head.startswith(b"{"):
        yield from read_jsonl_stream(buffered, source="<stdin>", limits=limits)
    else:
        text = decode_report(buffered.read(limits.max_report_bytes + 1), "<stdin>", limits)
        if isinstance(text, Rejected):
            yield text
        else:
            yield parse_plaintext(text, doc_id=stable_id("stdin", text), source="<stdin>")


def _size(path: Path) -> int:
    try:
        return 0 if isinstance(path, OutsideFolder) else path.stat().st_size
    except OSError:
        return 0


def read_paths(
    paths: Iterable[str | Path],
    *,
    csv_columns: dict[str, str] | None = None,
    limits: Limits = LIMITS,
    progress: ReadProgress | None = None,
) -> Iterator[Document | Rejected]:
    """Every document (or rejection) under ``paths``, in order: folders recursively, sorted by name."""
    inputs = list_inputs(paths)
    if progress is not None:
        progress.total_bytes = sum(_size(p) for p in inputs if isinstance(p, Path))
        progress.files = len(inputs)
    for item in inputs:
        if item == STDIN:
            stream: Iterator[Document | Rejected] = read_stdin(limits=limits)
        else:
            assert isinstance(item, Path)
            stream = read_file(item, columns=csv_columns, limits=limits, progress=progress)
        for found in stream:
            yield check_document(found, limits) if isinstance(found, Document) else found
        if progress is not None and isinstance(item, Path):
            progress.finished_bytes += _size(item)


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
