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

from app.core.text import translate

_SHA256 = re.compile(r"[0-9a-f]{64}")
_COMMIT = re.compile(r"[0-9a-f]{40}")
METADATA_TIMEOUT = 15.0


def _offline_sentence() -> str:
    return translate(
        "Hub",
        "Hearth is in offline mode, so it did not contact the Hugging Face Hub. Turn offline mode off in the settings to browse or download models.",
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
        return translate(
            "Hub",
            "{repo} is gated or private: accept its licence on https://huggingface.co/{repo} while signed in, add a Hugging Face access token in Hearth's settings, then try again.",
        ).format(repo=repo)
    if status == 404:
        return translate(
            "Hub", "{file} was not found in {repo} (HTTP 404). Refresh the model list and try again."
        ).format(file=path, repo=repo)
    if status in (408, 429):
        return translate(
            "Hub",
            "The Hugging Face Hub is limiting requests right now (HTTP {status}). Wait a few minutes and try again; nothing downloaded so far is lost.",
        ).format(status=status)
    if status >= 500:
        return translate(
            "Hub",
            "The Hugging Face Hub is having trouble (HTTP {status}). Try again later; the download resumes where it stopped.",
        ).format(status=status)
    return translate(
        "Hub", "The Hugging Face Hub refused to send {file} from {repo} (HTTP {status})."
    ).format(file=path, repo=repo, status=status)


def explain_connection_error(exc: BaseException, url: str, stall_timeout: float | None = None,
                             resumable: bool = True) -> str:  # fmt: skip
    """A sentence for a failure below HTTP: proxy, TLS, DNS, refused, timed out, cut off."""
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 8:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    host, error = urlsplit(url).netloc or url, str(exc)
    if isinstance(exc, httpx2.ProxyError):
        what = translate("Hub", "Could not reach {host}: the proxy refused the connection ({error}).")
    elif any(isinstance(e, ssl.SSLCertVerificationError) for e in chain):
        what = translate(
            "Hub",
            "Could not reach {host}: its certificate could not be verified (a proxy or antivirus that inspects HTTPS can cause this).",
        )
    elif any(isinstance(e, ssl.SSLError) for e in chain):
        what = translate("Hub", "Could not reach {host}: the secure connection failed.")
    elif isinstance(exc, httpx2.ReadTimeout):
        what = (
            translate("Hub", "The connection to {host} stalled: no data arrived.")
            if stall_timeout is None
            else translate("Hub", "The connection to {host} stalled: no data arrived for {seconds} seconds.")
        )
    elif isinstance(exc, httpx2.TimeoutException):
        what = translate("Hub", "Could not reach {host}: the connection timed out.")
    elif "name or service not known" in str(exc).lower() or "getaddrinfo" in str(exc).lower():
        what = translate(
            "Hub", "Could not reach {host}: the name could not be looked up (is the computer offline?)."
        )
    elif any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in str(exc).lower():
        what = translate("Hub", "Could not reach {host}: the connection was refused.")
    elif isinstance(exc, httpx2.RemoteProtocolError | httpx2.ReadError):
        what = translate(
            "Hub", "The connection to {host} broke: it was closed in the middle of the transfer."
        )
    else:
        what, error = translate("Hub", "Could not reach {host}: {error}."), error or type(exc).__name__
    seconds = f"{stall_timeout:g}" if stall_timeout is not None else ""
    first = what.format(host=host, error=error, seconds=seconds)
    advice = (
        translate("Hub", "Check your connection or proxy settings; the download resumes where it stopped.")
        if resumable
        else translate("Hub", "Check your connection or proxy settings.")
    )
    return f"{first} {advice}"


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
                    translate(
                        "Hub",
                        "The Hub's answer about {file} in {repo} was incomplete (no commit or size); try again later.",
                    ).format(file=path, repo=repo),
                    "server",
                )
            if not _SHA256.fullmatch(sha256):
                raise HubError(
                    translate(
                        "Hub",
                        "{file} in {repo} has no published SHA-256 checksum (it is not stored with Git LFS), so Hearth cannot verify it and will not download it.",
                    ).format(file=path, repo=repo),
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
            raise HubError(_offline_sentence(), "offline")


def explain_hub_error(exc: BaseException, repo: str = "", revision: str = "", path: str = "") -> str:
    """A sentence a person can act on for anything huggingface_hub or httpx2 raised."""
    return str(_hub_error(exc, repo, revision, path))


def _hub_error(exc: BaseException, repo: str, revision: str = "", path: str = "") -> HubError:
    from huggingface_hub import errors

    repo = repo or getattr(exc, "repo_id", None) or translate("Hub", "the repository")
    if isinstance(exc, errors.OfflineModeIsEnabled):
        return HubError(_offline_sentence(), "offline")
    if isinstance(exc, errors.GatedRepoError):
        return HubError(explain_http_status(403, repo, path), "gated")
    if isinstance(exc, errors.RepositoryNotFoundError):
        return HubError(
            translate(
                "Hub",
                "The repository {repo} does not exist on the Hugging Face Hub, or it is private. Check the name; if it is private, add an access token with access to it in Hearth's settings.",
            ).format(repo=repo),
            "not_found",
        )
    if isinstance(exc, errors.RevisionNotFoundError):
        message = translate("Hub", "The revision {revision} does not exist in {repo}.")
        return HubError(
            message.format(revision=revision or translate("Hub", "(unknown)"), repo=repo), "not_found"
        )
    if isinstance(exc, errors.EntryNotFoundError):
        message = (
            translate("Hub", "{file} is not in {repo} at revision {revision}.")
            if path
            else translate("Hub", "The file is not in {repo} at revision {revision}.")
        )
        return HubError(message.format(file=path, repo=repo, revision=revision or "main"), "not_found")
    if isinstance(exc, errors.HfHubHTTPError) and exc.response is not None:
        status = exc.response.status_code
        kind = {401: "gated", 403: "gated", 408: "rate_limited", 429: "rate_limited"}.get(status, "http")
        kind = "server" if status >= 500 else kind
        return HubError(explain_http_status(status, repo, path or repo), kind)
    if isinstance(exc, errors.HFValidationError):
        message = translate("Hub", "{repo} is not a valid Hugging Face repository name ({error}).")
        return HubError(message.format(repo=repr(repo), error=exc), "invalid")
    if isinstance(exc, httpx2.HTTPError):
        url = str(exc.request.url) if _has_request(exc) else translate("Hub", "the Hugging Face Hub")
        return HubError(explain_connection_error(exc, url, resumable=False), "network")
    message = translate("Hub", "Could not read {repo} from the Hugging Face Hub: {error}")
    return HubError(message.format(repo=repo, error=exc), "http")


def _has_request(exc: BaseException) -> bool:
    try:
        return exc.request is not None  # type: ignore[attr-defined]
    except RuntimeError:  # httpx raises when an error was built without its request
        return False
