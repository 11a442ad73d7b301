"""Cross-source merging: candidates that report the same happening become one event.

Candidates are taken most precise first; each joins the best-matching cluster or starts one.
A cluster is compared through its own (most precise) date, so a vague "last year" can join the
June or the October event of that year but never chain the two together. A match needs the
dates to overlap and enough shared substance: actors (a UN council counts as the UN), content
words, the same type. Sharing a background paragraph is not enough on its own: different events
in the same paragraph still differ in date, type or words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date as Day
from functools import lru_cache

from seed.extract.attribution import DATE_KIND as ATTRIBUTED
from seed.extract.candidate import Candidate
from seed.extract.event_kinds import SPEECH
from seed.extract.falls import KIND as FALL
from seed.extract.governing import governing_text, is_reaction
from seed.extract.tokens import content_tokens
from seed.extract.types import DateInterval
from seed.link.rival_kinds import rival_kinds, rivals
from seed.link.vague_days import other_weekday, stands_alone, vague_day

MIN_SCORE = 2.0
# Weight of the share of a candidate's dated-stretch words found in a cluster's.
HEAD_WEIGHT = 3.0
# Share of content tokens two mentions of one happening have in common at least, when neither
# the day and kind nor a word naming the happening tie them.
MIN_SIMILARITY = 0.15
# Types that say how we know (a statement) or nothing (other), not what happened: such a
# candidate may join an event of any type, and the event takes the more telling type.
WEAK_TYPES = frozenset({"statement", "other"})
# An unresolved candidate (see events.Candidate.resolved) must match clearly to be a mention.
MIN_SCORE_UNRESOLVED = 4.0
# Normalised content tokens (see events.content_tokens) that name a happening of each type.
SIGNATURES: dict[str, set[str]] = {
    "agreement": {"ceasefire", "agreeme", "accord", "deal"},
    "election": {"elect", "registr"},
    "withdrawal": {"withdraw"},
    "meeting": {"meet", "summit", "confere"},
    "military": {"assault", "attack"},
    "political": {"oust", "rebellion", "split", "governm", "resign", "appoint", "nominat"},
    "report": {"report", "estimat", "assessm", "investi"},
}
_NO_WORDS: frozenset[str] = frozenset()


@dataclass(slots=True)
class Cluster:
    number: int = 0  # creation order, the tie-break between equally good clusters
    members: list[Candidate] = field(default_factory=list)
    date: DateInterval | None = None
    type: str = "other"
    actors: set[str] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)
    # Content tokens of the stretches that hold the members' dates: what the event is.
    heads: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    reaction: bool = False
    # Which happenings of a kind with rivals its members name ("presidential" elections).
    kinds: frozenset[str] = frozenset()
    # The bounds of `date`, read for every candidate the cluster is compared with.
    start: Day = Day.min
    end: Day = Day.max
    # The near-duplicate groups of its members' paragraphs: one set, not one per member.
    origins: set[str] = field(default_factory=set)
    # Its members by article, in the order they joined: a candidate is told apart from the
    # members of its own article, not by going through every member.
    by_file: dict[str, list[Candidate]] = field(default_factory=dict)
    # Whether `date` is one day; the words that name a happening of its `type` (`SIGNATURES`).
    one_day: bool = False
    signature: AbstractSet[str] = frozenset()

    def add(self, candidate: Candidate, probe: Probe) -> None:
        self.members.append(candidate)
        if self.date is None:
            self.date = candidate.date
            self.start, self.end = candidate.date.start, candidate.date.end
            self.type = candidate.type
            self.reaction = probe.reaction
            self.one_day = self.start == self.end
            self.signature = SIGNATURES.get(self.type, _NO_WORDS)
        elif candidate.type not in WEAK_TYPES and self.type in WEAK_TYPES:
            self.type = candidate.type
            self.signature = SIGNATURES.get(self.type, _NO_WORDS)
        self.actors |= probe.actors
        self.tokens |= candidate.tokens
        self.heads |= probe.heads
        self.kinds |= probe.kinds
        self.files.add(candidate.file_name)
        self.by_file.setdefault(candidate.file_name, []).append(candidate)
        self.origins.update(probe.origins)


def head_tokens(candidate: Candidate) -> frozenset[str]:
    """Content tokens of the stretch of the sentence that holds the candidate's date."""
    hit = candidate.hit
    if hit is None or hit.end <= hit.start or not candidate.summary:
        return candidate.tokens
    return _head_tokens(candidate.summary, hit.start, hit.end)


