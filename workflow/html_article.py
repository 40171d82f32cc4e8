"""An HTML page as an article: its title, headings, paragraphs and captions, never its markup.

The article is found by trafilatura (adbar/trafilatura), the main-content extractor that leads the
published comparisons of such tools and is kept up; it drops menus, related links, footers and
comments and keeps headings, paragraphs, lists, quotes, tables and images. It is imported only
here, when a page is imported (about 150 ms on an idle machine and 26 MiB the first time), never
when the TUI starts. Its XML output is read block by block; the captions (<figcaption>) and, on
some layouts, the subheadings it leaves out are taken from the part of the page that holds the
text it found, each where the page has it.

The page is decoded by Tandem, not by the extractor: a BOM, else the charset the page declares
(<meta charset> or http-equiv Content-Type, in its first 1,024 bytes as browsers look), read
strictly, with EUC-KR widened to CP949 as for XML and Latin-1 read as cp1252 as browsers do; a page
that declares nothing, or declares what it is not, goes to workflow.textfile's detection, with a
warning naming the declaration that was wrong.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

from glossaries.controls import LINE_BREAKING
from glossaries.tbx.encoding import BOMS, decode_korean
from workflow.blocks import Block, caption_like
from workflow.errors import InputError
from workflow.i18n import _
from workflow.models import SegmentKind

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# WHATWG's Encoding Standard: what browsers read these labels as.
_BROWSER_LABELS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                   "ascii": "cp1252", "iso8859-1": "cp1252", "windows-1252": "cp1252", "ks_c_5601-1987": "euc-kr",
                   "windows-949": "cp949", "x-windows-949": "cp949", "x-mac-roman": "mac_roman",
                   "macintosh": "mac_roman"}
_TEXT_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "blockquote", "div", "span"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SITE_SUFFIX = re.compile(r"\s+[|\-–—:·]+\s+[^|\-–—:·]{1,40}$")


def looks_like_html(head: str) -> bool:
    """For sniffing: the start of the file (after the prolog) is an HTML document or fragment."""
    return bool(re.match(r"<(?:html|head|body|meta|title)\b", head, re.I))


def decode_html(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """(encoding, text, warnings) for a page's bytes."""
    from workflow.textfile import decode

    for bom, _codec in BOMS:
        if data.startswith(bom):
            encoding, text = decode(data, name)
            return encoding, text, []
    declared = _META_CHARSET.search(data[:1024])
    if declared is None:
        encoding, text = decode(data, name)
        return encoding, text, []
    label = declared.group(1).decode("ascii").lower()
    codec = _BROWSER_LABELS.get(label, label)
    try:
        codec = codecs.lookup(codec).name
    except LookupError:
        encoding, text = decode(data, name)
        return encoding, text, [_("{file}: declares the charset {label}, which Tandem does not know; read as "
                                  "{encoding} (detected)").format(file=name, label=label, encoding=encoding)]
    if codec in ("euc_kr", "cp949"):
        found = decode_korean(data, codec)
        if found:
            used, text = found
            warnings = [] if codecs.lookup(used).name == codec else [
                _("{file}: declares {label} but holds CP949 characters; read as CP949").format(file=name, label=label)]
            return used.replace("_", "-"), text, warnings
    else:
        try:
            return codec.replace("_", "-"), data.decode(codec), []
        except UnicodeDecodeError:
            pass
    encoding, text = decode(data, name)
    return encoding, text, [_("{file}: declares the charset {label} but is not; read as {encoding}").format(
        file=name, label=label, encoding=encoding)]


def extract_blocks(page: str, name: str) -> list[Block]:
    """The article's blocks: its title first, then headings, paragraphs and captions in order."""
    import trafilatura  # lazily: only an HTML import pays for the extractor
    from lxml import etree
    from lxml import html as lxml_html

    page = _XML_DECLARATION.sub("", page, count=1)  # XHTML's: lxml takes no declaration with a str
    try:
        tree = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(name, _("is not an HTML page Tandem can read ({problem})").format(problem=exc)) from None
    title = _title(tree)
    extracted = trafilatura.extract(page, output_format="xml", include_images=True, include_tables=True,
                                    include_comments=False, include_links=False, with_metadata=False, fast=True,
                                    config=_settings())
    if not extracted:
        raise InputError(name, _("holds no article text that Tandem can find (no paragraphs in the page's main "
                                 "content)"))
    main = etree.fromstring(extracted.encode("utf-8")).find("main")
    blocks = _with_captions(list(_blocks(main if main is not None else etree.Element("main"))), tree)
    if blocks and blocks[0].kind is SegmentKind.HEADING and (not title or blocks[0].text == title):
        blocks[0] = Block(SegmentKind.TITLE, blocks[0].text)
    elif title:
        blocks.insert(0, Block(SegmentKind.TITLE, title))
    if not any(b.kind is not SegmentKind.TITLE for b in blocks):
        raise InputError(name, _("holds no article text that Tandem can find (no paragraphs in the page's main "
                                 "content)"))
    return blocks


