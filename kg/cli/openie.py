"""``kg openie``: one sentence a line in, CaRB's tabbed extractions out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import InputError
from kg.outputs import atomic_write

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``openie`` command."""
    p = subparsers.add_parser(
        "openie",
        help="open information extraction in CaRB's tabbed format",
        description="Read one (tokenised) sentence a line and write "
        "sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2... lines.",
    )
    p.add_argument("file", metavar="FILE", help="sentences, one a line ('-' for standard input)")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("--model", help="spaCy pipeline name or path")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Extract from every line and write the tabbed lines."""
    from kg.nlp import load_pipeline  # spaCy loads with these: not for `kg --help`
    from kg.openie import run_openie

    lines = _read_lines(args.file)
    nlp = load_pipeline(args.model)
    out = run_openie(lines, nlp)
    if args.output:
        atomic_write(args.output, lambda f: f.writelines(line + "\n" for line in out))
    else:
        for line in out:
            print(line)
    return 0


def _read_lines(name: str) -> list[str]:
    if name == "-":
        return [line.rstrip("\n") for line in sys.stdin if line.strip()]
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{name}: cannot be read as UTF-8 text: {err}") from err
    return [line for line in text.splitlines() if line.strip()]
