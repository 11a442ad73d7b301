from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from api.schemas.common import ActorRef


class ActorItem(ActorRef):
    type: str = Field(examples=["person"])
    description: str | None
    discovered: bool
    merged_into_id: uuid.UUID | None
    aliases: list[str] = Field(examples=[["Hifter", "Khalifa Haftar"]])
    score: float | None = Field(
        default=None,
        description="Only on near matches of `q`: similarity to the query, 0..1.",
        examples=[0.72],
    )


class ActorPage(BaseModel):
    items: list[ActorItem]
    next: str | None


class ActorRelationOut(BaseModel):
    direction: str = Field(description="outgoing: this actor is the subject", examples=["outgoing"])
    relation: str = Field(examples=["leads"])
    actor: ActorRef


class ActorDetail(ActorItem):
    relations: list[ActorRelationOut]
    event_count: int
    pledge_count: int
