"""Exceptions with messages a user can act on.

Front ends show ``str(error)`` to the user, so every message says what went wrong and what
to do about it.
"""


class QuotebotError(Exception):
    """Base class for every error quotebot reports to a user."""


class ArticleError(QuotebotError):
    """An article could not be read or parsed (empty, binary, too large, not text)."""


class ConfigError(QuotebotError):
    """A setting is missing or has a value that cannot be used."""


class NotFoundError(QuotebotError):
    """A speaker, quote or article the user named does not exist."""
