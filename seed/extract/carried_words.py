"""More words of a statement just made: "..., said the chancellor. She added that ...".

A named speaker's undated statement (see `seed.extract.spoken`) is one happening; the sentence
right after it that opens with a personal pronoun and a verb of speaking ("She added",
"He said", "He went on to say") carries on the same speaker's words on the same day. It is
told as a second mention of that statement (with the same words, so the two join as one
event), so that what the speaker went on to say is found
on it, instead of being lost (only a speaker's first statement makes one) or of making a second
statement that would not be the same happening's.

Only "he" and "she" of one person qualify: "they" may be any group the sentence before named,
and a sentence that names a time of its own or carries a date of its own is its own happening.
"""

from __future__ import annotations

import re
from dataclasses import replace

from seed.extract.actors import ArticleActors
from seed.extract.candidate import Candidate
from seed.extract.parse import Sentence

# A sentence opening with a person's pronoun and a verb that carries words on.
_CARRIED = re.compile(
    r"\A\s*(?P<words>(?:He|She)\s+(?:also\s+)?(?:added|said|says|adds|stressed|noted|continued|"
    r"went\s+on\s+to\s+say|pointed\s+out|explained|insisted)\b)"
)


def carried_statement(
    sentence: Sentence,
    index: int,
    previous: Candidate | None,
    actors: ArticleActors,
) -> Candidate | None:
    """The mention of `previous` (the statement of the sentence before, at most one paragraph
    back) that `sentence` (at `index`) carries on, or None; its speaker must be one person
    (`actors` tells), whom "he" or "she" can name."""
    if (
        previous is None
        or previous.sentence_index != index - 1
        or not _one_person(previous, actors)
    ):
        return None
    if sentence.paragraph - previous.paragraph > 1:
        return None
    verb = _CARRIED.match(sentence.text)
    if verb is None:
        return None
    return replace(
        previous,
        sentence_index=index,
        paragraph=sentence.paragraph,
        quote_start=sentence.start + verb.start("words"),
        quote_end=sentence.start + verb.end("words"),
        quote=verb["words"],
        # the same statement: its words, summary and date hit stay those of the first telling,
        # so that the two join as one event and the event's words do not change
        actors=list(previous.actors),
        lead=False,
    )


def _one_person(statement: Candidate, actors: ArticleActors) -> bool:
    """Whether `statement` has one speaker and that speaker is a person."""
    speakers = [key for key, role in statement.actors if role == "speaker"]
    record = actors.record(speakers[0]) if len(speakers) == 1 else None
    return record is not None and record.type == "person"
