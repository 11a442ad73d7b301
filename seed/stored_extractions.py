"""Per-article extractions as stored in the database: the version that keys them, and their
serialised form.

The version changes with the code of the per-article stage and with the actor registry, so a
rule change invalidates every stored extraction without anyone having to remember to bump a
number; `timeline relink` then reads everything again.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from functools import cache
from pathlib import Path

from seed.extract.article import ArticleExtraction
from seed.extract.registry import Registry

_EXTRACT_CODE = Path(__file__).parent / "extract"


@cache
def _code_digest() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(_EXTRACT_CODE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    # The provisional reading of undated articles uses the publication bounds of seed.link;
    # the words anchoring them decide which stored publications stand (a change links the
    # corpus again once, which also writes the keys the new rules look up).
    for name in ("publication.py", "word_anchors.py"):
        digest.update((_EXTRACT_CODE.parent / "link" / name).read_bytes())
    return digest.hexdigest()


def extractor_version(registry: Registry) -> str:
    """Identifies the per-article stage: its code and the registry it reads actors with."""
    data = repr(
        (
            sorted(registry.actors.items()),
            registry.relations,
            registry.default_actor,
            sorted(registry.titles.items()),
            sorted(registry.women),
        )
    )
    registry_digest = hashlib.blake2b(data.encode(), digest_size=8).hexdigest()
    return f"{_code_digest()}-{registry_digest}"


def dump(extraction: ArticleExtraction) -> bytes:
    return zlib.compress(pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL), 1)


def load(payload: bytes) -> ArticleExtraction:
    # Only ever payloads this pipeline wrote into its own database.
    loaded = pickle.loads(zlib.decompress(payload))
    assert isinstance(loaded, ArticleExtraction)
    return loaded