def _settings():
    """trafilatura's defaults, but for how short an article may be: below 250 characters it falls
    back to all the page's text in one paragraph, and a Korean brief of three paragraphs is shorter."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no SIGALRM: imports run in worker threads
    return config


def _blocks(main):
    seen: set[str] = set()

    def block(kind: SegmentKind, text: str):
        text = _text(text)
        if text and (kind, text) not in seen:
            seen.add((kind, text))  # type: ignore[arg-type]
            yield Block(kind, text)

    for element in main:
        tag = element.tag
        if tag == "head":
            yield from block(SegmentKind.HEADING, "".join(element.itertext()))
        elif tag == "graphic":
            continue  # its caption, if the page gave it one, comes from the page (_with_captions)
        elif tag in ("list", "table"):
            for item in element.iter("item", "cell"):
                text = "".join(item.itertext())
                yield from block(SegmentKind.CAPTION if caption_like(text) else SegmentKind.PARAGRAPH, text)
        else:  # p, quote, code and whatever else holds text
            text = "".join(element.itertext())
            yield from block(SegmentKind.CAPTION if caption_like(text) else SegmentKind.PARAGRAPH, text)


def _with_captions(blocks: list[Block], tree) -> list[Block]:
    """The blocks with the captions (<figcaption>) and subheadings (<h2>-<h6>) inside the article
    that the extractor left out, each where the page has it. The extractor keeps a figure's image
    but not its caption, and on some layouts drops a lead figure or the subheadings; the article
    is where the extracted text stands in the page: the smallest element holding all of it."""
    elements = list(tree.iter())
    order = {id(e): i for i, e in enumerate(elements)}
    where: dict[str, int] = {}
    for element in elements:
        if isinstance(element.tag, str) and element.tag in _TEXT_TAGS:
            where.setdefault(_text(element.text_content()), order[id(element)])
    found = [(where[b.text], b) for b in blocks if b.text in where]
    if not found:
        return blocks
    holders = [elements[i] for i, _b in found]
    article = holders[0].getparent()
    while article is not None and not all(_inside(h, article) for h in holders):
        article = article.getparent()
    if article is None:
        return blocks
    have = {b.text for b in blocks}
    captions = [(order[id(c)], Block(SegmentKind.CAPTION if c.tag == "figcaption" else SegmentKind.HEADING,
                                     _text(c.text_content())))
                for c in article.iter("figcaption", "h2", "h3", "h4", "h5", "h6")]
    captions = [(i, c) for i, c in captions if c.text and c.text not in have]
    if not captions:
        return blocks
    placed, last = [], -1
    for block in blocks:  # a block the page does not hold as such stays after the one before it
        last = where.get(block.text, last)
        placed.append((last, 1, block))
    placed += [(i, 0, c) for i, c in captions]
    return [b for _i, _k, b in sorted(placed, key=lambda t: (t[0], t[1]))]


def _inside(element, ancestor) -> bool:
    while element is not None:
        if element is ancestor:
            return True
        element = element.getparent()
    return False


def _title(tree) -> str:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            if _text(meta.get("content") or ""):
                return _text(meta.get("content") or "")
    headlines = [_text(h.text_content()) for h in tree.iter("h1")]
    if len(headlines) == 1 and headlines[0]:
        return headlines[0]
    title = next(tree.iter("title"), None)
    text = _text(title.text_content()) if title is not None else ""
    shorter = _SITE_SUFFIX.sub("", text)
    return shorter if len(shorter) >= 10 else text


def _text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def read_html(path: Path, data: bytes):
    """The page as a TextFile whose blocks are the article's (workflow.textfile.read_article)."""
    from workflow.textfile import TextFile, refuse_controls, repair_mojibake

    name = str(path)
    encoding, page, warnings = decode_html(data, name)
    # Checked in the page as it came, with its line and column: the extractor would drop them silently.
    refuse_controls(page.replace("\r\n", "\n").replace("\r", "\n").translate(LINE_BREAKING), name)
    blocks = extract_blocks(page, name)
    text = "\n\n".join(b.text for b in blocks)
    text, repaired = repair_mojibake(text, name)
    if repaired:
        blocks = [Block(b.kind, t) for b, t in zip(blocks, text.split("\n\n"))]
    return TextFile(path, text, encoding, hashlib.sha256(data).hexdigest(), tuple(warnings) + repaired,
                    tuple(blocks))
