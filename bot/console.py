"""The offline console: the bot's slash commands typed in a terminal, answered as text.

``/whosaid dragon energy`` here gives the same answer a server gets, through the same
``Library``; only the rendering differs. It reads any text stream, so tests drive it through
stdin/stdout.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from bot import text_render
from bot.errors import NotFoundError, QuotebotError

if TYPE_CHECKING:
    from bot.answers import Library

log = logging.getLogger(__name__)

PROMPT = "quotebot> "
MAX_LINE = 10_000
_CLOSING = {'"': '"', "'": "'", "“": "”", "‘": "’"}


@dataclass(frozen=True, slots=True)
class ConsoleCommand:
    usage: str
    description: str
    handler: Callable[[Console, str], str]


class ConsoleUsageError(QuotebotError):
    """A console command was typed without what it needs."""


def _split_options(rest: str, names: tuple[str, ...]) -> dict[str, str] | None:
    """Parse Discord-style ``name: value`` options (``speaker: Kanye text: dragon``)."""
    lowered = rest.lower()
    if not any(lowered.startswith(f"{name}:") for name in names):
        return None
    found: dict[str, str] = {}
    positions: list[tuple[int, str]] = []
    for name in names:
        start = 0
        while (at := lowered.find(f"{name}:", start)) != -1:
            if at == 0 or lowered[at - 1].isspace():
                positions.append((at, name))
                break
            start = at + 1
    positions.sort()
    for index, (at, name) in enumerate(positions):
        end = positions[index + 1][0] if index + 1 < len(positions) else len(rest)
        found[name] = rest[at + len(name) + 1 : end].strip()
    return found


class Console:
    """Answers one typed line at a time; ``run`` is the read-eval-print loop."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.commands: dict[str, ConsoleCommand] = {
            "whosaid": ConsoleCommand(
                "/whosaid TEXT", "who said it? the words you remember", Console._whosaid
            ),
            "quotes": ConsoleCommand("/quotes SPEAKER", "every quote by a person", Console._quotes),
            "quote": ConsoleCommand(
                "/quote random [SPEAKER]", "a random quote, by anyone or one person", Console._quote
            ),
            "verify": ConsoleCommand(
                '/verify "SPEAKER" TEXT',
                "did this person really say it? (also: speaker: X text: Y, or X | Y)",
                Console._verify,
            ),
            "speakers": ConsoleCommand("/speakers", "everyone quoted", Console._speakers),
            "articles": ConsoleCommand(
                "/articles [ID]", "the indexed articles, or one in detail", Console._articles
            ),
            "help": ConsoleCommand("/help", "this list", Console._help),
        }

    # -- commands -------------------------------------------------------------------------

    def _whosaid(self, rest: str) -> str:
        options = _split_options(rest, ("text",))
        text = options.get("text", "") if options is not None else rest
        answer = self.library.who_said(text)
        return text_render.render_who_said(answer, self.library)

    def _quotes(self, rest: str) -> str:
        options = _split_options(rest, ("speaker",))
        name = options.get("speaker", "") if options is not None else rest
        if not name.strip():
            raise ConsoleUsageError("Whose quotes? e.g. /quotes kanye")
        result = self.library.quotes_by(name)
        return text_render.render_speaker_quotes(result, self.library, name)

    def _quote(self, rest: str) -> str:
        words = rest.split(maxsplit=1)
        if words and words[0].lower() == "random":
            rest = words[1] if len(words) > 1 else ""
        options = _split_options(rest, ("speaker",))
        name = (options.get("speaker", "") if options is not None else rest).strip()
        quote = self.library.random_quote(name or None)
        return text_render.render_quote(quote, self.library)

    def _verify(self, rest: str) -> str:
        speaker, text = self._verify_arguments(rest)
        result = self.library.verify(speaker, text)
        return text_render.render_verification(result, self.library)

    @staticmethod
    def _verify_arguments(rest: str) -> tuple[str, str]:
        usage = 'Usage: /verify "SPEAKER" TEXT  (or: /verify speaker: X text: Y)'
        options = _split_options(rest, ("speaker", "text"))
        if options is not None:
            speaker, text = options.get("speaker", ""), options.get("text", "")
        elif "|" in rest:
            speaker, _, text = rest.partition("|")
        elif rest.lstrip()[:1] in _CLOSING:
            body = rest.lstrip()
            end = body.find(_CLOSING[body[0]], 1)
            if end == -1:
                raise ConsoleUsageError(usage)
            speaker, text = body[1:end], body[end + 1 :]
        else:
            raise ConsoleUsageError(usage)
        if not speaker.strip() or not text.strip():
            raise ConsoleUsageError(usage)
        return speaker.strip(), text.strip()

    def _speakers(self, rest: str) -> str:
        return text_render.render_speakers(self.library.speakers())

    def _articles(self, rest: str) -> str:
        wanted = rest.strip()
        if not wanted:
            visible = [a for a in self.library.articles if a.guild_id is None]
            return text_render.render_articles(visible)
        article = self.library.get_article(wanted)
        if article is None or article.guild_id is not None:
            raise NotFoundError(f"No article with id {wanted!r}; see /articles.")
        return text_render.render_article_info(article)

    def _article(self, rest: str) -> str:
        """The Discord admin group's reading subcommands: /article list, /article info ID."""
        action, _, wanted = rest.strip().partition(" ")
        if action.lower() in ("", "list"):
            return self._articles("")
        if action.lower() == "info" and wanted.strip():
            return self._articles(wanted)
        raise ConsoleUsageError("Usage: /articles, or /articles ID")

    def _help(self, rest: str) -> str:
        width = max(len(c.usage) for c in self.commands.values())
        lines = ["Commands (the same as the Discord bot's):"]
        lines.extend(f"  {c.usage.ljust(width)}  {c.description}" for c in self.commands.values())
        lines.append("Plain text without a slash is a /whosaid. Quit with /quit or Ctrl-D.")
        return "\n".join(lines)

    # -- dispatch -------------------------------------------------------------------------

    def handle(self, line: str) -> str | None:
        """The answer to one typed line; None means quit. Never raises for user input."""
        line = line.strip()
        if not line:
            return ""
        if len(line) > MAX_LINE:
            line = line[:MAX_LINE]
        if line.lower() in {"/quit", "/exit", "quit", "exit"}:
            return None
        if not line.startswith("/"):
            line = "/whosaid " + line
        name, _, rest = line[1:].partition(" ")
        command = self.commands.get(name.lower())
        if command is None and name.lower() == "article":
            command = ConsoleCommand("/article", "", Console._article)
        if command is None:
            return f"Unknown command /{name}. Type /help for the list."
        try:
            return command.handler(self, rest.strip())
        except QuotebotError as error:
            return str(error)
        except Exception:
            log.exception("The console command %r failed", line[:200])
            return "Something went wrong answering that; the error was logged."

    def run(self, stdin: TextIO, stdout: TextIO, *, interactive: bool = False) -> int:
        if interactive:
            print("quotebot console: type /help for the commands, /quit to leave.", file=stdout)
        while True:
            if interactive:
                stdout.write(PROMPT)
                stdout.flush()
            line = stdin.readline()
            if not line:
                if interactive:
                    stdout.write("\n")
                return 0
            answer = self.handle(line)
            if answer is None:
                return 0
            if answer:
                print(answer, file=stdout)
                if not interactive:
                    print(file=stdout)
                stdout.flush()


def run_console(library: Library, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the console on the given streams (default: the process's), prompting on a terminal."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    interactive = stdin.isatty() and stdout.isatty()
    return Console(library).run(stdin, stdout, interactive=interactive)
