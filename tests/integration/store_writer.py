"""Writes chat turns to a HistoryStore as fast as it can until it is killed.

Used by the SIGKILL durability test: `python store_writer.py DB` prints `READY <chat_id>`
once its chat exists, then `ACK <turn_id> <n>` after each commit returns, where n is how
many updates of that turn have been committed (0 for the insert). Whatever was ACKed must
be in the database after any kill.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, the repository root is not on sys.path.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.chat_tree import ChatInfo, Turn, new_id
from app.infra.store import HistoryStore

UPDATES = 3


def ack(turn_id: str, n: int) -> None:
    sys.stdout.write(f"ACK {turn_id} {n}\n")
    sys.stdout.flush()


def main(path: Path) -> None:
    store = HistoryStore.open(path)
    chat = ChatInfo(new_id(), title=f"writer {new_id()[:6]}")
    store.create_chat(chat)
    print(f"READY {chat.id}", flush=True)
    parent: str | None = None
    n = 0
    while True:
        n += 1
        user = Turn(new_id(), chat.id, parent, "user", time.time(), text=f"question {n}")
        store.add_turn(user, current_leaf=user.id)
        ack(user.id, 0)
        reply = Turn(new_id(), chat.id, user.id, "assistant", time.time(), status="streaming")
        store.add_turn(reply, current_leaf=reply.id)
        ack(reply.id, 0)
        for k in range(1, UPDATES + 1):
            # Growing text, as while a reply streams: updates rewrite more than one page.
            status = "complete" if k == UPDATES else "streaming"
            reply = replace(reply, text="word " * (200 * k), status=status, stats={"updates": k})
            store.update_turn(reply)
            ack(reply.id, k)
        parent = reply.id


if __name__ == "__main__":
    main(Path(sys.argv[1]))
