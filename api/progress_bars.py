"""Progress of long command-line work (ingestion stages) as rich progress bars."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn


class ProgressBars:
    """One rich progress bar per pipeline stage, on stderr, only when it is a terminal."""

    def __init__(self, *, lines_when_piped: bool = False) -> None:
        console = Console(stderr=True)
        self.console = console
        self.enabled = console.is_terminal
        # Off a terminal (a log file, CI), long work such as a relink still says how far it
        # got: one line per finished stage.
        self.lines_when_piped = lines_when_piped
        self.bars = Progress(
            "{task.description:<10}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self.tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            if self.lines_when_piped and done == total:
                self.console.print(f"{stage} {done}/{total}", highlight=False)
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.bars.add_task(stage, total=total)
        self.bars.update(self.tasks[stage], completed=done, total=total)

    def __enter__(self) -> ProgressBars:
        if self.enabled:
            self.bars.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self.enabled:
            self.bars.stop()