def reacts(candidate: Candidate) -> bool:
    """A reaction to a happening ("welcomed on Friday the ceasefire") is an event of its own."""
    hit = candidate.hit
    return (
        hit is not None
        and bool(candidate.summary)
        and _reacts(candidate.summary, hit.start, hit.end)
    )


# Each linking of a neighbourhood merges its stored mentions again, and the copies of a
# paragraph repeat its sentences: what merging reads of a sentence at a date is worked out
# once per sentence and date, as `governing_text` is.
@lru_cache(maxsize=65536)
def _head_tokens(sentence: str, start: int, end: int) -> frozenset[str]:
    tokens = content_tokens(governing_text(sentence, start, end))
    return frozenset(SAME_ACT.get(t, t) for t in tokens)


_reacts = lru_cache(maxsize=65536)(is_reaction)


def width(interval: DateInterval) -> int:
    return (interval.end - interval.start).days


def nested(a: DateInterval, b: DateInterval) -> bool:
    """Whether one interval lies within the other."""
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def overlaps(a: DateInterval, b: DateInterval) -> bool:
    return a.start <= b.end and b.start <= a.end


def expanded_actors(candidate: Candidate, related: Callable[[str], set[str]]) -> set[str]:
    actors: set[str] = set()
    for key, _ in candidate.actors:
        actors |= related(key)
    return actors


@dataclass(frozen=True, slots=True)
class Probe:
    """What `score` needs of a candidate beyond the candidate itself, worked out once per
    candidate rather than once per cluster it is compared with."""

    actors: set[str]
    heads: frozenset[str]
    reaction: bool
    origins: frozenset[str]
    # Which happenings of a kind with rivals it names ("presidential" elections).
    kinds: frozenset[str]
    # Its date is one day; its type is a weak one (`WEAK_TYPES`).
    one_day: bool
    weak: bool


def probe_of(candidate: Candidate, related: Callable[[str], set[str]]) -> Probe:
    return Probe(
        expanded_actors(candidate, related),
        head_tokens(candidate),
        reacts(candidate),
        frozenset(candidate.origins),
        rival_kinds(candidate),
        width(candidate.date) == 0,
        candidate.type in WEAK_TYPES,
    )


def score(candidate: Candidate, probe: Probe, cluster: Cluster, default: str | None) -> float:
    """How well `candidate` (with its `probe`) fits `cluster`; 0 = not.

    `cluster` is one `cluster_candidates` draws for the candidate: its date overlaps the
    candidate's, the candidate names no vague day and the cluster was not founded by a telling
    that stands alone (see `seed.link.vague_days`); those would all be 0."""
    if (cluster.one_day and other_weekday(candidate, cluster.start)) or (
        probe.one_day and other_weekday(cluster.members[0], candidate.date.start)
    ):
        return 0.0  # "on Tuesday" is no Sunday's happening
    types_agree = candidate.type == cluster.type
    if not (types_agree or probe.weak or cluster.type in WEAK_TYPES):
        return 0.0  # two named kinds of happening (a meeting, an offensive) are two events
    # The test most comparisons fail, first: neither shared content nor anything that ties the
    # two tellings of one happening (below).
    common = len(candidate.tokens & cluster.tokens)
    union = len(candidate.tokens) + len(cluster.tokens) - common
    similarity = common / union if union else 0.0
    shared = (probe.actors & cluster.actors) - {default}
    same_day = probe.one_day and cluster.one_day
    # Both name the happening itself: with the same word ("truce"/"ceasefire", "elections"),
    # or one article with other words ("signed a permanent ceasefire agreement" in the lead,
    # "the deal, signed on Friday" further down).
    # The words naming the happening count only where they hold the date: "imposed an embargo
    # in 2011 amid an uprising that ousted the ruler" does not name the ouster.
    signature = cluster.signature
    heads = probe.heads
    named = heads & signature and cluster.heads & signature
    same_word = heads & cluster.heads & signature
    # A shared actor and an overlapping date are not one happening ("the UN" in two December
    # stories): the same day and kind, both naming a happening of that kind ("investigators'
    # report", "an assessment released in October"), or shared content.
    kind_named = types_agree and bool(named)
    if similarity < MIN_SIMILARITY and not (
        (same_day and shared)
        or kind_named
        or same_word
        or _principal(candidate, probe, cluster, types_agree)
    ):
        return 0.0
    if (cluster.reaction or probe.reaction) and not (
        cluster.reaction == probe.reaction and types_agree
    ):
        return 0.0  # a reaction ("welcomed the ceasefire") is not what it reacts to
    if rivals(probe.kinds, cluster.kinds):
        return 0.0  # legislative elections are not the presidential vote of the same month
    if candidate.file_name in cluster.files and _apart_in_article(candidate, cluster):
        return 0.0
    copied = not probe.origins.isdisjoint(cluster.origins)
    if candidate.type == cluster.type == "statement" and not copied:
        assert cluster.date is not None
        if not nested(candidate.date, cluster.date):
            # What was said yesterday and what was said today are two statements; a vaguer
            # telling ("announced Wednesday" in an article of unknown week) may be the same
            # one, and so is a copy of the same paragraph, whatever day each copy resolves it to.
            return 0.0
    if cluster.type in DISTINCT_ACTS and named and not same_word:
        return 0.0  # a resignation and an appointment, a nomination and an appointment
    value = 2.0 * min(len(shared), 2) + 6.0 * similarity + (1.0 if types_agree else 0.0)
    if types_agree and named and (same_word or candidate.file_name in cluster.files):
        value += 1.0
    # Of several events a vague mention could join ("a ceasefire agreed in 2020"), the one
    # whose dated stretches share most of its own words.
    if heads:
        value += HEAD_WEIGHT * len(heads & cluster.heads) / len(heads)
    if same_day and shared:
        value += 1.0
    if default and default in probe.actors and default in cluster.actors and not shared:
        value += 0.5
    return value


