"""Every example in the OpenAPI document works on the sample corpus, as "Try it out" sends it."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient


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
