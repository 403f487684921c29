"""Shared fixtures: paths to the shared seed articles and a runner for the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLE = ROOT / "examples" / "harbor-fire"

# Publication dates of the five seed articles, from the foundation issue.
SEED_DATES = {
    "000": "2016-08-04",
    "001": "2016-09-08",
    "002": "2016-11-12",
    "003": "2016-10-13",
    "004": "2016-08-15",
}


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5, f"expected the five seed articles in {SEEDS}"
    return files


@pytest.fixture(scope="session")
def seeds_jsonl(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Path:
    """The seeds as one JSONL file with their publication dates given."""
    path = tmp_path_factory.mktemp("seeds") / "seeds.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for file in seed_files:
            key = file.name[:3]
            record = {"id": key, "text": file.read_text("utf-8"), "published": SEED_DATES[key]}
            handle.write(json.dumps(record) + "\n")
    return path


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command line as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args],
        check=False,
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=300,
    )
