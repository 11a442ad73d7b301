"""uvicorn's HTTP protocol with problem+json for the requests the app never sees.

A URL longer than 64 KB fails in the parser's URL splitting (16-bit offsets), and a request
that is not HTTP fails earlier, both before any ASGI app runs; uvicorn answers them with a
plain-text 400. Here the same refusals are RFC 9457 documents: 414 for the URL, 400 otherwise.
Shorter URLs that are still too long are refused by `api.protocol.refusal`.
"""

from __future__ import annotations

import orjson
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from api.errors import PROBLEM_JSON, ApiError, BadRequest, UriTooLong
from api.protocol import MAX_URL_BYTES


class ProblemHttpToolsProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        error: ApiError
        if len(getattr(self, "url", b"")) > MAX_URL_BYTES:
            error = UriTooLong(f"The URL is longer than the server reads; at most {MAX_URL_BYTES}.")
        else:
            error = BadRequest("The request could not be parsed as HTTP/1.1.")
        body = orjson.dumps(error.problem(instance=""))
        content = [STATUS_LINE[error.status]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: " + PROBLEM_JSON.encode() + b"\r\n",
                b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                b"connection: close\r\n",
                b"\r\n",
                body,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()
