"""Pydantic models of every response body (they document the API; hot paths serialise dicts
with orjson and tests check the bodies validate against these models)."""
