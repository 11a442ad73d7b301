"""A source's slug (its name in URLs and its stable id) from the file name it came with."""

from __future__ import annotations

import re
from pathlib import Path


def slugify(file_name: str) -> str:
    stem = Path(file_name).stem if "." in file_name else file_name
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:200] or "article"
