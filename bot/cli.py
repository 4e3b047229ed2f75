"""The ``quotebot`` command line: one parser, each subcommand a small function over the core."""

from __future__ import annotations

import argparse
import logging
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
