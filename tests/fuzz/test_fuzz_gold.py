"""Every gold loader of `communique eval`, on generated files: gold items, or a
GoldFormatError naming the file; never another exception (a string where an object belongs
in ``textInfo`` was an AttributeError)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from communique.eval.common import GoldFormatError
from communique.eval.meantime import load_meantime
from communique.eval.plover import load_plover_gold
from communique.eval.quotes import load_quotes_gold
from communique.eval.re3d import load_bio, load_raw
from fuzzing import fuzz, hostile_text, tried

value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), hostile_text,
                               st.sampled_from(["CONSULT", "AGREE", "2024-05-10", "B-Person", "O"])),
                     lambda inner: st.one_of(st.lists(inner, max_size=3),
                                             st.dictionaries(st.sampled_from(
                                                 ["code", "actorText", "markup", "start", "end", "text",
                                                  "direct", "speaker", "kind"]), inner, max_size=4)),
                     max_leaves=10)


def _record(keys):
    return st.dictionaries(st.sampled_from(keys), value, max_size=len(keys))


PLOVER = _record(["id", "text", "plover", "source", "target", "textInfo", "date", "event"])
QUOTES = _record(["id", "text", "quotes", "published"])


def _lines(records):
    return st.lists(st.one_of(records.map(json.dumps), hostile_text, st.just('{"text": "x", "plover": "CONSULT", '
                                                                             '"textInfo": "a string"}')),
                    min_size=1, max_size=5).map("\n".join)


def _check(load, path):
    try:
        load(path)
    except GoldFormatError as err:
        assert str(path) in str(err)


def _write(folder, name, text):
    path = folder / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


@fuzz(800)
@given(text=_lines(PLOVER))
def test_plover_gold(tmp_path_factory, text):
    tried("gold plover")
    _check(load_plover_gold, _write(tmp_path_factory.mktemp("p"), "gold.jsonl", text))


def test_plover_gold_with_a_string_text_info_names_file_and_line(tmp_path):
    path = _write(tmp_path, "gold.jsonl", '{"text": "Chile and Peru met.", "plover": "CONSULT"}\n'
                                          '{"text": "Chile and Peru met.", "plover": "CONSULT", "textInfo": "x"}\n')
    try:
        load_plover_gold(path)
    except GoldFormatError as err:
        assert f"{path}:2" in str(err) and "textInfo" in str(err)
    else:
        raise AssertionError("no GoldFormatError")


@fuzz(800)
@given(text=_lines(QUOTES))
def test_quote_gold(tmp_path_factory, text):
    tried("gold quotes")
    _check(load_quotes_gold, _write(tmp_path_factory.mktemp("q"), "quotes.jsonl", text))


@fuzz(800)
@given(lines=st.lists(st.one_of(st.tuples(hostile_text, st.sampled_from(["O", "B-Person", "I-Weapon", "B-", "X"]))
                                .map("\t".join), hostile_text, st.just("")), max_size=12))
def test_re3d_bio(tmp_path_factory, lines):
    tried("gold re3d bio")
    _check(load_bio, _write(tmp_path_factory.mktemp("b"), "test.txt", "\n".join(lines)))


@fuzz(400)
@given(docs=st.lists(_record(["_id", "text", "title"]).map(json.dumps) | hostile_text, max_size=3),
       ents=st.lists(_record(["documentId", "type", "begin", "end", "confidence", "value"]).map(json.dumps)
                     | hostile_text, max_size=4))
def test_re3d_raw_folder(tmp_path_factory, docs, ents):
    tried("gold re3d raw")
    folder = tmp_path_factory.mktemp("r")
    _write(folder, "documents.json", "\n".join(docs))
    _write(folder, "entities.json", "\n".join(ents))
    _check(load_raw, folder)


def _cat(tokens, timexes, cut):
    toks = "".join(f'<token t_id="{n}" sentence="{s}">{t}</token>' for n, (t, s) in enumerate(tokens, 1))
    marks = "".join(f'<TIMEX3 m_id="t{n}" type="DATE" value="{v}"><token_anchor t_id="{a}"/></TIMEX3>'
                    for n, (v, a) in enumerate(timexes))
    xml = f'<Document doc_name="d">{toks}<Markables>{marks}</Markables><Relations/></Document>'
    return xml[: len(xml) - cut] if cut else xml


@fuzz(400)
@given(xml=st.one_of(st.builds(_cat, st.lists(st.tuples(st.sampled_from(["India", "&amp;", "<", "x", "2009"]),
                                                        st.sampled_from(["0", "1", "x", "-1", ""])), max_size=6),
                               st.lists(st.tuples(hostile_text, st.sampled_from(["1", "99", "x", ""])), max_size=3),
                               st.integers(0, 30)),
                     hostile_text))
def test_meantime_cat_xml(tmp_path_factory, xml):
    tried("gold meantime")
    _check(load_meantime, _write(tmp_path_factory.mktemp("m"), "doc.xml", xml))
