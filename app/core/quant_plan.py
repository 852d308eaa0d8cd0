"""What llama.cpp's quantizer will make of a gpt-oss GGUF, decided before it runs.

``llama_model_quantize`` gives no size estimate and no dry run, and quantizing gpt-oss-20b
takes minutes and gigabytes of disk. This module replays the tensor-type choice of llama.cpp
0.3.36 (``llama_model_quantize_impl`` and ``llama_tensor_get_type`` in src/llama-quant.cpp)
for the two targets Hearth offers, so the app can predict the output size, check free disk
space, and tell the user plainly when quantizing is pointless or will be refused.

Only MXFP4_MOE (ftype 38) and Q8_0 (ftype 7) are modelled. For both, llama.cpp's K-quant and
per-layer rules never fire; what matters is which tensors it quantizes at all and, for
MXFP4_MOE, that 3-D expert tensors become MXFP4 while other weights become Q8_0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.gguf_header import GGUFInfo, GGUFTensor, human_size
from app.core.text import translate

__all__ = ["FTYPES", "PlannedTensor", "QuantAdvice", "QuantPlanError", "plan_tensors",
           "predict_quantized_size", "quant_advice"]  # fmt: skip

# llama_ftype values, and the ggml type each target quantizes weights to by default.
FTYPES: dict[str, int] = {"MXFP4_MOE": 38, "Q8_0": 7}
_BLOCKS: dict[str, tuple[int, int]] = {"Q8_0": (32, 34), "MXFP4": (32, 17)}  # values, bytes
# Types llama.cpp converts from without `allow_requantize` (ggml_is_quantized is false).
_FLOAT_TYPES = frozenset({"F32", "F16", "BF16"})
_INT_TYPES = frozenset({"I8", "I16", "I32", "I64", "F64"})

# Substrings of names llama.cpp never quantizes (norms, the MoE router, and small tensors of
# other architectures, kept so the rule reads like the original).
_NEVER = ("_norm.weight", "ffn_gate_inp.weight", "altup", "laurel", "per_layer_model_proj",
          "ssm_conv1d.weight", "shortconv.conv.weight", "time_mix_first.weight",
          "time_mix_w0.weight", "time_mix_w1.weight", "time_mix_w2.weight",
          "time_mix_v0.weight", "time_mix_v1.weight", "time_mix_v2.weight",
          "time_mix_a0.weight", "time_mix_a1.weight", "time_mix_a2.weight",
          "time_mix_g1.weight", "time_mix_g2.weight", "time_mix_decay_w1.weight",
          "time_mix_decay_w2.weight", "time_mix_lerp_fused.weight", "attn_rel_b.weight",
          ".position_embd.")  # fmt: skip
_NEVER_EXACT = ("position_embd.weight", "token_types.weight")
_ALIGNMENT = 32  # GGUF's default; llama.cpp pads every tensor's data to it


class QuantPlanError(ValueError):
    """llama.cpp would refuse this file for this target; ``str(e)`` says why and what to do."""


@dataclass(frozen=True)
class PlannedTensor:
    name: str
    shape: tuple[int, ...]
    source_type: str
    target_type: str
    source_bytes: int
    target_bytes: int

    @property
    def converted(self) -> bool:
        return self.source_type != self.target_type


def _n_dims(shape: Sequence[int]) -> int:
    """ggml_n_dims: trailing dimensions of 1 do not count."""
    n = len(shape)
    while n > 1 and shape[n - 1] == 1:
        n -= 1
    return n


def _quantizable(name: str, shape: Sequence[int]) -> bool:
    """The name and shape filter at the top of llama.cpp's per-tensor loop."""
    if not name.endswith("weight") or _n_dims(shape) < 2:
        return False
    return not any(s in name for s in _NEVER) and name not in _NEVER_EXACT


def _choose(name: str, shape: Sequence[int], target: str, has_output: bool) -> str:
    """llama_tensor_get_type for MXFP4_MOE and Q8_0."""
    if target == "MXFP4_MOE":
        is_output = name == "output.weight" or (not has_output and name == "token_embd.weight")
        ne2 = shape[2] if len(shape) > 2 else 1
        return "MXFP4" if not is_output and ne2 > 1 else "Q8_0"
    return "Q8_0"  # Q8_0's output tensor and row-size fallbacks are Q8_0 too


def _nbytes(type_name: str, shape: Sequence[int]) -> int:
    values, size = _BLOCKS[type_name]
    n = shape[0] // values * size
    for d in shape[1:]:
        n *= d
    return n


