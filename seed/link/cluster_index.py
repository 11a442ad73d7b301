"""Where the merge step (`seed.link.merge`) looks for the clusters a candidate may join.

A cluster is found through its blocks: (month, key) for each month of its date and each of its
keys (an actor, a word naming the happening, an article). A candidate is compared with the
clusters of its own blocks whose dates overlap its date. In a large corpus a block of a month
and a frequent actor holds hundreds of clusters of other days, so clusters of a single day are
also indexed by (day, key): a narrow candidate looks them up by its days instead, and through
the month blocks finds only the wider clusters. Either way it finds the same clusters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from seed.extract.types import DateInterval

if TYPE_CHECKING:
    from seed.link.merge import Cluster

# A candidate at most this many days wide looks single-day clusters up day by day.
NARROW_DAYS = 7


def months(interval: DateInterval) -> range:
    first = interval.start.year * 12 + interval.start.month
    last = interval.end.year * 12 + interval.end.month
    if last - first > 36:
        last = first + 36
    return range(first, last + 1)


class ClusterIndex:
    def __init__(self) -> None:
        self._all: dict[tuple[int, str], list[Cluster]] = defaultdict(list)
        self._wide: dict[tuple[int, str], list[Cluster]] = defaultdict(list)
        self._days: dict[tuple[int, str], list[Cluster]] = defaultdict(list)

    def add(self, cluster: Cluster, keys: Iterable[str]) -> None:
        """Index `cluster` (whose date is set) under these keys too."""
        assert cluster.date is not None
        single = cluster.start == cluster.end
        keys = list(keys)
        for month in months(cluster.date):
            for key in keys:
                self._all[(month, key)].append(cluster)
                if not single:
                    self._wide[(month, key)].append(cluster)
        if single:
            day = cluster.start.toordinal()
            for key in keys:
                self._days[(day, key)].append(cluster)

    def blocks(self, date: DateInterval, keys: Iterable[str]) -> Iterable[list[Cluster]]:
        """The lists of clusters sharing a block with a candidate of `date` and `keys` (with
        clusters of other days among them, and some more than once)."""
        keys = list(keys)
        if (date.end - date.start).days > NARROW_DAYS:
            return (
                found
                for month in months(date)
                for key in keys
                if (found := self._all.get((month, key)))
            )
        first, last = date.start.toordinal(), date.end.toordinal()
        days = (
            found
            for day in range(first, last + 1)
            for key in keys
            if (found := self._days.get((day, key)))
        )
        wide = (
            found
            for month in months(date)
            for key in keys
            if (found := self._wide.get((month, key)))
        )
        return (*days, *wide)
