"""What the hooks need to know about a page of this site."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


HOOKS_DIR = Path(__file__).resolve().parent
ROOT = HOOKS_DIR.parent
# What a build can reuse from the last one (rendered formulas, the math font, search
# postings, term links), keyed by what each depends on; safe to delete.
CACHE_DIR = ROOT / ".cache"


def page_language(page: Page) -> str:
    """`zh` or `en`; mkdocs-static-i18n sets the locale on every file it builds."""
    return getattr(page.file, "locale", None) or "zh"


# The folders of topic pages, in the order of the site's navigation.
AREAS = ("architecture", "training", "systems", "inference", "applications")


def is_topic_source(src_uri: str) -> bool:
    """`<area>/<slug>.md`: one question per `##`. The glossary and review folders hold no questions."""
    area, slash, _ = src_uri.partition("/")
    return bool(slash) and area in AREAS


def is_topic_page(page: Page) -> bool:
    return is_topic_source(page.file.src_uri)


def site_root(page: Page) -> str:
    """Relative URL from a page to the site root (the Chinese root), where shared assets live."""
    url = page.url
    language = page_language(page)
    relative = get_relative_url(".", url or ".")
    relative = "./" if relative == "." else relative.rstrip("/") + "/"
    if language != "zh" and not url.startswith(f"{language}/"):
        relative += "../"  # mkdocs-static-i18n builds each other language as its own site
    return relative
