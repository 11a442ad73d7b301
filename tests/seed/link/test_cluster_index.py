"""The cluster index finds, for any candidate date, the clusters its month blocks find."""

from __future__ import annotations

import random
from datetime import date, timedelta

from seed.extract.types import DateInterval
from seed.link.cluster_index import ClusterIndex, months
from seed.link.merge import Cluster

KEYS = ["a:envoy", "a:council", "s:truce", "f:one.txt"]


def _interval(rng: random.Random) -> DateInterval:
    start = date(2020, 1, 1) + timedelta(days=rng.randint(0, 120))
    wide = rng.choice([0, 0, 0, 3, 20, 90, 1500])
    return DateInterval(start, start + timedelta(days=wide), "range")


def _by_month_blocks(
    clusters: list[tuple[Cluster, list[str]]], when: DateInterval, keys: list[str]
) -> set[int]:
    found: set[int] = set()
    for cluster, indexed in clusters:
        assert cluster.date is not None
        shares = set(indexed) & set(keys) and set(months(cluster.date)) & set(months(when))
        if shares and cluster.start <= when.end and when.start <= cluster.end:
            found.add(cluster.number)
    return found


def test_narrow_and_wide_candidates_find_what_month_blocks_find() -> None:
    rng = random.Random(11)
    index = ClusterIndex()
    clusters: list[tuple[Cluster, list[str]]] = []
    for number in range(300):
        when = _interval(rng)
        cluster = Cluster(number=number, date=when, start=when.start, end=when.end)
        keys = rng.sample(KEYS, rng.randint(1, 3))
        index.add(cluster, keys)
        clusters.append((cluster, keys))
    for _ in range(300):
        when = _interval(rng)
        keys = rng.sample(KEYS, rng.randint(1, 2))
        found = {
            c.number
            for block in index.blocks(when, keys)
            for c in block
            if c.start <= when.end and when.start <= c.end
        }
        assert found == _by_month_blocks(clusters, when, keys)
