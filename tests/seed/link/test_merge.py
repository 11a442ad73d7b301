from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from api.settings import PROJECT_ROOT
from seed.extract.events import Candidate
from seed.extract.types import DateInterval
from seed.link.merge import cluster_candidates

DAY = DateInterval(date(2021, 10, 8), date(2021, 10, 8), "day")


def _candidate(file_name: str, actors: list[str], type: str, tokens: set[str]) -> Candidate:
    return Candidate(
        file_name=file_name,
        sentence_index=0,
        paragraph=0,
        quote_start=0,
        quote_end=10,
        quote="The sides met in Geneva.",
        date=DAY,
        date_text="on 8 October 2021",
        date_kind="explicit",
        type=type,
        title="The sides met in Geneva",
        summary="",
        actors=[(a, "participant") for a in actors],
        location="Geneva",
        tokens=frozenset(tokens),
    )


def _related(key: str) -> set[str]:
    return {key}


def _tie() -> list[Candidate]:
    """a and b cannot merge (other type, no shared actor or word); the statement c shares one
    actor and one word with each, so it fits both equally."""
    return [
        _candidate("a.txt", ["jmc"], "meeting", {"geneva", "plan"}),
        _candidate("b.txt", ["unsmil"], "agreement", {"tunis", "roadmap"}),
        _candidate("c.txt", ["jmc", "unsmil"], "statement", {"geneva", "tunis"}),
    ]


def test_a_candidate_matching_two_clusters_equally_joins_the_older() -> None:
    clusters = cluster_candidates(_tie(), _related, None)
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt", "c.txt"], ["b.txt"]]


def test_clustering_does_not_depend_on_string_hashing() -> None:
    # Which cluster a tie goes to must not follow set iteration order, which changes with
    # PYTHONHASHSEED from one process to the next (and so from one ingestion run to the next).
    outputs = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        result = subprocess.run(
            [sys.executable, "-c", _CHILD],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout)
    assert outputs == {"a.txt c.txt|b.txt\n"}


_CHILD = """
from tests.seed.link.test_merge import _related, _tie
from seed.link.merge import cluster_candidates
clusters = cluster_candidates(_tie(), _related, None)
print("|".join(" ".join(m.file_name for m in c.members) for c in clusters))
"""


def test_a_candidate_of_a_weak_type_joins_a_typed_event_which_keeps_its_type() -> None:
    withdrawal = _candidate("a.txt", ["lna"], "withdrawal", {"mercenaries", "leave"})
    untyped = _candidate("b.txt", ["lna"], "other", {"mercenaries", "sirte"})
    (cluster,) = cluster_candidates([withdrawal, untyped], _related, None)
    assert (cluster.type, [m.file_name for m in cluster.members]) == (
        "withdrawal",
        ["a.txt", "b.txt"],
    )


MONTH = DateInterval(date(2021, 10, 1), date(2021, 10, 31), "month")


def _dated(candidate: Candidate, interval: DateInterval) -> Candidate:
    candidate.date = interval
    return candidate


def test_a_vague_mention_sharing_only_an_actor_does_not_join_a_dated_event() -> None:
    # Same type, overlapping dates, one shared actor (not the subject of both), nothing else.
    dated = _candidate("a.txt", ["hcs", "un"], "political", {"envoy", "tunis", "visit"})
    vague = _dated(_candidate("b.txt", ["un"], "political", {"budget", "staff", "cuts"}), MONTH)
    clusters = cluster_candidates([dated, vague], _related, None)
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt"], ["b.txt"]]


def test_the_same_day_kind_and_actor_in_other_words_is_one_event() -> None:
    one = _candidate("a.txt", ["egypt"], "meeting", {"cairo", "hosted", "delegations"})
    other = _candidate("b.txt", ["egypt"], "meeting", {"talks", "capital", "sides"})
    (cluster,) = cluster_candidates([one, other], _related, None)
    assert [m.file_name for m in cluster.members] == ["a.txt", "b.txt"]


def test_two_kinds_of_happening_on_one_day_stay_two_events() -> None:
    meeting = _candidate("a.txt", ["jmc"], "meeting", {"geneva", "talks"})
    offensive = _candidate("b.txt", ["jmc"], "military", {"geneva", "assault"})
    clusters = cluster_candidates([meeting, offensive], _related, None)
    assert len(clusters) == 2


def test_a_resignation_and_an_appointment_are_different_acts() -> None:
    resigned = _dated(_candidate("a.txt", ["un"], "political", {"envoy", "resign"}), MONTH)
    appointed = _candidate("b.txt", ["un"], "political", {"envoy", "appoint"})
    clusters = cluster_candidates([resigned, appointed], _related, None)
    assert len(clusters) == 2


def test_a_vague_mention_of_the_same_kind_by_the_same_subject_joins_the_dated_event() -> None:
    dated = _candidate("a.txt", ["lna", "gna"], "military", {"sirte", "failed"})
    vague = _dated(_candidate("b.txt", ["lna"], "military", {"pushed", "back", "coast"}), MONTH)
    (cluster,) = cluster_candidates([dated, vague], _related, None)
    assert [m.file_name for m in cluster.members] == ["a.txt", "b.txt"]
