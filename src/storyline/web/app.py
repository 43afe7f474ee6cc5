"""``create_app(db)``: the read-only web app over a storyline database.

Server-rendered pages (Jinja2, autoescaped) under ``/``, a JSON API under
``/api/`` with its OpenAPI schema at ``/openapi.json``, and the packaged CSS and
JavaScript under ``/static/``.  Nothing is loaded from elsewhere: the
Content-Security-Policy forbids it, so the app works on an isolated network and
hostile article text cannot pull in scripts.
"""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.errors import StorylineError
from storyline.web import api, pages
from storyline.web.state import WebState
from storyline.web.templating import WEB_DATA, environment, render

#: no resource from anywhere but this server; no inline script or style, no plugins
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in SECURITY_HEADERS if k not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = str(exc.detail) if exc.detail else "Something went wrong."
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=exc.status_code)
    title = {404: "Not found", 405: "Not allowed"}.get(exc.status_code, "Error")
    return render(request, "error.html", {"title": title, "message": detail,
                                          "status": exc.status_code}, exc.status_code)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
        for e in exc.errors())
    if _wants_json(request):
        return JSONResponse({"detail": problems}, status_code=422)
    return render(request, "error.html", {"title": "Bad request", "message": problems,
                                          "status": 400}, 400)


async def _store_error(request: Request, exc: Exception) -> Response:
    message = f"The database could not be read: {exc}"
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=500)
    return render(request, "error.html", {"title": "Database error", "message": message,
                                          "status": 500}, 500)


def create_app(db: str | Path, *, warm: int = 0) -> FastAPI:
    """The app serving the database at ``db`` (which must exist; it is never written).

    ``warm``: build the views of this many most recent stories in a background
    thread at once, so that their first visitors need not wait.

    >>> create_app("/no/such.db")
    Traceback (most recent call last):
    ...
    storyline.errors.InputError: /no/such.db: no such database; run `storyline ingest` first
    """
    state = WebState(db)
    app = FastAPI(
        title="storyline", version=__version__,
        description="Read-only access to a storyline database: stories, their timelines, "
                    "entities, quotes, figures and events, with the analysis contract's "
                    "field names. Lists take `limit` and `offset`.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN
    )
    app.state.web = state
    app.state.templates = environment()
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StorylineError, _store_error)
    app.mount("/static", StaticFiles(directory=WEB_DATA / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(SecurityHeaders)
    if warm > 0:
        threading.Thread(target=state.warm, args=(warm,), name="storyline-warm",
                         daemon=True).start()
    return app
