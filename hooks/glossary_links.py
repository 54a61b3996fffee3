"""Link the first mention of each glossary term per section of a rendered page.

Works on the HTML that Python-Markdown produced: text inside code, math, headings,
existing links, SVG figures and scripts is left alone. Sections start at each `<h2>`
(one question per `##`), so every question links the terms it uses once.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from glossary_data import Term

TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
ATTRIBUTE_ID = re.compile(r'\bid="([^"]*)"')
SKIPPED_TAGS = {"a", "code", "pre", "kbd", "script", "style", "svg", "textarea", "button", "h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED_CLASSES = re.compile(r'\bclass="[^"]*\b(arithmatex|katex|glossary-term)\b')
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
LATIN_EDGE = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Mention:
    """A term used in a question: the section's heading id and text (empty before the first `##`)."""

    term_id: str
    section_id: str
    section_title: str


class TermMatcher:
    """Find term spellings in text: longest spelling first, whole words for Latin spellings."""

    def __init__(self, terms: list[Term], language: str) -> None:
        self.language = language
        self.by_form: dict[str, Term] = {}
        alternatives = []
        for term in terms:
            for form in term.surface_forms(language):
                self.by_form[form.casefold()] = term
                alternatives.append((form, form == term.abbr))
        alternatives.sort(key=lambda item: len(item[0]), reverse=True)
        pattern = "|".join(self.alternative(form, exact) for form, exact in alternatives)
        self.pattern = re.compile(pattern) if pattern else None

    def alternative(self, form: str, exact_case: bool) -> str:
        """Regex for one spelling; abbreviations match case-sensitively, names in any case and plural."""
        body = re.escape(form)
        if not exact_case:
            body = f"(?i:{body})"
            if self.language == "en" and LATIN_EDGE.match(form[-1]):
                body += "(?:e?s)?"
        if LATIN_EDGE.match(form[0]):
            body = r"(?<![A-Za-z0-9])" + body
        if LATIN_EDGE.match(form[-1]):
            body += r"(?![A-Za-z0-9])"
        return body

    def term_for(self, matched: str) -> Term | None:
        key = matched.casefold()
        for candidate in (key, key[:-1], key[:-2]):
            if candidate in self.by_form:
                return self.by_form[candidate]
        return None

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            term = self.term_for(match.group())
            if term is not None:
                found.append((match.start(), match.end(), term))
        return found


@dataclass
class PageLinker:
    """Walks one page's HTML, linking terms and recording which question mentions which term."""

    matcher: TermMatcher
    glossary_href: str
    mentions: list[Mention] = field(default_factory=list)
    linked_in_section: set[str] = field(default_factory=set)
    section_id: str = ""
    section_title: list[str] = field(default_factory=list)
    open_tags: list[tuple[str, bool]] = field(default_factory=list)

    def link(self, page_html: str) -> str:
        return "".join(self.handle(token) for token in TAG.split(page_html) if token)

    def handle(self, token: str) -> str:
        if token.startswith("<"):
            self.handle_tag(token)
            return token
        if self.inside("h2"):
            self.section_title.append(html.unescape(token))
        if any(skipped for _, skipped in self.open_tags):
            return token
        return self.link_text(token)

    def inside(self, name: str) -> bool:
        return any(tag == name for tag, _ in self.open_tags)

    def handle_tag(self, tag: str) -> None:
        match = TAG_NAME.match(tag)
        if not match:
            return
        closing, name = match[1] == "/", match[2].lower()
        if closing:
            self.close(name)
        elif name not in VOID_TAGS and not tag.endswith("/>"):
            if name == "h2":
                self.start_section(tag)
            self.open_tags.append((name, name in SKIPPED_TAGS or bool(SKIPPED_CLASSES.search(tag))))

    def close(self, name: str) -> None:
        for index in range(len(self.open_tags) - 1, -1, -1):
            if self.open_tags[index][0] == name:
                del self.open_tags[index:]
                return

    def start_section(self, tag: str) -> None:
        id_match = ATTRIBUTE_ID.search(tag)
        self.section_id = id_match[1] if id_match else ""
        self.section_title = []
        self.linked_in_section = set()

    def link_text(self, text: str) -> str:
        pieces, position = [], 0
        for start, end, term in self.matcher.find(text):
            if term.id in self.linked_in_section:
                continue
            self.linked_in_section.add(term.id)
            self.mentions.append(Mention(term.id, self.section_id, self.current_title()))
            pieces += [text[position:start], self.anchor(term, text[start:end])]
            position = end
        return "".join(pieces) + text[position:]

    def current_title(self) -> str:
        return "".join(self.section_title).replace("¶", "").strip()

    def anchor(self, term: Term, text: str) -> str:
        definition = html.escape(term.definitions[self.matcher.language], quote=True)
        return f'<a class="glossary-term" href="{self.glossary_href}#{term.id}" title="{definition}">{text}</a>'


def link_terms(page_html: str, matcher: TermMatcher, glossary_href: str) -> tuple[str, list[Mention]]:
    """Return the page with first mentions linked, and the mentions found per section."""
    linker = PageLinker(matcher, glossary_href)
    return linker.link(page_html), linker.mentions
