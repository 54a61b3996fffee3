"""Render the glossary pages of one language (the index and one page per area), and the links
back to the questions using each term."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

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
FORMULA = re.compile(r"\$(?P<tex>[^$]+)\$")
AreaHref = Callable[[str], str]  # an area's glossary page, relative to the page being written ("" for itself)


@dataclass(frozen=True)
class Usage:
    """A question that mentions a term: its page and its heading."""

    page_title: str
    page_url: str
    section_id: str
    section_title: str


def backlink_marker(term_id: str) -> str:
    return f"<!-- glossary-backlinks:{term_id} -->"


def pinyin_keys(names: Iterable[str], cache_path: Path) -> dict[str, str]:
    """Each Chinese name's pinyin, to sort by; kept on disk, as importing pypinyin alone
    took a quarter of a second of every build."""
    keys = json.loads(cache_path.read_text(encoding="utf-8")) if cache_path.is_file() else {}
    if missing := set(names) - keys.keys():
        from pypinyin import lazy_pinyin

        keys |= {name: " ".join(lazy_pinyin(name)).casefold() for name in missing}
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(keys, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return keys


def reading_order(terms: list[Term], language: str, pinyin_cache: Path) -> list[Term]:
    """The order a glossary lists terms in: Chinese names by pinyin, English names alphabetically."""
    if language == "zh":
        keys = pinyin_keys((term.names["zh"] for term in terms), pinyin_cache)
        return sorted(terms, key=lambda term: keys[term.names["zh"]])
    return sorted(terms, key=lambda term: term.names["en"].casefold())


def in_area(terms: list[Term], area: str) -> list[Term]:
    return [term for term in terms if term.area == area]


def heading(level: int, anchor: str, title: str) -> str:
    """A heading as the site's Markdown writes one (toc: permalink, no title)."""
    return f'<h{level} id="{anchor}">{html.escape(title, quote=False)}<a class="headerlink" href="#{anchor}">&para;</a></h{level}>'


def field_html(label: str, value: str, language: str) -> str:
    return f"<strong>{label}</strong>：{value}" if language == "zh" else f"<strong>{label}:</strong> {value}"


def definition_html(text: str) -> str:
    """Plain text (glossary_data checks it) whose `$...$` formulas become the spans
    pymdownx.arithmatex writes, for hooks/mathml.py to render."""
    return FORMULA.sub(lambda match: f'<span class="arithmatex">\\({match["tex"]}\\)</span>', html.escape(text, quote=False))


def term_link(term: Term, language: str, href: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}#{term.id}">{html.escape(term.label(language), quote=False)}</a>'


def term_entry(term: Term, language: str, by_id: dict[str, Term], area_href: AreaHref) -> str:
    words = WORDS[language]
    facts = [field_html(words["other"], html.escape(term.label(OTHER[language]), quote=False), language)]
    if term.aliases[language]:
        facts.append(field_html(words["aliases"], html.escape(words["sep"].join(term.aliases[language]), quote=False), language))
    body = [f"<p>{'<br>'.join(facts)}</p>", f"<p>{definition_html(term.definitions[language])}</p>"]
    if term.see:
        related = words["sep"].join(term_link(by_id[s], language, area_href(by_id[s].area)) for s in term.see)
        body.append(f"<p>{field_html(words['see'], related, language)}</p>")
    # One block per entry below its heading: one element for the page to render on demand.
    return "\n".join([heading(2, term.id, term.label(language)), '<div class="glossary-entry">', *body, backlink_marker(term.id), "</div>"])


def glossary_html(terms: list[Term], language: str, area: str, area_href: AreaHref) -> tuple[str, list[tuple[str, str]]]:
    """The entries of one area's glossary page, one `<h2>` per term (same ids in both
    languages; `terms` in reading order), and the (id, title) of each heading for the page's table of contents.
    Written as HTML, not Markdown: the entries are plain text, and Python-Markdown took
    a second per build over them."""
    by_id = {term.id: term for term in terms}
    members = in_area(terms, area)
    entries = "\n".join(term_entry(term, language, by_id, area_href) for term in members)
    return entries, [(term.id, term.label(language)) for term in members]


def glossary_index_html(terms: list[Term], language: str, area_href: AreaHref) -> tuple[str, list[tuple[str, str]]]:
    """Every term's name (`terms` in reading order), by area, linking to its entry: the
    whole glossary at a glance; and the (id, title) of each area's heading."""
    sections, headings = [], []
    for area in AREAS:
        if members := in_area(terms, area):
            items = "\n".join(f"<li>{term_link(term, language, area_href(area))}</li>" for term in members)
            title = AREA_TITLES[language][area]
            sections.append(f'{heading(2, area, title)}\n<div class="glossary-index">\n<ul>\n{items}\n</ul>\n</div>')
            headings.append((area, title))
    return "\n".join(sections), headings


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
