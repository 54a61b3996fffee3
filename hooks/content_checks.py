"""Refuse to build a site whose pages break the bilingual structure (see content_rules),
or whose rendered HTML gives two elements the same id (anchors would then lead astray)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from content_rules import structural_problems

ELEMENT_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')


def duplicate_ids(page_html: str) -> list[str]:
    return sorted(element_id for element_id, count in Counter(ELEMENT_ID.findall(page_html)).items() if count > 1)


def on_pre_build(config: MkDocsConfig) -> None:
    problems = structural_problems(Path(config.docs_dir))
    if problems:
        listing = "\n".join(f"  {problem}" for problem in problems)
        raise PluginError(f"{len(problems)} content problem(s) in docs/:\n{listing}")


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: object) -> str:
    duplicates = duplicate_ids(html)
    if duplicates:
        raise PluginError(f"{page.file.src_uri}: more than one element has the id {', '.join(map(repr, duplicates))}")
    return html
