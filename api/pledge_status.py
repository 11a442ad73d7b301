"""A pledge's status as the sources published by a day told it (`/pledges?as_of=`).

The rule is ingestion's own (`seed.link.pledge_status.status_of`), fed with what was reported by
then: withdrawals mentioned in sources published by `as_of`, and the deadline compared with
`as_of`. A status an editor set stands from the day its evidence was reported.
"""

from __future__ import annotations

import uuid
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import pledges as repo
from seed.extract.registry import load_registry
from seed.extract.types import DateInterval
from seed.link.pledge_status import status_of


@lru_cache(maxsize=1)
def _default_actor() -> str | None:
    # The country itself is party to everything: it links no withdrawal to a pledge.
    return load_registry().default_actor


async def rate_as_of(session: AsyncSession, items: list[dict[str, Any]], as_of: date) -> None:
    """Replace each item's `status` and `status_reason` by those known on `as_of`."""
    ids: list[uuid.UUID] = [i["id"] for i in items]
    withdrawals, editor_rated = await repo.status_inputs(session, pledge_ids=ids, as_of=as_of)
    everyone = {_default_actor()}
    reported = [
        (DateInterval(w["start"], w["end"], w["precision"]), w["actors"] - everyone, w["summary"])
        for w in withdrawals
    ]
    for item in items:
        if item["id"] in editor_rated:
            continue
        made = DateInterval(item["made_start"], item["made_end"], item["made_precision"])
        deadline = None
        if item["deadline_start"] is not None:
            deadline = DateInterval(
                item["deadline_start"], item["deadline_end"], item["deadline_precision"]
            )
        pledgers = {a["key"] for a in item["actors"] if a["role"] == "pledger"} - everyone
        item["status"], item["status_reason"] = status_of(made, deadline, pledgers, reported, as_of)
