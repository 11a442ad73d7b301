from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from api.settings import PROJECT_ROOT
from seed.extract.candidate import Candidate
from seed.extract.dates import DateHit
from seed.extract.events import content_tokens
from seed.extract.types import DateInterval
from seed.link.merge import Cluster, cluster_candidates
from seed.link.regroup import quote_key, regroup

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
from seed.link.merge import Cluster, cluster_candidates
from seed.link.regroup import quote_key, regroup
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
    vague = _dated(_candidate("b.txt", ["lna"], "military", {"pushed", "sirte", "coast"}), MONTH)
    (cluster,) = cluster_candidates([dated, vague], _related, None)
    assert [m.file_name for m in cluster.members] == ["a.txt", "b.txt"]


def test_a_month_a_subject_and_a_kind_without_a_word_in_common_are_two_happenings() -> None:
    dated = _candidate("a.txt", ["lna", "gna"], "military", {"sirte", "failed"})
    vague = _dated(_candidate("b.txt", ["lna"], "military", {"pushed", "back", "coast"}), MONTH)
    clusters = cluster_candidates([dated, vague], _related, None)
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt"], ["b.txt"]]


YEAR = DateInterval(date(2015, 1, 1), date(2015, 12, 31), "year")


def _said(
    file_name: str, sentence: str, date_text: str, type: str, interval: DateInterval
) -> Candidate:
    """A candidate read from `sentence`, dated by `date_text` in it."""
    start = sentence.index(date_text)
    candidate = _candidate(file_name, [], type, set(content_tokens(sentence)))
    candidate.summary = sentence
    candidate.date = interval
    candidate.hit = DateHit(start, start + len(date_text), date_text, "explicit", interval)
    return candidate


def test_a_word_outside_the_dated_stretch_does_not_name_the_happening() -> None:
    # Both sentences speak of the ouster; only one dates it.
    ouster = _said(
        "a.txt",
        "A popular revolt ousted the long-serving president of the republic in 2015 after weeks "
        "of street protests in the capital.",
        "in 2015",
        "political",
        YEAR,
    )
    sanctions = _said(
        "b.txt",
        "The regional trade bloc imposed sweeping financial sanctions on the coastal state in "
        "2015 amid a revolt that ousted the president.",
        "in 2015",
        "political",
        YEAR,
    )
    for candidate in (ouster, sanctions):
        candidate.actors = [("president", "subject")]
    clusters = cluster_candidates([ouster, sanctions], _related, None)
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt"], ["b.txt"]]


def test_an_uprising_that_brought_down_a_ruler_and_his_ouster_are_one_act() -> None:
    uprising = _said(
        "a.txt", "A popular uprising in 2015 brought down the president.", "in 2015", "political",
        YEAR,
    )  # fmt: skip
    ouster = _said(
        "b.txt", "Since the ouster of the president in 2015, chaos reigns.", "in 2015", "political",
        YEAR,
    )  # fmt: skip
    (cluster,) = cluster_candidates([uprising, ouster], _related, None)
    assert [m.file_name for m in cluster.members] == ["a.txt", "b.txt"]


def test_a_reaction_does_not_join_the_happening_it_reacts_to() -> None:
    signed = _said(
        "a.txt", "The two sides signed a ceasefire on Friday.", "on Friday", "agreement", DAY
    )
    welcomed = _said(
        "b.txt",
        "The ministry welcomed on Friday the ceasefire signed by the two sides.",
        "on Friday",
        "statement",
        DAY,
    )
    for candidate in (signed, welcomed):
        candidate.actors = [("sides", "subject")]
    clusters = cluster_candidates([signed, welcomed], _related, None)
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt"], ["b.txt"]]


def test_what_was_said_on_two_days_is_two_statements() -> None:
    # An article of unknown day: "today" and "yesterday" overlap without one holding the other.
    today = _said(
        "a.txt", "The envoy said today the talks would resume.", "today", "statement",
        DateInterval(date(2021, 10, 8), date(2021, 10, 9), "range"),
    )  # fmt: skip
    before = _said(
        "a.txt", "A spokesman said yesterday the envoy would resign.", "yesterday", "statement",
        DateInterval(date(2021, 10, 7), date(2021, 10, 8), "range"),
    )  # fmt: skip
    for candidate in (today, before):
        candidate.actors = [("envoy", "subject")]
    clusters = cluster_candidates([today, before], _related, None)
    assert len(clusters) == 2


def test_a_generic_word_in_common_does_not_make_a_subject_and_kind_one_happening() -> None:
    dated = _candidate(
        "a.txt", ["un", "hor"], "meeting", {"government", "ratified", "city", "vote", "front"}
    )
    vague = _dated(
        _candidate("b.txt", ["un"], "meeting", {"government", "formation", "led", "talks", "new"}),
        MONTH,
    )
    for candidate in (dated, vague):
        candidate.tokens = frozenset(
            {"governm" if t == "government" else t for t in candidate.tokens}
        )
    clusters = cluster_candidates([dated, vague], _related, None)
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt"], ["b.txt"]]


