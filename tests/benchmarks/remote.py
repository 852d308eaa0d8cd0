"""Remote engine: the same model through a server directly vs through Hearth's remote engine.

``python -m tests.benchmarks remote``. One llama-cpp-python server process (its OpenAI server,
``python -m llama_cpp.server``) serves the bench model on 127.0.0.1. Both sides send the same
streaming raw completion (Hearth's harmony prompt, a grammar that keeps the tiny model writing,
``max_tokens`` 256, the same seed), alternating, 5 runs each:

- **direct**: ``http.client`` reads the Server-Sent Events itself; TTFT = request sent → first
  chunk with text; decode tokens/s = (chunks − 1) ÷ (last chunk − first chunk).
- **Hearth**: ``RemoteClient.generate`` and its typed events, as the chat service reads them;
  TTFT = request → ``ReplyStarted`` arrives; decode = (tokens − 1) ÷ (``ReplyDone`` arrives −
  ``ReplyStarted`` arrived). Hearth parses harmony and batches events every ~30 ms as the local
  engine does, so its last batch can arrive up to that much after the last token.

Goals (issue 14): decode tokens/s ratio ≥ 0.98; added TTFT ≤ 10 ms (medians).
"""

from __future__ import annotations

import http.client
import json
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from app.core.conversation import Conversation, Message
from app.core.harmony import render_prompt
from app.infra.engine.events import ReplyDone, ReplyStarted
from app.infra.engine.protocol import SamplingSettings
from app.infra.engine.remote import RemoteClient, RemoteServer
from app.testing.tiny_model import write_tiny_model
from tests.benchmarks.common import machine, table
from tests.fixtures.openai_servers import LlamaServer

REPS = 5
MAX_TOKENS = 256
GRAMMAR = 'root ::= <|channel|> "analysis" <|message|> [a-z ,.]{2000}'  # longer than max_tokens
CONV = Conversation(effort="low").with_messages(Message.user("Write a long paragraph about the sea."))


def direct(url: str, seed: int) -> dict:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port or 80, timeout=120)
    body = {"model": "bench", "prompt": render_prompt(CONV), "stream": True, "max_tokens": MAX_TOKENS,
            "temperature": 1.0, "top_p": 1.0, "seed": seed, "grammar": GRAMMAR}  # fmt: skip
    sent = time.perf_counter()
    conn.request("POST", "/v1/completions", json.dumps(body).encode(), {"Content-Type": "application/json"})
    response = conn.getresponse()
    stamps: list[float] = []
    for line in response:
        if not line.startswith(b"data: "):
            continue
        data = line[6:].strip()
        if data == b"[DONE]":
            break
        chunk = json.loads(data)
        if (chunk.get("choices") or [{}])[0].get("text"):
            stamps.append(time.perf_counter())
    conn.close()
    return {"ttft_ms": (stamps[0] - sent) * 1000, "tokens": len(stamps),
            "tps": (len(stamps) - 1) / (stamps[-1] - stamps[0])}  # fmt: skip


def hearth(client: RemoteClient, seed: int) -> dict:
    sampling = SamplingSettings(grammar=GRAMMAR, max_tokens=MAX_TOKENS, seed=seed)
    sent = time.perf_counter()
    request = client.generate(CONV, sampling)
    started = done_at = 0.0
    done: ReplyDone | None = None
    for event in request.typed_events(120):
        if isinstance(event, ReplyStarted):
            started = time.perf_counter()
        elif isinstance(event, ReplyDone):
            done_at, done = time.perf_counter(), event
    assert done is not None and done.finish in ("length", "return"), done
    n = int(done.stats["generated_tokens"])
    return {"ttft_ms": (started - sent) * 1000, "tokens": n, "tps": (n - 1) / (done_at - started)}


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        model = write_tiny_model(Path(tmp) / "bench-gpt-oss.gguf", "bench")
        server = LlamaServer(model, alias="bench")
        try:
            client = RemoteClient(RemoteServer(server.url, model="bench", kind="llama-cpp-python", path="raw"))
            direct(server.url, 0)  # warm-up: the model's first request, the page cache
            hearth(client, 0)
            runs: dict[str, list[dict]] = {"direct": [], "hearth": []}
            for i in range(REPS):
                runs["direct"].append(direct(server.url, i + 1))
                runs["hearth"].append(hearth(client, i + 1))
            client.close()
        finally:
            server.stop()

    def med(side: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[side])

    ratio = med("hearth", "tps") / med("direct", "tps")
    paired = statistics.median(h["tps"] / d["tps"] for h, d in zip(runs["hearth"], runs["direct"], strict=True))
    added = med("hearth", "ttft_ms") - med("direct", "ttft_ms")
    print(f"bench model through llama-cpp-python's server, {REPS} alternating runs of {MAX_TOKENS} tokens\n")
    print(table([
        ["", "decode tok/s (median)", "TTFT ms (median)", "tokens"],
        ["direct (http.client, SSE)", f"{med('direct', 'tps'):.1f}", f"{med('direct', 'ttft_ms'):.1f}",
         str(runs["direct"][0]["tokens"])],
        ["Hearth RemoteClient", f"{med('hearth', 'tps'):.1f}", f"{med('hearth', 'ttft_ms'):.1f}",
         str(runs["hearth"][0]["tokens"])],
    ]))  # fmt: skip
    print(f"\ndecode ratio {ratio:.3f} (paired median {paired:.3f}; goal ≥ 0.98); added TTFT {added:.1f} ms (goal ≤ 10)")
    return {
        "benchmark": "remote",
        "machine": machine(),
        "goal": {"decode_ratio": "Hearth's remote engine ÷ the server directly, decode tokens/s ≥ 0.98",
                 "added_ttft_ms": "≤ 10 ms"},
        "measured": {"decode_ratio": round(ratio, 4), "paired_ratio_median": round(paired, 4),
                     "added_ttft_ms": round(added, 2), "runs": runs},
        "reference": "the same streaming request read directly with http.client",
        "met": {"decode_ratio": ratio >= 0.98, "added_ttft": added <= 10},
    }
