"""The article inside a web page, as the plain text the extractor reads.

trafilatura finds the main text and drops menus, footers and "most read" boxes. Embedded tweets
need help: the page carries them as ``<blockquote class="twitter-tweet">`` with the tweet in a
``<p>`` and the credit ``— Name (@handle) Date`` after it. Each is flattened first into one
paragraph ``tweet text — Name (@handle) Month D, YYYY`` — the form the extractor understands —
and put back in place should the main-text extraction drop it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from bot.errors import ArticleError

log = logging.getLogger(__name__)

_SPACES = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DASHES = "—–-"
_TWEET_XPATH = (
    "//blockquote[contains(concat(' ', normalize-space(@class), ' '), ' twitter-tweet ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' twitter-tweet-rendered ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' instagram-media ')]"
)
_INSTAGRAM_CREDIT = "A post shared by"
_INSTAGRAM_NOISE = {"view this post on instagram", "view more on instagram"}
_BLOCK_TAGS = {"p", "head", "item", "list", "quote", "lb", "row", "cell", "table", "div"}


class NoArticleTextError(ArticleError):
    """A page has no article text that quotebot can find."""


@dataclass(frozen=True, slots=True)
class PageText:
    """A page's article text as paragraphs, with the metadata the page declares."""

    paragraphs: tuple[str, ...]
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    tweets: int = 0  # embedded tweets found

    def article_text(self) -> str:
        """The extractor's input: an optional ``date`` line, then blank-line-split paragraphs."""
        header = f"date {self.date}\n\n" if self.date else ""
        return header + "\n\n".join(self.paragraphs) + "\n"


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _flatten_instagram(blockquote: lxml.html.HtmlElement) -> str | None:
    """``caption A post shared by Name (@handle) on Mon D, YYYY …`` from an Instagram embed."""
    caption: list[str] = []
    credit = None
    for p in blockquote.iter("p"):
        text = _clean(p.text_content())
        if text.startswith(_INSTAGRAM_CREDIT):
            credit = text
        elif text and text.casefold() not in _INSTAGRAM_NOISE:
            caption.append(text)
    if credit is None or not caption:
        return None  # not the usual markup, or a photo with no words: nothing to quote
    return f"{' '.join(caption)} {credit}"


def _flatten_tweet(blockquote: lxml.html.HtmlElement) -> str | None:
    """``tweet text — Name (@handle) Date`` from an embedded tweet's markup."""
    for br in blockquote.iter("br"):
        br.tail = " " + (br.tail or "")
    if "instagram-media" in (blockquote.get("class") or ""):
        return _flatten_instagram(blockquote)
    paragraphs = blockquote.findall(".//p")
    if paragraphs:
        body = " ".join(_clean(p.text_content()) for p in paragraphs)
        credit_parts: list[str] = []
        for p in paragraphs:
            if p.tail:
                credit_parts.append(p.tail)
        for child in blockquote:
            if child.tag != "p" and child not in paragraphs:
                credit_parts.append(child.text_content() + (child.tail or ""))
        credit = _clean(" ".join(credit_parts))
    else:
        whole = _clean(blockquote.text_content())
        cut = max(whole.rfind(f" {d} ") for d in _DASHES)
        if cut < 0:
            return whole or None
        body, credit = whole[:cut], whole[cut + 1 :]
    body = _clean(body)
    credit = credit.lstrip(_DASHES + " ")
    if not body:
        return None
    return f"{body} — {credit}" if credit else body


def _element_text(element: lxml.etree._Element) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        inner = _element_text(child)
        parts.append(f" {inner} " if child.tag in _BLOCK_TAGS else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraphs_from_xml(xml: str) -> list[str]:
    root = lxml.etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        main = root
    paragraphs: list[str] = []
    for element in main:
        if element.tag == "list":
            paragraphs.extend(_clean(_element_text(item)) for item in element.iter("item"))
        else:
            paragraphs.append(_clean(_element_text(element)))
    return [p for p in paragraphs if p]


def _preceding_text(element: lxml.html.HtmlElement) -> str | None:
    for previous in element.itersiblings(preceding=True):
        text = _clean(previous.text_content()) if isinstance(previous.tag, str) else ""
        if text:
            return text
    parent = element.getparent()
    return None if parent is None else _preceding_text(parent)


def _key(text: str) -> str:
    return _clean(text).casefold()[:60]


def html_to_text(html: str, *, url: str | None = None) -> PageText:
    """The main text of an HTML page, embedded tweets kept as paragraphs; raises if none."""
    if not html.strip():
        raise NoArticleTextError("The page is empty.")
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses it in a str (XHTML pages)
    try:
        document = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as error:
        raise NoArticleTextError(f"The page could not be read as HTML ({error}).") from None

    tweets: list[tuple[str, str | None]] = []  # (flattened text, text of the paragraph before)
    for blockquote in document.xpath(_TWEET_XPATH):
        flattened = _flatten_tweet(blockquote)
        if not flattened:
            blockquote.drop_tree()  # a post with no words: only its credit would be left
            continue
        tweets.append((flattened, _preceding_text(blockquote)))
        replacement = lxml.html.Element("p")
        replacement.text = flattened
        replacement.tail = blockquote.tail
        parent = blockquote.getparent()
        if parent is not None:
            parent.replace(blockquote, replacement)

    prepared = lxml.html.tostring(document, encoding="unicode")
    xml = trafilatura.extract(
        prepared,
        url=url,
        output_format="xml",
        favor_recall=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    paragraphs = _paragraphs_from_xml(xml) if xml else []

    metadata = trafilatura.extract_metadata(html, default_url=url)
    title = _clean(metadata.title) if metadata and metadata.title else None
    if paragraphs and title and _key(paragraphs[0]) == _key(title):
        paragraphs = paragraphs[1:]  # the headline, repeated as the first block

    present = {_key(p) for p in paragraphs}
    for flattened, before in tweets:
        if _key(flattened) in present:
            continue
        log.debug("main-text extraction dropped an embedded tweet; putting it back")
        position = len(paragraphs)
        if before:
            for i, paragraph in enumerate(paragraphs):
                if _key(paragraph) == _key(before):
                    position = i + 1
                    break
        paragraphs.insert(position, flattened)
        present.add(_key(flattened))

    if not paragraphs:
        raise NoArticleTextError(
            "No article text found on that page (it may need JavaScript, or be a paywall or "
            "an index page). Save the article as a file and attach it instead."
        )
    return PageText(
        paragraphs=tuple(paragraphs),
        title=title,
        outlet=_clean(metadata.sitename) if metadata and metadata.sitename else None,
        author=_clean(metadata.author) if metadata and metadata.author else None,
        date=metadata.date if metadata and metadata.date else None,
        tweets=len(tweets),
    )
