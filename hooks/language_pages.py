"""What each language's pages say about the other language: hreflang links and 404 pages.

- Material writes `<link rel="alternate" hreflang>` with relative URLs; search engines want
  absolute ones and an `x-default` (here the Chinese page, the site's default language).
- MkDocs renders 404.html once per language build into the same file, so the last build
  (English) won. Each language's 404 page is kept: Chinese at the root, where GitHub Pages
  answers every miss, English at en/404.html, where the Chinese one sends a reader whose
  missing URL is under en/ (an inline script in overrides/main.html). On a 404 page the
  language links point at each language's home, not at whatever page was rendered last.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

DEFAULT_LANGUAGE = "zh"
LANGUAGE_ROOTS = {"zh": "", "en": "en/"}
ALTERNATE = re.compile(r'<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)">')
NOT_FOUND = "404.html"

not_found_pages: dict[str, str] = {}


def absolute_alternates(page_html: str, page_url: str) -> str:
    """Make the head's hreflang links absolute and add x-default after the default language's link."""

    def replace(match: re.Match[str]) -> str:
        href = urljoin(page_url, match["href"])
        link = f'<link rel="alternate" href="{href}" hreflang="{match["lang"]}">'
        if match["lang"] == DEFAULT_LANGUAGE:
            link += f'<link rel="alternate" href="{href}" hreflang="x-default">'
        return link

    return ALTERNATE.sub(replace, page_html)


def page_address(config: MkDocsConfig, page_url: str) -> str:
    return urljoin(config.site_url or "/", page_url)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return absolute_alternates(output, page_address(config, page.url))


@event_priority(50)  # before mkdocs-static-i18n reads the alternates into the template context
def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == NOT_FOUND:
        site_path = urlsplit(config.site_url or "/").path
        # mkdocs-static-i18n sets the per-page links as an attribute of `extra`.
        for alternate in getattr(config.extra, "alternate", None) or []:
            alternate["link"] = site_path + LANGUAGE_ROOTS.get(alternate["lang"], "")
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != NOT_FOUND:
        return output
    page = absolute_alternates(output, page_address(config, ""))
    not_found_pages[config.theme["language"]] = page
    return page


@event_priority(-300)  # after every language build has written its 404.html
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for language, page in not_found_pages.items():
        target = site / LANGUAGE_ROOTS[language] / NOT_FOUND
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
