"""Readers turn a file or stream into Documents, or Rejected records with a reason and location."""

from __future__ import annotations

import hashlib
import re

_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def stable_id(prefix: str, key: str) -> str:
    """A document id derived from a stable key (URL, GUID, text): ``prefix-<16 hex>``."""
    return f"{prefix}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


def id_from_name(name: str) -> str:
    """A document id from a file name or a record's own id: printable, at most 255 characters."""
    cleaned = _SLUG.sub("-", name.strip()).strip("-")
    return cleaned[:255] if cleaned else stable_id("doc", name)
