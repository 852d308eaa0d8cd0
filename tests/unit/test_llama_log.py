"""Parsing llama.cpp's buffer-size log lines, on lines captured from llama-cpp-python 0.3.36."""

from __future__ import annotations

from app.core.llama_log import is_memory_line, parse_buffer_sizes

MiB = 1 << 20

# The 20b-geometry random MXFP4 model, n_ctx 4096, flash attention, swa_full False (the
# memory-relevant lines of one load, in order, among ~2,000 others).
GPT_OSS_20B_4K = """\
load: token to piece cache size = 2.7697 MB
done_getting_tensors: tensor 'token_embd.weight' (q8_0) (and 34 others) cannot be used with preferred buffer type CPU_REPACK, using CPU instead
load_tensors:   CPU_Mapped model buffer size = 11536.18 MiB
load_tensors:   CPU_REPACK model buffer size =  9682.03 MiB
llama_context:        CPU  output buffer size =     0.77 MiB
llama_kv_cache_iswa: creating non-SWA KV cache, size = 4096 cells
llama_kv_cache:        CPU KV buffer size =    96.00 MiB
llama_kv_cache: size =   96.00 MiB (  4096 cells,  12 layers,  1/1 seqs), K (f16):   48.00 MiB, V (f16):   48.00 MiB
llama_kv_cache_iswa: creating     SWA KV cache, size = 768 cells
llama_kv_cache:        CPU KV buffer size =    18.00 MiB
llama_kv_cache: size =   18.00 MiB (   768 cells,  12 layers,  1/1 seqs), K (f16):    9.00 MiB, V (f16):    9.00 MiB
sched_reserve:        CPU compute buffer size =   414.40 MiB
sched_reserve: graph: nodes = 1352, splits = 1, input objects = 4, input tensors = 9
""".splitlines()

# The tiny F32 preset, n_ctx 4096, swa_full True, q8_0 cache: both caches get every cell.
TINY_SWA_FULL_Q8 = """\
load_tensors:   CPU_Mapped model buffer size =     1.74 MiB
llama_context:        CPU  output buffer size =     0.00 MiB
llama_kv_cache_iswa: using full-size SWA cache (ref: https://github.com/ggml-org/llama.cpp/pull/13194#issuecomment-2868343055)
llama_kv_cache_iswa: creating non-SWA KV cache, size = 4096 cells
llama_kv_cache: layer   0: filtered
llama_kv_cache: layer   1: dev = CPU
llama_kv_cache:        CPU KV buffer size =     2.12 MiB
llama_kv_cache: size =    2.12 MiB (  4096 cells,   2 layers,  1/1 seqs), K (q8_0):    1.06 MiB, V (q8_0):    1.06 MiB
llama_kv_cache_iswa: creating     SWA KV cache, size = 4096 cells
llama_kv_cache:        CPU KV buffer size =     2.12 MiB
llama_kv_cache: size =    2.12 MiB (  4096 cells,   2 layers,  1/1 seqs), K (q8_0):    1.06 MiB, V (q8_0):    1.06 MiB
sched_reserve:        CPU compute buffer size =     9.71 MiB
""".splitlines()


def mib(x: float) -> int:
    return round(x * MiB)


def test_gpt_oss_20b_lines() -> None:
    got = parse_buffer_sizes(GPT_OSS_20B_4K)
    assert got == {
        "model_buffer.CPU_Mapped": mib(11536.18),
        "model_buffer.CPU_REPACK": mib(9682.03),
        "model_buffer": mib(11536.18) + mib(9682.03),
        "output_buffer.CPU": mib(0.77),
        "output_buffer": mib(0.77),
        "kv_cache.full": 96 * MiB,
        "kv_cache.swa": 18 * MiB,
        "kv_cache": 114 * MiB,  # docs/gpt-oss.md §3: 114 MiB at 4k
        "kv_cells.full": 4096,
        "kv_cells.swa": 768,
        "kv_buffer.CPU": 114 * MiB,
        "compute_buffer.CPU": mib(414.40),
        "compute_buffer": mib(414.40),
    }


def test_swa_full_and_quantized_cache() -> None:
    got = parse_buffer_sizes(TINY_SWA_FULL_Q8)
    assert got["kv_cells.full"] == got["kv_cells.swa"] == 4096
    assert got["kv_cache"] == 2 * mib(2.12)
    assert got["output_buffer"] == 0  # a 444-token vocabulary: under 0.005 MiB
    assert "model_buffer.CPU_REPACK" not in got


def test_model_without_sliding_window_counts_as_full() -> None:
    lines = ["llama_kv_cache: size =   64.00 MiB (  2048 cells,  16 layers,  1/1 seqs), K (f16): ..."]
    assert parse_buffer_sizes(lines) == {
        "kv_cache.full": 64 * MiB,
        "kv_cache": 64 * MiB,
        "kv_cells.full": 2048,
    }


def test_gpu_devices_are_kept_apart() -> None:
    lines = [
        "load_tensors:        CUDA0 model buffer size = 10930.25 MiB",
        "load_tensors:   CPU_Mapped model buffer size =   586.82 MiB",
        "llama_context:  CUDA_Host  output buffer size =     0.77 MiB",
        "sched_reserve:      CUDA0 compute buffer size =   398.38 MiB",
        "sched_reserve:  CUDA_Host compute buffer size =    13.64 MiB",
    ]
    got = parse_buffer_sizes(lines)
    assert got["model_buffer.CUDA0"] == mib(10930.25)
    assert got["compute_buffer"] == mib(398.38) + mib(13.64)
    assert got["output_buffer.CUDA_Host"] == mib(0.77)


def test_reserving_twice_counts_once() -> None:
    lines = ["sched_reserve:        CPU compute buffer size =   10.00 MiB"] * 2
    assert parse_buffer_sizes(lines)["compute_buffer"] == 10 * MiB


def test_only_memory_lines_are_kept() -> None:
    kept = [line for line in GPT_OSS_20B_4K if is_memory_line(line)]
    assert parse_buffer_sizes(kept) == parse_buffer_sizes(GPT_OSS_20B_4K)
    assert not is_memory_line("llama_context: n_ctx                 = 4096")
    assert not is_memory_line("load_tensors: loading model tensors, this can take a while...")


def test_running_on_names_where_the_weights_went() -> None:
    from app.core.llama_log import running_on

    assert (
        running_on({"model_buffer.CPU_Mapped": 5, "model_buffer.CPU_REPACK": 2, "model_buffer": 7}) == "CPU"
    )
    assert running_on({"model_buffer.CUDA0": 9, "model_buffer.CPU_Mapped": 1}) == "CUDA + CPU"
    assert running_on({"model_buffer.Metal": 9}) == "Metal"
    assert running_on({"model_buffer.Vulkan0": 9, "model_buffer.CPU": 0}) == "Vulkan"
    assert running_on({}) == ""
