"""The `kg` command: one subcommand per module, each registering its own arguments.

Only the module of the subcommand being run is imported (the others are listed with their
one-line help), so `kg query` does not pay for the extractor's dictionaries or the graph
layout libraries: start-up counts when a query takes milliseconds.
"""
from __future__ import annotations

import argparse
import importlib
import sys

# Subcommand -> (module providing `register(subparsers)`, one-line help).  Each module adds
# its subcommands; their parsed arguments carry `func(args) -> int` (the exit code).
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("kg.build", "build a knowledge graph from news files, folders or JSONL"),
    "query": ("kg.query", "run a SPARQL query (or a named one) on a graph"),
    "viz": ("kg.viz", "write the graph as one offline HTML page"),
    "validate": ("kg.validate", "check a graph against the kg SHACL shapes"),
    "eval": ("kg.evaluate", "score a graph against gold annotations"),
    "explain": ("kg.explain", "show, sentence by sentence, the mentions, relations and rejected candidates"),
    "remove": ("kg.storecli", "remove articles and every fact only they supported from a store"),
    "export": ("kg.storecli", "write a store's graph as N-Quads, TriG, N-Triples or Turtle"),
}


def _chosen(argv: list[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def make_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build, query and view knowledge graphs of Chinese science and technology news.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__import__('kg').__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = _chosen(sys.argv[1:] if argv is None else argv)
    wanted = COMMANDS[chosen][0] if chosen else None
    for name, (module_name, help_text) in COMMANDS.items():
        if name in sub.choices:
            continue
        if module_name == wanted:
            importlib.import_module(module_name).register(sub)
        else:
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(argv)
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
