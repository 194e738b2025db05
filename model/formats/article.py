"""Articles to read: plain text as it is, a web page's main text through trafilatura (with its title,
author, date, site and address where the page has them), a PDF's text through pypdf.

The text returned is what the source stores verbatim; citations count its characters. Every
failure is a :class:`LoadError` naming the file, never a traceback: pages and PDFs come from
anywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from model.errors import LoadError
from model.formats.textfile import read_text

HTML = (".html", ".htm", ".xhtml")
PDF = (".pdf",)
HEADLINE_CHARS = 120  # a longer first line is the story's first sentence, not its title
MAX_BYTES = 50 * 1024 * 1024  # no article is this long; a bigger file is refused before parsing


@dataclass(frozen=True)
class Article:
    """An article's text and what is known of it (empty where the file does not say)."""

    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    publisher: str = ""
    url: str = ""


def read_article(path: str | os.PathLike) -> Article:
    """The article in ``path``: by its extension a web page, a PDF, or else plain UTF-8 text."""
    suffix = Path(path).suffix.lower()
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise LoadError(path, "", str(error.strerror or error)) from None
    if size > MAX_BYTES:
        raise LoadError(path, "", f"{size:,} bytes is more than an article ({MAX_BYTES:,} at most)")
    if suffix in HTML:
        return _page(path)
    if suffix in PDF:
        return _pdf(path)
    text = read_text(path)
    return Article(text, headline(text))


def headline(text: str) -> str:
    """A plain text's title: its first line where that reads as a headline (a Markdown heading, or a
    short line with no closing stop, a blank line after it); else ''.

    >>> headline("Xiaomi Corp raises its bet\\n\\nXiaomi Corp now holds 30%.")
    'Xiaomi Corp raises its bet'
    >>> headline("Xiaomi has hired a banker.\\n\\nMore.")
    ''
    """
    lines = text.lstrip("\ufeff").strip().splitlines()
    if not lines:
        return ""
    first = lines[0].strip()
    if first.startswith("#"):
        return first.lstrip("#").strip()[:HEADLINE_CHARS]
    stands_alone = len(lines) == 1 or not lines[1].strip()
    if stands_alone and len(first) <= HEADLINE_CHARS and not first.endswith((".", "!", "?", ";", ":", ",")):
        return first
    return ""


def _page(path: str | os.PathLike) -> Article:
    import trafilatura  # imported when a page is read: it brings lxml and more

    markup = read_text(path)
    try:
        found = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    except Exception as error:  # a hostile page must not become a traceback
        raise LoadError(path, "", f"not a page whose text can be read ({type(error).__name__})") from None
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise LoadError(path, "", "no article text found on this page")
    title, author, date, site, url = (str(getattr(found, name, None) or "")
                                      for name in ("title", "author", "date", "sitename", "url"))
    return Article(text, title, author, date[:10], site, url)


def _pdf(path: str | os.PathLike) -> Article:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise LoadError(path, "", "the PDF is encrypted; save an unlocked copy to read it")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except LoadError:
        raise
    except Exception as error:  # pypdf raises many kinds on a broken file
        raise LoadError(path, "", f"not a readable PDF ({type(error).__name__})") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise LoadError(path, "", "the PDF holds no text (a scan needs OCR first)")
    title = str(info.title or "") if info else ""
    author = str(info.author or "") if info else ""
    return Article(text, title, author)
