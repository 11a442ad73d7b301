"""What linking works out from the shingles of each text, kept for the keys of the same run
(`seed.link.keys`): hashing every paragraph and article a second time cost as much again."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Shingled:
    # Paragraph text -> its sketch, the SKETCH smallest shingle hashes (`seed.link.origins`).
    sketches: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # Reporting text -> its sampled shingles and how many it has (`seed.link.copies`).
    samples: dict[str, tuple[frozenset[int], int]] = field(default_factory=dict)
