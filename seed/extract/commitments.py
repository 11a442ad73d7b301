"""Whether a sentence commits someone to something, and where its committing subject is.

A commitment is a future, intention, readiness or obligation verb, an agreement or signature,
or an explicit promise, whose subject is an actor (or the parties of an agreement). Demands on
others ("called on X to", "must leave") are not commitments, and neither are questions.
The reader is pure text: which actors the subject names is decided by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Nouns of written agreements: what one signs, and what can "call for" its parties' acts.
AGREEMENT_NOUNS = (
    r"(?:agreement|deal|accord|memorand(?:um|a)|ceasefire|cease-fire|truce|treaty|protocol|"
    r"road\s?map|declaration|pact|charter|action\s+plan|plan|understanding|communiqu[e\u00e9])"
)
_PROMISE = (
    # "regardless of pledges to the contrary", "its promises": nouns, not someone promising
    r"(?<!\bof\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)"
    r"(?<!\bsuch\s)(?<!\bthese\s)(?<!\bthose\s)(?<!\bmade\s)"
    r"\b(?:pledged|pledges?|promised|promises?|vowed|vows?|committed\s+(?:itself\s+|themselves\s+|"
    r"himself\s+|herself\s+)?to|commits?\s+(?:itself\s+|themselves\s+)?to|undert(?:ook|akes?)\s+to|"
    r"swore|swears?|sworn\s+to|guaranteed|guarantees?)\b"
)
_AGREED = (
    r"\b(?:agreed|agrees?)\b(?=\s+(?:[\w,-]+\s+){0,3}?(?:on|to|that|upon)\b|\s+(?:a|an|the)\s)|"
    r"\breached\s+(?:an?\s+)?agreement\b|"
    r"\b(?:prepared|drew\s+up|drafted|adopted|approved|endorsed)\s+(?:a|an|the|its|their)\s+"
    r"(?:[\w-]+\s+)?(?:action\s+)?plan\b"
)
_SIGNED = (
    rf"\b(?:signed|inked|initialled|initialed|sign|signs)\b(?=[^.;]{{0,80}}\b{AGREEMENT_NOUNS})"
)
# "signed by X", "the move, announced in November by X": the agent made the commitment. Only
# of a commitment ("the deal, signed by X"): a law signed or candidates proposed by someone
# commit nobody.
_COMMITTED_THING = re.compile(
    rf"\b(?:{AGREEMENT_NOUNS}|move|proposal|offer|initiative|pledge|promise|commitment|"
    r"withdrawal|decision)s?\b[^.;]{0,80}\Z",
    re.IGNORECASE,
)
_SIGNED_BY = (
    r"\b(?:signed|inked|endorsed|(?:initially\s+|first\s+)?(?:announced|proposed|offered))"
    r"\s+(?:(?:in|on|last|this|early|late)\s+[\w-]+\s+){0,2}by\b"
)
_READY = (
    r"\b(?:is|are|was|were|be|stands?|stood|remains?|remained|declared\s+(?:itself|themselves))"
    r"\s+(?:fully\s+)?(?:ready|prepared|willing)\s+to\b"
)
_INTENT = (
    # "plans to" is a verb; "the plan to the council" is not
    r"(?<!the\s)(?<!a\s)(?<!an\s)(?<!its\s)(?<!their\s)(?<!his\s)(?<!her\s)(?<!action\s)"
    r"\b(?:plans?|planned|intends?|intended|(?:its|their|his|her|the)\s+intention|aims?|"
    r"decided|decides|is\s+determined|are\s+determined|offered|offers?)\s+to\s+(?=[a-z])|"
    r"\boffer(?:s|ed)?\s+(?:his|her|its|their)\b"
)
_ASSURED = (
    r"\bassur\w*\s+(?:[\w-]+\s+){0,4}?of\s+(?:their|its|his|her|our)\s+(?:full\s+)?"
    r"(?:support|cooperation|backing|commitment)"
)
# Backing someone else's withdrawal is a stance one can be held to ("Moscow supports the ...").
_SUPPORTS = r"\bsupports?\s+(?:the\s+|a\s+)?(?:withdrawal|departure|exit|removal|pull-?out)\b"
_CONTINUES = r"\bcontinues?\s+(?:its|their|his|her)\s+(?:efforts?|endeavou?rs?|work)\b"
# "will", "shall", "would" (reported), "is to": a future act of the subject.
_FUTURE = (
    r"\b(?P<aux>will|shall|would|(?:is|are|was|were)\s+to|(?:am|is|are|'re)\s+going\s+to)\s+"
    r"(?:not\s+|also\s+|now\s+|soon\s+|"
    r"then\s+|immediately\s+|jointly\s+|gradually\s+|(?:continue|begin|start)\s+to\s+)*"
    r"(?P<verb>[a-z]+)\b"
)
# An agreement that "calls for" an act binds its signatories (a clause reported later).
_CLAUSE = (
    rf"\b{AGREEMENT_NOUNS}\b[^.;]{{0,80}}?\b(?:called|calls|call|provided|provides|stipulated|"
    r"stipulates|required|requires|set\s+out|sets\s+out)\s+(?:for\b|that\b)?"
)
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("promise", _PROMISE),
        ("agreed", _AGREED),
        ("signed_by", _SIGNED_BY),
        ("signed", _SIGNED),
        ("ready", _READY),
        ("intention", _INTENT),
        ("assured", _ASSURED),
        ("continues", _CONTINUES),
        ("supports", _SUPPORTS),
        ("clause", _CLAUSE),
        ("future", _FUTURE),
    )
)
# Verbs after "will" that describe circumstances or predictions, not an act one commits to.
_NOT_ACTS = frozenset(
    [
        "be",
        "have",
        "likely",
        "probably",
        "need",
        "depend",
        "mean",
        "happen",
        "become",
        "seem",
        "see",
        "lead",
        "result",
        "cost",
        "face",
        "suffer",
        "lose",
        "find",
        "get",
        # what one comes to think is no act either
        "understand",
        "know",
        "realise",
        "realize",
        "learn",
        "feel",
    ]
)
# A future its speaker only hopes for or expects is a prediction: "he was hopeful that the
# talks will boost ...", "he thinks the council will approve ...".
_BELIEF = re.compile(
    r"\b(?:hop(?:e|es|ed|eful|ing)|thinks?|thought|believ(?:e|es|ed|ing)|expect(?:s|ed|ing)?|"
    r"predict(?:s|ed|ing)?|fear(?:s|ed|ing)?|consider(?:s|ed|ing)?|optimistic|confident|"
    r"doubt(?:s|ed|ful)?)\b(?!\s+in\b)",
    re.IGNORECASE,
)
_BELIEF_REACH = 25
# "will be withdrawn", "shall be accompanied": a passive act is a commitment about the subject.
_PASSIVE_ACT = re.compile(r"\s+be\s+(?:[a-z]+ed|withdrawn|held|sent|given|made|taken)\b", re.I)
# Demands on others and reported demands: the act belongs to someone asked to do it.
_DEMAND = re.compile(
    r"\b(?:call(?:ed|s|ing)?\s+(?:on|upon)|urg(?:ed|es|ing|e)|ask(?:ed|s|ing)?|demand(?:ed|s|ing)?|"
    r"press(?:ed|es|ing)?|appeal(?:ed|s)?\s+to|invit(?:ed|es)|told|requested|must|should|"
    r"needs?\s+to|wants?|wanted)\b",
    re.IGNORECASE,
)
# Reported speech licenses "would": "X said it would ...", "he told reporters they would ...".
_REPORTED = re.compile(
    r"\b(?:said|says|told|announced|stated|added|confirmed|assured|declared|insisted|pledged|"
    r"promised|stressed|affirmed|indicated|noted|explained)\b",
    re.IGNORECASE,
)
# Where a clause opens: the subject of a cue lies between this and the cue.
_CLAUSE_OPEN = re.compile(
    r"(?:^|[;:]\s+|,\s+(?:and|but|while|whereas|although)\s+|\s+(?:that|which|who)\s+|"
    r"\b(?:said|says|told\s+\w+|announced|stated|added|confirmed|declared|insisted|stressed|"
    r"affirmed)\s+|,\s+)",
    re.IGNORECASE,
)
CONDITION = re.compile(
    r"\b(?:as\s+long\s+as|if|unless|provided\s+(?:that\s+)?|on\s+condition\s+that|once|"
    r"so\s+long\s+as|in\s+case)\b",
    re.IGNORECASE,
)
# "both sides will ...": the parties of the agreement the sentence or its event is about.
PARTIES = re.compile(
    r"\b(?:both\s+(?:sides|parties|camps|delegations)|the\s+(?:two|warring|rival)\s+"
    r"(?:[A-Z]\w+\s+)?(?:sides|parties|camps|delegations|factions)|the\s+(?:sides|parties|"
    r"signatories)|all\s+(?:sides|parties|signatories))\b",
    re.IGNORECASE,
)
PRONOUN = re.compile(r"\b(?:it|they|he|she|we|i|its|their|our)\b", re.IGNORECASE)


_NOT_AGREEING = re.compile(
    rf"(?:\b{AGREEMENT_NOUNS}|\bto|\bfailed|\bfails|\b(?:was|were|been|being|is|are))\s+\Z",
    re.IGNORECASE,
)
# "spent hours in an attempt to sign a deal", "trying to sign": no one signed anything.
_ATTEMPT = re.compile(
    r"\b(?:attempts?|attempted|attempting|trying|tried|tries|efforts?|bid|failed|fails|"
    r"refused|refuses|hopes?|hoping)\s+to\s+\Z",
    re.IGNORECASE,
)
# "the committees agreed upon in 2021": the participle names an agreement made before.
_AGREED_UPON = re.compile(r"\s+upon\b(?=\s*(?:[,.;]|in\b|at\b|by\b|during\b|last\b|earlier\b))")
# "Be ready to ...!": an order to the listeners, not a readiness of the speaker.
_IMPERATIVE = re.compile(r"(?:\A|[\"\u201c\u2018:]\s*)\Z")
# A noun where a verb of intention is meant: "a UN plan to restore", "the aim to".
_NOUN_BEFORE = re.compile(
    r"\b(?:a|an|the|its|their|his|her|our)\s+(?:[\w.-]+\s+){0,2}\Z", re.IGNORECASE
)
_SCHEDULED = re.compile(r"\A(?:planned|intended)\b", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+\Z", re.IGNORECASE)
_NOUN_CAPABLE = re.compile(r"\A(?:plans?|aims?|offers?)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:if|unless|whether)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Commitment:
    """A commitment cue in a sentence: its kind, its span and where its subject lies."""

    kind: str
    start: int
    end: int
    # [subject_start, subject_end): the subject of the cue; for "signed by X", the agent.
    subject_start: int
    subject_end: int
    condition: bool


@lru_cache(maxsize=65536)
def find_commitment(sentence: str) -> Commitment | None:
    """The first commitment cue of `sentence` that is not a demand on others, or None.

    Cached (the result is frozen): wire paragraphs recur across articles, and a cue search
    runs a few dozen patterns over the sentence."""
    if sentence.rstrip(" \"'\u201d").endswith("?"):
        return None
    for kind, pattern in _CUES:
        for m in pattern.finditer(sentence):
            if kind == "future" and not _future_act(sentence, m):
                continue
            subject_start = _clause_start(sentence, m.start())
            if kind == "agreed" and (
                _NOT_AGREEING.search(sentence, 0, m.start())
                or _AGREED_UPON.match(sentence, m.end())
            ):
                continue  # "a truce agreed last year", "efforts to agree": nobody agrees here
            if kind in {"agreed", "signed"} and _ATTEMPT.search(sentence, 0, m.start()):
                continue
            if kind == "signed_by" and not _COMMITTED_THING.search(sentence, 0, m.start()):
                continue
            if (
                kind == "ready"
                and m.group(0).lower().startswith("be ")
                and (_IMPERATIVE.search(sentence, 0, m.start()))
            ):
                continue
            if (
                kind == "intention"
                and _SCHEDULED.match(m.group(0))
                and _PASSIVE_BEFORE.search(sentence, 0, m.start())
            ):
                continue  # "the talks, which are planned to last two days": a schedule
            if (
                kind == "intention"
                and _NOUN_CAPABLE.match(m.group(0))
                and _NOUN_BEFORE.search(sentence, 0, m.start())
            ):
                continue
            if kind == "future" and _believed(sentence, subject_start, m.start()):
                continue
            if _HYPOTHETICAL.search(sentence, subject_start, m.start()):
                continue  # "if you agree on a plan": the condition, not a commitment
            # The act of a demand belongs to the one asked; an agent ("signed by X") and an
            # agreement's clause are not asked anything.
            demand = kind not in {"clause", "signed_by"}
            if demand and _DEMAND.search(sentence, subject_start, m.start()):
                continue
            if kind == "signed_by":
                s_start, s_end = m.end(), _agent_end(sentence, m.end())
            else:
                s_start, s_end = subject_start, m.start()
            condition = CONDITION.search(sentence, m.end()) is not None or (
                CONDITION.search(sentence, 0, m.start()) is not None
            )
            return Commitment(kind, m.start(), m.end(), s_start, s_end, condition)
    return None


def _believed(sentence: str, subject_start: int, cue_start: int) -> bool:
    """Whether the clause of a future is what someone hopes, thinks or expects: a belief word
    in its subject or just before it, or governing the "that" clause the future is in."""
    if _BELIEF.search(sentence, max(0, subject_start - _BELIEF_REACH), cue_start):
        return True
    that = next(reversed(list(re.finditer(r"\bthat\b", sentence[:cue_start]))), None)
    return that is not None and bool(
        _BELIEF.search(sentence, max(0, that.start() - _BELIEF_REACH), that.start())
    )


def _future_act(sentence: str, m: re.Match[str]) -> bool:
    verb = m.group("verb").lower()
    if verb == "be":
        return _PASSIVE_ACT.match(sentence, m.start("verb") - 1) is not None
    if verb in _NOT_ACTS:
        return False
    if m.group("aux").lower() == "would":
        # "would" is a commitment only as reported speech (or the parties' own words); "...,
        # which would end the search" is a consequence someone foresees.
        before = sentence[: m.start()]
        if re.search(r"\bwhich\s+\Z", before, re.IGNORECASE):
            return False
        return _REPORTED.search(before) is not None or PARTIES.search(before) is not None
    return True


def _clause_start(sentence: str, position: int) -> int:
    start = 0
    for m in _CLAUSE_OPEN.finditer(sentence, 0, position):
        if m.end() <= position:
            start = m.end()
    return start


def _agent_end(sentence: str, start: int) -> int:
    stop = re.compile(r"[,;.]|\s+(?:and|on|in|at|after|before|while)\s+(?=[a-z])")
    m = stop.search(sentence, start)
    return m.start() if m else len(sentence)
