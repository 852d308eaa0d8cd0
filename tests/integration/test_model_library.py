"""The installed-models registry and its file operations, on real files and real tiny GGUFs."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from app.core.gguf_header import GGUFError
from app.infra.models.library import (
    Cancelled,
    InstalledModel,
    ModelFileError,
    ModelLibrary,
    Orphan,
    state_sentence,
)
from app.testing.tiny_model import write_tiny_model


@pytest.fixture
def lib(tmp_path: Path) -> ModelLibrary:
    return ModelLibrary(tmp_path / "data" / "models.json", tmp_path / "data" / "models")


@pytest.fixture
def source(tmp_path: Path, tiny_model: Path) -> Path:
    """A gpt-oss file in another app's folder."""
    other = tmp_path / "other-app" / "gpt-oss-20b-mxfp4.gguf"
    other.parent.mkdir(parents=True)
    shutil.copyfile(tiny_model, other)
    return other


def shards(folder: Path, tiny_model: Path, count: int = 3) -> list[Path]:
    """A split model; every part is a valid GGUF (only part 1's header is read in full)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"x-{i:05d}-of-{count:05d}.gguf" for i in range(1, count + 1)]
    for p in paths:
        shutil.copyfile(tiny_model, p)
    return paths


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_registry_round_trip(lib: ModelLibrary, tmp_path: Path) -> None:
    model = InstalledModel(
        id="m1",
        name="gpt-oss-20b",
        files=[str(tmp_path / "a.gguf")],
        size=5,
        sha256={"a.gguf": "ab" * 32},
        repo="openai/gpt-oss-20b",
        variant_id="20b-mxfp4",
    )
    (tmp_path / "a.gguf").write_bytes(b"12345")
    lib.add(model)
    again = ModelLibrary(lib.registry, lib.models_dir)
    assert again.models() == [model]
    assert again.get("m1") == model and again.get("nope") is None


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"version": 99, "models": []}', b'{"version": 1, "models": [{"id": 3}]}', b"[]"],
)
def test_damaged_registry_starts_empty_and_keeps_a_copy(tmp_path: Path, content: bytes) -> None:
    registry = tmp_path / "models.json"
    registry.write_bytes(content)
    lib = ModelLibrary(registry, tmp_path / "models")
    assert lib.models() == []
    assert (tmp_path / "models.json.bad").read_bytes() == content


def test_one_damaged_entry_costs_only_that_entry(lib: ModelLibrary, source: Path) -> None:
    model = lib.import_file(source, "reference")
    raw = json.loads(lib.registry.read_text("utf-8"))
    raw["models"].append({**raw["models"][0], "id": "bad", "size": "huge"})
    lib.registry.write_text(json.dumps(raw))
    assert [m.id for m in ModelLibrary(lib.registry, lib.models_dir).models()] == [model.id]
    assert lib.registry.with_name("models.json.bad").exists()


def test_import_link_shares_the_inode(lib: ModelLibrary, source: Path) -> None:
    model = lib.import_file(source, "link")
    linked = Path(model.path)
    assert linked.parent.parent == lib.models_dir / "imported"
    assert os.stat(linked).st_ino == os.stat(source).st_ino and os.stat(source).st_nlink == 2
    assert (model.source, model.managed, model.state) == ("linked", True, "unverified")
    assert model.size == source.stat().st_size and lib.get(model.id) == model


def test_import_copy_reports_progress_and_leaves_no_temp(lib: ModelLibrary, source: Path) -> None:
    progress: list[tuple[int, int]] = []
    model = lib.import_file(source, "copy", lambda d, t: progress.append((d, t)))
    copied = Path(model.path)
    assert copied.read_bytes() == source.read_bytes()
    assert os.stat(copied).st_ino != os.stat(source).st_ino
    assert progress and progress[-1] == (source.stat().st_size, source.stat().st_size)
    assert not list(lib.models_dir.rglob("*.tmp"))
    assert (model.source, model.managed) == ("copied", True)


def test_import_copy_cancelled_leaves_nothing(lib: ModelLibrary, source: Path) -> None:
    with pytest.raises(Cancelled):
        lib.import_file(source, "copy", should_stop=lambda: True)
    assert lib.models() == [] and files_under(lib.models_dir) == []


def test_reference_is_forgotten_never_deleted(lib: ModelLibrary, source: Path) -> None:
    model = lib.import_file(source, "reference", sha256="cd" * 32)
    assert (model.managed, model.source, model.path) == (False, "referenced", str(source))
    assert model.sha256 == {source.name: "cd" * 32}
    assert lib.delete(model.id) == 0
    assert source.exists() and lib.models() == []


def test_link_across_drives_falls_back_to_a_reference(
    lib: ModelLibrary, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cross_device(src: object, dst: object, **kw: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    model = lib.import_file(source, "link")
    assert (model.source, model.managed, model.path) == ("referenced", False, str(source))
    assert model.note and "another drive" in model.note
    assert files_under(lib.models_dir) == []


def test_wrong_or_broken_files_are_refused(lib: ModelLibrary, tmp_path: Path, tiny_model: Path) -> None:
    llama = write_tiny_model(tmp_path / "llama.gguf", architecture="llama")
    with pytest.raises(GGUFError, match="'llama' model, not gpt-oss"):
        lib.import_file(llama, "copy")
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(tiny_model.read_bytes()[:-1000])
    with pytest.raises(GGUFError, match="incomplete"):
        lib.import_file(cut, "link")
    assert lib.models() == [] and files_under(lib.models_dir) == []


def test_split_model_imports_all_parts(lib: ModelLibrary, tmp_path: Path, tiny_model: Path) -> None:
    parts = shards(tmp_path / "split", tiny_model)
    model = lib.import_file(parts[0], "link")
    assert [Path(f).name for f in model.files] == [p.name for p in parts]
    assert model.size == 3 * tiny_model.stat().st_size
    with pytest.raises(ModelFileError, match="already installed"):
        lib.import_file(parts[0], "reference")


def test_split_model_problems_are_sentences(lib: ModelLibrary, tmp_path: Path, tiny_model: Path) -> None:
    parts = shards(tmp_path / "split", tiny_model)
    with pytest.raises(ModelFileError, match=r"part 2 of 3 .* Choose the first part, x-00001-of-00003\.gguf"):
        lib.import_file(parts[1], "link")
    parts[2].write_bytes(b"not a gguf at all")
    with pytest.raises(GGUFError, match=r"x-00003-of-00003.gguf \(part 3 of 3\) is not a GGUF file"):
        lib.import_file(parts[0], "link")
    parts[2].unlink()
    with pytest.raises(ModelFileError, match=r"x-00003-of-00003\.gguf is not in"):
        lib.import_file(parts[0], "copy")
    assert lib.models() == [] and files_under(lib.models_dir) == []


def test_verify_states(lib: ModelLibrary, source: Path) -> None:
    good = hashlib.sha256(source.read_bytes()).hexdigest()
    model = lib.import_file(source, "copy", sha256=good)
    progress: list[tuple[int, int]] = []
    assert lib.verify(model.id, lambda d, t: progress.append((d, t))) == "verified"
    checked = lib.get(model.id)
    assert checked and checked.checked_at and progress[-1][0] == progress[-1][1] == model.size
    assert "Intact" in state_sentence(checked)

    with pytest.raises(Cancelled):
        lib.verify(model.id, should_stop=lambda: True)
    assert lib.get(model.id).state == "verified"  # type: ignore[union-attr]

    data = bytearray(Path(model.path).read_bytes())
    data[-1] ^= 0xFF
    Path(model.path).write_bytes(data)
    assert lib.verify(model.id) == "failed"
    Path(model.path).unlink()
    assert lib.verify(model.id) == "missing"


def test_verify_without_a_published_hash_records_one(lib: ModelLibrary, source: Path) -> None:
    model = lib.import_file(source, "reference")
    assert lib.verify(model.id) == "unverified"
    recorded = lib.get(model.id)
    assert recorded and recorded.hashes_recorded
    assert recorded.sha256 == {source.name: hashlib.sha256(source.read_bytes()).hexdigest()}
    assert "recorded" in state_sentence(recorded)
    assert lib.verify(model.id) == "unverified"  # still the same file, still not published
    with source.open("r+b") as f:
        f.seek(100)
        f.write(b"\0\1\2")
    assert lib.verify(model.id) == "failed"


def test_missing_files_show_as_missing(lib: ModelLibrary, source: Path) -> None:
    model = lib.import_file(source, "reference")
    source.rename(source.with_suffix(".moved"))
    assert lib.models()[0].state == "missing"
    source.with_suffix(".moved").rename(source)
    assert [(m.id, m.state) for m in lib.models()] == [(model.id, "unverified")]


def test_delete_reports_space_actually_freed(lib: ModelLibrary, source: Path) -> None:
    copied = lib.import_file(source, "copy", name="copy")
    linked = lib.import_file(source, "link", name="link")
    assert lib.delete(linked.id) == 0  # the other app's link still holds the data
    assert source.exists() and not Path(linked.path).exists()
    assert lib.delete(copied.id) == source.stat().st_size
    assert lib.models() == [] and files_under(lib.models_dir) == []
    with pytest.raises(ModelFileError, match="No installed model"):
        lib.delete(copied.id)


def cross_device_replace(monkeypatch: pytest.MonkeyPatch, old: Path, new: Path) -> None:
    """os.replace from the old folder into the new one fails as between two drives."""
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if str(src).startswith(str(old)) and str(dst).startswith(str(new)):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("across_drives", [False, True])
def test_move_models_dir(
    lib: ModelLibrary,
    source: Path,
    tmp_path: Path,
    tiny_model: Path,
    monkeypatch: pytest.MonkeyPatch,
    across_drives: bool,
) -> None:
    one = lib.import_file(source, "copy")
    split = lib.import_file(shards(tmp_path / "split", tiny_model)[0], "copy")
    ref = lib.import_file(tiny_model, "reference")
    old, new = lib.models_dir, tmp_path / "elsewhere" / "models"
    if across_drives:
        cross_device_replace(monkeypatch, old, new)
    progress: list[tuple[int, int]] = []
    assert lib.move_models_dir(new, lambda d, t: progress.append((d, t))) == new
    assert lib.models_dir == new and files_under(old) == []
    assert progress[-1][0] == progress[-1][1] == one.size + split.size
    reopened = ModelLibrary(lib.registry, new)
    for model in (one, split):
        moved = reopened.get(model.id)
        assert moved and all(f.startswith(str(new)) for f in moved.files)
        assert all(Path(f).read_bytes() == tiny_model.read_bytes() for f in moved.files)
    assert reopened.get(ref.id).files == [str(tiny_model)]  # type: ignore[union-attr]
    assert not list(new.rglob("*.tmp"))


@pytest.mark.parametrize("across_drives", [False, True])
def test_cancelled_move_leaves_everything_where_it_was(
    lib: ModelLibrary,
    source: Path,
    tmp_path: Path,
    tiny_model: Path,
    monkeypatch: pytest.MonkeyPatch,
    across_drives: bool,
) -> None:
    lib.import_file(source, "copy")
    lib.import_file(shards(tmp_path / "split", tiny_model)[0], "copy")
    before = {m.id: m.files for m in lib.models()}
    old, new = lib.models_dir, tmp_path / "elsewhere"
    if across_drives:
        cross_device_replace(monkeypatch, old, new)
    calls: list[int] = []
    with pytest.raises(Cancelled):
        lib.move_models_dir(new, lambda d, t: calls.append(d), lambda: len(calls) > 2)
    assert lib.models_dir == old and not new.exists()
    reopened = ModelLibrary(lib.registry, old)
    assert {m.id: m.files for m in reopened.models()} == before
    assert all(Path(f).read_bytes() == tiny_model.read_bytes() for fs in before.values() for f in fs)


def test_move_refuses_a_folder_inside_the_current_one(lib: ModelLibrary, source: Path) -> None:
    lib.import_file(source, "copy")
    with pytest.raises(ModelFileError, match="Choose a folder"):
        lib.move_models_dir(lib.models_dir / "sub")


def test_orphans_found_and_cleaned(lib: ModelLibrary, source: Path, tmp_path: Path) -> None:
    installed = lib.import_file(source, "copy")
    d = lib.models_dir / "openai" / "gpt-oss-20b"
    d.mkdir(parents=True)
    leftovers = {
        d / "gpt-oss-20b-mxfp4.gguf.part": (1000, "partial"),
        d / "gpt-oss-20b-mxfp4.gguf.part.json": (50, "sidecar"),
        lib.models_dir / "q.gguf.1a2b3c4d.tmp": (300, "temporary"),
        lib.models_dir / "stray.gguf": (70, "unregistered"),
    }
    busy_part = d / "running.gguf.part"
    hf_blobs = tmp_path / "hf" / "models--o--n" / "blobs"
    hf_blobs.mkdir(parents=True)
    leftovers[hf_blobs / f"{'e' * 64}.a1b2.incomplete"] = (400, "incomplete")
    for path, (size, _) in leftovers.items():
        path.write_bytes(b"x" * size)
    for keep in (busy_part, busy_part.with_name("running.gguf.part.json"), hf_blobs / ("f" * 64)):
        keep.write_bytes(b"y" * 10)
    (lib.models_dir / "link.part").symlink_to(source)  # a link is never a leftover

    busy = {d / "running.gguf"}
    found = lib.find_orphans([tmp_path / "hf"], busy=busy)
    assert {(o.path, o.size, o.kind) for o in found} == {(p, s, k) for p, (s, k) in leftovers.items()}
    assert all(o.path != Path(installed.path) for o in found)

    outside = tmp_path / "precious.part"
    outside.write_bytes(b"z" * 5)
    assert lib.clean([Orphan(outside, 5, "partial")]) == 0 and outside.exists()

    assert lib.clean(found, busy=busy) == sum(s for s, _ in leftovers.values())
    assert not any(p.exists() for p in leftovers)
    assert busy_part.exists() and (hf_blobs / ("f" * 64)).exists() and source.exists()
    assert Path(installed.path).exists()


def test_clean_does_not_follow_a_folder_swapped_for_a_link(lib: ModelLibrary, tmp_path: Path) -> None:
    folder = lib.models_dir / "dl"
    folder.mkdir(parents=True)
    (folder / "a.part").write_bytes(b"1" * 10)
    found = lib.find_orphans()
    assert [o.kind for o in found] == ["partial"]
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "a.part").write_bytes(b"keep me")
    shutil.rmtree(folder)
    folder.symlink_to(victim, target_is_directory=True)
    assert lib.clean(found) == 0
    assert (victim / "a.part").read_bytes() == b"keep me"


def test_dest_for(lib: ModelLibrary) -> None:
    assert lib.dest_for("openai/gpt-oss-20b", "q/gpt-oss-20b-mxfp4.gguf") == (
        lib.models_dir / "openai" / "gpt-oss-20b" / "q" / "gpt-oss-20b-mxfp4.gguf"
    )
    for repo, path in [
        ("openai/gpt-oss-20b", "../escape.gguf"),
        ("openai/gpt-oss-20b", "a/../../b.gguf"),
        ("openai/gpt-oss-20b", "/etc/passwd"),
        ("openai/gpt-oss-20b", "C:/x.gguf"),
        ("openai/gpt-oss-20b", "a\\..\\b.gguf"),
        ("../x", "a.gguf"),
        ("openai", "a.gguf"),
        ("a/b/c", "a.gguf"),
    ]:
        with pytest.raises(ValueError):
            lib.dest_for(repo, path)


def test_registry_file_is_plain_json(lib: ModelLibrary, source: Path) -> None:
    model = lib.import_file(source, "link")
    raw = json.loads(lib.registry.read_text("utf-8"))
    assert raw["version"] == 1 and raw["models"][0]["id"] == model.id


def test_downloaded_model_keeps_its_hashes_through_a_move(
    lib: ModelLibrary, tmp_path: Path, tiny_model: Path
) -> None:
    dest = lib.dest_for("openai/gpt-oss-20b", "gpt-oss-20b-mxfp4.gguf")
    dest.parent.mkdir(parents=True)
    shutil.copyfile(tiny_model, dest)
    digest = hashlib.sha256(tiny_model.read_bytes()).hexdigest()
    # A download records its hash by path; the library keeps it by file name.
    lib.add(InstalledModel("dl", "gpt-oss-20b", [str(dest)], dest.stat().st_size, {str(dest): digest}))
    lib.move_models_dir(tmp_path / "moved")
    moved = lib.get("dl")
    assert moved and moved.files == [str(tmp_path / "moved" / "openai" / "gpt-oss-20b" / dest.name)]
    assert lib.verify("dl") == "verified"
