"""Request-body and response examples of the write routes (OpenAPI), on the sample corpus.

Ids are the corpus's own (deterministic, see `api.openapi_docs`), so "Try it out" on a fresh
installation edits real rows; `tests/api/test_openapi_examples.py` sends every request-body
example and expects the status the example documents. Article texts here are written for the
examples, not taken from any article.
"""

from __future__ import annotations

from typing import Any

from api.openapi_docs import EVENT_ID, PLEDGE_ID

HAFTAR_ID = "04d9465e-ff28-57f2-872b-bd47f04ae729"  # khalifa-haftar
LNA_ID = "39b4f1f3-cc4b-54d0-b762-bb73a5f6ff7b"  # libyan-national-army

Examples = dict[str, dict[str, Any]]


def json_example(value: Any) -> dict[str, Any]:
    """A `responses=` content entry holding one JSON response example."""
    return {"content": {"application/json": {"example": value}}}


EVENT_PATCH: Examples = {
    "title": {
        "summary": "Retitle the JMC meeting in Geneva",
        "value": {"title": "Joint Military Commission meets in Geneva on a withdrawal plan"},
    },
    "dates": {
        "summary": "Narrow its dates to the day of the meeting",
        "value": {"date_start": "2021-09-29", "date_end": "2021-09-29", "date_precision": "day"},
    },
}
EDITED_EVENT = {
    "id": EVENT_ID,
    "title": "Joint Military Commission meets in Geneva on a withdrawal plan",
    "summary": "Libya's Joint Military Commission held a meeting in Geneva Wednesday to discuss "
    "devising a comprehensive action plan for the withdrawal of mercenaries, foreign forces "
    "and foreign fighters from the country.",
    "type": "meeting",
    "date_start": "2021-09-29",
    "date_end": "2021-10-06",
    "date_precision": "range",
    "location": "Geneva",
    "edited_fields": ["title"],
    "version": 2,
}

PLEDGE_PATCH: Examples = {
    "deadline": {
        "summary": "Set the withdrawal deadline to the day it fell due",
        "value": {
            "deadline_start": "2021-01-23",
            "deadline_end": "2021-01-23",
            "deadline_precision": "day",
        },
    },
    "status": {
        "summary": "Rate it, citing the event that shows it",
        "value": {
            "status": "in_the_works",
            "status_reason": "The Joint Military Commission met in Geneva to plan the withdrawal.",
            "evidence_event_id": EVENT_ID,
        },
    },
}
EDITED_PLEDGE = {
    "id": PLEDGE_ID,
    "text": "The cease-fire agreement called for all foreign mercenaries to be withdrawn within "
    "three months of its being signed a year ago",
    "status": "broken",
    "status_reason": "the deadline (2021-01-01..2021-01-31) passed before 2021-11-11 without a "
    "reported completion; 1 later report(s) of partial movement",
    "deadline_start": "2021-01-23",
    "deadline_end": "2021-01-23",
    "deadline_precision": "day",
    "quantity": None,
    "unit": None,
    "edited_fields": ["deadline_end", "deadline_precision", "deadline_start"],
    "version": 2,
}

ACTOR_MERGE: Examples = {
    "into_haftar": {
        "summary": "Fold a duplicate into Khalifa Haftar",
        "description": "Every actor of the sample corpus is curated, so there this answers 409: "
        "only an actor the ingestion discovered can be merged.",
        "value": {"into": HAFTAR_ID},
        # The status this example gets on the sample corpus (the examples test checks it).
        "x-status": 409,
    }
}
MERGED_ACTOR = {
    "id": "6f1d2c3b-8a4e-5f60-9b7c-0d1e2f3a4b5c",
    "merged_into_id": HAFTAR_ID,
    "moved": {"event_links": 3, "pledge_links": 1, "aliases": 2},
}

KEY_CREATE: Examples = {
    "importer": {
        "summary": "A key for a script that submits articles",
        "value": {"name": "newsroom importer", "scopes": ["write"]},
    }
}
CREATED_KEY = {
    "id": "5b0f9c1e-2d7a-4c3b-9e8f-1a2b3c4d5e6f",
    "name": "newsroom importer",
    "prefix": "3f9a1c2b",
    "scopes": ["write"],
    "created_at": "2026-11-30T12:00:00.123456Z",
    "revoked_at": None,
    "key": "lct_3f9a1c2b_q2VnX1bO3hYw7mZ0tR4uK8sD6fJ9aL5cE1gH3iP2kMn",
}

_ARTICLE = (
    "Joint Military Commission agrees on monitors\n\n"
    "TRIPOLI, Oct 8, 2021 - The 5+5 Joint Military Commission agreed on Friday to deploy "
    "international monitors along the Sirte-Jufra front line, its members said after a "
    "two-day meeting in Geneva. The commission said the first foreign fighters would leave "
    "Libya within weeks.\n"
)
SOURCE_BODY: dict[str, Examples] = {
    "text/plain": {"article": {"summary": "An article as plain text", "value": _ARTICLE}},
    "application/json": {
        "article": {
            "summary": "An article with its metadata",
            "value": {
                "text": _ARTICLE,
                "published": "2021-10-08",
                "title": "Joint Military Commission agrees on monitors",
                "publisher": "Example Wire",
                "url": "https://news.example.org/2021/10/08/jmc-monitors",
                "file_name": "example-jmc-monitors.txt",
            },
        }
    },
}
INGESTED_SOURCE = {
    "created": True,
    "source": {
        "id": "04c852bf-035e-5d5d-b427-9f542d9329ca",
        "slug": "example-jmc-monitors",
        "title": "Joint Military Commission agrees on monitors",
        "publisher": "Example Wire",
        "url": "https://news.example.org/2021/10/08/jmc-monitors",
        "published_start": "2021-10-08",
        "published_end": "2021-10-08",
        "published_precision": "day",
        "published_explicit": True,
    },
    "events": [
        {
            "id": "be059163-c41c-54e3-8bf5-12ef9e87a147",
            "title": "The 5+5 Joint Military Commission agreed on Friday to deploy international "
            "monitors along the Sirte-Jufra front...",
        }
    ],
    "pledges": [
        {
            "id": "6717cde0-b6ac-5df6-9ae1-ea5257101f95",
            "text": "The commission said the first foreign fighters would leave Libya within weeks",
        }
    ],
}

__all__ = [
    "ACTOR_MERGE",
    "CREATED_KEY",
    "EDITED_EVENT",
    "EDITED_PLEDGE",
    "EVENT_PATCH",
    "INGESTED_SOURCE",
    "KEY_CREATE",
    "LNA_ID",
    "MERGED_ACTOR",
    "PLEDGE_PATCH",
    "SOURCE_BODY",
    "json_example",
]
