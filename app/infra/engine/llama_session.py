"""llama.cpp driven through llama-cpp-python's C API. Imported only by the engine child.

Why the C API and not ``llama_cpp.Llama``: ``Llama`` reuses cached prefixes without checking
the sliding-window cache (silently wrong logits for gpt-oss, gpt-oss.md §5.6), detokenizes
tokens over 32 bytes to nothing (§5.3), compiles the GGUF's chat template on load, and has no
abort callback. This module does its own decode loop, sampling chain, long-token-safe
detokenizing, abortable prompt processing and SWA-aware prefix reuse with checkpoints.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from typing import Any

import llama_cpp.llama_cpp as C

from app.core.llama_log import is_memory_line, parse_buffer_sizes
from app.infra.engine.protocol import LoadSettings, SamplingSettings

HARMONY_CONTROL = ("<|start|>", "<|end|>", "<|message|>", "<|channel|>", "<|constrain|>",
                   "<|return|>", "<|call|>")  # fmt: skip
# Tokens a grammar must never name: end-of-generation ones abort at sampling (§5.7).
_GRAMMAR_FORBIDDEN = ("<|return|>", "<|call|>", "<|endoftext|>")
_KV_TYPES = {"f16": 1, "q8_0": 8, "f32": 0}
_MAX_CHECKPOINTS = 3
_SPECIAL = re.compile(r"<\|[^|<>\s]{1,64}\|>")
_SEGMENT_CACHE = 2048


class LoadError(Exception):
    """The model could not be loaded; ``log`` holds llama.cpp's last lines."""

    def __init__(self, message: str, log: list[str] | None = None) -> None:
        super().__init__(message)
        self.log = log or []


class GenerationError(Exception):
    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind  # "context_full": the prompt does not fit the context


class LlamaLog:
    """Collects llama.cpp's log lines (the only place load failures say why)."""

    def __init__(self, maxlen: int = 400) -> None:
        self.lines: deque[str] = deque(maxlen=maxlen)
        self.count = 0  # lines ever logged: a mark stays meaningful once the deque is full
        # Buffer-size lines, kept apart: a 24-layer model logs ~2,000 lines per load and the
        # model buffer sizes come early, long gone from a short tail by the end of the load.
        self.memory_lines: deque[tuple[int, str]] = deque(maxlen=256)
        self._partial = ""
        # The ctypes callback must stay referenced for as long as llama.cpp may call it.
        self._cb = C.llama_log_callback(self._on_log)
        C.llama_log_set(self._cb, None)

    def _on_log(self, level: int, text: bytes | None, _user: object) -> None:
        if not text:
            return
        self._partial += text.decode("utf-8", "replace")
        while "\n" in self._partial:
            line, self._partial = self._partial.split("\n", 1)
            if line.strip():
                self.lines.append(line.rstrip())
                self.count += 1
                if is_memory_line(line):
                    self.memory_lines.append((self.count, line.rstrip()))

    def mark(self) -> int:
        return self.count

    def since(self, mark: int) -> list[str]:
        n = min(self.count - mark, len(self.lines))
        return list(self.lines)[-n:] if n > 0 else []

    def memory_since(self, mark: int) -> list[str]:
        """The buffer-size lines logged after ``mark``."""
        return [line for n, line in self.memory_lines if n > mark]

    def close(self) -> None:
        C.llama_log_set(C.llama_log_callback(), None)

    def tail(self, n: int = 30) -> list[str]:
        return list(self.lines)[-n:]


_backend_ready = False


def _ensure_backend() -> None:
    global _backend_ready
    if not _backend_ready:
        C.llama_backend_init()
        _backend_ready = True


def default_threads() -> int:
    return max(1, min(8, (os.cpu_count() or 2) - 1))


_STATUS_FIELDS = {"VmRSS:": "rss", "RssAnon:": "rss_anon", "RssFile:": "rss_file"}


