"""Practice: question levels, known-marks, self-test, review sheets and progress, offline.

- Levels come from docs/levels.yml; the build stops, naming the page and question, when a
  question of a topic page has no level or an entry names nothing that exists.
- Each question heading gets a level badge and a known-toggle, each topic page a toolbar
  (self-test, core only), rendered here in the page's language; practice.js wires them
  and keeps the reader's marks in localStorage, shared by both languages.
- The review sheets are generated from the rendered topic pages: one per area
  (review/<area>.md) with every question's short answer, grouped by topic, linking to the
  full answer; the index (review/index.md) gets a table of the areas with their question
  counts. MkDocs renders every page's content before templating any page, so when a sheet
  is templated the answers of this language's build are all collected.
- The home page's topic map gets per-page progress cells and a panel to export, import
  and reset progress, with links to the review index and (when built with WITH_PDF=1, as
  `make pdf` does) the PDFs.
State is per language build (mkdocs-static-i18n runs one build per language).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from content_rules import read_source
from practice_levels import LEVELS_FILE, LevelsError, level_problems, load_levels, page_key, topic_questions
from practice_render import (
    PDF_NAME,
    Area,
    AreaCount,
    MissingLevel,
    ReviewItem,
    Topic,
    add_home_practice,
    add_question_controls,
    progress_panel,
    review_area_markdown,
    review_index_markdown,
    review_items,
    review_list,
    review_marker,
    toolbar_html,
)
from site_pages import is_topic_page, page_language, site_root

REVIEW_FOLDER = "review"
REVIEW_INDEX = f"{REVIEW_FOLDER}/index"
HOME_PAGE = "index"

levels: dict[str, dict[str, str]] = {}
# Per language: the nav's areas of topic pages, the source of each area's review sheet, and
# each topic page's URL and questions as the sheets show them.
areas: dict[str, list[Area]] = {}
review_sheets: dict[str, dict[str, str]] = {}
collected: dict[str, dict[str, tuple[str, list[ReviewItem]]]] = {}


def page_title(source: Path) -> str:
    return str(read_source(source).meta.get("title", source.stem))


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


def review_area(key: str) -> str | None:
    """`review/architecture` -> `architecture`: the area an area review sheet covers."""
    folder, slash, area = key.partition("/")
    return area if folder == REVIEW_FOLDER and slash and key != REVIEW_INDEX else None


def nav_areas(nav: Navigation) -> list[Area]:
    """Each nav section of topic pages, in nav order, named after its pages' folder."""
    found = []
    for section in nav.items:
        if not isinstance(section, Section):
            continue
        topics = tuple(
            Topic(page_key(child.file.src_uri), page_title(Path(child.file.abs_src_path)), child.file.src_uri)
            for child in section.children
            if isinstance(child, Page) and is_topic_page(child)
        )
        if topics:
            found.append(Area(topics[0].key.split("/")[0], section.title, topics))
    return found


@event_priority(-200)  # after mkdocs-static-i18n has translated the section titles
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    language = config.theme.get("language") or "zh"
    areas[language] = nav_areas(nav)
    review_sheets[language] = {
        area: page.file.src_uri for page in nav.pages if (area := review_area(page_key(page.file.src_uri)))
    }
    collected[language] = {}
    return nav


def area_of_sheet(page: Page) -> Area:
    """The area a review sheet covers; a sheet named after no area of the nav stops the build."""
    wanted = review_area(page_key(page.file.src_uri))
    found = [area for area in areas.get(page_language(page), []) if area.id == wanted]
    if not found:
        known = ", ".join(area.id for area in areas.get(page_language(page), []))
        raise PluginError(f"docs/{page.file.src_uri}: no area '{wanted}' in the nav to review (areas: {known})")
    return found[0]


def area_sheets(page: Page) -> dict[str, str]:
    """Each area's review sheet (source) for the index `page`; an area without one stops the build."""
    language = page_language(page)
    sheets = review_sheets.get(language, {})
    missing = [area.id for area in areas.get(language, []) if area.id not in sheets]
    if missing:
        wanted = ", ".join(f"docs/{REVIEW_FOLDER}/{area}.md" for area in missing)
        raise PluginError(f"docs/{page.file.src_uri}: no review sheet in the nav for area(s) {', '.join(missing)} ({wanted})")
    return sheets


def area_counts(page: Page) -> list[AreaCount]:
    """The review index's rows: each area's sheet, its number of questions and of core questions."""
    sheets = area_sheets(page)
    rows = []
    for area in areas.get(page_language(page), []):
        area_levels = [level for topic in area.topics for level in levels.get(topic.key, {}).values()]
        rows.append(AreaCount(area.title, sheets[area.id], len(area_levels), area_levels.count("core")))
    return rows


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    key, source = page_key(page.file.src_uri), page.file.src_uri
    if key == REVIEW_INDEX:
        return f"{markdown.rstrip()}\n\n{review_index_markdown(area_counts(page), page_language(page), source)}\n"
    if review_area(key):
        return f"{markdown.rstrip()}\n\n{review_area_markdown(area_of_sheet(page).topics, source)}\n"
    return markdown


@event_priority(-100)  # after the glossary's term links and the math
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    key, language = page_key(page.file.src_uri), page_language(page)
    if is_topic_page(page):
        page_levels = levels.get(key, {})
        if not page_levels:  # a page still being written: no questions yet
            return html
        collected.setdefault(language, {})[key] = (page.url, review_items(html, page_levels, page.url))
        return html
    if review_area(key):
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


def _fill_review_sheet(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if not review_area(page_key(page.file.src_uri)) or page.content is None:
        return context
    language = page_language(page)
    answers = collected.get(language, {})
    content = page.content
    for topic in area_of_sheet(page).topics:
        if topic.key in answers:  # a page still being written has no questions to list
            url, items = answers[topic.key]
            content = content.replace(review_marker(topic.key), review_list(items, topic.key, language, page.url, url))
    page.content = content
    return context


# After the search plugin has read the page: it would parse the controls only to skip them.
@event_priority(-150)
def _add_question_controls(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    key = page_key(page.file.src_uri)
    if not is_topic_page(page) or not levels.get(key) or page.content is None:
        return context
    try:
        page.content = add_question_controls(page.content, key, levels[key], page_language(page), site_root(page))
    except MissingLevel as error:
        raise PluginError(str(error)) from error
    return context


on_page_context = CombinedEvent(_fill_review_sheet, _add_question_controls)
