"""The rules for which weights llama.cpp re-lays out on each CPU family (app.core.repack).

Each case names the CPU family whose llama.cpp path it covers; the integration tests
(test_memory_prediction, test_cpu_check) then check the same rules against what llama.cpp
logs on the CPU the suite runs on.
"""

from __future__ import annotations

import pytest

from app.core.fit import LoadOptions, Machine, ModelShape, plan, repack_plan
from app.core.fit_shapes import gpt_oss_tensors
from app.core.gguf_header import GGUFTensor
from app.core.repack import CpuKernels, repack_buffers, repack_target

GiB = 1 << 30
# What llama.cpp 0.3.36 prints on each family (the CPU part of llama_print_system_info).
AVX2 = "CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | OPENMP = 1 | REPACK = 1 | "
AVX512 = AVX2.replace("BMI2 = 1 |", "BMI2 = 1 | AVX512 = 1 | AVX512_VNNI = 1 |")
AMX = AVX512.replace("AVX512_VNNI = 1 |", "AVX512_VNNI = 1 | AVX512_BF16 = 1 | AMX_INT8 = 1 |")
NEON = "CPU : NEON = 1 | ARM_FMA = 1 | FP16_VA = 1 | MATMUL_INT8 = 1 | DOTPROD = 1 | OPENMP = 1 | REPACK = 1 | "
KERNELS = {
    "amd-avx2": CpuKernels.from_system_info(AVX2, ["CPU_REPACK"]),
    "intel-avx512": CpuKernels.from_system_info(AVX512, ["CPU_REPACK"]),
    "intel-amx": CpuKernels.from_system_info(AMX, ["AMX", "CPU_REPACK"]),
    "arm-neon": CpuKernels.from_system_info(NEON, ["CPU_REPACK"]),
}
TWENTY_B = gpt_oss_tensors(24, 32)


def _bytes(kind: str, names: tuple[str, ...]) -> int:
    return sum(t.nbytes for t in TWENTY_B if t.type_name == kind and t.name.endswith(names))


EXPERTS = _bytes("MXFP4", ("_exps.weight",))
Q8_MATMULS = _bytes("Q8_0", ("attn_q.weight", "attn_k.weight", "attn_v.weight", "attn_output.weight")) + next(
    t.nbytes for t in TWENTY_B if t.name == "output.weight"
)


def test_system_info_is_read_for_the_cpu_backend_only() -> None:
    k = CpuKernels.from_system_info(AMX + "CUDA : ARCHS = 900 | USE_GRAPHS = 1 | ", ["AMX", "CPU_REPACK"])
    assert k.has("AMX_INT8") and k.has("AVX2") and not k.has("NEON")
    assert "ARCHS" not in k.features and "USE_GRAPHS" not in k.features
    assert k.describe() == "AMX, CPU_REPACK"


def test_avx2_repacks_the_mxfp4_experts_and_keeps_q8_0_as_it_is() -> None:
    """AMD (and Intel without AMX): CPU_REPACK takes MXFP4 with rows in eights; x86 has no
    Q8_0 repack. The experts' copies have the same size as the originals."""
    r = repack_buffers(TWENTY_B, KERNELS["amd-avx2"])
    assert set(r.copies) == {"CPU_REPACK"}
    assert r.originals["CPU_REPACK"] == EXPERTS == 10_152_345_600  # what llama.cpp logged on EPYC
    assert r.copies["CPU_REPACK"] == EXPERTS


def test_amx_takes_the_q8_0_matrices_in_a_larger_layout() -> None:
    """Intel Sapphire Rapids and later with an AMX build: Q8_0 2-D weights go to AMX first
    (4 more bytes per 34-byte block), the experts still to CPU_REPACK (AMX has no MoE kernel)."""
    r = repack_buffers(TWENTY_B, KERNELS["intel-amx"])
    assert r.originals["AMX"] == Q8_MATMULS
    assert r.copies["AMX"] == pytest.approx(Q8_MATMULS * 38 / 34, rel=1e-6)
    assert r.copies["CPU_REPACK"] == EXPERTS


