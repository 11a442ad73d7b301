"""Corpus-level linking: what needs more than one article.

`seed/extract/` reads one article at a time (pure: text in, candidates out); this package joins
those readings into one timeline: publication dates inferred from other articles
(`publication`), near-duplicate paragraphs and copies (`origins`), candidates merged into
events (`merge`), and the whole corpus-level pass in order (`timeline`).
"""
