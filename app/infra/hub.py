"""Hugging Face Hub metadata through huggingface_hub: sizes, sha256s, commits, file lists.

huggingface_hub is good at metadata, URLs, auth and proxies; the bytes themselves move through
transfer.py, which shares this module's ``RemoteFile`` and its sentences for HTTP and connection
failures. It reads HF_HUB_OFFLINE, telemetry and token switches when it is first imported,
so this module imports it only inside functions, and ``configure_hub_environment`` must run
before anything else imports it (bootstrap does this first thing).
"""

from __future__ import annotations

import os
import re
import ssl
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx2

_SHA256 = re.compile(r"[0-9a-f]{64}")
_COMMIT = re.compile(r"[0-9a-f]{40}")
METADATA_TIMEOUT = 15.0
OFFLINE_SENTENCE = (
    "Hearth is in offline mode, so it did not contact the Hugging Face Hub. Turn offline mode "
    "off in the settings to browse or download models."
)


def configure_hub_environment(offline: bool) -> None:
    """Privacy and behaviour switches for huggingface_hub; call before its first import.

    No telemetry, no token read implicitly from the machine (Hearth passes its own token
    explicitly), no Xet transfer protocol (Hearth moves the bytes itself), and in offline mode
    no request at all. If huggingface_hub is already imported, only the offline switch can still
    change (it reads that one on every request), so it is updated in place.
    """
    for name in (
        "HF_HUB_DISABLE_TELEMETRY",
        "DO_NOT_TRACK",
        "HF_HUB_DISABLE_IMPLICIT_TOKEN",
        "HF_HUB_DISABLE_XET",
    ):
        os.environ[name] = "1"
    if offline:
        os.environ["HF_HUB_OFFLINE"] = "1"
    else:
        os.environ.pop("HF_HUB_OFFLINE", None)
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:
        constants.HF_HUB_OFFLINE = offline  # type: ignore[attr-defined]


class HubError(Exception):
    """Metadata could not be had; ``str()`` is a sentence for the person.

    Kinds: offline, not_found, gated, rate_limited, server, network, unverified, invalid, http.
    """

    def __init__(self, message: str, kind: str = "http") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class RemoteFile:
    repo: str
    revision: str  # the commit, so that a moving branch never mixes two versions in one file
    path: str
    url: str
    size: int
    sha256: str


@dataclass(frozen=True)
class RemoteEntry:
    path: str
    size: int
    sha256: str | None  # None for files kept in git rather than LFS: Hearth will not offer those


def explain_http_status(status: int, repo: str, path: str) -> str:
    """A sentence for an HTTP error answered to a download or metadata request."""
    if status in (401, 403):
        return (
            f"{repo} is gated or private: accept its licence on https://huggingface.co/{repo} while "
            "signed in, add a Hugging Face access token in Hearth's settings, then try again."
        )
    if status == 404:
        return f"{path} was not found in {repo} (HTTP 404). Refresh the model list and try again."
    if status in (408, 429):
        return (
            f"The Hugging Face Hub is limiting requests right now (HTTP {status}). Wait a few minutes "
            "and try again; nothing downloaded so far is lost."
        )
    if status >= 500:
        return (
            f"The Hugging Face Hub is having trouble (HTTP {status}). Try again later; the download "
            "resumes where it stopped."
        )
    return f"The Hugging Face Hub refused to send {path} from {repo} (HTTP {status})."


def explain_connection_error(exc: BaseException, url: str, stall_timeout: float | None = None,
                             resumable: bool = True) -> str:  # fmt: skip
    """A sentence for a failure below HTTP: proxy, TLS, DNS, refused, timed out, cut off."""
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 8:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    lead = f"Could not reach {urlsplit(url).netloc or url}"
    if isinstance(exc, httpx2.ProxyError):
        reason = f"the proxy refused the connection ({exc})"
    elif any(isinstance(e, ssl.SSLCertVerificationError) for e in chain):
        reason = (
            "its certificate could not be verified (a proxy or antivirus that inspects HTTPS can cause this)"
        )
    elif any(isinstance(e, ssl.SSLError) for e in chain):
        reason = "the secure connection failed"
    elif isinstance(exc, httpx2.ReadTimeout):
        lead = f"The connection to {urlsplit(url).netloc or url} stalled"
        reason = "no data arrived" + (f" for {stall_timeout:g} seconds" if stall_timeout is not None else "")
    elif isinstance(exc, httpx2.TimeoutException):
        reason = "the connection timed out"
    elif "name or service not known" in str(exc).lower() or "getaddrinfo" in str(exc).lower():
        reason = "the name could not be looked up (is the computer offline?)"
    elif any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in str(exc).lower():
        reason = "the connection was refused"
    elif isinstance(exc, httpx2.RemoteProtocolError | httpx2.ReadError):
        lead = f"The connection to {urlsplit(url).netloc or url} broke"
        reason = "it was closed in the middle of the transfer"
    else:
        reason = str(exc) or type(exc).__name__
    tail = "; the download resumes where it stopped." if resumable else "."
    return f"{lead}: {reason}. Check your connection or proxy settings{tail}"


