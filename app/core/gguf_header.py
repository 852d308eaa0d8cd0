"""A bounded reader for the metadata at the front of a GGUF model file.

Model files are hostile input: the `gguf` package's own reader hung and grew to 385 MB on
a 51-byte file claiming a huge array. This reader checks every length and count from the
file against the bytes left and fixed caps *before* allocating or looping, counts and
skips tokenizer arrays instead of storing them, and requires every tensor to lie inside
the file. It reads only the header (~10 MB for gpt-oss-20b), never the tensor data. Every
problem with the file is a `GGUFError` whose message says what to do; a missing or
unreadable file raises the usual `OSError` (e.g. `FileNotFoundError`).
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
from dataclasses import dataclass
from typing import BinaryIO

__all__ = ["KINDS", "GGUFError", "GGUFInfo", "GGUFTensor", "human_size", "read_gguf_header"]

KINDS = ("not_gguf", "truncated", "unsupported_version", "wrong_architecture", "malformed")  # fmt: skip

_MAGIC = b"GGUF"
_MAX_STRING = 1 << 20  # a string value; gpt-oss's chat template is ~20 kB
_MAX_NAME = 65_535  # keys and tensor names; the GGUF spec caps keys at 65,535 bytes
_MAX_ARRAY_STRINGS = 8_000_000  # all string-array elements; real gpt-oss has ~650k
_MAX_KEPT = 64 << 20  # string bytes kept in `metadata`, so 1 MiB values can't pile up
_ABSURD = 1 << 48  # a claimed end past 256 TB is damage, not an interrupted download
_CHUNK = 1 << 20
_U32, _U64 = struct.Struct("<I"), struct.Struct("<Q")

# ggml type id -> (name, elements per block, bytes per block), as in ggml's type traits.
# Q8_1 is 36 bytes in ggml itself (two f16 scales); gguf-py's table says 40.
_GGML_TYPES: dict[int, tuple[str, int, int]] = {
    0: ("F32", 1, 4), 1: ("F16", 1, 2), 2: ("Q4_0", 32, 18), 3: ("Q4_1", 32, 20),
    6: ("Q5_0", 32, 22), 7: ("Q5_1", 32, 24), 8: ("Q8_0", 32, 34), 9: ("Q8_1", 32, 36),
    10: ("Q2_K", 256, 84), 11: ("Q3_K", 256, 110), 12: ("Q4_K", 256, 144),
    13: ("Q5_K", 256, 176), 14: ("Q6_K", 256, 210), 15: ("Q8_K", 256, 292),
    16: ("IQ2_XXS", 256, 66), 17: ("IQ2_XS", 256, 74), 18: ("IQ3_XXS", 256, 98),
    19: ("IQ1_S", 256, 50), 20: ("IQ4_NL", 32, 18), 21: ("IQ3_S", 256, 110),
    22: ("IQ2_S", 256, 82), 23: ("IQ4_XS", 256, 136), 24: ("I8", 1, 1), 25: ("I16", 1, 2),
    26: ("I32", 1, 4), 27: ("I64", 1, 8), 28: ("F64", 1, 8), 29: ("IQ1_M", 256, 56),
    30: ("BF16", 1, 2), 34: ("TQ1_0", 256, 54), 35: ("TQ2_0", 256, 66),
    39: ("MXFP4", 32, 17),
}  # fmt: skip

# GGUF value type id -> (name, struct) for the fixed-size value types; 8 and 9 below.
_SCALARS: dict[int, tuple[str, struct.Struct]] = {
    i: (n, struct.Struct("<" + c)) for i, n, c in [
        (0, "UINT8", "B"), (1, "INT8", "b"), (2, "UINT16", "H"), (3, "INT16", "h"),
        (4, "UINT32", "I"), (5, "INT32", "i"), (6, "FLOAT32", "f"), (7, "BOOL", "B"),
        (10, "UINT64", "Q"), (11, "INT64", "q"), (12, "FLOAT64", "d"),
    ]
}  # fmt: skip
_STRING, _ARRAY, _BOOL = 8, 9, 7

# GGUFInfo's per-architecture fields: the field is the key's last part.
_ARCH_INTS = (
    "block_count", "context_length", "embedding_length", "attention.head_count",
    "attention.head_count_kv", "attention.key_length", "attention.value_length",
    "attention.sliding_window", "expert_count", "expert_used_count",
)  # fmt: skip


def translate(context: str, text: str) -> str:
    """``app.core.text.translate``, reached without importing it: this module uses only the
    standard library. Until something imports app.core.text no translator can be installed
    there, so the English text is the right answer."""
    text_module = sys.modules.get("app.core.text")
    if text_module is None:
        return text
    translated: str = text_module.translate(context, text)
    return translated


class GGUFError(ValueError):
    """A file Hearth cannot use; `str(e)` says what to do, `kind` is one of KINDS."""

    def __init__(self, message: str, kind: str = "malformed") -> None:
        super().__init__(message)
        self.kind = kind

    # Keep `kind` when the error is pickled back from a worker process.
    def __reduce__(self) -> tuple[type[GGUFError], tuple[str, str]]:
        return (type(self), (str(self), self.kind))


@dataclass(frozen=True)
class GGUFTensor:
    """One tensor's entry in the header: ``shape`` in ggml's order (row length first)."""

    name: str
    shape: tuple[int, ...]
    type_name: str
    nbytes: int


@dataclass(frozen=True)
class GGUFInfo:
    """What the header says; arrays in `metadata` are ("array", type name, count)."""

    path: str
    file_size: int
    version: int
    architecture: str
    name: str | None
    block_count: int | None
    context_length: int | None
    embedding_length: int | None
    head_count: int | None
    head_count_kv: int | None
    key_length: int | None
    value_length: int | None
    sliding_window: int | None
    expert_count: int | None
    expert_used_count: int | None
    vocab_size: int | None
    file_type: int | None
    tensor_count: int
    tensor_bytes: int
    tensor_bytes_by_type: dict[str, int]
    chat_template_sha256: str | None
    chat_template: str | None
    metadata: dict[str, object]
    # In file order; a quantization plan needs each tensor's shape, not just totals by type.
    tensors: tuple[GGUFTensor, ...] = ()
    data_offset: int = 0  # where the tensor data starts: the header's size with padding


def human_size(n: int) -> str:
    """Decimal units, as download sites and file managers show them: '12.1 GB'."""
    units, value = ("B", "kB", "MB", "GB", "TB", "PB", "EB"), float(n)
    i = 0
    while round(value, 1) >= 1000 and i < len(units) - 1:
        value, i = value / 1000, i + 1
    return f"{n} B" if i == 0 else f"{value:.1f} {units[i]}"


def _shown(text: str, limit: int = 60) -> str:
    """Text from the file, made safe to put in a message (short, printable)."""
    clean = "".join(c if c.isprintable() else "?" for c in text[:limit])
    return clean + ("…" if len(text) > limit else "")


def _truncated(name: str, size: int, needed: int) -> GGUFError:
    have, need = human_size(size), human_size(needed)
    if have == need:  # "ends at 12.1 GB but needs 12.1 GB" would read as no problem
        have = translate("GGUFHeader", "{count} bytes").format(count=f"{size:,}")
        need = translate("GGUFHeader", "{count} bytes").format(count=f"{needed:,}")
    return GGUFError(
        translate(
            "GGUFHeader",
            "{name} is incomplete: it ends at {have} but its contents need at least {need}. The download was probably interrupted — resume or download it again.",
        ).format(name=name, have=have, need=need),
        "truncated",
    )


class _Reader:
    """Buffered reads that check every length against the bytes left before using it."""

    def __init__(self, f: BinaryIO, size: int, name: str) -> None:
        self.f, self.size, self.name = f, size, name
        self.buf, self.off, self.base = b"", 0, 0  # base: file position of buf[0]

    @property
    def pos(self) -> int:
        return self.base + self.off

    def fail(self, reason: str) -> GGUFError:
        msg = translate("GGUFHeader", "{name} is damaged or not a valid GGUF file ({reason}). Download it again.")
        return GGUFError(msg.format(name=self.name, reason=reason), "malformed")

    def check(self, ok: bool, reason: str) -> None:
        if not ok:
            raise self.fail(reason)

    def need(self, n: int, what: str) -> None:
        end = self.pos + n
        if end > self.size:
            self.check(end <= _ABSURD, translate("GGUFHeader", "{what} claims an impossible size").format(what=what))
            raise _truncated(self.name, self.size, end)

    def read(self, n: int, what: str) -> bytes:
        self.need(n, what)
        if len(self.buf) - self.off < n:
            rest = self.buf[self.off :]
            self.base += self.off
            self.buf, self.off = rest + self.f.read(max(n - len(rest), _CHUNK)), 0
            if len(self.buf) < n:  # the file shrank while we were reading it
                raise _truncated(self.name, self.base + len(self.buf), self.base + n)
        self.off += n
        return self.buf[self.off - n : self.off]

    def skip(self, n: int, what: str) -> None:
        self.need(n, what)
        if len(self.buf) - self.off >= n:
            self.off += n
        else:  # seek past big skips instead of reading them
            self.base, self.buf, self.off = self.pos + n, b"", 0
            self.f.seek(self.base)

    def num(self, st: struct.Struct, what: str) -> int:
        return st.unpack(self.read(st.size, what))[0]

    def string(self, cap: int, what: str) -> str:
        n = self.num(_U64, what)
        if n > cap:
            raise self.fail(translate("GGUFHeader", "{what} is {size} long").format(what=what, size=human_size(n)))
        try:
            return self.read(n, what).decode("utf-8")
        except UnicodeDecodeError:
            raise self.fail(translate("GGUFHeader", "{what} is not UTF-8 text").format(what=what)) from None

    def skip_strings(self, count: int) -> None:
        # Hot loop: ~650k tokenizer strings in a real file. Walk the buffer directly and
        # take the checked slow path only at chunk edges: a 14 MB header takes ~0.15 s.
        unpack_from = _U64.unpack_from
        for _ in range(count):
            buf, off = self.buf, self.off
            if off + 8 <= len(buf):
                end = off + 8 + unpack_from(buf, off)[0]
                if end <= len(buf):
                    self.off = end
                    continue
            self.skip(self.num(_U64, "a string"), translate("GGUFHeader", "a string in an array"))


def _read_value(r: _Reader, vtype: int, key: str, budget: list[int]) -> object:
    if vtype in _SCALARS:
        value = r.num(_SCALARS[vtype][1], key)
        if vtype == _BOOL:
            if value not in (0, 1):
                raise r.fail(translate("GGUFHeader", "{key} is not a valid true/false value").format(key=key))
            return bool(value)
        return value
    if vtype == _STRING:
        text = r.string(_MAX_STRING, key)
        budget[1] -= len(text)
        r.check(budget[1] >= 0, translate("GGUFHeader", "its metadata text is too large"))
        return text
    if vtype != _ARRAY:
        raise r.fail(translate("GGUFHeader", "{key} has unknown value type {type}").format(key=key, type=vtype))
    etype, count = r.num(_U32, key), r.num(_U64, key)
    if etype in _SCALARS:
        r.skip(count * _SCALARS[etype][1].size, key)  # Python ints: no overflow
        return ("array", _SCALARS[etype][0], count)
    if etype == _ARRAY:
        raise r.fail(translate("GGUFHeader", "{key} is an array of arrays").format(key=key))
    if etype != _STRING:
        raise r.fail(translate("GGUFHeader", "{key} has unknown element type {type}").format(key=key, type=etype))
    r.need(count * 8, key)  # each element has at least its 8-byte length
    budget[0] -= count
    r.check(budget[0] >= 0, translate("GGUFHeader", "its arrays hold too many strings"))
    r.skip_strings(count)
    return ("array", "STRING", count)


def _read_version(r: _Reader) -> int:
    head = r.read(min(4, r.size), "magic")
    if r.size < 4 and _MAGIC.startswith(head):  # empty, or a GGUF cut very short
        if r.size == 0:
            msg = translate(
                "GGUFHeader",
                "{name} is empty (0 bytes). The download probably never started or was cut off — download it again.",
            )
            raise GGUFError(msg.format(name=r.name), "truncated")
        raise _truncated(r.name, r.size, 24)
    if head != _MAGIC:
        msg = translate(
            "GGUFHeader",
            "{name} is not a GGUF model file (it does not start with 'GGUF'). Hearth runs gpt-oss models in GGUF format, such as gpt-oss-20b-mxfp4.gguf.",
        )
        raise GGUFError(msg.format(name=r.name), "not_gguf")
    version = r.num(_U32, "version")
    if version in (2, 3):
        return version
    swapped = int.from_bytes(version.to_bytes(4, "little"), "big")
    if swapped in (2, 3):
        msg = translate(
            "GGUFHeader",
            "{name} is a big-endian GGUF file, which this version of Hearth cannot read (it reads little-endian versions 2 and 3) — use the gpt-oss files from Hearth's catalog.",
        )
    else:
        msg = translate(
            "GGUFHeader",
            "{name} uses GGUF version {version}, which this version of Hearth cannot read (it reads little-endian versions 2 and 3) — use the gpt-oss files from Hearth's catalog.",
        )
    raise GGUFError(msg.format(name=r.name, version=version), "unsupported_version")


def read_gguf_header(
    path: str | os.PathLike[str],
    *,
    expected_architecture: str | None = "gpt-oss",
    max_kv: int = 100_000,
    max_tensors: int = 100_000,
) -> GGUFInfo:
    """Read and check a GGUF file's header. Raises GGUFError, or OSError if unreadable."""
    path_str = os.fspath(path)
    name = os.path.basename(os.path.normpath(path_str)) or path_str
    if os.path.isdir(path_str):  # checked first: Windows gives PermissionError
        msg = translate("GGUFHeader", "{name} is a folder, not a GGUF model file. Choose the .gguf file inside it.")
        raise GGUFError(msg.format(name=name), "not_gguf")
    with open(path_str, "rb") as f:
        r = _Reader(f, os.fstat(f.fileno()).st_size, name)
        version = _read_version(r)
        tensor_count, kv_count = r.num(_U64, "tensor count"), r.num(_U64, "key count")
        if kv_count > max_kv:
            raise r.fail(translate("GGUFHeader", "it claims {count} metadata entries").format(count=f"{kv_count:,}"))
        if tensor_count > max_tensors:
            raise r.fail(translate("GGUFHeader", "it claims {count} tensors").format(count=f"{tensor_count:,}"))
        # The smallest possible entries: 13 bytes per key-value, 32 per tensor info.
        r.need(kv_count * 13 + tensor_count * 32, translate("GGUFHeader", "the header"))

        meta: dict[str, object] = {}
        budget = [_MAX_ARRAY_STRINGS, _MAX_KEPT]
        a_metadata_key = translate("GGUFHeader", "a metadata key")
        for _ in range(kv_count):
            key = r.string(_MAX_NAME, a_metadata_key)
            if key in meta:
                raise r.fail(translate("GGUFHeader", "the key {key} appears twice").format(key=_shown(key)))
            meta[key] = _read_value(r, r.num(_U32, key), _shown(key), budget)

        arch = meta.get("general.architecture")
        if not isinstance(arch, str):
            raise r.fail(translate("GGUFHeader", "it does not say which model architecture it holds"))
        if expected_architecture is not None and arch != expected_architecture:
            if expected_architecture == "gpt-oss":
                msg = translate(
                    "GGUFHeader",
                    "{name} is a '{architecture}' model, not {expected}. Hearth runs OpenAI's gpt-oss-20b and gpt-oss-120b.",
                )
            else:
                msg = translate("GGUFHeader", "{name} is a '{architecture}' model, not {expected}.")
            raise GGUFError(
                msg.format(name=name, architecture=_shown(arch), expected=expected_architecture), "wrong_architecture"
            )

        def integer(key: str) -> int | None:
            value = meta.get(key)
            if not (value is None or (type(value) is int and value >= 0)):
                raise r.fail(translate("GGUFHeader", "{key} is not a whole number").format(key=_shown(key)))
            return value

        alignment = integer("general.alignment")
        alignment = 32 if alignment is None else alignment
        if not (alignment > 0 and alignment & (alignment - 1) == 0):
            raise r.fail(translate("GGUFHeader", "its alignment {alignment} is not a power of two").format(alignment=alignment))

        by_type: dict[str, int] = {}
        tensors: list[GGUFTensor] = []
        seen: set[str] = set()
        data_end = 0  # relative to the data section
        a_tensor_name = translate("GGUFHeader", "a tensor name")
        for _ in range(tensor_count):
            tname = r.string(_MAX_NAME, a_tensor_name)
            shown = f"tensor {_shown(tname)}"  # names its reads (a few bytes: never an absurd size)
            if tname in seen:
                raise r.fail(translate("GGUFHeader", "tensor {tensor} appears twice").format(tensor=_shown(tname)))
            seen.add(tname)
            n_dims = r.num(_U32, shown)
            if not 1 <= n_dims <= 4:
                raise r.fail(
                    translate("GGUFHeader", "tensor {tensor} has {count} dimensions").format(
                        tensor=_shown(tname), count=n_dims
                    )
                )
            dims = [r.num(_U64, shown) for _ in range(n_dims)]
            ttype, offset = r.num(_U32, shown), r.num(_U64, shown)
            if ttype not in _GGML_TYPES:
                raise r.fail(
                    translate("GGUFHeader", "tensor {tensor} has unknown type {type}").format(
                        tensor=_shown(tname), type=ttype
                    )
                )
            type_name, block, block_bytes = _GGML_TYPES[ttype]
            if dims[0] % block:
                raise r.fail(
                    translate("GGUFHeader", "tensor {tensor} has a row that splits a block").format(tensor=_shown(tname))
                )
            if offset % alignment:
                raise r.fail(translate("GGUFHeader", "tensor {tensor} is not aligned").format(tensor=_shown(tname)))
            nbytes = dims[0] // block * block_bytes
            for d in dims[1:]:
                nbytes *= d
            by_type[type_name] = by_type.get(type_name, 0) + nbytes
            tensors.append(GGUFTensor(tname, tuple(dims), type_name, nbytes))
            data_end = max(data_end, offset + nbytes)
        data_start = -(-r.pos // alignment) * alignment
        if tensor_count:  # every tensor must lie inside the file
            r.need(data_start + data_end - r.pos, translate("GGUFHeader", "a tensor"))

    template = meta.get("tokenizer.chat_template")
    r.check(template is None or isinstance(template, str), translate("GGUFHeader", "its chat template is not text"))
    tokens = meta.get("tokenizer.ggml.tokens")
    ok = tokens is None or (isinstance(tokens, tuple) and tokens[1] == "STRING")
    r.check(ok, translate("GGUFHeader", "its token list is not a list of strings"))
    label = meta.get("general.name")
    return GGUFInfo(
        path=path_str,
        file_size=r.size,
        version=version,
        architecture=arch,
        name=label if isinstance(label, str) else None,
        **{k.rsplit(".", 1)[-1]: integer(f"{arch}.{k}") for k in _ARCH_INTS},
        vocab_size=tokens[2] if isinstance(tokens, tuple) else None,
        file_type=integer("general.file_type"),
        tensor_count=tensor_count,
        tensor_bytes=sum(by_type.values()),
        tensor_bytes_by_type=by_type,
        chat_template_sha256=(
            hashlib.sha256(template.encode()).hexdigest() if isinstance(template, str) else None
        ),
        chat_template=template if isinstance(template, str) else None,
        metadata=meta,
        tensors=tuple(tensors),
        data_offset=data_start,
    )
