"""End to end: mixed good and bad inputs, stdin, escaping, and the exit status."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_cli
from warcs import sample_warc

GOOD = (
    "Harbour fire kills workers\n\n"
    "A fire swept through a chemical warehouse in the port late on Monday, the fire service said.\n\n"
    "At least 14 people were killed and dozens injured, officials said on Tuesday.\n"
)
UNDATED = (
    "The warehouse fire began on March 3, 2025, according to the port operator.\n\n"
    "Inspectors had warned about stored chemicals in 2019, documents show.\n"
)
FRENCH = (
    "Incendie au port\n\nLes pompiers ont maîtrisé lundi soir l'incendie qui a ravagé un entrepôt "
    "de produits chimiques sur le quai est, a indiqué la préfecture. Au moins quatorze personnes "
    "ont trouvé la mort et plus de cent vingt ont été blessées selon les services de secours.\n"
)
HOSTILE = (
    '<html><head><title>Fire <script>alert(1)</script></title></head><body><article>'
    "<p>Officials said on Tuesday that &lt;script&gt;alert('x')&lt;/script&gt; was found "
    "in the warehouse logs, and the fire had been put out after two days of work.</p>"
    "<p>The investigation into the cause of the fire will continue next week, the minister said.</p>"
    "</article></body></html>"
)


def make_folder(root: Path) -> Path:
    folder = root / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "copy.txt").write_text(GOOD, encoding="utf-8")  # exact duplicate
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "hostile.html").write_text(HOSTILE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "broken.html").write_text("<html><body><div><p></div>", encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": GOOD, "published": "not a date", "outlet": "Wire"}) + "\n{oops\n"
        + json.dumps({"title": "no text here"}) + "\n",
        encoding="utf-8",
    )
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "huge.txt").write_text(GOOD * 2000, encoding="utf-8")  # over --max-mb 0.1
    (folder / "bad-utf16.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8" * 10)  # lone surrogates
    (folder / "not-a-feed.xml").write_text("<root><item>1</item></root>", encoding="utf-8")
    (folder / "crawl.warc.gz").write_bytes(sample_warc(gzipped=True)[:-200])  # truncated
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    return folder


def test_mixed_folder_accounts_for_every_input(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    out = tmp_path / "out"
    result = run_cli("build", str(folder), "--out", str(out), "--quiet", "--max-mb", "0.1")
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "timeline.json").read_text("utf-8"))["report"]
    states = {Path(r["source"]).name: (r["state"], r["reason"]) for r in report["inputs"]}
    reasons = {name: reason for name, (_, reason) in states.items()}
    assert states == {
        ".DS_Store": ("skipped", "hidden file"),
        "bad-utf16.txt": ("skipped", reasons["bad-utf16.txt"]),
        "binary.txt": ("skipped", "binary (not text)"),
        "broken.html": ("skipped", "no article text found"),
        "copy.txt": ("article", None),
        "crawl.warc.gz:1": ("article", None),
        "crawl.warc.gz:2": ("skipped", "unsupported type (application/pdf, https://herald.example/report.pdf)"),
        "crawl.warc.gz:3": ("skipped", reasons["crawl.warc.gz:3"]),
        "empty.txt": ("skipped", "empty"),
        "feed.jsonl:1": ("duplicate", "exact copy"),
        "feed.jsonl:2": ("skipped", reasons["feed.jsonl:2"]),
        "feed.jsonl:3": ("skipped", "empty (no `text` or `html` field)"),
        "french.txt": ("skipped", "non-English (fr)"),
        "good.txt": ("duplicate", "exact copy"),
        "hostile.html": ("article", None),
        "huge.txt": ("skipped", reasons["huge.txt"]),
        "not-a-feed.xml": ("skipped", reasons["not-a-feed.xml"]),
        "notes.docx": ("skipped", "unsupported type (.docx)"),
        "undated.txt": ("article", None),
    }
    assert reasons["bad-utf16.txt"].startswith("undecodable")
    assert reasons["crawl.warc.gz:3"].startswith("corrupt or truncated WARC")
    assert reasons["feed.jsonl:2"].startswith("invalid JSON")
    assert reasons["huge.txt"].startswith("too large")
    assert reasons["not-a-feed.xml"] == "not a feed (no RSS or Atom found)"
    assert report["counts"] == report["counts"] | {"inputs": 19, "articles": 4, "duplicates": 2, "skipped": 13}
    # The one-line summary on the terminal gives the same counts.
    summary = run_cli("build", str(folder), "--out", str(out), "--max-mb", "0.1").stdout
    assert "19 inputs: 4 articles, 2 duplicates merged, 13 skipped" in summary
    problems = [n["message"] for n in report["notes"] if not n["message"].startswith("undated: ")]
    assert problems == ["given publication date 'not a date' could not be parsed"]
    # Every article left undated is in the report with the reason.
    undated = {n["source"] for n in report["notes"] if n["message"].startswith("undated: ")}
    assert {Path(s).name for s in undated} >= {"undated.txt"}


def test_undated_article_still_contributes_explicit_dates(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    out = tmp_path / "out"
    assert run_cli("build", str(folder / "undated.txt"), "--out", str(out), "-q").returncode == 0
    data = json.loads((out / "timeline.json").read_text("utf-8"))
    assert data["articles"][0]["published"] is None
    assert data["report"]["undated"] == [data["articles"][0]["id"]]
    assert [e["date"] for e in data["timeline"]] == ["2025-03-03"]


def test_article_text_is_escaped_in_every_output(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    out = tmp_path / "out"
    assert run_cli("build", str(folder / "hostile.html"), "--out", str(out), "-q").returncode == 0
    page = (out / "report.html").read_text("utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    markdown = (out / "timeline.md").read_text("utf-8")
    assert re.search(r"(?<!\\)<script", markdown) is None
    assert "\\<script\\>" in markdown


def test_stdin_jsonl(tmp_path: Path) -> None:
    line = json.dumps({"text": GOOD, "published": "2025-03-04", "outlet": "Harbour Herald"})
    result = run_cli("build", "-", "--out", str(tmp_path), "-q", stdin=line + "\n")
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "timeline.json").read_text("utf-8"))
    # "late on Monday" in an article of Tuesday 2025-03-04 is 2025-03-03.
    assert "2025-03-03" in [e["date"] for e in data["timeline"]]


def test_nothing_readable_exits_non_zero_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    result = run_cli("build", str(tmp_path), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "no article could be read" in result.stderr
    assert "1 empty" in result.stderr and "unsupported type (.pdf)" in result.stderr
    assert "no such file or folder" in result.stderr
    assert not (tmp_path / "o").exists()


def test_times_command_prints_one_json_object_per_mention(tmp_path: Path) -> None:
    text = "Rebels attacked late Wednesday.\n\nKerry will meet Lavrov on Saturday."
    path = tmp_path / "a.txt"
    path.write_text(text, "utf-8")
    result = run_cli("times", "--published", "2016-08-04", str(path))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    wed, sat = text.index("late Wednesday"), text.index("Saturday")
    # Published Thursday 2016-08-04: Wednesday is the 3rd; "will meet on Saturday" the 6th.
    assert rows == [
        {"start": wed, "end": wed + 14, "text": "late Wednesday", "value": "2016-08-03",
         "granularity": "day", "how": "relative-to-publication"},
        {"start": sat, "end": sat + 8, "text": "Saturday", "value": "2016-08-06",
         "granularity": "day", "how": "relative-to-publication"},
    ]


def test_times_command_rejects_a_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("on Monday", "utf-8")
    result = run_cli("times", "--published", "someday", str(path))
    assert result.returncode == 2 and "not a date" in result.stderr


def test_an_unusable_date_option_stops_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Crews fought the fire at the port on Monday night.\n", encoding="utf-8")
    model = tmp_path / "model.json"
    model.write_text('{"features": ["sents_total"], "coef": [1.0, 2.0], "intercept": 0, "logistic": true}')
    result = run_cli("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "-q", "--date-model", str(model))
    assert result.returncode == 2 and "1 features, 2 weights" in result.stderr
    result = run_cli("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "-q", "--date-selector", "nope")
    assert result.returncode == 2 and "mention-count, mentions, supervised" in result.stderr
    assert not (tmp_path / "o").exists()
