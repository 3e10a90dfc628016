"""Event extraction: ``ceasefire.extract(text, date=…)`` returns typed events; ``Extractor`` streams.

The package itself is callable, so that ``import ceasefire; ceasefire.extract(text)`` works even
though ``ceasefire.extract`` is also the name of this subpackage. Heavy parts load on first use.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from ceasefire.extract.compiled import check_binaries

# an optional compiled build (`make compile`) must match its sources: a stale binary stops here
check_binaries()

__all__ = ["Event", "Extractor", "extract"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from ceasefire.extract.api import extract

        return extract
    if name == "Extractor":
        from ceasefire.extract.pipeline import Extractor

        return Extractor
    if name == "Event":
        from ceasefire.extract.event import Event

        return Event
    raise AttributeError(name)


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from ceasefire.extract.api import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
