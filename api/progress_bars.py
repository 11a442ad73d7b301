"""Progress of long command-line work (ingestion stages) as rich progress bars."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn


class ProgressBars:
    """One rich progress bar per pipeline stage on stderr; one line per finished stage when
    stderr is not a terminal."""

    def __init__(self) -> None:
        console = Console(stderr=True)
        self.enabled = console.is_terminal
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
            if done == total:  # not a terminal: a log, one line per finished stage
                sys.stderr.write(f"{stage} {done}/{total}\n")
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
