"""`communique serve`: the web dashboard and HTTP API over a store.

Registered on ``communique.cli.main`` when that module imports this one.
"""

from __future__ import annotations

import ipaddress
import os

import click

from .cli import main
from .errors import CommuniqueError

# The store commands' names are imported when the command runs: `python -m communique.cli`
# imports this module while cli_store is still half-initialised.
DEFAULT_DB = "sqlite:///communique.db"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@main.command()
@click.option("--db", "db", default=DEFAULT_DB, show_default=True, envvar="COMMUNIQUE_DB", metavar="URL",
              help="Database: sqlite:///FILE (or a bare FILE path) or postgresql://USER:PASSWORD@HOST/DB. "
                   "Also read from $COMMUNIQUE_DB.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address needs --token or --read-only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--read-only", is_flag=True, help="Serve no write routes (no ingest, review or extract).")
@click.option("--token", envvar="COMMUNIQUE_TOKEN", metavar="T",
              help="Writes need the header 'Authorization: Bearer T' (also read from $COMMUNIQUE_TOKEN).")
@click.option("--max-body", default=6, show_default=True, type=click.IntRange(1, 1024), metavar="MB",
              help="Largest request body in megabytes; larger ones get 413.")
@click.option("--model", default=None, metavar="NAME", help="spaCy pipeline for extract and ingest "
                                                            "(default: the project's).")
def serve(db, host, port, read_only, token, max_body, model) -> None:
    """Browse, chart, search and review the stored events in a browser, and serve the
    JSON API under /api (OpenAPI docs at /docs and /openapi.json).

    Open http://127.0.0.1:8000/ after `communique demo` to see the sample articles.
    """
    from .cli_store import _errors_are_one_line

    _errors_are_one_line(_serve)(db, host, port, read_only, token, max_body, model)


def _serve(db, host, port, read_only, token, max_body, model) -> None:
    from .cli_store import _note, _open

    try:
        import uvicorn

        from .web import create_app
    except ImportError as exc:
        raise CommuniqueError(f"the web server needs its extras ({exc.name} is missing): "
                              "pip install 'communique[web]'") from None
    loopback = is_loopback(host)
    if not loopback and not token and not read_only:
        raise CommuniqueError(f"{host} is reachable from other machines: give --token T (writes then need "
                              "'Authorization: Bearer T') or --read-only")
    store = _open(db, create=False)
    app = create_app(store, token=token, read_only=read_only, max_body=max_body * 1024 * 1024,
                     loopback=loopback, model=model)
    shown = f"[{host}]" if ":" in host else host
    _note(f"serving {store.url} at http://{shown}:{port}/"
          + (" (read-only)" if read_only else " (writes need the token)" if token else ""))
    try:
        uvicorn.run(app, host=host, port=port, log_level=os.environ.get("COMMUNIQUE_LOG_LEVEL", "warning"),
                    server_header=False)
    finally:
        store.close()