def plan_tensors(tensors: Sequence[GGUFTensor], target: str) -> list[PlannedTensor]:
    """Each tensor's type after quantizing to ``target``; raises QuantPlanError where
    llama.cpp would stop (a row it cannot split into blocks, a type it will not convert)."""
    if target not in FTYPES:
        raise ValueError(f"unknown quantization target {target!r}; expected one of {sorted(FTYPES)}")
    has_output = any(t.name == "output.weight" for t in tensors)
    plan: list[PlannedTensor] = []
    for t in tensors:
        new_type = t.type_name
        if _quantizable(t.name, t.shape):
            new_type = _choose(t.name, t.shape, target, has_output)
            if t.shape[0] % _BLOCKS[new_type][0]:
                raise QuantPlanError(
                    translate(
                        "QuantPlan",
                        "The tensor {tensor} has rows of {values} values, which {type} cannot store (it needs multiples of {block}); llama.cpp cannot quantize this model to {target}.",
                    ).format(tensor=t.name, values=t.shape[0], type=new_type, block=_BLOCKS[new_type][0], target=target)
                )
        if new_type == t.type_name:
            plan.append(PlannedTensor(t.name, t.shape, t.type_name, new_type, t.nbytes, t.nbytes))
            continue
        if t.type_name in _INT_TYPES:
            raise QuantPlanError(
                translate(
                    "QuantPlan", "The tensor {tensor} holds {source_type} values, which llama.cpp cannot convert to {type}."
                ).format(tensor=t.name, source_type=t.type_name, type=new_type)
            )
        target_bytes = _nbytes(new_type, t.shape)
        plan.append(PlannedTensor(t.name, t.shape, t.type_name, new_type, t.nbytes, target_bytes))
    return plan


def _padded(n: int) -> int:
    return -(-n // _ALIGNMENT) * _ALIGNMENT


def _header_growth(info: GGUFInfo) -> int:
    """Keys the quantizer adds: general.quantization_version and general.file_type (u32)."""
    grow = 0
    for key in ("general.quantization_version", "general.file_type"):
        if key not in info.metadata:
            grow += 8 + len(key) + 4 + 4  # key length, key, value type, value
    return grow


def predict_quantized_size(info_or_tensors: GGUFInfo | Sequence[GGUFTensor], target: str) -> int:
    """Bytes llama.cpp will write: the whole file for a GGUFInfo (its header, which the
    quantizer copies, plus the tensor data), only the padded tensor data for a tensor list."""
    if isinstance(info_or_tensors, GGUFInfo):
        tensors: Sequence[GGUFTensor] = info_or_tensors.tensors
        header = _padded(info_or_tensors.data_offset + _header_growth(info_or_tensors))
    else:
        tensors, header = info_or_tensors, 0
    return header + sum(_padded(p.target_bytes) for p in plan_tensors(tensors, target))


@dataclass(frozen=True)
class QuantAdvice:
    """Whether quantizing ``info`` to ``target`` can run (``ok``) and is worth it."""

    target: str
    ok: bool
    worthwhile: bool
    current_bytes: int
    predicted_bytes: int
    message: str


_WORTHWHILE = 0.05  # saving less than 5% of the file is not worth a second copy on disk


def quant_advice(info: GGUFInfo, target: str) -> QuantAdvice:
    """One plain sentence or two on what quantizing this file to ``target`` would do."""
    name, current = info.path.replace("\\", "/").rsplit("/", 1)[-1], info.file_size

    def advice(ok: bool, worthwhile: bool, predicted: int, message: str) -> QuantAdvice:
        return QuantAdvice(target, ok, worthwhile, current, predicted, message)

    try:
        plan = plan_tensors(info.tensors, target)
    except QuantPlanError as exc:
        return advice(False, False, 0, str(exc))
    predicted = predict_quantized_size(info, target)
    changed = [p for p in plan if p.converted]
    if not changed:
        return advice(False, False, predicted, translate(
            "QuantPlan", "{name} is already in the {target} layout; quantizing it again would only make an identical copy."
        ).format(name=name, target=target))  # fmt: skip
    requant = sorted({p.source_type for p in changed if p.source_type not in _FLOAT_TYPES})
    if requant:
        return advice(False, False, predicted, translate(
            "QuantPlan",
            "{name} is already quantized ({types}), and llama.cpp refuses to quantize such tensors again (each round loses quality; it would need allow_requantize). Quantize the F16 or BF16 original to {target} instead.",
        ).format(name=name, types=", ".join(requant), target=target))  # fmt: skip
    saved = current - predicted
    sizes = translate("QuantPlan", "{current} now, about {predicted} as {target}").format(
        current=human_size(current), predicted=human_size(predicted), target=target
    )
    mxfp4 = info.tensor_bytes_by_type.get("MXFP4", 0)
    if mxfp4 >= 0.5 * max(info.tensor_bytes, 1):
        share = round(100 * mxfp4 / info.tensor_bytes)
        lead = translate(
            "QuantPlan",
            "The experts in {name} ({share}% of its weights) are already MXFP4, so quantizing only converts the rest",
        ).format(name=name, share=share)
    else:
        lead = translate("QuantPlan", "Quantizing {name} converts {changed} of its {total} tensors").format(
            name=name, changed=len(changed), total=len(plan)
        )
    if saved < _WORTHWHILE * current:
        if saved > 0:
            text = translate("QuantPlan", "{lead}: {sizes} — saving little, so it is hardly worth it.")
        else:
            text = translate("QuantPlan", "{lead}: {sizes} — a larger file, so it is hardly worth it.")
        return advice(True, False, predicted, text.format(lead=lead, sizes=sizes))
    return advice(
        True,
        True,
        predicted,
        translate("QuantPlan", "{lead}: {sizes}, saving {saved} ({percent}%).").format(
            lead=lead, sizes=sizes, saved=human_size(saved), percent=round(100 * saved / current)
        ),
    )
