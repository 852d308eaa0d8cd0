"""The frozen app (dist/hearth, made by installers/linux/build.sh) passes its smoke test.

Skipped on a developer's machine unless the bundle exists and is newer than every source it was
built from (a stale bundle would test old code). CI builds the bundle first and sets
HEARTH_REQUIRE_FROZEN=1, which turns each of those skips into a failure: there, this test runs or
CI fails. CI then runs installers/linux/smoke.sh in full (.ci/run).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "hearth"
SOURCES = ("app", "resources", "installers/hearth.spec", "installers/hooks", "pyproject.toml")


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        newest = max([newest, *(p.stat().st_mtime for p in files if "__pycache__" not in p.parts)])
    return newest


def _cannot_run(why: str) -> None:
    if os.environ.get("HEARTH_REQUIRE_FROZEN") == "1":
        pytest.fail(f"HEARTH_REQUIRE_FROZEN=1 but {why}")
    pytest.skip(why)


@pytest.mark.slow
def test_frozen_bundle_smoke() -> None:
    if not sys.platform.startswith("linux"):
        _cannot_run("the Linux bundle's smoke test runs on Linux only")
    exe = BUNDLE / "hearth"
    if not exe.exists():
        _cannot_run("there is no dist/hearth: run `make dist` to build the frozen app")
    if exe.stat().st_mtime < _newest_source():
        _cannot_run("dist/hearth is older than the sources: run `make dist` again")
    result = subprocess.run(["bash", str(ROOT / "installers" / "linux" / "smoke.sh"), "--quick"],
                            cwd=ROOT, capture_output=True, text=True, timeout=280)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SMOKE OK" in result.stdout
