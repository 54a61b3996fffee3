"""Point every page at the bilingual search worker (assets/javascripts/workers/search-shim.js).

Material names its worker with a content hash; the hook swaps that URL in the page's
`__config` for the shim, passing the original worker and the page's language along, so
no theme template has to be copied.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

MATERIAL_WORKER = re.compile(r'"search": "(?P<dir>[^"]*/workers/)(?P<worker>search\.[0-9a-f]+\.min\.js)"')


def use_search_shim(page_html: str, language: str) -> str:
    def replace(match: re.Match[str]) -> str:
        return f'"search": "{match["dir"]}search-shim.js?worker={match["worker"]}&lang={language}"'

    return MATERIAL_WORKER.sub(replace, page_html, count=1)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return use_search_shim(output, getattr(page.file, "locale", None) or "zh")