def test_arm_repacks_q8_0_and_mxfp4() -> None:
    r = repack_buffers(TWENTY_B, KERNELS["arm-neon"])
    assert r.originals["CPU_REPACK"] == EXPERTS + Q8_MATMULS


def test_the_token_embedding_biases_norms_and_f32_router_are_never_repacked() -> None:
    for kernels in KERNELS.values():
        names = {t.name for t in TWENTY_B if repack_target(t, kernels)}
        assert "token_embd.weight" not in names
        assert not any(n.endswith((".bias", "norm.weight", "ffn_gate_inp.weight", "attn_sinks.weight")) for n in names)


@pytest.mark.parametrize(
    ("tensor", "amx"),
    [
        (GGUFTensor("blk.0.attn_q.weight", (512, 512), "F16", 512 * 512 * 2), True),  # F16 copied as is
        (GGUFTensor("blk.0.attn_q.weight", (512, 520), "F16", 512 * 520 * 2), False),  # rows not in 32s
        (GGUFTensor("blk.0.attn_q.weight", (64, 256), "Q8_0", 64 * 256 // 32 * 34), True),
        (GGUFTensor("blk.0.attn_q.weight", (64, 256), "F32", 64 * 256 * 4), False),
        (GGUFTensor("blk.0.ffn_up_exps.weight", (64, 64, 4), "Q8_0", 64 * 64 * 4 // 32 * 34), False),
    ],
)
def test_amx_shape_and_type_rules(tensor: GGUFTensor, amx: bool) -> None:
    target = repack_target(tensor, KERNELS["intel-amx"])
    assert (target is not None and target[0] == "AMX") is amx


def test_nothing_is_repacked_when_repacking_is_off_or_unknown() -> None:
    off = CpuKernels.from_system_info(AMX, ["AMX", "CPU_REPACK"], enabled=False)
    assert repack_buffers(TWENTY_B, off).tensors == 0
    assert repack_buffers(TWENTY_B, None).tensors == 0
    assert repack_buffers(TWENTY_B, CpuKernels.from_system_info(AVX2, [])).tensors == 0


def test_offloaded_layers_are_not_repacked_but_experts_kept_in_ram_are() -> None:
    shape = ModelShape.for_catalog("gpt-oss-20b")
    assert shape is not None
    k = KERNELS["amd-avx2"]
    all_cpu = repack_plan(shape, k, 0)
    half = repack_plan(shape, k, 12)
    assert half.original_bytes == pytest.approx(all_cpu.original_bytes / 2, rel=0.01)
    everything = repack_plan(shape, k, shape.n_layer + 1)
    assert everything.tensors == 0
    cpu_moe = repack_plan(shape, k, shape.n_layer + 1, experts_out=True)
    assert cpu_moe.original_bytes == EXPERTS  # llama.cpp tries the extra types for CPU overrides


def test_the_plan_counts_the_copies_instead_of_their_originals() -> None:
    shape = ModelShape.for_catalog("gpt-oss-20b")
    assert shape is not None
    machine = Machine(ram_total=64 * GiB, ram_available=48 * GiB)
    base = plan(shape, machine, LoadOptions(n_ctx=4096))
    amx = plan(shape, Machine(64 * GiB, 48 * GiB, cpu_kernels=KERNELS["intel-amx"]), LoadOptions(n_ctx=4096))
    assert "repack_cpu" not in base.parts
    assert amx.parts["repack_cpu"] == pytest.approx((Q8_MATMULS * 38 / 34) + EXPERTS, rel=1e-6)
    assert amx.parts["weights_cpu"] == base.parts["weights_cpu"] - Q8_MATMULS - EXPERTS
    # AMX's layout costs 4/34 more of the Q8_0 weights; CPU_REPACK's costs nothing more.
    assert amx.ram_needed - base.ram_needed == pytest.approx(Q8_MATMULS * 4 / 34, rel=1e-3)
    assert "re-laid out for this CPU" in amx.explanation and "AMX, CPU_REPACK" in amx.explanation
