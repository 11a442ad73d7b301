"""Brotli and gzip above a size floor, Vary: Accept-Encoding, and ETags per content coding."""

from __future__ import annotations

import gzip

import brotli
import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.compression import coded_etag, identity_etag, negotiate_coding
from api.settings import PROJECT_ROOT, Settings
from seed.pipeline import IngestReport
from tests.conftest import client_for

GZIP = {"Accept-Encoding": "gzip"}
BROTLI = {"Accept-Encoding": "gzip, br"}
IDENTITY = {"Accept-Encoding": "identity"}


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("*", "br"),
        ("*;q=0", None),
        ("identity", None),
        ("", None),
        ("gzip;q=nonsense", None),
    ],
)
def test_negotiation(header: str, coding: str | None) -> None:
    assert negotiate_coding(header) == coding


def test_coded_etags_map_back_to_the_identity_tag() -> None:
    assert coded_etag('"abc.v2"', "gzip") == '"abc.v2-gzip"'
    assert coded_etag('W/"abc"', "br") == 'W/"abc-br"'
    assert identity_etag('"abc.v2-gzip"') == '"abc.v2"'
    assert identity_etag('W/"abc-br"') == 'W/"abc"'
    assert identity_etag('"abc"') == '"abc"'


@pytest.mark.parametrize(("headers", "coding"), [(GZIP, "gzip"), (BROTLI, "br")])
@pytest.mark.parametrize(
    "path", ["/events?limit=50", "/events.csv", "/events.ndjson", "/openapi.json"]
)
async def test_large_bodies_are_compressed_with_their_own_etag(
    corpus_client: AsyncClient,
    path: str,
    headers: dict[str, str],
    coding: str,
) -> None:
    plain = await corpus_client.get(path, headers=IDENTITY)
    packed = await corpus_client.get(path, headers=headers)
    assert plain.status_code == packed.status_code == 200
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == coding
    assert "Accept-Encoding" in plain.headers["vary"]
    assert "Accept-Encoding" in packed.headers["vary"]
    assert packed.content == plain.content  # httpx decoded it
    assert len(packed.headers.get("content-length", "0")) <= len(str(len(plain.content)))
    if "etag" in plain.headers:
        assert packed.headers["etag"] == coded_etag(plain.headers["etag"], coding)
        again = await corpus_client.get(
            path, headers={**headers, "If-None-Match": packed.headers["etag"]}
        )
        assert (again.status_code, again.headers["etag"]) == (304, packed.headers["etag"])
        across = await corpus_client.get(
            path, headers={**IDENTITY, "If-None-Match": packed.headers["etag"]}
        )
        assert across.status_code == 304


@pytest.mark.parametrize("path", ["/events?limit=50", "/events.csv"])
async def test_the_compressed_bytes_are_valid_streams(
    corpus_client: AsyncClient, path: str
) -> None:
    plain = await corpus_client.get(path, headers=IDENTITY)
    for headers, decompress in ((GZIP, gzip.decompress), (BROTLI, brotli.decompress)):
        async with corpus_client.stream("GET", path, headers=headers) as packed:
            raw = b"".join([chunk async for chunk in packed.aiter_raw()])
        assert decompress(raw) == plain.content
        assert len(raw) < len(plain.content) / 2


async def test_small_bodies_are_sent_as_they_are(corpus_client: AsyncClient) -> None:
    response = await corpus_client.get("/healthz", headers=GZIP)
    assert "content-encoding" not in response.headers
    assert response.headers["vary"] == "Accept-Encoding, Origin"


async def test_the_response_cache_keeps_one_entry_per_coding(
    corpus_session: AsyncSession, corpus: IngestReport
) -> None:
    settings = Settings(
        database_url=None,
        data_dir=PROJECT_ROOT / ".data",
        public_url="http://testserver",
        response_cache=True,
    )
    async with client_for(corpus_session, settings) as http:
        first = await http.get("/events?limit=50", headers=GZIP)
        plain = await http.get("/events?limit=50", headers=IDENTITY)
        second = await http.get("/events?limit=50", headers=GZIP)
    assert first.headers["content-encoding"] == second.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert first.content == plain.content == second.content
    assert second.headers["etag"] == coded_etag(plain.headers["etag"], "gzip")
