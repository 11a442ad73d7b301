from __future__ import annotations

import uuid

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, TimestampMixin, new_id
from db.models.vocab import ACTOR_TYPES, RELATIONS, check_in


class Actor(TimestampMixin, Base):
    """A person, state, armed group, government or organisation.

    `discovered` actors were found in text, not curated; `merged_into_id` points at the curated
    actor an editor folded a duplicate into (the duplicate stays for the audit trail).
    """

    __tablename__ = "actors"
    __table_args__ = (
        UniqueConstraint("key"),
        CheckConstraint(check_in("type", ACTOR_TYPES), name="type"),
        Index(None, "name"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    key: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    discovered: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL")
    )

    aliases: Mapped[list[ActorAlias]] = relationship(
        back_populates="actor", lazy="raise", cascade="all, delete-orphan"
    )


class ActorAlias(Base):
    """A surface form of an actor; `alias_norm` (casefolded, accents and punctuation folded) is
    what `?actor=` lookups match."""

    __tablename__ = "actor_aliases"
    __table_args__ = (
        UniqueConstraint("actor_id", "alias"),
        Index(None, "alias_norm"),
        # Trigrams for the fuzzy fallback of actor lookup (similarity) and for substring LIKE.
        Index(
            "ix_actor_aliases_alias_norm_trgm",
            "alias_norm",
            postgresql_using="gin",
            postgresql_ops={"alias_norm": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    actor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    alias_norm: Mapped[str] = mapped_column(String(300))

    actor: Mapped[Actor] = relationship(back_populates="aliases", lazy="raise")


class ActorRelation(Base):
    __tablename__ = "actor_relations"
    __table_args__ = (
        UniqueConstraint("subject_id", "relation", "object_id"),
        CheckConstraint(check_in("relation", RELATIONS), name="relation"),
        Index(None, "object_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    subject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    relation: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
