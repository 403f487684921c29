"""End to end in a real browser: headless Chromium (Debian's) driven by Playwright against
`storyline serve` on a free loopback port, started and stopped by the test."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import browser_missing, chromium, serving
from conftest import EXAMPLE
from test_web_api import EVIL

from storyline.store import Store

missing = browser_missing()
pytestmark = pytest.mark.skipif(missing is not None, reason=missing or "")

NEW_ARTICLE = ("Divers from the Coastal Rescue Network recovered a second anchor from the West Basin "
               "on Sunday, March 16, 2025, the harbour master said, and the basin will reopen to "
               "pleasure boats on Tuesday.")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    evil = folder / "evil.jsonl"
    evil.write_text(json.dumps(EVIL) + "\n", encoding="utf-8")
    with Store(folder / "stories.db") as store:
        store.add([str(EXAMPLE), str(evil)], "harbor-fire")
    with serving(folder / "stories.db") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def test_story_page_shows_the_timeline_and_filters_by_outlet(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/harbor-fire")
    assert page.locator("h1").inner_text() == "harbor-fire"
    all_dates = page.locator(".entry").count()
    assert all_dates >= 8 and page.locator(".coverage svg rect").count() >= 5
    with page.expect_navigation():
        page.select_option("select[name=outlet]", "Radio Marlandia News")  # app.js submits on change
    assert "outlet=Radio+Marlandia+News" in page.url
    entries = page.locator(".entry")
    assert 0 < entries.count() < all_dates
    for n in range(entries.count()):
        assert "Radio Marlandia News" in entries.nth(n).locator(".outlets").inner_text()


def test_search_then_open_the_article_at_the_highlighted_sentence(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/harbor-fire")
    page.fill("input[name=q]", "cargo ship barred")
    page.click(".filters button[type=submit]")
    hits = page.locator(".hits li")
    assert hits.count() >= 1
    assert "barred" in hits.first.locator("mark").all_inner_texts()
    sentence = hits.first.locator(".sentence").inner_text()
    hits.first.locator("a.src").click()
    page.wait_for_url("**/articles/**")
    highlighted = page.locator("mark#hit")
    assert highlighted.inner_text().startswith(sentence)
    assert highlighted.is_visible()
    link = page.locator("mark a.to-date").first  # a quoted span's link back to its date
    day = link.inner_text()
    link.click()
    page.wait_for_url(f"**/stories/harbor-fire#d-{day}")
    assert page.locator(f"#d-{day}").is_visible()


def test_uploading_a_file_adds_its_article_to_the_story(server: str, page: Any, tmp_path: Path) -> None:
    upload = tmp_path / "west-basin-anchor.txt"
    upload.write_text(NEW_ARTICLE, encoding="utf-8")
    page.goto(f"{server}/stories/harbor-fire")
    page.click(".add summary")
    page.set_input_files("form.add-form input[type=file]", str(upload))
    page.click("form.add-form button[type=submit]")
    page.wait_for_url("**job=**", timeout=120_000)
    assert "1 new article(s)" in page.locator("#job").inner_text()
    page.click("#job a:text('open')")
    assert "second anchor from the West Basin" in page.locator("article.text").inner_text()
    page.goto(f"{server}/stories/harbor-fire?q=anchor")
    assert page.locator(".hits li").count() >= 1


def test_an_injected_script_never_runs(server: str, page: Any) -> None:
    page.goto(f"{server}/stories/harbor-fire?q=divers+searched")
    page.locator(".hits a.src").first.click()
    page.wait_for_url("**/articles/**")
    page.wait_for_load_state("networkidle")  # an <img onerror> would have fired by now
    text = page.locator("article.text").inner_text()
    assert "<script>document.title='pwned'</script>" in text  # shown as text
    assert "<img src=x onerror=" in page.locator("h1").inner_text()
    assert page.title() != "pwned"
    assert page.evaluate("document.querySelectorAll('script:not([src]), img').length") == 0
    for url in (f"{server}/stories/harbor-fire?q=divers", f"{server}/stories/harbor-fire?outlet=Quay+%3Cb%3EWatch%3C%2Fb%3E"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.title() != "pwned"
        assert page.evaluate("document.querySelectorAll('script:not([src]), img, b').length") == 0
