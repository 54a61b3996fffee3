"""Refuse to build a site whose pages break the bilingual structure (see content_rules),
or whose rendered HTML gives two elements the same id (anchors would then lead astray)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from content_rules import Problem, markdown_pages, structural_problems

ELEMENT_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')


def duplicate_ids(page_html: str) -> list[str]:
    return sorted(element_id for element_id, count in Counter(ELEMENT_ID.findall(page_html)).items() if count > 1)


def docs_state(docs_dir: Path) -> tuple[tuple[str, int], ...]:
    return tuple((path.as_posix(), path.stat().st_mtime_ns) for path in markdown_pages(docs_dir))


@lru_cache(maxsize=1)  # mkdocs-static-i18n builds each language in turn from the same sources
def problems_in(docs_dir: Path, state: tuple[tuple[str, int], ...]) -> list[Problem]:
    return structural_problems(docs_dir)


def on_pre_build(config: MkDocsConfig) -> None:
    docs_dir = Path(config.docs_dir)
    problems = problems_in(docs_dir, docs_state(docs_dir))
    if problems:
        listing = "\n".join(f"  {problem}" for problem in problems)
        raise PluginError(f"{len(problems)} content problem(s) in docs/:\n{listing}")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: object) -> str:
    duplicates = duplicate_ids(html)
    if duplicates:
        raise PluginError(f"{page.file.src_uri}: more than one element has the id {', '.join(map(repr, duplicates))}")
    return html
