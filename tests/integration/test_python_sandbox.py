"""The python tool's sandbox: a real confined child process, real files, a real local server."""

from __future__ import annotations

import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.infra.tools.python_sandbox import PythonSandbox


@pytest.fixture
def box(tmp_path: Path) -> Iterator[PythonSandbox]:
    sandbox = PythonSandbox(tmp_path / "scratch", timeout_s=20)
    yield sandbox
    sandbox.close()


def _confined(box: PythonSandbox, what: str) -> None:
    held = box.start()
    if not sys.platform.startswith("linux"):
        pytest.skip("confinement is Linux-only; other systems get limits and a warning")
    # On Linux the child reports what held; if the kernel refused, it must say why.
    if not held.get(what):
        assert held["problems"], held
        pytest.skip(f"this kernel refused: {held['problems']}")


def test_state_lives_between_cells_and_the_last_expression_is_shown(box: PythonSandbox) -> None:
    assert box.run("x = 6\ny = 7").output == ""
    assert box.run("x * y").output == "42\n"
    result = box.run("1/0")
    assert result.error and "ZeroDivisionError" in result.output and "sandbox_child" not in result.output
    assert box.run("print('still', x)").output == "still 6\n"


def test_no_connection_leaves_the_sandbox(box: PythonSandbox) -> None:
    _confined(box, "network")
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        code = (
            "import socket, urllib.request\n"
            "out = []\n"
            f"for attempt in (lambda: urllib.request.urlopen('http://127.0.0.1:{port}/x', timeout=3),\n"
            f"                lambda: socket.create_connection(('127.0.0.1', {port}), timeout=3),\n"
            "                lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('1.1.1.1', 53)),\n"
            "                lambda: socket.getaddrinfo('example.com', 80)):\n"
            "    try:\n"
            "        attempt(); out.append('connected')\n"
            "    except Exception as e:\n"
            "        out.append(type(e).__name__)\n"
            "out"
        )
        result = box.run(code)
        assert "connected" not in result.output, result.output
        assert result.output.count("Error") + result.output.count("gaierror") + result.output.count("URLError") >= 4
        # The server in this process (the host's loopback) saw nothing.
        assert hits == []
    finally:
        server.shutdown()
        server.server_close()


def test_files_outside_the_scratch_folder_are_out_of_reach(box: PythonSandbox, tmp_path: Path) -> None:
    _confined(box, "files")
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    home_file = Path.home() / ".bashrc"
    read = box.run(f"open({str(secret)!r}).read()")
    assert read.error and "PermissionError" in read.output
    write = box.run(f"open({str(tmp_path / 'planted.txt')!r}, 'w').write('x')")
    assert write.error and not (tmp_path / "planted.txt").exists()
    if home_file.exists():
        assert box.run(f"open({str(home_file)!r}).read()").error
    # Its own folder works, and what it writes stays for the next cell.
    assert box.run("open('notes.txt', 'w').write('kept'); open('notes.txt').read()").output == "'kept'\n"
    assert (tmp_path / "scratch" / "notes.txt").read_text() == "kept"


def test_a_cell_past_its_time_is_stopped_and_the_state_reset(tmp_path: Path) -> None:
    box = PythonSandbox(tmp_path / "scratch", timeout_s=2)
    try:
        box.run("kept = 1")
        result = box.run("while True: pass")
        assert result.error and result.reset and "2 s" in result.output
        after = box.run("kept")
        assert after.error and "NameError" in after.output  # a fresh child: state gone
        assert box.run("1 + 1").output == "2\n"
    finally:
        box.close()


def test_memory_past_the_limit_is_an_error_not_a_crash(tmp_path: Path) -> None:
    box = PythonSandbox(tmp_path / "scratch", timeout_s=20, memory_bytes=512 * 1024**2)
    try:
        result = box.run("block = bytearray(1024**3)")
        assert result.error and "MemoryError" in result.output
        assert box.run("'alive'").output == "'alive'\n"
    finally:
        box.close()


def test_huge_output_is_capped_and_raw_descriptor_writes_cannot_forge_frames(box: PythonSandbox) -> None:
    result = box.run("print('y' * 10_000_000)")
    assert len(result.output) < 300_000 and "characters" in result.output
    # Bytes written straight to the process's stdout and stderr go nowhere.
    forged = box.run("import os\nos.write(1, b'\\x00\\x00\\x00\\x05hello')\nos.write(2, b'noise')\n'after'")
    assert forged.output == "'after'\n"
    assert box.run("40 + 2").output == "42\n"


def test_a_crashed_child_is_reported_and_replaced(box: PythonSandbox) -> None:
    result = box.run("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    assert result.error and result.reset and "SIGKILL" in result.output
    assert box.run("'back'").output == "'back'\n"
