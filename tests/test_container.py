"""The Dockerfile and docker-compose.yml say what the README promises (no engine needed)."""

from __future__ import annotations

import re

import yaml

from api.settings import PROJECT_ROOT


def test_the_image_is_multi_stage_non_root_and_checks_readiness() -> None:
    text = (PROJECT_ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM \S+(?: AS (\w+))?", text, flags=re.MULTILINE)
    assert stages == ["build", ""]
    runtime = text.split("\nFROM ")[-1]
    assert "pip install --no-cache-dir --no-index --find-links /wheels" in runtime
    assert re.search(r"^USER timeline$", runtime, flags=re.MULTILINE)
    assert "/readyz" in runtime.split("HEALTHCHECK", 1)[1]
    assert "COPY --from" not in runtime  # nothing but installed wheels reaches the image


def test_compose_builds_the_image_and_waits_for_a_healthy_postgres() -> None:
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    api, postgres = compose["services"]["api"], compose["services"]["postgres"]
    assert api["build"] == "."
    assert "volumes" not in api  # the image, not a bind-mounted source tree
    assert api["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert postgres["volumes"] == ["pgdata:/var/lib/postgresql/data"]
    assert "pg_isready" in postgres["healthcheck"]["test"][1]


def test_compose_runs_a_queue_worker_from_the_same_image_after_the_api_migrated() -> None:
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    api, worker = compose["services"]["api"], compose["services"]["worker"]
    assert worker["image"] == api["image"] and worker["build"] == api["build"]
    assert worker["command"][:2] == ["timeline", "worker"]
    assert worker["environment"]["DATABASE_URL"] == api["environment"]["DATABASE_URL"]
    assert worker["depends_on"] == {"api": {"condition": "service_healthy"}}
    assert worker["healthcheck"] == {"disable": True}
