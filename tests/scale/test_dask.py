"""The batch on a real dask.distributed LocalCluster (two worker processes): the same shards
as the local engine, even when a worker is killed mid-run."""

from __future__ import annotations

import functools
import os
import signal

import pytest

from communique.batch import read_batch_inputs, run_batch
from communique.nlp import DEFAULT_MODEL
from communique.runner import run_articles

from batch_data import same_folders, write_jsonl

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


@pytest.fixture
def corpus(tmp_path):
    src = str(write_jsonl(tmp_path / "wire.jsonl", n=24))
    local = tmp_path / "local"
    run_batch(lambda: read_batch_inputs([src]), local,
              functools.partial(run_articles, workers=1, model=DEFAULT_MODEL, chunk_size=2), shard_size=5)
    return src, local


def _on_dask(client):
    from communique.batch.dask_engine import run_on_dask

    return functools.partial(run_on_dask, model=DEFAULT_MODEL, chunk_size=2, client=client)


def test_a_batch_on_a_local_cluster_writes_the_shards_the_local_engine_writes(client, corpus, tmp_path):
    src, local = corpus
    summary = run_batch(lambda: read_batch_inputs([src]), tmp_path / "dask", _on_dask(client), shard_size=5)
    assert (summary.articles, summary.failures, summary.shards_written) == (24, 1, 5)
    assert same_folders(local, tmp_path / "dask")


def test_a_batch_completes_when_a_worker_is_killed_mid_run(client, corpus, tmp_path):
    src, local = corpus
    pids = list(client.run(os.getpid).values())
    killed = []

    def kill_one(done, summary):
        if done == 3 and not killed:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    summary = run_batch(lambda: read_batch_inputs([src]), tmp_path / "dask", _on_dask(client), shard_size=5,
                        progress=kill_one)
    assert killed and pids[0] not in client.run(os.getpid).values()
    assert (summary.articles, summary.failures) == (24, 1)  # only the bad line
    assert same_folders(local, tmp_path / "dask")


def test_an_article_that_hangs_a_dask_worker_is_a_failure_and_the_run_goes_on(client):
    from communique.batch.dask_engine import run_on_dask
    from communique.errors import ExtractionError
    from communique.records import Article, Extraction

    from scale_faults import HANG, faulty

    items = [Article(text=f"Chile and Peru met in Lima, report {i}.", origin=f"wire.jsonl:{i + 1}")
             for i in range(6)]
    items[2] = Article(text=f"{HANG} and Peru met.", origin="wire.jsonl:3")

    out = list(run_on_dask(items, model=DEFAULT_MODEL, chunk_size=2, client=client, article_timeout=10,
                           work=faulty))

    assert len(out) == 6
    hung = out[2]
    assert isinstance(hung, ExtractionError) and "wire.jsonl:3" in str(hung) and "time limit" in str(hung)
    assert all(isinstance(out[n], Extraction) and out[n].article is items[n] for n in (0, 1, 3, 4, 5))
    # The stalled worker was restarted, not lost: the cluster still has both.
    assert len(client.scheduler_info()["workers"]) == 2
