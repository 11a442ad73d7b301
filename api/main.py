"""ASGI entry point: `uvicorn --factory api.main:create_app`."""

from __future__ import annotations

from fastapi import FastAPI

from api.app import create_app as _create_app
from api.logging_config import configure_logging
from api.settings import get_settings


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    return _create_app(settings)
