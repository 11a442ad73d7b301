"""The kind of happening a dated clause reports: trigger words, reported speech, announced moves.

The trigger nearest to the date expression decides; a speech verb decides only when it governs
reported speech or nothing else is near.
"""

from __future__ import annotations

import re
from functools import lru_cache

from seed.extract.alternatives import literal_alternation
from seed.extract.clauses import attributed_content_end

# Trigger stems per event type; the trigger nearest to the date expression decides the type.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "election": ("election", "elect", "vote", "voter", "ballot", "poll", "referendum"),
    "agreement": (
        "agree", "agreement", "ceasefire", "cease-fire", "truce", "deal", "accord", "signed",
        "sign", "roadmap", "mediated", "memorandum", "brokered", "action plan",
    ),
    "meeting": (
        "meeting", "met ", "meet", "talks", "summit", "conference", "visit", "hosted", "forum",
        "dialogue", "brief the", "briefed the", "session", "delegations",
    ),
    "withdrawal": (
        "withdraw", "withdrawal", "withdrawn", "withdrew", "leave", "left", "leaving", "depart",
        "departure", "pull out", "pulled out", "evacuat", "deport", "exit", "repatriat",
    ),
    "military": (
        "offensive", "attack", "assault", "clash", "fighting", "battle", "airstrike", "strike",
        "march on", "captur", "recaptur", "retook", "retake", "seize", "shell", "drone", "militar",
        "besieg", "siege", "blockad", "pushed back", "bombard", "rocket", "mortar", "killed",
        "wounded", "ambush", "erupted", "deployed", "deployment", "advance", "counteroffensive",
        "mobilized", "mobilised", "mobilization", "mobilisation",
    ),
    "report": (
        "report", "estimat", "reveal", "investigat", "assessment", "found", "document", "study",
        "panel of experts", "released", "publish",
    ),
    "political": (
        "uprising", "ousted", "toppled", "deposed", "government", "split", "install",
        "formation", "appoint", "resign", "parliament", "sworn", "swore", "oath", "rebellion",
        "revolution", "designat", "took office", "dismiss", "sacked", "confidence", "cabinet",
        "approved", "mandate", "nominat", "named members", "named their", "named its",
        "named his", "named her", "named a new", "named the new", "named as",
    ),
    "statement": (
        "said", "says", "told", "stated", "announced", "declared", "warned", "urged",
        "called", "stressed", "added", "insisted", "statement", "assure", "condemned",
        "welcomed", "affirmed", "accused", "denied", "asserted", "reiterated", "rule out",
        "ruled out", "rules out",
    ),
}  # fmt: skip
# Nouns that name the circumstances more often than the happening ("the government",
# "military support"): they decide the type only when nothing else is near.
_WEAK = re.compile(r"\b(?:government|militar\w*|parliament|found|document\w*|report)\b", re.I)
# A participle modifying a plural noun ("mercenaries fighting on their side") is not the
# predicate; "a meeting", "are fighting", "the fighting" are.
_MODIFIED_NOUN = re.compile(r"\b(?!(?:is|was|has|does|this|its|as|us)\b)[a-z]+s\s+\Z")
# An announced departure is the withdrawal event ("declared that 300 mercenaries will leave").
_ANNOUNCED_WITHDRAWAL = re.compile(
    r"\b(?:will|would|are\s+to|is\s+to)\s+(?:be\s+)?(?:leave|withdraw|withdrawn|depart|"
    r"deported|evacuated|repatriated|pull\s+out)\b",
    re.IGNORECASE,
)
# Common words that begin with a trigger stem but name no happening ("according to",
# "a significant number", "electricity", "the foundation"): a stem never matches inside them.
FALSE_FRIENDS = (
    "according", "accordance", "accordingly", "significan", "signal", "electric", "pollut",
    "leftist", "foundation", "founder",
)  # fmt: skip
_NOT_A_TRIGGER = r"(?!" + literal_alternation(FALSE_FRIENDS, re.IGNORECASE) + r")"
TRIGGER_RE = {
    kind: re.compile(
        r"\b" + _NOT_A_TRIGGER + r"(?:" + literal_alternation(stems, re.IGNORECASE) + r")",
        re.IGNORECASE,
    )
    for kind, stems in TRIGGERS.items()
}
SPEECH = re.compile(
    r"\b(?:said|says|told|stated|announced|declared|warned|urged|added|insisted|assured?|"
    r"asserted|affirmed|stressed|noted|reiterated|emphasi[sz]ed|explained|claimed|"
    # a question put to someone is answered in what follows: "asked in May whether ..."
    r"asked(?=(?:\s+[\w,.'\u2019-]+){0,8}?\s+(?:if|whether)\b))\b",
    re.I,
)
# Finite auxiliaries: what follows a subject in a main clause ("it would", "they had").
AUXILIARY = (
    r"(?:would|will|had|has|have|was|were|is|are|did|does|do|could|should|might|must|can|"
    r"cannot)\b"
)


