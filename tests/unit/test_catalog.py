"""The shipped catalog, the Hub overlay and names people type."""

from __future__ import annotations

import json

import pytest

from app.core.catalog import (
    Catalog,
    CatalogError,
    CatalogFile,
    check_file_path,
    check_repo,
    custom_variant,
    overlay_entry,
    parse_catalog,
    shard_paths,
)
from app.paths import resources_dir

SHA = "a" * 64
COMMIT = "b" * 40


def shipped() -> Catalog:
    return parse_catalog((resources_dir() / "catalog.json").read_text(encoding="utf-8"))


def test_shipped_catalog_lists_both_models_and_their_variants() -> None:
    catalog = shipped()
    assert [m.id for m in catalog.models] == ["gpt-oss-20b", "gpt-oss-120b"]
    rec20 = catalog.recommended("gpt-oss-20b")
    rec120 = catalog.recommended("gpt-oss-120b")
    assert rec20 is not None and rec20.repo == "ggml-org/gpt-oss-20b-GGUF"
    assert rec120 is not None and rec120.file_count == 3  # three shards, one item
    purposes = {v.purpose for v in catalog.variants}
    assert purposes == {"chat", "quantize"}
    assert any(v.repo.startswith("lmstudio-community/") for v in catalog.variants)
    for v in catalog.variants:
        assert v.size and v.size > 10e9, v.id  # every variant shows a size before the Hub is asked


def test_overlay_fills_sizes_and_hashes_but_a_pinned_value_wins() -> None:
    catalog = shipped()
    v = catalog.variant("lmstudio-community/gpt-oss-20b-GGUF")
    assert v is not None and not v.verifiable
    pinned_size = v.files[0].size
    entry = overlay_entry(COMMIT, [CatalogFile(v.files[0].path, 123, SHA)])
    updated = catalog.with_overlay({v.id: entry}).variant(v.id)
    assert updated is not None
    assert updated.verifiable and updated.files[0].sha256 == SHA
    assert updated.files[0].size == pinned_size  # the shipped size is kept: a mismatch is caught later
    assert updated.commit == COMMIT


def test_overlay_for_other_files_or_with_bad_values_is_ignored() -> None:
    catalog = shipped()
    v = catalog.variants[0]
    wrong_files = overlay_entry(COMMIT, [CatalogFile("other.gguf", 1, SHA)])
    assert catalog.with_overlay({v.id: wrong_files}).variant(v.id) == v
    bad = {"commit": "nope", "files": [{"path": v.files[0].path, "size": 5, "sha256": SHA}]}
    assert catalog.with_overlay({v.id: bad}).variant(v.id) == v
    bad_sha = {"commit": COMMIT, "files": [{"path": v.files[0].path, "size": 5, "sha256": "xyz"}]}
    assert catalog.with_overlay({v.id: bad_sha}).variant(v.id) == v


def test_match_variant_has_no_files_until_the_hub_lists_them() -> None:
    v = next(v for v in shipped().variants if v.match)
    assert v.file_count == 0 and not v.size_is_exact and v.size == v.approx_size


@pytest.mark.parametrize("repo", ["ggml-org/gpt-oss-20b-GGUF", " unsloth/gpt-oss-20b-GGUF "])
def test_repo_names_people_type(repo: str) -> None:
    assert check_repo(repo) == repo.strip()


@pytest.mark.parametrize(
    "repo", ["", "gpt-oss", "a/b/c", "../etc", "owner/..", "https://huggingface.co/x/y", None]
)
def test_bad_repo_names_get_a_sentence(repo: object) -> None:
    with pytest.raises(CatalogError, match="owner/name"):
        check_repo(repo)


@pytest.mark.parametrize(
    "path", ["model.safetensors", "../x.gguf", "/abs.gguf", "a//b.gguf", "a\\b.gguf", ""]
)
def test_bad_file_paths_are_refused(path: str) -> None:
    with pytest.raises(CatalogError):
        check_file_path(path)


def test_a_first_shard_brings_its_siblings() -> None:
    assert shard_paths("dir/m-00002-of-00003.gguf") == [
        "dir/m-00001-of-00003.gguf",
        "dir/m-00002-of-00003.gguf",
        "dir/m-00003-of-00003.gguf",
    ]
    assert shard_paths("m.gguf") == ["m.gguf"]
    v = custom_variant("me/my-finetune-GGUF", "ft-00001-of-00002.gguf")
    assert v.custom and v.file_count == 2 and v.model == "custom"
    with pytest.raises(CatalogError, match="branch"):
        custom_variant("me/x", "a.gguf", "../main")


def test_malformed_catalogs_are_refused_with_a_reason() -> None:
    good = json.loads((resources_dir() / "catalog.json").read_text(encoding="utf-8"))
    with pytest.raises(CatalogError, match="JSON"):
        parse_catalog("{")
    with pytest.raises(CatalogError, match="version"):
        parse_catalog(json.dumps({**good, "version": 99}))
    dup = {**good, "variants": good["variants"] + good["variants"][:1]}
    with pytest.raises(CatalogError, match="twice"):
        parse_catalog(json.dumps(dup))
    orphan = {**good, "variants": [{**good["variants"][0], "model": "llama"}]}
    with pytest.raises(CatalogError, match="unknown model"):
        parse_catalog(json.dumps(orphan))
    bad_size = {**good, "variants": [{**good["variants"][0], "files": [{"path": "a.gguf", "size": -1}]}]}
    with pytest.raises(CatalogError, match="size"):
        parse_catalog(json.dumps(bad_size))
