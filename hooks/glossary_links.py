"""Link the first mention of each glossary term per section of a rendered page.

Works on the HTML that Python-Markdown produced: text inside code, math, headings,
existing links, SVG figures and scripts is left alone. Sections start at each `<h2>`
(one question per `##`), so every question links the terms it uses once. Finding the
links (`find_links`) is kept apart from writing them (`apply_links`), so that a rebuild can
reuse what was found in a page that did not change (glossary_cache).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from glossary_data import Term

TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
# Elements whose text is never linked. Python-Markdown's output does not nest these inside
# themselves, so a lazy match to the closing tag finds the whole element.
SKIPPED = re.compile(
    r"<(?P<tag>pre|code|kbd|a|h[1-6]|svg|script|style|textarea|button)\b[^>]*>.*?</(?P=tag)\s*>"
    r'|<(?P<math>span|div) class="arithmatex">.*?</(?P=math)>',
    re.S,
)
TERM_LINK = re.compile(r'<a class="glossary-term" href="[^"]*" title="[^"]*">(?P<text>[^<]*)</a>')  # as TermAnchors writes it
ATTRIBUTE_ID = re.compile(r'\bid="([^"]*)"')
LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Link:
    """A term's first mention in a section: where its spelling stands in the page's HTML."""

    start: int
    end: int
    term_id: str


@dataclass(frozen=True)
class Mention:
    """A term used in a question: the section's heading id and text (empty before the first `##`)."""

    term_id: str
    section_id: str
    section_title: str


@dataclass
class TrieNode:
    children: dict[str, TrieNode] = field(default_factory=dict)
    ending: str | None = None  # regex that must follow a complete spelling; None: no spelling ends here


class TermMatcher:
    """Find term spellings in text: longest spelling first, whole words for Latin spellings.

    All spellings are compiled into one regex shaped as a trie and run on the lower-cased
    text (a flat alternation of a thousand spellings made linking most of the build time);
    abbreviations are then checked against the original case.
    """

    def __init__(self, terms: list[Term], language: str) -> None:
        self.language = language
        self.by_form: dict[str, tuple[Term, str]] = {}  # lower case -> (term, exact case or "")
        root = TrieNode()
        for term in terms:
            for form in term.surface_forms(language):
                exact = form if form == term.abbr else ""
                self.by_form[form.lower()] = (term, exact)
                self.insert(root, form.lower(), self.ending(form, bool(exact)))
        self.pattern = re.compile(self.trie_regex(root, at_start=True)) if root.children else None

    def ending(self, form: str, exact_case: bool) -> str:
        """After a Latin spelling: no further letter; English names may take a plural."""
        if not LATIN_EDGE.match(form[-1]):
            return ""
        plural = "(?:e?s)?" if self.language == "en" and not exact_case else ""
        return plural + r"(?![a-z0-9])"

    @staticmethod
    def insert(root: TrieNode, form: str, ending: str) -> None:
        node = root
        for char in form:
            node = node.children.setdefault(char, TrieNode())
        node.ending = ending

    def trie_regex(self, node: TrieNode, at_start: bool = False) -> str:
        branches = []
        for char, child in node.children.items():
            # The word boundary is checked after the first character, not before it: a
            # pattern whose every branch starts with a literal lets `re` skip ahead to the
            # next possible first character, which makes linking four times faster.
            boundary = r"(?<![a-z0-9].)" if at_start and LATIN_EDGE.match(char) else ""
            branches.append(re.escape(char) + boundary + self.trie_regex(child))
        if node.ending is not None:
            branches.append(node.ending)  # last, so that longer spellings are tried first
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    def lookup(self, matched: str) -> tuple[Term, str] | None:
        for candidate in (matched, matched[:-1], matched[:-2]):
            if candidate in self.by_form:
                return self.by_form[candidate]
        return None

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        lowered = text.lower()
        if self.pattern is None or len(lowered) != len(text):
            return []
        found = []
        for match in self.pattern.finditer(lowered):
            entry = self.lookup(match.group())
            if entry is None:
                continue
            term, exact = entry
            if exact and text[match.start() : match.end()] != exact:
                continue
            found.append((match.start(), match.end(), term))
        return found


