"""Event types against a gold reading (a script, not a test): the confusion table and each miss.

    python -m bench.type_confusion SCORES.json [--gold GOLD.yaml] [--misses]

SCORES.json is the dev-set scorer's `--out` file; its rows pair each gold event with the API
event it was matched to. The table counts gold type (rows) against API type (columns); with
`--misses` (and `--gold` for the evidence sentence) every wrongly typed event is listed.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml


def confusion(rows: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    table: Counter[tuple[str, str]] = Counter()
    for row in rows:
        event = row.get("event")
        if row.get("gold_type") and event:
            table[(row["gold_type"], event["type"])] += 1
    return table


def evidence_by_key(gold_path: Path) -> dict[str, str]:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for article in gold["articles"]:
        number = Path(article["file"]).name.split("_", 1)[0]
        for event in article.get("events", []):
            found[f"{number}:{event['id']}"] = event.get("evidence", "")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scores", type=Path)
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    rows = json.loads(args.scores.read_text(encoding="utf-8"))["events"]["rows"]
    table = confusion(rows)
    types = sorted({t for pair in table for t in pair})
    width = max(len(t) for t in types) + 1
    print("gold \\ api".ljust(width) + "".join(t[:9].rjust(10) for t in types))
    for gold in types:
        cells = "".join(str(table[(gold, api)] or ".").rjust(10) for api in types)
        print(gold.ljust(width) + cells)
    right = sum(n for (g, a), n in table.items() if g == a)
    print(f"right {right}/{sum(table.values())}")
    if args.misses:
        evidence = evidence_by_key(args.gold) if args.gold else {}
        for row in rows:
            event = row.get("event")
            if event and row.get("gold_type") and row["gold_type"] != event["type"]:
                print(f"{row['key']:8} gold {row['gold_type']:10} api {event['type']:10}")
                print(f"    gold: {evidence.get(row['key'], '')[:200]}")
                print(f"    api:  {event['title'][:200]}")


if __name__ == "__main__":
    main()
