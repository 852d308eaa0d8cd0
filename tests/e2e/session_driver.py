"""A whole session of the real app: ``python -m tests.e2e.session_driver DATA MODEL OFFLINE``.

Starts Hearth (offline mode on or off) with a download left over from a "previous run" and
one model installed, opens the model manager (catalog, scans for copies and leftovers), asks
for a catalog refresh, loads the model, attaches a folder of documents (a PDF and a long text,
indexed, too large to send whole), chats once (the model searches the documents with its
browser tool, then answers), then quits. Prints ``DONE <status>``.
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
    from app.infra.engine.protocol import LoadSettings, SamplingSettings
    from app.paths import resolve_paths
    from app.testing.tiny_model import HARMONY_REPLY_GRAMMAR, browser_call_grammar
    from tests.integration.test_documents import make_pdf

    data, model, offline = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    paths = resolve_paths(data)
    leftover = {
        "version": 1,
        "items": [{"id": "x1", "state": "downloading", "variant": "ggml-org/gpt-oss-20b-GGUF"}],
    }
    (paths.data / "downloads.json").write_text(json.dumps(leftover), encoding="utf-8")
    app, window, session = build_window(paths, offline=offline)
    session.load_defaults = LoadSettings(n_ctx=2048, n_threads=1, n_threads_batch=1)
    window.chat.sampling = SamplingSettings(grammar=HARMONY_REPLY_GRAMMAR, seed=1,
                                            logit_bias={"<|call|>": -1000.0, "<|endoftext|>": -1000.0})  # fmt: skip
    service = window.models.service
    window.show()
    window.models.show_manager()
    service.refresh_catalog()
    service.library.import_file(model, "reference")

    docs = paths.data / "my-documents"
    docs.mkdir(exist_ok=True)
    make_pdf(docs / "manual.pdf", ["Maintenance: replace the filter every 90 days."])
    (docs / "notes.txt").write_text("Notes about pumps and valves in old mills. " * 200, encoding="utf-8")
    call_bias = {"<|return|>": -1000.0, "<|endoftext|>": -1000.0}
    answer_bias = {"<|call|>": -1000.0, "<|endoftext|>": -1000.0}
    window.chat.sampling_for_round = lambda n: (
        SamplingSettings(grammar=browser_call_grammar("search", '{"query":"filter"}'), seed=2, logit_bias=call_bias)
        if n == 0 else SamplingSettings(grammar=HARMONY_REPLY_GRAMMAR, seed=1, logit_bias=answer_bias)
    )  # fmt: skip

    def ask(cid: str) -> None:
        info = session.documents.collections.get(cid)
        if info is not None and info.state == "idle" and not getattr(ask, "sent", False):
            ask.sent = True  # type: ignore[attr-defined]
            window.input.setPlainText("hello, offline? how often is the filter replaced?")
            window.send_button.click()

    session.documents.changed.connect(ask)

    def replied(turn) -> None:  # type: ignore[no-untyped-def]
        if turn.role == "assistant":
            searched = any(m.role == "tool" and "manual.pdf" in m.content for m in turn.messages)
            print(f"DONE {turn.status}" if searched else f"DONE {turn.status} without-search", flush=True)
            service.tasks.wait(30)
            window.close()

    window.chat.turn_updated.connect(replied)
    session.engine.loaded.connect(lambda _info: window.chat.attach_files([str(docs)]))
    session.engine.load_failed.connect(
        lambda msg: (print(f"DONE load_failed {msg}", flush=True), window.close())
    )
    window.open_model(model)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
