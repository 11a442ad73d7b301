"""Command line: `timeline up | serve | migrate | ingest | relink | keys ...`.

One module per command group; each registers its commands on `api.cli.base.app` when imported:
`database` (migrate), `ingesting` (ingest, relink), `serving` (serve, up), `keys`.
"""

from api.cli import database, ingesting, keys, serving
from api.cli.base import app

__all__ = ["app", "database", "ingesting", "keys", "serving"]
