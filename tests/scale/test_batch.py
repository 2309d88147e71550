"""communique batch and load: Parquet shards of every record type, resumable, loaded once."""

from __future__ import annotations

import functools
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from communique.batch import SCHEMAS, TABLES, read_batch_inputs, read_shards, run_batch
from communique.cli import main
from communique.nlp import DEFAULT_MODEL
from communique.records import Extraction
from communique.runner import run_articles

from batch_data import same_folders, write_jsonl

pytestmark = pytest.mark.model
in_process = functools.partial(run_articles, workers=1, model=DEFAULT_MODEL, chunk_size=2)


def test_shards_hold_every_record_type_with_the_article_id_on_each_row_and_rebuild_the_extractions(tmp_path):
    src = write_jsonl(tmp_path / "wire.jsonl")
    parquet = tmp_path / "more.parquet"
    pq.write_table(pa.table({"text": ["Fiji and Chile met in Suva on Monday.", ""], "id": ["p1", "p2"]}), parquet)
    paths = [str(src), str(parquet)]
    out = tmp_path / "out"
    # One article per parser batch: the same batches as the direct run below.
    one_by_one = functools.partial(run_articles, workers=1, model=DEFAULT_MODEL, chunk_size=1)
    summary = run_batch(lambda: read_batch_inputs(paths), out, one_by_one, shard_size=4)

    assert (summary.shards_written, summary.articles, summary.failures) == (5, 15, 2)
    for table in TABLES:
        files = sorted((out / table).glob("part-*.parquet"))
        assert len(files) == 5
        data = pq.read_table(out / table)  # the folder reads as one table
        assert data.schema == SCHEMAS[table]
    articles = pq.read_table(out / "articles").to_pylist()
    assert [a["article_id"] for a in articles][-1] == "p1"
    ids = {a["article_seq"]: a["article_id"] for a in articles}
    events = pq.read_table(out / "events").to_pylist()
    assert events and all(ids[e["article_seq"]] == e["article_id"] for e in events)
    failures = pq.read_table(out / "failures").to_pylist()
    assert [(f["path"].rsplit("/", 1)[-1], f["line"], f["stage"]) for f in failures] == \
        [("wire.jsonl", 5, "read"), ("more.parquet", 2, "read")]

    # The shards give back the extractions a direct run gives, in input order.
    direct = [r for r in one_by_one(read_batch_inputs(paths)) if isinstance(r, Extraction)]
    rebuilt = [r for r in read_shards(out) if isinstance(r, Extraction)]
    assert [r.to_dict() for r in rebuilt] == [r.to_dict() for r in direct]
    assert [r.article.origin for r in rebuilt] == [r.article.origin for r in direct]


def test_a_rerun_after_an_interrupted_batch_writes_the_same_shards(tmp_path):
    src = str(write_jsonl(tmp_path / "wire.jsonl"))
    whole = tmp_path / "whole"
    run_batch(lambda: read_batch_inputs([src]), whole, in_process, shard_size=4)

    def interrupted(items):
        for n, result in enumerate(in_process(items)):
            if n == 9:  # in the third shard
                raise KeyboardInterrupt
            yield result

    resumed = tmp_path / "resumed"
    with pytest.raises(KeyboardInterrupt):
        run_batch(lambda: read_batch_inputs([src]), resumed, interrupted, shard_size=4)
    assert sorted(p.name for p in (resumed / "_shards").iterdir()) == ["part-000000.json", "part-000001.json"]
    # A shard caught half written by a crash: a table renamed, its manifest never written.
    (resumed / "events" / ".part-000002.parquet.tmp").write_bytes(b"half")
    (resumed / "articles" / "part-000002.parquet").write_bytes(b"stale")

    seen = []
    summary = run_batch(lambda: read_batch_inputs([src]), resumed,
                        lambda items: (seen.append(1) or r for r in in_process(items)), shard_size=4)
    assert (summary.shards_skipped, summary.shards_written) == (2, 2)
    assert len(seen) == 15 - 8  # the finished shards were not extracted again
    assert same_folders(whole, resumed)


def test_a_rerun_must_keep_the_shard_size(tmp_path):
    src = str(write_jsonl(tmp_path / "wire.jsonl", n=3, bad_line=None))
    run_batch(lambda: read_batch_inputs([src]), tmp_path / "out", in_process, shard_size=4)
    runner = CliRunner()
    result = runner.invoke(main, ["batch", src, "--out", str(tmp_path / "out"), "--shard-size", "5", "-q"])
    assert result.exit_code == 1 and "--shard-size 4" in result.output


def test_batch_then_load_twice_stores_each_article_once(tmp_path, db_url):
    from communique.store import Store

    src = str(write_jsonl(tmp_path / "wire.jsonl"))
    out = tmp_path / "out"
    runner = CliRunner()
    made = runner.invoke(main, ["batch", src, "--out", str(out), "--shard-size", "4", "-j", "1", "-q"])
    assert made.exit_code == 1 and "wire.jsonl:5" in made.output  # the bad line, named
    first = runner.invoke(main, ["load", str(out), "--db", db_url])
    assert first.exit_code == 0, first.output
    assert "14 new articles" in first.output
    with Store(db_url) as store:
        counts = store.counts()
        failures = [(f.line, f.stage) for f in store.failures()]
    again = runner.invoke(main, ["load", str(out), "--db", db_url])
    assert again.exit_code == 0 and "0 new articles, 14 already stored" in again.output
    with Store(db_url) as store:
        assert store.counts() == counts
        assert [(f.line, f.stage) for f in store.failures()] == failures == [(5, "read")]
    assert counts["articles"] == 14 and counts["events"] > 0