def _principal(candidate: Candidate, probe: Probe, cluster: Cluster, types_agree: bool) -> bool:
    """The same kind done by the same principal actor (its subject in both), told with a word
    in common where the date is: "the march on Tripoli failed in June 2020" and "last year
    Haftar's militias were pushed back from Tripoli". A month or a year, a kind and an actor
    in common are not one happening."""
    return (
        types_agree
        and not probe.weak
        and bool(candidate.actors)
        and bool(cluster.members[0].actors)
        and candidate.actors[0][0] == cluster.members[0].actors[0][0]
        and bool((probe.heads & cluster.heads) - GENERIC)
    )


def _apart_in_article(candidate: Candidate, cluster: Cluster) -> bool:
    """Whether the candidate's own article tells it apart from a member of `cluster`.

    - An article that dates a happening by counting from another it told ("the same day,
      forces also seized ...", "shortly after, ...") tells a second happening.
    - One sentence split in two clauses (a when-clause, see seed.extract.told), or into the
      news it passes on and its telling ("<news>, the ministry said"), tells two by
      construction; so does one sentence dating a statement and another kind of happening.
    - "X has left Moscow" in the lead and "Y said on Tuesday" further down are two events of
      that article, though a statement may join another article's telling of any kind.
    """
    for member in cluster.by_file.get(candidate.file_name, ()):
        if "chained" in {member.date_kind, candidate.date_kind}:
            return True
        if member.sentence_index != candidate.sentence_index:
            # "Y said yesterday that ..." further down and "X, who yesterday resigned" are a
            # statement and another happening, each dated by words of its own
            if _statement_beside_act(candidate, member):
                return True
            continue
        if "told" in {member.date_kind, candidate.date_kind} and (
            member.quote_end <= candidate.quote_start or candidate.quote_end <= member.quote_start
        ):
            return True
        if ATTRIBUTED in {member.date_kind, candidate.date_kind}:
            return True
        # "imposed an embargo in 2011 amid an uprising that ousted X": the fall is told beside
        # the dated act only when no date of the sentence dates it (see seed.extract.falls)
        if FALL in {member.date_kind, candidate.date_kind}:
            return True
        # "X warned on Tuesday ..., pointing to clashes a few days ago": two dates of one
        # sentence, one dating a statement and one another kind of happening
        kinds = {candidate.type, member.type}
        if len(kinds) == 2 and "statement" in kinds and "other" not in kinds:
            return True
    return False


def _statement_beside_act(a: Candidate, b: Candidate) -> bool:
    """A statement and another kind of happening, each dated by words of its own, where the
    act's date does not date a speech verb too ("forces declared Thursday that mercenaries
    will leave" is the announcement another sentence calls "a statement on Thursday")."""
    if {a.type, b.type} & {"other"} or a.date_text is None or b.date_text is None:
        return False
    if a.type == b.type or "statement" not in {a.type, b.type}:
        return False
    act = b if a.type == "statement" else a
    if act.hit is None:
        return True
    return SPEECH.search(governing_text(act.summary, act.hit.start, act.hit.end)) is None


