from __future__ import annotations

import zlib

from seed.link.origins import jaccard, origins, shingles

WIRE = (
    "Most of the foreign forces are concentrated around Sirte at Jufra airbase held by "
    "Haftar's forces 500 kilometers (300 miles) south of Tripoli and further west in al-Watiya."
)


def test_identical_and_lightly_edited_paragraphs_share_an_origin() -> None:
    edited = WIRE.replace("airbase", "air base")
    reworded = WIRE.replace("further west in al-Watiya", "in the western al-Watiya base")
    other = "Libya launched voter registration on Monday, with the presidential election set."
    ids = origins([WIRE, edited, reworded, other])
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[0]


def test_origin_ids_do_not_depend_on_order() -> None:
    edited = WIRE.replace("airbase", "air base")
    assert origins([WIRE, edited])[0] == origins([edited, WIRE])[1]


def test_different_paragraphs_on_the_same_topic_stay_apart() -> None:
    a = "There has been little peace or security in Libya since the 2011 uprising."
    b = "Libya has been wracked by conflict since a NATO-backed uprising toppled Gaddafi in 2011."
    assert jaccard(shingles(a), shingles(b)) < 0.2
    assert len(set(origins([a, b]))) == 2


def test_articles_sharing_a_paragraph_count_as_one_independent_source() -> None:
    from seed.link.timeline import independent_origins

    groups = independent_origins(
        [
            ("a.txt", ("lead-a", "wire-1")),
            ("b.txt", ("wire-1",)),
            ("c.txt", ("lead-c",)),
            ("a.txt", ("wire-2",)),
        ]
    )
    assert groups["a.txt"] == groups["b.txt"]
    assert groups["c.txt"] != groups["a.txt"]
    assert len(set(groups.values())) == 2


def test_paragraph_shingles_are_the_crc32_of_each_run_of_four_words() -> None:
    # Stored as paragraph sketches: their values must not change with how they are computed.
    assert shingles("Talks resumed in Tunis today.") == frozenset(
        zlib.crc32(run.encode()) for run in ("talks resumed in tunis", "resumed in tunis today")
    )
    assert shingles("Talks resumed.") == frozenset({zlib.crc32(b"talks resumed")})
