"""The `kortrade` command line: `kortrade extract` and `kortrade report`.

User errors (a missing corpus, an unwritable output folder, a bad date) end
with one line on stderr and exit status 2; problem files are reported one line
each and the run goes on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType

from . import __version__
from .run.engine import ENGINES, EngineUnavailable

EXIT_USAGE = 2
EXIT_FAILED = 1
# Signals that end a run cleanly (staged outputs removed, previous ones kept), and the exit status of each.
STOP_STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}


class UsageError(Exception):
    """A mistake in how kortrade was called, reported in one line."""


def reference_date(text: str) -> dt.date:
    """Parse `--reference-date`, which must be YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def positive_int(text: str) -> int:
    """Parse `--jobs`, a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1: {text!r}")
    return int(text)


def export_columns(text: str) -> dict[str, str]:
    """Parse `--columns`, FIELD=COLUMN pairs separated by commas."""
    from .ingest.exports import parse_columns

    try:
        return parse_columns(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"{self.prog}: error: {message} (see --help)", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="kortrade", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"kortrade {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    ext = commands.add_parser("extract", help="extract the data-contract tables from a corpus folder")
    ext.add_argument("corpus", nargs="?", default="seeds", help="folder of articles (default: seeds)")
    ext.add_argument("--out", default="outputs/data", help="output folder (default: outputs/data)")
    ext.add_argument(
        "--reference-date", type=reference_date, help="YYYY-MM-DD that relative dates are resolved against"
    )
    ext.add_argument("--jobs", type=positive_int, default=1, help="number of processes or Dask workers (default: 1)")
    ext.add_argument(
        "--engine", choices=ENGINES, default="local", help="run documents locally or on Dask (default: local)"
    )
    ext.add_argument("--scheduler", help="address of a Dask scheduler (with --engine dask); default: a local cluster")
    ext.add_argument(
        "--columns",
        type=export_columns,
        default={},
        metavar="FIELD=COLUMN,...",
        help="columns of article exports (.jsonl, .csv, .parquet) the names list lacks, e.g. text=body,date=pubdate",
    )
    ext.add_argument(
        "--full",
        action="store_true",
        help="extract every document again (default: unchanged documents are taken from the previous outputs in --out)",
    )
    rep = commands.add_parser("report", help="extract, run the notebooks with papermill and render the report")
    rep.add_argument("--corpus", default="seeds", help="folder of articles (default: seeds)")
    rep.add_argument("--out", default="outputs", help="report folder (default: outputs)")
    rep.add_argument(
        "--reference-date", type=reference_date, help="YYYY-MM-DD that relative dates are resolved against"
    )
    rep.add_argument("--notebooks", default="notebooks", help="folder of the report's notebooks (default: notebooks)")
    rep.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a notebook parameter; VALUE is read as JSON when it parses, else as text",
    )
    rep.add_argument(
        "--list-parameters", action="store_true", help="print every notebook parameter with its default, and stop"
    )
    return parser


def check_corpus(corpus: str) -> None:
    """The corpus must be a folder that can be listed, holding at least one file."""
    from .ingest.corpus import discover

    if not Path(corpus).is_dir():
        raise UsageError(f"corpus folder not found: {corpus}")
    try:
        os.scandir(corpus).close()
    except OSError as error:
        raise UsageError(f"cannot list corpus folder {corpus}: {error.strerror or error}") from None
    if next(discover(corpus), None) is None:
        raise UsageError(f"corpus folder holds no files: {corpus}")


def check_writable(out: str) -> None:
    """Create the output folder if needed and prove a file can be written there."""
    try:
        Path(out).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        raise UsageError(f"cannot write to output folder {out}: {error.strerror or error}") from None


def check_output(out: str) -> None:
    """OUT is replaced whole, so it may hold only kortrade's outputs, and the folder around it must be writable."""
    from .run.store import OutputFolderError, check_output_folder

    try:
        check_output_folder(out)
    except OutputFolderError as error:
        raise UsageError(f"cannot use output folder: {error}") from None
    check_writable(str(Path(os.path.realpath(out)).parent))


