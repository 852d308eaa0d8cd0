"""Pin resources/catalog.json to what the Hub serves now: commit, exact size and sha256 per file.

Run by a maintainer on a machine with internet access (`.venv/bin/python scripts/pin_catalog.py`),
then review the diff and commit it. Hearth itself never needs this: without pinned values it
reads them from the Hub before each download and refuses a file with no published sha256.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from app.core.catalog import parse_catalog
    from app.infra.downloads.hub import HubClient, HubError, configure_hub_environment

    configure_hub_environment(False)
    path = ROOT / "resources" / "catalog.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    catalog = parse_catalog(path.read_text(encoding="utf-8"))
    hub = HubClient()
    for entry in raw["variants"]:
        variant = catalog.variant(entry["id"])
        assert variant is not None
        revision = variant.commit or variant.revision
        paths = [f.path for f in variant.files]
        if variant.match:
            try:
                listed = hub.list_gguf_files(variant.repo, revision)
            except HubError as exc:
                print(f"{variant.id}: {exc}", file=sys.stderr)
                return 1
            paths = sorted(e.path for e in listed if variant.match in e.path.rsplit("/", 1)[-1])
        try:
            remotes = hub.resolve(variant.repo, revision, paths)
        except HubError as exc:
            print(f"{variant.id}: {exc}", file=sys.stderr)
            return 1
        entry["commit"] = remotes[0].revision
        entry["files"] = [{"path": r.path, "size": r.size, "sha256": r.sha256} for r in remotes]
        entry["approx_size"] = sum(r.size for r in remotes)
        entry.pop("match", None)
        print(f"{variant.id}: {len(remotes)} files, {entry['approx_size']:,} bytes at {entry['commit'][:10]}")
    path.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
