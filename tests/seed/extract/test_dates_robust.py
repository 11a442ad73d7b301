"""Any text, however odd, gets date hits or none, never an error: one failing expression would
keep a whole article out of the timeline."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from seed.extract.dates import find_dates
from seed.extract.types import DateInterval

# Pieces date expressions are made of, and a few words that sit beside them.
_PIECES = (
    "the end of", "the start of", "the middle of", "mid-", "early", "late", "last", "this",
    "next", "past", "year", "last year", "next year", "week", "month", "days", "weekend",
    "overnight", "yesterday", "tomorrow", "the eve of", "ago", "2000 years ago", "a few",
    "several", "recently", "in", "on", "by", "since", "until", "from", "between", "and", "to",
    "March", "Dec.", "12", "31", "1st", "2019", "2035", "Monday", "Friday", "first", "second",
    "half", "quarter", "of", "winter", "fall", "will", "said", "was", "due", "-", ",", ".",
    "30-31", "couple", "yr",
)  # fmt: skip
_PUBLICATIONS = (
    DateInterval(date(2021, 3, 10), date(2021, 3, 10), "day"),
    DateInterval(date(2020, 2, 29), date(2020, 2, 29), "day"),
    DateInterval(date(2019, 12, 31), date(2021, 1, 5), "range"),
)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6))
def test_any_run_of_date_words_resolves_or_dates_nothing(words: list[str]) -> None:
    sentence = " ".join(words).replace("mid- ", "mid-")
    for publication in _PUBLICATIONS:
        hits = find_dates(sentence, publication)
        ends = [0]
        for hit in hits:
            assert hit.interval.start <= hit.interval.end
            assert sentence[hit.start : hit.end] == hit.text
            assert hit.start >= ends[-1]  # in order, none overlapping
            ends.append(hit.end)


def test_a_count_back_beyond_any_news_dates_nothing() -> None:
    sentence = "The city was founded 2000 years ago."
    assert find_dates(sentence, _PUBLICATIONS[0]) == ()
