"""Mentions of rival happenings of one kind (presidential, legislative elections) stay apart."""

from __future__ import annotations

import pytest

from seed.extract.candidate import Candidate
from seed.link.merge import cluster_candidates
from seed.link.rival_kinds import rival_kinds
from tests.seed.link.test_merge import _candidate, _related


def _election(file_name: str, quote: str) -> Candidate:
    candidate = _candidate(file_name, ["hnec"], "election", {"elect", "hold"})
    candidate.quote = quote
    return candidate


@pytest.mark.parametrize(
    ("quote", "kinds"),
    [
        ("the board proposed to hold the presidential election on 8 October", {"presidential"}),
        ("parliamentary polls were pushed back to October", {"legislative"}),
        ("presidential and legislative elections set for October", {"presidential", "legislative"}),
        ("elections set for October", set()),
        ("the President said the vote would be held in October", set()),
    ],
)
def test_the_qualifier_names_the_kind(quote: str, kinds: set[str]) -> None:
    assert rival_kinds(_election("a.txt", quote)) == kinds


def test_legislative_elections_do_not_join_the_presidential_vote() -> None:
    clusters = cluster_candidates(
        [
            _election("a.txt", "the board proposed to hold the presidential election on 8 October"),
            _election("b.txt", "parliament pushed back legislative elections to October"),
            _election("c.txt", "presidential and parliamentary elections due in October"),
        ],
        _related,
        None,
    )
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt", "c.txt"], ["b.txt"]]
