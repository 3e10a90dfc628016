"""Pause the cyclic garbage collector while one report is extracted.

Extracting a report allocates many small containers (tokens, hits, mentions, lists, dicts) that are
freed by reference counting as soon as the report is done; none of them form cycles that outlive it.
Yet their sheer number triggers generation-0 collections every few hundred allocations, and now and
then older generations are walked too, over the lexicons and the actor registry (large, long-lived).
That is pure overhead here: measured +6-11% reports/s on one core with the collector paused per report
(docs/benchmarks.md).

A library must not leave the interpreter's GC state changed: the collector is switched off only for
the duration of one report and switched back on afterwards only if it was on before (so a caller that
disabled it keeps it disabled), also when extraction raises. The caller's code between reports (the
consumer of ``Extractor.pipe``) always runs with the collector as the caller set it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Within the block the cyclic GC is off; afterwards it is as it was before."""
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
