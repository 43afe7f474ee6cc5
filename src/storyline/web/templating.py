"""The Jinja2 environment of the pages: autoescaped, with a few formatting filters."""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from storyline import __version__
from storyline.stories.disagree import country_name

WEB_DATA = Path(__file__).resolve().parents[1] / "data" / "web"


def _clip(text: object, limit: int = 200) -> str:
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _web_url(url: object) -> str | None:
    """An article's own URL, only when it is a plain web address (never ``javascript:``)."""
    text = str(url or "").strip()
    return text if urllib.parse.urlsplit(text).scheme in ("http", "https") else None


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(WEB_DATA / "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["q"] = lambda value: urllib.parse.quote(str(value), safe="")
    env.filters["clip"] = _clip
    env.filters["country"] = lambda code: country_name(str(code)) if code else ""
    env.filters["web_url"] = _web_url
    env.filters["num"] = lambda n: f"{n:,}" if isinstance(n, int) else \
        f"{n:,.6g}" if isinstance(n, float) else str(n)
    env.globals["version"] = __version__
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)  # compiled now rather than on a visitor's first request
    return env


def render(request: Request, template: str, context: dict[str, Any],
           status_code: int = 200) -> HTMLResponse:
    """A page rendered with the app's environment; ``context`` values are escaped."""
    env: jinja2.Environment = request.app.state.templates
    db_name = Path(str(request.app.state.web.db)).name
    page = env.get_template(template).render(request=request, db_name=db_name, **context)
    return HTMLResponse(page, status_code=status_code)
