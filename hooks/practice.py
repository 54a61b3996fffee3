"""Practice: question levels, known-marks, self-test, review sheets and progress, offline.

- Levels come from docs/levels.yml; the build stops, naming the page and question, when a
  question of a topic page has no level or an entry names nothing that exists.
- Each question heading gets a level badge and a known-toggle, each topic page a toolbar
  (self-test, core only), rendered here in the page's language; practice.js wires them
  and keeps the reader's marks in localStorage, shared by both languages.
- The review sheet (review.md, review.en.md) is generated from the rendered topic pages:
  every question's short answer, grouped by area and topic, linking to the full answer.
  MkDocs renders every page's content before templating any page, so when the sheet is
  templated the answers of this language's build are all collected.
- The home page's topic map gets per-page progress cells and a panel to export, import
  and reset progress, with links to the sheet and (when built with WITH_PDF=1, as
  `make pdf` does) the PDFs.
State is per language build (mkdocs-static-i18n runs one build per language).
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from content_rules import split_front_matter
from practice_levels import LEVELS_FILE, LevelsError, level_problems, load_levels, page_key, topic_questions
from practice_render import (
    PDF_NAME,
    MissingLevel,
    ReviewItem,
    add_home_practice,
    add_question_controls,
    progress_panel,
    review_items,
    review_list,
    review_markdown,
    review_marker,
    toolbar_html,
)
from site_pages import is_topic_page, page_language, site_root

REVIEW_PAGE = "review"
HOME_PAGE = "index"

levels: dict[str, dict[str, str]] = {}
# Per language: nav areas [(area, title, [(page key, title, source uri)])] and each topic
# page's URL and questions as the review sheet shows them.
areas: dict[str, list[tuple[str, str, list[tuple[str, str, str]]]]] = {}
collected: dict[str, dict[str, tuple[str, list[ReviewItem]]]] = {}


def page_title(source: Path) -> str:
    front_matter, _, _ = split_front_matter(source.read_text(encoding="utf-8"))
    return str((yaml.safe_load(front_matter) or {}).get("title", source.stem))


def on_pre_build(config: MkDocsConfig) -> None:
    global levels
    docs_dir = Path(config.docs_dir)
    try:
        loaded = load_levels(docs_dir / LEVELS_FILE)
    except LevelsError as error:
        raise PluginError(str(error)) from error
    problems = level_problems(loaded, topic_questions(docs_dir))
    if problems:
        listing = "\n".join(f"  {problem}" for problem in problems)
        raise PluginError(f"{len(problems)} question level problem(s):\n{listing}")
    levels = loaded


@event_priority(-200)  # after mkdocs-static-i18n has translated the section titles
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    language = config.theme.get("language") or "zh"
    found = []
    for section in nav.items:
        if not isinstance(section, Section):
            continue
        pages = [
            (page_key(child.file.src_uri), page_title(Path(child.file.abs_src_path)), child.file.src_uri)
            for child in section.children
            if isinstance(child, Page)
        ]
        if pages:
            found.append((pages[0][0].split("/")[0], section.title, pages))
    areas[language] = found
    collected[language] = {}
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page_key(page.file.src_uri) == REVIEW_PAGE:
        return f"{markdown.rstrip()}\n\n{review_markdown(areas.get(page_language(page), []))}\n"
    return markdown


@event_priority(-100)  # after the glossary's term links and the math
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    key, language = page_key(page.file.src_uri), page_language(page)
    if is_topic_page(page):
        page_levels = levels.get(key, {})
        if not page_levels:  # a page still being written: no questions yet
            return html
        collected.setdefault(language, {})[key] = (page.url, review_items(html, page_levels, page.url))
        try:
            return add_question_controls(html, key, page_levels, language, site_root(page))
        except MissingLevel as error:
            raise PluginError(str(error)) from error
    if key == REVIEW_PAGE:
        bar = toolbar_html(language, key, site_root(page), topic=False)
        head, separator, rest = html.partition("</h1>")
        return f"{head}{separator}{bar}{rest}" if separator else bar + html
    if key == HOME_PAGE:
        root = site_root(page)
        pdfs = {}
        if os.environ.get("WITH_PDF"):  # `make pdf` builds the site with the PDFs beside it
            pdfs = {other: f"{root}pdf/{PDF_NAME.format(language=other)}" for other in sorted({"zh", "en"}, key=language.__ne__)}
        return add_home_practice(html, progress_panel(language, root, "review/", pdfs))
    return html


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page_key(page.file.src_uri) != REVIEW_PAGE or page.content is None:
        return context
    language = page_language(page)
    content = page.content
    for page_path, (url, items) in collected.get(language, {}).items():
        content = content.replace(review_marker(page_path), review_list(items, page_path, language, page.url, url))
    page.content = content
    return context
