"""The dashboard in a real browser (Debian's chromium, driven by Playwright): every page
opens without script errors, each chart has a mark per datum, a review driven from the
keyboard persists and shows in `communique events`, /extract shows records of a pasted
article, pages work with JavaScript off, and hostile markup in stored records never runs.

Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from communique.cli import main

from .conftest import CHROMIUM, CHROMIUM_ARGS, EXAMPLES, NAME, QUOTE, SCREENSHOTS, TITLE

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"no browser at {CHROMIUM}: install Debian's chromium "
                                       "(apt-get install chromium), as .ci/run does")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def count(page, selector: str) -> int:
    return page.locator(selector).count()


@pytest.mark.model
def test_every_page_opens_and_each_chart_has_a_mark_per_datum(page, server_factory, examples_copy):
    server = server_factory(examples_copy)
    with server.client() as http:
        dyad = http.get("/api/dyads").json()["dyads"][0]["dyad"]
        timeline = http.get(f"/api/dyads/{dyad}/timeline").json()["timeline"]
        network = http.get("/api/network").json()
        places = http.get("/api/places").json()["places"]
        event = http.get("/api/events").json()["events"][0]["id"]
        article = http.get("/api/articles").json()["articles"][0]["id"]

    page.goto(server.url + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert count(page, "table.events tbody tr") > 0
    shot(page, "overview")

    page.goto(f"{server.url}/dyads/{dyad}")
    groups = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    bars = sum(1 for r in timeline for g in groups if r[g])
    scores = sum(1 for r in timeline if r["mean_score"] is not None)
    assert count(page, "svg.timeline rect.mark") == bars > 0
    assert count(page, "svg.timeline circle.mark") == scores
    assert int(page.locator("svg.timeline").get_attribute("data-marks")) == bars + scores
    shot(page, "dyad")

    page.goto(server.url + "/network")
    assert count(page, "svg.network line.mark") == len(network["edges"]) > 0
    assert count(page, "svg.network circle.mark") == len(network["nodes"])
    shot(page, "network")

    page.goto(server.url + "/map", timeout=120_000)
    assert count(page, "svg.map circle.mark") == len(places) > 0
    assert count(page, "svg.map path.land") > 150  # the world's countries, drawn offline
    shot(page, "map")

    page.goto(f"{server.url}/events/{event}")
    assert count(page, ".article-text .hl-trigger") > 0 and count(page, "table.fields tr") >= 4
    shot(page, "event")
    page.goto(f"{server.url}/articles/{article}")
    for kind in ("actor", "trigger", "time", "place", "quote"):
        assert count(page, f".article-text .hl-{kind}") > 0, kind
    shot(page, "article")

    for path, name in (("/search?q=talks", "search"), ("/articles", "articles"), ("/review", "review"),
                       ("/extract", "extract")):
        page.goto(server.url + path)
        shot(page, name)
    page.goto(server.url + "/docs")  # the OpenAPI docs, offline
    page.wait_for_selector(".opblock")
    assert count(page, ".opblock") >= 15
    shot(page, "api-docs")
    page.goto(server.url + "/search?q=talks")
    assert count(page, "table.events tbody tr") > 0
    page.locator("ul.hits a").first.click()
    page.wait_for_url(f"{server.url}/articles/*")
    assert count(page, ".article-text .hl-trigger") > 0
    assert page.errors == []


def _cli_events(db) -> dict[int, dict]:
    result = CliRunner().invoke(main, ["events", "--db", f"sqlite:///{db}", "--limit", "0", "--format", "json"])
    assert result.exit_code == 0, result.output
    return {e["id"]: e for e in json.loads(result.stdout)}


@pytest.mark.model
def test_a_review_from_the_keyboard_persists(page, server_factory, examples_copy):
    server = server_factory(examples_copy)
    page.goto(server.url + "/review")
    page.fill("#reviewer-name", "keyboard tester")
    page.locator("#reviewer-name").blur()
    items = page.locator(".queue-item")
    ids = [int(items.nth(i).get_attribute("data-event")) for i in range(4)]
    status = page.locator("#review-status")

    page.keyboard.press("a")  # accept the first; the cursor moves on
    page.wait_for_selector(f'.queue-item[data-event="{ids[0]}"].done')
    page.keyboard.press("j")  # skip the second
    page.keyboard.press("r")  # reject the third
    page.wait_for_selector(f'.queue-item[data-event="{ids[2]}"].done')
    page.keyboard.press("k")  # back to the second
    page.keyboard.press("k")
    assert "current" in (items.nth(1).get_attribute("class") or "")
    page.keyboard.press("c")  # correct it: the fields open, category first
    current = items.nth(1)
    category = current.locator("select[name=category]")
    machine = category.input_value()
    new = "THREATEN" if machine != "THREATEN" else "ACCUSE"
    category.select_option(new)
    current.locator("input[name=note]").fill("typed from the keyboard")
    current.locator("input[name=note]").press("Enter")
    page.wait_for_selector(f'.queue-item[data-event="{ids[1]}"].done')
    assert "corrected" in status.inner_text()
    shot(page, "review-keyboard")
    assert page.errors == []

    events = _cli_events(examples_copy)
    assert events[ids[0]]["review"]["status"] == "accepted"
    assert events[ids[0]]["review"]["by"] == "keyboard tester"
    assert events[ids[2]]["review"]["status"] == "rejected"
    assert events[ids[1]]["category"] == new and events[ids[1]]["review"]["status"] == "corrected"
    assert events[ids[1]]["review"]["changed"]["category"]["machine"] == machine
    assert events[ids[1]]["review"]["note"] == "typed from the keyboard"
    assert events[ids[3]]["review"] is None
    page.reload()  # reviewed events leave the queue
    assert not set(ids[:3]) & {int(x.get_attribute("data-event")) for x in page.locator(".queue-item").all()}


@pytest.mark.model
def test_extract_a_pasted_article(page, server_factory, examples_copy):
    server = server_factory(examples_copy)
    text = (EXAMPLES / "2024-07-03-south-korea-bangladesh-flood-aid.txt").read_text().split("\n", 1)[1]
    with server.client() as http:
        expected = http.post("/api/extract", json={"text": text}).json()
    page.goto(server.url + "/extract")
    page.fill("#extract-text", text)  # live: extracts shortly after typing stops
    page.wait_for_selector("#extract-result table.extract-events", timeout=120_000)
    rows = page.locator("#extract-result table.extract-events tbody tr")
    assert rows.count() == len(expected["events"]) > 0
    assert count(page, "#extract-result .hl-actor") > 0
    shot(page, "extract")
    assert page.errors == []


@pytest.mark.model
def test_pages_work_with_javascript_off(browser, server_factory, examples_copy):
    server = server_factory(examples_copy)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1360, "height": 900})
    page = context.new_page()
    with server.client() as http:
        event = http.get("/api/review/queue").json()["events"][0]["id"]
    page.goto(f"{server.url}/events/{event}")
    page.fill("form.review-form input[name=reviewer]", "no-script reviewer")
    page.click("form.review-form button[value=accept]")
    page.wait_for_url(f"{server.url}/events/{event}")
    assert page.locator("h1 .review-accepted").count() == 1
    page.goto(server.url + "/review")
    assert page.locator(".queue-item .correct-fields").first.is_visible()  # every field shown without script
    page.goto(server.url + "/search?q=aid")
    assert page.locator("table.events tbody tr").count() > 0
    shot(page, "no-javascript-search")
    context.close()
    assert _cli_events(examples_copy)[event]["review"]["by"] == "no-script reviewer"


def test_hostile_markup_is_shown_as_text_and_never_runs(page, server_factory, hostile_db):
    server = server_factory(hostile_db)
    with server.client() as http:
        event = http.get("/api/events").json()["events"][0]["id"]
        article = http.get("/api/articles").json()["articles"][0]["id"]
    for path in ("/", f"/articles/{article}", f"/events/{event}", "/review", "/search?q=officials",
                 "/articles", "/search?actor=Minister"):
        page.goto(server.url + path)
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.locator("main script, main img, main svg:not(.chart), main b:text('title')").count() == 0, path
    page.goto(f"{server.url}/articles/{article}")
    assert page.locator("h1").inner_text() == TITLE
    body = page.locator(".article-text").inner_text()
    assert NAME in body and QUOTE in body and "onerror=\"window.__pwned='text'\"" in body
    page.goto(f"{server.url}/events/{event}")
    assert NAME in page.locator("main").inner_text()
    shot(page, "hostile-markup")
    assert page.dialogs == []
