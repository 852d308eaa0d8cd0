"""Where Hearth keeps its data: platformdirs locations, or one folder given on the command line."""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app import APP_NAME


@dataclass(frozen=True)
class Paths:
    data: Path  # conversations, settings
    models: Path  # downloaded and imported model files
    cache: Path  # regenerable: test models, checkpoints
    logs: Path
    temporary: bool = False

    def create(self) -> Paths:
        for p in (self.data, self.models, self.cache, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        return self

    def cleanup(self) -> None:
        if self.temporary:
            shutil.rmtree(self.data, ignore_errors=True)


def resolve_paths(data_dir: str | None = None, temporary: bool = False) -> Paths:
    """``data_dir`` puts everything under one folder; ``temporary`` makes a fresh one."""
    if temporary:
        data_dir = tempfile.mkdtemp(prefix="hearth-")
    if data_dir:
        root = Path(data_dir).expanduser().resolve()
        return Paths(root, root / "models", root / "cache", root / "logs", temporary).create()
    return Paths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "models",
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    ).create()


def resources_dir() -> Path:
    """The shipped ``resources/`` folder: beside the package in a checkout, or inside a frozen app."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
