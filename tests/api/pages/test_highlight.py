"""Cutting an article into highlighted runs."""

from __future__ import annotations

from api.pages.highlight import Run, runs

TEXT = "The sides met. They agreed to leave. Nothing else."


def test_runs_cut_at_every_boundary_and_share_overlaps() -> None:
    a = {"id": "a", "char_start": 0, "char_end": 14}
    b = {"id": "b", "char_start": 4, "char_end": 36}
    assert runs(TEXT, [a, b]) == [
        Run("The ", (a,)),
        Run("sides met.", (a, b)),
        Run(" They agreed to leave.", (b,)),
        Run(" Nothing else.", ()),
    ]


def test_offsets_outside_the_text_are_clipped() -> None:
    late = {"id": "c", "char_start": 37, "char_end": 999}
    empty = {"id": "d", "char_start": 5, "char_end": 5}
    assert runs(TEXT, [late, empty]) == [
        Run("The s", ()),
        Run("ides met. They agreed to leave. ", ()),
        Run("Nothing else.", (late,)),
    ]
    assert "".join(r.text for r in runs(TEXT, [late])) == TEXT


def test_no_text() -> None:
    assert runs("", []) == []
