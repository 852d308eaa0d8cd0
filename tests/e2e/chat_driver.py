"""The real app, chatting on its own until it is killed: ``python -m tests.e2e.chat_driver DATA MODEL``.

Builds the real window over the real engine and history, opens the model and sends message
after message through the input box and the Send button. Each time the window shows a
message as sent it prints ``SHOWN <text>``; the kill test holds the app to those lines.
"""

from __future__ import annotations

import itertools
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from app.bootstrap import build_window, configure_privacy
    from app.infra.engine.protocol import LoadSettings, SamplingSettings
    from app.paths import resolve_paths
    from app.testing.tiny_model import HARMONY_REPLY_GRAMMAR

    configure_privacy()
    data, model = sys.argv[1], sys.argv[2]
    app, window, session = build_window(resolve_paths(data))
    session.load_defaults = LoadSettings(n_ctx=4096, n_threads=1, n_threads_batch=1)
    window.chat.sampling = SamplingSettings(grammar=HARMONY_REPLY_GRAMMAR, seed=1,
                                            logit_bias={"<|call|>": -1000.0, "<|endoftext|>": -1000.0})  # fmt: skip
    counter = itertools.count()
    run = os.getpid()

    def send_next(*_: object) -> None:
        n = next(counter)
        if n % 4 == 3:
            window.chat.new_chat()
        window.input.setPlainText(f"message {run}-{n}")
        window.send_button.click()

    def shown(turn) -> None:  # type: ignore[no-untyped-def]
        if turn.role == "user":
            print(f"SHOWN {turn.text}", flush=True)

    window.chat.turn_added.connect(shown)
    window.chat.turn_updated.connect(send_next)
    session.engine.loaded.connect(send_next)
    window.show()
    window.open_model(model)
    print("STARTED", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
