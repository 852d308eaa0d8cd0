"""Is it safe to load models with llama.cpp's re-laid-out weights on this CPU? Checked once.

llama.cpp copies some weights into layouts for the CPU's fastest kernels (its "extra buffer
types": AMX on Intel Xeons since Sapphire Rapids, CPU_REPACK on AVX2 and Arm). On some CPUs
those kernels crash: the vendored llama.cpp's AMX path segfaults on Q8_0 weights, which every
gpt-oss file has. So the first time a model is loaded with a given llama.cpp build on a given
CPU, a throwaway engine child runs a tiny gpt-oss model with and without them
(app.infra.engine.cpu_probe); a crash or disagreeing numbers turn them off for this build and CPU,
and so does a crash during the first reply of a model loaded with them. The verdict is kept in
a small JSON file keyed by both, so a new CPU (a moved disk, a VM on another host) or a new
llama.cpp is checked again.

Pure Python; the check itself runs in a child, so a crash never reaches the caller.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import importlib.metadata
import json
import logging
import platform
import signal
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.core.repack import CpuKernels
from app.core.text import translate
from app.infra.files import write_json

log = logging.getLogger(__name__)

CHECK_VERSION = 1  # bump when the check itself changes: old verdicts are then redone
CHECK_TIMEOUT_S = 120.0
# Signals that mean "the code crashed", not "the system killed it" (SIGKILL: out of memory).
CRASH_SIGNALS = {getattr(signal, n) for n in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGABRT", "SIGFPE")
                 if hasattr(signal, n)}  # fmt: skip
_default_path: Path | None = None
_shared: dict[Path, CpuCheck] = {}
_shared_lock = threading.Lock()


def is_code_crash(event: dict[str, Any]) -> bool:
    """A ``crashed`` event of a child that died of a crash in native code (not killed, not an
    exit)."""
    code = event.get("exit_code")
    return isinstance(code, int) and code < 0 and -code in CRASH_SIGNALS


def configure(path: Path | None) -> None:
    """Where verdicts are kept (bootstrap: the cache folder; tests: a temporary file)."""
    global _default_path
    _default_path = path


def shared(path: Path | None = None) -> CpuCheck:
    """One CpuCheck per verdict file in this process, so concurrent loads check only once."""
    key = path or default_path()
    with _shared_lock:
        if key not in _shared:
            _shared[key] = CpuCheck(key)
        return _shared[key]


def default_path() -> Path:
    if _default_path is not None:
        return _default_path
    import platformdirs

    from app import APP_NAME

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "cpu-check.json"


def _cpu_identity() -> str:
    """The CPU as the OS names it, with its feature flags (a VM may hide some)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            text = Path("/proc/cpuinfo").read_text("utf-8", "replace")
            keep = []
            for line in text.splitlines():
                key = line.split(":", 1)[0].strip()
                if key in ("vendor_id", "model name", "flags", "Features", "CPU implementer", "CPU part"):
                    keep.append(line.strip())
                    if key in ("flags", "Features"):
                        break  # the first processor's entry is enough
            return "\n".join(keep)
    return f"{platform.machine()} {platform.processor()}"


def _build_identity() -> str:
    """llama-cpp-python's version and its native libraries (name, size, mtime)."""
    from app.infra.engine.ggml_devices import find_llama_lib_dir

    try:
        version = importlib.metadata.version("llama-cpp-python")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    parts = [version]
    lib_dir = find_llama_lib_dir()
    if lib_dir is not None and lib_dir.is_dir():
        for p in sorted(lib_dir.iterdir()):
            with contextlib.suppress(OSError):
                st = p.stat()
                parts.append(f"{p.name}:{st.st_size}:{int(st.st_mtime)}")
    return "\n".join(parts)


def machine_key() -> str:
    """Changes when the CPU or the llama.cpp build changes."""
    text = f"v{CHECK_VERSION}\n{_cpu_identity()}\n{_build_identity()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@dataclass
class CpuCheckResult:
    """The verdict for this CPU and llama.cpp build.

    ``repack_safe``: load with llama.cpp's extra buffer types. ``source``: "check" (the
    tiny-model run), "reply-crash" (a model crashed on its first reply with them) or
    "unchecked" (the check could not run: llama.cpp's default is kept). ``reason`` is a sentence
    for the user, in the language of the app that made the verdict."""

    key: str
    repack_safe: bool
    reason: str
    source: str = "check"
    extra_types: list[str] = field(default_factory=list)
    system_info: str = ""
    checked_at: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    def kernels(self) -> CpuKernels:
        return CpuKernels.from_system_info(self.system_info, self.extra_types, self.repack_safe)

    def summary(self) -> str:
        """One line for "This computer"."""
        kinds = ", ".join(self.extra_types) or translate("CpuCheck", "none on this CPU")
        if self.repack_safe:
            return translate("CpuCheck", "on ({kinds}): {reason}").format(kinds=kinds, reason=self.reason)
        return translate("CpuCheck", "off: {reason}").format(reason=self.reason)


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


