"""HTML pages (files or URLs): trafilatura finds the article body and its metadata."""

from __future__ import annotations

import datetime as dt

import trafilatura
import lxml.html
from lxml.etree import LxmlError

from communique.errors import InputError
from communique.records import Article
from communique.readers.text import MAX_BYTES, read_bytes

# Pages carry scripts, styles and inline images around a few KB of article.
MAX_HTML_BYTES = 4 * MAX_BYTES
# trafilatura falls back to any leftover text ("Home", a cookie banner) when a
# page has no article; below this many words the page is taken to have none.
MIN_WORDS = 10
# Without extensive search a missing date stays missing instead of being
# guessed from stray years in the page ("Copyright 2020" in the footer).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def parse_html(html: str | bytes, origin: str, url: str | None = None) -> Article:
    """An Article from a page's HTML; bytes are decoded by the page's declared charset."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except (LxmlError, ValueError) as err:
        raise InputError(origin, f"malformed HTML ({err})") from None
    text = (doc.text or "").strip() if doc is not None else ""
    if len(text.split()) < MIN_WORDS:
        # A bare fragment (an article body without page furniture) defeats trafilatura's
        # boilerplate detection; its paragraphs are the article.
        text = _paragraphs(html)
    if len(text.split()) < MIN_WORDS:
        raise InputError(origin, "no article text found in HTML")
    # One blank line between paragraphs, as in text files: quotes pair and sentences
    # break within paragraphs.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    title = ((doc.title or "").strip() or None) if doc is not None else None
    # trafilatura repeats the headline as the body's first line on many sites;
    # the title has its own field, and the body should start with the story.
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest.strip()
    return Article(
        text=text,
        title=title,
        published=_parse_date(doc.date) if doc is not None else None,
        url=(doc.url if doc is not None else None) or url,
        source=(doc.sitename or doc.hostname) if doc is not None else None,
        summary=((doc.description or "").strip() or None) if doc is not None else None,
        origin=origin,
    )


def _paragraphs(html: str | bytes) -> str:
    try:
        root = lxml.html.fromstring(html)
    except (LxmlError, ValueError):
        return ""
    blocks = root.xpath("//p | //h2 | //h3 | //blockquote | //li")
    return "\n".join(" ".join(b.text_content().split()) for b in blocks if b.text_content().strip())


def read_html_file(path: str) -> Article:
    return parse_html(read_bytes(path, MAX_HTML_BYTES), path)


def read_url(url: str) -> Article:
    """Download a page and read it; InputError when it cannot be fetched."""
    # trafilatura refuses private and loopback addresses (SSRF protection) and
    # reports every network failure as None, so the reason cannot be finer here.
    response = trafilatura.fetch_response(url, decode=True)
    if response is None:
        raise InputError(url, "could not download the page (no network, unknown host or refused connection)")
    if response.status != 200:
        raise InputError(url, f"could not download the page (HTTP status {response.status})")
    if not response.html:
        raise InputError(url, "the server returned an empty page")
    return parse_html(response.html, url, url=response.url or url)


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
