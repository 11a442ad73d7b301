"""Every example in the OpenAPI document works on the sample corpus, as "Try it out" sends it."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.app import create_app
from api.key_tokens import generate_key
from api.settings import Settings
from db.repositories import api_keys


def _calls(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any], set[int]]]:
    """(path, query, expected statuses) for every documented example of every GET parameter.

    2xx, or 401 where the route documents that it needs a key (no key is sent here).
    """
    calls = []
    for template, item in spec["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        parameters = operation.get("parameters", [])
        path = template
        for p in parameters:
            if p["in"] == "path":
                [example] = list(p["examples"].values())[:1]
                path = path.replace("{" + p["name"] + "}", str(example["value"]))
        expected = {200} | ({401} if "401" in operation["responses"] else set())
        calls.append((path, {}, expected))
        for p in parameters:
            if p["in"] != "query":
                continue
            for example in p.get("examples", {}).values():
                calls.append((path, {p["name"]: example["value"]}, expected))
    return calls


async def test_every_documented_example_answers_200(corpus_client: AsyncClient) -> None:
    spec = (await corpus_client.get("/openapi.json")).json()
    calls = _calls(spec)
    assert len(calls) > 60
    failures = []
    for path, query, expected in calls:
        response = await corpus_client.get(path, params=query)
        if response.status_code not in expected:
            failures.append((path, query, response.status_code, response.text[:200]))
    assert failures == []


async def test_every_query_and_path_parameter_has_an_example(corpus_client: AsyncClient) -> None:
    spec = (await corpus_client.get("/openapi.json")).json()
    missing = [
        (path, p["name"])
        for path, item in spec["paths"].items()
        for operation in item.values()
        for p in operation.get("parameters", [])
        if p["in"] in ("query", "path") and not p.get("examples")
    ]
    assert missing == []


def _write_examples() -> list[tuple[str, str, str, str, dict[str, Any]]]:
    """(method, path template, media type, example name, example) for every request-body
    example of every write route, read from the OpenAPI document itself."""
    spec = create_app(Settings(database_url=None)).openapi()
    found = []
    for template, item in spec["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            for media_type, entry in content.items():
                for name, example in entry.get("examples", {}).items():
                    found.append((method, template, media_type, name, example))
    return found


WRITE_EXAMPLES = _write_examples()


def test_every_write_route_documents_request_and_response_examples() -> None:
    spec = create_app(Settings(database_url=None)).openapi()
    missing = []
    for template, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in ("post", "put", "patch"):
                continue
            if not any(c.get("examples") for c in operation["requestBody"]["content"].values()):
                missing.append((method, template, "request"))
            for status, response in operation["responses"].items():
                if status.startswith("2") and "example" not in response.get("content", {}).get(
                    "application/json", {}
                ):
                    missing.append((method, template, status))
    assert missing == []
    assert len(WRITE_EXAMPLES) >= 9


@pytest.mark.parametrize(
    ("method", "template", "media_type", "name", "example"),
    WRITE_EXAMPLES,
    ids=[f"{m.upper()} {t} {mt} {n}" for m, t, mt, n, _ in WRITE_EXAMPLES],
)
async def test_every_request_body_example_gets_its_documented_status(
    corpus_client: AsyncClient,
    corpus_session: AsyncSession,
    method: str,
    template: str,
    media_type: str,
    name: str,
    example: dict[str, Any],
) -> None:
    """Sent as "Try it out" sends it, with a key of every scope and the current ETag as
    If-Match: a 2xx, or the documented error status the example names in `x-status`."""
    spec = (await corpus_client.get("/openapi.json")).json()
    operation = spec["paths"][template][method]
    path = template
    for p in operation.get("parameters", []):
        if p["in"] == "path":
            [first] = list(p["examples"].values())[:1]
            path = path.replace("{" + p["name"] + "}", str(first["value"]))
    new = generate_key()
    await api_keys.create(
        corpus_session,
        name="examples",
        prefix=new.prefix,
        key_hash=new.key_hash,
        scopes=["read", "write", "admin"],
    )
    await corpus_session.commit()
    headers = {"Authorization": f"Bearer {new.plaintext}", "Content-Type": media_type}
    if "412" in operation["responses"]:
        current = await corpus_client.get(path)
        assert current.status_code == 200, current.text
        headers["If-Match"] = current.headers["ETag"]
    value = example["value"]
    body = value.encode() if isinstance(value, str) else orjson.dumps(value)
    response = await corpus_client.request(method, path, content=body, headers=headers)
    expected = example.get("x-status")
    if expected is None:
        assert 200 <= response.status_code < 300, response.text
        documented = operation["responses"][str(response.status_code)]
        shown = documented.get("content", {}).get("application/json", {}).get("example")
        if shown is not None:
            # The response example has the shape of what the route answered (FastAPI leaves
            # null members out of the published examples).
            answered = response.json()
            assert set(shown) <= set(answered)
            assert {k for k, v in answered.items() if v is not None} <= set(shown)
    else:
        assert str(expected) in operation["responses"]
        assert response.status_code == expected, response.text