class TermAnchors:
    """The markup of a term link: the term's glossary entry, its definition as the tooltip."""

    def __init__(self, terms: list[Term], language: str) -> None:
        self.areas = {term.id: term.area for term in terms}
        self.titles = {term.id: html.escape(term.definitions[language], quote=True) for term in terms}

    def anchor(self, term_id: str, text: str, glossary_href: Callable[[str], str]) -> str:
        """`glossary_href`: an area -> its glossary page, relative to the linking page."""
        href = f"{glossary_href(self.areas[term_id])}#{term_id}"
        return f'<a class="glossary-term" href="{href}" title="{self.titles[term_id]}">{text}</a>'


@dataclass
class PageLinker:
    """Walks one page's HTML, finding the terms to link and which question mentions which term."""

    matcher: TermMatcher
    links: list[Link] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    linked_in_section: set[str] = field(default_factory=set)
    mentioned_in_section: set[str] = field(default_factory=set)
    section_id: str = ""
    section_title: str = ""

    def find(self, page_html: str) -> None:
        position = 0
        for skipped in SKIPPED.finditer(page_html):
            self.find_in_prose(page_html[position : skipped.start()], position)
            if skipped["tag"] == "h2":
                self.start_section(skipped.group())
            position = skipped.end()
        self.find_in_prose(page_html[position:], position)

    def find_in_prose(self, fragment: str, offset: int) -> None:
        """Find the terms in a fragment between skipped elements (`offset` into the page): the
        matcher runs once over the whole fragment (once per text node was most of the linking
        time), and matches that start inside a tag or comment are dropped (a spelling cannot
        span a `<`)."""
        tags = [(tag.start(), tag.end()) for tag in TAG.finditer(fragment)]
        tag_starts = [start for start, _ in tags]
        for start, end, term in self.matcher.find(fragment):
            enclosing = bisect_right(tag_starts, start) - 1
            if enclosing >= 0 and tags[enclosing][1] > start:
                continue
            if term.id in self.linked_in_section:
                continue
            self.linked_in_section.add(term.id)
            self.mention(term)
            self.links.append(Link(offset + start, offset + end, term.id))

    def start_section(self, heading: str) -> None:
        id_match = ATTRIBUTE_ID.search(heading)
        self.section_id = id_match[1] if id_match else ""
        self.section_title = html.unescape(TAG.sub("", heading)).replace("¶", "").strip()
        self.linked_in_section = set()
        self.mentioned_in_section = set()
        # A question whose heading names a term uses it, though the heading is not linked.
        for _, _, term in self.matcher.find(self.section_title):
            self.mention(term)

    def mention(self, term: Term) -> None:
        if term.id not in self.mentioned_in_section:
            self.mentioned_in_section.add(term.id)
            self.mentions.append(Mention(term.id, self.section_id, self.section_title))


def find_links(page_html: str, matcher: TermMatcher) -> tuple[list[Link], list[Mention]]:
    """The first mention of each term per section, and the mentions found per section."""
    linker = PageLinker(matcher)
    linker.find(page_html)
    return linker.links, linker.mentions


def apply_links(page_html: str, links: list[Link], anchor: Callable[[str, str], str]) -> str:
    """The page with each link's text wrapped by `anchor(term_id, text)`; links in page order."""
    pieces, position = [], 0
    for link in links:
        pieces += [page_html[position : link.start], anchor(link.term_id, page_html[link.start : link.end])]
        position = link.end
    pieces.append(page_html[position:])
    return "".join(pieces)


def without_links(page_html: str) -> str:
    """The page with each term link replaced by its text."""
    return TERM_LINK.sub(r"\g<text>", page_html)
