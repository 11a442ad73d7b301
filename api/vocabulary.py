"""The closed vocabularies a client may filter on, and the 422 for a value outside them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import WithJsonSchema

from api.errors import InvalidParameters
from db.models.vocab import (
    ACTOR_ROLES,
    ACTOR_TYPES,
    CHANGE_KINDS,
    DATE_PRECISIONS,
    EVENT_TYPES,
    LOCATION_PRECISIONS,
    PLEDGE_STATUSES,
)

VOCABULARY: dict[str, tuple[str, ...]] = {
    "event_types": EVENT_TYPES,
    "date_precisions": DATE_PRECISIONS,
    "location_precisions": LOCATION_PRECISIONS,
    "actor_roles": ACTOR_ROLES,
    "actor_types": ACTOR_TYPES,
    "pledge_statuses": PLEDGE_STATUSES,
    "change_kinds": CHANGE_KINDS,
}


# Query values documented as one of a vocabulary: the OpenAPI schema lists the allowed values
# (what a client, or a generated one, may send), while the value is still read as a string so
# that `require_known` answers an unknown one with the 422 that names the allowed values.
def _one_of(allowed: tuple[str, ...]) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": list(allowed)})


EventTypeParam = Annotated[str, _one_of(EVENT_TYPES)]
ActorRoleParam = Annotated[str, _one_of(ACTOR_ROLES)]
PledgeStatusParam = Annotated[str, _one_of(PLEDGE_STATUSES)]


def require_known(checks: Iterable[tuple[str, Iterable[str], tuple[str, ...]]]) -> None:
    """422 naming every (parameter, values, allowed) whose values are not all allowed.

    An unknown value would otherwise filter everything out and answer a misleading empty list.
    """
    problems: list[dict[str, Any]] = []
    for name, values, allowed in checks:
        unknown = [v for v in values if v not in allowed]
        if unknown:
            problems.append(
                {
                    "name": name,
                    "in": "query",
                    "reason": f"unknown value {unknown[0]!r}; allowed: {', '.join(allowed)}",
                    "allowed": list(allowed),
                }
            )
    if problems:
        names = ", ".join(p["name"] for p in problems)
        raise InvalidParameters(f"Unknown value for: {names}", problems)
