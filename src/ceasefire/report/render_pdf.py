"""The brief as PDF: WeasyPrint lays out the HTML variant (inline SVG charts, print CSS, A4).

WeasyPrint is the optional ``pdf`` extra: this module is imported only by ``--format pdf``. The
renderer never fetches anything: every resource is inline, and the URL fetcher refuses all URLs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ceasefire.errors import Unavailable
from ceasefire.report.brief import Brief
from ceasefire.report.render_html import render_html


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the brief fetches nothing; refused {url!r}")


def refusing_fetcher() -> Any:
    """A URL fetcher that refuses every URL: WeasyPrint ≥ 68 wants a ``URLFetcher`` object (it reads
    its attributes when a fetch fails); older versions take a plain function."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # pragma: no cover - older WeasyPrint
        return _no_fetch

    class RefuseAll(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            return _no_fetch(url)

    return RefuseAll(fail_on_errors=False)


def render_pdf(brief: Brief, out: Path) -> int:
    """Write the PDF to ``out``; returns its number of pages."""
    try:
        from weasyprint import HTML
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise Unavailable(
            "PDF output needs WeasyPrint", hint="pip install 'ceasefire-monitor[pdf]' (and Debian's pango)"
        ) from exc
    document = HTML(string=render_html(brief), url_fetcher=refusing_fetcher()).render()
    document.write_pdf(out)
    return len(document.pages)