def process_memory() -> dict[str, int]:
    """This process's resident memory in bytes: ``rss`` and, on Linux, ``rss_anon`` (heap,
    llama.cpp's own buffers) and ``rss_file`` (mapped file pages: an mmap-loaded model).

    /proc is read directly on Linux so the engine child needs no psutil; elsewhere psutil is
    used when installed, else the answer is empty (the caller reports "unknown").
    """
    if sys.platform.startswith("linux"):
        out: dict[str, int] = {}
        try:
            with open("/proc/self/status", encoding="ascii", errors="replace") as f:
                for line in f:
                    key = _STATUS_FIELDS.get(line.split(None, 1)[0] if line.strip() else "")
                    if key is not None:
                        out[key] = int(line.split()[1]) * 1024  # the kernel writes kB
        except (OSError, ValueError, IndexError):
            return {}
        return out
    try:
        import psutil
    except ImportError:
        return {}
    try:
        return {"rss": int(psutil.Process().memory_info().rss)}
    except Exception:  # psutil raises its own errors on odd platforms: unknown, not fatal
        return {}


def memory_report(
    log_lines: list[str], before: dict[str, int], after_model: dict[str, int], after: dict[str, int]
) -> dict[str, Any]:
    """What one load cost: llama.cpp's buffers (from its log) and the process's RSS around it."""
    report: dict[str, Any] = {
        "buffers": parse_buffer_sizes(log_lines),
        "process": {"before_load": before, "after_model": after_model, "after_context": after},
        "rss_before_load": before.get("rss"),
        "rss_after_load": after.get("rss"),
        "rss_growth": None,
    }
    if "rss" in before and "rss" in after:
        report["rss_growth"] = after["rss"] - before["rss"]
    return report


class _BuftOverride(ctypes.Structure):
    """llama.cpp's llama_model_tensor_buft_override: a regex and the buffer type for matches."""

    _fields_ = [("pattern", ctypes.c_char_p), ("buft", ctypes.c_void_p)]


def _experts_in_ram() -> ctypes.Array[_BuftOverride]:
    """The expert tensors in host memory (what llama.cpp's --cpu-moe does): with the experts,
    95% of gpt-oss's bytes, in system RAM, attention and the rest fit a small GPU."""
    from llama_cpp import _ggml

    lib = _ggml.libggml
    lib.ggml_backend_cpu_buffer_type.restype = ctypes.c_void_p
    lib.ggml_backend_cpu_buffer_type.argtypes = []
    cpu = lib.ggml_backend_cpu_buffer_type()
    overrides = (_BuftOverride * 2)()
    overrides[0].pattern, overrides[0].buft = rb"\.ffn_(up|down|gate)_exps", cpu
    overrides[1].pattern, overrides[1].buft = None, None  # the list ends with an empty entry
    return overrides


