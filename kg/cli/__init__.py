"""The ``kg`` command line: parse arguments, call one library function, report.

Each command group lives in its own module with a ``register(subparsers)`` function that
adds its parsers and sets ``handler`` to a function taking the parsed arguments and
returning an exit code. kg's own errors (:class:`kg.errors.KGError`) become a one-line
message on stderr and exit code 1; usage errors exit 2 as argparse does.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from kg import __version__
from kg.errors import KGError

__all__ = ["main", "make_parser", "COMMAND_MODULES"]

#: Modules under kg.cli that register commands, in the order help lists them.
COMMAND_MODULES = ("build", "openie", "store", "query", "views", "entities")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build and explore a knowledge graph of influence claims from reporting.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debugging detail to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"kg.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kg`` command; returns the exit code."""
    parser = make_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # bare `kg`: what it can do, rather than a usage error
        parser.print_help()
        return 0
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="kg: %(message)s")
    try:
        return args.handler(args)
    except KGError as err:
        print(f"kg {args.command}: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`kg query ... | head`): not an error, but Python would
        # complain again when flushing stdout at exit, so point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
