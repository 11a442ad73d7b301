"""Exception handlers: every error leaves the service as problem+json, never as a traceback."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match

from api.errors import (
    PROBLEM_JSON,
    ApiError,
    BadRequest,
    InvalidParameters,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
)

# asyncpg and OS-level failures that mean "the database is not there", whatever layer raised them.
# FileNotFoundError: a server reached over a Unix socket (the embedded one) is stopped and its
# socket file is gone; asyncpg raises it raw from connect().
_UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    PoolTimeoutError,
    ConnectionError,
    TimeoutError,
    FileNotFoundError,
)


def problem_response(error: ApiError, request: Request) -> Response:
    return problem_for_path(error, request.url.path)


def problem_for_path(error: ApiError, path: str) -> Response:
    body = error.problem(instance=path)
    return Response(
        orjson.dumps(body),
        status_code=error.status,
        media_type=PROBLEM_JSON,
        headers=error.headers,
    )


def _validation_params(exc: RequestValidationError) -> list[dict[str, Any]]:
    params = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        where = loc[0] if loc else "request"
        name = ".".join(loc[1:]) if len(loc) > 1 else where
        params.append({"name": name, "in": where, "reason": err.get("msg", "invalid")})
    return params


def is_unavailable(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, _UNAVAILABLE) or (
            isinstance(current, DBAPIError) and current.connection_invalidated
        ):
            return True
        if type(current).__module__.startswith("asyncpg") and type(current).__name__ in {
            "CannotConnectNowError",
            "ConnectionDoesNotExistError",
            "InterfaceError",
            "TooManyConnectionsError",
            "AdminShutdownError",
        }:
            return True
        current = current.__cause__ or current.__context__
    return False


_METHODS = ("DELETE", "GET", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> str:
    """Every method some route accepts at this path, not only the first route that matched.

    Asked of the router method by method (a 405 is rare), which also sees routes of included
    routers.
    """
    allowed = {
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL
            for route in request.app.router.routes
        )
    }
    if "GET" in allowed:
        allowed.add("HEAD")
    return ", ".join(sorted(allowed))


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return problem_response(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        params = _validation_params(exc)
        names = ", ".join(p["name"] for p in params)
        error = InvalidParameters(f"Invalid value for: {names}", params)
        return problem_response(error, request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        mapping: dict[int, type[ApiError]] = {
            400: BadRequest,
            404: NotFound,
            405: MethodNotAllowed,
            413: PayloadTooLarge,
            415: UnsupportedMediaType,
        }
        cls = mapping.get(exc.status_code)
        if exc.status_code == 404 and exc.detail == "Not Found":
            error: ApiError = NotFound(f"No resource at {request.url.path}")
        elif cls is not None:
            error = cls(str(exc.detail))
        else:
            error = ApiError(str(exc.detail))
            error.status = exc.status_code
            error.title = str(exc.detail)
        error.headers.update(exc.headers or {})
        if exc.status_code == 405:
            error.headers["Allow"] = allowed_methods(request)
        return problem_response(error, request)
