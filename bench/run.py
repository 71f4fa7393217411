"""Run every benchmark in bench/ and print its figures (`make bench`)."""

import subprocess
import sys
from pathlib import Path

BENCHMARKS = [
    "draft_render.py",
    "page_weight.py",
    "consultation.py",
    "fanout.py",
    "search.py",
    "relevance.py",
]


def main() -> int:
    folder = Path(__file__).resolve().parent
    failed = 0
    for name in BENCHMARKS:
        print(f"\n## {name}")
        failed |= subprocess.run([sys.executable, str(folder / name)], check=False).returncode
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
