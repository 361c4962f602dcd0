"""The ``warrantwatch`` command: ask, chat, map, knowledge check, run. No Telegram import here.

The knowledge base, spaCy and the parser are imported by the commands that use them, so
``--help`` and ``--version`` answer at once and ``ask`` can switch the garbage collector off
before the big imports.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import importlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from knowledge.store import KnowledgeBase
    from nlp.query import Query

EXIT_USAGE = 2
EXIT_DATA = 1


class UserError(Exception):
    """A mistake on the command line: one clear line on stderr, no traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"warrantwatch: {message} (try --help)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def version() -> str:
    try:
        return metadata.version("warrantwatch")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="warrantwatch",
        description="Sourced answers about ICC arrest warrants and Rome Statute membership.",
    )
    parser.add_argument("--version", action="version", version=f"warrantwatch {version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    ask = commands.add_parser("ask", help="answer one question (or a batch)")
    ask.add_argument("question", nargs="?", help="the question, in quotes")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument(
        "--batch", metavar="FILE", help="one question per line ('-' = stdin); JSONL out"
    )
    ask.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="answer as of this date")
    ask.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="worker processes for --batch (default: one per CPU, at most 4)",
    )

    chat = commands.add_parser("chat", help="interactive console with follow-up questions")
    chat.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="answer as of this date")

    knowledge = commands.add_parser("knowledge", help="knowledge-base tools")
    knowledge_commands = knowledge.add_subparsers(
        dest="knowledge_command", metavar="ACTION", parser_class=_Parser
    )
    check = knowledge_commands.add_parser("check", help="validate the data and print counts")
    check.add_argument("--data", type=Path, help="data directory (default: packaged data)")
    check.add_argument("--today", type=_date, help="pretend today is this date")

    drawing = commands.add_parser("map", help="draw who must arrest a person, as a PNG")
    drawing.add_argument("person", help="a name, e.g. putin or 'Omar al-Bashir'")
    drawing.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="as of this date")
    drawing.add_argument(
        "-o", "--output", metavar="FILE.png", help="where to write (default: map-PERSON-DATE.png)"
    )

    commands.add_parser("run", help="start the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (the console script is ``script``)."""
    return run_command(build_parser().parse_args(argv))


def script() -> NoReturn:
    """The console script: run the command and exit.

    After a single ``ask`` the process leaves without tearing the interpreter down: unloading
    spaCy's and numpy's modules took 0.3 s, a tenth of the command, with nothing left to
    write once the output is flushed.
    """
    args = build_parser().parse_args()
    code = run_command(args)
    if _one_question(args):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:
            pass  # the reader has gone (``| head``): as in run_command, not an error
        except OSError as exc:
            print(f"warrantwatch: cannot write the answer: {exc.strerror}", file=sys.stderr)
            code = 1
        os._exit(code)
    sys.exit(code)


def _one_question(args: argparse.Namespace) -> bool:
    return args.command == "ask" and args.batch is None


def run_command(args: argparse.Namespace) -> int:
    """Dispatch a parsed command line; user and data errors become one line and an exit code.

    A single question switches the cyclic garbage collector off while it runs: each full
    collection walks every object spaCy and the knowledge base made (0.1 s apiece), far more
    than the garbage one answer leaves.
    """
    collector_was_on = gc.isenabled()
    if _one_question(args):
        gc.disable()
    try:
        return _dispatch(args)
    finally:
        if collector_was_on:
            gc.enable()


def _dispatch(args: argparse.Namespace) -> int:
    from knowledge.store import KnowledgeError

    try:
        if args.command == "ask":
            return _ask(args)
        if args.command == "chat":
            return _chat(args.on)
        if args.command == "knowledge":
            if args.knowledge_command != "check":
                raise UserError("knowledge needs an action: warrantwatch knowledge check")
            return _check(args.today or dt.date.today(), args.data)
        if args.command == "map":
            return _map(args.person, args.on or dt.date.today(), args.output)
        if args.command == "run":
            return _run()
        build_parser().print_help()
        return EXIT_USAGE
    except UserError as exc:
        print(f"warrantwatch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KnowledgeError as exc:
        print("warrantwatch: the knowledge data is invalid:", file=sys.stderr)
        for line in exc.errors:
            print(line, file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _knowledge() -> KnowledgeBase:
    from knowledge.store import load_default

    return load_default()


def _ask(args: argparse.Namespace) -> int:
    today = args.on or dt.date.today()
    if args.batch is not None:
        if args.question:
            raise UserError("give either a question or --batch, not both")
        from bot.batch import default_jobs

        return _batch(args.batch, today, args.jobs or default_jobs())
    if not args.question or not args.question.strip():
        raise UserError('ask needs a question, e.g. warrantwatch ask "Is Mongolia in the ICC?"')
    from bot.ask import answer_question
    from nlp.parse import one_question_pipeline

    kb = _knowledge()
    _, result = answer_question(args.question, kb, today, pipeline=one_question_pipeline())
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(result["text"], end="")
    return 0


def _batch(source: str, today: dt.date, jobs: int) -> int:
    from bot.batch import answer_lines

    kb = _knowledge()
    with _open_lines(source) as lines:
        sys.stdout.flush()
        out = sys.stdout.buffer
        for result in answer_lines(lines, kb, today, jobs=jobs):
            out.write(result + b"\n")
    out.flush()
    return 0


class _open_lines:  # noqa: N801 - used as a context manager like open()
    def __init__(self, source: str) -> None:
        self.source = source
        self.handle: TextIO | None = None

    def __enter__(self) -> Iterator[str]:
        if self.source == "-":
            return iter(sys.stdin)
        try:
            self.handle = open(self.source, encoding="utf-8", errors="replace")
        except OSError as exc:
            raise UserError(f"cannot read {self.source}: {exc.strerror}") from None
        return iter(self.handle)

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


def _chat(on: dt.date | None) -> int:
    from bot.ask import answer_question
    from nlp.parse import default_pipeline

    kb = _knowledge()
    default_pipeline()
    with contextlib.suppress(ImportError):  # history and line editing where available
        import readline  # noqa: F401
    print("warrantwatch chat - ask about ICC warrants; follow-ups like 'and Mongolia?' work.")
    print("Ctrl-D or Ctrl-C to leave.")
    context: Query | None = None
    while True:
        try:
            line = input("? ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line.strip():
            continue
        if line.strip().lower() in {"exit", "quit", ":q"}:
            return 0
        today = on or dt.date.today()
        context, result = answer_question(line, kb, today, context)
        print(result["text"])


def _check(today: dt.date, data_dir: Path | None) -> int:
    from knowledge.check import run_check

    report = run_check(today, data_dir)
    for line in report.errors:
        print(line, file=sys.stderr)
    if not report.ok:
        print(f"knowledge check failed: {len(report.errors)} problem(s)", file=sys.stderr)
        return EXIT_DATA
    for line in report.lines:
        print(line)
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    print("OK")
    return 0


def _map(name: str, on: dt.date, output: str | None) -> int:
    from bot.maps import render_map
    from bot.maps.people import find_person

    kb = _knowledge()
    person = find_person(kb, name)
    if person is None:  # not a name or alias as written: let the parser read it
        from nlp.parse import one_question_pipeline, parse

        found = parse(name, today=on, pipeline=one_question_pipeline()).person_ids
        person = found[0] if found else None
    if person is None:
        raise UserError(f"no person I know of is called {name!r} (try e.g. putin)")
    path = Path(output or f"map-{person}-{on.isoformat()}.png")
    png = render_map(kb, person, on=on)
    try:
        path.write_bytes(png)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None
    print(f"{path} ({len(png) // 1024} KB): {kb.people[person].name} as of {on.isoformat()}")
    return 0


def _run() -> int:
    # python-telegram-bot 22: report RetryAfter waits as timedelta (silences a deprecation).
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    try:
        module = importlib.import_module("bot.telegram.main")
    except ImportError as exc:
        raise UserError(
            f"the Telegram bot cannot start: {exc.name or exc} is missing "
            "(install with: pip install 'warrantwatch[telegram]')"
        ) from None
    return int(module.run_from_environment())


if __name__ == "__main__":
    script()
