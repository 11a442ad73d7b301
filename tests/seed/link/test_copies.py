"""Article-level copies: containment over the whole text, whatever the paragraph breaks."""

from __future__ import annotations

import hashlib
import zlib

from seed.extract.types import RawArticle
from seed.link.copies import copy_groups, group_id, shingles
from seed.link.timeline import build_timeline

STORY = (
    "Foreign Minister Najla Mangoush said on Monday that the harbour of Benghazi would reopen "
    "to grain ships after three months of closure, and that the first vessel was expected "
    "within days. Dock workers had staged a sit-in since the spring to demand unpaid wages, "
    "and the regional governor promised to pay all arrears by the end of the year. Traders "
    "welcomed the move but warned that storage capacity remained short, citing damaged silos "
    "and missing cranes. The port handled a fifth of the country's grain imports before the "
    "closure, according to the chamber of commerce."
)
OTHER = (
    "The harbour authority of the eastern port said on Monday that it had hired new pilots. "
    "A separate dispute over fishing licences continued in the west, where boat owners "
    "blocked the coastal road for a second day and the interior ministry sent mediators to "
    "the town hall to hear their complaints about fees that doubled this season."
)


def test_a_re_paragraphed_truncated_copy_is_found_and_a_story_sharing_a_phrase_is_not() -> None:
    sentences = STORY.split(". ")
    regrouped = ".\n\n".join(sentences[:4]) + "."  # new breaks, last sentence cut
    groups = copy_groups({"a": STORY, "b": regrouped, "c": OTHER})
    assert set(groups) == {"a", "b"}
    assert groups["a"] == groups["b"]
    assert groups["a"].startswith("copy:")


def test_a_copy_counts_once_for_every_event_it_shares() -> None:
    one, two, three, four = (s.rstrip(".") + "." for s in STORY.split(". "))
    dated = RawArticle("a.txt", f" date 2021-05-04 {one} {two}\n{three} {four}\n")
    # The copy is paragraphed otherwise and cut short: no paragraph of it matches one of the
    # original, only the whole text does.
    copy = RawArticle("b.txt", f" date 2021-05-04 {one}\n\n{two} {three}\n")
    timeline = build_timeline([dated, copy])
    shared = [e for e in timeline.events if len({m.file_name for m in e.mentions}) == 2]
    assert shared
    for event in shared:
        assert len({m.origin for m in event.mentions}) == 1


def test_shingles_are_the_crc32_of_each_run_of_five_lowercased_words() -> None:
    # Stored with each source (incremental linking compares new articles with them): their
    # values must not change with how they are computed.
    runs = [
        "the port of misrata reopened",
        "port of misrata reopened on",
        "of misrata reopened on friday",
    ]
    assert shingles("The port of Misrata reopened on, Friday!") == frozenset(
        zlib.crc32(run.encode()) for run in runs
    )
    assert shingles("Too short to shingle") == frozenset()


def test_a_group_of_copies_is_named_by_its_smallest_normalised_text_whatever_their_order() -> None:
    texts = ["The Talks, resumed  on Monday.", "A truce held; talks resumed."]
    expected = "copy:" + hashlib.blake2b(b"a truce held talks resumed", digest_size=8).hexdigest()
    assert group_id(texts) == expected
    assert group_id(reversed(texts)) == expected
