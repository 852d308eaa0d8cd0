"""Turn llama.cpp's load log into one sentence a person can act on.

llama-cpp-python only says "Failed to load model"; the reason is in llama.cpp's log
(gpt-oss.md §5.9). The engine child captures that log; this maps its lines to advice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from app.core.text import translate

# Each advice is translated when it is given (the translator is installed after import).
_RULES: list[tuple[re.Pattern[str], Callable[[], str]]] = [
    (re.compile(r"not within the file bounds|corrupted or incomplete|unexpectedly reached end of file"),
     lambda: translate("LoadErrors", "{name} is incomplete: its data ends before the model does. The download was probably interrupted — resume it or download the file again.")),
    (re.compile(r"invalid magic|failed to read magic|not a gguf", re.I),
     lambda: translate("LoadErrors", "{name} is not a GGUF model file. Hearth runs gpt-oss models in GGUF format.")),
    (re.compile(r"unknown model architecture"),
     lambda: translate("LoadErrors", "{name} uses a model architecture this version of llama.cpp does not know ({detail}).")),
    (re.compile(r"key not found in model"),
     lambda: translate("LoadErrors", "{name} is missing a setting gpt-oss needs ({detail}); it was probably made by an incompatible converter. Download the file from ggml-org or another known source.")),
    (re.compile(r"wrong number of tensors|missing tensor|wrong shape|unexpected tensor"),
     lambda: translate("LoadErrors", "{name} does not have gpt-oss's tensor layout ({detail}). It may be damaged or a different model; download it again.")),
    (re.compile(r"failed to allocate|unable to allocate|out of memory|cudaMalloc failed", re.I),
     lambda: translate("LoadErrors", "There is not enough memory to load {name} ({detail}). Try a smaller context, fewer GPU layers, or close other programs.")),
    (re.compile(r"failed to (open|read)|No such file|Permission denied", re.I),
     lambda: translate("LoadErrors", "{name} could not be read ({detail}). Check that the file exists and that you may read it.")),
]  # fmt: skip


def _clean(line: str) -> str:
    line = re.sub(r"^\s*\w+(::\w+)*:\s*", "", line.strip())  # drop "llama_model_load: " prefixes
    return line.rstrip(".")


def explain_load_failure(path: str, log: list[str], fallback: str = "") -> str:
    name = Path(path).name
    for line in reversed(log):
        for pattern, template in _RULES:
            if pattern.search(line):
                return template().format(name=name, detail=_clean(line))
    errors = [ln for ln in log if "error" in ln.lower() or "failed" in ln.lower()]
    if errors:
        return translate("LoadErrors", "llama.cpp could not load {name}: {error}.").format(
            name=name, error=_clean(errors[-1])
        )
    return fallback or translate("LoadErrors", "llama.cpp could not load {name}.").format(name=name)
