"""The application factory: FastAPI over a Store, with the API, the pages and the guards.

    app = create_app(Store("sqlite:///communique.db"), token=None, read_only=False)

Guards, in one place:
- writes (ingest, review, extract) need ``Authorization: Bearer TOKEN`` when the server
  has a token; without one they are open, which ``communique serve`` allows only on a
  loopback address. ``read_only`` serves no write routes at all;
- page forms carry a per-process form key and are refused from another origin, so another
  web site open in the same browser cannot post to a token-less local server;
- request bodies over ``max_body`` bytes get 413 before they are read into memory;
- no CORS headers (browsers refuse other origins' scripts), a Content-Security-Policy that
  allows only this server's own scripts and styles, and Host names checked on loopback.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from importlib import resources

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..errors import CommuniqueError
from ..store import Store
from ..store.reviews import UnknownEvent

DEFAULT_MAX_BODY = 6 * 1024 * 1024  # an article may be 5 MB (readers.text.MAX_BYTES), plus JSON
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


@dataclass(slots=True)
class Settings:
    token: str | None = None
    read_only: bool = False
    max_body: int = DEFAULT_MAX_BODY
    loopback: bool = True
    model: str | None = None
    form_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def writes_need_token(self) -> bool:
        return self.token is not None


class NotFound(CommuniqueError):
    """An id the store does not have: 404."""


def create_app(store: Store, *, token: str | None = None, read_only: bool = False,
               max_body: int = DEFAULT_MAX_BODY, loopback: bool = True, model: str | None = None) -> FastAPI:
    app = FastAPI(title="Communique", version=__version__,
                  description="Events, actors, quotes and reviews from the Communique store. "
                              "Write routes need `Authorization: Bearer TOKEN` when the server has a token.",
                  docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.settings = Settings(token=token, read_only=read_only, max_body=max_body, loopback=loopback,
                                  model=model)
    app.state.cache = {}
    templates = Jinja2Templates(directory=str(resources.files("communique.web").joinpath("templates")))
    templates.env.globals.update(settings=app.state.settings, version=__version__)
    from . import charts, highlight

    templates.env.filters.update(highlight.FILTERS)
    templates.env.globals.update(charts.GLOBALS)
    app.state.templates = templates

    from . import api, pages

    app.include_router(api.read)
    app.include_router(pages.read)
    if not read_only:
        app.include_router(api.write)
        app.include_router(pages.write)
    app.mount("/static", StaticFiles(directory=str(resources.files("communique.web").joinpath("static"))),
              name="static")
    _docs(app)
    _errors(app)
    app.add_middleware(SecurityHeaders)
    if loopback:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS)
    app.add_middleware(BodyLimit, limit=max_body)
    return app


def _docs(app: FastAPI) -> None:
    """/docs: the Swagger UI (5.x, which reads OpenAPI 3.1) that the swagger-ui-py package
    ships, served from the installed package, so the API docs work offline."""
    import swagger_ui
    from fastapi.openapi.docs import get_swagger_ui_html

    assets = resources.files(swagger_ui).joinpath("static")
    app.mount("/docs-assets", StaticFiles(directory=str(assets)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Communique API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png")


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "text/html")


def _errors(app: FastAPI) -> None:
    def respond(request: Request, status: int, message: str):
        if wants_html(request):
            return request.app.state.templates.TemplateResponse(
                request, "error.html", {"status": status, "message": message}, status_code=status)
        return JSONResponse({"error": message, "status": status}, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        response = respond(request, exc.status_code, message)
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    from starlette.exceptions import HTTPException as StarletteHTTPException

    app.add_exception_handler(StarletteHTTPException, http_error)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
            parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return respond(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(NotFound)
    @app.exception_handler(UnknownEvent)
    async def not_found(request: Request, exc: CommuniqueError):
        return respond(request, 404, str(exc))

    @app.exception_handler(CommuniqueError)
    async def bad_request(request: Request, exc: CommuniqueError):
        return respond(request, 400, str(exc))


# --- guards ------------------------------------------------------------------------------


def require_write(request: Request) -> None:
    """A FastAPI dependency of every write route: the bearer token, when the server has one."""
    settings: Settings = request.app.state.settings
    if settings.read_only:  # never reached: read-only servers do not mount write routes
        raise HTTPException(405, "this server is read-only")
    if settings.token is None:
        return
    header = request.headers.get("authorization", "")
    if not secrets.compare_digest(header.encode(), f"Bearer {settings.token}".encode()):
        raise HTTPException(401, "this route needs the header Authorization: Bearer TOKEN "
                                 "(the --token the server was started with)",
                            headers={"WWW-Authenticate": "Bearer"})


def check_form(request: Request, form_key: str | None, token: str | None) -> None:
    """Page forms: same origin, this process's form key, and the token when there is one."""
    settings: Settings = request.app.state.settings
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host"):
        raise HTTPException(403, "a form from another site cannot post here")
    if not form_key or not secrets.compare_digest(form_key, settings.form_key):
        raise HTTPException(403, "this form has expired (the server was restarted): reload the page")
    if settings.token is not None and not secrets.compare_digest((token or "").encode(), settings.token.encode()):
        raise HTTPException(401, "enter the server's token in the form to save")


class BodyLimit:
    """413 for a body over ``limit`` bytes: by Content-Length, or counted as it streams in."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await self._too_large(send)
        seen = 0
        sent = False

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message):
            nonlocal sent
            sent = sent or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except _TooLarge:
            if not sent:
                await self._too_large(send)

    async def _too_large(self, send) -> None:
        body = (f'{{"error": "request body over {self.limit} bytes", "status": 413}}').encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Swagger UI's page starts itself with an inline script and styles.
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        policy = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] += [(b"content-security-policy", policy.encode()),
                                       (b"x-content-type-options", b"nosniff"),
                                       (b"referrer-policy", b"same-origin"),
                                       (b"x-frame-options", b"DENY")]
            await send(message)

        await self.app(scope, receive, with_headers)
