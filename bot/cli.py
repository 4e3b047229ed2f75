"""The ``quotebot`` command line: one parser, each subcommand a small function over the core."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot import __version__
from bot.errors import QuotebotError

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def _cmd_extract(args: argparse.Namespace) -> int:
    from bot.extraction.report import run_extract

    return run_extract(args.path, args.json, sys.stdout)


def _cmd_ask(args: argparse.Namespace) -> int:
    from bot.ask import run_ask

    return run_ask(args.query, args.data, args.json, sys.stdout)


def _cmd_run(args: argparse.Namespace) -> int:
    from bot.runner import run_bot
    from bot.settings import Settings

    return run_bot(Settings.from_env())


def _start_console(settings: Settings) -> int:
    from bot.console import run_console
    from bot.logging_setup import logging_configured
    from bot.startup import load_library

    with logging_configured(settings, level="WARNING"):
        library = load_library(settings)
        return run_console(library)


def _cmd_console(args: argparse.Namespace) -> int:
    from bot.settings import Settings

    return _start_console(Settings.from_env())


def _cmd_default(args: argparse.Namespace) -> int:
    """Bare ``quotebot``: the bot with a token, else the console on a terminal."""
    from bot.settings import Settings

    settings = Settings.from_env()
    if settings.discord_token:
        from bot.runner import run_bot

        return run_bot(settings)
    if sys.stdin.isatty() and sys.stdout.isatty():
        print(
            "quotebot: no DISCORD_TOKEN is set, so starting the offline console "
            "(set DISCORD_TOKEN in the environment or .env to connect to Discord).",
            file=sys.stderr,
        )
        return _start_console(settings)
    print(
        "quotebot: no DISCORD_TOKEN is set and there is no terminal for the console; "
        "set DISCORD_TOKEN in the environment or .env, or run `quotebot console`.",
        file=sys.stderr,
    )
    return EXIT_USAGE


def _cmd_ingest(args: argparse.Namespace) -> int:
    from bot.ingest import ingest
    from bot.settings import Settings
    from bot.store import Store

    settings = Settings.from_env()
    with Store.from_settings(settings) as store:
        result = ingest(
            args.target,
            store=store,
            guild_id=args.guild,
            allow_private=settings.allow_private_urls,
        )
    article = result.article
    speakers = result.speakers
    print(
        f"{'Updated' if result.replaced else 'Added'} {article.id}: "
        f"{result.quote_count} quotes, {len(speakers)} speakers"
        + (f" ({', '.join(speakers)})" if speakers else "")
        + f" -> {store.path}"
    )
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from bot.jsonl import export_jsonl
    from bot.settings import Settings
    from bot.store import Store

    with Store.from_settings(Settings.from_env()) as store:
        try:
            count = export_jsonl(
                store, sys.stdout, guild_id=args.guild, all_guilds=args.guild is None
            )
            sys.stdout.flush()
        except BrokenPipeError:  # `quotebot export | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
    print(f"quotebot: exported {count} articles", file=sys.stderr)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from bot.jsonl import ImportReport, import_file
    from bot.settings import Settings
    from bot.store import Store

    def progress(report: ImportReport) -> None:
        print(f"\r{report.quotes:,} quotes stored…", end="", file=sys.stderr, flush=True)

    with Store.from_settings(Settings.from_env()) as store:
        report = import_file(
            store,
            args.file,
            guild_id=args.guild,
            batch_size=args.batch_size,
            progress=progress if sys.stderr.isatty() else None,
        )
    if sys.stderr.isatty() and report.articles:
        print(file=sys.stderr)
    print(report.summary())
    return EXIT_OK if report.articles or not report.bad_lines else EXIT_ERROR


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotebot",
        description="Find every quotation in news articles and answer who said it.",
    )
    parser.add_argument("--version", action="version", version=f"quotebot {__version__}")
    parser.set_defaults(handler=_cmd_default)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("run", help="connect to Discord with DISCORD_TOKEN")
    p.set_defaults(handler=_cmd_run)

    p = sub.add_parser("console", help="offline console: type slash commands, get answers")
    p.set_defaults(handler=_cmd_console)

    p = sub.add_parser("extract", help="list the quotations of one article file")
    p.add_argument("path", help="article file (plain text, UTF-8 or Windows-1252)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_cmd_extract)

    p = sub.add_parser("ask", help="who said it? fuzzy-match a remembered quote")
    p.add_argument("query", help="the words you remember")
    p.add_argument("--data", help="article file or folder (default: the bundled articles)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_cmd_ask)

    p = sub.add_parser("ingest", help="add an article file (.txt, .md, .html) or URL to the store")
    p.add_argument("target", metavar="PATH_OR_URL", help="article file or http(s) URL")
    p.add_argument("--guild", type=int, help="server id to add it for (default: everyone)")
    p.set_defaults(handler=_cmd_ingest)

    p = sub.add_parser("export", help="write stored articles as JSON lines to stdout")
    p.add_argument("--guild", type=int, help="only this server's articles (default: all)")
    p.set_defaults(handler=_cmd_export)

    p = sub.add_parser("import", help="load JSON lines: an export, or Quotebank quotations")
    p.add_argument("file", metavar="FILE", help="a .jsonl file (.gz/.bz2 too), or - for stdin")
    p.add_argument("--guild", type=int, help="server id to import for (default: as in the file)")
    p.add_argument(
        "--batch-size",
        type=int,
        default=10_000,
        help="Quotebank quotations stored per article and transaction (default: 10000)",
    )
    p.set_defaults(handler=_cmd_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except QuotebotError as error:
        print(f"quotebot: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`quotebot extract … | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
