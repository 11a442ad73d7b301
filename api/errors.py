"""The service's one error hierarchy, rendered as RFC 9457 `application/problem+json`.

ApiError
├── BadRequest (400)            e.g. a malformed cursor
│   └── AmbiguousActor (400)    `?actor=` names nobody exactly and several actors loosely
├── Unauthorized (401)          missing or invalid API key
├── Forbidden (403)             key lacks the scope
├── NotFound (404)              unknown id, unknown actor name
├── Conflict (409)
├── PreconditionFailed (412)    stale If-Match
├── PayloadTooLarge (413)
├── UriTooLong (414)
├── InvalidParameters (422)     carries `invalid_params`
└── ServiceUnavailable (503)    database unreachable or not migrated
"""

from __future__ import annotations

from typing import Any

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://libya-timeline.example/problems/"


class ApiError(Exception):
    status: int = 500
    slug: str = "internal-error"
    title: str = "Internal server error"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions
        self.headers: dict[str, str] = {}

    def problem(self, instance: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
        }
        body.update(self.extensions)
        return body


class BadRequest(ApiError):
    status, slug, title = 400, "bad-request", "Bad request"


class AmbiguousActor(BadRequest):
    """Carries `candidates`: the actors the reference may mean, best first, with scores."""

    slug, title = "ambiguous-actor", "Ambiguous actor reference"

    def __init__(self, detail: str, candidates: list[dict[str, Any]]) -> None:
        super().__init__(detail, candidates=candidates)


class Unauthorized(ApiError):
    status, slug, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail, **extensions)
        self.headers["WWW-Authenticate"] = 'Bearer realm="libya-timeline"'


class Forbidden(ApiError):
    status, slug, title = 403, "forbidden", "Insufficient scope"


class NotFound(ApiError):
    status, slug, title = 404, "not-found", "Not found"


class MethodNotAllowed(ApiError):
    status, slug, title = 405, "method-not-allowed", "Method not allowed"


class NotAcceptable(ApiError):
    status, slug, title = 406, "not-acceptable", "Not acceptable"


class Conflict(ApiError):
    status, slug, title = 409, "conflict", "Conflict"


class PreconditionFailed(ApiError):
    status, slug, title = 412, "precondition-failed", "Precondition failed"


class PreconditionRequired(ApiError):
    status, slug, title = 428, "precondition-required", "Precondition required"


class PayloadTooLarge(ApiError):
    status, slug, title = 413, "payload-too-large", "Payload too large"


class UriTooLong(ApiError):
    status, slug, title = 414, "uri-too-long", "URI too long"


class UnsupportedMediaType(ApiError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


class InvalidParameters(ApiError):
    status, slug, title = 422, "invalid-parameters", "Invalid request parameters"

    def __init__(self, detail: str, invalid_params: list[dict[str, Any]]) -> None:
        super().__init__(detail, invalid_params=invalid_params)


class ServiceUnavailable(ApiError):
    status, slug, title = 503, "service-unavailable", "Service unavailable"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail, **extensions)
        self.headers["Retry-After"] = "5"


class InternalError(ApiError):
    status, slug, title = 500, "internal-error", "Internal server error"
