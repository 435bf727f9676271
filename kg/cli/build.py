"""``kg build``: documents in, knowledge graph and views out."""

from __future__ import annotations

import argparse
import sys

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``build`` command."""
    p = subparsers.add_parser(
        "build",
        help="build the knowledge graph of text files, web pages, PDFs or folders of them",
        description="Read .txt files, web pages (.html, .htm) and PDF reports (or folders of them, or standard "
        "input with -), extract influence claims and write claims.jsonl, graph.trig and graph.html into the "
        "output folder. Documents not in English are reported and skipped.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH",
        help=".txt, .html/.htm or .pdf files, folders of them, or - for one document on standard input",
    )  # fmt: skip
    p.add_argument("-o", "--output", default="output", metavar="DIR", help="output folder (default: output)")
    p.add_argument("--model", help="spaCy pipeline name or path (default: $KG_SPACY_MODEL or the best installed)")
    p.add_argument("--batch-size", type=_positive_int, default=16, help="documents per nlp.pipe batch (default: 16)")
    p.add_argument(
        "-j", "--jobs", type=_positive_int, default=1, metavar="N",
        help="parse and extract in N processes (default: 1; worth it from a few hundred documents on); "
        "with --engine dask and no --scheduler, the local cluster's workers",
    )  # fmt: skip
    p.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="where documents are parsed and extracted: this machine (default), or a Dask cluster "
        "(needs pip install 'kg-influence[dask]'; see the README)",
    )  # fmt: skip
    p.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 (default: start a local cluster)",
    )  # fmt: skip
    p.add_argument(
        "--shards", metavar="DIR|URL",
        help="with --engine dask: where the workers write their results, a folder or fsspec URL every worker "
        "and this machine reach (default: OUT/shards); a rerun reuses the shards already done",
    )  # fmt: skip
    p.add_argument("--shard-size", type=_positive_int, default=32, metavar="N", help="with --engine dask: documents per task (default: 32)")
    p.add_argument("--strict", action="store_true", help="stop with an error on the first unusable document")
    p.add_argument(
        "--reextract", action="store_true",
        help="extract every document given again, even those the store holds from this kg version and pipeline "
        "(documents made by another version or pipeline are re-extracted anyway)",
    )  # fmt: skip
    p.add_argument("--no-html", dest="html", action="store_false", help="do not write graph.html")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--store", metavar="DIR|URL",
        help="triple store to add to: a folder (default: OUT/store) or the URL of a SPARQL 1.1 store "
        "(e.g. http://127.0.0.1:7878 for 'kg serve --writable' or 'oxigraph serve'); unchanged documents are skipped",
    )  # fmt: skip
    where.add_argument(
        "--no-store", dest="persist", action="store_false",
        help="keep nothing between builds: outputs describe only this run's documents",
    )  # fmt: skip
    p.add_argument(
        "--decisions", metavar="FILE",
        help="the analysts' decisions to apply (default: OUT/decisions.tsv; see kg entities and kg review)",
    )  # fmt: skip
    p.add_argument(
        "--actors", metavar="FILE", action="append",
        help="your own actors or aliases, a TSV file in the knowledge base's format (see the README); "
        "may be given more than once (default: OUT/actors.tsv when there is one). Stored documents made "
        "with other tables are re-extracted",
    )  # fmt: skip
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show a progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")
    p.set_defaults(handler=run)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def run(args: argparse.Namespace) -> int:
    """Build, print the summary and the problems; 1 when nothing could be built."""
    from kg.build import BuildOptions, build  # spaCy loads with it: not for `kg --help`

    if args.engine != "dask" and (args.scheduler or args.shards):
        print("kg build: error: --scheduler and --shards go with --engine dask", file=sys.stderr)
        return 2

    options = BuildOptions(
        model=args.model,
        batch_size=args.batch_size,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        shards=args.shards,
        shard_size=args.shard_size,
        strict=args.strict,
        progress=args.progress,
        html=args.html,
        store=args.store,
        persist=args.persist,
        decisions=args.decisions,
        reextract=args.reextract,
        actors=tuple(args.actors) if args.actors else None,
    )
    report = build(args.paths, args.output, options)
    for problem in report.problems:
        kind = "skipped" if problem.fatal else "warning"
        print(f"kg build: {kind}: {problem.path}: {problem.reason}", file=sys.stderr)
    print(report.summary())
    if report.failed:
        print("kg build: error: no document could be built", file=sys.stderr)
        return 1
    return 0
