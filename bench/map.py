"""Map speed and size: a warm render in-process, a cold `warrantwatch map`, the PNG's bytes.

Usage: python bench/map.py [--n 30] [--cold 5]
Prints medians; targets (issue "Maps"): warm render <= 300 ms, cold command <= 3 s,
PNG <= 300 KB. Nothing here is asserted in CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 12, 8)
PEOPLE = ("vladimir-putin", "benjamin-netanyahu", "omar-al-bashir")


def warm(n: int) -> None:
    from bot.maps import render_map
    from bot.maps.classes import obligations
    from bot.maps.render import draw
    from knowledge.store import load_default

    kb = load_default()
    for person in PEOPLE:
        draw(kb, obligations(kb, person, TODAY))  # shapes projected, fonts loaded
    timings, sizes = [], []
    for index in range(n):
        person = PEOPLE[index % len(PEOPLE)]
        started = time.perf_counter()
        png = draw(kb, obligations(kb, person, TODAY - dt.timedelta(days=index)))
        timings.append(time.perf_counter() - started)
        sizes.append(len(png))
    render_map(kb, PEOPLE[0], on=TODAY)
    started = time.perf_counter()
    for _ in range(1000):
        render_map(kb, PEOPLE[0], on=TODAY)
    hit = (time.perf_counter() - started) / 1000
    timings.sort()
    print(
        f"warm render median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {timings[-1] * 1000:.0f} ms over {n} renders; cached {hit * 1e6:.1f} µs"
    )
    print(
        f"PNG size median {statistics.median(sizes) / 1024:.0f} KB, max {max(sizes) / 1024:.0f} KB"
    )


def executable() -> str:
    found = shutil.which("warrantwatch", path=str(Path(sys.executable).parent))
    return found or "warrantwatch"


def cold(runs: int) -> None:
    """Whole `warrantwatch map putin` processes, bytecode compiled (as in bench/answer.py)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch, "map.png")
        command = [executable(), "map", "putin", "--on", TODAY.isoformat(), "-o", str(out)]
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(scratch, "pycache"))}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(command, check=True, capture_output=True, env=env)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            timings.append(time.perf_counter() - started)
        size = out.stat().st_size
    print(
        f"cold `warrantwatch map putin` median {statistics.median(timings):.2f} s "
        f"(min {min(timings):.2f}, max {max(timings):.2f}) over {runs} runs; "
        f"PNG {size / 1024:.0f} KB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="warm renders")
    parser.add_argument("--cold", type=int, default=5, help="cold command runs")
    args = parser.parse_args()
    warm(args.n)
    cold(args.cold)


if __name__ == "__main__":
    main()
