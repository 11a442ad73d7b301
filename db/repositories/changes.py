"""Change notification: writers announce that timeline data changed, readers drop caches.

`NOTIFY` is transactional: PostgreSQL delivers it only when the writer's transaction commits,
and not at all when it rolls back, so caches are never cleared for a change that did not happen
(nor kept after one that did).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

CHANNEL = "timeline_changed"


async def notify_change(session: AsyncSession) -> None:
    """Announce, on commit of the session's transaction, that timeline data changed."""
    await session.execute(text(f"NOTIFY {CHANNEL}"))