def test_a_copied_paragraph_is_one_statement_whatever_day_each_copy_gives_it() -> None:
    first = _said(
        "a.txt", "The envoy said today the talks would resume.", "today", "statement",
        DateInterval(date(2021, 10, 8), date(2021, 10, 9), "range"),
    )  # fmt: skip
    copy = _said(
        "b.txt", "The envoy said today the talks would resume.", "today", "statement",
        DateInterval(date(2021, 10, 7), date(2021, 10, 8), "range"),
    )  # fmt: skip
    for candidate in (first, copy):
        candidate.actors = [("envoy", "subject")]
        candidate.origins = ("wire-1",)
    (cluster,) = cluster_candidates([first, copy], _related, None)
    assert [m.file_name for m in cluster.members] == ["a.txt", "b.txt"]


def test_two_clauses_of_one_sentence_told_apart_stay_two_events() -> None:
    main = _candidate("a.txt", ["jmc"], "meeting", {"meet", "geneva"})
    told = _candidate("a.txt", ["jmc"], "statement", {"meet", "geneva"})
    told.quote_start, told.quote_end, told.date_kind = 12, 40, "told"
    clusters = cluster_candidates([main, told], _related, None)
    assert [[m.date_kind for m in c.members] for c in clusters] == [["explicit"], ["told"]]


def test_two_dates_of_one_clause_may_be_one_event() -> None:
    # (a statement and another kind in one sentence are two events: see the test below)
    first = _candidate("a.txt", ["jmc"], "meeting", {"meet", "geneva"})
    second = _candidate("a.txt", ["jmc"], "meeting", {"meet", "geneva"})
    clusters = cluster_candidates([first, second], _related, None)
    assert [len(c.members) for c in clusters] == [2]


def test_a_happening_dated_the_same_day_as_another_of_its_article_is_another() -> None:
    first = _candidate("a.txt", ["army"], "military", {"army", "seized", "town"})
    second = _candidate("a.txt", ["army"], "military", {"army", "seized", "airport"})
    second.date_kind = "chained"
    second.sentence_index = 1
    clusters = cluster_candidates([first, second], _related, None)
    assert [len(c.members) for c in clusters] == [1, 1]
    second.date_kind = "explicit"
    assert [len(c.members) for c in cluster_candidates([first, second], _related, None)] == [2]


def test_a_statement_and_a_clash_dated_in_one_sentence_are_two_events() -> None:
    warning = _candidate("a.txt", ["un"], "statement", {"warned", "clashes", "killed"})
    clashes = _candidate("a.txt", ["un"], "military", {"warned", "clashes", "killed"})
    assert [len(c.members) for c in cluster_candidates([warning, clashes], _related, None)] == [
        1,
        1,
    ]
    clashes.sentence_index = 3
    clashes.date_text = None  # an undated telling further down may be the same happening
    assert [len(c.members) for c in cluster_candidates([warning, clashes], _related, None)] == [2]


def test_a_statement_and_an_act_each_dated_in_its_own_sentence_are_two_events() -> None:
    # "The envoy, who resigned yesterday, ..." and "Yesterday, a spokesman said ..."
    resigned = _candidate("a.txt", ["envoy"], "political", {"envoy", "resigned", "post"})
    said = _candidate("a.txt", ["envoy"], "statement", {"envoy", "resigned", "spokesman"})
    resigned.date_text = said.date_text = "yesterday"
    said.sentence_index = 2
    clusters = cluster_candidates([resigned, said], _related, None)
    assert sorted(len(c.members) for c in clusters) == [1, 1]
    # told by two articles, the statement may still join the other's act
    said.file_name = "b.txt"
    assert [len(c.members) for c in cluster_candidates([resigned, said], _related, None)] == [2]


def test_an_act_announced_on_its_date_and_a_statement_of_that_day_are_one_event() -> None:
    # "forces declared Thursday that fighters will leave" ... "announced in a statement on
    # Thursday": one announcement
    declared = _candidate("a.txt", ["army"], "withdrawal", {"army", "fighters", "leave"})
    declared.summary = "The army declared Thursday that the fighters will leave."
    start = declared.summary.index("Thursday")
    declared.hit = DateHit(start, start + 8, "Thursday", "weekday", DAY, False)
    declared.date_text = "Thursday"
    said = _candidate("a.txt", ["army"], "statement", {"army", "fighters", "statement"})
    said.sentence_index = 4
    assert [len(c.members) for c in cluster_candidates([declared, said], _related, None)] == [2]
    declared.summary = "The army on Thursday began to pull the fighters out."
    start = declared.summary.index("Thursday")
    declared.hit = DateHit(start, start + 8, "Thursday", "weekday", DAY, False)
    clusters = cluster_candidates([declared, said], _related, None)
    assert sorted(len(c.members) for c in clusters) == [1, 1]


