"""The year of a yearless day in recycled background ("On November 27, the two capitals
signed a pact").

News copy writes a day without its year when it means the current one, so a yearless day in
the past is read as the latest such day before publication. Wire services keep background
paragraphs for years, though: the paragraph written the week of the pact is reprinted a year
later with the same "On November 27", and then means the year of the first telling. The text
alone cannot tell the two apart; another telling of the same happening that carries its year
can. A yearless day is moved to that year when

- it lies well before its publication (background, not the news of the last days),
- another sentence (of any article) tells a happening of the same kind, naming an actor of
  it and several of its words, with a date that carries its own year,
- that date leaves out the default reading but holds the same month and day of an earlier
  year.

Order-independent and repeatable: the default reading is the expression's own (`hit.interval`),
so linking stored readings again gives the same dates, and takes a move back when its evidence
is gone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from seed.extract.candidate import Candidate
from seed.extract.types import DateInterval, PublicationDate
from seed.link.merge import width

# A yearless day at most this long before publication is news, whose year is not in doubt.
BACKGROUND_AFTER = timedelta(days=14)
# Content words (beyond any it shares by chance) two tellings of one happening have in common.
MIN_SHARED_WORDS = 4
# How many years back a recycled paragraph may reach.
MAX_YEARS_BACK = 5


def _yearless_background(cand: Candidate, publication: PublicationDate | None) -> date | None:
    """The default reading of a yearless day told as background, or None."""
    hit = cand.hit
    if hit is None or hit.kind != "day" or hit.fixed or hit.interval.precision != "day":
        return None
    default = hit.interval.start
    day = cand.date.start
    same_day = cand.date.end == day and (day.month, day.day) == (default.month, default.day)
    if not same_day or cand.date.start > default or publication is None:
        return None  # dated otherwise (counted from another date, a speaker's plan)
    return default if default < publication.interval.start - BACKGROUND_AFTER else None


def earlier_days(cand: Candidate, publication: PublicationDate | None) -> list[date]:
    """The days a telling with its year may move `cand` to: the same month and day of each
    earlier year it may reach back to, when it is a yearless day told as background (none
    otherwise). An incremental linking looks up the stored tellings of those days too."""
    default = _yearless_background(cand, publication)
    return [] if default is None else _years_back(default)


def _years_back(day: date) -> list[date]:
    """The same month and day in each earlier year a recycled paragraph may reach back to."""
    found: list[date] = []
    for back in range(1, MAX_YEARS_BACK + 1):
        try:
            found.append(day.replace(year=day.year - back))
        except ValueError:
            continue  # 29 February
    return found


def _with_year(cand: Candidate) -> bool:
    return cand.hit is not None and cand.hit.fixed


def _earlier_same_day(day: date, evidence: DateInterval) -> date | None:
    """The same month and day in an earlier year that `evidence` holds, if one year does."""
    found = [moved for moved in _years_back(day) if evidence.start <= moved <= evidence.end]
    return found[0] if len(found) == 1 else None


def _actors(cand: Candidate) -> set[str]:
    return {key for key, _ in cand.actors}


def redate_recycled(
    candidates: Sequence[Candidate], publications: dict[str, PublicationDate]
) -> None:
    """Date the yearless days of recycled background in the year another telling gives them
    (in place; the others keep their default reading)."""
    # Tellings with their year, by kind and actor: a yearless day is compared only with those
    # that share its kind and an actor, not with every telling of its kind.
    tellings: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for cand in candidates:
        if _with_year(cand):
            for key in _actors(cand):
                tellings[(cand.type, key)].append(cand)
    for cand in candidates:
        default = _yearless_background(cand, publications.get(cand.file_name))
        if default is None:
            continue
        others = {id(o): o for key in _actors(cand) for o in tellings.get((cand.type, key), ())}
        years: set[date] = set()
        for other in others.values():
            if other.file_name == cand.file_name and other.sentence_index == cand.sentence_index:
                continue
            if len(cand.tokens & other.tokens) < MIN_SHARED_WORDS:
                continue
            if other.date.start <= default <= other.date.end:
                years = set()  # a telling with its year agrees with the default reading
                break
            moved = _earlier_same_day(default, other.date)
            if moved is not None:
                years.add(moved)
        day = years.pop() if len(years) == 1 else default
        cand.date = DateInterval(day, day, "day")


# Key prefix of a yearless day's kind and actor under its month and day (actor keys hold no
# colon): a telling with its year finds the stored yearless days it may move through it.
RECYCLED_KEY = "recycled:"


def yearless_keys(cand: Candidate) -> set[str]:
    """Keys of a yearless day (`_yearless_background`, whatever its publication): a telling
    with its year that shares them may move it to an earlier year."""
    hit = cand.hit
    if hit is None or hit.kind != "day" or hit.fixed or hit.interval.precision != "day":
        return set()
    return _keys(cand, [hit.interval.start])


def moving_keys(cand: Candidate) -> set[str]:
    """Keys of the yearless days a telling with its year may move (`redate_recycled`): its
    kind and actors, under each month and day its date holds."""
    if not _with_year(cand):
        return set()
    first = cand.date.start
    days = [first + timedelta(days=n) for n in range(min(366, width(cand.date) + 1))]
    return _keys(cand, days)


def moving_window(cand: Candidate) -> tuple[date, date]:
    """The days the dates of the yearless tellings `cand` may move hold now: their default
    reading lies up to `MAX_YEARS_BACK` years after its date, and another telling may have
    moved them as far back."""
    return _shifted(cand.date.start, -MAX_YEARS_BACK), _shifted(cand.date.end, MAX_YEARS_BACK)


def _shifted(day: date, years: int) -> date:
    """`day` that many years later (earlier when negative); 29 February, the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _keys(cand: Candidate, days: Sequence[date]) -> set[str]:
    monthdays = {(day.month, day.day) for day in days}
    return {
        f"{RECYCLED_KEY}{month}-{day}:{cand.type}:{actor}"
        for month, day in monthdays
        for actor in _actors(cand)
    }