def precision(c: Candidate) -> tuple[int, bool]:
    """How precisely a telling dates its happening, most precise lowest: the width of its
    date, then a date its sentence states before the days assumed for an undated lead."""
    return (width(c.date), c.date_kind == "lead")


def merge_order(c: Candidate) -> tuple[object, ...]:
    """The order candidates are merged in: most precise first."""
    return (*precision(c), c.file_name, c.quote_start)


def cluster_candidates(
    candidates: Sequence[Candidate], related: Callable[[str], set[str]], default: str | None
) -> list[Cluster]:
    ordered = sorted(candidates, key=merge_order)
    clusters: list[Cluster] = []
    # Blocking: a cluster is only compared with candidates of an overlapping month that share an
    # actor, a word naming the happening or an article; without one, no score reaches MIN_SCORE.
    # (Each block's clusters by number: a candidate gathers those of its blocks in C, each
    # once, and only then are their dates and types looked at.)
    index: dict[tuple[int, str], dict[int, Cluster]] = defaultdict(dict)
    indexed: dict[int, set[str]] = {}
    for candidate in ordered:
        probed = probe_of(candidate, related)
        keys = _block_keys(
            probed.actors, candidate.tokens | probed.heads, {candidate.file_name}, default
        )
        chosen: Cluster | None = None
        best = MIN_SCORE if candidate.resolved else MIN_SCORE_UNRESOLVED
        # Compared in creation order, whatever order the (set of) keys found them in: on a
        # tie the oldest cluster wins, so the result does not depend on string hashing.
        # Only clusters whose date overlaps the candidate's: `score` gives the others 0, and a
        # block (a month and an actor) of a large corpus holds many days' events.
        # Nor those of another named kind of happening (`score` gives them 0 too).
        first, last = candidate.date.start, candidate.date.end
        kind = candidate.type
        any_kind = kind in WEAK_TYPES
        # A vague day joins nothing (`score` gives every cluster 0): not even looked up.
        pool: dict[int, Cluster] = {}
        for month in () if vague_day(candidate) else months_of(candidate.date):
            for key in keys:
                if block := index.get((month, key)):
                    pool.update(block)
        for number in sorted(pool):
            cluster = pool[number]
            if not (
                cluster.start <= last
                and first <= cluster.end
                and (any_kind or cluster.type == kind or cluster.type in WEAK_TYPES)
            ):
                continue
            value = score(candidate, probed, cluster, default)
            if value >= best:
                chosen, best = cluster, value + 1e-9
        if chosen is None:
            chosen = Cluster(number=len(clusters))
            clusters.append(chosen)
            indexed[id(chosen)] = set()
            if stands_alone(candidate):
                # no dated event to attach it to: an event of its own, which none joins
                chosen.add(candidate, probed)
                continue
        chosen.add(candidate, probed)
        assert chosen.date is not None
        # A cluster's blocks are those of its members' actors, words and articles, under the
        # months of its (first member's) date: the earlier members' are indexed already, and
        # only this candidate's own blocks (`keys`) can be new.
        fresh = keys - indexed[id(chosen)]
        for month in months_of(chosen.date):
            for key in fresh:
                index[(month, key)][chosen.number] = chosen
        indexed[id(chosen)] |= fresh
    return clusters


# Words that name the circumstances of most happenings here, not one happening.
GENERIC = frozenset({"governm", "militar", "parliam", "forces", "countri", "nationa", "interna"})
# Words that name one act in other words: an uprising that toppled a ruler is his ouster.
SAME_ACT = {"rebellion": "oust", "fall": "oust"}
# Types whose signature words name different acts, not one act in other words.
DISTINCT_ACTS = frozenset({"political"})
_ALL_SIGNATURES = frozenset(t for tokens in SIGNATURES.values() for t in tokens)


def _block_keys(
    actors: set[str], tokens: Iterable[str], files: Iterable[str], default: str | None
) -> set[str]:
    keys = {"a:" + a for a in actors if a != default}
    keys |= {"s:" + t for t in tokens if t in _ALL_SIGNATURES}
    keys |= {"f:" + f for f in files}
    return keys


def months_of(interval: DateInterval) -> range:
    """The months (year * 12 + month) `interval` spans, 37 at most."""
    first = interval.start.year * 12 + interval.start.month
    last = interval.end.year * 12 + interval.end.month
    if last - first > 36:
        last = first + 36
    return range(first, last + 1)
