"""What the hooks need to know about a page of this site."""

from __future__ import annotations

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


def page_language(page: Page) -> str:
    """`zh` or `en`; mkdocs-static-i18n sets the locale on every file it builds."""
    return getattr(page.file, "locale", None) or "zh"


def is_topic_page(page: Page) -> bool:
    """Topic pages (one question per `##`) live in an area folder; home, about and glossary do not."""
    return "/" in page.file.src_uri


def site_root(page: Page) -> str:
    """Relative URL from a page to the site root (the Chinese root), where shared assets live."""
    url = page.url
    language = page_language(page)
    relative = get_relative_url(".", url or ".")
    relative = "./" if relative == "." else relative.rstrip("/") + "/"
    if language != "zh" and not url.startswith(f"{language}/"):
        relative += "../"  # mkdocs-static-i18n builds each other language as its own site
    return relative
