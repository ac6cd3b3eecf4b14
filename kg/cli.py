"""The `kg` command: one subcommand per module, each registering its own arguments."""
from __future__ import annotations

import argparse
import importlib
import sys

# Modules that provide `register(subparsers)`; each adds one subcommand whose parsed
# arguments carry `func(args) -> int` (the exit code).
SUBCOMMAND_MODULES = (
    "kg.build",
    "kg.query",
    "kg.viz",
    "kg.validate",
    "kg.evaluate",
    "kg.explain",
    "kg.storecli",
)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build, query and view knowledge graphs of Chinese science and technology news.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__import__('kg').__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a module not written yet
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
