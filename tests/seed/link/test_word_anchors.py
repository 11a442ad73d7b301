"""Undated articles anchored on dated happenings found by their words, without a shared person."""

from __future__ import annotations

from datetime import date

import pytest

from seed.extract.article import extract_article
from seed.extract.candidate import Candidate
from seed.extract.dates import DateHit
from seed.extract.registry import load_registry
from seed.extract.types import DateInterval, RawArticle
from seed.link import word_anchors
from seed.link.keys import anchor_actors, source_keys
from seed.link.merge import cluster_candidates
from seed.link.timeline import build_timeline

TODAY = date(2026, 11, 30)

# Sunday 14 March 2021: the bridge between two towns reopened.
BRIDGE = (
    "Bridge reopened\n\nThe river bridge between Ghadames and Nalut reopened to lorries "
    "yesterday after engineers repaired its cracked pillars.\n"
)


def _publication(articles: list[RawArticle], name: str) -> tuple[date, date, str]:
    source = {s.file_name: s for s in build_timeline(articles, today=TODAY).sources}[name]
    interval = source.publication.interval
    return interval.start, interval.end, source.publication.reason


def test_a_weekday_is_anchored_on_the_same_happening_of_that_weekday_without_a_person() -> None:
    dated = RawArticle("a.txt", BRIDGE, published=date(2021, 3, 15))
    undated = RawArticle(
        "b.txt",
        "Lorries cross again\n\nThe town council said on Sunday that the bridge linking "
        "Ghadames and Nalut had reopened once engineers repaired the pillars.\n",
    )
    start, end, reason = _publication([dated, undated], "b.txt")
    assert (start, end) == (date(2021, 3, 14), date(2021, 3, 20))
    assert reason.startswith("inferred from other sources: 'on Sunday'")
    assert reason.endswith("a.txt dates 2021-03-14")


def test_a_weekday_sharing_few_words_with_a_happening_of_that_weekday_is_not_anchored() -> None:
    dated = RawArticle("a.txt", BRIDGE, published=date(2021, 3, 15))
    undated = RawArticle(
        "b.txt",
        "Market\n\nThe town council said on Sunday that the fish market of Nalut reopened.\n",
    )
    start, _, reason = _publication([dated, undated], "b.txt")
    assert start == date(2011, 1, 1)
    assert reason == "no publication date and no dated reference in the text"


def test_a_weekday_of_another_day_is_not_anchored_on_the_same_words() -> None:
    dated = RawArticle("a.txt", BRIDGE, published=date(2021, 3, 15))
    undated = RawArticle(
        "b.txt",
        "Lorries cross again\n\nThe town council said on Monday that the bridge linking "
        "Ghadames and Nalut had reopened once engineers repaired the pillars.\n",
    )
    start, _, _ = _publication([dated, undated], "b.txt")
    assert start == date(2011, 1, 1)


VOTE = (
    "Vote set\n\nThe electoral commission confirmed that municipal elections in Zuwara will be "
    "held on 18 September 2022.\n"
)


def test_a_day_this_year_takes_its_year_from_a_dated_happening_of_that_day() -> None:
    dated = RawArticle("a.txt", VOTE, published=date(2022, 5, 2))
    undated = RawArticle(
        "b.txt",
        "Campaign\n\nCandidates in Zuwara began campaigning for the elections planned for "
        "September 18 this year.\n",
    )
    start, end, reason = _publication([dated, undated], "b.txt")
    assert (start, end) == (date(2022, 1, 1), date(2022, 12, 31))
    assert reason.startswith("inferred from other sources: 'September 18 this year'")


def test_a_day_this_year_of_another_kind_of_happening_gives_no_year() -> None:
    dated = RawArticle("a.txt", VOTE, published=date(2022, 5, 2))
    undated = RawArticle(
        "b.txt",
        "Festival\n\nThe date palm festival of Zuwara opens on September 18 this year.\n",
    )
    start, _, _ = _publication([dated, undated], "b.txt")
    assert start == date(2011, 1, 1)


def _meeting(file_name: str, interval: DateInterval, hit: DateHit) -> Candidate:
    return Candidate(
        file_name=file_name,
        sentence_index=0,
        paragraph=0,
        quote_start=0,
        quote_end=10,
        quote="The ministers met in Zuwara on Wednesday.",
        date=interval,
        date_text=hit.text,
        date_kind=hit.kind,
        type="meeting",
        title="The ministers met in Zuwara",
        summary="The ministers met in Zuwara on Wednesday.",
        actors=[("interior-ministry", "subject")],
        location="Zuwara",
        tokens=frozenset({"ministe", "meet", "zuwara", "clinics"}),
        hit=hit,
    )


WEDNESDAY = DateInterval(date(2022, 3, 9), date(2022, 3, 9), "day")


def _wednesday(interval: DateInterval) -> DateHit:
    return DateHit(30, 42, "on Wednesday", "weekday", interval)


def test_a_weekday_of_a_year_wide_article_stays_an_event_of_its_own() -> None:
    # "On Wednesday" in an article placed in 2022 only is any Wednesday of that year: it must
    # not join the dated Wednesday meeting of the same ministers, nor be joined.
    year = DateInterval(date(2021, 12, 29), date(2022, 12, 28), "range")
    dated = _meeting("a.txt", WEDNESDAY, _wednesday(WEDNESDAY))
    vague = _meeting("b.txt", year, _wednesday(year))
    clusters = cluster_candidates([dated, vague], lambda key: {key}, None)
    assert [[m.file_name for m in c.members] for c in clusters] == [["a.txt"], ["b.txt"]]


