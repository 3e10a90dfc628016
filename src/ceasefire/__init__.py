"""ceasefire-monitor."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # lazy: ``ceasefire.extract(text, date=…)`` without loading the extractor at package import
    if name == "extract":
        import ceasefire.extract as extract_package

        return extract_package
    raise AttributeError(name)
