"""Every setting the service reads is in the README's settings table."""

from __future__ import annotations

import re

from api.settings import PROJECT_ROOT, Settings


def _documented() -> set[str]:
    """Environment names in the first column of the README's table rows."""
    names: set[str] = set()
    for line in (PROJECT_ROOT / "README.md").read_text().splitlines():
        cells = line.split("|")
        if line.startswith("|") and len(cells) > 2:
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", cells[1]))
    return names


def test_the_readme_documents_every_setting() -> None:
    settings = {name.upper() for name in Settings.model_fields}
    assert settings - _documented() == set()
