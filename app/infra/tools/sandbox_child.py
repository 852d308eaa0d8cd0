"""The python tool's child process: confine itself, then run code sent by the parent in one
namespace that lives as long as the process (a notebook's state, per chat).

Started as ``hearth --python-sandbox`` (or ``python -m app --python-sandbox``) with its scratch
folder as the working directory. Frames on stdin/stdout as the engine child's (4-byte length
and JSON). The first frame out reports what confinement held; then one ``{"code": …}`` in,
one ``{"output": …, "error": bool}`` out, until stdin closes. What the code prints is
captured; the real stdout (the frames) is moved to a private descriptor first, so code that
writes to fd 1 cannot forge a frame.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import sys
import traceback
from typing import Any

from app.infra.engine.protocol import read_frame, write_frame
from app.infra.tools import isolation

OUTPUT_CAP = 256 * 1024  # characters sent back per cell; the parent cuts again to fit the context


def _confine(settings: dict[str, Any]) -> isolation.Confinement:
    c = isolation.Confinement()
    if sys.platform.startswith("linux"):
        isolation.leave_network(c)
        read = isolation.python_read_paths() + list(settings.get("read", []))
        write = [os.getcwd(), *settings.get("write", [])]
        isolation.restrict_files(c, read, write)
    isolation.set_limits(c, int(settings["memory_bytes"]), int(settings["cpu_seconds"]),
                         int(settings["file_bytes"]))  # fmt: skip
    return c


def _run(code: str, namespace: dict[str, Any]) -> tuple[str, bool]:
    """Run ``code`` like a notebook cell: the value of a last bare expression is printed."""
    out = io.StringIO()
    error = False
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            tree = ast.parse(code, "<cell>", "exec")
            last = tree.body[-1] if tree.body else None
            if isinstance(last, ast.Expr):
                tree.body.pop()
                exec(compile(tree, "<cell>", "exec"), namespace)
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
                if value is not None:
                    print(repr(value))
            else:
                exec(compile(tree, "<cell>", "exec"), namespace)
        except BaseException as exc:
            if isinstance(exc, SystemExit):
                print(f"SystemExit: {exc.code}")
            else:
                lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
                # Drop this module's own frames: the model only needs the cell's.
                print("".join(line for line in lines if __file__ not in line), end="")
            error = True
    return _cap(out.getvalue()), error


def _cap(text: str) -> str:
    """At most OUTPUT_CAP characters (head and tail), as valid UTF-8."""
    if len(text) > OUTPUT_CAP:
        half = OUTPUT_CAP // 2
        text = f"{text[:half]}\n[… {len(text) - 2 * half:,} characters …]\n{text[-half:]}"
    return text.encode("utf-8", "replace").decode("utf-8")


def main() -> int:
    proto_out = os.fdopen(os.dup(1), "wb")
    proto_in = os.fdopen(os.dup(0), "rb")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    settings = read_frame(proto_in) or {}
    confinement = _confine(settings)
    write_frame(proto_out, {"type": "ready", "confinement": confinement.to_dict(), "pid": os.getpid()})
    namespace: dict[str, Any] = {"__name__": "__main__"}
    while True:
        try:
            message = read_frame(proto_in)
        except (OSError, ValueError, json.JSONDecodeError):
            return 1
        if message is None:
            return 0
        output, error = _run(str(message.get("code", "")), namespace)
        write_frame(proto_out, {"type": "result", "output": output, "error": error})


if __name__ == "__main__":
    sys.exit(main())
