"""A record of every network attempt the process makes, for proving offline mode.

``sys.addaudithook`` sees each ``socket.connect``, ``socket.getaddrinfo`` and friends before
they happen, whatever library makes them. When ``HEARTH_NETWORK_AUDIT`` names a file, Hearth
(and its engine child) append one line per attempt to it; tests read the file, and a person
can use the same switch to check Hearth's offline claim for themselves.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from typing import Any

ENV = "HEARTH_NETWORK_AUDIT"
EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto",
                    "socket.sendmsg", "socket.bind", "urllib.Request"})  # fmt: skip
_installed = False
_lock = threading.Lock()


def install_from_environment() -> bool:
    """Install the hook when the environment asks for it; True if installed."""
    global _installed
    path = os.environ.get(ENV)
    if not path or _installed:
        return False
    pid = os.getpid()

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event not in EVENTS:
            return
        # AF_UNIX sockets are local IPC, not network.
        if args and getattr(args[0], "family", None) == getattr(socket, "AF_UNIX", object()):
            return
        detail = repr(args[1:2] if event in ("socket.connect", "socket.bind") else args[:2])[:200]
        with _lock, open(path, "a", encoding="utf-8") as f:
            f.write(f"{pid} {event} {detail}\n")

    sys.addaudithook(hook)
    _installed = True
    return True


def read_events(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as f:
            return [line.rstrip("\n") for line in f if line.strip()]
    except FileNotFoundError:
        return []
