"""Quote extraction: every quotation in an article, with who said it.

A sieve of small stages (see ``pipeline``): article parsing, embedded posts, quotation-mark
pairing, speech vs scare quotes, attribution and canonical speaker names.
"""

from bot.extraction.decoding import MAX_ARTICLE_BYTES, decode_article_bytes
from bot.extraction.files import read_article_file
from bot.extraction.pipeline import extract_article

__all__ = ["MAX_ARTICLE_BYTES", "decode_article_bytes", "extract_article", "read_article_file"]
