"""Every reader, on generated input: an Article, or an InputError naming the input (and the
line, for JSONL); never another exception."""

from __future__ import annotations

import gzip
import io
import json
import sys

from hypothesis import given
from hypothesis import strategies as st

from communique.errors import InputError
from communique.readers import read_inputs
from communique.readers.html import parse_html
from communique.readers.jsonl import parse_jsonl_line, read_jsonl_file
from communique.readers.text import parse_text
from communique.records import Article
from fuzzing import SPECIAL, any_char, fuzz, hostile_text, long_runs, tried

FIELDS = ["id", "text", "title", "published", "date", "url", "source", "summary"]
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile_text,
                        st.sampled_from(["2024-05-10", "0001-01-01", "9999-12-31T23:59:59Z", "2024-02-30",
                                         "10000-01-01", "-0001-01-01", ""]))
json_value = st.recursive(json_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                               st.dictionaries(st.text(max_size=5), inner,
                                                                               max_size=4)), max_leaves=12)
records = st.dictionaries(st.sampled_from(FIELDS), json_value, max_size=8)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=bool(hash(str(value)) % 2))


def _line_text(draw_record, mutation, cut) -> str:
    line = _dump(draw_record)
    if mutation == "truncate":
        return line[:cut]
    if mutation == "nest":
        return "[" * cut + "]" * cut
    if mutation == "huge-int":
        return '{"id": 1' + "0" * (4000 + cut) + ', "text": "x"}'
    return line


jsonl_lines = st.one_of(
    st.builds(_line_text, records, st.sampled_from(["whole", "whole", "truncate", "nest", "huge-int"]),
              st.integers(0, 6000)),
    hostile_text,
)


def _ok_article(item, origin: str) -> None:
    assert isinstance(item, (Article, InputError)), type(item)
    if isinstance(item, Article):
        item.text.encode("utf-8")  # storable and printable: no lone surrogate survives
        assert item.text.strip()
    else:
        assert item.path == origin


@fuzz(4000)
@given(line=jsonl_lines, encoded=st.booleans())
def test_a_jsonl_line_is_an_article_or_an_error_naming_file_and_line(line, encoded):
    tried("jsonl line")
    raw = line.encode("utf-8", "surrogatepass") if encoded else line
    try:
        item = parse_jsonl_line(raw, "feed.jsonl", 7)
    except InputError as err:
        assert (err.path, err.line) == ("feed.jsonl", 7)
        return
    _ok_article(item, "feed.jsonl")
    assert item.origin == "feed.jsonl:7"


@fuzz(300)
@given(lines=st.lists(jsonl_lines, max_size=8), gz=st.booleans(), cut=st.integers(0, 400),
       garbage=st.binary(max_size=40))
def test_a_jsonl_file_plain_gzipped_or_broken_gives_one_item_per_line_or_an_error(tmp_path_factory, lines, gz,
                                                                                  cut, garbage):
    tried("jsonl file")
    folder = tmp_path_factory.mktemp("jsonl")
    data = "\n".join(lines).encode("utf-8", "surrogatepass") + garbage
    path = folder / ("feed.jsonl.gz" if gz else "feed.jsonl")
    if gz:
        packed = gzip.compress(data)
        data = packed[: max(10, len(packed) - cut)] if cut % 3 == 0 else packed
    path.write_bytes(data)
    for item in read_jsonl_file(str(path)):
        _ok_article(item, str(path))


@fuzz(2500)
@given(raw=st.one_of(hostile_text, st.builds(lambda d, body: f"date {d} {body}", st.text(
    st.sampled_from("0123456789-./ "), max_size=14), hostile_text)))
def test_a_text_file_is_an_article_or_an_error(raw):
    tried("text")
    try:
        item = parse_text(raw, "story.txt")
    except InputError as err:
        assert err.path == "story.txt"
        return
    _ok_article(item, "story.txt")


@fuzz(40)
@given(run=long_runs())
def test_megabyte_lines_and_tokens_are_read(run):
    tried("1 MB lines")
    for item in (_try(parse_text, run, "big.txt"), _try(parse_jsonl_line, json.dumps({"text": run}), "big.jsonl", 1)):
        _ok_article(item, item.path.split(":")[0] if isinstance(item, InputError) else "")


def _try(f, *args):
    try:
        return f(*args)
    except InputError as err:
        return err


def _html(parts, depth, cut, tag, charset):
    body = "".join(f"<p>{p}</p>" for p in parts)
    page = (f'<html><head><meta charset="{charset}"><title>{parts[0] if parts else ""}</title></head><body>'
            + f"<{tag}>" * depth + body + f"</{tag}>" * depth + "</body></html>")
    return page[: len(page) - cut] if cut else page


html_pages = st.one_of(
    st.builds(_html, st.lists(hostile_text, max_size=6), st.integers(0, 3000), st.integers(0, 200),
              st.sampled_from(["div", "table", "b", "p", "li", "script", "svg"]),
              st.sampled_from(["utf-8", "latin-1", "utf-16", "shift_jis", "bogus-charset", ""])),
    hostile_text,
)


@fuzz(400)
@given(page=html_pages, as_bytes=st.sampled_from([None, "utf-8", "latin-1", "utf-16"]))
def test_an_html_page_deep_truncated_or_in_any_encoding_is_an_article_or_an_error(page, as_bytes):
    tried("html")
    html = page.encode(as_bytes, "surrogatepass" if as_bytes == "utf-8" else "replace") if as_bytes else page
    try:
        item = parse_html(html, "page.html")
    except InputError as err:
        assert err.path == "page.html"
        return
    _ok_article(item, "page.html")


@fuzz(300)
@given(files=st.lists(st.tuples(st.sampled_from([".txt", ".md", ".html", ".jsonl", ".jsonl.gz", ".pdf", ""]),
                                st.binary(max_size=300) | hostile_text.map(lambda t: t.encode("utf-8", "replace"))),
                      max_size=5),
       encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]))
def test_a_directory_of_anything_gives_articles_and_errors_in_order(tmp_path_factory, files, encoding):
    tried("directory")
    folder = tmp_path_factory.mktemp("dir")
    for n, (suffix, data) in enumerate(files):
        if encoding != "utf-8":
            data = data.decode("utf-8", "replace").encode(encoding, "replace")
        (folder / f"f{n}{suffix}").write_bytes(data)
    for item in read_inputs([str(folder)]):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, Article):
            item.text.encode("utf-8")


@fuzz(1500)
@given(data=st.one_of(st.binary(max_size=400), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      hostile_text.map(lambda t: t.encode("utf-16", "surrogatepass"))))
def test_standard_input_of_any_bytes(monkeypatch, data):
    tried("stdin")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    # One text article, or (when it starts with "{") one item per JSONL line.
    items = list(read_inputs(["-"]))
    assert items
    for item in items:
        _ok_article(item, "<stdin>")
