"""Render the glossary page of one language, and the links back to the questions using each term."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from pypinyin import lazy_pinyin

from glossary_data import AREAS, Term

AREA_TITLES = {
    "zh": {
        "architecture": "模型架构",
        "training": "训练与微调",
        "systems": "显存与分布式",
        "inference": "推理",
        "applications": "应用",
    },
    "en": {
        "architecture": "Architecture",
        "training": "Training and fine-tuning",
        "systems": "Memory and distributed training",
        "inference": "Inference",
        "applications": "Applications",
    },
}
WORDS = {
    "zh": {"other": "英文", "aliases": "又称", "see": "相关术语", "used": "出现在 {n} 道题中", "unused": "尚无题目使用", "sep": "、"},
    "en": {"other": "Chinese", "aliases": "Also", "see": "Related", "used": "Used in {n} question{s}", "unused": "Not used by any question yet", "sep": " · "},
}
OTHER = {"zh": "en", "en": "zh"}


@dataclass(frozen=True)
class Usage:
    """A question that mentions a term: its page and its heading."""

    page_title: str
    page_url: str
    section_id: str
    section_title: str


def backlink_marker(term_id: str) -> str:
    return f"<!-- glossary-backlinks:{term_id} -->"


def sort_key(term: Term, language: str) -> str:
    name = term.names[language]
    return " ".join(lazy_pinyin(name)).casefold() if language == "zh" else name.casefold()


def field_line(label: str, value: str, language: str) -> str:
    return f"**{label}**：{value}" if language == "zh" else f"**{label}:** {value}"


def term_link(term: Term, language: str, from_area: str | None) -> str:
    """Markdown link to a term's entry; MkDocs resolves `<area>.md` to this language's page."""
    page = "" if term.area == from_area else f"{term.area}.md"
    return f"[{term.label(language)}]({page}#{term.id})"


def term_entry(term: Term, language: str, by_id: dict[str, Term]) -> str:
    words = WORDS[language]
    facts = [field_line(words["other"], term.label(OTHER[language]), language)]
    if term.aliases[language]:
        facts.append(field_line(words["aliases"], words["sep"].join(term.aliases[language]), language))
    lines = [f"## {term.label(language)} {{#{term.id}}}", "", "  \n".join(facts), "", term.definitions[language], ""]
    if term.see:
        related = words["sep"].join(term_link(by_id[s], language, term.area) for s in term.see)
        lines += [field_line(words["see"], related, language), ""]
    return "\n".join([*lines, backlink_marker(term.id), ""])


def sorted_area(terms: list[Term], area: str, language: str) -> list[Term]:
    return sorted((t for t in terms if t.area == area), key=lambda t: sort_key(t, language))


def glossary_markdown(terms: list[Term], language: str, area: str) -> str:
    """The entries of one area's glossary page, one `##` per term (same ids in both languages)."""
    by_id = {term.id: term for term in terms}
    return "\n".join(term_entry(term, language, by_id) for term in sorted_area(terms, area, language))


def glossary_index_markdown(terms: list[Term], language: str) -> str:
    """Every term's name, by area, linking to its entry: the whole glossary at a glance."""
    sections = []
    for area in AREAS:
        members = sorted_area(terms, area, language)
        if members:
            items = "\n".join(f"- {term_link(term, language, None)}" for term in members)
            sections.append(f"## {AREA_TITLES[language][area]} {{#{area}}}\n\n<div class=\"glossary-index\" markdown>\n\n{items}\n\n</div>\n")
    return "\n".join(sections)


def backlinks_html(usages: list[Usage], language: str, href_of: Callable[[Usage], str]) -> str:
    """Where a term is used, collapsed: `出现在 7 道题中` opens onto `位置编码（5）、注意力（2）`,
    each page linking to its first question that uses the term. Question by question, the
    425 entries made the glossary 13k elements, the heaviest page of the site."""
    words = WORDS[language]
    if not usages:
        return f'<p class="glossary-backlinks"><em>{words["unused"]}</em></p>'
    by_page: dict[str, list[Usage]] = {}
    for usage in usages:
        by_page.setdefault(usage.page_title, []).append(usage)
    count = "（{n}）" if language == "zh" else " ({n})"
    pages = words["sep"].join(
        f'<a href="{html.escape(href_of(page_usages[0]), quote=True)}">{html.escape(page)}</a>{count.format(n=len(page_usages))}'
        for page, page_usages in by_page.items()
    )
    summary = words["used"].format(n=len(usages), s="" if len(usages) == 1 else "s")
    return f'<details class="glossary-backlinks"><summary>{summary}</summary><p>{pages}</p></details>'


def fill_backlinks(
    page_html: str, usages: dict[str, list[Usage]], terms: list[Term], language: str, href_of: Callable[[Usage], str]
) -> str:
    for term in terms:
        page_html = page_html.replace(backlink_marker(term.id), backlinks_html(usages.get(term.id, []), language, href_of))
    return page_html
