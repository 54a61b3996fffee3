"""What the hooks need to know about a page of this site."""

from __future__ import annotations

from mkdocs.structure.pages import Page


def page_language(page: Page) -> str:
    """`zh` or `en`; mkdocs-static-i18n sets the locale on every file it builds."""
    return getattr(page.file, "locale", None) or "zh"


def is_topic_page(page: Page) -> bool:
    """Topic pages (one question per `##`) live in an area folder; home, about and glossary do not."""
    return "/" in page.file.src_uri
