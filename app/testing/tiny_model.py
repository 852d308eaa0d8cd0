"""A deterministic random-weight gpt-oss model, small enough to write at test time.

The file has the real ``gpt-oss`` architecture, keys and tensor layout, a byte-level BPE
tokenizer with the harmony special tokens in their real order, and OpenAI's real chat
template, so llama.cpp treats it exactly as it treats gpt-oss-20b — only with nonsense
weights. Grammars below make the nonsense arrive in well-formed harmony.

Two presets: ``tiny`` (~0.5 M parameters, loads and answers in milliseconds) for tests and the
self-test, ``bench`` (~83 M parameters) slow enough to time Python overhead against compute.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import random
from importlib import resources
from pathlib import Path

# Real gpt-oss special tokens after the text vocabulary, in their real relative order
# (ids 199998..200018 in o200k_harmony).
SPECIAL_TOKENS = [
    "<|startoftext|>",
    "<|endoftext|>",
    "<|reserved_200000|>",
    "<|reserved_200001|>",
    "<|return|>",
    "<|constrain|>",
    "<|reserved_200004|>",
    "<|channel|>",
    "<|start|>",
    "<|end|>",
    "<|message|>",
    "<|reserved_200009|>",
    "<|reserved_200010|>",
    "<|reserved_200011|>",
    "<|call|>",
    "<|reserved_200013|>",
    "<|reserved_200014|>",
    "<|reserved_200015|>",
    "<|reserved_200016|>",
    "<|reserved_200017|>",
    "<|endofprompt|>",
]

# Text the tokenizer learns its merges from: enough English for words to become tokens.
_CORPUS = (
    "the quick brown fox jumps over the lazy dog. hello world, this is a test of the "
    "hearth engine. the user asks a question and the assistant thinks about the answer "
    "before it replies. reasoning is shown apart from the final answer. weather in oslo "
    "is cold and clear today. simple arithmetic: two plus two is four. thank you, "
    "please, yes, no, maybe, model, token, context, memory, private, local, offline."
)
# Long pieces (over 32 bytes, ASCII and multi-byte) so detokenizer tests have real tokens
# that llama-cpp-python's default 32-byte buffer cannot hold.
LONG_PIECES = ("=" * 48, "\u00e9" * 20, "\u2500" * 16)

# A harmony reply: analysis, then final; generation then ends on <|return|> (an EOG token,
# so it is not in the grammar). Block <|call|> and <|endoftext|> with a logit bias.
HARMONY_REPLY_GRAMMAR = r"""
root ::= <|channel|> "analysis" <|message|> text <|end|> <|start|> "assistant" <|channel|> "final" <|message|> text
text ::= [a-z] [a-z ,.]{2,40}
"""

# A tool call with the recipient in the channel part and a constrained JSON argument.
TOOL_CALL_GRAMMAR = r"""
root ::= <|channel|> "analysis" <|message|> text <|end|> <|start|> "assistant" <|channel|> "commentary to=functions.get_weather " <|constrain|> "json" <|message|> "{\"location\":\"" [a-z]{1,12} "\"}"
text ::= [a-z] [a-z ,.]{2,30}
"""


@dataclasses.dataclass(frozen=True)
class TinyModelSpec:
    n_layer: int
    n_embd: int
    n_head: int
    n_head_kv: int
    head_dim: int
    n_expert: int
    n_expert_used: int
    n_ff_exp: int
    context_length: int
    n_merges: int
    big_dtype: str  # numpy dtype of 2-D/3-D weights: "float32" or "float16"


PRESETS: dict[str, TinyModelSpec] = {
    "tiny": TinyModelSpec(4, 64, 4, 2, 64, 4, 2, 64, 4096, 600, "float32"),
    "bench": TinyModelSpec(8, 512, 8, 2, 64, 8, 2, 768, 8192, 1500, "float16"),
}


def _bytes_to_unicode() -> dict[int, str]:
    """GPT-2's reversible byte -> printable character map used by byte-level BPE."""
    bs = list(range(ord("!"), ord("~") + 1))
    bs += list(range(ord("\u00a1"), ord("\u00ac") + 1)) + list(range(ord("\u00ae"), 256))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs, strict=True)}


