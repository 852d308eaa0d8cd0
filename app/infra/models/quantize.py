"""Quantize a gpt-oss GGUF on this computer (for example an F16 fine-tune to MXFP4_MOE).

llama.cpp's quantizer runs in a child process (``app.infra.models.quantize_host``): it can abort
the process, reports progress only in its log and cannot be cancelled, so the child prints
progress lines and cancelling kills it. The child writes ``<dst>.tmp`` next to the
destination; only a finished file whose header checks out is fsynced and renamed to ``dst``.
Every way of failing leaves neither file behind.

``QuantizeJob.run`` blocks: call it from a worker thread. This module never loads llama.cpp.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path

from app.core.gguf_header import GGUFError, human_size, read_gguf_header
from app.core.quant_plan import FTYPES, quant_advice
from app.core.text import translate
from app.infra.cancel import Cancelled
from app.infra.engine.load_errors import explain_load_failure
from app.infra.files import free_space

__all__ = ["QuantizeCancelled", "QuantizeError", "QuantizeJob", "default_threads",
           "explain_quantize_failure", "quantize_host_command"]  # fmt: skip

_POLL_S = 0.1  # how often a blocked run() looks at should_stop between progress lines


class QuantizeError(Exception):
    """Quantizing failed or was refused; ``str(e)`` is a sentence for a person."""


class QuantizeCancelled(Cancelled):
    """Quantizing was stopped on request; nothing was left on disk."""


def default_threads() -> int:
    """Half the cores: quantizing runs in the background while the user may be chatting."""
    return max(1, (os.cpu_count() or 2) // 2)


def quantize_host_command() -> list[str]:
    """How to start the quantizer child: the frozen app itself, or this Python with -m app."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--quantize-host"]
    return [sys.executable, "-m", "app", "--quantize-host"]


def explain_quantize_failure(src: str, dst: str, target: str, log: list[str]) -> str:
    """One sentence from llama.cpp's log on why quantizing ``src`` failed."""
    name = Path(src).name
    text = "\n".join(log)
    found = re.search(r"requantizing from type (\w+) is disabled", text)
    if found:
        return translate(
            "Quantize",
            "{file} already holds {type} tensors, and llama.cpp will not quantize them again. Quantize the F16 or BF16 original to {target} instead.",
        ).format(file=name, type=found[1].upper(), target=target)
    if "Unsupported tensor size" in text:
        return translate(
            "Quantize",
            "{file} has a tensor whose rows {target} cannot store, so llama.cpp cannot quantize it.",
        ).format(file=name, target=target)
    if re.search(r"iostream error|No space left|failed to open .*\.tmp", text):
        return translate(
            "Quantize",
            "Writing {file} failed: the disk may be full or the folder read-only. Free up space or choose another folder.",
        ).format(file=Path(dst).name)
    assertion = _assertion(log)
    if assertion:
        return translate(
            "Quantize", "llama.cpp stopped on an internal error while quantizing {file} ({detail})."
        ).format(file=name, detail=assertion)
    # The loader's reasons read the same as when a model is opened, minus the quantizer's prefix.
    log = [re.sub(r"^.*?failed to quantize:\s*", "", ln) for ln in log]
    fallback = translate("Quantize", "llama.cpp could not quantize {file}.").format(file=name)
    return explain_load_failure(src, log, fallback)


def _assertion(log: list[str]) -> str:
    """The failed GGML_ASSERT, without the build machine's source path in front of it."""
    line = next((ln for ln in reversed(log) if "GGML_ASSERT" in ln), "")
    return line[line.find("GGML_ASSERT") :].strip() if line else ""


