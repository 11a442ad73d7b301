"""Everything read from one article on its own: the first stage of ingestion.

`extract_article` takes one article's text and the actor registry and returns plain, picklable
dataclasses (parsed text, the actors it discovers, event and pledge candidates), so it can run in
a worker process and its result can be stored and reused until the text or the extractor changes.

An article that states its publication date is read completely. One that does not gets
provisional candidates, resolved against a wide interval: the corpus stage (`seed.link`) infers
its publication date from other articles and then calls `date_article` to read it again against
that date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from seed.extract.actors import ArticleActors
from seed.extract.candidate import Candidate
from seed.extract.datelines import filing_day
from seed.extract.events import extract_candidates
from seed.extract.parse import ParsedArticle, parse_article
from seed.extract.pledges import PledgeCandidate, extract_pledges
from seed.extract.registry import Registry
from seed.extract.types import ActorRecord, DateInterval, PublicationDate, RawArticle
from seed.link.publication import wide_interval
from seed.link.text_bounds import lower_bound


@dataclass(slots=True)
class ArticleExtraction:
    """What one article says, read without looking at any other article."""

    parsed: ParsedArticle
    # Actors the registry lacks, found in this article (titled people, named bodies).
    discovered: dict[str, ActorRecord]
    # Stated by the article or given with it; None when it must be inferred from other articles.
    publication: PublicationDate | None
    # Final when `publication` is known; otherwise provisional (see `date_article`).
    candidates: list[Candidate]
    pledges: list[PledgeCandidate] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return self.parsed.raw.file_name

    @property
    def dated(self) -> bool:
        return self.publication is not None


def extract_article(raw: RawArticle, registry: Registry) -> ArticleExtraction:
    """Read one article. Raises `ArticleError` when it cannot be read at all."""
    parsed = parse_article(raw)
    stated = stated_publication(parsed)
    if stated is not None:
        return date_article(parsed, registry, stated)
    reader = _reader(parsed, registry)
    provisional = wide_interval(lower_bound(parsed))
    rough = extract_candidates(parsed, provisional, reader, registry.default_actor)
    return ArticleExtraction(parsed, reader.discovered, None, rough)


def stated_publication(parsed: ParsedArticle) -> PublicationDate | None:
    """The publication day the article states (or was given with), if any."""
    if parsed.published is None:
        return None
    day = parsed.published
    how = parsed.published_by or "the submitter"
    return PublicationDate(DateInterval(day, day, "day"), explicit=True, reason=f"stated by {how}")


def date_article(
    parsed: ParsedArticle, registry: Registry, publication: PublicationDate
) -> ArticleExtraction:
    """Read an article's events and pledges against a known publication date."""
    reader = _reader(parsed, registry)
    # Relative words ("today", "on Thursday") count from the day a wire filed its copy.
    filed = filing_day(parsed.dateline_day, publication.interval)
    reader.when = filed
    candidates = extract_candidates(parsed, filed, reader, registry.default_actor)
    pledges = extract_pledges(parsed, candidates, filed, reader)
    return ArticleExtraction(parsed, reader.discovered, publication, candidates, pledges)


def _reader(parsed: ParsedArticle, registry: Registry) -> ArticleActors:
    reader = ArticleActors(registry)
    reader.scan("\n".join(s.text for s in parsed.sentences))
    return reader
