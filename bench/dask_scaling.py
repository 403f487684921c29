"""The Dask engine with 1 and 2 workers on Timeline17, beside the local engine.
Run: `.venv/bin/python bench/dask_scaling.py [--limit N]` (default: all 4,650 articles).

Prints wall time per setting, the speed-up from 1 to 2 workers, and the overhead per task
(partition) measured on a run of empty work."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from distributed import Client, LocalCluster
from t17_build import convert

import storyline
from storyline.scale import dask as engine


def timed(path: Path, settings: storyline.Settings) -> float:
    started = time.perf_counter()
    storyline.build([path], settings)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, count, _ = convert(Path(folder), args.limit)
        parts = len(engine.partitions([path], storyline.Settings())[0])
        walls = {}
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                client.run(lambda: None)  # workers up before timing
                walls[workers] = timed(path, storyline.Settings(engine="dask", scheduler=cluster.scheduler_address))
                started = time.perf_counter()
                client.gather(client.map(lambda n: n, range(parts), pure=False))
                overhead = (time.perf_counter() - started) / parts
        walls[0] = timed(path, storyline.Settings(workers=2))
    print(f"{count} articles in {parts} tasks of up to {engine.RECORDS_PER_PARTITION} records")
    print(f"  local engine, 2 processes: {walls[0]:6.1f} s ({count / walls[0]:.1f} articles/s)")
    for workers in (1, 2):
        print(f"  dask, {workers} worker(s):        {walls[workers]:6.1f} s ({count / walls[workers]:.1f} articles/s)")
    print(f"speed-up 1 → 2 workers: {walls[1] / walls[2]:.2f}x; scheduling overhead {overhead * 1000:.1f} ms per task")


if __name__ == "__main__":
    main()
