"""`seed.pipeline._store` for tests, importable before the extraction modules land.

`seed.pipeline` imports the extraction stages at module level, but `_store` (writing a
hand-built Timeline) does not use them. Until they exist, empty placeholder modules stand in
for the missing ones so the import succeeds; once they land this shim changes nothing.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_STAGES = {
    "seed.extract.errors": ("ArticleError",),
    "seed.extract.parse": ("decode_article",),
    "seed.extract.registry": ("Registry", "load_registry"),
    "seed.extract.timeline": ("build_timeline",),
}


def _placeholder(*_: Any, **__: Any) -> Any:
    raise RuntimeError("extraction stage not available yet")


def load_store() -> Any:
    for name, attributes in _STAGES.items():
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            module = types.ModuleType(name)
            for attribute in attributes:
                setattr(
                    module,
                    attribute,
                    type(attribute, (Exception,), {}) if attribute[0].isupper() else _placeholder,
                )
            sys.modules[name] = module
    from seed.pipeline import _store

    return _store


def slugify(file_name: str) -> str:
    load_store()
    from seed.pipeline import slugify as pipeline_slugify

    result: str = pipeline_slugify(file_name)
    return result