def _encode_piece(text: str) -> str:
    table = _bytes_to_unicode()
    return "".join(table[b] for b in text.encode("utf-8"))


def build_vocab(n_merges: int) -> tuple[list[str], list[str]]:
    """Byte tokens, merges learned from the corpus, chains for long pieces; no specials."""
    table = _bytes_to_unicode()
    tokens = [table[b] for b in range(256)]
    known = set(tokens)
    merges: list[str] = []

    def add_merge(a: str, b: str) -> None:
        if a + b in known:
            return
        merges.append(f"{a} {b}")
        tokens.append(a + b)
        known.add(a + b)

    # Words split like the gpt-4o pre-tokenizer would: a leading space joins the word.
    words = [_encode_piece(w) for w in _CORPUS.replace(".", " .").replace(",", " ,").split(" ")]
    seqs = [list(_encode_piece(" ")) + list(w) for w in words if w] + [list(w) for w in words]
    learned = 0
    while learned < n_merges:
        counts: dict[tuple[str, str], int] = {}
        for seq in seqs:
            for pair in itertools.pairwise(seq):
                counts[pair] = counts.get(pair, 0) + 1
        if not counts:
            break
        best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
        if counts[best] < 2:
            break
        add_merge(*best)
        learned += 1
        for seq in seqs:
            i = 0
            while i < len(seq) - 1:
                if (seq[i], seq[i + 1]) == best:
                    seq[i : i + 2] = [best[0] + best[1]]
                i += 1
    for piece in LONG_PIECES:
        # Learn the piece the way BPE would, so the tokenizer really produces one token for it.
        seq = list(_encode_piece(piece))
        while len(seq) > 1:
            pairs = list(itertools.pairwise(seq))
            best = max(pairs, key=pairs.count)
            add_merge(*best)
            merged: list[str] = []
            i = 0
            while i < len(seq):
                if i + 1 < len(seq) and (seq[i], seq[i + 1]) == best:
                    merged.append(seq[i] + seq[i + 1])
                    i += 2
                else:
                    merged.append(seq[i])
                    i += 1
            seq = merged
    return tokens, merges


def chat_template() -> str:
    """OpenAI's gpt-oss chat template, as embedded in the real GGUF files."""
    return resources.files("app.testing").joinpath("gpt_oss_chat_template.jinja").read_text("utf-8")


