"""quotebot: find every quotation in news articles and answer who said it."""

__version__ = "0.1.0"
