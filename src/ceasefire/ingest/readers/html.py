"""Web pages: the main text and metadata (title, date, URL, outlet) extracted with trafilatura.

Scripts, styles, event handlers and navigation never reach the text; tag-like sequences left in the
extracted text (a page that shows ``&lt;script&gt;`` as text) are removed as well, so no markup from an
untrusted page is ever stored."""

from __future__ import annotations

import re
from typing import Any, BinaryIO

from ceasefire.config import LIMITS, Limits
from ceasefire.ingest.document import Document
from ceasefire.ingest.readers import id_from_name, stable_id
from ceasefire.ingest.readers.plaintext import decode_report
from ceasefire.ingest.rejected import Rejected
from ceasefire.ingest.validate import BadDate, parse_publication_date

TAG_LIKE = re.compile(r"</?[A-Za-z!?][^<>]{0,2000}>")
BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr|section|article)\s*>")
SPACES = re.compile(r"[ \t\u00a0]+")


def strip_markup(text: str) -> str:
    """Text with any tag-like sequence removed and runs of spaces collapsed, line by line."""
    text = TAG_LIKE.sub("", text)
    lines = (SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per block."""
    import lxml.html

    marked = BLOCK_END.sub("\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except Exception:  # lxml raises several types on hopeless markup; the tag stripper still works
        return strip_markup(marked)
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    return strip_markup(root.text_content())


def extract_page(html: str | bytes) -> dict[str, Any] | None:
    """trafilatura's main text and metadata of a page, or None when it finds no text."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if found is None:
        return None
    data = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    return data if data.get("text") else None


def read_html_stream(
    stream: BinaryIO, *, source: str, stem: str, limits: Limits = LIMITS
) -> Document | Rejected:
    data = stream.read(limits.max_report_bytes + 1)
    raw = decode_report(data, source, limits)
    if isinstance(raw, Rejected) and raw.reason != "bad_utf8":
        return raw
    page = extract_page(data if isinstance(raw, Rejected) else raw)  # trafilatura reads the page's charset
    text = strip_markup(page["text"]) if page else ""
    if not text:
        excerpt = data[:500].decode("utf-8", "replace")
        return Rejected(source, None, "missing_text", "no article text found in the page", raw=excerpt)
    try:
        published = parse_publication_date(page.get("date") if page else None)
    except BadDate as exc:
        return Rejected(source, None, "bad_date", f"page date: {exc}")
    url = page.get("url") if page else None
    title = page.get("title") if page else None
    return Document(
        id=stable_id("url", url) if url else id_from_name(stem),
        text=text,
        date=published,
        title=strip_markup(title) if title else None,
        url=url,
        outlet=page.get("sitename") or page.get("hostname") if page else None,
        metadata={k: page[k] for k in ("author", "hostname", "description") if page and page.get(k)},
        source=source,
    )
