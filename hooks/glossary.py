"""Glossary hook: term links with tooltips, the glossary pages, backlinks and jieba words.

The data lives in docs/glossary.yml; the logic lives in glossary_data, glossary_links and
glossary_page. MkDocs renders every page's content before it renders any template, so
the backlinks, collected while linking, are complete when the glossary page is templated.
State is per language build (mkdocs-static-i18n runs one build per language).
"""

from __future__ import annotations

import logging
from functools import cache
from importlib.metadata import version
from pathlib import Path

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from glossary_cache import LinkCache
from glossary_data import GlossaryError, Term, load_glossary
from glossary_links import Link, Mention, TermAnchors, TermMatcher, apply_links, find_links, without_links
from glossary_page import AreaHref, Usage, fill_backlinks, glossary_html, glossary_index_html, reading_order
from site_pages import AREAS, CACHE_DIR, HOOKS_DIR, is_topic_page, page_language

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not a build message

GLOSSARY_DATA = "glossary.yml"
GLOSSARY_FOLDER = "glossary"

terms: list[Term] = []
ordered: dict[str, list[Term]] = {}  # per language, the order its glossary pages list terms in
loaded_from: tuple[Path, int] | None = None  # the data file and its mtime that `terms` hold
matchers: dict[str, TermMatcher] = {}  # built on the first page the cache does not know
anchors: dict[str, TermAnchors] = {}
link_cache: LinkCache | None = None
usages: dict[str, list[Usage]] = {}
glossary_url = ""  # this language's glossary index; each area's entries are in <area>/ below it


def jieba_words(glossary: list[Term]) -> list[str]:
    """Chinese spellings the search index must keep whole (jieba cannot hold spaces)."""
    forms = (form for term in glossary for form in (term.names["zh"], *term.aliases["zh"]))
    return sorted({form for form in forms if " " not in form})


def glossary_page_name(src_uri: str) -> str | None:
    """`index` or an area for the pages of the glossary folder (either language), else None."""
    folder, _, name = src_uri.partition("/")
    stem = name.split(".")[0]
    return stem if folder == GLOSSARY_FOLDER and stem in ("index", *AREAS) else None


@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    global terms, loaded_from, link_cache
    source = Path(config.docs_dir) / GLOSSARY_DATA
    stamp = (source, source.stat().st_mtime_ns) if source.is_file() else None
    if stamp and stamp == loaded_from:  # mkdocs-static-i18n configures each language build anew
        return
    try:
        terms = load_glossary(source)
    except GlossaryError as error:
        raise PluginError(str(error)) from error
    loaded_from = stamp
    link_cache = LinkCache(CACHE_DIR, [source, HOOKS_DIR / "glossary_data.py", HOOKS_DIR / "glossary_links.py"])
    matchers.clear()
    pinyin_cache = CACHE_DIR / f"pinyin-{version('pypinyin')}.json"
    for language in ("zh", "en"):
        ordered[language] = reading_order(terms, language, pinyin_cache)
        anchors[language] = TermAnchors(terms, language)
    for word in jieba_words(terms):
        jieba.suggest_freq(word, tune=True)


@event_priority(-200)  # after mkdocs-static-i18n has picked this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global glossary_url
    usages.clear()
    language = config.theme["language"]
    glossary_url = next(
        file.url
        for file in files.documentation_pages()
        if glossary_page_name(file.src_uri) == "index" and getattr(file, "locale", "zh") == language
    )
    return files


def area_href(page: Page) -> AreaHref:
    """Links from `page` to each area's glossary page of its language."""

    @cache
    def href(area: str) -> str:
        target = f"{glossary_url}{area}/"
        return "" if target == page.url else get_relative_url(target, page.url)

    return href


def add_headings(page: Page, headings: list[tuple[str, str]]) -> None:
    """Generated `<h2>`s join the table of contents under the page's title, as Markdown's
    would, and MkDocs' anchor validation."""
    links = [AnchorLink(title, anchor, 2) for anchor, title in headings]
    top = page.toc.items
    (top[0].children if top and top[0].level == 1 else top).extend(links)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(anchor for anchor, _ in headings)


def with_glossary(html: str, page: Page, name: str) -> str:
    language = page_language(page)
    if name == "index":
        entries, headings = glossary_index_html(ordered[language], language, area_href(page))
    else:
        entries, headings = glossary_html(ordered[language], language, name, area_href(page))
    add_headings(page, headings)
    return f"{html}\n{entries}"


def links_in(html: str, page: Page) -> tuple[list[Link], list[Mention]]:
    assert link_cache is not None
    language = page_language(page)
    key = f"{language}:{page.file.src_uri}"
    found = link_cache.get(key, html)
    if found is None:
        if language not in matchers:
            matchers[language] = TermMatcher(terms, language)
        found = find_links(html, matchers[language])
        link_cache.put(key, html, *found)
    return found


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if name := glossary_page_name(page.file.src_uri):
        return with_glossary(html, page, name)
    if not is_topic_page(page):
        return html
    links, mentions = links_in(html, page)
    language_anchors, glossary_href = anchors[page_language(page)], area_href(page)
    linked = apply_links(html, links, lambda term_id, text: language_anchors.anchor(term_id, text, glossary_href))
    for mention in mentions:
        if mention.section_id:
            usage = Usage(page.title or "", page.url, mention.section_id, mention.section_title)
            usages.setdefault(mention.term_id, []).append(usage)
    return linked


def _fill_backlinks(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    area = glossary_page_name(page.file.src_uri)
    if area and area != "index":
        if page.edit_url:  # the entries are edited in the data file, not in the page
            page.edit_url = page.edit_url.replace(page.file.src_uri, GLOSSARY_DATA)
        def href_of(usage: Usage) -> str:
            return f"{get_relative_url(usage.page_url, page.url)}#{usage.section_id}"

        area_terms = [term for term in terms if term.area == area]
        page.content = fill_backlinks(page.content, usages, area_terms, page_language(page), href_of)
    return context


# While Material's search plugin reads a topic page, each term link stands as its text,
# which is all the index takes from it: parsing the links' tags, each with a definition as
# its title, was the larger part of what the hooks add to the plugin's time. The linked page
# is put back after the plugin; nothing else changes a topic page in between (checked).
search_reads: dict[str, tuple[str, str]] = {}  # page -> (linked page, what the plugin was given)


@event_priority(90)  # before the search plugin (priority 0)
def _unlink_for_search(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if is_topic_page(page) and page.content:
        unlinked = without_links(page.content)
        search_reads[page.file.src_uri] = (page.content, unlinked)
        page.content = unlinked
    return context


@event_priority(-90)  # after the search plugin
def _relink_after_search(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if read := search_reads.pop(page.file.src_uri, None):
        linked, unlinked = read
        if page.content != unlinked:
            raise PluginError(f"{page.file.src_uri}: the page changed while the search plugin read it without its term links")
        page.content = linked
    return context


on_page_context = CombinedEvent(_unlink_for_search, _fill_backlinks, _relink_after_search)


def on_post_build(config: MkDocsConfig) -> None:
    if link_cache is not None:
        link_cache.save()