def write_tiny_model(
    path: str | os.PathLike[str],
    preset: str = "tiny",
    *,
    seed: int = 0,
    architecture: str = "gpt-oss",
    drop_keys: tuple[str, ...] = (),
) -> Path:
    """Write a random-weight gpt-oss GGUF to ``path`` (atomically) and return the path.

    The same preset and seed always give the same bytes. ``architecture`` and ``drop_keys``
    make deliberately wrong files for tests of the error messages.
    """
    import gguf  # imported here: only tests and the self-test need it
    import numpy as np

    spec = PRESETS[preset]
    path = Path(path)
    tokens, merges = build_vocab(spec.n_merges)
    n_text = len(tokens)
    tokens = tokens + SPECIAL_TOKENS
    types = [int(gguf.TokenType.NORMAL)] * n_text + [int(gguf.TokenType.CONTROL)] * len(SPECIAL_TOKENS)
    vocab = len(tokens)
    special = {name: n_text + i for i, name in enumerate(SPECIAL_TOKENS)}

    tmp = path.with_name(path.name + ".tmp")
    w = gguf.GGUFWriter(str(tmp), architecture)
    a = architecture
    w.add_name(f"hearth-test-{preset}")
    w.add_uint32(f"{a}.block_count", spec.n_layer)
    w.add_uint32(f"{a}.context_length", spec.context_length)
    w.add_uint32(f"{a}.embedding_length", spec.n_embd)
    w.add_uint32(f"{a}.feed_forward_length", spec.n_ff_exp)
    w.add_uint32(f"{a}.expert_feed_forward_length", spec.n_ff_exp)
    w.add_uint32(f"{a}.attention.head_count", spec.n_head)
    w.add_uint32(f"{a}.attention.head_count_kv", spec.n_head_kv)
    w.add_uint32(f"{a}.attention.key_length", spec.head_dim)
    w.add_uint32(f"{a}.attention.value_length", spec.head_dim)
    w.add_float32(f"{a}.attention.layer_norm_rms_epsilon", 1e-5)
    w.add_uint32(f"{a}.attention.sliding_window", 128)
    w.add_uint32(f"{a}.expert_count", spec.n_expert)
    w.add_uint32(f"{a}.expert_used_count", spec.n_expert_used)
    w.add_float32(f"{a}.rope.freq_base", 150000.0)
    w.add_string(f"{a}.rope.scaling.type", "yarn")
    w.add_float32(f"{a}.rope.scaling.factor", 32.0)
    w.add_uint32(f"{a}.rope.scaling.original_context_length", 4096)
    w.add_uint32("general.file_type", 0 if spec.big_dtype == "float32" else 1)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("gpt-4o")
    w.add_token_list(tokens)
    w.add_token_types(types)
    w.add_token_merges(merges)
    w.add_bos_token_id(special["<|startoftext|>"])
    w.add_eos_token_id(special["<|return|>"])
    w.add_pad_token_id(special["<|endoftext|>"])
    w.add_add_bos_token(False)
    w.add_chat_template(chat_template())

    rng = np.random.default_rng(seed)
    big = np.dtype(spec.big_dtype)

    def tensor(name: str, *shape: int, scale: float = 0.02, dtype: np.dtype = big) -> None:
        # numpy shapes are the reverse of ggml's ne order.
        data = (rng.standard_normal(shape[::-1], dtype=np.float32) * scale).astype(dtype)
        w.add_tensor(name, data)

    def ones(name: str, n: int) -> None:
        w.add_tensor(name, np.ones(n, dtype=np.float32))

    e, q, kv = spec.n_embd, spec.n_head * spec.head_dim, spec.n_head_kv * spec.head_dim
    f, x = spec.n_ff_exp, spec.n_expert
    f32 = np.dtype(np.float32)
    tensor("token_embd.weight", e, vocab, scale=1.0)
    ones("output_norm.weight", e)
    tensor("output.weight", e, vocab, scale=0.5)
    for i in range(spec.n_layer):
        p = f"blk.{i}."
        ones(p + "attn_norm.weight", e)
        ones(p + "post_attention_norm.weight", e)
        tensor(p + "attn_q.weight", e, q)
        tensor(p + "attn_q.bias", q, dtype=f32)
        tensor(p + "attn_k.weight", e, kv)
        tensor(p + "attn_k.bias", kv, dtype=f32)
        tensor(p + "attn_v.weight", e, kv)
        tensor(p + "attn_v.bias", kv, dtype=f32)
        tensor(p + "attn_output.weight", q, e)
        tensor(p + "attn_output.bias", e, dtype=f32)
        tensor(p + "attn_sinks.weight", spec.n_head, scale=1.0, dtype=f32)
        tensor(p + "ffn_gate_inp.weight", e, x, dtype=f32)
        tensor(p + "ffn_gate_inp.bias", x, dtype=f32)
        tensor(p + "ffn_gate_exps.weight", e, f, x)
        tensor(p + "ffn_gate_exps.bias", f, x, dtype=f32)
        tensor(p + "ffn_up_exps.weight", e, f, x)
        tensor(p + "ffn_up_exps.bias", f, x, dtype=f32)
        tensor(p + "ffn_down_exps.weight", f, e, x)
        tensor(p + "ffn_down_exps.bias", e, x, dtype=f32)

    for key in drop_keys:
        w.kv_data[0].pop(key, None)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    os.replace(tmp, path)
    return path


def random_text(n_words: int, seed: int = 0) -> str:
    """Plain English-ish filler for long prompts (deterministic)."""
    words = _CORPUS.replace(".", "").replace(",", "").split()
    r = random.Random(seed)
    return " ".join(r.choice(words) for _ in range(n_words))
