"""Jinja2 templates and the HTML responses built from them.

Autoescaping is on for every template: article text, quotes, titles and names are third-party
or editor input and reach the page only as escaped text. The Content-Security-Policy allows
our own script and style sheet and nothing else (no inline script, no other origin), so even
a template mistake could not run a script that came with an article.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import Response

from api.date_wording import describe_dates, machine_date
from api.responses import text_response

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
HTML = "text/html; charset=utf-8"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"], default_for_string=True, default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    # Templates ship with the code: no stat() of every template file on every request.
    auto_reload=False,
)
_env.globals["nav"] = None  # which site section a page belongs to (set by the page)
_env.globals["describe_dates"] = describe_dates
_env.globals["machine_date"] = machine_date


def _label(value: str | None) -> str:
    """`not_yet_rated` -> `not yet rated`."""
    return (value or "").replace("_", " ")


def _long_date(value: date | None) -> str:
    return "" if value is None else f"{value.day} {value:%B %Y}"


def _web_link(url: str | None) -> bool:
    """Only http(s) addresses become links: a posted `javascript:` URL stays text."""
    return urlsplit(url or "").scheme.lower() in {"http", "https"}


_env.filters["label"] = _label
_env.filters["web_link"] = _web_link
_env.filters["long_date"] = _long_date


def render(template: str, **context: Any) -> str:
    return _env.get_template(template).render(**context)


def html_page(request: Request, template: str, **context: Any) -> Response:
    """A 200 page with an ETag (hash of the body), Cache-Control, and 304 on If-None-Match."""
    response = text_response(request, render(template, **context).encode(), media_type=HTML)
    response.headers.update(SECURITY_HEADERS)
    return response


def html_error(status: int, template: str, **context: Any) -> Response:
    """An error page: the status says what went wrong, nothing is cached."""
    return Response(
        render(template, **context).encode(),
        status_code=status,
        media_type=HTML,
        headers={"Cache-Control": "no-store", **SECURITY_HEADERS},
    )