class CpuCheck:
    """The verdict file, and the check that fills it. Thread-safe; the check runs once."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._key: str | None = None

    @property
    def path(self) -> Path:
        return self._path or default_path()

    def key(self) -> str:
        if self._key is None:
            self._key = machine_key()
        return self._key

    def cached(self) -> CpuCheckResult | None:
        """The verdict for this CPU and build, if one was made."""
        try:
            data = json.loads(self.path.read_text("utf-8"))
            entry = data.get("verdicts", {}).get(self.key())
            if not isinstance(entry, dict):
                return None
            names = CpuCheckResult.__dataclass_fields__
            return CpuCheckResult(**{k: v for k, v in entry.items() if k in names})
        except (OSError, ValueError, TypeError, AttributeError):
            return None

    def _save(self, result: CpuCheckResult) -> None:
        """Atomically, keeping the verdicts of other builds and CPUs (a shared home folder)."""
        path = self.path
        try:
            data = json.loads(path.read_text("utf-8"))
            verdicts = data.get("verdicts", {}) if isinstance(data, dict) else {}
        except (OSError, ValueError):
            verdicts = {}
        verdicts[result.key] = asdict(result)
        try:
            write_json(path, {"version": CHECK_VERSION, "verdicts": verdicts})
        except OSError as exc:  # a read-only cache: the verdict still holds for this run
            log.warning("could not save the CPU check to %s: %s", path, exc)

    def ensure(self, command: list[str] | None = None, env: dict[str, str] | None = None) -> CpuCheckResult:
        """The verdict, running the check (a few seconds, in a throwaway child) if none is
        kept. Blocks: call it off the GUI thread."""
        with self._lock:
            result = self.cached()
            if result is None:
                result = self._run(command, env)
                if result.source != "unchecked":
                    self._save(result)
            return result

    def _run(self, command: list[str] | None, env: dict[str, str] | None) -> CpuCheckResult:
        from app.infra.engine.client import EngineClient, EngineError

        key = self.key()
        client = EngineClient(command, env, cpu_check=self)
        stage = ""
        seen: dict[str, Any] = {}
        try:
            client.start()
            request = client.check_cpu()
            for event in request.events(timeout=CHECK_TIMEOUT_S):
                kind = event["type"]
                if kind == "check_stage":
                    stage = event.get("stage", "")
                    seen = {k: event[k] for k in ("extra_types", "system_info") if k in event}
                elif kind == "cpu_checked":
                    return _verdict(key, event)
                elif kind == "crashed":
                    return _crashed(key, stage, {**seen, **event})
                elif kind == "error":
                    return CpuCheckResult(
                        key, True, _could_not_run(event.get("message")), "unchecked", checked_at=_now()
                    )
        except EngineError as exc:
            return CpuCheckResult(key, True, _could_not_run(exc), "unchecked", checked_at=_now())
        finally:
            client.close(timeout=5.0)
        reason = translate("CpuCheck", "the check ended without an answer; llama.cpp's default is kept.")
        return CpuCheckResult(key, True, reason, "unchecked", checked_at=_now())

    def record_crash(self, reason: str, extra_types: list[str] | None = None, system_info: str = "") -> CpuCheckResult:
        """A model crashed on its first reply with re-laid-out weights: never again here."""
        with self._lock:
            previous = self.cached()
            result = CpuCheckResult(
                self.key(), False,
                translate("CpuCheck", "a model crashed on its first reply with them on this processor, so Hearth loads without them (a little slower to read prompts, the same answers)."),
                "reply-crash",
                extra_types or (previous.extra_types if previous else []),
                system_info or (previous.system_info if previous else ""),
                _now(), {"crash": reason},
            )  # fmt: skip
            self._save(result)
            return result


def _could_not_run(error: object) -> str:
    return translate("CpuCheck", "the check could not run ({error}); llama.cpp's default is kept.").format(
        error=error
    )


def _verdict(key: str, event: dict[str, Any]) -> CpuCheckResult:
    extra = [str(x) for x in event.get("extra_types", [])]
    detail = {k: event.get(k) for k in ("max_logit_diff", "logit_spread", "finite", "same_tokens", "buffers")}
    kinds = ", ".join(extra) or translate("CpuCheck", "none")
    if not event.get("agree"):
        reason = translate(
            "CpuCheck",
            "with them ({kinds}) a test model computed different numbers than without them on this processor, so Hearth loads without them.",
        ).format(kinds=kinds)
        return CpuCheckResult(key, False, reason, "check", extra, event.get("system_info", ""), _now(), detail)
    reason = (
        translate("CpuCheck", "a test model ran the same with and without them here.")
        if extra
        else translate("CpuCheck", "llama.cpp has no re-laid-out kernels for this processor.")
    )
    return CpuCheckResult(key, True, reason, "check", extra, event.get("system_info", ""), _now(), detail)


def _crashed(key: str, stage: str, event: dict[str, Any]) -> CpuCheckResult:
    detail = {"stage": stage, "exit_code": event.get("exit_code"), "reason": event.get("reason"), "stderr": event.get("stderr", [])[-5:]}
    if stage == "repacked" and is_code_crash(event):
        reason = translate(
            "CpuCheck",
            "llama.cpp's re-laid-out kernels crashed a test model on this processor, so Hearth loads without them (a little slower to read prompts, the same answers).",
        )
        extra = [str(x) for x in event.get("extra_types", [])]
        return CpuCheckResult(key, False, reason, "check", extra, event.get("system_info", ""), _now(), detail)
    # The plain run crashed or the child was killed: not the kernels' fault; check again later.
    reason = translate(
        "CpuCheck", "the check did not finish ({reason}); llama.cpp's default is kept."
    ).format(reason=event.get("reason"))
    return CpuCheckResult(key, True, reason, "unchecked", [], "", _now(), detail)
