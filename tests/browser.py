"""A real server and a real browser for the end-to-end tests (and the docs screenshot).

`serving(store)` starts `storyline serve` on a free loopback port and stops it on exit;
`chromium()` launches Debian's Chromium through Playwright (browsers cannot be downloaded
here, so Playwright drives the system one). Run as a script to remake the screenshot:
`.venv/bin/python tests/browser.py docs/story-page.png` (`make screenshot`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
START_SECONDS = 60.0


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -e '.[test]'"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM}: apt-get install chromium (make test does)"
    return None


def free_port() -> int:
    """A TCP port nothing listens on, on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(store: Path, *extra: str, token: str | None = None) -> Iterator[str]:
    """`storyline serve STORE` on a free loopback port; yields its base URL, stops it after."""
    port = free_port()
    env = {**os.environ, "STORYLINE_TOKEN": token} if token else {k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", str(store), "--port", str(port), *extra],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the server and its writer process
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.stderr:
            process.stderr.close()


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"storyline serve exited ({process.returncode}): {error[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/api/stories", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"storyline serve did not answer within {START_SECONDS} s")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless system Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(out: Path) -> None:
    """The example story's page, as an analyst first sees it, saved as a PNG."""
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "harbor-fire.db"
        subprocess.run([sys.executable, "-m", "storyline", "add", str(store), "examples/harbor-fire/", "--quiet"],
                       cwd=ROOT, check=True)
        with serving(store) as base, chromium() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 1500})
            page.goto(f"{base}/stories/harbor-fire")
            page.screenshot(path=str(out), full_page=False)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "story-page.png"
    screenshot(target)
    print(target)