def test_a_statement_and_a_meeting_each_dated_in_its_own_sentence_of_one_article_are_two() -> None:
    said = _candidate("a.txt", ["jmc"], "statement", {"teams", "ready", "plan"})
    said.date_kind = "weekday"
    held = _candidate("a.txt", ["jmc"], "meeting", {"session", "sirte", "plan"})
    held.date_kind, held.sentence_index = "weekday", 1
    clusters = cluster_candidates([said, held], _related, None)
    assert [[m.type for m in c.members] for c in clusters] == [["statement"], ["meeting"]]


def test_a_statement_in_another_article_still_joins_the_meeting_of_its_day() -> None:
    said = _candidate("a.txt", ["jmc"], "statement", {"teams", "ready", "plan"})
    said.date_kind = "weekday"
    held = _candidate("b.txt", ["jmc"], "meeting", {"session", "sirte", "plan"})
    held.date_kind = "weekday"
    (cluster,) = cluster_candidates([said, held], _related, None)
    assert [m.file_name for m in cluster.members] == ["a.txt", "b.txt"]


def _state(clusters: list[Cluster]) -> list[tuple[object, ...]]:
    return [
        (
            c.number,
            [m.file_name for m in c.members],
            c.date,
            c.type,
            sorted(c.actors),
            sorted(c.tokens),
            sorted(c.heads),
            sorted(c.files),
        )
        for c in clusters
    ]


def test_clusters_rebuilt_from_their_labels_are_the_clusters_merging_made() -> None:
    month = DateInterval(date(2021, 10, 1), date(2021, 10, 31), "month")
    later = _candidate("d.txt", ["unsmil"], "agreement", {"tunis", "roadmap", "signed"})
    later.date = month
    candidates = [*_tie(), later]
    merged = cluster_candidates(candidates, _related, None)
    labels = {quote_key(m): i for i, c in enumerate(reversed(merged)) for m in c.members}
    rebuilt = regroup(list(reversed(candidates)), labels, _related)
    assert rebuilt is not None
    assert _state(rebuilt) == _state(merged)
    assert [[m.file_name for m in c.members] for c in rebuilt] == [
        ["a.txt", "c.txt"],
        ["b.txt", "d.txt"],
    ]


def test_a_candidate_without_a_label_is_merged_again() -> None:
    candidates = _tie()
    labels = {quote_key(m): 0 for m in candidates[:2]}
    assert regroup(candidates, labels, _related) is None


def test_a_statement_of_a_report_whose_days_are_vague_stands_alone() -> None:
    # an undated report's "days of the report" may be any of a year: nothing but that range
    # would tie its speaker's statement to the summit of another article
    summit = _candidate("a.txt", ["italy", "libya"], "meeting", {"summit", "rome", "migration"})
    year = DateInterval(date(2021, 3, 1), date(2022, 2, 28), "range")
    statement = _dated(
        _candidate("b.txt", ["italy", "libya"], "statement", {"summit", "rome", "fighters"}), year
    )
    statement.date_kind = "spoken"
    statement.resolved = True
    statement.hit = DateHit(0, 0, "", "spoken", year)
    clusters = cluster_candidates([summit, statement], _related, None)
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt"], ["b.txt"]]


def _weekday_meeting(file_name: str, weekday: str, interval: DateInterval) -> Candidate:
    # "on <weekday>" in an article whose publication is known within a week: two such days
    met = _candidate(file_name, ["jmc", "unsmil"], "meeting", {"geneva", "talks", "sides"})
    met.date = interval
    met.date_text = f"on {weekday}"
    met.date_kind = "weekday"
    met.hit = DateHit(20, 23 + len(weekday), f"on {weekday}", "weekday", interval)
    return met


def test_a_weekday_does_not_join_an_event_of_another_weekday_within_its_range() -> None:
    dated = _candidate("a.txt", ["jmc", "unsmil"], "meeting", {"geneva", "talks", "sides"})
    # Friday 8 October 2021; the Tuesdays 5 and 12 October bound "on Tuesday"
    tuesday = DateInterval(date(2021, 10, 5), date(2021, 10, 12), "range")
    clusters = cluster_candidates(
        [dated, _weekday_meeting("b.txt", "Tuesday", tuesday)], _related, None
    )
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt"], ["b.txt"]]


def test_a_weekday_joins_an_event_of_that_weekday_within_its_range() -> None:
    dated = _candidate("a.txt", ["jmc", "unsmil"], "meeting", {"geneva", "talks", "sides"})
    friday = DateInterval(date(2021, 10, 1), date(2021, 10, 8), "range")
    (cluster,) = cluster_candidates(
        [dated, _weekday_meeting("b.txt", "Friday", friday)], _related, None
    )
    assert [m.file_name for m in cluster.members] == ["a.txt", "b.txt"]
