"""Relative clauses: which noun phrase a date inside "..., which was held on Wednesday" dates.

News sentences pack several happenings into one: "Participants in the conference, which was held
in Berlin on Wednesday, affirmed their commitment to the ceasefire". A date inside a relative
clause dates its antecedent ("the conference was held ... on Wednesday"), not the main clause;
a relative clause without the date is an aside, dropped from the title. Pure string work on one
sentence, no parsing: a noun phrase is found by walking back over words to a determiner or a
capitalised name, stopping at verbs and function words that end a noun phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# ", which was held", " who was appointed", "a truce that took effect" (not "said that").


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_RELATIVE = re.compile(r"(?P<comma>,\s+)?\b(?P<pron>which|who|that)\s+(?P<next>[\w'-]+)", re.I)
# Verbs and words after which "that" introduces reported content, not a relative clause.
_COMPLEMENT_HEADS = _words(
    "said says say told tell tells announced announce declared declare stated state stressed "
    "stress noted note warned warn added add agreed agree agrees insisted insist argued argue "
    "believe believes believed claimed claim confirmed confirm reported report revealed reveal "
    "acknowledged denied deny hoped hope know knows knew think thinks thought ensure ensuring "
    "showed shows suggested suggest indicated indicate estimated assure assured clear so such "
    "now given fact sure means meant demanded demand urged asked decided promised pledged "
    "vowed expected expect feared fear concluded found find finds added explained explain "
    "emphasised emphasized underlined recalled recall is was are were be been"
)
_VERBISH = _words(
    "was were is are has had have will would could can took began came led left met made "
    "brought killed saw ended broke took held won lost fell rose set sent gave"
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those"})
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_CONNECTORS = frozenset({"and", "or", "of", "between", "in", "for", "from", "on", "with", "at"})
_NP_END = _words(
    "to said says told that which who whom is are was were has have had be been will would "
    "also not than as by after before since when while where if because could can may might "
    "should must shall did do does"
)
# Asides that do not carry the date: ", which has troops in Libya," ", attended by X,".
_ASIDE = re.compile(r",\s+(?:which|who|whose)\b[^,]*,(?=\s+[a-z])")
# Reduced relatives: "national elections planned for Dec. 24", "the agreement signed in Geneva
# on 23 October 2020": the participle's noun phrase is what the date dates.
_PARTICIPLE = re.compile(
    r"(?<=[a-z\-\u2019'])\s+(?P<verb>planned|scheduled|set|slated|due|expected|signed|held|"
    r"agreed|brokered|mediated|released|launched|formed|reached|adopted|approved|issued|"
    r"published|announced|concluded)\s+(?:for|to|on|in|at|by|last|this|earlier|later|"
    r"between|a\s|an\s|the\s)",
)
_NOT_NOUNS = (
    _NP_END
    | _POSSESSIVES
    | _DETERMINERS
    | _words("he she they it we i you who also already been being having")
)
_WORD = re.compile(r"[\w'\u2019.+-]+")


@dataclass(frozen=True, slots=True)
class RelativeClause:
    """`start`..`end` (offsets in the sentence) cover the antecedent and the relative clause;
    `title` reads them as one statement ("The conference was held in Berlin on Wednesday")."""

    start: int
    end: int
    title: str


def is_relative(sentence: str, match: re.Match[str]) -> bool:
    """Whether "which/who/that" at `match` opens a relative clause on a noun before it."""
    before = sentence[: match.start("pron")].rstrip(" ,")
    previous = before.rsplit(None, 1)[-1].lower() if before.split() else ""
    if not previous:
        return False
    if match.group("pron").lower() != "that" or match.group("comma"):
        return True
    if previous in _COMPLEMENT_HEADS or previous.endswith(("ed", "ing")):
        return False
    following = match.group("next").lower()
    return following in _VERBISH or following.endswith(("ed", "es"))


def antecedent(sentence: str, end: int) -> int | None:
    """Start offset of the noun phrase ending at `end`, or None when none is found."""
    words = list(_WORD.finditer(sentence, 0, end))
    collected: list[re.Match[str]] = []
    determiner: re.Match[str] | None = None
    for index in range(len(words) - 1, max(-1, len(words) - 12), -1):
        word = words[index]
        lower = word.group(0).lower()
        gap = sentence[word.end() : collected[-1].start() if collected else end]
        if "," in gap or ";" in gap:
            break
        if lower in _DETERMINERS:
            determiner = word
            collected.append(word)
            previous = words[index - 1].group(0).lower() if index > 0 else ""
            if previous not in _CONNECTORS:
                break
            continue
        if lower in _POSSESSIVES or lower in _NP_END:
            break
        if lower in _CONNECTORS:
            if not collected:
                break
            collected.append(word)
            continue
        if lower.endswith(("ed", "ing")) and collected and word.group(0)[0].islower():
            previous = words[index - 1].group(0).lower() if index > 0 else ""
            if previous not in _DETERMINERS:
                break
        collected.append(word)
    if determiner is not None:
        return determiner.start()
    # No determiner: a trailing name ("his rival Fathi Bashagha" -> "Fathi Bashagha").
    name_start: int | None = None
    for word in collected:
        text = word.group(0)
        if text[0].isupper():
            name_start = word.start()
        elif text.lower() not in {"of", "al", "el"}:
            break
    if name_start is not None:
        return name_start
    content = [w for w in collected if w.group(0).lower() not in _CONNECTORS]
    return content[min(len(content), 2) - 1].start() if content else None


@lru_cache(maxsize=65536)
def relative_clause_at(sentence: str, start: int, end: int, position: int) -> RelativeClause | None:
    """The relative clause of `sentence[start:end]` holding `position`, with its antecedent."""
    found: RelativeClause | None = None
    for m in _RELATIVE.finditer(sentence, start, end):
        if m.start() > position or not is_relative(sentence, m):
            continue
        if m.group("comma"):
            close = sentence.find(",", m.end("pron"), end)
            span_end = close if close != -1 else end
        else:
            span_end = end
        if not m.end("pron") <= position < span_end:
            continue
        head_start = antecedent(sentence, m.start())
        if head_start is None or head_start < start:
            continue
        head = sentence[head_start : m.start()].rstrip(" ,")
        rest = sentence[m.end("pron") : span_end].strip()
        found = RelativeClause(head_start, span_end, f"{head} {rest}")
    reduced: RelativeClause | None = None
    for m in _PARTICIPLE.finditer(sentence, start, position):
        if found is not None and m.start() < found.start:
            continue
        before = sentence[start : m.start()].split()
        if not before or before[-1].lower().strip("\"'\u201d") in _NOT_NOUNS:
            continue
        head_start = antecedent(sentence, m.start())
        if head_start is None or head_start < start or head_start == start:
            continue  # the participle is the main verb: the clause reads well as it is
        reduced = RelativeClause(head_start, end, sentence[head_start:end])
    return reduced or found


@lru_cache(maxsize=65536)
def without_asides(clause: str, position: int) -> str:
    """`clause` without comma-enclosed asides that do not hold `position`."""
    pieces: list[str] = []
    cursor = 0
    for m in _ASIDE.finditer(clause):
        if m.start() <= position < m.end():
            continue
        pieces.append(clause[cursor : m.start()])
        cursor = m.end()
    pieces.append(clause[cursor:])
    return re.sub(r"\s{2,}", " ", " ".join(p.strip() for p in pieces if p.strip()))


# A trailing attribution: "<content>, the world body said on Tuesday." The date there dates the
# saying, but the news (and so the kind of happening) is the content before it.
_TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:[\w.'\u2019-]+\s+){1,6}?(?:said|says|told|announced|stated|reported|confirmed)\b"
    r"[^,;]{0,40}\Z",
    re.IGNORECASE,
)


# A person speaking makes the statement the news ("..., the foreign minister said Sunday"); an
# institution or unnamed sources only pass the news on ("..., the world body said Tuesday").
_PERSON_SPEAKER = re.compile(
    r"\b(?:he|she|minister|president|premier|envoy|spokes(?:man|woman|person)|chief|head|"
    r"leader|commander|ambassador|secretary|general|director|[A-Z][a-z]+\s+[A-Z][a-z]+)\b"
)


def trailing_attribution(clause: str, position: int) -> int | None:
    """End of the reported content when `position` lies in a trailing attribution, whoever
    speaks ("<content>, the minister said on Tuesday"), else None."""
    m = _TRAILING_ATTRIBUTION.search(clause.rstrip(" ."))
    if m is None or position < m.start() or len(clause[: m.start()].split()) < 4:
        return None
    return m.start()


def attributed_content_end(clause: str, position: int) -> int | None:
    """End of the reported content when `position` lies in a trailing attribution to an
    institution or unnamed sources, else None."""
    end = trailing_attribution(clause, position)
    if end is None or _PERSON_SPEAKER.search(clause, end, position):
        return None
    return end
