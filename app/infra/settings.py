"""Typed settings with defaults, kept as JSON and written atomically.

Unknown keys are ignored and a value of the wrong type falls back to its default, so a
settings file from another version (or one edited by hand) never stops Hearth from starting.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.infra.files import write_json

log = logging.getLogger(__name__)
SETTINGS_VERSION = 1


@dataclass
class Settings:
    last_model: str = ""  # reopened on the next start
    context_length: int = 8192
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    splitter_state: str = ""
    sidebar_visible: bool = True
    appearance: str = "system"  # View → Appearance: "system", "light" or "dark"
    offline: bool = False  # no network at all: HF_HUB_OFFLINE is set before huggingface_hub loads
    models_dir: str = ""  # empty: the default folder under the data directory
    model_context: dict[str, int] = field(default_factory=dict)  # chosen context length per model file
    # Remote gpt-oss servers the person added (Models → Servers…), as RemoteServer.to_dict();
    # their API keys are in the system keyring, never here.
    servers: list = field(default_factory=list)
    remote: str = ""  # the URL of the server in use; empty: the model runs on this computer
    # Settings → Local API: an OpenAI-compatible server for the loaded model (off by default;
    # 127.0.0.1 unless opened to the LAN; its key is in the system keyring).
    api_enabled: bool = False
    api_lan: bool = False
    api_port: int = 8642

    def context_for(self, key: str) -> int:
        value = self.model_context.get(key)
        return value if type(value) is int and 256 <= value <= 1 << 20 else self.context_length

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable (%s); using defaults", type(exc).__name__)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        defaults = cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = raw.get(f.name, getattr(defaults, f.name))
            wanted = type(getattr(defaults, f.name))
            # bool is an int in Python; keep the two apart so "true" never becomes a context length.
            if type(value) is not wanted:
                value = getattr(defaults, f.name)
            values[f.name] = value
        return cls(**values)

    def save(self, path: Path) -> None:
        data = {"version": SETTINGS_VERSION, **asdict(self)}
        write_json(path, data)
