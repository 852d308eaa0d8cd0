"""Tool calls: what Hearth adds to each round trip, and what constrained output costs.

1. A 10-step tool chain on the bench model (8 layers, hidden 512): the model calls harmony's
   python tool ten times (the bench model's grammar writes the calls), each call runs in
   Hearth's real sandbox (allowed for the chat, so nobody is asked), then it answers. Driven
   through the real ChatService, EngineService, ToolService and SQLite history on a Qt event
   loop. Overhead per round trip = (wall time − the model's own time, i.e. each round's time
   to first token plus decode time) ÷ rounds. Reference: the same chain driven by a bare loop
   on the engine client, with the result fed back at once (no Qt, no sandbox, no history).
   Three alternating runs of each; the best is reported, all are recorded.
2. Constrained decode: 256 tokens of a JSON answer held to a schema (an array of integers) vs
   the same 256 tokens unconstrained, tokens/s best of 3. The bench model's vocabulary has a
   few hundred tokens (the table says how many); llama.cpp's grammar checks every candidate
   token, so with the real 201k vocabulary the ratio will be worse than here: measure it with
   real weights where they exist.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from app.core.conversation import Conversation, Message
from app.core.harmony import render_prompt
from app.infra.engine.client import EngineClient
from app.infra.engine.protocol import LoadSettings, SamplingSettings
from app.testing.tiny_model import HARMONY_REPLY_GRAMMAR, python_call_grammar, write_tiny_model
from tests.benchmarks.common import machine, table

STEPS = 10
REPS = 3
CALL_BIAS = {"<|return|>": -1000.0, "<|endoftext|>": -1000.0}
ANSWER_BIAS = {"<|call|>": -1000.0, "<|endoftext|>": -1000.0}
SETTINGS = LoadSettings(n_ctx=8192, n_threads=1, n_threads_batch=1)


def _round(n: int) -> SamplingSettings:
    if n < STEPS:
        return SamplingSettings(grammar=python_call_grammar(f"{n} + 1"), seed=n, logit_bias=dict(CALL_BIAS))
    return SamplingSettings(grammar=HARMONY_REPLY_GRAMMAR, seed=99, logit_bias=dict(ANSWER_BIAS))


def _model_time(stats: dict[str, Any]) -> float:
    return float(stats.get("ttft_s") or 0.0) + float(stats.get("decode_s") or 0.0)


def _hearth_chain(model: Path, folder: Path) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication

    from app.infra.store import HistoryStore
    from app.services.chat_service import ChatService
    from app.services.engine_service import EngineService
    from app.services.tools import ToolService

    app = QCoreApplication.instance() or QCoreApplication([])
    engine = EngineService()
    loaded: list[Any] = []
    engine.loaded.connect(loaded.append)
    engine.load(str(model), SETTINGS)
    while not loaded:
        app.processEvents()
        time.sleep(0.01)
    store = HistoryStore.open(folder / "history.sqlite3")
    tools = ToolService(folder / "tools")
    chat = ChatService(engine, store, lambda: True, tools=tools)
    chat.model_loaded(model.name, SETTINGS.n_ctx)
    chat.new_chat()
    chat.set_tool_enabled("python", True)
    choices = chat.chat_tools()
    choices.always.add("python")
    chat._save_tools(choices)
    chat.sampling_for_round = _round
    rounds: list[dict[str, Any]] = []
    engine.reply_finished.connect(lambda done: rounds.append(dict(done.stats)))
    finished: list[Any] = []
    chat.turn_updated.connect(finished.append)
    # Warm the sandbox and the engine once (a person's first call pays the child's start).
    tools.run(chat.current.info.id, Message.call("python", "0", "code").tool_call, lambda _o: None)  # type: ignore[arg-type]
    tools.runner.wait()
    # Event-driven, as in the app: the loop wakes when a signal arrives, never by polling.
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    chat.turn_updated.connect(lambda _turn: loop.quit())
    t0 = time.perf_counter()
    chat.send("count with python")
    loop.exec()
    wall = time.perf_counter() - t0
    turn = finished[-1]
    results = [m.content for m in turn.messages if m.role == "tool"]
    model_s = sum(_model_time(r) for r in rounds)
    tools.shutdown()
    chat.shutdown()
    engine.shutdown()
    return {"wall_s": wall, "model_s": model_s, "requests": len(rounds), "calls": len(results),
            "results_ok": results == [f"{n + 1}\n" for n in range(STEPS)],
            "overhead_ms_per_round_trip": (wall - model_s) / STEPS * 1000}  # fmt: skip


def _bare_chain(model: Path) -> dict[str, Any]:
    client = EngineClient()
    client.start()
    client.load(model, SETTINGS).wait(timeout=120)
    conv = Conversation([Message.user("count with python")], builtin_tools=("python",))
    messages: list[Message] = []
    rounds: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for n in range(STEPS + 1):
        request = client.generate(conv.with_messages(*messages), _round(n))
        for _ in request.events(timeout=120):
            pass
        done = request.result or {}
        rounds.append(done.get("stats") or {})
        from app.infra.engine.events import typed

        event = typed(done)
        parsed = list(getattr(event, "messages", ()))
        messages.extend(parsed)
        if n < STEPS:
            messages.append(Message.tool_result("python", f"{n + 1}\n", channel="analysis"))
    wall = time.perf_counter() - t0
    model_s = sum(_model_time(r) for r in rounds)
    client.close()
    return {"wall_s": wall, "model_s": model_s, "requests": len(rounds),
            "overhead_ms_per_round_trip": (wall - model_s) / STEPS * 1000}  # fmt: skip


def _decode_rate(client: EngineClient, constraints: dict[str, str]) -> float:
    prompt = render_prompt(Conversation([Message.user("Numbers, please.")])) + "<|channel|>final<|message|>"
    best = 0.0
    for seed in range(3):
        sampling = SamplingSettings(seed=seed, max_tokens=256, constraints=constraints,
                                    logit_bias={"<|call|>": -1000.0, "<|endoftext|>": -1000.0, "<|return|>": -1000.0})  # fmt: skip
        request = client.generate(prompt, sampling)
        for _ in request.events(timeout=300):
            pass
        stats = (request.result or {}).get("stats") or {}
        assert (stats.get("constrained") or []) == (["final"] if constraints else []), stats
        best = max(best, float(stats.get("gen_tps") or 0.0))
    return best


def run() -> dict:
    folder = Path(os.environ.get("HEARTH_BENCH_DIR") or Path.home() / ".cache" / "hearth" / "bench")
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / "bench-gpt-oss.gguf"
    if not model.exists():
        write_tiny_model(model, "bench")
    # Alternating runs, best of REPS each: this machine is shared and noisy.
    hearth_runs, bare_runs = [], []
    for rep in range(REPS):
        hearth_runs.append(_hearth_chain(model, Path(tempfile.mkdtemp(prefix=f"hearth-bench-tools-{rep}-"))))
        bare_runs.append(_bare_chain(model))
    hearth = min(hearth_runs, key=lambda r: r["overhead_ms_per_round_trip"])
    bare = min(bare_runs, key=lambda r: r["overhead_ms_per_round_trip"])
    hearth["all_overheads_ms"] = [round(r["overhead_ms_per_round_trip"], 1) for r in hearth_runs]
    bare["all_overheads_ms"] = [round(r["overhead_ms_per_round_trip"], 1) for r in bare_runs]
    client = EngineClient()
    client.start()
    client.load(model, SETTINGS).wait(timeout=120)
    schema = json.dumps({"type": "array", "items": {"type": "integer"}, "minItems": 400})
    free = _decode_rate(client, {})
    held = _decode_rate(client, {"final": schema})
    vocab = client.model.n_vocab if client.model is not None else None
    client.close()
    ratio = held / free if free else 0.0
    rows = [["", "wall (s)", "model's own (s)", "overhead per round trip (ms)"],
            ["Hearth: chat + sandbox + history", f"{hearth['wall_s']:.2f}", f"{hearth['model_s']:.2f}",
             f"{hearth['overhead_ms_per_round_trip']:.1f}"],
            ["bare engine loop (reference)", f"{bare['wall_s']:.2f}", f"{bare['model_s']:.2f}",
             f"{bare['overhead_ms_per_round_trip']:.1f}"]]  # fmt: skip
    print(f"\n{STEPS}-step python tool chain on {model.name}, best of {REPS} alternating runs; results correct: "
          f"{all(r['results_ok'] for r in hearth_runs)}; Hearth's runs {hearth['all_overheads_ms']} ms, "
          f"the bare loop's {bare['all_overheads_ms']} ms\n")  # fmt: skip
    print(table(rows))
    print(f"\ndecode tokens/s, JSON-constrained {held:.1f} vs free {free:.1f}: ratio {ratio:.3f} "
          f"(vocabulary {vocab} tokens)")  # fmt: skip
    return {
        "goal": {"overhead_ms_per_round_trip": "≤ 20 ms beyond the model's own time",
                 "constrained_decode_ratio": "grammar-constrained decode tokens/s ÷ unconstrained ≥ 0.9"},
        "measured": {"hearth": hearth, "bare_engine": bare, "decode_tps_free": free, "decode_tps_constrained": held,
                     "constrained_decode_ratio": ratio, "n_vocab": vocab,
                     "met": {"overhead": hearth["overhead_ms_per_round_trip"] <= 20, "constrained": ratio >= 0.9}},
        "machine": machine(),
    }  # fmt: skip
