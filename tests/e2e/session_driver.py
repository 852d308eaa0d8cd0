"""A whole session of the real app: ``python -m tests.e2e.session_driver DATA MODEL OFFLINE``.

Starts Hearth (offline mode on or off) with a download left over from a "previous run" and
one model installed, opens the model manager (catalog, scans for copies and leftovers), asks
for a catalog refresh, loads the model, chats once, then quits. Prints ``DONE <status>``.
Run with HEARTH_NETWORK_AUDIT=FILE so every network attempt is written down.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from app.infra.netaudit import install_from_environment

    install_from_environment()
    from app.bootstrap import build_window
    from app.infra.engine_protocol import LoadSettings, SamplingSettings
    from app.paths import resolve_paths
    from app.testing.tiny_model import HARMONY_REPLY_GRAMMAR

    data, model, offline = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    paths = resolve_paths(data)
    leftover = {
        "version": 1,
        "items": [{"id": "x1", "state": "downloading", "variant": "ggml-org/gpt-oss-20b-GGUF"}],
    }
    (paths.data / "downloads.json").write_text(json.dumps(leftover), encoding="utf-8")
    app, window, engine = build_window(paths, offline=offline)
    engine.load_settings = LoadSettings(n_ctx=2048, n_threads=1, n_threads_batch=1)
    window.chat.sampling = SamplingSettings(grammar=HARMONY_REPLY_GRAMMAR, seed=1,
                                            logit_bias={"<|call|>": -1000.0, "<|endoftext|>": -1000.0})  # fmt: skip
    service = window.models.service
    window.show()
    window.models.show_manager()
    service.refresh_catalog()
    service.library.import_file(model, "reference")

    def replied(turn) -> None:  # type: ignore[no-untyped-def]
        if turn.role == "assistant":
            print(f"DONE {turn.status}", flush=True)
            service.tasks.wait(30)
            window.close()

    window.chat.turn_updated.connect(replied)
    engine.loaded.connect(
        lambda _info: (window.input.setPlainText("hello, offline?"), window.send_button.click())
    )
    engine.load_failed.connect(lambda msg: (print(f"DONE load_failed {msg}", flush=True), window.close()))
    window.open_model(model)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
