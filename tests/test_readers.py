"""Readers: text (with the optional date header), HTML, JSONL, directories, stdin, URLs."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.errors import InputError
from communique.readers import (
    MAX_BYTES,
    find_files,
    parse_header_line,
    parse_html,
    parse_text,
    read_inputs,
    read_jsonl_file,
    read_text_file,
    read_url,
)
from communique.records import Article, text_hash

D = dt.date(2021, 3, 26)
BODY = "Arland and Bexia signed a fisheries pact on Monday.\n\n  The pact runs for five years,   officials said."


def write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def only(items: list) -> Article | InputError:
    assert len(items) == 1, items
    return items[0]


# --- the header line -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("date 2021-03-26 The talks were called useful.", (D, "The talks were called useful.")),
        (' date 2021-03-26 Both sides called the talks "frank."', (D, 'Both sides called the talks "frank."')),
        ("\tdate 2021-03-26   Tabs and spaces.  \n", (D, "Tabs and spaces.")),
        ("date 2021-03-26", (D, None)),
        ("date 2021-03-26   \r\n", (D, None)),
        ("date night was cancelled", None),
        ("The date 2021-03-26 was agreed.", None),
        ("dated 2021-03-26 a letter", None),
        ("Date 2021-03-26 capitalised is prose, not a header", None),
        ("", None),
    ],
)
def test_parse_header_line(line, expected):
    assert parse_header_line(line) == expected


@pytest.mark.parametrize("line", ["date 2021-02-30 Impossible day.", "date 2021-3-26 Short month.", "date 26/03/2021"])
def test_header_with_a_bad_date_is_an_error_not_body(line):
    # A line shaped like a header is one; a typo in its date must not silently
    # become the article's first sentence and lose the publication date.
    with pytest.raises(ValueError, match="header date"):
        parse_header_line(line)
    with pytest.raises(InputError) as err:
        parse_text(line + "\n\n" + BODY, "a.txt")
    assert err.value.line == 1 and "YYYY-MM-DD" in str(err.value)


# --- plain text --------------------------------------------------------------------------


def test_header_sets_date_and_summary_and_body_offsets_are_stable():
    raw = " date 2021-03-26 The pact was welcomed.\n\n\n" + BODY + "\n\n  \n"
    article = parse_text(raw, "pact.txt")
    assert article.text == BODY
    assert (article.published, article.summary) == (D, "The pact was welcomed.")
    assert (article.title, article.url, article.source, article.origin) == (None, None, None, "pact.txt")
    assert article.id == text_hash(BODY)
    start = BODY.index("Bexia")
    assert article.text[start : start + 5] == "Bexia"
    # Internal spacing and the indented second paragraph survive untouched.
    assert "\n\n  The pact runs for five years,   officials" in article.text


def test_without_header_the_whole_file_is_the_body():
    article = parse_text("\n" + BODY + "\n", "x.txt")
    assert article.text == BODY
    assert article.published is None and article.summary is None


def test_header_without_standfirst_and_with_crlf_and_bom():
    article = parse_text("\ufeffdate 2021-03-26\r\n\r\nFirst line.\r\nSecond line.\r\n", "win.txt")
    assert (article.published, article.summary) == (D, None)
    assert article.text == "First line.\r\nSecond line."


def test_first_body_line_keeps_its_indentation():
    article = parse_text("date 2021-03-26\n \n\n    Indented opening.\nNext line.  \n", "i.txt")
    assert article.text == "    Indented opening.\nNext line."


def test_header_only_is_an_error():
    with pytest.raises(InputError, match="no article text after"):
        parse_text("date 2021-03-26 A standfirst and nothing else.\n\n", "h.txt")


def test_read_text_file(tmp_path):
    path = write(tmp_path / "pact.txt", "date 2021-03-26\n" + BODY)
    article = read_text_file(path)
    assert (article.text, article.published, article.origin) == (BODY, D, path)


# --- bad inputs: one InputError each, naming the file, never an exception -----------------


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t\n", "empty file"),
        ("nul.txt", b"Arland said\x00\x01\x02", "binary file (contains NUL bytes)"),
        ("nul.html", b"<html>\x00</html>", "binary file (contains NUL bytes)"),
        ("scan.pdf", b"%PDF-1.4 some bytes", "binary file type '.pdf' is not supported"),
        ("photo.PNG", b"\x89PNG", "binary file type '.png' is not supported"),
        ("latin1.txt", b"Caf\xe9 talks ended.", "not valid UTF-8 (byte 0xe9 at offset 3)"),
        ("huge.txt", b"word " * (MAX_BYTES // 5) + b"x", "too large (5,242,881 bytes; the limit is 5 MB)"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav><footer>(c)</footer></body></html>",
         "no article text found in HTML"),
        ("junk.htm", b"<<<>>> <<", "no article text found in HTML"),
        ("empty.jsonl", b"\n\n", "empty file"),
        ("notgzip.jsonl.gz", b'{"text": "plain, not gzipped"}\n', "corrupt gzip file"),
    ],
)
def test_bad_input_yields_one_line_error(tmp_path, name, content, reason):
    path = write(tmp_path / name, content)
    error = only(list(read_inputs([path])))
    assert isinstance(error, InputError)
    assert error.path == path and reason in error.reason
    assert str(error).startswith(path + ": ") and "\n" not in str(error)


def test_missing_path(tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    error = only(list(read_inputs([missing])))
    assert isinstance(error, InputError) and str(error) == f"{missing}: no such file or directory"
    assert isinstance(only(list(read_inputs([missing + ".jsonl"]))), InputError)


def test_errors_do_not_stop_the_batch_and_order_is_kept(tmp_path):
    good1 = write(tmp_path / "one.txt", "First article body.")
    good2 = write(tmp_path / "two.txt", "Second article body.")
    items = list(read_inputs([good1, str(tmp_path / "gone.txt"), good2]))
    assert [type(i) for i in items] == [Article, InputError, Article]
    assert [items[0].text, items[2].text] == ["First article body.", "Second article body."]


@settings(max_examples=60, deadline=None)
@given(content=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".jsonl.gz", ".md"]))
def test_read_inputs_never_raises(content, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / f"f{suffix}", content)
        for item in read_inputs([path]):
            assert isinstance(item, (Article, InputError))


# --- JSONL -------------------------------------------------------------------------------

GOOD1 = {"id": "a-1", "text": "Arland recalled its ambassador.", "title": "Envoy recalled",
         "published": "2021-03-26", "url": "https://example.org/a1", "source": "Example Wire"}
GOOD2 = {"id": "a-2", "text": "Bexia offered talks.", "published": "2021-03-27T08:15:00Z"}
JSONL_LINES = [
    json.dumps(GOOD1),                                      # 1
    "",                                                     # 2 blank: skipped
    '{"id": "b-1", "text": "unterminated',                  # 3
    json.dumps({"id": "b-2", "title": "no text"}),          # 4
    json.dumps({"id": "b-3", "text": "   "}),               # 5
    json.dumps({"id": "b-4", "text": 42}),                  # 6
    json.dumps({"id": "b-5", "text": "x", "published": "26 March 2021"}),  # 7
    "[1, 2]",                                               # 8
    json.dumps(GOOD2),                                      # 9
]
EXPECTED_JSONL = [
    (1, "a-1"),
    (3, "invalid JSON"),
    (4, "field 'text' is missing"),
    (5, "field 'text' is empty"),
    (6, "field 'text' is not a string"),
    (7, "field 'published' is not an ISO date: '26 March 2021'"),
    (8, "expected a JSON object, got list"),
    (9, "a-2"),
]


def check_jsonl(items, path):
    assert len(items) == len(EXPECTED_JSONL)
    for item, (line, expected) in zip(items, EXPECTED_JSONL):
        if isinstance(item, Article):
            assert item.id == expected and item.origin == f"{path}:{line}"
        else:
            assert (item.path, item.line) == (path, line) and expected in item.reason, item
            assert str(item).startswith(f"{path}:{line}: ")
    first, last = items[0], items[-1]
    assert (first.title, first.published, first.url, first.source) == (
        "Envoy recalled", D, "https://example.org/a1", "Example Wire")
    assert (last.text, last.published, last.title) == ("Bexia offered talks.", dt.date(2021, 3, 27), None)


def test_jsonl_good_and_bad_lines(tmp_path):
    path = write(tmp_path / "batch.jsonl", "\n".join(JSONL_LINES) + "\n")
    check_jsonl(list(read_jsonl_file(path)), path)
    check_jsonl(list(read_inputs([path])), path)


def test_gzip_jsonl(tmp_path):
    path = write(tmp_path / "batch.jsonl.gz", gzip.compress(("\n".join(JSONL_LINES)).encode()))
    check_jsonl(list(read_inputs([path])), path)


def test_jsonl_bad_utf8_line_and_optional_fields(tmp_path):
    lines = [b'{"text": "Caf\xe9"}', b'{"id": 7, "text": "Numeric id.", "date": "1999-12-31T23:00:00"}',
             b'{"text": "No id at all."}']
    path = write(tmp_path / "mixed.jsonl", b"\n".join(lines))
    bad, numeric, no_id = read_jsonl_file(path)
    assert isinstance(bad, InputError) and bad.line == 1 and "not valid UTF-8" in bad.reason
    # "date" is accepted for corpora that name the field so.
    assert (numeric.id, numeric.published) == ("7", dt.date(1999, 12, 31))
    assert no_id.id == text_hash("No id at all.")


# --- directories -------------------------------------------------------------------------


def test_directory_recursion_order_and_skips(tmp_path):
    # Written out of order: the reading order must not depend on creation order.
    write(tmp_path / "z.jsonl", json.dumps({"id": "z1", "text": "Zed one."}) + "\n"
          + json.dumps({"id": "z2", "text": "Zed two."}))
    write(tmp_path / "sub" / "deeper" / "d.html", HTML_PAGE)
    write(tmp_path / "sub" / "c.md", "C body.")
    write(tmp_path / "sub-notes.txt", "Sub notes.")
    write(tmp_path / "b.txt", "B body.")
    write(tmp_path / "a.txt", "A body.")
    write(tmp_path / ".hidden.txt", "Hidden file.")
    write(tmp_path / ".git" / "e.txt", "Hidden directory.")
    write(tmp_path / "notes.csv", "not,an,article")
    write(tmp_path / "photo.png", b"\x89PNG")

    # A directory's files come before a sibling that merely shares its name's prefix.
    expected = ["a.txt", "b.txt", "sub/c.md", "sub/deeper/d.html", "sub-notes.txt", "z.jsonl:1", "z.jsonl:2"]
    items = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(i, Article) for i in items), items
    assert [Path(i.origin).relative_to(tmp_path).as_posix() for i in items] == expected
    files, problems = find_files(str(tmp_path))
    assert problems == [] and len(files) == 6


@pytest.mark.parametrize("contents", [{}, {"notes.csv": "a,b", ".hidden.txt": "Hidden."}])
def test_directory_without_articles(tmp_path, contents):
    for name, text in contents.items():
        write(tmp_path / name, text)
    error = only(list(read_inputs([str(tmp_path)])))
    assert isinstance(error, InputError)
    assert error.reason == "no articles found (looked for .txt, .html, .jsonl files)"


def test_directory_with_a_bad_file_still_reads_the_rest(tmp_path):
    write(tmp_path / "a.txt", b"")
    write(tmp_path / "b.txt", "Good body.")
    bad, good = read_inputs([str(tmp_path)])
    assert isinstance(bad, InputError) and bad.reason == "empty file"
    assert good.text == "Good body."


# --- published override, stdin -----------------------------------------------------------


def test_published_override_replaces_found_dates(tmp_path):
    override = dt.date(2000, 1, 2)
    text = write(tmp_path / "t.txt", "date 2021-03-26 S.\n\nBody.")
    plain = write(tmp_path / "p.txt", "Body without a header.")
    jsonl = write(tmp_path / "j.jsonl", json.dumps(GOOD1) + "\nnot json\n")
    items = list(read_inputs([text, plain, jsonl], published=override))
    assert [i.published for i in items if isinstance(i, Article)] == [override] * 3
    assert isinstance(items[-1], InputError)
    assert [i.published for i in read_inputs([text, plain])] == [D, None]


def test_stdin(monkeypatch):
    raw = " date 2021-03-26 From a pipe.\n\n" + BODY + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw.encode())))
    article = only(list(read_inputs(["-"])))
    assert (article.text, article.published, article.summary, article.origin) == (BODY, D, "From a pipe.", "<stdin>")


@pytest.mark.parametrize("data, reason", [(b"", "empty file"), (b"\xff\xfe", "not valid UTF-8 (byte 0xff at offset 0)")])
def test_bad_stdin(monkeypatch, data, reason):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    error = only(list(read_inputs(["-"])))
    assert isinstance(error, InputError) and error.path == "<stdin>" and reason in error.reason


def test_stdin_without_a_byte_buffer(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Typed straight in."))
    assert only(list(read_inputs(["-"]))).text == "Typed straight in."


# --- HTML and URLs -----------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html><head>
<title>Arland and Bexia agree fishing talks | The Harbour Post</title>
<meta property="article:published_time" content="2021-03-26T09:30:00+00:00">
<meta property="og:site_name" content="The Harbour Post">
<link rel="canonical" href="https://harbour.example/world/fishing-talks">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
<article>
<h1>Arland and Bexia agree fishing talks</h1>
<p>The foreign ministers of Arland and Bexia met in Harbourtown on Thursday to discuss fishing rights
along their shared coast.</p>
<p>"The talks were frank and useful," the Arland minister told reporters after the meeting, adding that
a further round was planned for June.</p>
<p>Officials from both sides said a joint commission would report on catch quotas before the end of the year.</p>
</article>
<footer><p>Copyright 2019 The Harbour Post. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_html_page(tmp_path):
    path = write(tmp_path / "page.html", HTML_PAGE)
    article = only(list(read_inputs([path])))
    assert article.title == "Arland and Bexia agree fishing talks"
    assert article.published == D
    assert article.url == article.id == "https://harbour.example/world/fishing-talks"
    assert article.source == "The Harbour Post"
    assert article.origin == path
    # The headline is the title, not the body's first line.
    assert article.text.startswith("The foreign ministers of Arland and Bexia met")
    assert "catch quotas" in article.text
    for boilerplate in ("Home", "Subscribe", "newsletter", "Copyright", "Privacy", "All rights reserved"):
        assert boilerplate not in article.text


def test_html_without_date_or_canonical_url():
    page = HTML_PAGE.replace('<link rel="canonical" href="https://harbour.example/world/fishing-talks">', "")
    page = page.replace("2021-03-26T09:30:00+00:00", "")
    article = parse_html(page, "fetched", url="https://mirror.example/talks")
    assert article.url == article.id == "https://mirror.example/talks"
    # Not guessed from "Copyright 2019" in the footer.
    assert article.published is None


def test_read_url_failure_is_an_input_error():
    url = "http://127.0.0.1:9/"
    with pytest.raises(InputError) as err:
        read_url(url)
    assert err.value.path == url and "could not download" in err.value.reason
    error = only(list(read_inputs([url])))
    assert isinstance(error, InputError) and str(error).startswith(url + ": ")


def test_html_fragment_without_page_furniture_is_read_by_paragraphs(tmp_path):
    from communique.readers import read_html_file

    page = tmp_path / "fragment.html"
    page.write_text(
        "<div><p>The two delegations met for three hours in the capital on Monday morning.</p>"
        "<p>Officials said the meeting had been “useful and frank” and would continue.</p></div>",
        encoding="utf-8",
    )
    article = read_html_file(str(page))
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("The two delegations met")


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_jsonl_is_sniffed(monkeypatch):
    lines = ["", json.dumps(GOOD1), "not json", json.dumps({"text": "Second piped article.", "id": "p2"})]
    _stdin(monkeypatch, ("\n  " + "\n".join(lines) + "\n").encode())
    items = list(read_inputs(["-"]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert items[0].origin == "<stdin>:3" and items[2].id == "p2"
    assert items[1].path == "<stdin>" and items[1].line == 4


def test_stdin_format_overrides_the_guess(monkeypatch):
    _stdin(monkeypatch, b'{"text": "braces at the start of a plain note"}')
    (article,) = read_inputs(["-"], input_format="text")
    assert article.text.startswith('{"text"')
    _stdin(monkeypatch, b"<html><body><p>" + b"A page piped in with enough words to count as an article. " * 3
           + b"</p></body></html>")
    (page,) = read_inputs(["-"], input_format="html")
    assert page.text.startswith("A page piped in")


def test_stdin_jsonl_reads_long_streams_across_chunks(monkeypatch):
    lines = [json.dumps({"text": f"Article number {n} " + "word " * 4000, "id": str(n)}) for n in range(60)]
    _stdin(monkeypatch, "\n".join(lines).encode())
    ids = [a.id for a in read_inputs(["-"])]
    assert ids == [str(n) for n in range(60)]
