"""Scores an extracted timeline against the gold reading (`tests/gold/seed-gold.yaml`).

Pure functions over plain dicts, so that the same scorer judges the extraction in memory and
the timeline read back from PostgreSQL. Articles are named by their number prefix ("000").

Rules (from the gold file's header):
- event date: a plain gold date must equal the extracted [date_start, date_end]; with
  `accept: range`, an interval inside the gold range counts; for a plain day with
  `accept: range`, an interval containing that day and at most 8 days wide counts half;
- an event needs one of its gold actors, a mention from every article under `sources` whose
  quote overlaps the gold evidence, and no event of its own from the articles under `also`;
- an extracted event matching no gold event (one to one) is spurious.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from api.settings import PROJECT_ROOT
from seed.extract.types import Timeline

Interval = tuple[date, date]


@dataclass
class EventResult:
    key: str
    found: bool
    credit: float
    problems: list[str] = field(default_factory=list)
    # The extracted event's type when it differs from the gold type (None: same, or not found).
    wrong_type: str | None = None


@dataclass
class Score:
    events: list[EventResult]
    spurious: list[dict[str, Any]]
    extracted: int
    pledge_problems: dict[str, list[str]]
    actor_problems: dict[str, list[str]]
    source_problems: dict[str, list[str]]
    caption_events: list[dict[str, Any]]

    @property
    def recall(self) -> float:
        must = [e for e in self.events if e.key in self._must]
        return sum(e.credit for e in must) / len(must) if must else 1.0

    @property
    def precision(self) -> float:
        if not self.extracted:
            return 0.0
        return (self.extracted - len(self.spurious)) / self.extracted

    _must: set[str] = field(default_factory=set)


def prefix(file_name: str) -> str:
    return file_name[:3]


def gold_interval(value: str) -> Interval:
    if ".." in value:
        start, end = value.split("..")
        return gold_interval(start)[0], gold_interval(end)[1]
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        following = date(year + (month == 12), month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def date_credit(gold: dict[str, Any], start: date, end: date) -> float:
    g_start, g_end = gold_interval(str(gold["date"]))
    if (start, end) == (g_start, g_end):
        return 1.0
    if gold.get("accept") == "range":
        if g_start == g_end:
            return 0.5 if start <= g_start <= end and (end - start).days <= 8 else 0.0
        return 1.0 if g_start <= start and end <= g_end else 0.0
    return 0.0


def _locate(texts: dict[str, str], article: str, evidence: str) -> tuple[int, int] | None:
    text = texts[article]
    variants = [evidence, evidence.replace('"', "\u201d"), evidence.replace("'", "\u2019")]
    for variant in variants:
        at = text.find(variant)
        if at >= 0:
            return at, at + len(variant)
    return None


def _overlaps(mention: dict[str, Any], span: tuple[int, int]) -> bool:
    return int(mention["char_start"]) < span[1] and span[0] < int(mention["char_end"])


def _event_fits(gold: dict[str, Any], event: dict[str, Any]) -> float:
    credit = date_credit(gold, event["date_start"], event["date_end"])
    if not credit:
        return 0.0
    wanted = set(gold.get("actors") or [])
    if wanted and not wanted & set(event["actors"]):
        return 0.0
    articles = set(gold.get("sources", {})) | set(gold.get("also", []))
    if not {prefix(m["file_name"]) for m in event["mentions"]} & articles:
        return 0.0
    return credit


def score(
    gold: dict[str, Any],
    *,
    events: list[dict[str, Any]],
    pledges: list[dict[str, Any]],
    actors: list[dict[str, Any]],
    sources: list[dict[str, Any]],
    texts: dict[str, str],
) -> Score:
    gold_events = list(gold["events"]) + list(gold.get("extra_events", []))
    # One to one: best credit first, so a duplicate of a matched event stays spurious.
    pairs = sorted(
        (
            (-_event_fits(g, e), gi, ei)
            for gi, g in enumerate(gold_events)
            for ei, e in enumerate(events)
            if _event_fits(g, e)
        ),
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, ei in pairs:
        if gi not in matched and ei not in used:
            matched[gi] = ei
            used.add(ei)
    results: list[EventResult] = []
    for gi, g in enumerate(gold["events"]):
        if gi not in matched:
            results.append(EventResult(g["key"], False, 0.0, ["no extracted event fits"]))
            continue
        event = events[matched[gi]]
        problems = []
        for article, evidence in g.get("sources", {}).items():
            span = _locate(texts, article, evidence)
            if span is None:
                problems.append(f"gold evidence not found in {article}")
                continue
            if not any(
                prefix(m["file_name"]) == article and _overlaps(m, span) for m in event["mentions"]
            ):
                problems.append(f"no mention from {article} overlapping the gold quote")
        for article in g.get("also", []):
            merged = any(prefix(m["file_name"]) == article for m in event["mentions"])
            separate = [
                e
                for ei, e in enumerate(events)
                if ei not in used
                and any(prefix(m["file_name"]) == article for m in e["mentions"])
                and date_credit(
                    {"date": g["date"], "accept": "range"}, e["date_start"], e["date_end"]
                )
            ]
            if not merged and separate:
                problems.append(f"{article} produced an event of its own")
        credit = date_credit(g, event["date_start"], event["date_end"]) if not problems else 0.0
        wrong_type = event["type"] if event["type"] != g["type"] else None
        results.append(EventResult(g["key"], not problems, credit, problems, wrong_type))

    spurious = [e for ei, e in enumerate(events) if ei not in used]
    result = Score(
        events=results,
        spurious=spurious,
        extracted=len(events),
        pledge_problems=_score_pledges(gold, pledges, texts),
        actor_problems=_score_actors(gold, actors),
        source_problems=_score_sources(gold, sources),
        caption_events=_caption_events(gold, events, texts),
    )
    result._must = {g["key"] for g in gold["events"] if g.get("must")}
    return result


def _score_pledges(
    gold: dict[str, Any], pledges: list[dict[str, Any]], texts: dict[str, str]
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for g in gold.get("pledges", []):
        if not g.get("must"):
            continue
        made_start, made_end = gold_interval(str(g["made"]))
        best: list[str] | None = None
        for p in pledges:
            issues = []
            if not set(g["by"]) & set(p["actors"]):
                issues.append("no gold actor")
            if not (made_start <= p["made_start"] and p["made_end"] <= made_end):
                issues.append(f"made {p['made_start']}..{p['made_end']} outside {g['made']}")
            if "quantity" in g and p.get("quantity") != g["quantity"]:
                issues.append(f"quantity {p.get('quantity')} != {g['quantity']}")
            for article, evidence in g.get("sources", {}).items():
                span = _locate(texts, article, evidence)
                if span is None or not any(
                    prefix(m["file_name"]) == article and _overlaps(m, span) for m in p["mentions"]
                ):
                    issues.append(f"no mention from {article} overlapping the gold quote")
            if best is None or len(issues) < len(best):
                best = issues
        if best:
            problems[g["key"]] = best
        elif best is None:
            problems[g["key"]] = ["no pledges extracted"]
    return problems


def _score_actors(gold: dict[str, Any], actors: list[dict[str, Any]]) -> dict[str, list[str]]:
    by_name = {a["name"]: a for a in actors}
    problems: dict[str, list[str]] = {}
    for name, spec in gold.get("actors", {}).items():
        actor = by_name.get(name)
        if actor is None:
            problems[name] = ["missing"]
            continue
        issues = []
        if actor["type"] != spec["type"]:
            issues.append(f"type {actor['type']} != {spec['type']}")
        known = {a.casefold() for a in actor["aliases"]} | {name.casefold()}
        missing = [a for a in spec.get("aliases", []) if a.casefold() not in known]
        if missing:
            issues.append(f"aliases missing: {missing}")
        if issues:
            problems[name] = issues
    return problems


def _score_sources(gold: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, list[str]]:
    by_prefix = {prefix(s["file_name"]): s for s in sources}
    problems: dict[str, list[str]] = {}
    for article, spec in gold.get("sources", {}).items():
        source = by_prefix.get(article)
        if source is None:
            problems[article] = ["missing"]
            continue
        start, end = source["published_start"], source["published_end"]
        if spec.get("published"):
            day = gold_interval(str(spec["published"]))[0]
            if (start, end) != (day, day):
                problems[article] = [f"published {start}..{end} != {day}"]
        else:
            low, high = (gold_interval(str(v))[0] for v in spec["true_interval"])
            if not (low <= start and end <= high):
                problems[article] = [f"inferred {start}..{end} not within {low}..{high}"]
    return problems


def _caption_events(
    gold: dict[str, Any], events: list[dict[str, Any]], texts: dict[str, str]
) -> list[dict[str, Any]]:
    found = []
    for item in gold.get("not_events", []):
        span = _locate(texts, item["source"], item["text"])
        assert span is not None, f"not_events text not in {item['source']}"
        for e in events:
            if any(
                prefix(m["file_name"]) == item["source"] and _overlaps(m, span)
                for m in e["mentions"]
            ):
                found.append(e)
    return found


def report(result: Score) -> str:
    lines = [
        f"recall (must events) {result.recall:.3f}   precision {result.precision:.3f}   "
        f"extracted {result.extracted}   spurious {len(result.spurious)}"
    ]
    for e in result.events:
        if not e.found or e.credit < 1:
            lines.append(f"  {e.key}: credit {e.credit} {e.problems}")
        if e.wrong_type:
            lines.append(f"  {e.key}: typed {e.wrong_type}")
    for s in result.spurious:
        lines.append(f"  spurious: {s['date_start']}..{s['date_end']} {s.get('title', '')[:70]}")
    return "\n".join(lines)


GOLD = PROJECT_ROOT / "tests" / "gold" / "seed-gold.yaml"
CORPUS = PROJECT_ROOT / "seed" / "corpus"


def load_gold() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(GOLD.read_text("utf-8"))
    return data


def corpus_texts() -> dict[str, str]:
    return {prefix(p.name): p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))}


def timeline_as_dicts(timeline: Timeline) -> dict[str, list[dict[str, Any]]]:
    names = {a.key: a.name for a in timeline.actors}

    def mentions(items: Any) -> list[dict[str, Any]]:
        return [
            {
                "file_name": m.file_name,
                "quote": m.quote.text,
                "char_start": m.quote.char_start,
                "char_end": m.quote.char_end,
            }
            for m in items
        ]

    return {
        "events": [
            {
                "title": e.title,
                "date_start": e.date.start,
                "date_end": e.date.end,
                "type": e.type,
                "actors": [names[a.actor_key] for a in e.actors],
                "mentions": mentions(e.mentions),
            }
            for e in timeline.events
        ],
        "pledges": [
            {
                "made_start": p.made.start,
                "made_end": p.made.end,
                "quantity": p.quantity,
                "actors": [names[a.actor_key] for a in p.actors],
                "mentions": mentions(p.mentions),
            }
            for p in timeline.pledges
        ],
        "actors": [
            {"name": a.name, "type": a.type, "aliases": list(a.aliases)} for a in timeline.actors
        ],
        "sources": [
            {
                "file_name": s.file_name,
                "published_start": s.publication.interval.start,
                "published_end": s.publication.interval.end,
            }
            for s in timeline.sources
        ],
    }


def assert_meets_the_bars(result: Score) -> None:
    print(report(result))
    must = {g for g in result._must}
    missed = {e.key: e.problems for e in result.events if e.key in must and not e.found}
    assert missed == {}
    assert {e.key: e.wrong_type for e in result.events if e.wrong_type} == {}
    assert result.precision >= 0.8
    assert result.pledge_problems == {}
    assert result.actor_problems == {}
    assert result.source_problems == {}
    assert result.caption_events == []