def test_a_weekday_of_a_known_week_joins_the_dated_event() -> None:
    week = DateInterval(date(2022, 3, 9), date(2022, 3, 9), "day")
    dated = _meeting("a.txt", WEDNESDAY, _wednesday(WEDNESDAY))
    known = _meeting("b.txt", week, _wednesday(week))
    (cluster,) = cluster_candidates([dated, known], lambda key: {key}, None)
    assert [m.file_name for m in cluster.members] == ["a.txt", "b.txt"]


def test_a_dated_article_that_may_date_an_undated_one_by_words_shares_a_key_with_it() -> None:
    # The incremental path links again when a new dated article shares one of these keys with
    # a stored undated one: a match by words alone must share one.
    registry = load_registry()
    dated = extract_article(RawArticle("a.txt", BRIDGE, published=date(2021, 3, 15)), registry)
    undated = extract_article(
        RawArticle(
            "b.txt",
            "Lorries cross again\n\nThe town council said on Sunday that the bridge linking "
            "Ghadames and Nalut had reopened once engineers repaired the pillars.\n",
        ),
        registry,
    )
    stored = set(source_keys(undated, registry, undated=True).undated_persons)
    shared = sorted(k for k in stored & anchor_actors(dated, registry) if k.startswith("word:6:"))
    assert shared == [
        "word:6:bridge", "word:6:enginee", "word:6:ghadame", "word:6:nalut", "word:6:pillars",
        "word:6:reopene", "word:6:repaire",
    ]  # fmt: skip


def test_a_weekday_of_an_article_of_unknown_year_is_an_event_with_the_whole_range() -> None:
    # Nothing dates the article: "on Sunday" is any Sunday it may have been published after
    # (since the earliest year considered, up to the day of the run), not nothing.
    undated = RawArticle(
        "b.txt",
        "Well dug\n\nThe council of Ghat opened a new water well for the oasis on Sunday.\n",
    )
    timeline = build_timeline([undated], today=TODAY)
    ((event, mention),) = [(e, m) for e in timeline.events for m in e.mentions]
    assert (mention.file_name, mention.date_text) == ("b.txt", "on Sunday")
    assert (event.date.start, event.date.end) == (date(2010, 12, 26), date(2026, 11, 29))


# Monday 14 March 2022: the summit's day (Tuesday 15 March) is counted from the reopening.
CROSSING = (
    "Crossing reopened\n\nTwo days before the start of the Tunis summit on Libya, the Ras Ajdir "
    "border crossing reopened to traders yesterday.\n"
)


def _summit_remarks(summit: str) -> RawArticle:
    return RawArticle(
        "b.txt",
        f"Calm urged\n\nThe Algerian foreign minister urged calm in remarks made ahead of "
        f"Tuesday's {summit} summit, state radio reported.\n",
    )


def test_a_gathering_named_with_its_weekday_is_anchored_on_its_counted_day() -> None:
    dated = RawArticle("a.txt", CROSSING, published=date(2022, 3, 14))
    timeline = build_timeline([dated, _summit_remarks("Tunis")], today=TODAY)
    source = {s.file_name: s for s in timeline.sources}["b.txt"]
    interval = source.publication.interval
    # "ahead of Tuesday's summit": the nearest Tuesday, three days either side of publication
    assert (interval.start, interval.end) == (date(2022, 3, 12), date(2022, 3, 18))
    assert source.publication.reason.startswith("inferred from other sources: 'Tuesday'")
    assert source.publication.reason.endswith("a.txt dates 2022-03-15")
    told = [c for r in timeline.readings if r.file_name == "b.txt" for c in r.candidates]
    # the summit, and the minister's words of the report's days (a statement of its own)
    assert [c.type for c in told] == ["statement", "meeting"]
    summit = told[1]
    assert (summit.date.start, summit.date.end) == (date(2022, 3, 15), date(2022, 3, 15))


def test_a_gathering_of_another_name_on_that_weekday_is_not_anchored() -> None:
    dated = RawArticle("a.txt", CROSSING, published=date(2022, 3, 14))
    start, _, reason = _publication([dated, _summit_remarks("Rome")], "b.txt")
    assert start == date(2011, 1, 1)
    assert reason == "no publication date and no dated reference in the text"


def test_a_word_of_a_weekday_in_more_articles_than_the_bar_anchors_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two reprints of one happening are one happening, but two articles: over a bar of one,
    # none of the bridge's words of that Sunday tells anything apart.
    monkeypatch.setattr(word_anchors, "MAX_BUCKET", 1)
    undated = RawArticle(
        "b.txt",
        "Lorries cross again\n\nThe town council said on Sunday that the bridge linking "
        "Ghadames and Nalut had reopened once engineers repaired the pillars.\n",
    )
    once = [RawArticle("a.txt", BRIDGE, published=date(2021, 3, 15)), undated]
    assert _publication(once, "b.txt")[:2] == (date(2021, 3, 14), date(2021, 3, 20))
    twice = [*once, RawArticle("c.txt", BRIDGE, published=date(2021, 3, 15))]
    assert _publication(twice, "b.txt")[:2] == (date(2011, 1, 1), TODAY)
