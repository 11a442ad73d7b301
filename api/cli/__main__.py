"""`python -m api.cli ...`, the same as the `timeline` command."""

from api.cli import app

app()
