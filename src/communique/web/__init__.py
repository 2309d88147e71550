"""The web dashboard and HTTP API over the event store (``communique serve``).

    from communique.store import Store
    from communique.web import create_app
    app = create_app(Store("sqlite:///communique.db"))   # an ASGI app for uvicorn
"""

from .app import create_app

__all__ = ["create_app"]
