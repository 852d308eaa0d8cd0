"""The quantization plan: llama.cpp's tensor-type choice, predicted sizes, and the advice."""

from __future__ import annotations

import math

import pytest

from app.core.gguf_header import GGUFInfo, GGUFTensor
from app.core.quant_plan import (
    QuantPlanError,
    plan_tensors,
    predict_quantized_size,
    quant_advice,
)

_BYTES = {"F32": (1, 4), "F16": (1, 2), "BF16": (1, 2), "Q8_0": (32, 34), "MXFP4": (32, 17)}


def tensor(name: str, *shape: int, type_name: str = "F16") -> GGUFTensor:
    per, size = _BYTES[type_name]
    return GGUFTensor(name, shape, type_name, math.prod(shape) // per * size)


def gpt_oss(layers: int, experts: int, *, embd: int = 2880, vocab: int = 201_088,
            big: str = "F16", exps: str | None = None) -> list[GGUFTensor]:  # fmt: skip
    """gpt-oss's tensor list (real 20b/120b geometry by default); ``exps``: the experts' type."""
    e, q, kv, ff = embd, 64 * 64, 8 * 64, embd
    exps = exps or big
    out = [tensor("token_embd.weight", e, vocab, type_name=big),
           tensor("output_norm.weight", e, type_name="F32"),
           tensor("output.weight", e, vocab, type_name=big)]  # fmt: skip
    for i in range(layers):
        p = f"blk.{i}."
        out += [tensor(p + "attn_norm.weight", e, type_name="F32"),
                tensor(p + "post_attention_norm.weight", e, type_name="F32"),
                tensor(p + "attn_sinks.weight", 64, type_name="F32"),
                tensor(p + "ffn_gate_inp.weight", e, experts, type_name="F32"),
                tensor(p + "ffn_gate_inp.bias", experts, type_name="F32")]  # fmt: skip
        for name, n_in, n_out in (
            ("attn_q", e, q),
            ("attn_k", e, kv),
            ("attn_v", e, kv),
            ("attn_output", q, e),
        ):
            out += [tensor(p + name + ".weight", n_in, n_out, type_name=big),
                    tensor(p + name + ".bias", n_out, type_name="F32")]  # fmt: skip
        for name in ("gate", "up", "down"):
            out += [tensor(p + f"ffn_{name}_exps.weight", e, ff, experts, type_name=exps),
                    tensor(p + f"ffn_{name}_exps.bias", ff, experts, type_name="F32")]  # fmt: skip
    return out


def info(tensors: list[GGUFTensor], path: str = "/models/model.gguf", header: int = 13_000_000) -> GGUFInfo:
    by_type: dict[str, int] = {}
    for t in tensors:
        by_type[t.type_name] = by_type.get(t.type_name, 0) + t.nbytes
    data = sum(-(-t.nbytes // 32) * 32 for t in tensors)
    fields = dict.fromkeys(("name", "block_count", "context_length", "embedding_length", "head_count",
                            "head_count_kv", "key_length", "value_length", "sliding_window",
                            "expert_count", "expert_used_count", "vocab_size", "file_type",
                            "chat_template_sha256", "chat_template"))  # fmt: skip
    return GGUFInfo(path=path, file_size=header + data, version=3, architecture="gpt-oss",
                    tensor_count=len(tensors), tensor_bytes=sum(by_type.values()),
                    tensor_bytes_by_type=by_type, metadata={"general.file_type": 1},
                    tensors=tuple(tensors), data_offset=header, **fields)  # type: ignore[arg-type]  # fmt: skip


def types(tensors: list[GGUFTensor], target: str) -> dict[str, str]:
    return {p.name: p.target_type for p in plan_tensors(tensors, target)}


def test_mxfp4_moe_layout_experts_mxfp4_other_weights_q8_0_rest_kept() -> None:
    plan = types(gpt_oss(1, 4, embd=64, vocab=444, big="F32"), "MXFP4_MOE")
    assert plan["blk.0.ffn_up_exps.weight"] == plan["blk.0.ffn_down_exps.weight"] == "MXFP4"
    for name in ("token_embd.weight", "output.weight", "blk.0.attn_q.weight", "blk.0.attn_output.weight"):
        assert plan[name] == "Q8_0", name
    # 1-D tensors, norms, biases (even 2-D expert biases), the router and the sinks stay F32.
    for name in ("output_norm.weight", "blk.0.attn_norm.weight", "blk.0.attn_q.bias",
                 "blk.0.ffn_up_exps.bias", "blk.0.ffn_gate_inp.weight", "blk.0.attn_sinks.weight"):  # fmt: skip
        assert plan[name] == "F32", name


def test_q8_0_quantizes_every_weight_matrix_the_same() -> None:
    plan = types(gpt_oss(1, 4, embd=64, vocab=444, big="F32"), "Q8_0")
    assert plan["blk.0.ffn_up_exps.weight"] == plan["output.weight"] == plan["token_embd.weight"] == "Q8_0"
    assert plan["blk.0.ffn_gate_inp.weight"] == plan["blk.0.attn_norm.weight"] == "F32"


def test_predicted_tensor_bytes_by_hand() -> None:
    tensors = [tensor("blk.0.ffn_up_exps.weight", 64, 64, 4, type_name="F32"),  # 16,384 values
               tensor("blk.0.attn_q.weight", 64, 256, type_name="F32"),  # 16,384 values
               tensor("blk.0.attn_q.bias", 6, type_name="F32")]  # 24 B, padded to 32  # fmt: skip
    assert predict_quantized_size(tensors, "MXFP4_MOE") == 512 * 17 + 512 * 34 + 32
    assert predict_quantized_size(tensors, "Q8_0") == 512 * 34 * 2 + 32


def test_a_gguf_info_adds_the_header_and_the_keys_the_quantizer_writes() -> None:
    tensors = [tensor("blk.0.attn_q.weight", 64, 256, type_name="F32")]
    header = 32_000
    # general.quantization_version is new (8 + 28 + 4 + 4 bytes), then padded to 32.
    assert predict_quantized_size(info(tensors, header=header), "Q8_0") == header + 64 + 512 * 34


@pytest.mark.parametrize(("layers", "experts", "official"), [
    (24, 32, 12_109_565_632),  # gpt-oss-20b-MXFP4.gguf (lmstudio-community), header included
    (36, 128, int(59.02 * 2**30)),  # gpt-oss-120b MXFP4, the three parts (gpt-oss.md §2)
])  # fmt: skip
def test_real_geometry_from_f16_lands_on_the_official_mxfp4_size(
    layers: int, experts: int, official: int
) -> None:
    predicted = predict_quantized_size(gpt_oss(layers, experts), "MXFP4_MOE")
    assert abs(predicted - official) / official < 0.01  # the real tokenizer header is ~13 MB


def test_rows_a_block_cannot_hold_are_refused_like_llama_cpp_does() -> None:
    tensors = [tensor("blk.0.attn_q.weight", 48, 64, type_name="F16")]
    with pytest.raises(QuantPlanError, match="rows of 48 values"):
        predict_quantized_size(tensors, "Q8_0")
    assert predict_quantized_size([tensor("blk.0.attn_q.bias", 48)], "Q8_0") == 96  # not quantized


def test_unknown_target_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown quantization target"):
        plan_tensors([], "Q4_K_M")


def test_f16_original_is_worth_quantizing() -> None:
    advice = quant_advice(info(gpt_oss(24, 32)), "MXFP4_MOE")
    assert advice.ok and advice.worthwhile
    assert advice.predicted_bytes < advice.current_bytes / 3
    assert "model.gguf" in advice.message and "12.1 GB" in advice.message and "saving" in advice.message


def test_experts_already_mxfp4_quantizing_only_the_rest_gains_little() -> None:
    """unsloth's "F16" 20b: MXFP4 experts, F16 everything else (≈13.8 GB)."""
    advice = quant_advice(info(gpt_oss(24, 32, exps="MXFP4")), "MXFP4_MOE")
    assert advice.ok  # llama.cpp keeps the MXFP4 experts as they are: no requantizing needed
    assert "already MXFP4" in advice.message and "only converts the rest" in advice.message
    assert 0.8 < advice.predicted_bytes / advice.current_bytes < 0.95
    assert "12.1 GB" in advice.message


def test_official_mxfp4_file_is_refused_for_the_same_layout() -> None:
    official = info(gpt_oss(24, 32, big="Q8_0", exps="MXFP4"), path="C:\\m\\gpt-oss-20b-mxfp4.gguf")
    advice = quant_advice(official, "MXFP4_MOE")
    assert not advice.ok and not advice.worthwhile
    assert advice.message.startswith("gpt-oss-20b-mxfp4.gguf is already in the MXFP4_MOE layout")
    assert 0 <= advice.predicted_bytes - advice.current_bytes <= 64  # + general.quantization_version


def test_already_quantized_input_needs_requantizing_which_is_refused() -> None:
    advice = quant_advice(info(gpt_oss(2, 4, big="Q8_0", exps="MXFP4")), "Q8_0")
    assert not advice.ok
    assert "already quantized (MXFP4)" in advice.message and "allow_requantize" in advice.message


def test_a_tiny_saving_is_not_worthwhile() -> None:
    # The official layout plus one small F32 matrix: converting it saves a few bytes.
    tensors = gpt_oss(1, 4, embd=64, vocab=444, big="Q8_0", exps="MXFP4")
    tensors.append(tensor("blk.0.extra.weight", 64, 2, type_name="F32"))
    advice = quant_advice(info(tensors, header=1000), "MXFP4_MOE")
    assert advice.ok and not advice.worthwhile and "hardly worth it" in advice.message
