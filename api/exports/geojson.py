"""GeoJSON (RFC 7946): placed events as Point features, [longitude, latitude] in WGS 84.

Events the gazetteer could not place (`location_precision` none) have no coordinates and are
left out rather than sent with a null geometry, which many map libraries refuse. Each
feature's properties are the event as `/events` lists it, `location_precision` saying whether
the point is the place itself, a region or only a country.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson

_SKIP = {"latitude", "longitude"}


def feature(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": str(event["id"]),
        "geometry": {"type": "Point", "coordinates": [event["longitude"], event["latitude"]]},
        "properties": {k: v for k, v in event.items() if k not in _SKIP},
    }


async def geojson_chunks(batches: AsyncIterator[list[dict[str, Any]]]) -> AsyncIterator[bytes]:
    yield b'{"type":"FeatureCollection","features":['
    first = True
    async for batch in batches:
        placed = [e for e in batch if e["latitude"] is not None and e["longitude"] is not None]
        if not placed:
            continue
        body = b",".join(orjson.dumps(feature(e), default=str) for e in placed)
        yield body if first else b"," + body
        first = False
    yield b"]}\n"
