"""Renderers of the filtered `/events` query as CSV, NDJSON, iCalendar and TimelineJS3 JSON."""
