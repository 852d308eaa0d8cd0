"""The bounded GGUF header reader: real files written by gguf-py, then hostile ones."""

from __future__ import annotations

import ast
import hashlib
import io
import os
import pickle
import random
import struct
import sys
from pathlib import Path

import gguf
import numpy as np
import pytest
from gguf.constants import GGML_QUANT_SIZES, GGMLQuantizationType

from app.core import gguf_header
from app.core.gguf_header import GGUFError, GGUFInfo, human_size, read_gguf_header

TEMPLATE = "{%- for m in messages %}<|start|>{{ m.role }}<|message|>{{ m.content }}{% endfor %}"
TOKENS = ["<|start|>", "hello", "wörld", "", "<|end|>"] + [f"t{i}" for i in range(300)]
MERGES = [f"a{i} b{i}" for i in range(200)]


def write_valid(path: Path, arch: str = "gpt-oss") -> Path:
    w = gguf.GGUFWriter(str(path), arch)
    w.add_name("tiny gpt-oss")
    w.add_block_count(2)
    w.add_context_length(4096)
    w.add_embedding_length(64)
    w.add_head_count(4)
    w.add_head_count_kv(2)
    w.add_key_length(16)
    w.add_value_length(16)
    w.add_uint32(f"{arch}.attention.sliding_window", 128)
    w.add_expert_count(4)
    w.add_expert_used_count(2)
    w.add_file_type(38)
    w.add_tokenizer_model("gpt2")
    w.add_token_list(TOKENS)
    w.add_token_merges(MERGES)
    w.add_token_types([1] * len(TOKENS))
    w.add_float32(f"{arch}.rope.freq_base", 150000.0)
    w.add_bool("general.flag", True)
    w.add_chat_template(TEMPLATE)
    # F32 [5 x 3] = 60 B, Q8_0 two rows of 64 = 2 * 2 * 34 = 136 B, last F32 8 * 4 = 32 B
    # (a multiple of 32, so the file ends exactly where the last tensor does).
    w.add_tensor("a.weight", np.arange(15, dtype=np.float32).reshape(3, 5))
    q8 = np.random.default_rng(0).integers(0, 255, size=(2, 68), dtype=np.uint8)
    w.add_tensor("b.weight", q8, raw_shape=q8.shape, raw_dtype=GGMLQuantizationType.Q8_0)
    w.add_tensor("c.bias", np.ones(8, dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_valid(tmp_path_factory.mktemp("gguf") / "tiny-gpt-oss.gguf")


def header_end(data: bytes) -> int:
    """Where the data section starts: the tensors take 60 (+4 pad) + 136 (+24 pad) + 32."""
    return len(data) - 256


def _ids(value: object) -> str:
    """Name parametrized cases by their reason or kind, not by their bytes."""
    return value if isinstance(value, str) else "case"


def expect(path: Path, *kinds: str, **kw: object) -> GGUFError:
    with pytest.raises(GGUFError) as info:
        read_gguf_header(path, **kw)
    assert info.value.kind in kinds, str(info.value)
    assert path.name in str(info.value)
    return info.value


def gstr(s: str | bytes) -> bytes:
    b = s.encode() if isinstance(s, str) else s
    return struct.pack("<Q", len(b)) + b


def kv_str(key: str, value: str | bytes) -> bytes:
    return gstr(key) + struct.pack("<I", 8) + gstr(value)


ARCH_KV = kv_str("general.architecture", "gpt-oss")


def tensor_info(name: str | bytes, dims: list[int], ttype: int, offset: int) -> bytes:
    return (
        gstr(name)
        + struct.pack("<I", len(dims))
        + b"".join(struct.pack("<Q", d) for d in dims)
        + struct.pack("<IQ", ttype, offset)
    )


def craft(
    tmp_path: Path,
    kvs: list[bytes],
    tensors: tuple[bytes, ...] | list[bytes] = (),
    n_kv: int | None = None,
    n_t: int | None = None,
) -> Path:
    body = struct.pack(
        "<4sIQQ",
        b"GGUF",
        3,
        len(tensors) if n_t is None else n_t,
        len(kvs) if n_kv is None else n_kv,
    )
    body += b"".join(kvs) + b"".join(tensors)
    path = tmp_path / "crafted.gguf"
    path.write_bytes(body)
    return path


# --- valid files -------------------------------------------------------------------


def test_reads_every_field(valid: Path) -> None:
    info = read_gguf_header(valid)
    assert isinstance(info, GGUFInfo)
    assert info.path == str(valid)
    assert info.file_size == valid.stat().st_size
    assert info.version == 3
    assert info.architecture == "gpt-oss"
    assert info.name == "tiny gpt-oss"
    assert (info.block_count, info.context_length, info.embedding_length) == (
        2,
        4096,
        64,
    )
    assert (info.head_count, info.head_count_kv) == (4, 2)
    assert (info.key_length, info.value_length, info.sliding_window) == (16, 16, 128)
    assert (info.expert_count, info.expert_used_count) == (4, 2)
    assert info.vocab_size == len(TOKENS)
    assert info.file_type == 38
    assert info.tensor_count == 3
    assert info.tensor_bytes_by_type == {"F32": 60 + 32, "Q8_0": 136}
    assert info.tensor_bytes == 228
    assert info.chat_template == TEMPLATE
    assert info.chat_template_sha256 == hashlib.sha256(TEMPLATE.encode()).hexdigest()
    md = info.metadata
    assert md["tokenizer.ggml.tokens"] == ("array", "STRING", len(TOKENS))
    assert md["tokenizer.ggml.merges"] == ("array", "STRING", len(MERGES))
    assert md["tokenizer.ggml.token_type"] == ("array", "INT32", len(TOKENS))
    assert md["tokenizer.ggml.model"] == "gpt2"
    assert md["gpt-oss.rope.freq_base"] == 150000.0
    assert md["general.flag"] is True
    assert md.get("general.alignment", 32) == 32


def test_version_2_reads_the_same(valid: Path, tmp_path: Path) -> None:
    data = bytearray(valid.read_bytes())
    data[4:8] = struct.pack("<I", 2)
    path = tmp_path / "v2.gguf"
    path.write_bytes(data)
    assert read_gguf_header(path).version == 2


def test_pathlike_and_str_both_work(valid: Path) -> None:
    assert read_gguf_header(str(valid)).tensor_bytes == read_gguf_header(valid).tensor_bytes


def test_wrong_architecture(tmp_path: Path) -> None:
    path = write_valid(tmp_path / "llama-7b.gguf", arch="llama")
    err = expect(path, "wrong_architecture")
    assert "'llama'" in str(err) and "gpt-oss" in str(err)
    info = read_gguf_header(path, expected_architecture=None)
    assert info.architecture == "llama" and info.block_count == 2


def test_type_table_matches_gguf_py() -> None:
    for tid, (name, block, size) in gguf_header._GGML_TYPES.items():
        qt = GGMLQuantizationType(tid)
        assert qt.name == name
        if name != "Q8_1":  # ggml's block_q8_1 is 36 bytes; gguf-py's table says 40
            assert GGML_QUANT_SIZES[qt] == (block, size), name
    assert GGML_QUANT_SIZES[GGMLQuantizationType.MXFP4] == (32, 17)
    assert GGML_QUANT_SIZES[GGMLQuantizationType.Q8_0] == (32, 34)


def test_module_uses_only_the_standard_library() -> None:
    tree = ast.parse(Path(gguf_header.__file__).read_text())
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    assert roots <= set(sys.stdlib_module_names) | {"__future__"}, roots


def test_human_size() -> None:
    assert human_size(0) == "0 B"
    assert human_size(512) == "512 B"
    assert human_size(1_500_000) == "1.5 MB"
    assert human_size(12_109_565_632) == "12.1 GB"
    assert human_size(999_999) == "1.0 MB"


def test_error_pickles_with_its_kind() -> None:
    err = pickle.loads(pickle.dumps(GGUFError("x is bad.", "truncated")))
    assert (str(err), err.kind) == ("x is bad.", "truncated")


# --- not files, not GGUF -----------------------------------------------------------


def test_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_gguf_header(tmp_path / "nope.gguf")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "gpt-oss-20b"
    folder.mkdir()
    err = expect(folder, "not_gguf")
    assert "folder" in str(err)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.gguf"
    path.write_bytes(b"")
    assert "empty" in str(expect(path, "truncated"))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"GGU", "truncated"),
        (b"abc", "not_gguf"),
        (b"GGML" + bytes(40), "not_gguf"),
        (b"<!DOCTYPE html><html>Rate limited</html>", "not_gguf"),
        (random.Random(1).randbytes(5000), "not_gguf"),
        (b"GGUF" + struct.pack("<I", 1) + bytes(16), "unsupported_version"),
        (b"GGUF" + struct.pack("<I", 99) + bytes(16), "unsupported_version"),
        (b"GGUF" + struct.pack(">I", 3) + bytes(16), "unsupported_version"),
    ],
    ids=_ids,
)
def test_bad_starts(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(data)
    err = expect(path, kind)
    if kind == "unsupported_version" and data[4] in (1, 99):
        assert f"version {data[4]}" in str(err)


# --- truncation ---------------------------------------------------------------------


def test_every_cut_is_truncated(valid: Path, tmp_path: Path) -> None:
    data = valid.read_bytes()
    path = tmp_path / "cut.gguf"
    path.write_bytes(data)
    cuts = {*range(0, header_end(data) + 64, 7), *range(len(data) - 240, len(data))}
    for cut in sorted(cuts, reverse=True):  # truncating in place is much faster than rewriting
        os.truncate(path, cut)
        err = expect(path, "truncated")
        if cut >= header_end(data):  # the header is whole; the tensors are missing
            assert "incomplete" in str(err) and "interrupted" in str(err)


def test_header_end_helper_is_right(valid: Path, tmp_path: Path) -> None:
    data = valid.read_bytes()
    # A header_end one byte short of the truth would leave a cut inside the tensor infos.
    path = tmp_path / "cut.gguf"
    path.write_bytes(data[: header_end(data)] + bytes(len(data) - header_end(data)))
    assert read_gguf_header(path).tensor_count == 3


# --- crafted hostile headers ---------------------------------------------------------


def test_51_byte_file_with_a_huge_array(tmp_path: Path) -> None:
    for etype in (0, 8, 12):
        kv = gstr("abc") + struct.pack("<IIQ", 9, etype, 2**62)
        path = craft(tmp_path, [kv])
        assert path.stat().st_size == 51
        expect(path, "malformed", "truncated")


def test_huge_lengths_and_counts(tmp_path: Path) -> None:
    huge_key = struct.pack("<Q", 2**63) + b"x" * 20
    expect(craft(tmp_path, [huge_key]), "malformed")
    big_value = gstr("general.architecture") + struct.pack("<IQ", 8, 2**40)
    expect(craft(tmp_path, [big_value]), "malformed")
    over_cap = gstr("k") + struct.pack("<IQ", 8, (1 << 20) + 1) + bytes((1 << 20) + 1)
    expect(craft(tmp_path, [ARCH_KV, over_cap]), "malformed")
    expect(craft(tmp_path, [ARCH_KV], n_kv=2**63), "malformed")
    expect(craft(tmp_path, [ARCH_KV], n_kv=50_000), "truncated")
    expect(craft(tmp_path, [ARCH_KV], n_t=2**64 - 1), "malformed")
    expect(craft(tmp_path, [ARCH_KV], n_kv=3, n_t=3), "truncated", "malformed")
    expect(craft(tmp_path, [ARCH_KV], n_kv=2), "truncated", "malformed", max_kv=1)


@pytest.mark.parametrize(
    ("kvs", "reason"),
    [
        ([gstr(b"\xff\xfe") + struct.pack("<IB", 0, 1), ARCH_KV], "UTF-8"),
        ([ARCH_KV, ARCH_KV], "twice"),
        (
            [
                ARCH_KV,
                gstr("x") + struct.pack("<IIQ", 9, 9, 1) + struct.pack("<IQ", 0, 0),
            ],
            "arrays",
        ),
        ([ARCH_KV, gstr("x") + struct.pack("<IIQ", 9, 77, 1)], "element type"),
        ([ARCH_KV, gstr("x") + struct.pack("<IB", 13, 0)], "value type"),
        ([ARCH_KV, gstr("x") + struct.pack("<IB", 7, 2)], "true/false"),
        ([kv_str("general.architecture", b"\xc3\x28")], "UTF-8"),
        ([kv_str("general.name", "x")], "architecture"),
        ([gstr("general.architecture") + struct.pack("<II", 4, 7)], "architecture"),
        (
            [ARCH_KV, gstr("general.alignment") + struct.pack("<II", 4, 48)],
            "power of two",
        ),
        (
            [ARCH_KV, gstr("general.alignment") + struct.pack("<II", 4, 0)],
            "power of two",
        ),
        (
            [ARCH_KV, gstr("gpt-oss.block_count") + struct.pack("<Ii", 5, -1)],
            "whole number",
        ),
        (
            [ARCH_KV, gstr("tokenizer.chat_template") + struct.pack("<II", 4, 1)],
            "template",
        ),
        (
            [ARCH_KV, gstr("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 4, 0)],
            "token",
        ),
    ],
    ids=_ids,
)
def test_malformed_metadata(tmp_path: Path, kvs: list[bytes], reason: str) -> None:
    err = expect(craft(tmp_path, kvs), "malformed")
    assert reason in str(err) and "Download it again" in str(err)


def with_tensor(tmp_path: Path, info: bytes, data_len: int = 64) -> Path:
    path = craft(tmp_path, [ARCH_KV], [info])
    pad = -path.stat().st_size % 32
    path.write_bytes(path.read_bytes() + bytes(pad + data_len))
    return path


def test_crafted_tensor_that_fits_is_accepted(tmp_path: Path) -> None:
    info = read_gguf_header(with_tensor(tmp_path, tensor_info("t", [64], 39, 0), 34))
    assert info.tensor_bytes_by_type == {"MXFP4": 34}


@pytest.mark.parametrize(
    ("info", "kind", "reason"),
    [
        (tensor_info("t", [1, 1, 1, 1, 1], 0, 0), "malformed", "5 dimensions"),
        (tensor_info("t", [], 0, 0), "malformed", "0 dimensions"),
        (tensor_info("t", [4], 31, 0), "malformed", "unknown type"),
        (tensor_info("t", [4], 2**32 - 1, 0), "malformed", "unknown type"),
        (tensor_info("t", [33], 8, 0), "malformed", "block"),
        (tensor_info("t", [4], 0, 3), "malformed", "aligned"),
        (tensor_info("t", [4], 0, 2**63), "malformed", "impossible"),
        (tensor_info("t", [2**40, 2**40, 2**40], 0, 0), "malformed", "impossible"),
        (tensor_info("t", [4], 0, 4096), "truncated", "incomplete"),
        (tensor_info("t", [17], 0, 0), "truncated", "incomplete"),
        (tensor_info(b"t\xff", [4], 0, 0), "malformed", "UTF-8"),
    ],
    ids=_ids,
)  # fmt: skip
def test_bad_tensor_infos(tmp_path: Path, info: bytes, kind: str, reason: str) -> None:
    assert reason in str(expect(with_tensor(tmp_path, info), kind))


def test_duplicate_tensor_name(tmp_path: Path) -> None:
    t = tensor_info("t", [4], 0, 0)
    path = craft(tmp_path, [ARCH_KV], [t, t])
    path.write_bytes(path.read_bytes() + bytes(64))
    assert "twice" in str(expect(path, "malformed"))


def test_too_many_strings_in_arrays_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gguf_header, "_MAX_ARRAY_STRINGS", 100)
    expect(write_valid(tmp_path / "m.gguf"), "malformed")


def test_tiny_read_chunks_give_the_same_answer(valid: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Real headers are ~10 MB, many 1 MiB chunks: make every string straddle a chunk edge.
    expected = read_gguf_header(valid)
    for chunk in (1, 7, 64):
        monkeypatch.setattr(gguf_header, "_CHUNK", chunk)
        assert read_gguf_header(valid) == expected


def test_reads_the_header_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A 2.3 GB sparse file: the reader must check its size, not read its tensor data.
    dims = [2880, 2880, 4, 128]
    nbytes = 2880 // 32 * 17 * 2880 * 4 * 128
    path = craft(tmp_path, [ARCH_KV], [tensor_info("blk.0.ffn_up_exps.weight", dims, 39, 0)])
    os.truncate(path, -(-path.stat().st_size // 32) * 32 + nbytes)
    read_sizes: list[int] = []

    class CountingReader(io.BufferedReader):
        def read(self, size: int | None = -1) -> bytes:
            data = super().read(size)
            read_sizes.append(len(data))
            return data

    monkeypatch.setattr(gguf_header, "open", lambda p, mode: CountingReader(io.FileIO(p)), raising=False)
    info = read_gguf_header(path)
    assert info.tensor_bytes == info.tensor_bytes_by_type["MXFP4"] == nbytes
    # One buffered chunk at most: the header, then whatever follows it in that chunk.
    assert info.file_size > 2_000_000_000 and sum(read_sizes) <= gguf_header._CHUNK
    with pytest.raises(GGUFError, match="incomplete"):
        os.truncate(path, info.file_size - 1)
        read_gguf_header(path)


# --- fuzz -------------------------------------------------------------------------------


def test_random_header_damage_never_leaks_other_errors(valid: Path, tmp_path: Path) -> None:
    data = valid.read_bytes()
    end = header_end(data)
    rng = random.Random(20240805)
    path = tmp_path / "fuzz.gguf"
    path.write_bytes(data)
    kinds: set[str] = set()
    for _ in range(300):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(4, end)] = rng.randrange(256)
        with path.open("r+b") as f:  # same size: no slow truncate-and-rewrite
            f.write(damaged)
        try:
            result = read_gguf_header(path)
        except GGUFError as err:
            assert err.kind in gguf_header.KINDS and path.name in str(err)
            kinds.add(err.kind)
        else:
            assert isinstance(result, GGUFInfo)
    assert "malformed" in kinds
