"""Keep the translations in step with the code: extract, check, compile.

    python -m app.testing.translations update   # new strings into resources/i18n/*.ts
    python -m app.testing.translations build    # .ts → .qm (what the app loads)
    python -m app.testing.translations check    # every string translated, every .qm current

``update`` runs Qt's ``lupdate`` over ``app/`` (strings in ``self.tr``, ``QCoreApplication.
translate`` and ``QT_TRANSLATE_NOOP``); translators then fill the ``unfinished`` entries (Qt
Linguist opens the files). ``check`` is what tests/ui/test_translations.py asserts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("de", "zh_CN")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n")


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(found) if found.exists() else shutil.which(f"pyside6-{name}") or name


def sources() -> list[Path]:
    return sorted(p for p in (ROOT / "app").rglob("*.py") if "testing" not in p.parts)


def ts_path(lang: str) -> Path:
    return I18N / f"hearth_{lang}.ts"


def lupdate(ts: Path) -> str:
    """Merge the strings of the code into ``ts`` (created if missing); returns lupdate's report."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    args = [_tool("lupdate"), "-locations", "none", "-no-obsolete", *map(str, sources()), "-ts", str(ts)]
    out = subprocess.run(args, capture_output=True, text=True, check=True, cwd=ROOT)
    return out.stdout + out.stderr


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or one per plural form
    finished: bool


def messages(ts: Path) -> list[Message]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            forms = tuple(f.text or "" for f in tr.findall("numerusform")) or (tr.text or "",)
            kind = tr.get("type")
            finished = kind not in ("unfinished", "vanished", "obsolete") and all(forms)
            out.append(Message(name, msg.findtext("source") or "", forms, finished))
    return out


def problems(lang: str) -> list[str]:
    """Why the committed translation for ``lang`` is not complete and current (empty: it is)."""
    committed = ts_path(lang)
    if not committed.exists():
        return [f"{committed.name} is missing: run `python -m app.testing.translations update`"]
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        merged = Path(tmp) / committed.name
        shutil.copy(committed, merged)
        lupdate(merged)  # what the code says now, merged with what was translated
        for m in messages(merged):
            if not m.finished:
                found.append(f"{lang}: not translated: [{m.context}] {m.source!r}")
                continue
            wanted = sorted(set(_PLACEHOLDER.findall(m.source)))
            for form in m.translations:
                if sorted(set(_PLACEHOLDER.findall(form))) != wanted:
                    found.append(f"{lang}: placeholders differ: [{m.context}] {m.source!r} → {form!r}")
        if committed.read_bytes() != merged.read_bytes():
            found.append(f"{committed.name} is not what lupdate makes of the code now: run update")
        qm = committed.with_suffix(".qm")
        fresh = Path(tmp) / qm.name
        lrelease(committed, fresh)
        if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
            found.append(f"{qm.name} is older than {committed.name}: run build")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for lang in LANGUAGES:
            print(lupdate(ts_path(lang)).strip())
    elif command == "build":
        for lang in LANGUAGES:
            lrelease(ts_path(lang), ts_path(lang).with_suffix(".qm"))
    elif command == "check":
        found = [p for lang in LANGUAGES for p in problems(lang)]
        print("\n".join(found) or "translations complete and current")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
