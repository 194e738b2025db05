"""Articles in: a web page's main text and what it says of itself, a PDF's text, and a clear
message (never a traceback) for a broken page or PDF."""

from __future__ import annotations

import pytest

from gui.cli import main
from model.errors import LoadError
from model.formats import article
from model.formats.article import read_article

PAGE = """<!DOCTYPE html><html><head><title>Stake sold | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head><body>
<nav>Home | World | Business | Sign in</nav><article><h1>Redwood Capital buys into Bluebird</h1>
<p>Redwood Capital said on Tuesday it had bought a 40% stake in Bluebird Ltd, the Leeds-based
maker of garden tools, from its founding family.</p>
<p>Bluebird chief executive Sam Ortiz will report to Redwood's chairman, Ines Varga.</p></article>
<footer>Subscribe to our newsletter. Cookie settings.</footer></body></html>"""


def pdf_with(line: str) -> bytes:
    """A one-page PDF whose text is ``line`` (written by hand: objects, then their offsets)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_web_page_gives_its_main_text_and_what_it_says_of_itself(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(PAGE, encoding="utf-8")
    found = read_article(path)
    assert "bought a 40% stake in Bluebird Ltd" in found.text
    assert "Subscribe" not in found.text and "Sign in" not in found.text
    assert (found.title, found.author, found.date, found.publisher) == (
        "Redwood Capital buys into Bluebird", "Jane Reporter", "2024-03-05", "Example News")


def test_a_pdf_gives_its_text(tmp_path):
    path = tmp_path / "filing.pdf"
    path.write_bytes(pdf_with("Redwood Capital owns 40% of Bluebird Ltd."))
    assert "Redwood Capital owns 40% of Bluebird Ltd." in read_article(path).text


def test_reading_a_page_proposes_from_its_text_with_its_date(tmp_path, capsys):
    path = tmp_path / "story.html"
    path.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "p.stakemap.json"
    assert main(["read", str(path), "-o", str(out), "--accept-all"]) == 0
    from model.formats import projectfile

    doc = projectfile.load(out)
    source = doc.sources()[0]
    assert (source.title, source.date, source.publisher) == (
        "Redwood Capital buys into Bluebird", "2024-03-05", "Example News")
    assert any(r.kind == "ownership" and r.share.high == 40.0 for r in doc.relationships())


@pytest.mark.parametrize("name, data, words", [
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "not a readable PDF"),
    ("empty.pdf", pdf_with(""), "holds no text"),
    ("blank.html", b"<html><head><title>x</title></head><body></body></html>", "no article text"),
    ("garbage.html", bytes(range(256)) * 4, "blank.html"),
])
def test_broken_articles_are_a_clear_message(tmp_path, capsys, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError) as error:
        read_article(path)
    assert name in str(error.value)
    assert main(["read", str(path)]) == 2
    assert name in capsys.readouterr().err
    if words != "blank.html":
        assert words in str(error.value)


def test_a_file_too_big_for_an_article_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(article, "MAX_BYTES", 100)
    path = tmp_path / "huge.html"
    path.write_text(PAGE, encoding="utf-8")
    with pytest.raises(LoadError, match="more than an article"):
        read_article(path)


@pytest.mark.parametrize("text, title", [
    ("Xiaomi lifts its stake\n\nXiaomi now holds 30% of XW Bank.", "Xiaomi lifts its stake"),
    ("# Xiaomi lifts its stake\nXiaomi now holds 30% of XW Bank.", "Xiaomi lifts its stake"),
    ("Xiaomi now holds 30% of XW Bank.\n\nThe lender said so.", ""),  # a first sentence, not a title
    ("Xiaomi lifts its stake\nXiaomi now holds 30% of XW Bank.", ""),  # no blank line: a paragraph
])
def test_a_plain_text_headline_is_its_title(tmp_path, text, title):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    assert article.title == title and article.text == text  # the text is kept verbatim either way
