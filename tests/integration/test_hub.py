"""HubClient through the real huggingface_hub against the fake Hub: metadata and its errors."""

from __future__ import annotations

import hashlib

import pytest

from app.infra.downloads.hub import HubClient, HubError, RemoteEntry, explain_hub_error
from app.testing.fake_hub import FakeHub, Fault

REPO = "openai/gpt-oss-test"
DATA = b"GGUF" + bytes(range(256)) * 40


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def hub(fake_hub: FakeHub) -> HubClient:
    fake_hub.add_file(REPO, "gpt-oss-20b-MXFP4.gguf", DATA)
    fake_hub.add_file(REPO, "q8/gpt-oss-20b-Q8_0-00001-of-00002.gguf", DATA[:500])
    fake_hub.add_file(REPO, "README.md", b"# readme", lfs=False)
    return HubClient(endpoint=fake_hub.url)


def test_resolve_gives_commit_size_and_sha256(fake_hub: FakeHub, hub: HubClient) -> None:
    [remote] = hub.resolve(REPO, "main", ["gpt-oss-20b-MXFP4.gguf"])
    commit = fake_hub.add_file(REPO, "other.gguf", b"x")  # same branch: same commit
    assert (remote.repo, remote.revision, remote.path) == (REPO, commit, "gpt-oss-20b-MXFP4.gguf")
    assert (remote.size, remote.sha256) == (len(DATA), sha(DATA))
    assert remote.url == f"{fake_hub.url}/{REPO}/resolve/{commit}/gpt-oss-20b-MXFP4.gguf"  # pinned
    assert [r.method for r in fake_hub.log] == ["HEAD"]


def test_files_without_a_published_sha256_are_refused(hub: HubClient) -> None:
    with pytest.raises(HubError, match="no published SHA-256 checksum") as info:
        hub.resolve(REPO, "main", ["README.md"])
    assert info.value.kind == "unverified"


def test_list_gguf_files_walks_folders(hub: HubClient) -> None:
    assert hub.list_gguf_files(REPO) == [
        RemoteEntry("gpt-oss-20b-MXFP4.gguf", len(DATA), sha(DATA)),
        RemoteEntry("q8/gpt-oss-20b-Q8_0-00001-of-00002.gguf", 500, sha(DATA[:500])),
    ]


def test_headers_carry_the_token_only_when_given(fake_hub: FakeHub) -> None:
    assert "authorization" not in {k.lower() for k in HubClient(fake_hub.url).headers()}
    assert HubClient(fake_hub.url, token="hf_abc").headers()["authorization"] == "Bearer hf_abc"


@pytest.mark.parametrize(("repo", "revision", "path", "kind", "words"), [
    ("nobody/nothing", "main", "x.gguf", "not_found", "does not exist on the Hugging Face Hub, or it is private"),
    (REPO, "v9", "gpt-oss-20b-MXFP4.gguf", "not_found", "revision v9 does not exist"),
    (REPO, "main", "missing.gguf", "not_found", "missing.gguf is not in openai/gpt-oss-test"),
])  # fmt: skip
def test_missing_things_are_named(hub: HubClient, repo: str, revision: str, path: str, kind: str,
                                  words: str) -> None:  # fmt: skip
    with pytest.raises(HubError, match=words) as info:
        hub.resolve(repo, revision, [path])
    assert info.value.kind == kind


@pytest.mark.parametrize(("fault", "kind", "words"), [
    (Fault(status=401, error_code="GatedRepo"), "gated", "accept its licence on https://huggingface.co/"),
    (Fault(status=403, error_code="GatedRepo"), "gated", "add a Hugging Face access token"),
    (Fault(status=429, retry_after=30), "rate_limited", "limiting requests"),
    (Fault(status=500), "server", "having trouble"),
])  # fmt: skip
def test_refusals_become_sentences(fake_hub: FakeHub, hub: HubClient, fault: Fault, kind: str,
                                   words: str) -> None:  # fmt: skip
    fake_hub.inject(fault, repo=REPO)
    with pytest.raises(HubError, match=words) as info:
        hub.resolve(REPO, "main", ["gpt-oss-20b-MXFP4.gguf"])
    assert info.value.kind == kind


def test_listing_a_gated_repo_says_so(fake_hub: FakeHub, hub: HubClient) -> None:
    fake_hub.inject(Fault(status=403, error_code="GatedRepo"), repo=REPO)
    with pytest.raises(HubError, match="gated or private") as info:
        hub.list_gguf_files(REPO)
    assert info.value.kind == "gated"


def test_listing_rides_out_one_busy_answer(fake_hub: FakeHub, hub: HubClient) -> None:
    fake_hub.inject(Fault(status=503, retry_after=0, times=1), repo=REPO)  # huggingface_hub retries once
    assert len(hub.list_gguf_files(REPO)) == 2


def test_an_unreachable_hub_is_explained() -> None:
    with FakeHub() as gone:
        url = gone.url
    with pytest.raises(
        HubError, match=r"Could not reach 127\.0\.0\.1:\d+: the connection was refused"
    ) as info:
        HubClient(url).resolve(REPO, "main", ["a.gguf"])
    assert info.value.kind == "network"


def test_offline_mode_touches_no_network(fake_hub: FakeHub) -> None:
    client = HubClient(fake_hub.url, offline=True)
    for call in (lambda: client.resolve(REPO, "main", ["a.gguf"]), lambda: client.list_gguf_files(REPO)):
        with pytest.raises(HubError, match="offline mode") as info:
            call()
        assert info.value.kind == "offline"
    assert fake_hub.log == []


def test_huggingface_hubs_own_offline_switch_is_explained(
    fake_hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import constants
    from huggingface_hub.errors import OfflineModeIsEnabled

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(HubError, match="offline mode"):
        HubClient(fake_hub.url).resolve(REPO, "main", ["a.gguf"])
    assert fake_hub.log == []
    assert "offline mode" in explain_hub_error(OfflineModeIsEnabled("x"))
