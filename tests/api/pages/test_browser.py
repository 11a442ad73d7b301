"""The timeline page in a real browser (Chromium driven by Playwright), against the service
run by uvicorn on the sample corpus: filter by an alias, open an event, follow its credit.

Skipped, with the reason, when Playwright or the system's Chromium is missing. The browser is
Debian's `/usr/bin/chromium` (`apt-get install chromium`); `CHROMIUM=/path` points elsewhere.
Playwright's own browser downloads are never used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from api.settings import PROJECT_ROOT
from seed.pipeline import IngestReport
from tests.api.processes import free_port

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def _browser_or_skip() -> None:
    reason = None
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        reason = "the playwright package is not installed"
    if reason is None and not (CHROMIUM.exists() or shutil.which(str(CHROMIUM))):
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if reason is not None:
        print(f"browser test skipped: {reason}")
        pytest.skip(reason)


@pytest.fixture
def served(corpus_engine: AsyncEngine, corpus: IngestReport) -> Iterator[str]:
    """The application under uvicorn, on a free local port, reading the corpus database."""
    _browser_or_skip()
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": corpus_engine.url.render_as_string(hide_password=False),
        "LOG_LEVEL": "warning",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.main:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=PROJECT_ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not start (exit code {server.poll()})")
            time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


async def test_filter_by_alias_open_an_event_and_follow_its_credit(
    served: str, tmp_path: Path
) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM))
        page = await browser.new_page(viewport={"width": 1100, "height": 900})
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on(
            "response",
            lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )

        await page.goto(f"{served}/")
        assert await page.locator("article.event").count() == 22
        # Our script: "/" moves the keyboard to the first filter.
        await page.keyboard.press("/")
        assert await page.evaluate("document.activeElement.id") == "actor"
        await page.keyboard.type("hifter")
        await page.get_by_role("button", name="Show events").click()
        await page.wait_for_url("**/?actor=hifter")  # empty fields left out by our script
        events = page.locator("article.event")
        assert await events.count() == 5
        assert await events.nth(3).locator(".when").inner_text() == ("between 1 and 8 October 2021")
        await page.screenshot(path=tmp_path / "timeline.png", full_page=True)

        first = events.nth(0).locator("h2 a")
        title = await first.inner_text()
        await first.click()
        await page.wait_for_url("**/timeline/events/*")
        assert await page.locator("h1").inner_text() == title
        assert await page.locator(".when").inner_text() == "April 2019"

        credit = page.locator("p.credit a").first
        source_title = await credit.inner_text()
        await credit.click()
        await page.wait_for_url("**/timeline/sources/*")
        assert await page.locator("h1").inner_text() == source_title
        marks = page.locator(".article-text mark")
        assert await marks.count() >= 1
        assert "Hifter launched a military offensive" in " ".join(await marks.all_inner_texts())
        await page.screenshot(path=tmp_path / "source.png", full_page=True)
        await browser.close()

    # Our own style sheet and script loaded under the page's Content-Security-Policy.
    assert problems == []
    assert (tmp_path / "timeline.png").stat().st_size > 10_000
    print(f"screenshots: {tmp_path / 'timeline.png'} {tmp_path / 'source.png'}")
