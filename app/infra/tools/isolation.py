"""Confining a child process without administrator rights, as far as the OS allows.

Linux, in the sandbox child before any untrusted code runs (the process must still have one
thread):

1. a new user and network namespace (``unshare``): the child sees only its own loopback
   interface, which is down, so no connection of any kind (TCP, UDP, DNS) leaves it;
2. Landlock (Linux 5.13+): the child may read the Python it runs on and the system's shared
   libraries, and read and write its scratch folder (and folders the person attached), and
   nothing else on disk; on kernels with Landlock ABI 4+ TCP connect and bind are refused as
   well, and with ABI 6+ abstract Unix sockets (a desktop session's) and signals to
   processes outside the sandbox;
3. resource limits: address space, CPU seconds, file size, open files, no core dumps.

Each step reports whether it held, so the window can say what protects the person on this
computer. Other systems get the limits only, and the window says so.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

_SYS_LANDLOCK = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_NO_NEW_PRIVS = 38
# Landlock filesystem rights (ABI 1 unless noted).
_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1, 2, 4, 8
_FS_ALL_ABI1 = (1 << 13) - 1
_FS_REFER = 1 << 13  # ABI 2
_FS_TRUNCATE = 1 << 14  # ABI 3
_FS_IOCTL_DEV = 1 << 15  # ABI 5
_FILE_RIGHTS = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | _FS_TRUNCATE | _FS_IOCTL_DEV
_NET_BIND_TCP, _NET_CONNECT_TCP = 1, 2  # ABI 4
_SCOPE_ABSTRACT_UNIX, _SCOPE_SIGNAL = 1, 2  # ABI 6


@dataclass
class Confinement:
    """What held in this process; ``problems`` says why something did not."""

    network: bool = False  # no network at all (own empty network namespace)
    files: bool = False  # Landlock: only the allowed folders
    tcp: bool = False  # Landlock refuses TCP connect/bind too
    limits: bool = False
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"network": self.network, "files": self.files, "tcp": self.tcp, "limits": self.limits,
                "problems": list(self.problems)}  # fmt: skip


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _errno_text() -> str:
    return os.strerror(ctypes.get_errno())


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="ascii") as f:
        f.write(text)


def leave_network(c: Confinement) -> None:
    """A new user namespace (mapping our own ids, so files stay ours) and an empty network one."""
    uid, gid = os.getuid(), os.getgid()
    libc = _libc()
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        c.problems.append(f"no network namespace: {_errno_text()}")
        return
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except OSError as e:
        # The namespace holds (no network) even when the id maps cannot be written.
        c.problems.append(f"user id map not written: {e.strerror}")
    c.network = True


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def landlock_abi() -> int:
    """The kernel's Landlock ABI version; 0 when it has none."""
    numbers = _SYS_LANDLOCK.get(os.uname().machine) if sys.platform.startswith("linux") else None
    if numbers is None:
        return 0
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    abi = libc.syscall(ctypes.c_long(numbers[0]), None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(0, int(abi))


def restrict_files(c: Confinement, read: Iterable[str], write: Iterable[str]) -> None:
    """Landlock: reading under ``read``, reading and writing under ``write``, nothing else."""
    abi = landlock_abi()
    if abi < 1:
        c.problems.append("this kernel has no Landlock: files are not confined")
        return
    create, add_rule, restrict = _SYS_LANDLOCK[os.uname().machine]
    libc = _libc()
    libc.syscall.restype = ctypes.c_long
    fs = _FS_ALL_ABI1 | (_FS_REFER if abi >= 2 else 0) | (_FS_TRUNCATE if abi >= 3 else 0)
    fs |= _FS_IOCTL_DEV if abi >= 5 else 0
    attr = _RulesetAttr(fs, _NET_BIND_TCP | _NET_CONNECT_TCP if abi >= 4 else 0,
                        _SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL if abi >= 6 else 0)  # fmt: skip
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    ruleset = libc.syscall(
        ctypes.c_long(create), ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0)
    )
    if ruleset < 0:
        c.problems.append(f"Landlock refused the rules: {_errno_text()}")
        return
    try:
        reading = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
        for paths, rights in ((read, reading), (write, fs)):
            for path in paths:
                try:
                    fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
                except OSError:
                    continue  # a folder this system does not have
                try:
                    allowed = rights if os.path.isdir(path) else rights & _FILE_RIGHTS
                    rule = _PathBeneath(allowed & fs, fd)
                    if libc.syscall(ctypes.c_long(add_rule), ctypes.c_int(ruleset), ctypes.c_int(1),
                                    ctypes.byref(rule), ctypes.c_uint32(0)) != 0:  # fmt: skip
                        c.problems.append(f"Landlock rule for {path}: {_errno_text()}")
                finally:
                    os.close(fd)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            c.problems.append(f"no-new-privileges not set: {_errno_text()}")
            return
        if libc.syscall(ctypes.c_long(restrict), ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            c.problems.append(f"Landlock not applied: {_errno_text()}")
            return
        c.files = True
        c.tcp = abi >= 4
    finally:
        os.close(ruleset)


def set_limits(c: Confinement, memory_bytes: int, cpu_seconds: int, file_bytes: int) -> None:
    try:
        import resource
    except ImportError:  # Windows
        c.problems.append("this system has no resource limits for a process")
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError) as e:
        c.problems.append(f"limits not set: {e}")
        return
    c.limits = True


def python_read_paths() -> list[str]:
    """What the running Python needs to read: its installation, its import path, and the
    system's shared libraries (numpy, ssl and the like load them)."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(sys.executable)}
    paths.update(p for p in sys.path if p and os.path.exists(p))
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        paths.add(meipass)
    paths.update(("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/share/zoneinfo", "/etc/localtime",
                  "/dev/null", "/dev/urandom", "/dev/zero"))  # fmt: skip
    return sorted(paths)
