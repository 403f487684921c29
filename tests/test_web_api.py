"""The JSON API and pages through FastAPI's TestClient: shapes, errors, limits, security."""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli

pytest.importorskip("fastapi", reason="the web app needs fastapi: pip install -e .")

with warnings.catch_warnings():  # Starlette asks for httpx2 in place of httpx; both work
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from storyline.model import RawDocument
from storyline.store import Store
from storyline.web.app import create_app

# Article text and a title written to break out of the page if they were not escaped.
EVIL = {
    "title": "Quay report <img src=x onerror=\"document.title='pwned'\">",
    "text": ("Harbour officials said on Tuesday, March 11, 2025 that divers had searched the basin "
             "<script>document.title='pwned'</script> for a second day. The harbour master said the "
             "<img src=x onerror=\"document.title='pwned'\"> search would end on Friday."),
    "published": "2025-03-11", "outlet": "Quay <b>Watch</b>",
}


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "stories.db"
    evil = path.parent / "evil.jsonl"
    evil.write_text(json.dumps(EVIL) + "\n", encoding="utf-8")
    with Store(path) as store:
        store.add([str(EXAMPLE), str(evil)], "harbor-fire")
    return path


@pytest.fixture()
def store_copy(example_store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "stories.db"
    with Store(example_store) as store:
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(example_store, target)
    return target


@pytest.fixture()
def client(store_copy: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_copy, writer_in_process=True, max_upload_bytes=200_000)) as c:
        yield c


def test_stories_timeline_articles_and_search(client: TestClient, store_copy: Path) -> None:
    stories = client.get("/api/stories").json()
    assert [s["name"] for s in stories] == ["harbor-fire"] and stories[0]["articles"] == 11
    timeline = client.get("/api/stories/harbor-fire/timeline")
    assert timeline.headers["content-encoding"] == "gzip"
    with Store(store_copy) as store:
        assert timeline.text == store.timeline_json("harbor-fire")  # the stored data, as stored
    assert client.get("/api/stories/harbor-fire/timeline",
                      headers={"If-None-Match": timeline.headers["etag"]}).status_code == 304
    articles = client.get("/api/stories/harbor-fire/articles").json()
    assert len(articles) == 11 and "text" not in articles[0]
    one = client.get(f"/api/stories/harbor-fire/articles/{articles[0]['id']}").json()
    for cited in one["citations"]:
        assert one["text"][cited["start"]:cited["end"]]
    hits = client.get("/api/stories/harbor-fire/search", params={"q": "evacuation order"}).json()["hits"]
    assert hits and all("evacuation" in h["text"].lower() and "order" in h["text"].lower() for h in hits)
    assert any(h["on_timeline"] for h in hits)


def test_the_timeline_is_the_latest_once_an_add_is_done_and_the_last_one_while_it_is_made(
    client: TestClient, store_copy: Path
) -> None:
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    before = client.get("/api/stories/harbor-fire/timeline").json()
    note = {"text": "Divers said on Thursday, March 13, 2025 that the search of the harbour basin had ended "
                    "and that no one else was missing.", "published": "2025-03-13", "outlet": "Basin Post"}
    posted = client.post("/api/stories/harbor-fire/articles", content=json.dumps(note).encode(),
                         headers={"Content-Type": "application/x-ndjson"})
    assert posted.status_code == 200, posted.text
    # The add's answer came once its job was done: the timeline holds the new article.
    after = client.get("/api/stories/harbor-fire/timeline").json()
    assert len(after["articles"]) == len(before["articles"]) + 1
    assert any(a["outlet"] == "Basin Post" for a in after["articles"])
    # Another writer adds; while a thread is making that version, readers get the last one.
    with Store(store_copy) as store:
        late = ("Officials said on Friday, March 14, 2025 that the quay would reopen on Monday after "
                "the inspection, and that the harbour would be open to ferries again by the weekend.")
        store.add_documents([RawDocument("late.jsonl:1", "text", late, outlet="Late Wire", published="2025-03-14")],
                            name="harbor-fire")
    making = ctx._making["harbor-fire"]
    with making:
        served = client.get("/api/stories/harbor-fire/timeline").json()
    assert served == after
    latest = client.get("/api/stories/harbor-fire/timeline").json()
    assert any(a["outlet"] == "Late Wire" for a in latest["articles"])


def test_errors_are_json_with_a_reason(client: TestClient) -> None:
    for url, status in [("/api/stories/nope/timeline", 404), ("/api/stories/harbor-fire/articles/nope", 404),
                        ("/api/stories/harbor-fire/search", 422), ("/api/jobs/nope", 404)]:
        answer = client.get(url)
        assert answer.status_code == status and answer.json()["error"]


def test_a_jsonl_body_with_some_bad_lines_stores_the_good_ones(client: TestClient) -> None:
    good = {"text": "The port authority said on Wednesday, March 12, 2025 that the north gate would reopen "
                    "to lorries on Monday after inspectors approved the repairs.", "published": "2025-03-12",
            "outlet": "Gate News"}
    body = "\n".join([json.dumps(good), "{broken", json.dumps({"title": "no text"}), "[1, 2]"]).encode()
    answer = client.post("/api/stories/harbor-fire/articles", content=body,
                         headers={"Content-Type": "application/x-ndjson"})
    assert answer.status_code == 200, answer.text
    fates = [(r["state"], r["reason"]) for r in answer.json()["inputs"]]
    assert fates[0] == ("article", None)
    assert [state for state, _ in fates[1:]] == ["skipped"] * 3 and all(reason for _, reason in fates[1:])
    assert len(client.get("/api/stories/harbor-fire/articles").json()) == 12
    again = client.post("/api/stories/harbor-fire/articles", content=body,
                        headers={"Content-Type": "application/x-ndjson"}).json()
    assert again["inputs"][0]["reason"] == "already in the store" and again["version"] == answer.json()["version"]


