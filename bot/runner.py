"""Running the bot: logging, the token check, and a clean shutdown on SIGINT/SIGTERM.

Start-up failures a user can fix (no token, a rejected token, Discord unreachable) end in one
line on stderr and an exit code, never a traceback, and the token never reaches a log.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

import aiohttp
import discord

from bot.client import create_bot
from bot.errors import QuotebotError
from bot.logging_setup import logging_configured
from bot.settings import Settings

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_NO_TOKEN = 2

NO_TOKEN_MESSAGE = (
    "no DISCORD_TOKEN is set: put the bot token in the environment or in .env "
    "(see .env.example), or try the offline console with `quotebot console`."
)
REJECTED_TOKEN_MESSAGE = (
    "Discord rejected DISCORD_TOKEN: copy a fresh token from the Developer Portal "
    "(Bot tab, Reset Token) into .env."
)


async def serve(settings: Settings, token: str, **options: object) -> None:
    """Run the bot until Discord closes it or SIGINT/SIGTERM asks it to stop."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
            installed.append(signum)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
    try:
        async with create_bot(settings, **options) as bot:
            runner = asyncio.create_task(bot.start(token), name="quotebot-bot")
            stopper = asyncio.create_task(stop.wait(), name="quotebot-stop")
            done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
            if stopper in done:
                log.info("Shutting down")
                await bot.close()
            else:
                stopper.cancel()
            await runner
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)


def run_bot(settings: Settings) -> int:
    """``quotebot run``: connect with the token from the settings; returns the exit code."""
    token = settings.discord_token
    if token and token.lower().startswith("bot "):
        token = token[4:].strip()  # pasted with the HTTP header's prefix; the client adds it
    if not token:
        print(f"quotebot: {NO_TOKEN_MESSAGE}", file=sys.stderr)
        return EXIT_NO_TOKEN
    with logging_configured(settings, secret=token):
        try:
            asyncio.run(serve(settings, token))
        except discord.LoginFailure:
            print(f"quotebot: {REJECTED_TOKEN_MESSAGE}", file=sys.stderr)
            return EXIT_FAILED
        except (aiohttp.ClientError, discord.GatewayNotFound, TimeoutError) as error:
            reason = str(error).replace(token, "<token>") or error.__class__.__name__
            print(f"quotebot: cannot reach Discord: {reason}", file=sys.stderr)
            return EXIT_FAILED
        except QuotebotError as error:
            print(f"quotebot: {error}", file=sys.stderr)
            return EXIT_FAILED
        except KeyboardInterrupt:
            log.info("Interrupted")
        except Exception:
            log.critical("The bot stopped after an unexpected error", exc_info=True)
            print(
                "quotebot: the bot stopped after an unexpected error (see the log).",
                file=sys.stderr,
            )
            return EXIT_FAILED
        return EXIT_OK
