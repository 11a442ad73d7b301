from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class Change(BaseModel):
    entity: Literal["event", "pledge", "actor", "source"]
    id: uuid.UUID
    change: Literal["created", "updated", "deleted"] = Field(examples=["updated"])
    version: int = Field(description="The entity's version after the change.", examples=[2])
    at: datetime


class ChangePage(BaseModel):
    items: list[Change]
    next: str | None = Field(description="The next page while more changes are settled.")
    since: str | None = Field(
        description="Pass as `since=` to get only what changes after this page "
        "(null only when the feed is empty)."
    )
