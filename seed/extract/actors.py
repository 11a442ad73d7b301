"""Actors in an article: registry surface forms plus discovery of actors the registry lacks.

Discovery looks for titled names ("Foreign Minister X Y", "Gen. X", "Brigadier General X Y") and
named bodies ("the X Y Commission"). A discovered person is afterwards also found by surname in
the same article, the way news copy refers back to people.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from seed.extract.dates import MONTHS, WEEKDAYS
from seed.extract.discovery import (
    NAME_PART,
    body_name_ok,
    person_name_ok,
    roles_before_names,
    strip_titles,
)
from seed.extract.generic_bodies import generic_bodies
from seed.extract.lexicon import LED_FORCES, alternation
from seed.extract.registry import TITLE_PREFIX, ActorHit, Registry, slug
from seed.extract.types import ActorRecord, ActorType, DateInterval

_TITLE = (
    r"(?:(?:Foreign|Prime|Defen[cs]e|Interior|Oil|Finance|Economy|Justice|Health)\s+Minister|"
    r"Deputy\s+(?:Prime\s+)?Minister|Minister|Vice[- ]President|President|"
    r"(?:Lt\.|Lieutenant|Maj\.|Major|Brig\.|Brigadier)\s+(?:Gen\.|General)|Gen\.|General|"
    r"Field\s+Marshal|Marshal|Col\.|Colonel|Commander|Spokes(?:man|woman|person)|"
    r"(?:Special\s+)?Envoy|Ambassador|Secretary[- ]General|Secretary\s+of\s+State|Chairman|"
    r"Chairwoman|Speaker|Prosecutor|Mayor)"
)
_NAME_PART = NAME_PART
# (Every title begins with a capital: the look-ahead passes over other words at once.)
_TITLED = re.compile(
    rf"\b(?=[A-Z])(?P<title>{_TITLE})(?:\s+(?:to|for|on|of)\s+(?:the\s+)?[A-Z][a-z]+)?\s+"
    rf"(?P<name>{_NAME_PART}(?:\s+(?:(?:al|el|Al|El)-|bin\s+|ibn\s+|de\s+|van\s+)?{_NAME_PART}){{0,3}})"
)
# "the High Council of State": a body's name goes on across "of" and capitalised words.
_OF_TAIL = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}")
_BODY = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+\s+){1,5}(?P<head>Commission|Council|Ministry|Agency|Committee|"
    r"Mission|Organi[sz]ation|Union|Army|Brigade|Forces|Court|Authority|Corporation|Front|"
    r"Coalition|Assembly|Parliament|Movement|Party))\b"
)
_NOT_NAMES = {m.capitalize() for m in MONTHS} | {w.capitalize() for w in WEEKDAYS} | {
    "The", "A", "An", "His", "Her", "Their", "Its", "This", "That", "Libya", "Libyan", "In", "On",
}  # fmt: skip
_FORCES = re.compile(
    rf"['\u2019]s?\s+(?:[\w-]+\s+){{0,2}}(?:{alternation(LED_FORCES)}|army|group|camp)\b",
    re.IGNORECASE,
)
# "forces loyal to Haftar", "pro-Haftar forces", "Haftar-led forces": the force he leads.
_FORCES_BEFORE = re.compile(
    rf"\b(?:{alternation(LED_FORCES)}|units|army)\s+(?:loyal\s+to|of|under|commanded\s+by|"
    r"led\s+by|allied\s+(?:to|with)|aligned\s+with|backing)\s+(?:(?:commander|Gen\.|General|"
    r"Field\s+Marshal|strongman|military\s+commander)\s+)?\Z|\bpro-\Z",
    re.IGNORECASE,
)
_FORCES_AFTER_PRO = re.compile(
    rf"[\w-]*\s+(?:[\w-]+\s+){{0,2}}(?:{alternation(LED_FORCES)})\b", re.I
)
_LED = re.compile(r"-led\s+(?:[\w-]+\s+){0,2}(?:forces|troops|army|coalition)\b", re.I)
# A demonym names its state when it qualifies an institution or armed force ("Turkish troops",
# "the Russian Foreign Ministry"); in a list of nationalities it does not.
_STATE_NOUNS = (
    r"(?:government|troops|forces|army|military|officials?|authorities|presidency|president|"
    r"premiership|cabinet|foreign\s+office|"
    r"(?:foreign|defen[cs]e|interior)\s+(?:ministers?|ministry)|ministers?|ministry|parliament|navy|"
    r"air\s+force|drones?|warplanes?|embassy|ambassador|envoy|delegation|prime\s+minister|"
    r"leader(?:ship)?|chancellor|diplomats?|intelligence|special\s+forces|frigates?|warships?|"
    r"contractors|soldiers|officers|advisers|advisors|counterpart)\b"
)
# "Abdullah Bliheg, a spokesman for the House": a name with its title in apposition.
_APPOSITIVE = re.compile(
    r"\b(?P<name>[A-Z][a-z\u00c0-\u017f'\u2019-]+(?:\s+(?:(?:al|el|Al|El)-)?[A-Z][a-z\u00c0-\u017f'"
    r"\u2019-]+){1,3}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?P<title>spokes(?:man|woman|person)|"
    r"minister|commander|envoy|ambassador|official|adviser|advisor|analyst|researcher|lawmaker|"
    r"member|head|chief|director|chairman|president|general|colonel|mayor|leader|deputy|"
    r"representative|secretary)\b"
)
_ARMED_HEADS = {"Army", "Brigade", "Forces", "Front"}
# A news agency is an actor when it acts ("AFP obtained a copy"), not when it is where a quote
# or a report comes from ("told Reuters", "according to AFP", "Xinhua reported", "(AP)").
NEWS_AGENCY = "news agency"
_AS_SOURCE_BEFORE = re.compile(
    r"(?:\btold|\baccording\s+to|\b(?:said|says|reported|quoted|cited|confirmed|speaking|"
    r"spoke|talking)\s+(?:to|by|in)|\binterview\s+with|\bstatement\s+(?:to|carried\s+by)|"
    r"\b(?:by|to|with|from|in|via)|[(\u2014\u2013-])\s*(?:the\s+)?(?:state-run\s+|official\s+|"
    r"state\s+news\s+agency\s+)?\Z",
    re.IGNORECASE,
)
_AS_SOURCE_AFTER = re.compile(
    r"(?:\s*[)\u2014\u2013-]|,|\s+(?:news\s+agency\s+)?(?:reported|reports|said|says|quoted|cited|"
    r"learned|learnt|understands|correspondent|reporter|journalist|photographer|report)\b|"
    r"['\u2019]s?\s+(?:correspondent|reporter|report|journalist|photographer))",
    re.IGNORECASE,
)
_FEMININE_TITLE = re.compile(r"woman\b|\b(?:Mrs|Ms|Madam|Queen|Princess)\b", re.I)
_ARTICLES = {"The", "A", "An", "His", "Her", "Their", "Its", "This", "That", "In", "On"}


@dataclass(slots=True)
class ArticleActors:
    """Actor mentions of one article, with the actors discovered in it."""

    registry: Registry
    discovered: dict[str, ActorRecord] = field(default_factory=dict)
    _local: dict[str, str] = field(default_factory=dict)
    _local_pattern: re.Pattern[str] | None = None
    # The article's publication date: an office title ("head of the Presidential Council")
    # names whoever held it then; unknown (None) leaves such titles unresolved.
    when: DateInterval | None = None
    # The same sentence is looked at by several stages (events, statements, pledges).
    _seen: dict[str, list[ActorHit]] = field(default_factory=dict)

    def scan(self, text: str) -> None:
        """Learn the discovered actors of an article (call once with its body text)."""
        for m in _TITLED.finditer(text):
            name = _trim_name(m.group("name"))
            if name is not None:
                name = strip_titles(name)
            if name is None or not _single_or_person(name):
                continue
            known = self.registry.find(name)
            if known and known[0].start == 0:
                continue
            self._discover_person(name, m.group("title"))
        for m in roles_before_names(text):
            name = _trim_name(m.group("name"))
            if name is None or not person_name_ok(name) or self.registry.find(name):
                continue
            if self._known_at(text, m.start("name"), m.end("name")):
                continue
            self._discover_person(name, m.group("title"))
        for m in _APPOSITIVE.finditer(text):
            name = _trim_name(m.group("name"))
            if name is None:
                continue
            name = strip_titles(name)
            if not person_name_ok(name) or self.registry.find(name):
                continue
            self._discover_person(name, m.group("title"))
        demonyms = set(self.registry.demonyms)
        for m in _BODY.finditer(text):
            name = m.group("name").strip()
            if text[max(0, m.start() - 2) : m.start()] == ". " or self.registry.find(name):
                continue  # "U.N. Support Mission": the abbreviation belongs to the name
            words = name.split()
            while words and words[0] in _ARTICLES:
                words.pop(0)
            if len(words) < 2:
                continue
            tail = _OF_TAIL.match(text, m.end())
            if tail is not None:
                words += tail.group(0).split()
            name = " ".join(words)
            start = m.start() + m.group(0).find(words[0])
            if (
                self.registry.find(name)
                or self._known_at(text, start, m.end())
                or not body_name_ok(name, text[max(0, start - 12) : start], "", demonyms)
            ):
                continue
            key = slug(name)
            kind: ActorType = "armed_group" if m.group("head") in _ARMED_HEADS else "organization"
            self.discovered.setdefault(
                key, ActorRecord(key=key, name=name, type=kind, aliases=(), discovered=True)
            )
            self._local.setdefault(name, key)
        self._learn_definite_references(text)
        states: Counter[str] = Counter()
        for sentence in text.split("\n"):
            for hit in self._known_hits(sentence):
                record = self.registry.actors.get(hit.actor_key)
                if record is not None and record.type == "state":
                    states[record.key] += 1
        for surface, key in generic_bodies(self.registry, text, states).items():
            self._local.setdefault(surface, key)
        self._local_pattern = (
            re.compile(
                r"(?<![\w])(?:"
                + "|".join(re.escape(s) for s in sorted(self._local, key=len, reverse=True))
                + r")(?![\w])"
            )
            if self._local
            else None
        )

    def _known_at(self, text: str, start: int, end: int) -> bool:
        """Whether a registry name covers part of text[start:end] ("Development Party" inside
        "Justice and Development Party")."""
        left, right = max(0, start - 60), min(len(text), end + 30)
        return any(
            left + h.start < end and start < left + h.end
            for h in self.registry.find(text[left:right])
        )

    def _learn_definite_references(self, text: str) -> None:
        """ "the commission" in an article that names "the 5+5 Joint Military Commission": a
        body named in full somewhere in the article, referred to by its head noun alone. Only
        when exactly one body of the article has that head noun."""
        heads: dict[str, set[str]] = {}
        # Sentence by sentence through the shared memo, which the later lookups of the same
        # sentences then hit: one registry pass per sentence, not a second one over the text.
        for sentence in text.split("\n"):
            hits = self._known_hits(sentence)
            shared = _shared_starts(hits)
            for hit in hits:
                record = self.registry.actors.get(hit.actor_key)
                # A force found through its leader ("Haftar's forces") is not named in full.
                derived = hit.start in shared
                if record is None or record.type in ("person", "state") or derived:
                    continue
                head = _head_noun(record.name)
                if head is not None:
                    heads.setdefault(head, set()).add(record.key)
        for head, keys in heads.items():
            if len(keys) == 1:
                (key,) = keys
                for article in ("the", "The"):
                    self._local.setdefault(f"{article} {head}", key)

    def _discover_person(self, name: str, title: str) -> None:
        """Record a titled person the registry lacks, findable afterwards by surname too."""
        surname = name.split()[-1]
        if self.registry.find(surname):
            return
        key = slug(name)
        self.discovered.setdefault(
            key,
            ActorRecord(
                key=key,
                name=name,
                type="person",
                aliases=(surname,),
                discovered=True,
                description=title,
            ),
        )
        self._local.setdefault(name, key)
        self._local.setdefault(surname, key)

    def find(self, text: str) -> list[ActorHit]:
        cached = self._seen.get(text)
        if cached is None:
            cached = self._seen[text] = self._find(text)
        if not any(h.actor_key.startswith(TITLE_PREFIX) for h in cached):
            return list(cached)
        resolved: list[ActorHit] = []
        for hit in cached:
            if hit.actor_key.startswith(TITLE_PREFIX):
                holder = self.registry.holder(hit.actor_key, self.when)
                if holder is None:
                    continue
                hit = ActorHit(holder, hit.start, hit.end, hit.surface)
            resolved.append(hit)
        return resolved

    def _known_hits(self, text: str) -> tuple[ActorHit, ...]:
        """`_registry_hits`, memoised across the articles of a run (copied wire text recurs)."""
        memo = self.registry.memo
        known = memo.get(text)
        if known is None:
            if len(memo) > 100_000:
                memo.clear()  # bounded: copied wire paragraphs are what recurs
            known = memo[text] = tuple(self._registry_hits(text))
        return known

    def _find(self, text: str) -> list[ActorHit]:
        hits = list(self._known_hits(text))
        pattern = self._local_pattern
        if pattern is not None:
            taken = [(h.start, h.end) for h in hits]
            for m in pattern.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                hits.append(ActorHit(self._local[m.group(0)], m.start(), m.end(), m.group(0)))
            hits.sort(key=lambda h: h.start)
        return hits

    def _registry_hits(self, text: str) -> list[ActorHit]:
        """Registry surface forms, the forces their leaders lead, states named by demonyms."""
        hits = self.registry.find(text)
        for hit in list(hits):
            # "Haftar's forces", "Hifter's eastern-based troops": the force the person leads.
            before = _FORCES_BEFORE.search(text, max(0, hit.start - 60), hit.start)
            pro = before is not None and before.group(0).lower() == "pro-"
            if (
                _FORCES.match(text, hit.end)
                or _LED.match(text, hit.end)
                or (before is not None and (not pro or _FORCES_AFTER_PRO.match(text, hit.end)))
            ):
                force = self.registry.led_force(hit.actor_key)
                if force is not None and all(h.actor_key != force for h in hits):
                    hits.append(ActorHit(force, hit.start, hit.end, hit.surface))
        demonyms = self._demonym_pattern()
        if demonyms is not None:
            taken = [(h.start, h.end) for h in hits]
            for m in demonyms.finditer(text):
                state = self.registry.demonyms[m.group("d")]
                if any(m.start() < e and s < m.end("d") for s, e in taken):
                    continue
                hits.append(ActorHit(state, m.start(), m.end("d"), m.group("d")))
        hits.sort(key=lambda h: h.start)
        return [h for h in hits if not self._source_only(text, h)]

    def _source_only(self, text: str, hit: ActorHit) -> bool:
        record = self.registry.actors.get(hit.actor_key)
        if record is None or record.description != NEWS_AGENCY:
            return False
        before = text[max(0, hit.start - 40) : hit.start]
        return bool(_AS_SOURCE_BEFORE.search(before) or _AS_SOURCE_AFTER.match(text, hit.end))

    def _demonym_pattern(self) -> re.Pattern[str] | None:
        return _demonym_regex(tuple(sorted(self.registry.demonyms)))

    def record(self, key: str) -> ActorRecord | None:
        return self.registry.get(key) or self.discovered.get(key)

    def feminine(self, key: str) -> bool | None:
        """Whether a person is a woman: the registry says for its people; a discovered
        person's title may ("spokeswoman", "Mrs"); otherwise unknown (None)."""
        if key in self.registry.actors:
            return key in self.registry.women
        found = self.discovered.get(key)
        if found is None or found.description is None:
            return None
        return True if _FEMININE_TITLE.search(found.description) else None


