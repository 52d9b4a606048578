"""Write a folder of generated project documents and run ``coproduce appraise --batch`` on it.

Usage: .venv/bin/python benchmarks/folder.py [N] [--keep]     (default 100000 documents)

Every 997th document is broken on purpose, to show the batch reports it and goes on. Prints
the time to write the folder, the time of the batch command (all cores), its exit status, the
number of JSON lines written and the invalid documents it reported. The folder and output go
to a temporary directory, removed afterwards unless ``--keep``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import pool  # benchmarks/run.py: documents varied from the bundled examples


def main(argv: list[str]) -> int:
    n = int(next((a for a in argv[1:] if a.isdigit()), "100000"))
    root = Path(tempfile.mkdtemp(prefix="coproduce-folder-"))
    folder = root / "projects"
    folder.mkdir()
    sample = pool()
    t = time.perf_counter()
    for i in range(n):
        doc = sample[i % len(sample)]
        if i % 997 == 996:
            doc = b'{"schema_version": 1, "title": 7}'
        (folder / f"p{i:06d}.json").write_bytes(doc)
    written = time.perf_counter() - t
    print(f"wrote {n:,} documents in {written:.1f} s to {folder}")
    out, summary = root / "appraisals.jsonl", root / "summary.json"
    command = [
        sys.executable,
        "-m",
        "coproduce",
        "appraise",
        "--batch",
        str(folder),
        "--output",
        str(out),
        "--summary",
        str(summary),
        "--no-progress",
    ]
    t = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t
    lines = sum(1 for _ in out.open()) if out.exists() else 0
    invalid = json.loads(summary.read_text())["invalid"] if summary.exists() else None
    print(
        f"coproduce appraise --batch: exit {done.returncode} in {elapsed:.1f} s "
        f"({elapsed / n * 1e6:.0f} µs per document), {lines:,} lines, {invalid} invalid"
    )
    print("last diagnostic:", done.stderr.strip().splitlines()[-1] if done.stderr else "-")
    if "--keep" not in argv:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
