"""Command line: ``python -m helpers export [--engine dask [--scheduler ADDRESS]] [--format parquet] CORPUS_DIR
OUT_DIR``, ``python -m helpers reader CORPUS_DIR OUT_DIR`` and
``python -m helpers manifest CORPUS_DIR``.

Exit status 0 when the corpus loaded (problems are written to problems.csv and summarised on stderr), 2 with
one clear message when nothing can be loaded (no folder, no manifest, unreadable manifest) or the output folder
cannot be written (read-only, or a file where the folder should be).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.corpus.problems import CorpusError
from helpers.files import OutputFolderError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write the corpus's tidy tables as CSV")
    export.add_argument("corpus", type=Path, help="folder of articles with its articles.csv")
    export.add_argument("out", type=Path, help="folder to write the CSV files to")
    export.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="where per-article work runs: local processes (default) or a Dask cluster")
    export.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler (tcp://host:8786); default: a "
                        "local cluster (needs --engine dask)")
    export.add_argument("--format", dest="fmt", choices=["csv", "parquet"], default="csv",
                        help="parquet: also write each table as Parquet beside its CSV")
    reader = commands.add_parser("reader", help="write the annotated reader: one HTML page per article and an index")
    reader.add_argument("corpus", type=Path, help="folder of articles with its articles.csv")
    reader.add_argument("out", type=Path, help="folder to write index.html and the article pages to")
    manifest = commands.add_parser("manifest", help="add a drafted articles.csv row for every unlisted file")
    manifest.add_argument("corpus", type=Path, help="folder of articles")
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            from helpers.report.export import export as run_export

            if args.scheduler and args.engine != "dask":
                parser.error("--scheduler needs --engine dask")
            counts = run_export(args.corpus, args.out, args.engine, args.scheduler, args.fmt)
            print(", ".join(f"{name}.csv: {n} rows" for name, n in counts.items()) + f" -> {args.out}")
            if counts["problems"]:
                print(f"{counts['problems']} problem(s) reported: see {args.out / 'problems.csv'}", file=sys.stderr)
        elif args.command == "reader":
            from helpers.report.reader import reader_for

            pages = reader_for(args.corpus, args.out)
            print(f"{pages} article page(s) and index.html -> {args.out}")
        else:
            from helpers.corpus.drafting import extend_manifest
            from helpers.extract.wire import credited_agencies

            if not args.corpus.is_dir():
                raise CorpusError(f"{args.corpus} is not a folder")
            added = extend_manifest(args.corpus, credited_agencies)
            print(f"{len(added)} row(s) added to {args.corpus / 'articles.csv'}" + "".join(f"\n  {a}" for a in added))
            if added:
                print("Fill in outlet and published for each new row, then rerun the notebooks.")
    except (CorpusError, OutputFolderError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
