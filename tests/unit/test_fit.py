"""The memory planner: docs/gpt-oss.md §3's arithmetic, the model shapes, verdicts and speeds."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.fit import (
    Device,
    LoadOptions,
    Machine,
    ModelShape,
    compute_buffer_bytes,
    context_choices,
    kv_cache_bytes,
    plan,
)
from app.core.fit_shapes import gpt_oss_tensors, gpu_bandwidth
from app.core.gguf_header import GGUFInfo, read_gguf_header

MiB, GiB, GB = 1 << 20, 1 << 30, 10**9
S20 = ModelShape.for_catalog("gpt-oss-20b", None)
S120 = ModelShape.for_catalog("gpt-oss-120b", None)
assert S20 is not None and S120 is not None

# KV cache in MiB at 4k/16k/32k/128k. The f16 rows and 20b q8_0 without swa_full are docs §3's
# table (measured against llama.cpp); the other q8_0 rows follow from the same formula.
KV_MIB = {
    ("gpt-oss-20b", "f16", False): (114, 402, 786, 3090),
    ("gpt-oss-20b", "f16", True): (192, 768, 1536, 6144),
    ("gpt-oss-20b", "q8_0", False): (61, 214, 418, 1642),
    ("gpt-oss-20b", "q8_0", True): (102, 408, 816, 3264),
    ("gpt-oss-120b", "f16", False): (171, 603, 1179, 4635),
    ("gpt-oss-120b", "f16", True): (288, 1152, 2304, 9216),
    ("gpt-oss-120b", "q8_0", False): (91, 320, 626, 2462),
    ("gpt-oss-120b", "q8_0", True): (153, 612, 1224, 4896),
}
CONTEXTS = (4096, 16384, 32768, 131072)


def shape(model: str) -> ModelShape:
    return S20 if model == "gpt-oss-20b" else S120


@pytest.mark.parametrize(("model", "kv_type", "swa_full"), list(KV_MIB))
def test_kv_cache_reproduces_the_table_to_the_mib(model: str, kv_type: str, swa_full: bool) -> None:
    got = tuple(
        round(kv_cache_bytes(shape(model), LoadOptions(n_ctx=c, kv_type=kv_type, swa_full=swa_full)) / MiB)
        for c in CONTEXTS
    )
    assert got == KV_MIB[(model, kv_type, swa_full)]


def test_kv_cache_cells_by_hand() -> None:
    # 20b, n_ctx 4000 → 4096 cells on 12 full layers; 12 SWA layers pad256(128 + 512) = 768 cells.
    want = 12 * 4096 * 2048 + 12 * 768 * 2048
    assert kv_cache_bytes(S20, LoadOptions(n_ctx=4000)) == want
    # A small ubatch shrinks the window cache: pad256(128 + 64) = 256 cells.
    assert kv_cache_bytes(S20, LoadOptions(n_ctx=4096, n_ubatch=64)) == 12 * (4096 + 256) * 2048
    # A context shorter than the window cache: every layer holds n_ctx cells.
    assert kv_cache_bytes(S20, LoadOptions(n_ctx=512)) == 24 * 512 * 2048
    with pytest.raises(ValueError, match="unknown KV cache type"):
        kv_cache_bytes(S20, LoadOptions(kv_type="q5_9"))


@pytest.mark.parametrize(
    ("n_ctx", "flash", "measured"),
    [
        (4096, True, 393 * MiB),
        (131072, True, 393 * MiB),
        (4096, False, 548 * MiB),
        (32768, False, 4.18 * GiB),
    ],
)
def test_compute_buffer_within_a_few_percent_of_measured(n_ctx: int, flash: bool, measured: float) -> None:
    for s in (S20, S120):
        got = compute_buffer_bytes(s, LoadOptions(n_ctx=n_ctx, flash_attn=flash))
        assert abs(got - measured) / measured < 0.03, (s.name, got / MiB)


def test_catalog_shapes_match_the_published_files() -> None:
    assert abs(S20.weight_bytes - (12_109_565_632 - 13_000_000)) / 12_109_565_632 < 0.01
    assert abs(S120.weight_bytes - 63.37 * GB) / (63.37 * GB) < 0.01
    for s, active, experts in ((S20, 2.57 * GB, 0.84), (S120, 3.59 * GB, 0.96)):
        assert abs(s.token_embd_bytes / GiB - 0.57) < 0.01
        assert abs(s.active_bytes - active) / active < 0.01  # docs §7
        assert s.weight_bytes == s.token_embd_bytes + s.output_bytes + sum(s.layer_bytes)
        assert round(sum(s.expert_bytes) / s.weight_bytes, 2) == experts  # the MXFP4 share
    assert (S20.n_layer, S20.n_expert, S120.n_layer, S120.n_expert) == (24, 32, 36, 128)
    assert sum(S20.is_swa(i) for i in range(24)) == 12 and S20.is_swa(0) and not S20.is_swa(1)
    assert ModelShape.for_catalog("llama-3-8b", 5 * GB) is None
    assert ModelShape.for_catalog("custom", None) is None


def test_catalog_size_of_another_layout_scales_the_non_expert_bytes() -> None:
    f16 = ModelShape.for_catalog("gpt-oss-20b", 13_800_000_000)  # unsloth's F16 (docs §2)
    assert f16 is not None
    assert abs(f16.weight_bytes - (13_800_000_000 - 13_000_000)) < 100_000
    assert f16.expert_bytes == S20.expert_bytes and f16.token_embd_bytes > S20.token_embd_bytes
    assert ModelShape.for_catalog("gpt-oss-20b", 12_109_565_632) == S20  # the MXFP4 file itself


def _info(tensors: list, **geometry: object) -> GGUFInfo:
    fields = dict.fromkeys(("name", "value_length", "vocab_size", "file_type", "chat_template_sha256",
                            "chat_template"))  # fmt: skip
    fields.update(geometry)
    return GGUFInfo(path="/m/x.gguf", file_size=0, version=3, architecture="gpt-oss", tensor_count=len(tensors),
                    tensor_bytes=sum(t.nbytes for t in tensors), tensor_bytes_by_type={}, metadata={},
                    tensors=tuple(tensors), **fields)  # type: ignore[arg-type]  # fmt: skip


def test_from_gguf_agrees_with_the_catalog_shape_on_the_real_tensor_list() -> None:
    info = _info(gpt_oss_tensors(36, 128), name="gpt-oss-120b", block_count=36, context_length=131072,
                 embedding_length=2880, head_count=64, head_count_kv=8, key_length=64,
                 sliding_window=128, expert_count=128, expert_used_count=4)  # fmt: skip
    assert ModelShape.from_gguf(info) == S120


def test_from_gguf_on_the_tiny_model(tiny_model: Path) -> None:
    info = read_gguf_header(tiny_model)
    s = ModelShape.from_gguf(info)
    assert (s.n_layer, s.n_embd, s.n_head, s.n_head_kv, s.head_dim) == (4, 64, 4, 2, 64)
    assert (s.n_expert, s.n_expert_used, s.sliding_window, s.n_ctx_train) == (4, 2, 128, 4096)
    assert s.n_vocab == info.vocab_size
    assert s.weight_bytes == info.tensor_bytes
    assert s.token_embd_bytes == next(t.nbytes for t in info.tensors if t.name == "token_embd.weight")
    assert s.weight_bytes == s.token_embd_bytes + s.output_bytes + sum(s.layer_bytes)
    exps = [t.nbytes for t in info.tensors if t.name.startswith("blk.2.ffn_") and "_exps." in t.name]
    assert len(exps) == 6 and s.expert_bytes[2] == sum(exps)
    assert s.expert_bytes[0] < s.layer_bytes[0]
    # 2 full + 2 SWA layers, 4096 cells each (the window cache is capped at n_ctx), f16.
    assert kv_cache_bytes(s, LoadOptions(n_ctx=4096)) == 2 * 4096 * 2 * 128 * 2 + 2 * 768 * 2 * 128 * 2
    assert context_choices(s) == [4096]


def test_context_choices_for_the_real_models() -> None:
    assert context_choices(S20) == [4096, 8192, 16384, 32768, 65536, 131072]


# Machine profiles.
LAPTOP_16 = Machine(ram_total=16 * GiB, ram_available=13 * GB, cpu_cores=8)
LAPTOP_8 = Machine(ram_total=8 * GiB, ram_available=5_500_000_000, swap_total=16 * GiB, cpu_cores=8)
RTX_4090 = Device("NVIDIA GeForce RTX 4090", "cuda", total=24 * GiB, free=23 * GiB)
DESKTOP_24 = Machine(64 * GiB, 58 * GB, gpus=(RTX_4090,), build_backend="cuda", cpu_cores=16,
                     memory_bandwidth=80 * GB)  # fmt: skip
H100 = Machine(256 * GiB, 240 * GB, gpus=(Device("NVIDIA H100 80GB HBM3", "cuda", 81_559 * MiB, 80 * GiB),),
               build_backend="cuda", cpu_cores=32)  # fmt: skip
MAC_36 = Machine(36 * GiB, 24 * GB, gpus=(Device("Apple M3 Pro", "metal", None, None, unified=True),),
                 build_backend="metal", cpu_cores=12)  # fmt: skip
CPU_BUILD = replace(DESKTOP_24, build_backend="cpu")


def has_numbers(text: str) -> bool:
    return re.search(r"\d+(\.\d+)? (MB|GB)|\d+–\d+ tokens/s", text) is not None


def test_20b_fits_a_16_gb_laptop_without_gpu_at_the_default_context() -> None:
    p = plan(S20, LAPTOP_16)
    assert p.verdict == "cpu" and p.n_gpu_layers == 0 and p.vram_needed == 0
    assert 12 * GB < p.ram_needed < 13.5 * GB
    assert p.ram_needed == sum(p.parts.values()) and all(k.endswith("_cpu") for k in p.parts)
    assert p.speed in ("usable", "slow") and p.speed_tps is not None
    assert "13.0 GB" in p.explanation


def test_20b_on_an_8_gb_laptop_does_not_fit_and_says_why() -> None:
    p = plan(S20, LAPTOP_8)
    assert p.verdict == "no_fit" and p.speed_tps is None
    assert "swap" in p.explanation and "5.5 GB available" in p.explanation
    assert any("4k context" in s and "8.6 GB in total" in s for s in p.suggestions)
    assert all(has_numbers(s) for s in p.suggestions)


def test_24_gb_gpu_runs_20b_fully_and_120b_partly() -> None:
    p20 = plan(S20, DESKTOP_24)
    assert p20.verdict == "gpu" and p20.n_gpu_layers == 25 and p20.speed == "fast"
    assert p20.vram_needed < 23 * GiB and "token_embd_cpu" in p20.parts and "weights_cpu" not in p20.parts
    p120 = plan(S120, DESKTOP_24)
    assert p120.verdict == "partial" and 0 < p120.n_gpu_layers < 36
    assert p120.vram_needed <= 23 * GiB - max(512 * MiB, 0.05 * 24 * GiB)
    # With enough RAM, keeping the experts there lets every other weight onto the GPU.
    big = plan(S120, replace(DESKTOP_24, ram_total=128 * GiB, ram_available=120 * GB))
    tip = next(s for s in big.suggestions if s.startswith("Keep the experts in system RAM"))
    assert has_numbers(tip) and "37 layers" in tip


def test_experts_on_cpu_keeps_only_the_non_expert_bytes_on_the_gpu() -> None:
    m = replace(DESKTOP_24, ram_total=128 * GiB, ram_available=120 * GB)
    p = plan(S120, m, LoadOptions(experts_on_cpu=True))
    assert p.verdict == "partial" and p.experts_on_cpu and p.n_gpu_layers == 37
    assert p.parts["weights_gpu"] == S120.weight_bytes - S120.token_embd_bytes - sum(S120.expert_bytes)
    assert p.parts["weights_cpu"] == sum(S120.expert_bytes)
    assert p.speed_tps is not None and p.speed_tps > plan(S120, m).speed_tps  # type: ignore[operator]


def test_120b_fits_an_80_gb_h100_fully() -> None:
    p = plan(S120, H100)
    assert p.verdict == "gpu" and p.n_gpu_layers == 37 and p.speed == "fast"
    assert 60 * GB < p.vram_needed < 70 * GB and p.ram_needed < 2 * GB


def test_apple_unified_memory_counts_the_gpu_side_as_ram_too() -> None:
    p = plan(S20, MAC_36)
    assert p.verdict == "gpu"
    assert p.vram_available == 24 * GiB  # Metal's working set: 2/3 of 36 GB
    assert p.ram_needed == sum(p.parts.values()) > p.vram_needed
    # 120b needs far more than the Mac has: no fit, and a pointer to 20b.
    p120 = plan(S120, MAC_36)
    assert p120.verdict == "no_fit" and any(s.startswith("gpt-oss-20b fits") for s in p120.suggestions)


def test_cpu_only_build_ignores_the_gpu_and_says_how_to_get_a_gpu_build() -> None:
    p = plan(S20, CPU_BUILD)
    assert p.verdict == "cpu" and p.n_gpu_layers == 0 and p.vram_needed == 0
    tip = next(s for s in p.suggestions if "built for the CPU only" in s)
    assert "RTX 4090" in tip and 'CMAKE_ARGS="-DGGML_CUDA=on"' in tip and "runs fully on the GPU" in tip
    assert has_numbers(tip)


def test_automatic_gpu_layers_grow_with_free_vram() -> None:
    layers = []
    for free_gib in range(0, 90, 3):
        dev = Device("NVIDIA RTX", "cuda", total=96 * GiB, free=free_gib * GiB)
        layers.append(plan(S120, replace(H100, gpus=(dev,))).n_gpu_layers)
    assert layers == sorted(layers) and layers[0] == 0 and layers[-1] == 37
    assert len(set(layers)) > 10


def test_explicit_gpu_layers_that_do_not_fit_are_no_fit() -> None:
    p = plan(S120, DESKTOP_24, LoadOptions(n_gpu_layers=999))
    assert p.verdict == "no_fit" and p.n_gpu_layers == 37 and "GPU memory" in p.explanation


def test_swap_is_never_counted() -> None:
    m = Machine(ram_total=8 * GiB, ram_available=6 * GB, swap_total=64 * GiB)
    assert plan(S20, m).verdict == "no_fit"


def test_smaller_context_and_q8_0_suggestions_are_computed_by_replanning() -> None:
    # A 16 GB GPU at 128k: the f16 KV cache no longer fits beside the weights.
    m = replace(DESKTOP_24, gpus=(Device("NVIDIA GeForce RTX 4080", "cuda", 16 * GiB, 15 * GiB),))
    p = plan(S20, m, LoadOptions(n_ctx=131072))
    assert p.verdict == "partial"
    ctx = next(s for s in p.suggestions if s.startswith("Use a"))
    assert "runs fully on the GPU" in ctx and has_numbers(ctx)
    q8 = next(s for s in p.suggestions if s.startswith("Store the KV cache as q8_0"))
    # The saving is the whole plan's, replanned: the smaller KV cache, and the compute buffer
    # that no longer needs a second copy once every layer is on the GPU.
    smaller = plan(S20, m, LoadOptions(n_ctx=131072, kv_type="q8_0"))
    saved = p.ram_needed + p.vram_needed - smaller.ram_needed - smaller.vram_needed
    kv_saved = kv_cache_bytes(S20, LoadOptions(n_ctx=131072)) - kv_cache_bytes(
        S20, LoadOptions(n_ctx=131072, kv_type="q8_0")
    )
    assert saved >= kv_saved and f"saves {saved / GB:.1f} GB" in q8
    slow = plan(S20, LAPTOP_16, LoadOptions(flash_attn=False, n_ctx=32768))
    assert any(s.startswith("Turn on flash attention: saves") for s in slow.suggestions)


# docs §7's published decode rates: (model, machine, tokens/s).
M2_ULTRA = Machine(192 * GiB, 180 * GB, gpus=(Device("Apple M2 Ultra", "metal", None, None, True),),
                   build_backend="metal")  # fmt: skip
SPARK = Machine(128 * GiB, 110 * GB, gpus=(Device("NVIDIA GB10", "cuda", 120 * GiB, 110 * GiB, True),),
                build_backend="cuda")  # fmt: skip
PUBLISHED = [
    (S20, M2_ULTRA, 130),
    (S120, M2_ULTRA, 86),
    (S20, SPARK, 83),
    (S120, SPARK, 59),
    (S20, replace(DESKTOP_24, gpus=(Device("NVIDIA GeForce RTX 3090", "cuda", 24 * GiB, 23 * GiB),)), 239),
    (S20, replace(H100, gpus=(Device("NVIDIA RTX PRO 6000 Blackwell", "cuda", 96 * GiB, 94 * GiB),)), 391),
    (S20, Machine(128 * GiB, 100 * GB, cpu_cores=16, memory_bandwidth=256 * GB), 30.5),  # Strix Halo CPU
    (S120, replace(DESKTOP_24, ram_total=128 * GiB, ram_available=120 * GB), 20),  # experts in RAM
]


@pytest.mark.parametrize(("s", "machine", "published"), PUBLISHED)
def test_speed_range_holds_the_published_rates(s: ModelShape, machine: Machine, published: float) -> None:
    opts = LoadOptions(experts_on_cpu=s is S120 and machine.gpus[:1] == (RTX_4090,))
    p = plan(s, machine, opts)
    assert p.speed_tps is not None
    low, high = p.speed_tps
    assert low <= published <= high and high < 3 * low


def test_gpu_bandwidth_table_matches_names_not_digits_inside_other_numbers() -> None:
    assert gpu_bandwidth("NVIDIA H100 80GB HBM3") == 3.35e12
    assert gpu_bandwidth("NVIDIA H100 PCIe") == 2.0e12
    assert gpu_bandwidth("Apple M2") == 100 * GB and gpu_bandwidth("Apple M2 Max") == 400 * GB
    assert gpu_bandwidth("NVIDIA GeForce RTX 4070 Ti SUPER") == 504 * GB
    assert gpu_bandwidth("NVIDIA GeForce RTX 40900") is None and gpu_bandwidth("Mystery GPU") is None


def test_best_plan_keeps_the_experts_in_ram_only_where_that_helps() -> None:
    from app.core.fit import best_plan

    big_ram = replace(DESKTOP_24, ram_total=128 * GiB, ram_available=120 * GB)
    chosen = best_plan(S120, big_ram)
    assert chosen.experts_on_cpu and chosen.n_gpu_layers == S120.n_layer + 1
    assert plan(S120, big_ram).n_gpu_layers < chosen.n_gpu_layers
    assert not best_plan(S20, big_ram).experts_on_cpu  # 20b fits the 24 GB card whole
    assert not best_plan(S120, LAPTOP_16).experts_on_cpu  # no GPU: nothing to gain
