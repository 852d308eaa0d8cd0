"""The quantizer child process: runs one ``llama_model_quantize`` call and reports on it.

Started by ``QuantizeJob`` as ``python -m app --quantize-host SRC DST_TMP TARGET [THREADS]``
(or the frozen app with the same flag). llama.cpp can abort the process, has no progress
callback and cannot be cancelled, so it runs here: the parent reads progress from the lines
below and cancels by killing this process.

Protocol, one line each on the original stdout (UTF-8):

    PROGRESS i N     tensor i of N is written
    DONE bytes       the output is complete; its size
    ERROR sentence   quantizing failed; the sentence is meant for a person

Everything else — llama.cpp's log, Python tracebacks, native prints — goes to stderr, which
the parent keeps to explain failures. The exit status is 0 after DONE and nonzero otherwise.
"""

from __future__ import annotations

import ctypes
import os
import re
import stat
import sys
import threading
from typing import IO, Any

from app.core.quant_plan import FTYPES
from app.infra.models.quantize import explain_quantize_failure

_PROGRESS = re.compile(r"^\[\s*(\d+)/\s*(\d+)\]")


class _Reporter:
    """Turns llama.cpp's log into protocol lines; the log itself goes on to stderr."""

    def __init__(self, proto: IO[str]) -> None:
        self._proto = proto
        self._partial = ""
        self.lines: list[str] = []

    def send(self, *parts: object) -> None:
        text = " ".join(str(p) for p in parts).replace("\n", " ").replace("\r", " ")
        self._proto.write(text + "\n")
        self._proto.flush()

    def on_log(self, _level: int, text: bytes | None, _user: object) -> None:
        if not text:
            return
        # llama.cpp logs one tensor's line in pieces and ends it after converting the tensor,
        # so a finished "[ i/ N] ..." line means tensor i is done.
        self._partial += text.decode("utf-8", "replace")
        while "\n" in self._partial:
            line, self._partial = self._partial.split("\n", 1)
            if not line.strip():
                continue
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
            # A tensor's line is finished by its sizes; an error that cut it short is not.
            match = _PROGRESS.match(line)
            if match and "size =" in line:
                self.send("PROGRESS", match[1], match[2])
            self.lines.append(line)
            del self.lines[:-200]  # the tail explains a failure; keep memory flat

    def tail(self) -> list[str]:
        """The log's last lines, including a line llama.cpp never finished."""
        return [*self.lines, self._partial] if self._partial.strip() else list(self.lines)


def _exit_when_parent_goes() -> None:
    """The parent holds our stdin open; if it dies, stop instead of writing on alone."""
    # os.read, not sys.stdin: a daemon thread holding a buffered reader's lock aborts the
    # interpreter at shutdown.
    while os.read(0, 4096):
        pass
    os._exit(3)


def main(argv: list[str]) -> int:
    # Keep the real stdout for the protocol and point fd 1 at stderr, so printf from native
    # code can never break a protocol line.
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    reporter = _Reporter(proto)
    if len(argv) not in (3, 4) or argv[2] not in FTYPES or (len(argv) == 4 and not argv[3].isdigit()):
        reporter.send("ERROR", f"Usage: --quantize-host SRC DST TARGET [THREADS], TARGET one of "
                               f"{', '.join(FTYPES)}; got {argv!r}.")  # fmt: skip
        return 2
    src, dst, target = argv[0], argv[1], argv[2]
    threads = int(argv[3]) if len(argv) == 4 else 0  # 0: llama.cpp uses every core
    if stat.S_ISFIFO(os.fstat(0).st_mode):  # started by QuantizeJob, not by hand
        threading.Thread(target=_exit_when_parent_goes, daemon=True).start()
    try:
        import llama_cpp.llama_cpp as C
    except Exception as exc:  # a broken install: say so rather than print a traceback only
        reporter.send("ERROR", f"llama.cpp could not be loaded ({type(exc).__name__}: {exc}).")
        return 1
    # The ctypes callback must stay referenced for as long as llama.cpp may call it:
    # a collected callback segfaults (gpt-oss.md §5.8).
    callback: Any = C.llama_log_callback(reporter.on_log)
    C.llama_log_set(callback, None)
    try:
        C.llama_backend_init()
        params = C.llama_model_quantize_default_params()
        params.ftype = FTYPES[target]
        params.nthread = threads
        params.allow_requantize = False  # every round of quantizing loses quality
        status = C.llama_model_quantize(os.fsencode(src), os.fsencode(dst), ctypes.byref(params))
        if status != 0:
            reporter.send("ERROR", explain_quantize_failure(src, dst, target, reporter.tail()))
            return 1
        reporter.send("DONE", os.path.getsize(dst))
        return 0
    finally:
        # llama.cpp must not call into a Python that is shutting down.
        C.llama_log_set(C.llama_log_callback(), None)
