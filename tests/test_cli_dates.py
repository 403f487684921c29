"""End to end: dates the user gives (--dates FILE, file names) through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

QUAY = (
    "Fire crews fought a blaze at the grain store on Vell Quay on Tuesday, the harbour "
    "master said. Two warehouses were lost and the quay stayed closed to ships.\n\n"
    "Investigators began work on Wednesday and asked witnesses to come forward."
)
WIRE = (
    "Ferry services to the outer islands resumed on Thursday after gales kept boats in port "
    "for three days, the operator said.\n\nPassengers queued from dawn at the terminal."
)
BRIDGE = (
    "The swing bridge over the Dorne stuck open on Monday, cutting the town in two for "
    "most of the day, the council said.\n\nEngineers blamed a failed hydraulic pump."
)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "2021-03-04-quay.txt").write_text(QUAY, encoding="utf-8")
    (folder / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    record = {"id": "wire-9", "text": WIRE, "published": "2021-01-01"}
    (folder / "wire.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return folder


def test_manifest_and_file_name_dates_are_given_and_win(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    manifest = tmp_path / "dates.csv"
    manifest.write_text("input,date\nbridge.txt,2021-03-08\nwire-9,2021-03-05\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", str(folder), "--dates", str(manifest), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "timeline.json").read_text("utf-8"))
    dated = {Path(a["source"]).name: (a["published"], a["published_from"]) for a in data["articles"]}
    assert dated["2021-03-04-quay.txt"] == ("2021-03-04", "given")  # from its name
    assert dated["bridge.txt"] == ("2021-03-08", "given")  # from the manifest
    assert dated["wire.jsonl:1"] == ("2021-03-05", "given")  # the manifest beats the record
    dates = {entry["date"] for entry in data["timeline"]}
    assert {"2021-03-02", "2021-03-08"} <= dates  # Tuesday before the 4th; the bridge's Monday


def test_bad_manifest_exits_2_before_any_work(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    manifest = tmp_path / "dates.csv"
    manifest.write_text("bridge.txt,8 March\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", str(folder), "--dates", str(manifest), "--out", str(out), "--quiet")
    assert result.returncode == 2
    assert "dates.csv, line 1" in result.stderr and "not a date" in result.stderr
    assert not out.exists()
    missing = run_cli("build", str(folder), "--dates", str(tmp_path / "none.json"), "--out", str(out))
    assert missing.returncode == 2 and "cannot read dates file" in missing.stderr


def test_a_whole_number_after_dates_still_limits_the_timeline(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    result = run_cli("build", str(folder), "--dates", "1", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "timeline.json").read_text("utf-8"))
    assert data["timeline_params"]["max_dates"] == 1 and len(data["timeline"]) == 1


def test_add_takes_the_same_dates_file_and_exports_what_build_writes(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    manifest = tmp_path / "dates.json"
    manifest.write_text(json.dumps({"bridge.txt": "2021-03-08"}), encoding="utf-8")
    store = tmp_path / "s.db"
    added = run_cli("add", str(store), str(folder), "--dates", str(manifest), "--max-dates", "5", "--quiet")
    assert added.returncode == 0, added.stderr
    exported = run_cli("export", str(store), "--out", str(tmp_path / "export"))
    assert exported.returncode == 0, exported.stderr
    built = run_cli("build", str(folder), "--dates", str(manifest), "--max-dates", "5",
                    "--out", str(tmp_path / "built"), "--quiet")
    assert built.returncode == 0, built.stderr
    data = (tmp_path / "export" / "timeline.json").read_text("utf-8")
    assert data == (tmp_path / "built" / "timeline.json").read_text("utf-8")
    dated = {Path(a["source"]).name: a["published"] for a in json.loads(data)["articles"]}
    assert dated["bridge.txt"] == "2021-03-08"
    bad = run_cli("add", str(store), str(folder), "--dates", str(tmp_path / "none.json"))
    assert bad.returncode == 2 and "cannot read dates file" in bad.stderr
