"""ORM models; importing this package registers every table on `Base.metadata`."""

from db.models.actor import Actor, ActorAlias, ActorRelation
from db.models.base import Base
from db.models.change import ChangeLogEntry
from db.models.event import Event, EventActor
from db.models.extraction import EventBlock, MemberReading, SourceExtraction, SourceSketch
from db.models.job import IngestionJob
from db.models.mention import Mention
from db.models.operations import ApiKey, AuditEntry, IngestionLog
from db.models.pledge import Pledge, PledgeActor, PledgeEvidence
from db.models.source import Source

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorRelation",
    "ApiKey",
    "AuditEntry",
    "Base",
    "ChangeLogEntry",
    "Event",
    "EventActor",
    "EventBlock",
    "IngestionJob",
    "IngestionLog",
    "MemberReading",
    "Mention",
    "Pledge",
    "PledgeActor",
    "PledgeEvidence",
    "Source",
    "SourceExtraction",
    "SourceSketch",
]
