"""A source's slug (its name in URLs and its stable id) from the file name it came with."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


# Called per mention when storing (a few thousand distinct names among hundreds of thousands).
@lru_cache(maxsize=65536)
def slugify(file_name: str) -> str:
    stem = Path(file_name).stem if "." in file_name else file_name
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:200] or "article"
