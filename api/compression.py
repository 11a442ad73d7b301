"""Response compression (brotli or gzip), pure ASGI, with ETags that stay correct.

A compressed body is another representation of the resource, so it gets another strong
validator: `"<tag>-br"` or `"<tag>-gzip"` (as Apache httpd does). `identity_etag` maps it back,
so If-None-Match and If-Match accept the tag of any coding of the same version.

Small bodies are sent as they are (below MIN_SIZE the headers cost more than the savings);
bodies of other types (images, already compressed) are never touched. Streamed exports are
compressed chunk by chunk, each flushed, so a slow consumer still sees rows as they come.
"""

from __future__ import annotations

import zlib
from typing import Protocol

import brotli
from starlette.datastructures import MutableHeaders
from starlette.types import Message

MIN_SIZE = 1024
COMPRESSIBLE = (
    b"application/json",
    b"application/problem+json",
    b"application/x-ndjson",
    b"application/geo+json",
    b"application/atom+xml",
    b"text/",
)
_SUFFIXES = ('-br"', '-gzip"')


def negotiate_coding(accept_encoding: str) -> str | None:
    """`br`, `gzip` or None (identity) from an Accept-Encoding header; brotli preferred."""
    accepted: dict[str, float] = {}
    for item in accept_encoding.lower().split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        accepted[name.strip()] = quality
    for coding in ("br", "gzip"):
        if accepted.get(coding, accepted.get("*", 0.0)) > 0:
            return coding
    return None


def coded_etag(etag: str, coding: str) -> str:
    """The validator of the `coding` representation: `"abc"` -> `"abc-gzip"`, weakness kept."""
    return etag[:-1] + f'-{coding}"' if etag.endswith('"') else etag


def identity_etag(etag: str) -> str:
    """The tag of the uncompressed representation (inverse of `coded_etag`)."""
    for suffix in _SUFFIXES:
        if etag.endswith(suffix):
            return etag[: -len(suffix)] + '"'
    return etag


class _Compressor(Protocol):
    def compress(self, data: bytes) -> bytes: ...
    def flush(self) -> bytes: ...
    def finish(self) -> bytes: ...


class _Gzip:
    def __init__(self) -> None:
        self._z = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: gzip container

    def compress(self, data: bytes) -> bytes:
        return self._z.compress(data)

    def flush(self) -> bytes:
        return self._z.flush(zlib.Z_SYNC_FLUSH)

    def finish(self) -> bytes:
        return self._z.flush(zlib.Z_FINISH)


class _Brotli:
    def __init__(self) -> None:
        # Quality 4: within a few percent of gzip's CPU, smaller output; 11 is for static files.
        self._b = brotli.Compressor(quality=4)

    def compress(self, data: bytes) -> bytes:
        return self._b.process(data)

    def flush(self) -> bytes:
        return self._b.flush()

    def finish(self) -> bytes:
        return self._b.finish()


def _compressor(coding: str) -> _Compressor:
    return _Brotli() if coding == "br" else _Gzip()


class ResponseCoder:
    """One response's compression, message by message (`api.middleware` feeds it).

    `process` takes what the route sends and returns what goes on: the start is held until the
    first body says whether the response is worth compressing; a 304 gets the coded validator
    the client holds. Responses of other types pass unchanged.
    """

    __slots__ = ("coding", "compressor", "held", "if_none_match", "min_size")

    def __init__(self, coding: str | None, if_none_match: str, min_size: int = MIN_SIZE) -> None:
        self.coding = coding
        self.if_none_match = if_none_match
        self.min_size = min_size
        self.held: Message | None = None
        self.compressor: _Compressor | None = None

    def process(self, message: Message) -> list[Message]:
        coding = self.coding
        if message["type"] == "http.response.start":
            raw = message["headers"]
            if message["status"] == 304:
                if coding is not None:
                    _recode_not_modified(MutableHeaders(raw=raw), self.if_none_match, coding)
            elif _compressible(raw):
                add_vary(raw, b"Accept-Encoding")
                if coding is not None:
                    self.held = message  # until the body says how large it is
                    return []
            return [message]
        held, compressor = self.held, self.compressor
        if held is None and compressor is None:  # not compressing this response
            return [message]
        body: bytes = message.get("body", b"")
        more = message.get("more_body", False)
        if compressor is None:
            assert held is not None and coding is not None  # held above: being compressed
            self.held = None
            if not more and len(body) < self.min_size:
                return [held, message]
            compressor = self.compressor = _compressor(coding)
            headers = MutableHeaders(raw=held["headers"])
            headers["Content-Encoding"] = coding
            if "etag" in headers:
                headers["ETag"] = coded_etag(headers["etag"], coding)
            if not more:
                data = compressor.compress(body) + compressor.finish()
                headers["Content-Length"] = str(len(data))
                return [held, {"type": "http.response.body", "body": data}]
            del headers["Content-Length"]
            return [held, *self._chunk(compressor, body, more)]
        return self._chunk(compressor, body, more)

    @staticmethod
    def _chunk(compressor: _Compressor, body: bytes, more: bool) -> list[Message]:
        if not more:
            return [
                {
                    "type": "http.response.body",
                    "body": compressor.compress(body) + compressor.finish(),
                }
            ]
        data = compressor.compress(body) + compressor.flush()
        return [{"type": "http.response.body", "body": data, "more_body": True}] if data else []


def _compressible(raw: list[tuple[bytes, bytes]]) -> bool:
    content_type = b""
    for name, value in raw:
        if name == b"content-encoding":
            return False
        if name == b"content-type" and not content_type:
            content_type = value
    return content_type.startswith(COMPRESSIBLE)


def add_vary(raw: list[tuple[bytes, bytes]], value: bytes) -> None:
    """`MutableHeaders(raw=raw).add_vary_header(value)`, on the raw list (in place): one
    `vary` header, where the first stood, listing the values of all of them and `value`."""
    found = [i for i, (name, _) in enumerate(raw) if name == b"vary"]
    joined = b", ".join([*(raw[i][1] for i in found), value])
    for i in reversed(found[1:]):
        del raw[i]
    if found:
        raw[found[0]] = (b"vary", joined)
    else:
        raw.append((b"vary", joined))


def _recode_not_modified(headers: MutableHeaders, if_none_match: str, coding: str) -> None:
    """A 304 carries the validator of the representation the client has, as a 200 would."""
    etag = headers.get("etag")
    if etag is not None and coded_etag(etag, coding) in if_none_match:
        headers["ETag"] = coded_etag(etag, coding)
