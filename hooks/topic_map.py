"""Generate the home page's topic map from the nav, so the two never drift apart.

`<!-- topic-map -->` in index.md / index.en.md becomes one table per area of the nav: each
topic page with its title, number of questions and description from its front matter.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from content_rules import read_source
from site_pages import is_topic_page, page_language

MARKER = "<!-- topic-map -->"
COLUMNS = {"zh": ("页面", "题数", "内容"), "en": ("Page", "Questions", "What it covers")}

sections: list[Section] = []


def page_summary(source: Path) -> tuple[str, str, int]:
    """Title, description and number of questions of a page source."""
    page = read_source(source)
    return page.meta["title"], page.meta["description"], len(page.questions)


def section_table(section: Section, language: str) -> str:
    page, count, about = COLUMNS[language]
    rows = [f"### {section.title}", "", f"| {page} | {count} | {about} |", "| --- | --: | --- |"]
    for child in section.children:
        if isinstance(child, Page):
            title, description, questions = page_summary(Path(child.file.abs_src_path))
            rows.append(f"| [{title}]({child.file.src_uri}) | {questions} | {description} |")
    return "\n".join(rows) + "\n"


def topic_map(language: str) -> str:
    return "\n".join(section_table(section, language) for section in sections)


def has_topic_pages(section: Section) -> bool:
    return any(isinstance(child, Page) and is_topic_page(child) for child in section.children)


@event_priority(-200)  # after mkdocs-static-i18n has translated the section titles
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    sections[:] = [item for item in nav.items if isinstance(item, Section) and has_topic_pages(item)]
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, topic_map(page_language(page)))
