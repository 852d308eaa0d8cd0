"""The python tool, parent side: one confined child per chat, its state kept between calls.

``PythonSandbox.run`` blocks (call it from a worker thread). A cell that runs past its time
is ended by killing the child; so is one that exhausts its memory or CPU limit. Either way
the next call starts a fresh child, and the result says the state was lost.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from app.core.text import translate
from app.infra.engine.protocol import ProtocolError, read_frame, write_frame

MEMORY_BYTES = 2 * 1024**3
FILE_BYTES = 256 * 1024**2


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "--python-sandbox"]
    return [sys.executable, "-m", "app", "--python-sandbox"]


@dataclass(frozen=True)
class CellResult:
    output: str
    error: bool  # the code raised (its traceback is the output), or the child was ended
    reset: bool = False  # the child was ended: the notebook's state is gone


class SandboxError(Exception):
    """The sandbox could not be started."""


class PythonSandbox:
    def __init__(self, scratch: Path, *, timeout_s: float = 60.0, memory_bytes: int = MEMORY_BYTES,
                 attached: tuple[Path, ...] = ()) -> None:  # fmt: skip
        self.scratch = scratch
        self.timeout_s = timeout_s
        self.memory_bytes = memory_bytes
        self.attached = attached
        self.confinement: dict[str, Any] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._frames: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._lock = threading.Lock()

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> dict[str, Any]:
        """Start the child (if it is not running) and return what confinement held."""
        if self.alive and self.confinement is not None:
            return self.confinement
        self.scratch.mkdir(parents=True, exist_ok=True)
        package_root = str(Path(__file__).resolve().parents[3])
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.scratch),
               "LANG": os.environ.get("LANG", "C.UTF-8"), "PYTHONDONTWRITEBYTECODE": "1",
               "PYTHONIOENCODING": "utf-8", "PYTHONPATH": package_root, "MPLBACKEND": "Agg"}  # fmt: skip
        if sys.platform == "win32":
            env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", "")
        try:
            self._proc = subprocess.Popen(
                child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, cwd=self.scratch, env=env, start_new_session=True,
            )  # fmt: skip
        except OSError as e:
            raise SandboxError(
                translate("Tools", "Python could not be started: {reason}").format(reason=e.strerror or e)
            ) from e
        self._frames = queue.Queue()
        assert self._proc.stdout is not None and self._proc.stdin is not None
        threading.Thread(target=self._read, args=(self._proc.stdout, self._frames), daemon=True,
                         name="python-sandbox-reader").start()  # fmt: skip
        write_frame(self._proc.stdin, {
            "memory_bytes": self.memory_bytes, "cpu_seconds": int(self.timeout_s * 4) + 5,
            "file_bytes": FILE_BYTES, "write": [str(p) for p in self.attached],
        })  # fmt: skip
        ready = self._next(timeout=30.0)
        if ready is None or ready.get("type") != "ready":
            self.close()
            raise SandboxError(translate("Tools", "Python's sandbox did not start."))
        self.confinement = dict(ready.get("confinement") or {})
        return self.confinement

    @staticmethod
    def _read(stream: IO[bytes], frames: queue.Queue[dict[str, Any] | None]) -> None:
        try:
            while (frame := read_frame(stream)) is not None:
                frames.put(frame)
        except (OSError, ValueError, ProtocolError):
            pass
        frames.put(None)

    def _next(self, timeout: float) -> dict[str, Any] | None:
        try:
            return self._frames.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError from None

    def run(self, code: str) -> CellResult:
        """Run one cell; never raises for what the code does."""
        with self._lock:
            try:
                self.start()
            except TimeoutError:
                self.close()
                return CellResult(translate("Tools", "Python's sandbox did not start in time."), True, True)
            except SandboxError as e:
                return CellResult(str(e), True, True)
            proc = self._proc
            assert proc is not None and proc.stdin is not None
            try:
                write_frame(proc.stdin, {"code": code})
                frame = self._next(self.timeout_s)
            except TimeoutError:
                self.close()
                text = translate(
                    "Tools",
                    "The code ran for more than {seconds} s and was stopped; Python's state was reset.",
                )
                return CellResult(text.format(seconds=f"{self.timeout_s:g}"), True, True)
            except OSError:
                frame = None
            if frame is None:
                code_ = proc.wait(timeout=5)
                self.close()
                why = _signal_name(code_)
                text = translate(
                    "Tools",
                    "Python stopped ({why}), probably at its memory or time limit; its state was reset.",
                )
                return CellResult(text.format(why=why), True, True)
            return CellResult(str(frame.get("output", "")), bool(frame.get("error")))

    def close(self) -> None:
        proc, self._proc = self._proc, None
        self.confinement = None
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()
        except OSError:
            pass
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL) if hasattr(os, "killpg") else proc.kill()
            except OSError:
                proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()  # the reader sees the end (or a closed file) and stops


def _signal_name(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return translate("Tools", "exit code {code}").format(code=code)