@lru_cache(maxsize=8)
def _demonym_regex(demonyms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not demonyms:
        return None
    names = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True))
    # "French Ambassador X" as well as "the French ambassador": a title may be capitalised.
    # Two demonyms may share the noun ("Russian and Turkish foreign ministers"): both states.
    return re.compile(
        rf"(?<![\w.])(?P<d>{names})(?=(?:\s+and\s+(?:{names}))?\s+"
        rf"(?:[\w-]+\s+(?:and\s+[\w-]+\s+)?)?(?i:{_STATE_NOUNS}))"
    )


def _shared_starts(hits: tuple[ActorHit, ...]) -> set[int]:
    """Where two or more hits start (each hit is a distinct object)."""
    if len(hits) < 2:
        return set()
    seen: set[int] = set()
    shared: set[int] = set()
    for h in hits:
        (shared if h.start in seen else seen).add(h.start)
    return shared


@lru_cache(maxsize=4096)
def _head_noun(name: str) -> str | None:
    """ "commission" of "5+5 Joint Military Commission", "house" of "House of Representatives";
    None for one-word names (the name itself is the reference) and names without a noun head."""
    words = name.split(" of ")[0].split(" in ")[0].split()
    if len(name.split()) < 2 or not words or not words[-1].isalpha():
        return None
    return words[-1].lower()


def _trim_name(name: str) -> str | None:
    # "Ambassador Lina Varga's deputy": the possessive is not part of the name.
    words = re.sub(r"['\u2019]s?\Z", "", name).split()
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    if not words or len(words) > 4:
        return None
    return " ".join(words)


def _single_or_person(name: str) -> bool:
    """A titled name may be a surname alone ("Gen. Smith"); longer, it must read as a person."""
    if len(name.split()) == 1:
        return not name.endswith("-") and person_name_ok(name + " X")
    return person_name_ok(name)
