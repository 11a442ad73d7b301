"""Request and response bodies of the write (curation) endpoints."""