@lru_cache(maxsize=65536)
def event_type(clause: str, anchor: int, anchor_end: int | None = None) -> str:
    """The type whose trigger is nearest to the date expression; statement only as a fallback.

    `anchor`/`anchor_end` delimit the date expression in the clause. When the date dates a
    speech verb whose complement is reported speech ("said last month it would take part in a
    conference"), the happening is the statement, not what it talks about; said to a
    counterpart, it is a meeting.
    """
    announced = _ANNOUNCED_WITHDRAWAL.search(clause)
    if announced is not None and announced.start() > anchor:
        return "withdrawal"
    reported = _reported_speech(clause, anchor, anchor if anchor_end is None else anchor_end)
    if reported is not None:
        return reported
    content_end = attributed_content_end(clause, anchor)
    if content_end is not None:
        # "X has resigned ..., the UN said on Tuesday": the kind is that of the content's
        # predicate, which comes first, not of whatever word ends the content.
        return event_type(clause[:content_end], 0)
    best: tuple[int, int, str] | None = None
    for rank, (kind, pattern) in enumerate(TRIGGER_RE.items()):
        for m in pattern.finditer(clause):
            distance = min(abs(m.start() - anchor), abs(m.end() - anchor))
            if kind == "statement":
                distance += 40  # a speech verb says how we know, rarely what happened
            if _WEAK.match(clause, m.start()):
                distance += 30
            word_end = clause.find(" ", m.start())
            word = clause[m.start() : word_end if word_end != -1 else len(clause)]
            if word.endswith("ing") and _MODIFIED_NOUN.search(
                clause, max(0, m.start() - 24), m.start()
            ):
                distance += 60
            told = kind
            if kind == "agreement" and _ATTEMPT.search(clause, max(0, m.start() - 30), m.start()):
                told = "meeting"  # "spent hours in an attempt to sign a deal": talks
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, told)
    return best[2] if best else "other"


# An attempt at a deal is talks, not the deal ("met in a bid to reach a truce").
_ATTEMPT = re.compile(
    r"\b(?:attempts?|bid|efforts?|trying|tried|try)\s+to\s+(?:\w+\s+){0,2}\Z", re.IGNORECASE
)


# What reported speech opens with: "that ...", or a short subject and an auxiliary ("it
# would", "the deal did not").
_COMPLEMENT = re.compile(
    rf"\s*,?\s*(?:(?:\S+\s+){{0,3}}?(?:that|if|whether)\b|(?:[\w'\u2019-]+\s+){{1,3}}{AUXILIARY})",
    re.IGNORECASE,
)
_ADDRESSEE_WORDS = 4
_SUBJECT_WORDS = 12


def _reported_speech(clause: str, start: int, end: int) -> str | None:
    """ "statement" (or "meeting", said to a counterpart) when the date at [start, end) dates a
    speech verb of the clause that introduces reported speech; None otherwise."""
    for verb in SPEECH.finditer(clause):
        if verb.end() <= start:
            # "said last month it would ...", "assured his counterpart on Thursday that ..."
            between, complement_at = clause[verb.end() : start], end
            if len(between.split()) > _ADDRESSEE_WORDS:
                continue
        elif verb.start() >= end:
            # "Last month, the UN envoy said that ..."
            between, complement_at = clause[end : verb.start()], verb.end()
            if len(between.split()) > _SUBJECT_WORDS:
                continue
        else:
            continue
        if _has_trigger(between) or not _COMPLEMENT.match(clause, complement_at):
            continue
        addressed = clause[verb.end() : max(complement_at, verb.end())]
        return "meeting" if re.search(r"\bcounterparts?\b", addressed, re.I) else "statement"
    return None


def _has_trigger(text: str) -> bool:
    return any(pattern.search(text) for kind, pattern in TRIGGER_RE.items() if kind != "statement")


# A warning or a claim about what would or will happen: the words are the news, not the thing.
_HYPOTHETICAL = re.compile(
    r"\A(?:[\w.'\u2019-]+\s+){1,8}?(?:said|says|warned|warns|stated|insisted|stressed|"
    r"asserted|affirmed)\s+(?:that\s+)?(?:(?!(?:had|has|have|was|were)\b)(?:[^,;.]|\.(?=\S))){0,200}?"
    r"\b(?:would|will|could|might|must|should|can)\b",
    re.IGNORECASE,
)


def lead_type(clause: str) -> str:
    """The kind of an undated news lead: a statement when its speaker says what would or will
    happen ("X warned that any attack would ..."); else the first trigger in order of weight,
    else a statement."""
    if _HYPOTHETICAL.match(clause):
        return "statement"
    for kind in ("withdrawal", "agreement", "meeting", "election", "military", "report"):
        if TRIGGER_RE[kind].search(clause):
            return kind if kind != "withdrawal" or "agree" not in clause.lower() else "agreement"
    return "statement"
