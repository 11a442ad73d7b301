"""One union-find for the linking stages: connected components with order-free roots."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Disjoint sets of keys. The smallest key of a set is its root, so the components (and
    any id derived from the root) do not depend on the order of the unions."""

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}

    def find(self, key: K) -> K:
        parent = self._parent.setdefault(key, key)
        if parent == key:
            return key
        root = self.find(parent)
        self._parent[key] = root
        return root

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
            self._parent[high] = low

    def groups(self) -> dict[K, list[K]]:
        found: dict[K, list[K]] = {}
        for key in sorted(self._parent):  # type: ignore[type-var]
            found.setdefault(self.find(key), []).append(key)
        return found
