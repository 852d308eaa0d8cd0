"""One cold start for the ui benchmark: ``python -m tests.benchmarks.ui_start MODE DATA_DIR``.

MODE ``hearth`` builds Hearth's real window (``app.bootstrap.build_window``) over DATA_DIR;
MODE ``bare`` shows an empty ``QMainWindow`` of a bare PySide6 ``QApplication`` (what any
PySide6 app pays). Either way the window is shown, and once it has been painted for the first
time one JSON line is printed: the wall-clock time (``time.time()``, compared with the
parent's clock before it spawned this process) and this process's resident memory (VmRSS).
Then the window is closed (Hearth's closeEvent shuts its services down) and the process exits.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def rss_mib() -> float:
    with open("/proc/self/status", encoding="utf-8") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str]) -> int:
    mode, data_dir = argv[0], argv[1]
    if mode == "hearth":
        from app.bootstrap import build_window, configure_privacy
        from app.paths import resolve_paths

        configure_privacy()
        app, window, _session = build_window(resolve_paths(data_dir))
    elif mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1100, 760)
    else:
        print(f"unknown mode {mode!r}", file=sys.stderr)
        return 2

    from PySide6.QtCore import QEvent, QObject, QTimer

    done: dict = {}

    def report() -> None:
        # How many references to None, True and False the process has to lose (see ui.py).
        refs = {"None": sys.getrefcount(None), "True": sys.getrefcount(True), "False": sys.getrefcount(False)}
        print(json.dumps({"t": done["t"], "rss_mib": rss_mib(), "mode": mode, "refs": refs}), flush=True)
        window.close()
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not done:
                # The first paint event has arrived; the report runs once this paint pass
                # (the whole window, drawn into the backing store) has finished.
                done["t"] = None
                QTimer.singleShot(0, stamp)
            return False

    def stamp() -> None:
        done["t"] = time.time()
        report()

    painted = FirstPaint()
    window.installEventFilter(painted)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
