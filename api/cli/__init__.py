"""Command line: `timeline up | serve | worker | migrate | ingest | relink | keys ...`.

One module per command group; each registers its commands on `api.cli.base.app` when imported:
`database` (migrate), `ingesting` (ingest, relink), `serving` (serve, up), `worker`, `keys`.
"""

from api.cli import database, ingesting, keys, serving, worker
from api.cli.base import app

__all__ = ["app", "database", "ingesting", "keys", "serving", "worker"]
