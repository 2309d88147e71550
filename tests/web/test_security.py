"""The server's guards, against a real `communique serve`: tokens, read-only, body size,
CORS, Host names, forms from other sites, parameterised SQL. No model needed."""

from __future__ import annotations

import re

from click.testing import CliRunner

from communique.cli import main


def test_writes_need_the_token_when_the_server_has_one(server_factory, hostile_db):
    server = server_factory(hostile_db, "--token", "s3cret")
    with server.client() as http:
        event = http.get("/api/events").json()["events"][0]["id"]
        body = {"action": "accept", "reviewer": "tester"}
        assert http.post(f"/api/events/{event}/review", json=body).status_code == 401
        wrong = http.post(f"/api/events/{event}/review", json=body, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and "Bearer" in wrong.json()["error"]
        ok = http.post(f"/api/events/{event}/review", json=body, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["event"]["review"]["status"] == "accepted"
        # Reads stay open.
        assert http.get(f"/api/events/{event}").status_code == 200


def test_read_only_serves_no_write_routes(server_factory, hostile_db):
    server = server_factory(hostile_db, "--read-only")
    with server.client() as http:
        event = http.get("/api/events").json()["events"][0]["id"]
        assert http.post(f"/api/events/{event}/review", json={"action": "accept"}).status_code in (404, 405)
        assert http.post("/api/extract", json={"text": "India met Korea."}).status_code in (404, 405)
        assert http.post("/api/articles", json={"text": "India met Korea."}).status_code in (404, 405)
        paths = http.get("/openapi.json").json()["paths"]
        assert "/api/events" in paths
        assert not any("post" in ops for ops in paths.values())
        assert "read-only" in http.get("/extract", headers={"Accept": "text/html"}).text


def test_bodies_over_the_limit_get_413(server_factory, hostile_db):
    server = server_factory(hostile_db, "--max-body", "1")
    with server.client() as http:
        big = {"text": "word " * 300_000}
        response = http.post("/api/extract", json=big)
        assert response.status_code == 413 and "error" in response.json()

        def chunks():  # no Content-Length: counted as it streams in
            for _ in range(20):
                yield b"x" * 100_000

        streamed = http.post("/api/articles", content=chunks(), headers={"Content-Type": "application/x-ndjson"})
        assert streamed.status_code == 413


def test_no_cors_and_only_loopback_host_names(server_factory, hostile_db):
    server = server_factory(hostile_db)
    with server.client() as http:
        preflight = http.options("/api/events/1/review", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert "access-control-allow-origin" not in preflight.headers
        plain = http.get("/api/events", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in plain.headers
        assert "script-src 'self'" in plain.headers["content-security-policy"]
        # A DNS-rebinding page reaches the server under its own host name: refused.
        assert http.get("/api/events", headers={"Host": "evil.example"}).status_code == 400


def test_cross_site_form_posts_and_plain_text_json_are_refused(server_factory, hostile_db):
    server = server_factory(hostile_db)
    with server.client() as http:
        event = http.get("/api/events").json()["events"][0]["id"]
        page = http.get(f"/events/{event}", headers={"Accept": "text/html"}).text
        key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
        form = {"action": "accept", "form_key": key}
        evil = http.post(f"/review/{event}", data=form, headers={"Origin": "https://evil.example"})
        assert evil.status_code == 403
        assert http.post(f"/review/{event}", data={"action": "accept"}).status_code == 403
        # A cross-site <form enctype=text/plain> cannot pass for JSON.
        text = http.post(f"/api/events/{event}/review", content='{"action": "accept"}',
                         headers={"Content-Type": "text/plain"})
        assert text.status_code == 422
        assert http.get(f"/api/events/{event}").json()["review_history"] == []
        same = http.post(f"/review/{event}", data=form, headers={"Origin": server.url}, follow_redirects=False)
        assert same.status_code == 303
        assert http.get(f"/api/events/{event}").json()["review"]["status"] == "accepted"


def test_filters_are_parameters_not_sql(server_factory, hostile_db):
    server = server_factory(hostile_db)
    with server.client() as http:
        for actor in ("' OR 1=1 --", '" OR ""="', "%' OR '1'='1"):
            response = http.get("/api/events", params={"actor": actor})
            assert response.status_code == 200 and response.json()["events"] == []
        assert http.get("/api/search", params={"q": "'); DROP TABLE events; --"}).status_code == 200
        assert len(http.get("/api/events").json()["events"]) == 1


def test_errors_are_json_with_a_message(server_factory, hostile_db):
    server = server_factory(hostile_db)
    with server.client() as http:
        for path in ("/api/events/424242", "/api/articles/424242", "/api/nothing"):
            response = http.get(path)
            assert response.status_code == 404 and response.json()["error"]
        bad = http.get("/api/events", params={"dyad": "INDIA"})
        assert bad.status_code == 400 and "dyad" in bad.json()["error"]
        assert http.get("/api/events", params={"limit": 0}).status_code == 422
        wrong = http.post("/api/events/1/review", json={"action": "correct"})
        assert wrong.status_code == 400 and "at least one" in wrong.json()["error"]
        page = http.get("/events/424242", headers={"Accept": "text/html"})
        assert page.status_code == 404 and "<html" in page.text


def test_serve_refuses_an_open_address_without_a_token(tmp_path, hostile_db):
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{hostile_db}", "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "--token" in result.output
