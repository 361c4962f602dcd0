"""``python -m knowledge check``: the same check as ``warrantwatch knowledge check``."""

from __future__ import annotations

import datetime as dt
import sys

from knowledge.check import run_check


def main() -> int:
    if sys.argv[1:] not in ([], ["check"]):
        print("usage: python -m knowledge check", file=sys.stderr)
        return 2
    report = run_check(dt.date.today())
    for line in report.errors:
        print(line, file=sys.stderr)
    for line in (*report.lines, *report.warnings):
        print(line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
