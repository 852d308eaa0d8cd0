"""Command line: ``hearth`` / ``python -m app``.

``--engine-host`` is internal: the app starts itself with it to run llama.cpp in a child
process; ``--quantize-host`` likewise runs llama.cpp's quantizer in a child, and
``--python-sandbox`` the python tool's confined child. They are handled before anything else
is imported, so the children never load Qt.
"""

from __future__ import annotations

import argparse
import os
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    from app import APP_NAME, __version__

    p = argparse.ArgumentParser(prog="hearth", description=f"{APP_NAME}: private, offline chat with gpt-oss.")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    data = p.add_mutually_exclusive_group()
    data.add_argument("--data-dir", metavar="DIR", help="keep all of Hearth's data in DIR")
    data.add_argument(
        "--temp-data-dir", action="store_true", help="use a temporary data folder, deleted on exit"
    )
    p.add_argument("--model", metavar="GGUF", help="open this model file on start")
    # What a file manager passes ("Open with Hearth", the desktop file's %f): same as --model.
    p.add_argument("file", nargs="?", metavar="FILE.gguf", help="a model file to open on start")
    p.add_argument("--offline", action="store_true",
                   help="turn offline mode on: Hearth opens no network connection (kept for later starts)")  # fmt: skip
    p.add_argument("--self-test", action="store_true",
                   help="exercise the app end to end offscreen and print one JSON line of results")  # fmt: skip
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--python-sandbox"]:
        # The python tool's child: it confines itself before it runs anything it is sent.
        from app.infra.tools.sandbox_child import main as sandbox_main

        return sandbox_main()
    from app.infra.netaudit import install_from_environment

    install_from_environment()  # HEARTH_NETWORK_AUDIT=FILE records every network attempt
    if argv[:1] in (["--engine-host"], ["--quantize-host"]):
        # llama_cpp reads this at import: native code only from the package (the bundle), never
        # from an inherited path, even when a child is started by something other than Hearth.
        os.environ.pop("LLAMA_CPP_LIB_PATH", None)
    if argv[:1] == ["--engine-host"]:
        from app.infra.engine.host import main as host_main

        return host_main()
    if argv[:1] == ["--quantize-host"]:
        from app.infra.models.quantize_host import main as quantize_main

        return quantize_main(argv[1:])
    args = parse_args(argv)
    args.model = args.model or args.file
    if args.self_test:
        from app.selftest import run_self_test

        return run_self_test(args)
    from app.bootstrap import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