def run_extract(args: argparse.Namespace) -> int:
    check_corpus(args.corpus)
    check_output(args.out)

    def report(message: str) -> None:
        print(f"kortrade: {message}", file=sys.stderr)

    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    from .run.engine import available_processors
    from .run.pipeline import extract_to

    if args.jobs > available_processors() and not args.scheduler:
        report(f"--jobs {args.jobs} capped at {available_processors()}, the processors this machine has")
    if _inside(args.out, args.corpus):
        report(f"the output folder {args.out} is inside the corpus: it is not read as documents")
    try:
        run = extract_to(
            args.out,
            args.corpus,
            args.reference_date,
            jobs=args.jobs,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=None,
            on_problem=report,
            cancelled=lambda: bool(STOPPED),
            columns=args.columns,
            reuse=not args.full,
        )
    except EngineUnavailable as error:
        raise UsageError(str(error)) from None
    except OSError as error:  # a full disk, a folder removed under the run
        where = f" ({error.filename})" if error.filename else ""
        print(f"kortrade: error: cannot write the outputs: {error.strerror or error}{where}", file=sys.stderr)
        return EXIT_FAILED
    reused = f" ({run.n_reused} unchanged, taken from the previous outputs)" if run.n_reused else ""
    summary = f"{run.n_documents} documents{reused}, {run.n_problems} problem files -> {os.path.normpath(args.out)}"
    print(f"kortrade: {summary}", file=sys.stderr)
    return 0


def _inside(path: str, folder: str) -> bool:
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def run_report(args: argparse.Namespace) -> int:
    from .report import runner as report

    notebooks = Path(args.notebooks)
    if not notebooks.is_dir() or not report.notebook_parts(notebooks):
        raise UsageError(f"no notebooks (NN_name.ipynb) found in {notebooks}")
    if args.list_parameters:
        declared = report.parameters.declared([part.source for part in report.notebook_parts(notebooks)])
        print("\n".join(report.parameters.listing(declared)))
        return 0
    check_corpus(args.corpus)
    check_writable(args.out)
    reserved = set(report.BUILT_IN_PARAMETERS) & {name for name, _ in args.parameter}
    if reserved:
        raise UsageError(f"set {', '.join(sorted(reserved))} with the command's own options, not -p")
    try:
        extra = report.read_parameters(notebooks, args.parameter)
        index = report.run_report(
            Path(args.corpus),
            Path(args.out),
            args.reference_date,
            extra,
            notebooks,
            log=lambda message: print(f"kortrade: {message}", file=sys.stderr),
        )
    except report.parameters.ParameterError as error:
        raise UsageError(str(error)) from None
    except report.NotebookFailed as error:
        print(f"kortrade: error: {error}", file=sys.stderr)
        return 1
    print(f"kortrade: report written to {index}", file=sys.stderr)
    return 0


COMMANDS = {"extract": run_extract, "report": run_report}


# The stop signals received so far: a run checks it after each document, in case a library swallowed the interrupt.
STOPPED: list[int] = []


def _stop(signum: int, frame: FrameType | None) -> None:
    """Turn SIGINT or SIGTERM into KeyboardInterrupt, so the run ends through its clean-up.

    Inside a finaliser (`__del__`) Python prints an exception with its traceback and drops it, so
    there the signal is only recorded: the run checks `STOPPED` after each document."""
    STOPPED.append(signum)
    if not _in_finaliser(frame):
        raise KeyboardInterrupt


def _in_finaliser(frame: FrameType | None) -> bool:
    """Whether the interrupted code runs inside a `__del__` method."""
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = {signum: signal.signal(signum, _stop) for signum in STOP_STATUS}
    try:
        return COMMANDS[args.command](args)
    except UsageError as error:
        print(f"kortrade: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        signum = STOPPED[0] if STOPPED else signal.SIGINT
        name = "interrupted" if signum == signal.SIGINT else "terminated"
        print(f"kortrade: {name}; previous outputs left as they were", file=sys.stderr)
        return STOP_STATUS[signum]
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