class LlamaSession:
    """One loaded model with one context (one conversation's KV cache)."""

    def __init__(
        self,
        path: str,
        settings: LoadSettings,
        log: LlamaLog,
        should_cancel: Callable[[], bool] = lambda: False,
        on_progress: Callable[[float], None] = lambda f: None,
    ) -> None:
        _ensure_backend()
        if settings.kv_type not in _KV_TYPES:
            raise LoadError(
                f"Unknown KV cache type {settings.kv_type!r} (use one of {', '.join(_KV_TYPES)})."
            )
        self.settings = settings
        self._should_stop = should_cancel
        log_mark = log.mark()
        rss_before = process_memory()
        mparams = C.llama_model_default_params()
        mparams.n_gpu_layers = settings.n_gpu_layers
        # 0.3.36 has no use_mmap field (a ctypes struct silently takes unknown attributes):
        # load_mode replaced it. AUTO (the default) maps the file on a CPU.
        if not settings.use_mmap:
            mparams.load_mode = C.LLAMA_LOAD_MODE_NONE
        # llama.cpp's default is on; off loads every CPU weight as it is in the file.
        mparams.use_extra_bufts = settings.repack is not False
        if settings.experts_on_cpu:
            # Kept referenced: llama.cpp reads the list (and its pattern) during the load.
            self._overrides = _experts_in_ram()
            mparams.tensor_buft_overrides = ctypes.cast(self._overrides, ctypes.c_void_p)

        def progress(fraction: float, _user: object) -> bool:
            on_progress(float(fraction))
            return not should_cancel()

        self._progress_cb = C.llama_progress_callback(progress)
        mparams.progress_callback = self._progress_cb
        self.model = C.llama_model_load_from_file(os.fsencode(path), mparams)
        if not self.model:
            if should_cancel():
                raise LoadError("Loading was cancelled.")
            raise LoadError("llama.cpp could not load the model.", log.tail())
        rss_model = process_memory()
        self.vocab = C.llama_model_get_vocab(self.model)
        cparams = C.llama_context_default_params()
        cparams.n_ctx = settings.n_ctx
        cparams.n_batch = settings.n_batch
        cparams.n_ubatch = min(settings.n_ubatch, settings.n_batch)
        cparams.n_seq_max = 1
        cparams.n_threads = settings.n_threads or default_threads()
        cparams.n_threads_batch = settings.n_threads_batch or cparams.n_threads
        cparams.flash_attn_type = (
            C.LLAMA_FLASH_ATTN_TYPE_ENABLED if settings.flash_attn else C.LLAMA_FLASH_ATTN_TYPE_DISABLED
        )
        cparams.swa_full = settings.swa_full
        cparams.type_k = cparams.type_v = _KV_TYPES[settings.kv_type]
        cparams.no_perf = True
        # ggml calls the abort callback after every graph node; a Python callback there costs
        # ~5% of decode speed on small models, so it is installed only while a prompt is
        # processed (long, and the only place a stop cannot wait for the next token).
        self._abort_cb = C.ggml_abort_callback(lambda _data: bool(self._should_stop()))
        self._no_abort_cb = C.ggml_abort_callback()  # NULL
        self.ctx = C.llama_init_from_model(self.model, cparams)
        if not self.ctx:
            C.llama_model_free(self.model)
            self.model = None
            raise LoadError("llama.cpp could not create a context for the model.", log.tail())
        # Measured before anything else is allocated, so the growth is the load's alone.
        self.memory = memory_report(log.memory_since(log_mark), rss_before, rss_model, process_memory())
        self.mem = C.llama_get_memory(self.ctx)
        self.n_ctx = C.llama_n_ctx(self.ctx)
        self.n_vocab = C.llama_vocab_n_tokens(self.vocab)
        self.n_swa = 0 if settings.swa_full else C.llama_model_n_swa(self.model)
        self._special_ids: dict[str, int | None] = {}
        self.control = {tid: name for name in HARMONY_CONTROL if (tid := self._special_id(name)) is not None}
        self.last_reuse = "none"  # how the last prompt reused the cache: none, prefix, checkpoint
        self.cached: list[int] = []  # tokens whose K/V sit in the cache, position = index
        self._checkpoints: list[tuple[int, bytes]] = []  # (pos_max, SWA-only state)
        self._piece_buf = ctypes.create_string_buffer(64)
        # Per-token lookups in the hot loop, filled as tokens are first seen.
        self._pieces: dict[int, bytes] = {}
        self._eog: dict[int, bool] = {}
        self._segments: OrderedDict[str, list[int]] = OrderedDict()

    # -- text <-> tokens -------------------------------------------------------------------
    def tokenize(self, text: str, *, special: bool = True) -> list[int]:
        data = text.encode("utf-8")
        cap = len(data) + 8
        buf = (C.llama_token * cap)()
        n = C.llama_tokenize(self.vocab, data, len(data), buf, cap, False, special)
        if n < 0:
            cap = -n
            buf = (C.llama_token * cap)()
            n = C.llama_tokenize(self.vocab, data, len(data), buf, cap, False, special)
        return list(buf[:n])

    def _special_id(self, name: str) -> int | None:
        """The id of the special token spelled ``name``, or None. A normal token that happens
        to read ``<|x|>`` does not count: llama.cpp only splits text at special ones."""
        if name not in self._special_ids:
            ids = self.tokenize(name, special=True)
            special = C.LLAMA_TOKEN_ATTR_CONTROL | C.LLAMA_TOKEN_ATTR_USER_DEFINED
            ok = len(ids) == 1 and C.llama_vocab_get_attr(self.vocab, ids[0]) & special
            self._special_ids[name] = ids[0] if ok else None
        return self._special_ids[name]

    def _segment(self, text: str) -> list[int]:
        ids = self._segments.get(text)
        if ids is None:
            ids = self._segments[text] = self.tokenize(text, special=True)
            if len(self._segments) > _SEGMENT_CACHE:
                self._segments.popitem(last=False)
        else:
            self._segments.move_to_end(text)
        return ids

    def tokenize_prompt(self, text: str) -> list[int]:
        """Tokenize a rendered prompt, reusing the tokens of messages seen before.

        llama.cpp splits text at special tokens and tokenizes each piece on its own, so
        tokenizing piece by piece gives the same tokens; a follow-up turn then only pays for
        its new messages (tokenizing a long conversation takes tens of milliseconds).
        """
        out: list[int] = []
        pos = 0
        for m in _SPECIAL.finditer(text):
            tid = self._special_id(m.group())
            if tid is None:
                continue
            if m.start() > pos:
                out += self._segment(text[pos : m.start()])
            out.append(tid)
            pos = m.end()
        if pos < len(text):
            out += self._segment(text[pos:])
        return out

    def piece(self, token: int) -> bytes:
        """The bytes of one token, however long (the vocab has tokens up to 256 bytes)."""
        cached = self._pieces.get(token)
        if cached is not None:
            return cached
        buf = self._piece_buf
        n = C.llama_token_to_piece(self.vocab, token, buf, len(buf), 0, False)
        if n < 0:
            self._piece_buf = buf = ctypes.create_string_buffer(-n)
            n = C.llama_token_to_piece(self.vocab, token, buf, len(buf), 0, False)
        self._pieces[token] = piece = buf.raw[:n]
        return piece

    def is_eog(self, token: int) -> bool:
        eog = self._eog.get(token)
        if eog is None:
            eog = self._eog[token] = bool(C.llama_vocab_is_eog(self.vocab, token))
        return eog

    # -- the KV cache ----------------------------------------------------------------------
    def _swa_covers(self, n: int) -> bool:
        pos_min = C.llama_memory_seq_pos_min(self.mem, 0)
        return pos_min <= max(0, n - self.n_swa)

    def reuse_prefix(self, tokens: list[int]) -> int:
        """Keep the longest cached prefix of ``tokens`` that is still correct; return its length."""
        n = 0
        for a, b in zip(self.cached, tokens, strict=False):
            if a != b:
                break
            n += 1
        n = max(0, min(n, len(tokens) - 1))  # decode at least one token to get fresh logits
        self.last_reuse = "prefix" if n > 0 else "none"
        if n > 0 and self.n_swa and not self._swa_covers(n):
            self.last_reuse = "none"
            usable = [cp for cp in self._checkpoints if cp[0] < n]
            n = 0
            if usable:
                pos_max, state = usable[-1]
                buf = (ctypes.c_uint8 * len(state)).from_buffer_copy(state)
                flags = C.LLAMA_STATE_SEQ_FLAGS_SWA_ONLY
                if C.llama_state_seq_set_data_ext(self.ctx, buf, len(state), 0, flags):
                    n = pos_max + 1
                    self.last_reuse = "checkpoint"
        if n <= 0 or not C.llama_memory_seq_rm(self.mem, 0, n, -1):
            C.llama_memory_clear(self.mem, True)
            n = 0
        self.cached = tokens[:n]
        self._checkpoints = [cp for cp in self._checkpoints if cp[0] < n]
        return n

    def _checkpoint(self) -> None:
        """Save the sliding-window cache at the end of the prompt (llama-server does the same):
        the next turn drops this turn's reasoning, so it resumes exactly here."""
        if not self.n_swa or not self.cached:
            return
        flags = C.LLAMA_STATE_SEQ_FLAGS_SWA_ONLY
        size = C.llama_state_seq_get_size_ext(self.ctx, 0, flags)
        buf = (ctypes.c_uint8 * size)()
        got = C.llama_state_seq_get_data_ext(self.ctx, buf, size, 0, flags)
        self._checkpoints.append((len(self.cached) - 1, ctypes.string_at(buf, got)))
        del self._checkpoints[:-_MAX_CHECKPOINTS]

    def _decode(self, tokens: list[int], on_progress: Callable[[int, int], None] | None = None) -> int:
        """Decode ``tokens`` after the cached ones; returns llama_decode's code (2 = aborted)."""
        step = self.settings.n_batch
        for i in range(0, len(tokens), step):
            if i and self._should_stop():
                return 2  # between chunks too: GPU backends do not call the abort callback
            if on_progress is not None and i:
                on_progress(i, len(tokens))
            chunk = tokens[i : i + step]
            arr = (C.llama_token * len(chunk))(*chunk)
            rc = C.llama_decode(self.ctx, C.llama_batch_get_one(arr, len(chunk)))
            if rc != 0:
                # Whatever made it into the cache before the abort or error stays usable.
                kept = C.llama_memory_seq_pos_max(self.mem, 0) + 1
                self.cached = (self.cached + tokens[:i])[: max(kept, 0)]
                return rc
            self.cached.extend(chunk)
        return 0

    # -- sampling --------------------------------------------------------------------------
    def _sampler(self, s: SamplingSettings) -> ctypes.c_void_p:
        chain = C.llama_sampler_chain_init(C.llama_sampler_chain_default_params())
        biases = []
        for key, value in s.logit_bias.items():
            tok = int(key) if str(key).lstrip("-").isdigit() else self._special_id(str(key))
            if tok is None or not 0 <= tok < self.n_vocab:
                C.llama_sampler_free(chain)
                raise GenerationError(f"Unknown token in logit bias: {key!r}")
            biases.append(C.llama_logit_bias(tok, value))
        if biases:
            arr = (C.llama_logit_bias * len(biases))(*biases)
            C.llama_sampler_chain_add(chain, C.llama_sampler_init_logit_bias(self.n_vocab, len(biases), arr))
        if s.grammar:
            if any(t in s.grammar for t in _GRAMMAR_FORBIDDEN):
                C.llama_sampler_free(chain)
                raise GenerationError("A grammar must not name end-of-generation tokens.")
            g = C.llama_sampler_init_grammar(self.vocab, s.grammar.encode("utf-8"), b"root")
            if not g:
                C.llama_sampler_free(chain)
                raise GenerationError("The grammar is not valid GBNF.")
            C.llama_sampler_chain_add(chain, g)
        if s.temperature <= 0:
            C.llama_sampler_chain_add(chain, C.llama_sampler_init_greedy())
            return chain
        if s.top_k > 0:
            C.llama_sampler_chain_add(chain, C.llama_sampler_init_top_k(s.top_k))
        if s.top_p < 1.0:
            C.llama_sampler_chain_add(chain, C.llama_sampler_init_top_p(s.top_p, 1))
        if s.min_p > 0.0:
            C.llama_sampler_chain_add(chain, C.llama_sampler_init_min_p(s.min_p, 1))
        if s.temperature != 1.0:
            C.llama_sampler_chain_add(chain, C.llama_sampler_init_temp(s.temperature))
        seed = s.seed if s.seed is not None else C.LLAMA_DEFAULT_SEED
        C.llama_sampler_chain_add(chain, C.llama_sampler_init_dist(seed & 0xFFFFFFFF))
        return chain

    # -- generation ------------------------------------------------------------------------
    def check_grammar(self, grammar: str) -> str:
        """"" if llama.cpp accepts ``grammar``, else why not (never aborts: §5.7)."""
        if any(t in grammar for t in _GRAMMAR_FORBIDDEN):
            return "it names an end-of-generation token"
        g = C.llama_sampler_init_grammar(self.vocab, grammar.encode("utf-8"), b"root")
        if not g:
            return "llama.cpp could not parse the grammar"
        C.llama_sampler_free(g)
        return ""

    def generate(
        self,
        prompt: list[int],
        sampling: SamplingSettings,
        stats: dict,
        on_prompt_progress: Callable[[int, int], None] | None = None,
        constraints: dict[str, str] | None = None,
    ) -> Iterator[int]:
        """Yield sampled tokens until an end-of-generation token, the limit or a stop.

        ``stats`` is filled in as it goes; ``stats["finish"]`` says why it ended: ``eog``,
        ``length``, ``stopped`` or ``context_full``.

        ``constraints`` maps a message's target (a tool recipient such as
        ``functions.get_weather``, or ``final``) to a checked GBNF grammar: when the model
        opens such a message, its content is sampled under that grammar until the message
        ends; everything else (the analysis, other messages) is sampled freely.
        """
        if not prompt:
            raise GenerationError("The prompt is empty.")
        if len(prompt) >= self.n_ctx:
            raise GenerationError(
                f"The conversation is {len(prompt):,} tokens long but the context holds "
                f"{self.n_ctx:,}. Start a new chat or load the model with a larger context.",
                kind="context_full",
            )
        chain = self._sampler(sampling)
        active = chain  # the chain sampling now: a constrained one inside a constrained message
        produced = 0
        thought = 0  # reasoning tokens so far (counted when a budget or a constraint is watched)
        t_first: float | None = None
        t_last = 0.0
        try:
            t0 = time.perf_counter()
            reused = self.reuse_prefix(prompt)
            stats.update(
                prompt_tokens=len(prompt), cached_tokens=reused, generated_tokens=0, reuse=self.last_reuse
            )
            C.llama_set_abort_callback(self.ctx, self._abort_cb, None)
            try:
                rc = self._decode(prompt[reused:], on_prompt_progress)
            finally:
                C.llama_set_abort_callback(self.ctx, self._no_abort_cb, None)
            t_prompt = time.perf_counter()
            stats["prompt_s"] = t_prompt - t0
            if rc == 2:
                stats["finish"] = "stopped"
                return
            if rc != 0:
                raise GenerationError(f"llama.cpp could not process the prompt (code {rc}).")
            limit = sampling.max_tokens if sampling.max_tokens is not None else self.n_ctx
            # The hot loop: one sample, one decode per token, nothing else that allocates.
            one = (C.llama_token * 1)()
            batch = C.llama_batch_get_one(one, 1)
            ctx, cached, stop, is_eog = self.ctx, self.cached, self._should_stop, self.is_eog
            room = self.n_ctx - 1
            # A constraint also overrides a whole-reply grammar inside its message (tests script
            # the tiny model's headers with one and let the constraint write the content).
            # The reasoning budget: past it, the open analysis is closed and the final answer
            # opened for the model (forced tokens, not sampled). Not with a whole-reply grammar,
            # which would not accept tokens it did not choose.
            budget = sampling.reasoning_budget if not sampling.grammar else None
            watch = bool(constraints) or budget is not None
            header: list[bytes] | None = []  # the open message's header; None inside content
            thinking = False  # inside an analysis message that is not a tool call
            forced: deque[int] = deque()
            control, piece = self.control, self.piece

            def opened(header_text: str) -> None:
                """A message's header ended at <|message|>: constrain it, or count it as reasoning."""
                nonlocal active, thinking
                words = header_text.split()
                thinking = "analysis" in words and not any(w.startswith("to=") for w in words)
                target = _constraint_target(header_text, constraints or {})
                if target is not None:
                    active = self._sampler(_with_grammar(sampling, (constraints or {})[target]))
                    stats.setdefault("constrained", []).append(target)

            if watch and prompt and control.get(prompt[-1]) == "<|message|>":
                # The prompt opened the message itself (a prefilled header): its header decides.
                start = max((i for i, t in enumerate(prompt) if control.get(t) == "<|start|>"), default=-1)
                text = b"".join(b" " if t in control else piece(t) for t in prompt[start + 1 : -1])
                header = None
                opened(text.decode("utf-8", "replace"))
            while True:
                if stop():
                    stats["finish"] = "stopped"
                    return
                token = forced.popleft() if forced else C.llama_sampler_sample(active, ctx, -1)
                if watch:
                    name = control.get(token)
                    if name is None:
                        if header is not None:
                            header.append(piece(token))
                        elif thinking:
                            thought += 1
                            if budget is not None and thought >= budget:
                                forced.extend(self.tokenize("<|end|><|start|>assistant<|channel|>final<|message|>"))
                                stats["reasoning_cut"] = thought
                                thinking = False
                    elif name == "<|message|>" and header is not None:
                        text_ = b"".join(header).decode("utf-8", "replace")
                        header = None
                        opened(text_)
                    elif name in ("<|start|>", "<|channel|>", "<|constrain|>"):
                        if name == "<|start|>" or header is None:
                            header = []
                        header.append(b" ")
                        thinking = False
                    else:  # <|end|> or an end of generation: the message is over
                        if active is not chain:
                            C.llama_sampler_free(active)
                            active = chain
                        header = None
                        thinking = False
                produced += 1
                t_last = time.perf_counter()
                if t_first is None:
                    t_first = t_last
                    stats["ttft_s"] = t_first - t0
                if is_eog(token):
                    stats["finish"] = "eog"
                    stats["eog_token"] = self.control.get(token, "")
                    yield token
                    return
                yield token
                if produced == 1:
                    # The cache still ends with the prompt: checkpoint it now, after the first
                    # token went out, so the copy does not delay it.
                    self._checkpoint()
                if produced >= limit:
                    stats["finish"] = "length"
                    return
                if len(cached) >= room:
                    stats["finish"] = "context_full"
                    return
                one[0] = token
                rc = C.llama_decode(ctx, batch)
                if rc == 0:
                    cached.append(token)
                elif rc == 2:
                    stats["finish"] = "stopped"
                    return
                else:
                    raise GenerationError(f"llama.cpp failed while generating (code {rc}).")
        finally:
            stats["generated_tokens"] = produced
            if thought:
                stats["reasoning_tokens"] = thought
            stats["decode_s"] = (t_last - t_first) if t_first is not None else 0.0
            if constraints and active is not chain:
                C.llama_sampler_free(active)
            C.llama_sampler_free(chain)

    def close(self) -> None:
        if self.ctx:
            C.llama_free(self.ctx)
            self.ctx = None
        if self.model:
            C.llama_model_free(self.model)
            self.model = None


def _constraint_target(header: str, constraints: dict[str, str]) -> str | None:
    """Which constraint (if any) a message header opens: its recipient's, or the final
    answer's for a final-channel message to nobody."""
    words = header.split()
    recipient = next((w[3:] for w in words if w.startswith("to=")), None)
    if recipient is not None:
        return recipient if recipient in constraints else None
    return "final" if "final" in words and "final" in constraints else None


# Inside a constrained message no control token may appear: llama.cpp's grammar matches a
# control token by its text, so "<|end|>" would pass as five characters of a JSON string and
# cut the message short. Only the end-of-generation tokens may end it (the grammar allows
# them once the JSON is complete).
_NOT_IN_CONSTRAINED = ("<|start|>", "<|end|>", "<|message|>", "<|channel|>", "<|constrain|>")


def _with_grammar(sampling: SamplingSettings, grammar: str) -> SamplingSettings:
    """``sampling`` with ``grammar`` in place of any whole-reply grammar, and no control token
    but the ends."""
    import dataclasses

    bias = {**sampling.logit_bias, **{t: -1e30 for t in _NOT_IN_CONSTRAINED}}
    return dataclasses.replace(sampling, grammar=grammar, logit_bias=bias)
