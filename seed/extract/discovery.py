"""What makes a discovered name an actor's name, and people introduced by a lower-case role.

Discovery (see `actors.py`) reads capitalised words after a title or before a body noun. Two
kinds of bogus actor come out of that unless checked: fragments of a title or of a longer name
("Affairs" of "Minister of Foreign Affairs", "Assembly" of "General Assembly", "Democratic
Party" of "Peoples' Democratic Party") and titles kept in the name ("Ambassador X").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A capitalised name part, hyphenated parts included ("Jean-Yves", "Anne-Claire").
NAME_PART = r"[A-Z][a-z\u00c0-\u017f'\u2019]+(?:-[A-Z]?[a-z\u00c0-\u017f'\u2019]+)*"
_PARTICLE = r"(?:(?:al|el|Al|El)-|bin\s+|ibn\s+|de\s+|De\s+|van\s+|von\s+|di\s+|Di\s+)"
PERSON_NAME = rf"{NAME_PART}(?:\s+{_PARTICLE}?{NAME_PART}){{1,3}}"
# Words of institutions and offices: never part of a person's name.
INSTITUTION_WORDS = frozenset(
    [
        "Affairs",
        "Assembly",
        "Secretariat",
        "Council",
        "Committee",
        "Command",
        "Staff",
        "Ministry",
        "Department",
        "Office",
        "Directorate",
        "Authority",
        "Forces",
        "Force",
        "Army",
        "Agency",
        "Commission",
        "Union",
        "Nations",
        "States",
        "Court",
        "Conference",
        "Mission",
        "Government",
        "Parliament",
        "Republic",
        "Kingdom",
        "Presidency",
        "Cabinet",
        "Bureau",
        "Organization",
        "Organisation",
        "Party",
        "Front",
        "Brigade",
        "Navy",
        "Guard",
        "Police",
        "Service",
        "Services",
        "Administration",
        "Embassy",
        "Coalition",
        "Alliance",
        "Summit",
        "Forum",
        "Program",
        "Programme",
        "Fund",
        "Bank",
    ]
)
# Titles a name must not begin with: the title is the actor's description, not its name.
TITLE_WORDS = frozenset(
    [
        "Ambassador",
        "President",
        "Minister",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "General",
        "Gen",
        "Colonel",
        "Commander",
        "Envoy",
        "Secretary",
        "Chairman",
        "Chairwoman",
        "Speaker",
        "Prosecutor",
        "Mayor",
        "Marshal",
        "Field",
        "Prime",
        "Deputy",
        "Foreign",
        "Defence",
        "Defense",
        "Interior",
        "Vice",
        "Acting",
        "Special",
        "Lieutenant",
        "Major",
        "Brigadier",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sheikh",
        "King",
        "Prince",
        "Emir",
        "Chancellor",
        "Premier",
    ]
)
# Adjectives that make a body noun generic ("the Foreign Ministry", "Air Forces"): whose
# ministry depends on the article, so no actor of its own.
_GENERIC_QUALIFIERS = frozenset(
    [
        "Foreign",
        "Interior",
        "Defence",
        "Defense",
        "Finance",
        "Health",
        "Justice",
        "Economy",
        "Oil",
        "Air",
        "Naval",
        "Armed",
        "Special",
        "Security",
        "Military",
        "Supreme",
        "High",
        "National",
        "Presidential",
        "Federal",
        "Central",
        "General",
        "Joint",
        "Permanent",
        "Executive",
        "Political",
        "Technical",
        "Municipal",
    ]
)

# "acting US ambassador Jane Doe", "UN spokesman John Roe", "Foreign Ministry spokesperson
# Jane Doe": a role written in lower case right before a full name.
_ROLE = (
    r"(?:spokes(?:man|woman|person)|ambassador|envoy|minister|commander|chief|adviser|advisor|"
    r"official|representative|director|coordinator|prosecutor|negotiator|diplomat|analyst|"
    r"lawmaker|researcher|general|colonel|admiral)"
)
ROLE_BEFORE_NAME = re.compile(
    r"(?P<title>(?:(?:acting|deputy|former|special|senior|chief|top)\s+)?"
    r"(?:(?:[A-Z][A-Za-z.]+|presidential|military|army|government|ministry|foreign|defen[cs]e|"
    r"interior|state|rights|parliamentary|national|regional)\s+){0,3}"
    rf"{_ROLE})\s+"
    rf"(?P<name>{PERSON_NAME})(?![\w'\u2019-])"
)
# Every match of ROLE_BEFORE_NAME holds a role word followed by a capital, after at most four
# words (letters and dots), each followed by space.
_ROLE_ANCHOR = re.compile(rf"{_ROLE}\s+[A-Z]")
_LEAD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def roles_before_names(text: str) -> Iterator[re.Match[str]]:
    """`ROLE_BEFORE_NAME.finditer(text)`, the pattern tried only just before its role words
    instead of at every position of the text.

    A match holds its role word after at most four words, so it starts no earlier than
    `_lead_start` of that role word. The first match at or after `pos` has its role word at or
    after the first role word after `pos`, and `_lead_start` never decreases along the text:
    if no match starts between `_lead_start` of that first role word and the role word itself,
    none starts before the role word."""
    pos = 0
    while True:
        anchor = _ROLE_ANCHOR.search(text, pos)
        if anchor is None:
            return
        role = anchor.start()
        for start in range(max(pos, _lead_start(text, role)), role + 1):
            found = ROLE_BEFORE_NAME.match(text, start)
            if found is not None:
                yield found
                pos = found.end()
                break
        else:
            pos = role + 1


def _lead_start(text: str, position: int) -> int:
    """The start of the fourth word before the word at `position`, words (letters and dots)
    joined by space only; the start of the earliest such word when there are fewer."""
    start = position
    while start > 0 and text[start - 1] in _LEAD_CHARS:
        start -= 1
    for _ in range(4):
        i = start
        while i > 0 and text[i - 1].isspace():
            i -= 1
        j = i
        while j > 0 and text[j - 1] in _LEAD_CHARS:
            j -= 1
        if i == start or j == i:
            break
        start = j
    return start


def person_name_ok(name: str) -> bool:
    """A person's name: two to four parts, none a title or an institution word, no dangling
    hyphen."""
    words = name.split()
    if not 2 <= len(words) <= 4 or any(w.endswith("-") for w in words):
        return False
    if words[0] in TITLE_WORDS:
        return False
    return not any(w in INSTITUTION_WORDS for w in words)


def strip_titles(name: str) -> str:
    """ "Ambassador Jane Doe" -> "Jane Doe": the title (or its tail) goes to the description."""
    words = name.split()
    # "Minister of Foreign Affairs Tomas Kerr" leaves "Affairs Tomas Kerr": the rest of the title
    while len(words) > 2 and (words[0].rstrip(".") in TITLE_WORDS or words[0] in INSTITUTION_WORDS):
        words.pop(0)
    return " ".join(words)


def body_name_ok(name: str, before: str, after: str, demonyms: set[str]) -> bool:
    """A body's name as written: not the tail of a longer name ("UN Support Mission", "Peoples'
    Democratic Party"), not cut before its "of" ("High Council of State"), not generic
    ("Foreign Ministry", "Air Forces"), not a state's ministry by demonym ("Russian Ministry")."""
    words = name.split()
    if re.search(r"(?:[A-Z]{2,}|[\w.]+['\u2019]|[A-Z][\w]*-)\s*\Z", before):
        return False
    if re.match(r"\s+of\s+(?:the\s+)?[A-Z]", after):
        return False
    if words[0] in demonyms:
        return False
    return not all(w in _GENERIC_QUALIFIERS for w in words[:-1])