def test_bad_requests_get_a_clear_4xx_and_change_nothing(client: TestClient, store_copy: Path) -> None:
    before = client.get("/api/stories").json()[0]["version"]
    cases = [
        ({"content": b"this is not json\nnor this\n", "headers": {"Content-Type": "application/x-ndjson"}}, 400),
        ({"content": b"x" * 300_000, "headers": {"Content-Type": "application/x-ndjson"}}, 413),
        ({"files": {"files": ("../../etc/passwd", b"root:x:0:0")}}, 400),
        ({"files": {"files": ("..\\..\\boot.ini.txt", b"x")}}, 400),
        ({"files": {"files": ("report.pdf", b"%PDF-1.4")}}, 415),
        ({"content": b"<xml/>", "headers": {"Content-Type": "application/xml"}}, 415),
    ]
    for request, status in cases:
        answer = client.post("/api/stories/harbor-fire/articles", **request)  # type: ignore[arg-type]
        assert answer.status_code == status, (request, answer.text)
        assert answer.json()["error"]
    assert client.post("/api/stories/..%2Fx/articles", content=b"{}").status_code in (400, 404)
    assert client.get("/api/stories").json()[0]["version"] == before
    with Store(store_copy) as store:
        sources = {row[0] for row in store._conn.execute("SELECT source FROM inputs")}
    assert not any("passwd" in source or ".." in source for source in sources)


def test_uploaded_files_are_read_and_named_by_content(client: TestClient) -> None:
    text = ("Volunteers at Old Harbour handed out 300 meals on Saturday, March 15, 2025, the Coastal "
            "Rescue Network said, and will keep the kitchen open until the end of the month.")
    answer = client.post("/api/stories/harbor-fire/articles",
                         files=[("files", ("meals.txt", text.encode())), ("files", ("empty.html", b"  "))])
    assert answer.status_code == 200, answer.text
    inputs = answer.json()["inputs"]
    assert inputs[0]["source"].startswith("upload-") and inputs[0]["source"].endswith("/meals.txt")
    assert inputs[0]["state"] == "article" and inputs[1] == {**inputs[1], "state": "skipped", "reason": "empty"}


def test_writes_need_the_token_and_refuse_other_sites(store_copy: Path) -> None:
    body = json.dumps({"text": "A short note about the quay, written on March 3, 2025 by the harbour office."})
    app = create_app(store_copy, token="s3cret", writer_in_process=True)
    with TestClient(app) as client:
        url, headers = "/api/stories/harbor-fire/articles", {"Content-Type": "application/x-ndjson"}
        assert client.post(url, content=body, headers=headers).status_code == 401
        assert client.post(url, content=body, headers={**headers, "Authorization": "Bearer wrong"}).status_code == 401
        ok = client.post(url, content=body, headers={**headers, "Authorization": "Bearer s3cret"})
        assert ok.status_code == 200, ok.text
        cross = client.post(url, content=body, headers={**headers, "X-Storyline-Token": "s3cret",
                                                        "Origin": "https://evil.example"})
        assert cross.status_code == 403
        assert client.get("/api/stories").status_code == 200  # reading needs no token


def test_pages_escape_article_text_and_forbid_inline_scripts(client: TestClient) -> None:
    story = client.get("/stories/harbor-fire")
    policy = story.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    evil = next(a for a in client.get("/api/stories/harbor-fire/articles").json() if a["outlet"] == EVIL["outlet"])
    page = client.get(f"/stories/harbor-fire/articles/{evil['id']}")
    for html in (story.text, page.text):
        assert "<script>document" not in html and "<img src=x" not in html and "<b>Watch" not in html
    assert "&lt;script&gt;document.title=" in page.text
    assert "<script" not in page.text.replace('<script src="/static/app.js" defer></script>', "")


def test_story_page_filters_and_searches(client: TestClient) -> None:
    page = client.get("/stories/harbor-fire", params={"outlet": "Harbour Herald", "q": "evacuation"}).text
    assert "reported by Harbour Herald" in page and "<mark>evacuation</mark>" in page
    assert client.get("/stories/harbor-fire", params={"from": "March"}).status_code == 400
    assert client.get("/stories/nope").status_code == 404


def test_the_api_is_described_at_docs(client: TestClient) -> None:
    docs = client.get("/docs").text
    for path in ("/api/stories", "/api/stories/{story}/timeline", "/api/stories/{story}/articles",
                 "/api/stories/{story}/articles/{article_id}", "/api/stories/{story}/search"):
        assert f"<code>{path}</code>" in docs
    assert "cdn" not in docs.lower()
    assert client.get("/openapi.json").json()["paths"]["/api/stories/{story}/articles"]["post"]


def test_timeline_without_gzip_is_plain_json(client: TestClient) -> None:
    answer = client.get("/api/stories/harbor-fire/timeline", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in answer.headers
    assert json.loads(answer.content)["schema"] == 1


def test_serving_beyond_loopback_needs_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    answer = run_cli("serve", str(tmp_path / "s.db"), "--host", "0.0.0.0", "--port", "1")
    assert answer.returncode == 2 and "--token" in answer.stderr and "Traceback" not in answer.stderr
