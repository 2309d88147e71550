"""Web tests: a real `communique serve` process on a free loopback port, over a temporary
SQLite database: the project's examples ingested with the model (tests marked ``model``),
or hand-built extractions (no model)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from communique.records import Actor, Article, Event, Extraction, Quote, Span

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path, *args: str) -> None:
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "COMMUNIQUE_LOG_LEVEL": "warning"}
        env.pop("COMMUNIQUE_TOKEN", None)
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from communique.cli import main; main()", "serve", "--db", f"sqlite:///{db}", "--port", str(self.port),
             *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("communique serve exited: " + (self.process.stdout.read() or ""))
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/api/stats", timeout=2).status_code == 200:
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("communique serve did not answer within 60 s")

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120, **kw)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory, nlp) -> Path:
    """The examples, ingested once per session (the model loads once, via ``nlp``)."""
    from communique.store import Store

    path = tmp_path_factory.mktemp("web") / "examples.db"
    with Store(f"sqlite:///{path}") as store:
        store.ingest_paths([str(EXAMPLES / "articles.jsonl")])
    return path


@pytest.fixture
def examples_copy(examples_db, tmp_path) -> Path:
    """A fresh copy for a test that writes."""
    path = tmp_path / "examples.db"
    shutil.copy(examples_db, path)
    return path


@pytest.fixture
def server_factory():
    started = []

    def start(db: Path, *args: str) -> Server:
        server = Server(db, *args)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


# --- a hostile article, built by hand ---------------------------------------------------------

TITLE = '<script>window.__pwned = "title"</script>Hostile <b>title</b>'
NAME = '<img src=x onerror="window.__pwned=\'name\'">Minister'
QUOTE = '"><svg onload="window.__pwned=\'quote\'"></svg>'


def hostile_extraction() -> Extraction:
    """An article whose title, text, actor name and quote carry markup that would run if unescaped."""
    text = (f"{NAME} of Testland met officials of Otherland on Monday. "
            f"<img src=x onerror=\"window.__pwned='text'\"> was in the text. "
            f"{NAME} said {QUOTE} and left.")
    first = text.index(NAME)
    second = text.index(NAME, first + 1)
    quote_at = text.index(QUOTE)
    said = text.index(" said ", second) + 1
    met = text.index("met")
    actors = [
        Actor(id="a1", name=NAME, kind="person", country="IND", sector="GOV", role="Minister",
              mentions=[Span(first, first + len(NAME), NAME), Span(second, second + len(NAME), NAME)]),
        Actor(id="a2", name="Otherland", kind="country", country="KOR",
              mentions=[Span(text.index("Otherland"), text.index("Otherland") + 9, "Otherland")]),
    ]
    sentence_end = text.index(".") + 1
    events = [Event(id="e1", category="CONSULT", trigger=Span(met, met + 3, "met"), sentence=(0, sentence_end),
                    source=["a1"], target=["a2"], date="2021-03-22", date_precision="day", score=1.0,
                    confidence=0.41)]
    quotes = [Quote(speaker="a1", cue=Span(said, said + 4, "said"),
                    content=Span(quote_at, quote_at + len(QUOTE), QUOTE), direct=True)]
    article = Article(text=text, title=TITLE, published=dt.date(2021, 3, 26), source="<i>Wire</i>",
                      url="https://example.org/hostile?a=1&b=<2>")
    return Extraction(article=article, actors=actors, events=events, quotes=quotes)


@pytest.fixture
def hostile_db(tmp_path) -> Path:
    from communique.store import Store

    path = tmp_path / "hostile.db"
    with Store(f"sqlite:///{path}") as store:
        summary = store.ingest([hostile_extraction()])
        assert summary.articles_new == 1, summary.failures
    return path
