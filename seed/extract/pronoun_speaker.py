"""A statement whose speaker is a pronoun for the person the sentence before was about.

"The prime minister X toured the reopened road. Speaking to the crowd he said ...": the second
sentence names its speaker only by "he", yet it is X's statement, made on the report's days as
any named speaker's undated words are (see `seed.extract.spoken`). The pronoun opens the
sentence, or follows a participle phrase that sets the scene ("Speaking to reporters",
"Commenting on his website"); it stands for the one person the sentence right before (in the
same paragraph or the next) opened with, when "he" or "she" can name that person.

A pronoun after a relative word ("the law, which he said ...") is not a statement, nor is a
pronoun that could name more than one person ("they"), nor a person's second undated statement
(the first is the statement; carried-on words join it, see `seed.extract.carried_words`), nor
words about a happening of the report's days the person took part in.
"""

from __future__ import annotations

import re

from seed.extract.actors import ArticleActors
from seed.extract.candidate import Candidate
from seed.extract.layout import Sentence
from seed.extract.registry import ActorHit
from seed.extract.spoken import Spoken, spoken_interval, statement_candidate, took_part
from seed.extract.types import DateInterval

# The pronoun and its speech verb, at the start or after a participle phrase of up to eight
# words ("Commenting on his account he said", "Speaking in Tunis, she told").
_PRONOUN_SPEAKER = re.compile(
    r"\A\s*(?:[A-Z][a-z]+ing\b(?:\s+[\w'\u2019-]+){0,8}?,?\s+)?"
    r"(?P<pronoun>[Hh]e|[Ss]he)\s+(?P<verb>said|says|told|stated|declared|announced|wrote|"
    r"tweeted)\b"
)


def pronoun_statement(
    file_name: str,
    at: tuple[int, Sentence],
    before: Sentence | None,
    earlier: list[Candidate],
    actors: ArticleActors,
    publication: DateInterval,
) -> Candidate | None:
    """The statement of the undated sentence `at` (its index and itself) whose speaker is a
    pronoun for the person `before` (the sentence before it) opens with; None when there is
    none or that person already made one of the `earlier` statements."""
    _, sentence = at
    m = _PRONOUN_SPEAKER.match(sentence.text)
    if m is None or before is None or sentence.paragraph - before.paragraph > 1:
        return None
    person = _subject_person(before, actors, feminine=m["pronoun"].lower() == "she")
    if person is None:
        return None
    if any(c.type == "statement" and person in {key for key, _ in c.actors} for c in earlier):
        return None  # more words of a statement already made
    if took_part({person}, earlier, spoken_interval(publication)):
        return None  # goes on about a happening of the report's days the person took part in
    speaker = ActorHit(person, m.start("pronoun"), m.end("pronoun"), m["pronoun"])
    spoken = Spoken(0, m.end(), m.start("verb"), m.end("verb"), (speaker,))
    found = actors.find(sentence.text)
    return statement_candidate(
        file_name, at, spoken, spoken_interval(publication), None, [speaker, *found]
    )


def _subject_person(sentence: Sentence, actors: ArticleActors, *, feminine: bool) -> str | None:
    """The person `sentence` opens with (its first actor, when a person and the only one it
    names), when the pronoun's gender fits; None otherwise."""
    hits = actors.find(sentence.text)
    if not hits:
        return None
    first = hits[0]
    record = actors.record(first.actor_key)
    if record is None or record.type != "person":
        return None
    if any(h.actor_key != first.actor_key and _is_person(h, actors) for h in hits):
        return None  # two people: the pronoun may stand for either
    woman = actors.feminine(first.actor_key)
    if (woman is True) != feminine:
        return None
    return first.actor_key


def _is_person(hit: ActorHit, actors: ArticleActors) -> bool:
    record = actors.record(hit.actor_key)
    return record is not None and record.type == "person"
