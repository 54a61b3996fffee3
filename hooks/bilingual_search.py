"""Bilingual search: one index per language, and Material's worker wrapped to use it.

mkdocs-static-i18n merges both languages into one search index, which a reader would
download whole and which returns pages of both languages. After the build, the index is
split into `search/search_index.zh.json` and `search/search_index.en.json`, leaving a
stub (configuration only) where Material looks. Every page's `__config` is pointed at
`assets/javascripts/workers/search-shim.js`, which loads the reader's language's index
and then hands over to Material's own worker, named with its content hash.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

LANGUAGES = ("zh", "en")
MATERIAL_WORKER = re.compile(r'"search": "(?P<dir>[^"]*/workers/)(?P<worker>search\.[0-9a-f]+\.min\.js)"')


def language_of(location: str) -> str:
    """English pages live under en/; everything else is the Chinese site."""
    return "en" if location.startswith("en/") else "zh"


def split_search_index(search_dir: Path) -> None:
    """Write one index per language and leave a stub; a stub (no docs) is left alone."""
    merged_path = search_dir / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    if not merged["docs"]:
        return
    for language in LANGUAGES:
        docs = [doc for doc in merged["docs"] if language_of(doc["location"]) == language]
        part = {**merged, "docs": docs}
        (search_dir / f"search_index.{language}.json").write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    merged_path.write_text(json.dumps({**merged, "docs": []}, separators=(",", ":")), encoding="utf-8")


def use_search_shim(page_html: str, language: str) -> str:
    def replace(match: re.Match[str]) -> str:
        return f'"search": "{match["dir"]}search-shim.js?worker={match["worker"]}&lang={language}"'

    return MATERIAL_WORKER.sub(replace, page_html, count=1)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return use_search_shim(output, getattr(page.file, "locale", None) or "zh")


@event_priority(-200)  # after mkdocs-static-i18n has written the merged index
def on_post_build(config: MkDocsConfig) -> None:
    split_search_index(Path(config.site_dir) / "search")
