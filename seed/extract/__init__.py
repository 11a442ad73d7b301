"""Pure extraction: article text in, typed results out (see `types`), no database."""