def _describe_exit(returncode: int, log: list[str], src: str, dst: str, target: str) -> str:
    if returncode >= 0:
        reason = explain_quantize_failure(src, dst, target, log)
        return translate("Quantize", "{reason} (The quantizer exited with code {code}.)").format(
            reason=reason, code=returncode
        )
    sig = -returncode
    name = (
        signal.Signals(sig).name
        if sig in signal.Signals._value2member_map_
        else translate("Quantize", "signal {number}").format(number=sig)
    )
    if sig == getattr(signal, "SIGKILL", 9):
        return translate(
            "Quantize",
            "The quantizer was killed ({signal}), most often because the computer ran out of memory. Close other programs and try again.",
        ).format(signal=name)
    detail = _assertion(log)
    if detail:  # an abort on a failed check: usually a file llama.cpp does not expect
        return translate(
            "Quantize",
            "The quantizer crashed ({signal}) while quantizing {file} on an internal check ({detail}); the file may be damaged or made by an incompatible converter.",
        ).format(signal=name, file=Path(src).name, detail=detail)
    return translate("Quantize", "The quantizer crashed ({signal}) while quantizing {file}.").format(
        signal=name, file=Path(src).name
    )


class QuantizeJob:
    """One quantization of ``src`` to ``dst`` as ``target`` ("MXFP4_MOE" or "Q8_0")."""

    def __init__(self, src: Path, dst: Path, target: str, threads: int | None = None) -> None:
        if target not in FTYPES:
            raise ValueError(f"unknown quantization target {target!r}; expected one of {sorted(FTYPES)}")
        self.src, self.dst, self.target = Path(src), Path(dst), target
        self.tmp = self.dst.with_name(self.dst.name + ".tmp")
        self.threads = default_threads() if threads is None else max(1, threads)
        self.predicted_bytes: int | None = None  # known once run() has read the header
        self.log: deque[str] = deque(maxlen=300)  # llama.cpp's log, minus per-tensor lines
        self._cancel = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def cancel(self) -> None:
        """Stop at once, from any thread; run() then cleans up and raises QuantizeCancelled."""
        self._cancel.set()
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()

    # -- before the child ------------------------------------------------------------------
    def check(self) -> str:
        """Raise GGUFError or QuantizeError if this job cannot run; else the advice sentence."""
        try:
            info = read_gguf_header(self.src)  # a GGUFError already says what to do
        except OSError as exc:
            raise QuantizeError(
                translate(
                    "Quantize",
                    "{file} could not be read ({error}). Check that the file exists and that you may read it.",
                ).format(file=self.src.name, error=exc.strerror or exc)
            ) from exc
        parts = info.metadata.get("split.count")
        if isinstance(parts, int) and parts > 1:
            raise QuantizeError(
                translate(
                    "Quantize",
                    "{file} is one part of a model split into {count} files; Hearth can only quantize single-file models.",
                ).format(file=self.src.name, count=parts)
            )
        if self.dst.resolve() == self.src.resolve():
            raise QuantizeError(
                translate(
                    "Quantize", "Choose a different name for the quantized file: it would replace its source."
                )
            )
        if self.dst.exists():
            message = translate("Quantize", "{file} already exists in {folder}; choose another name.")
            raise QuantizeError(message.format(file=self.dst.name, folder=self.dst.parent))
        advice = quant_advice(info, self.target)
        if not advice.ok:
            raise QuantizeError(advice.message)
        self.predicted_bytes = advice.predicted_bytes
        self._check_space(advice.predicted_bytes)
        return advice.message

    def _check_space(self, predicted: int) -> None:
        folder = self.dst.parent
        try:
            free = free_space(folder)
        except OSError as exc:
            message = translate("Quantize", "The folder {folder} cannot be used ({error}).")
            raise QuantizeError(message.format(folder=folder, error=exc.strerror or exc)) from exc
        margin = max(100_000_000, predicted // 50)  # the filesystem and the OS need room too
        if free < predicted + margin:
            raise QuantizeError(
                translate(
                    "Quantize",
                    "Quantizing {file} needs about {needed} free in {folder} ({file_size} for the file, plus {margin} to spare), but only {free} is free. Free up space or choose another folder.",
                ).format(
                    file=self.src.name,
                    needed=human_size(predicted + margin),
                    folder=folder,
                    file_size=human_size(predicted),
                    margin=human_size(margin),
                    free=human_size(free),
                )
            )

    # -- the child -------------------------------------------------------------------------
    def _start(self) -> subprocess.Popen[bytes]:
        env = dict(os.environ)
        env.pop("LLAMA_CPP_LIB_PATH", None)  # never load native code from an inherited path
        env["PYTHONUNBUFFERED"] = "1"
        root = str(Path(__file__).resolve().parents[3])
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        command = [*quantize_host_command(), str(self.src), str(self.tmp), self.target, str(self.threads)]
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window on Windows
        return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, creationflags=flags)  # fmt: skip

    def _read_stderr(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            if line and not (line.startswith("[") and "size =" in line):  # these come as PROGRESS
                self.log.append(line)

    def run(self, on_progress: Callable[[int, int], None] | None = None,
            should_stop: Callable[[], bool] | None = None) -> Path:  # fmt: skip
        """Quantize; returns ``dst``. Raises GGUFError or QuantizeError (with a sentence),
        or QuantizeCancelled. ``on_progress(i, n)`` is called from this thread."""
        stop = should_stop or (lambda: False)
        if self._cancel.is_set() or stop():
            raise QuantizeCancelled()
        self.check()
        self._discard()  # a temporary file left by a run that died with the app is ours
        try:
            return self._run_child(on_progress, stop)
        except BaseException:
            self._discard()
            raise

    def _run_child(self, on_progress: Callable[[int, int], None] | None, stop: Callable[[], bool]) -> Path:
        proc = self._proc = self._start()
        if self._cancel.is_set():  # cancel() came while the child was starting
            proc.kill()
        lines: queue.Queue[str | None] = queue.Queue()

        def read_stdout() -> None:
            assert proc.stdout is not None
            for raw in proc.stdout:
                lines.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
            lines.put(None)

        readers = [threading.Thread(target=read_stdout, name="quantize-out", daemon=True),
                   threading.Thread(target=self._read_stderr, args=(proc,), name="quantize-err", daemon=True)]  # fmt: skip
        for thread in readers:
            thread.start()
        done: int | None = None
        error = ""
        try:
            while True:
                if self._cancel.is_set() or stop():
                    self.cancel()
                    break
                try:
                    line = lines.get(timeout=_POLL_S)
                except queue.Empty:
                    continue
                if line is None:
                    break
                word, _, rest = line.partition(" ")
                if word == "PROGRESS" and on_progress is not None:
                    i, _, n = rest.partition(" ")
                    on_progress(int(i), int(n))
                elif word == "DONE":
                    done = int(rest)
                elif word == "ERROR":
                    error = rest
        finally:
            if proc.poll() is None and (self._cancel.is_set() or done is None):
                proc.kill()
            returncode = proc.wait()
            for thread in readers:
                thread.join(timeout=5)
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
        if self._cancel.is_set():
            raise QuantizeCancelled()
        if returncode != 0 or done is None:
            log = list(self.log)
            raise QuantizeError(
                error or _describe_exit(returncode, log, str(self.src), str(self.tmp), self.target)
            )
        return self._finish()

    def _finish(self) -> Path:
        try:
            info = read_gguf_header(self.tmp)
        except (GGUFError, OSError) as exc:
            message = translate("Quantize", "The quantized file failed its check, so it was deleted: {error}")
            raise QuantizeError(message.format(error=exc)) from exc
        if info.file_type != FTYPES[self.target]:
            message = translate(
                "Quantize", "llama.cpp wrote {file_type} instead of {target}; the file was deleted."
            )
            raise QuantizeError(message.format(file_type=f"{info.file_type=}", target=self.target))
        with open(self.tmp, "rb+") as f:  # llama.cpp closes the file without syncing it
            os.fsync(f.fileno())
        os.replace(self.tmp, self.dst)
        if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
            fd = os.open(self.dst.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        return self.dst

    def _discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.tmp.unlink()
