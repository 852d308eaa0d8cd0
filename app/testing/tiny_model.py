"""A deterministic random-weight gpt-oss model, small enough to write at test time.

The file has the real ``gpt-oss`` architecture, keys and tensor layout, a byte-level BPE
tokenizer with the harmony special tokens in their real order, and OpenAI's real chat
template, so llama.cpp treats it exactly as it treats gpt-oss-20b — only with nonsense
weights. Grammars below make the nonsense arrive in well-formed harmony.

Three presets: ``tiny`` (~0.5 M parameters, loads and answers in milliseconds) for tests and the
self-test, ``bench`` (~83 M parameters) slow enough to time Python overhead against compute, and
``20b``: the full gpt-oss-20b geometry in the real MXFP4 + Q8_0 layout (≈12 GB, random bytes),
for real-scale memory and speed measurements. Tensors are written one at a time, so writing the
12 GB file needs well under 1 GB of RAM.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import os
import random
from importlib import resources
from pathlib import Path
from typing import Any

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


# A call to harmony's built-in python tool from the analysis channel, with fixed code. Block
# <|return|> and <|endoftext|> with a logit bias: the grammar then ends on <|call|>.
def python_call_grammar(code: str) -> str:
    quoted = code.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return (
        'root ::= <|channel|> "analysis" <|message|> text <|end|> <|start|> "assistant" '
        f'<|channel|> "analysis to=python code" <|message|> "{quoted}"\n'
        "text ::= [a-z] [a-z ,.]{2,30}\n"
    )


# A call to a function tool whose arguments are given (the recipient in the channel part).
def function_call_grammar(name: str, arguments: str) -> str:
    quoted = arguments.replace("\\", "\\\\").replace('"', '\\"')
    return (
        'root ::= <|channel|> "analysis" <|message|> text <|end|> <|start|> "assistant" '
        f'<|channel|> "commentary to={name} " <|constrain|> "json" <|message|> "{quoted}"\n'
        "text ::= [a-z] [a-z ,.]{2,30}\n"
    )


# A call to harmony's built-in browser (from the analysis channel, JSON arguments given).
def browser_call_grammar(function: str, arguments: str) -> str:
    quoted = arguments.replace("\\", "\\\\").replace('"', '\\"')
    return (
        'root ::= <|channel|> "analysis" <|message|> text <|end|> <|start|> "assistant" '
        f'<|channel|> "analysis to=browser.{function} " <|constrain|> "json" <|message|> "{quoted}"\n'
        "text ::= [a-z] [a-z ,.]{2,30}\n"
    )


# A reply whose answer is exactly ``answer`` (after some thinking).
def fixed_answer_grammar(answer: str) -> str:
    quoted = answer.replace("\\", "\\\\").replace('"', '\\"')
    return (
        'root ::= <|channel|> "analysis" <|message|> text <|end|> <|start|> "assistant" '
        f'<|channel|> "final" <|message|> "{quoted}"\n'
        "text ::= [a-z] [a-z ,.]{2,30}\n"
    )


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
    # 2-D/3-D weights: a numpy dtype ("float32", "float16"), or "mxfp4" for the real files'
    # layout: experts MXFP4, attention/embeddings/output Q8_0, random bytes.
    big_dtype: str
    n_vocab: int | None = None  # pad the vocabulary to this size (the real one: 201,088)


PRESETS: dict[str, TinyModelSpec] = {
    "tiny": TinyModelSpec(4, 64, 4, 2, 64, 4, 2, 64, 4096, 600, "float32"),
    "bench": TinyModelSpec(8, 512, 8, 2, 64, 8, 2, 768, 8192, 1500, "float16"),
    # The tiny model with a 64k trained context: for prompts as long as coding agents send.
    "tiny-long": TinyModelSpec(4, 64, 4, 2, 64, 4, 2, 64, 65536, 600, "float32"),
    # The CPU check's model: the real files' layout (MXFP4 experts, Q8_0 attention) in shapes
    # every re-laid-out kernel of llama.cpp accepts (rows a multiple of 32), two layers.
    "check": TinyModelSpec(2, 64, 4, 2, 64, 4, 2, 64, 4096, 300, "mxfp4"),
    "20b": TinyModelSpec(24, 2880, 64, 8, 64, 32, 4, 2880, 131072, 600, "mxfp4", 201_088),
}
# Real o200k_harmony ids: the text vocabulary ends at 199,997, the specials above follow.
_REAL_FIRST_SPECIAL = 199_998
# ggml block layouts (32 values each): MXFP4 = 1 E8M0 scale byte + 16 bytes of 4-bit E2M1;
# Q8_0 = f16 scale + 32 int8.
_MXFP4_BLOCK = 17
_Q8_0_BLOCK = 34


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
    normal = int(gguf.TokenType.NORMAL)
    types = [normal] * len(tokens)
    if spec.n_vocab is not None:
        # Filler up to the real special ids: plain ASCII (byte-level BPE maps printable ASCII to
        # itself, so llama.cpp can detokenize them); nothing merges into them, so tokenizing
        # text never produces one. Only the embedding and output sizes need the big vocab.
        tokens += [f"<filler_{i}>" for i in range(_REAL_FIRST_SPECIAL - len(tokens))]
        types = [normal] * len(tokens)
    n_text = len(tokens)
    tokens = tokens + SPECIAL_TOKENS
    types += [int(gguf.TokenType.CONTROL)] * len(SPECIAL_TOKENS)
    if spec.n_vocab is not None:
        extra = spec.n_vocab - len(tokens)
        tokens += [f"<|reserved_{len(tokens) + i}|>" for i in range(extra)]
        types += [int(gguf.TokenType.CONTROL)] * extra
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
    # llama_ftype: 0 all F32, 1 mostly F16, 38 MXFP4_MOE (what the real files say).
    w.add_uint32("general.file_type", {"float32": 0, "float16": 1, "mxfp4": 38}[spec.big_dtype])
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

    plan = _tensor_plan(spec, vocab)
    # The writer would hold every tensor in memory until the end (12 GB for ``20b``): declare
    # them all first, then make and write each one in turn.
    for t in plan:
        nbytes, qtype = _tensor_layout(t, spec.big_dtype)
        # Any dtype but uint8 makes the writer take the shape as elements, not bytes.
        w.add_tensor_info(t.name, t.shape[::-1], np.dtype(np.float32), nbytes, raw_dtype=qtype)
    for key in drop_keys:
        w.kv_data[0].pop(key, None)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_ti_data_to_file()
    rng = np.random.default_rng(seed)
    for t in plan:
        w.write_tensor_data(_tensor_data(t, spec.big_dtype, rng))
    w.close()
    os.replace(tmp, path)
    return path


@dataclasses.dataclass(frozen=True)
class _Tensor:
    name: str
    shape: tuple[int, ...]  # ggml order: row length first
    kind: str  # "big" (a weight matrix), "f32" (random F32) or "ones" (a norm)
    scale: float = 0.02


def _tensor_plan(spec: TinyModelSpec, vocab: int) -> list[_Tensor]:
    """Every tensor in file order; the order also fixes which random numbers each one gets."""
    e, q, kv = spec.n_embd, spec.n_head * spec.head_dim, spec.n_head_kv * spec.head_dim
    f, x = spec.n_ff_exp, spec.n_expert
    plan = [
        _Tensor("token_embd.weight", (e, vocab), "big", 1.0),
        _Tensor("output_norm.weight", (e,), "ones"),
        _Tensor("output.weight", (e, vocab), "big", 0.5),
    ]
    for i in range(spec.n_layer):
        p = f"blk.{i}."
        plan += [
            _Tensor(p + "attn_norm.weight", (e,), "ones"),
            _Tensor(p + "post_attention_norm.weight", (e,), "ones"),
            _Tensor(p + "attn_q.weight", (e, q), "big"),
            _Tensor(p + "attn_q.bias", (q,), "f32"),
            _Tensor(p + "attn_k.weight", (e, kv), "big"),
            _Tensor(p + "attn_k.bias", (kv,), "f32"),
            _Tensor(p + "attn_v.weight", (e, kv), "big"),
            _Tensor(p + "attn_v.bias", (kv,), "f32"),
            _Tensor(p + "attn_output.weight", (q, e), "big"),
            _Tensor(p + "attn_output.bias", (e,), "f32"),
            _Tensor(p + "attn_sinks.weight", (spec.n_head,), "f32", 1.0),
            _Tensor(p + "ffn_gate_inp.weight", (e, x), "f32"),
            _Tensor(p + "ffn_gate_inp.bias", (x,), "f32"),
            _Tensor(p + "ffn_gate_exps.weight", (e, f, x), "big"),
            _Tensor(p + "ffn_gate_exps.bias", (f, x), "f32"),
            _Tensor(p + "ffn_up_exps.weight", (e, f, x), "big"),
            _Tensor(p + "ffn_up_exps.bias", (f, x), "f32"),
            _Tensor(p + "ffn_down_exps.weight", (f, e, x), "big"),
            _Tensor(p + "ffn_down_exps.bias", (e, x), "f32"),
        ]
    return plan


def _tensor_layout(t: _Tensor, big_dtype: str) -> tuple[int, Any]:
    """(bytes, ggml type) of one tensor as written."""
    import gguf

    n = math.prod(t.shape)
    if t.kind != "big":
        return n * 4, gguf.GGMLQuantizationType.F32
    if big_dtype == "mxfp4":
        # Experts (3-D) are MXFP4 in the real files; every other matrix is Q8_0.
        if len(t.shape) == 3:
            return n // 32 * _MXFP4_BLOCK, gguf.GGMLQuantizationType.MXFP4
        return n // 32 * _Q8_0_BLOCK, gguf.GGMLQuantizationType.Q8_0
    if big_dtype == "float16":
        return n * 2, gguf.GGMLQuantizationType.F16
    return n * 4, gguf.GGMLQuantizationType.F32


def _tensor_data(t: _Tensor, big_dtype: str, rng: Any) -> Any:
    """One tensor's bytes, as a numpy array whose size matches ``_tensor_layout``."""
    import numpy as np

    shape = t.shape[::-1]  # numpy shapes are the reverse of ggml's ne order
    if t.kind == "ones":
        return np.ones(shape, dtype=np.float32)
    if t.kind == "f32" or big_dtype in ("float32", "float16"):
        dtype = np.float32 if t.kind == "f32" else np.dtype(big_dtype)
        return (rng.standard_normal(shape, dtype=np.float32) * t.scale).astype(dtype)
    n_blocks = math.prod(t.shape) // 32
    if len(t.shape) == 3:
        blocks = rng.integers(0, 256, (n_blocks, _MXFP4_BLOCK), dtype=np.uint8)
        # E8M0 scale: ggml multiplies the doubled E2M1 codes (|v| <= 12) by 2^(e-128); e in
        # 116..121 gives weights of rms ~0.006..0.05, small and finite (no NaN e=255).
        blocks[:, 0] = 116 + blocks[:, 0] % 6
        return blocks
    blocks = rng.integers(0, 256, (n_blocks, _Q8_0_BLOCK), dtype=np.uint8)
    # f16 scale so that uniform int8 codes (rms ~74) give weights of rms ~``scale``.
    blocks[:, :2] = np.full((n_blocks, 1), t.scale / 74.0, dtype=np.float16).view(np.uint8)
    return blocks


def random_text(n_words: int, seed: int = 0) -> str:
    """Plain English-ish filler for long prompts (deterministic)."""
    words = _CORPUS.replace(".", "").replace(",", "").split()
    r = random.Random(seed)
    return " ".join(r.choice(words) for _ in range(n_words))


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF holding ``text`` (ASCII), written by hand with a correct cross-reference
    table: the self-test reads it back through the app's own PDF extraction without needing a
    PDF writer in the bundle."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 20 50 Td ({safe}) Tj ET".encode("ascii")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj".encode() + body + b"endobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer<</Root 1 0 R/Size {len(objects) + 1}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
