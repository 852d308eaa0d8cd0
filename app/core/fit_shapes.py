"""What the memory planner needs to know about a model and about memory speeds.

``ModelShape`` is a model's geometry and its tensor bytes grouped the way llama.cpp places
them (token embedding, output, each repeating layer, the experts inside each layer). It comes
either exactly from a GGUF header or, before a download, from the published geometry of
gpt-oss-20b/-120b laid out as the official MXFP4 files are (docs/gpt-oss.md §1–2). The
bandwidth tables feed the speed estimate in ``app.core.fit``. Pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.gguf_header import GGUFInfo, GGUFTensor
from app.core.repack import matmul_weights

__all__ = ["ModelShape", "cpu_bandwidth_default", "gpt_oss_tensors", "gpu_bandwidth"]

GB = 1_000_000_000
# Official layout (docs §2): experts MXFP4, other matrices Q8_0, norms/biases/router F32.
_BLOCKS = {"F32": (1, 4), "Q8_0": (32, 34), "MXFP4": (32, 17)}  # values per block, bytes
# The real files' header (tokenizer, chat template) is ~13 MB; only used to turn a catalog
# file size into tensor bytes.
HEADER_BYTES = 13_000_000
_GPT_OSS = {  # name: (layers, experts); the rest of the geometry is shared (docs §1)
    "gpt-oss-20b": (24, 32),
    "gpt-oss-120b": (36, 128),
}
_EMBD, _HEADS, _HEADS_KV, _HEAD_DIM, _VOCAB, _CTX, _USED, _WINDOW = (
    2880, 64, 8, 64, 201_088, 131_072, 4, 128,
)  # fmt: skip
_EXPERT_PART = re.compile(r"^blk\.\d+\.ffn_(gate|up|down)_exps\.")
_LAYER = re.compile(r"^blk\.(\d+)\.")


def _tensor(name: str, type_name: str, *shape: int) -> GGUFTensor:
    per, size = _BLOCKS[type_name]
    n = shape[0] // per * size
    for d in shape[1:]:
        n *= d
    return GGUFTensor(name, shape, type_name, n)


def gpt_oss_tensors(n_layer: int, n_expert: int) -> list[GGUFTensor]:
    """The tensor list of a gpt-oss GGUF in the official MXFP4 layout (shapes in ggml order)."""
    e, q, kv, ff = _EMBD, _HEADS * _HEAD_DIM, _HEADS_KV * _HEAD_DIM, _EMBD
    out = [_tensor("token_embd.weight", "Q8_0", e, _VOCAB),
           _tensor("output_norm.weight", "F32", e),
           _tensor("output.weight", "Q8_0", e, _VOCAB)]  # fmt: skip
    for i in range(n_layer):
        p = f"blk.{i}."
        out += [_tensor(p + "attn_norm.weight", "F32", e),
                _tensor(p + "post_attention_norm.weight", "F32", e),
                _tensor(p + "attn_sinks.weight", "F32", _HEADS),
                _tensor(p + "ffn_gate_inp.weight", "F32", e, n_expert),
                _tensor(p + "ffn_gate_inp.bias", "F32", n_expert)]  # fmt: skip
        for name, n_in, n_out in (("attn_q", e, q), ("attn_k", e, kv), ("attn_v", e, kv),
                                  ("attn_output", q, e)):  # fmt: skip
            out += [_tensor(p + name + ".weight", "Q8_0", n_in, n_out),
                    _tensor(p + name + ".bias", "F32", n_out)]  # fmt: skip
        for name, n_in, n_out in (("gate", e, ff), ("up", e, ff), ("down", ff, e)):
            out += [_tensor(p + f"ffn_{name}_exps.weight", "MXFP4", n_in, n_out, n_expert),
                    _tensor(p + f"ffn_{name}_exps.bias", "F32", n_out, n_expert)]  # fmt: skip
    return out


@dataclass(frozen=True)
class ModelShape:
    """A model as the planner sees it. ``layer_bytes[i]`` includes ``expert_bytes[i]``;
    weight_bytes == token_embd_bytes + output_bytes + sum(layer_bytes)."""

    name: str
    n_layer: int
    n_embd: int
    n_head: int
    n_head_kv: int
    head_dim: int  # key_length == value_length for gpt-oss
    sliding_window: int | None  # gpt-oss: 128 tokens on the even layers 0, 2, … (docs §1)
    n_ctx_train: int
    n_vocab: int
    n_expert: int
    n_expert_used: int
    weight_bytes: int
    token_embd_bytes: int  # stays in host RAM even with full offload (llama.cpp's input layer)
    output_bytes: int  # output.weight, output_norm and any other tensor outside the blocks
    layer_bytes: tuple[int, ...]
    expert_bytes: tuple[int, ...]  # ffn_*_exps weights and biases: what --cpu-moe keeps in RAM
    n_ff_exp: int = 0  # one expert's feed-forward width (the MoE intermediates in the compute buffer)
    # The weights llama.cpp multiplies by, with their types and shapes: what its CPU backend
    # may re-lay out for this CPU (app.core.repack). Empty: unknown, nothing is predicted.
    matmuls: tuple[GGUFTensor, ...] = ()

    def is_swa(self, layer: int) -> bool:
        """llama.cpp's gpt-oss pattern: sliding-window attention on even layers."""
        return self.sliding_window is not None and layer % 2 == 0

    def active_layer_bytes(self, layer: int) -> float:
        """Bytes one token reads in this layer: all but the experts, plus its share of them."""
        experts = self.expert_bytes[layer]
        share = self.n_expert_used / self.n_expert if self.n_expert else 1.0
        return self.layer_bytes[layer] - experts + experts * share

    @property
    def active_bytes(self) -> float:
        """Bytes read per generated token (docs §7: ≈2.57 GB for 20b, 3.59 GB for 120b). The
        token embedding is not counted: a token reads one row of it."""
        return self.output_bytes + sum(self.active_layer_bytes(i) for i in range(self.n_layer))

    @classmethod
    def from_tensors(
        cls, tensors: list[GGUFTensor] | tuple[GGUFTensor, ...], *, name: str, n_layer: int,
        n_embd: int, n_head: int, n_head_kv: int, head_dim: int, sliding_window: int | None,
        n_ctx_train: int, n_vocab: int, n_expert: int, n_expert_used: int,
    ) -> ModelShape:  # fmt: skip
        layers, experts = [0] * n_layer, [0] * n_layer
        embd = other = n_ff_exp = 0
        for t in tensors:
            if not n_ff_exp and t.name.endswith("ffn_up_exps.weight") and len(t.shape) > 1:
                n_ff_exp = t.shape[1]  # ggml order: [n_embd, n_ff_exp, n_expert]
            m = _LAYER.match(t.name)
            if m and int(m[1]) < n_layer:
                layers[int(m[1])] += t.nbytes
                if _EXPERT_PART.match(t.name):
                    experts[int(m[1])] += t.nbytes
            elif t.name.startswith("token_embd."):
                embd += t.nbytes
            else:  # output, output_norm, rope tables: placed with the output layer
                other += t.nbytes
        return cls(
            name, n_layer, n_embd, n_head, n_head_kv, head_dim, sliding_window, n_ctx_train,
            n_vocab, n_expert, n_expert_used, sum(t.nbytes for t in tensors), embd, other,
            tuple(layers), tuple(experts), n_ff_exp, matmul_weights(tensors),
        )  # fmt: skip

    @classmethod
    def from_gguf(cls, info: GGUFInfo) -> ModelShape:
        """Exact: every byte figure is summed from the header's tensor list."""
        n_layer = info.block_count or 1 + max(
            (int(m[1]) for t in info.tensors if (m := _LAYER.match(t.name))), default=-1
        )
        n_embd = info.embedding_length or 0
        n_head = info.head_count or 1
        embd = next((t for t in info.tensors if t.name == "token_embd.weight"), None)
        vocab = info.vocab_size or (embd.shape[1] if embd is not None and len(embd.shape) > 1 else 0)
        label = info.name or info.path.replace("\\", "/").rsplit("/", 1)[-1]
        return cls.from_tensors(
            info.tensors, name=label, n_layer=n_layer, n_embd=n_embd, n_head=n_head,
            n_head_kv=info.head_count_kv or n_head,
            head_dim=info.key_length or (n_embd // n_head if n_head else 0),
            sliding_window=info.sliding_window or None,
            n_ctx_train=info.context_length or 4096, n_vocab=vocab,
            n_expert=info.expert_count or 0, n_expert_used=info.expert_used_count or 0,
        )  # fmt: skip

    @classmethod
    def for_catalog(cls, model_id: str, file_size: int | None = None) -> ModelShape | None:
        """Before download: the real geometry in the MXFP4 layout; None for other models.

        When the catalog knows a file size that differs from the MXFP4 layout by more than 2%
        (an F16 or K-quant variant), the non-expert bytes are scaled to match it: nearly every
        gpt-oss GGUF keeps the experts in MXFP4 (docs §2), so the difference lies elsewhere.
        """
        key = next((k for k in _GPT_OSS if model_id == k or model_id.startswith(k + "-")), None)
        if key is None:
            return None
        n_layer, n_expert = _GPT_OSS[key]
        shape = cls.from_tensors(
            gpt_oss_tensors(n_layer, n_expert), name=key, n_layer=n_layer, n_embd=_EMBD,
            n_head=_HEADS, n_head_kv=_HEADS_KV, head_dim=_HEAD_DIM, sliding_window=_WINDOW,
            n_ctx_train=_CTX, n_vocab=_VOCAB, n_expert=n_expert, n_expert_used=_USED,
        )  # fmt: skip
        if file_size is None or file_size <= HEADER_BYTES:
            return shape
        target, experts = file_size - HEADER_BYTES, sum(shape.expert_bytes)
        if abs(target - shape.weight_bytes) <= 0.02 * shape.weight_bytes or target <= experts:
            return shape
        k = (target - experts) / (shape.weight_bytes - experts)
        layers = tuple(
            round((b - x) * k) + x for b, x in zip(shape.layer_bytes, shape.expert_bytes, strict=True)
        )
        embd, out = round(shape.token_embd_bytes * k), round(shape.output_bytes * k)
        return cls(
            key, n_layer, _EMBD, _HEADS, _HEADS_KV, _HEAD_DIM, _WINDOW, _CTX, _VOCAB, n_expert,
            _USED, embd + out + sum(layers), embd, out, layers, shape.expert_bytes,
            shape.n_ff_exp, shape.matmuls,
        )  # fmt: skip


# Memory bandwidth of well-known GPUs and Apple chips, bytes/s (vendor spec sheets). Matched
# as substrings of the device name, most specific first.
_GPU_BANDWIDTH: tuple[tuple[str, float], ...] = tuple((k, v * GB) for k, v in (
    ("h200", 4800), ("h100 pcie", 2000), ("h100 nvl", 3900), ("h100", 3350),
    ("a100-pcie-40", 1555), ("a100", 2039), ("l40s", 864), ("a6000", 768),
    ("rtx pro 6000", 1792), ("5090", 1792), ("5080", 960), ("4090", 1008), ("4080", 717),
    ("4070 ti", 504), ("4070", 504), ("4060 ti", 288), ("4060", 272), ("3090", 936),
    ("3080", 760), ("3070", 448), ("3060", 360), ("gb10", 273), ("spark", 273),
    ("7900 xtx", 960), ("7900 xt", 800),
    ("m1 ultra", 800), ("m2 ultra", 800), ("m3 ultra", 819), ("m1 max", 400), ("m2 max", 400),
    ("m3 max", 400), ("m4 max", 546), ("m1 pro", 200), ("m2 pro", 200), ("m3 pro", 150),
    ("m4 pro", 273), ("m1", 68), ("m2", 100), ("m3", 100), ("m4", 120),
))  # fmt: skip
# An unknown discrete GPU: a conservative mid-range figure (RTX 4060 class is ~270 GB/s).
DEFAULT_GPU_BANDWIDTH = 250 * GB
# Unknown system RAM: dual-channel DDR4-3200 is 51 GB/s, DDR5-5600 90 GB/s; Apple's base
# chips are 68–120 GB/s.
DEFAULT_RAM_BANDWIDTH = 60 * GB
DEFAULT_UNIFIED_BANDWIDTH = 100 * GB


def gpu_bandwidth(name: str) -> float | None:
    """Known bandwidth of a GPU or Apple chip by its name, or None."""
    low = name.lower()
    for key, value in _GPU_BANDWIDTH:
        if re.search(r"(?<![a-z0-9])" + re.escape(key) + r"(?![0-9])", low):
            return value
    return None


def cpu_bandwidth_default(unified_gpu_name: str | None) -> float:
    """System RAM bandwidth when the machine does not say: the chip's on Apple, else a default."""
    if unified_gpu_name is not None:
        return gpu_bandwidth(unified_gpu_name) or DEFAULT_UNIFIED_BANDWIDTH
    return DEFAULT_RAM_BANDWIDTH
