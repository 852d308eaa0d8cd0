"""Finding gpt-oss copies in LM Studio's, Ollama's and the Hugging Face cache's real layouts."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.infra.models.discovery import DiscoveryRoots, FoundCopy, default_roots, discover
from app.testing.tiny_model import write_tiny_model

REV = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture(scope="module")
def decoys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("decoys")
    return {
        "llama": write_tiny_model(d / "llama.gguf", architecture="llama"),
        "gptoss": write_tiny_model(d / "ollama-own.gguf", architecture="gptoss"),
    }


def put(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return dst


def manifest(root: Path, name: str, tag: str, digest: object, namespace: str = "library") -> None:
    path = root / "manifests" / "registry.ollama.ai" / namespace / name / tag
    path.parent.mkdir(parents=True, exist_ok=True)
    layers = [
        {"mediaType": "application/vnd.ollama.image.template", "digest": "sha256:" + "0" * 64},
        {"mediaType": "application/vnd.ollama.image.model", "digest": digest, "size": 1},
    ]
    path.write_text(json.dumps({"schemaVersion": 2, "layers": layers}))


def blob(root: Path, src: Path) -> str:
    hexdigest = hashlib.sha256(src.read_bytes()).hexdigest()
    put(src, root / "blobs" / f"sha256-{hexdigest}")
    return hexdigest


@pytest.fixture
def locked_dir(tmp_path: Path) -> Iterator[Path]:
    locked = tmp_path / "lm" / "pub" / "locked"
    locked.mkdir(parents=True)
    yield locked
    locked.chmod(0o755)  # let pytest remove it


def test_discover_finds_exactly_the_gpt_oss_copies(
    tmp_path: Path, tiny_model: Path, decoys: dict[str, Path], locked_dir: Path
) -> None:
    size = tiny_model.stat().st_size

    lm = tmp_path / "lm"
    lm_file = put(tiny_model, lm / "lmstudio-community" / "gpt-oss-20b-GGUF" / "gpt-oss-20b-MXFP4.gguf")
    split = [
        put(tiny_model, lm / "unsloth" / "gpt-oss-120b-GGUF" / f"gpt-oss-120b-{i:05d}-of-00003.gguf")
        for i in (1, 2, 3)
    ]
    cut = lm / "pub" / "cut" / "gpt-oss-20b-cut.gguf"
    cut.parent.mkdir(parents=True)
    cut.write_bytes(tiny_model.read_bytes()[:-500])
    put(decoys["llama"], lm / "meta" / "llama-GGUF" / "llama.gguf")
    (lm / "pub" / "broken.gguf").symlink_to(lm / "nowhere.gguf")
    put(tiny_model, locked_dir / "hidden.gguf")
    locked_dir.chmod(0)

    ol = tmp_path / "ollama"
    digest = blob(ol, tiny_model)
    manifest(ol, "gpt-oss", "20b", f"sha256:{digest}")
    manifest(ol, "gpt-oss", "latest", f"sha256:{digest}")
    manifest(ol, "own", "20b", f"sha256:{blob(ol, decoys['gptoss'])}")
    manifest(ol, "llama", "1b", f"sha256:{blob(ol, decoys['llama'])}")
    manifest(ol, "evil", "x", "sha256:../../../../etc/passwd")
    manifest(ol, "evil", "y", ["sha256:" + digest])
    manifest(ol, "gone", "x", "sha256:" + "a" * 64)
    bad = ol / "manifests" / "registry.ollama.ai" / "library" / "bad" / "x"
    bad.parent.mkdir(parents=True)
    bad.write_text("{not json")

    hf = tmp_path / "hf"
    repo = hf / "models--openai--gpt-oss-20b"
    hexdigest = hashlib.sha256(tiny_model.read_bytes()).hexdigest()
    put(tiny_model, repo / "blobs" / hexdigest)
    for rev in (REV, "f" * 40):  # two revisions sharing one blob: listed once
        snap = repo / "snapshots" / rev
        snap.mkdir(parents=True)
        (snap / "gpt-oss-20b-mxfp4.gguf").symlink_to(Path("../../blobs") / hexdigest)
    (repo / "snapshots" / REV / "broken.gguf").symlink_to(Path("../../blobs") / ("9" * 64))
    (repo / "snapshots" / REV / "outside.gguf").symlink_to(lm_file)  # not this repo's blob

    found = discover(DiscoveryRoots((lm,), (ol,), (hf,)))
    by_path = {Path(c.path): c for c in found}

    assert by_path.pop(lm_file) == FoundCopy(
        str(lm_file),
        (str(lm_file),),
        "LM Studio",
        "lmstudio-community/gpt-oss-20b-GGUF · gpt-oss-20b-MXFP4.gguf",
        size,
        None,
        True,
        None,
        "lmstudio-community/gpt-oss-20b-GGUF",
    )
    whole = by_path.pop(split[0])
    assert whole.files == tuple(map(str, split)) and whole.size == 3 * size and whole.header_ok
    unfinished = by_path.pop(cut)
    assert not unfinished.header_ok and "incomplete" in (unfinished.reason or "")

    ollama = by_path.pop(ol / "blobs" / f"sha256-{digest}")
    assert (ollama.origin, ollama.label, ollama.sha256, ollama.size, ollama.header_ok) == (
        "Ollama",
        "ollama gpt-oss:20b, gpt-oss:latest",
        digest,
        size,
        True,
    )
    own = next(c for p, c in by_path.items() if c.label == "ollama own:20b")
    assert not own.header_ok and "'gptoss'" in (own.reason or "")
    by_path.pop(Path(own.path))

    cached = by_path.pop(repo / "snapshots" / REV / "gpt-oss-20b-mxfp4.gguf")
    assert (cached.origin, cached.label, cached.sha256, cached.repo, cached.revision) == (
        "Hugging Face cache",
        "openai/gpt-oss-20b · gpt-oss-20b-mxfp4.gguf",
        hexdigest,
        "openai/gpt-oss-20b",
        REV,
    )
    if os.geteuid() == 0:  # root reads a mode-000 folder anyway; elsewhere it is skipped quietly
        assert by_path.pop(locked_dir / "hidden.gguf").header_ok
    assert by_path == {}  # no decoy, shard 2..N, broken link, hidden or duplicate entry


def test_discover_is_bounded_and_tolerates_missing_roots(tmp_path: Path, tiny_model: Path) -> None:
    lm = tmp_path / "lm"
    for i in range(30):
        put(tiny_model, lm / "p" / f"r{i:02d}" / "gpt-oss.gguf")
    roots = DiscoveryRoots((lm, tmp_path / "absent"), (tmp_path / "absent",), (tmp_path / "absent", lm / "p"))
    assert len(discover(roots)) == 30
    assert len(discover(roots, max_entries=10)) < 10
    assert len(discover(DiscoveryRoots((lm,)), max_depth=1)) == 0  # files are two folders down


def test_default_roots_follow_the_apps_settings(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".lmstudio").mkdir(parents=True)
    (home / ".lmstudio" / "settings.json").write_text(json.dumps({"downloadsFolder": "/big/lms"}))
    env = {"OLLAMA_MODELS": "/big/ollama", "HF_HOME": "/big/hf", "HF_HUB_CACHE": "/big/hub"}
    roots = default_roots(home, env, "linux")
    assert roots.lmstudio == (
        Path("/big/lms"),
        home / ".lmstudio" / "models",
        home / ".cache/lm-studio/models",
    )
    assert roots.ollama == (
        Path("/big/ollama"),
        home / ".ollama" / "models",
        Path("/usr/share/ollama/.ollama/models"),
    )
    assert roots.hf_cache == (Path("/big/hub"), Path("/big/hf/hub"), home / ".cache/huggingface/hub")

    (home / ".lmstudio" / "settings.json").write_text("[1, 2")  # damaged: ignored
    plain = default_roots(home, {"USERPROFILE": str(home)}, "win32")
    assert plain.lmstudio[0] == home / ".lmstudio" / "models"
    assert plain.ollama == (home / ".ollama" / "models",)


@pytest.mark.skipif(os.name != "posix", reason="symlink loops need POSIX symlinks")
def test_discover_survives_a_symlink_loop(tmp_path: Path, tiny_model: Path) -> None:
    lm = tmp_path / "lm"
    put(tiny_model, lm / "a" / "b" / "gpt-oss.gguf")
    (lm / "a" / "b" / "loop").symlink_to(lm, target_is_directory=True)
    (lm / "a" / "self.gguf").symlink_to(lm / "a" / "self.gguf")
    assert [Path(c.path).name for c in discover(DiscoveryRoots((lm,)))] == ["gpt-oss.gguf"]
