"""Publication dates of undated articles, inferred from the text and from dated articles.

1. Anchors: a relative expression ("Mangoush said Sunday", "Last week, X said ...") that reports
   the same statement a dated article places on a known day constrains the publication date
   (that Sunday .. six days later; the week after that week). Constraints are intersected.
2. Bounds from the text: an article is published no earlier than the latest past date it states
   with a year.
3. Without anchors the interval stays wide (two years from that lower bound) and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from seed.extract.dates import find_dates, publication_constraint
from seed.extract.events import Candidate
from seed.extract.parse import ParsedArticle
from seed.extract.types import DateInterval, PublicationDate

_RELATIVE = {"weekday", "relative_unit", "named_day"}
# Stand-in publication day used only to find expressions; their resolution is discarded.
_PROBE = DateInterval(date(2000, 1, 5), date(2000, 1, 5), "day")
WIDE_YEARS = 2


def infer_publication(
    article: ParsedArticle,
    candidates: Sequence[Candidate],
    anchors: Sequence[Candidate] | dict[str, list[Candidate]],
    *,
    person_keys: set[str],
) -> PublicationDate:
    """`candidates` were extracted with a provisional wide publication interval."""
    lower = _lower_bound(article)
    constraints: list[tuple[date, date, str]] = []
    for cand in candidates:
        if cand.hit is None or cand.hit.kind not in _RELATIVE:
            continue
        anchor = _best_anchor(cand, anchors, person_keys)
        if anchor is None:
            continue
        window = publication_constraint(cand.hit, anchor.date)
        if window is None:
            continue
        reason = (
            f"{cand.date_text!r} in {cand.quote[:60]!r}... reports what {anchor.file_name} "
            f"dates {anchor.date.start.isoformat()}"
        )
        constraints.append((window[0], window[1], reason))
    if lower is not None:
        constraints = [c for c in constraints if c[1] >= lower]
    if constraints:
        start = max(c[0] for c in constraints)
        end = min(c[1] for c in constraints)
        if start > end:
            # Inconsistent anchors: keep the span covering all of them rather than guess.
            start, end = min(c[0] for c in constraints), max(c[1] for c in constraints)
        reasons = "; ".join(c[2] for c in constraints)
        return PublicationDate(
            DateInterval(start, end, "day" if start == end else "range"),
            explicit=False,
            reason=f"inferred from other sources: {reasons}",
        )
    if lower is not None:
        end = date(lower.year + WIDE_YEARS, lower.month, min(lower.day, 28))
        return PublicationDate(
            DateInterval(lower, end, "range"),
            explicit=False,
            reason=(
                f"no publication date and no dated source reports the same statements; the "
                f"text mentions dates up to {lower.isoformat()}, so it was published on or "
                f"after that day (upper bound: {WIDE_YEARS} years later, a guess)"
            ),
        )
    return PublicationDate(
        DateInterval(date(2011, 1, 1), date.today(), "range"),
        explicit=False,
        reason="no publication date and no dated reference in the text",
    )


def _lower_bound(article: ParsedArticle) -> date | None:
    """The latest explicit (year-bearing) past date of the text."""
    latest: date | None = None
    for sentence in article.sentences:
        for hit in find_dates(sentence.text, _PROBE):
            if hit.kind in {"year", "month_year"} or (
                hit.kind == "day" and hit.text[-4:].isdigit()
            ):
                start = hit.interval.start
                if latest is None or start > latest:
                    latest = start
    return latest


def _best_anchor(
    cand: Candidate,
    anchors: Sequence[Candidate] | dict[str, list[Candidate]],
    person_keys: set[str],
) -> Candidate | None:
    mine = {key for key, _ in cand.actors}
    best: tuple[float, Candidate] | None = None
    for anchor in _sharing_a_person(anchors, mine & person_keys):
        if anchor.date.precision != "day" and (anchor.date.end - anchor.date.start).days > 7:
            continue
        shared = mine & {key for key, _ in anchor.actors}
        if not shared & person_keys:
            continue
        words = len(cand.tokens & anchor.tokens)
        if words < 2:
            continue
        value = len(shared) + words / 5
        if best is None or value > best[0]:
            best = (value, anchor)
    return best[1] if best else None


def index_by_actor(anchors: Sequence[Candidate]) -> dict[str, list[Candidate]]:
    index: dict[str, list[Candidate]] = {}
    for anchor in anchors:
        for key, _ in anchor.actors:
            index.setdefault(key, []).append(anchor)
    return index


def _sharing_a_person(
    anchors: Sequence[Candidate] | dict[str, list[Candidate]], persons: set[str]
) -> list[Candidate]:
    if isinstance(anchors, dict):
        found: dict[int, Candidate] = {}
        for key in sorted(persons):
            for anchor in anchors.get(key, []):
                found.setdefault(id(anchor), anchor)
        return list(found.values())
    return list(anchors)


def wide_interval(lower: date | None) -> DateInterval:
    start = lower or date(2011, 1, 1)
    return DateInterval(start, start + timedelta(days=365 * WIDE_YEARS), "range")
