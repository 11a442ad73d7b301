"""Errors of the extraction pipeline."""

from __future__ import annotations


class ArticleError(ValueError):
    """An input that cannot be read as an article; the message says why, for a human."""