class HubClient:
    """One view of the Hub: an endpoint (None: huggingface.co), an optional token, offline or not."""

    def __init__(self, endpoint: str | None = None, token: str | None = None, offline: bool = False) -> None:
        self.endpoint = endpoint.rstrip("/") if endpoint else None
        self.token = token
        self.offline = offline

    def headers(self) -> dict[str, str]:
        """Headers for transfer.download_file: user agent and, if one is set, the token."""
        self._online()
        from huggingface_hub.utils import build_hf_headers

        # token=False, not None: never send a token found on the machine that the person did not give Hearth.
        return build_hf_headers(token=self.token or False, library_name="hearth")

    def resolve(self, repo: str, revision: str, paths: list[str]) -> list[RemoteFile]:
        """Commit, size and sha256 of each file, with a download URL pinned to that commit."""
        self._online()
        from huggingface_hub import get_hf_file_metadata, hf_hub_url

        files = []
        for path in paths:
            try:
                url = hf_hub_url(repo, path, revision=revision, endpoint=self.endpoint)
                meta = get_hf_file_metadata(
                    url, token=self.token or False, timeout=METADATA_TIMEOUT, endpoint=self.endpoint
                )
            except Exception as exc:
                raise _hub_error(exc, repo, revision, path) from exc
            commit, sha256 = (meta.commit_hash or "").lower(), (meta.etag or "").lower()
            if not _COMMIT.fullmatch(commit) or meta.size is None:
                raise HubError(
                    f"The Hub's answer about {path} in {repo} was incomplete (no commit or size); "
                    "try again later.",
                    "server",
                )
            if not _SHA256.fullmatch(sha256):
                raise HubError(
                    f"{path} in {repo} has no published SHA-256 checksum (it is not stored with Git LFS), "
                    "so Hearth cannot verify it and will not download it.",
                    "unverified",
                )
            pinned = hf_hub_url(repo, path, revision=commit, endpoint=self.endpoint)
            files.append(RemoteFile(repo, commit, path, pinned, meta.size, sha256))
        return files

    def list_gguf_files(self, repo: str, revision: str = "main") -> list[RemoteEntry]:
        """Every ``*.gguf`` file in the repository, in all folders, sorted by path."""
        self._online()
        from huggingface_hub import HfApi
        from huggingface_hub.hf_api import RepoFile

        api = HfApi(endpoint=self.endpoint, token=self.token or False, library_name="hearth")
        try:
            tree = list(api.list_repo_tree(repo, revision=revision, recursive=True))
        except Exception as exc:
            raise _hub_error(exc, repo, revision) from exc
        return sorted(
            (
                RemoteEntry(item.path, item.size, item.lfs.sha256.lower() if item.lfs else None)
                for item in tree
                if isinstance(item, RepoFile) and item.path.lower().endswith(".gguf")
            ),
            key=lambda e: e.path,
        )

    def _online(self) -> None:
        if self.offline:
            raise HubError(OFFLINE_SENTENCE, "offline")


def explain_hub_error(exc: BaseException, repo: str = "", revision: str = "", path: str = "") -> str:
    """A sentence a person can act on for anything huggingface_hub or httpx2 raised."""
    return str(_hub_error(exc, repo, revision, path))


def _hub_error(exc: BaseException, repo: str, revision: str = "", path: str = "") -> HubError:
    from huggingface_hub import errors

    repo = repo or getattr(exc, "repo_id", None) or "the repository"
    if isinstance(exc, errors.OfflineModeIsEnabled):
        return HubError(OFFLINE_SENTENCE, "offline")
    if isinstance(exc, errors.GatedRepoError):
        return HubError(explain_http_status(403, repo, path), "gated")
    if isinstance(exc, errors.RepositoryNotFoundError):
        return HubError(
            f"The repository {repo} does not exist on the Hugging Face Hub, or it is private. Check the "
            "name; if it is private, add an access token with access to it in Hearth's settings.",
            "not_found",
        )
    if isinstance(exc, errors.RevisionNotFoundError):
        return HubError(f"The revision {revision or '(unknown)'} does not exist in {repo}.", "not_found")
    if isinstance(exc, errors.EntryNotFoundError):
        return HubError(
            f"{path or 'The file'} is not in {repo} at revision {revision or 'main'}.", "not_found"
        )
    if isinstance(exc, errors.HfHubHTTPError) and exc.response is not None:
        status = exc.response.status_code
        kind = {401: "gated", 403: "gated", 408: "rate_limited", 429: "rate_limited"}.get(status, "http")
        kind = "server" if status >= 500 else kind
        return HubError(explain_http_status(status, repo, path or repo), kind)
    if isinstance(exc, errors.HFValidationError):
        return HubError(f"{repo!r} is not a valid Hugging Face repository name ({exc}).", "invalid")
    if isinstance(exc, httpx2.HTTPError):
        url = str(exc.request.url) if _has_request(exc) else "the Hugging Face Hub"
        return HubError(explain_connection_error(exc, url, resumable=False), "network")
    return HubError(f"Could not read {repo} from the Hugging Face Hub: {exc}", "http")


def _has_request(exc: BaseException) -> bool:
    try:
        return exc.request is not None  # type: ignore[attr-defined]
    except RuntimeError:  # httpx raises when an error was built without its request
        return False
