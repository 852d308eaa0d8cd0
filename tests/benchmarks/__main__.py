"""``python -m tests.benchmarks NAME`` runs tests/benchmarks/NAME.py and writes results/NAME.json."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

RESULTS = Path(__file__).with_name("results")


def main(argv: list[str]) -> int:
    available = sorted(
        p.stem
        for p in Path(__file__).parent.glob("*.py")
        if not p.stem.startswith("_") and p.stem not in ("common", "raw_llama", "ui_start")
    )
    if len(argv) != 1 or argv[0] not in available:
        print(f"usage: python -m tests.benchmarks NAME   (NAME: {', '.join(available)})")
        return 2
    module = importlib.import_module(f"tests.benchmarks.{argv[0]}")
    result = module.run()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{argv[0]}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
