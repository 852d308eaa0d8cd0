"""The reference side of the engine benchmark: a raw llama-cpp-python loop in one process.

Run as ``python -m tests.benchmarks.raw_llama '<json config>'``; prints one JSON line. It uses
the same C API calls any careful app would (decode, sample, token_to_piece), with the same
settings as Hearth's engine, and no IPC, no parsing, no events.
"""

from __future__ import annotations

import ctypes
import json
import sys
import threading
import time

import llama_cpp.llama_cpp as C

NEVER_END = ("<|return|>", "<|call|>", "<|endoftext|>")


class Raw:
    def __init__(self, cfg: dict) -> None:
        C.llama_backend_init()
        self._log = C.llama_log_callback(lambda *_: None)
        C.llama_log_set(self._log, None)
        mp = C.llama_model_default_params()
        self.model = C.llama_model_load_from_file(cfg["model"].encode(), mp)
        self.vocab = C.llama_model_get_vocab(self.model)
        cp = C.llama_context_default_params()
        cp.n_ctx, cp.n_batch, cp.n_ubatch = cfg["n_ctx"], cfg["n_batch"], cfg["n_ubatch"]
        cp.n_threads = cp.n_threads_batch = cfg["n_threads"]
        cp.flash_attn_type = C.LLAMA_FLASH_ATTN_TYPE_ENABLED
        cp.swa_full = False
        cp.no_perf = True
        self.stop = False
        self._abort = C.ggml_abort_callback(lambda _d: self.stop)
        self.ctx = C.llama_init_from_model(self.model, cp)
        self._no_abort = C.ggml_abort_callback()  # NULL: no per-node Python call while decoding
        self.mem = C.llama_get_memory(self.ctx)
        self.n_batch = cfg["n_batch"]
        self.buf = ctypes.create_string_buffer(256)
        self.n_vocab = C.llama_vocab_n_tokens(self.vocab)

    def tokenize(self, text: str) -> list[int]:
        data = text.encode()
        arr = (C.llama_token * (len(data) + 8))()
        n = C.llama_tokenize(self.vocab, data, len(data), arr, len(arr), False, True)
        return list(arr[:n])

    def sampler(self, seed: int) -> ctypes.c_void_p:
        chain = C.llama_sampler_chain_init(C.llama_sampler_chain_default_params())
        biases = [C.llama_logit_bias(self.tokenize(t)[0], -1000.0) for t in NEVER_END]
        arr = (C.llama_logit_bias * len(biases))(*biases)
        C.llama_sampler_chain_add(chain, C.llama_sampler_init_logit_bias(self.n_vocab, len(biases), arr))
        C.llama_sampler_chain_add(chain, C.llama_sampler_init_dist(seed))
        return chain

    def decode(self, tokens: list[int]) -> int:
        for i in range(0, len(tokens), self.n_batch):
            chunk = tokens[i : i + self.n_batch]
            arr = (C.llama_token * len(chunk))(*chunk)
            rc = C.llama_decode(self.ctx, C.llama_batch_get_one(arr, len(chunk)))
            if rc:
                return rc
        return 0

    def run(self, prompt: str, max_tokens: int, seed: int = 1, stop_after_s: float | None = None) -> dict:
        """Cold run: tokenize, process the prompt, generate; times in seconds."""
        C.llama_memory_clear(self.mem, True)
        self.stop = False
        timer = None
        stop_at: list[float] = []
        if stop_after_s is not None:

            def fire() -> None:
                stop_at.append(time.perf_counter())
                self.stop = True

            timer = threading.Timer(stop_after_s, fire)
        chain = self.sampler(seed)
        t0 = time.perf_counter()
        if timer:
            timer.start()
        tokens = self.tokenize(prompt)
        C.llama_set_abort_callback(self.ctx, self._abort, None)  # abortable prompt processing
        rc = self.decode(tokens)
        C.llama_set_abort_callback(self.ctx, self._no_abort, None)
        t_first = t_last = None
        n = 0
        while rc == 0 and n < max_tokens and not self.stop:
            tok = C.llama_sampler_sample(chain, self.ctx, -1)
            C.llama_token_to_piece(self.vocab, tok, self.buf, len(self.buf), 0, False)
            n += 1
            t_last = time.perf_counter()
            if t_first is None:
                t_first = t_last
            one = (C.llama_token * 1)(tok)
            rc = C.llama_decode(self.ctx, C.llama_batch_get_one(one, 1))
        t_end = time.perf_counter()
        C.llama_sampler_free(chain)
        if timer:
            timer.cancel()
        return {
            "ttft_s": (t_first - t0) if t_first else None,
            "decode_tps": (n - 1) / (t_last - t_first) if n > 1 and t_last and t_first else None,
            "generated": n,
            "stopped_in_prompt": t_first is None,
            "stop_latency_s": (t_end - stop_at[0]) if stop_at else None,
        }


def main() -> None:
    """Serve measurements one per input line, so the benchmark can interleave the two sides."""
    cfg = json.loads(sys.argv[1])
    raw = Raw(cfg)
    raw.run(cfg["prompt"], 4)  # warm-up: first-touch page faults of the weights
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        op = json.loads(line)
        kind = op["op"]
        if kind == "ttft":
            out = raw.run(cfg["prompt"], 1)
        elif kind == "decode":
            out = raw.run(cfg["prompt"], cfg["decode_tokens"], seed=op.get("seed", 1))
        elif kind == "stop_gen":
            out = raw.run(cfg["prompt"], 10**6, stop_after_s=cfg["stop_gen_after_s"])
        elif kind == "stop_prompt":
            out = raw.run(cfg["long_prompt"], 1, stop_after_s=cfg["stop_prompt_after_s"])
        else:
            break
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
