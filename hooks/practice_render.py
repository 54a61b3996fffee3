"""The practice feature's HTML: question controls, the review sheets, home-page progress.

Plain functions on HTML strings, called by hooks/practice.py and by the tests. Everything
a reader sees is rendered here, in the page's language, at build time, so nothing moves
when practice.js arrives; the script only wires behaviour and restores the reader's state.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from mkdocs.utils import get_relative_url

LABELS = {
    "zh": {"core": "必会", "advanced": "进阶", "expert": "深入"},
    "en": {"core": "Core", "advanced": "Advanced", "expert": "Expert"},
}
WORDS = {
    "zh": {
        "known": "已掌握",
        "self_test": "自测模式",
        "core_only": "只看必会",
        "toolbar": "练习",
        "review": "复习单",
        "area": "领域",
        "questions": "题数",
        "all_areas": "合计",
        "answer": "完整答案",
        "export": "导出进度",
        "import": "导入进度",
        "reset": "清除进度",
        "pdf": "PDF（{language}）",
        "progress": "练习进度",
    },
    "en": {
        "known": "Known",
        "self_test": "Self-test",
        "core_only": "Core only",
        "toolbar": "Practice",
        "review": "Review sheet",
        "area": "Area",
        "questions": "Questions",
        "all_areas": "Total",
        "answer": "Full answer",
        "export": "Export progress",
        "import": "Import progress",
        "reset": "Reset progress",
        "pdf": "PDF ({language})",
        "progress": "Your progress",
    },
}
# Strings practice.js needs for the controls it creates; `{k}` and `{n}` are counts.
SCRIPT_WORDS = {
    "zh": {
        "reveal": "显示答案",
        "knew": "会了",
        "again": "再复习",
        "next": "下一道未答",
        "random": "随机必会题",
        "count": "已掌握 {k}/{n}",
        "total": "已掌握 {k} 题，共 {n} 题",
        "done": "本页的题都答过了",
        "noCore": "本页没有必会题",
        "keys": "快捷键：空格显示答案，j/k 下一题/上一题",
        "confirm": "确定清除全部练习进度吗？此操作无法撤销。",
        "imported": "已导入 {n} 道题的进度",
        "bad": "无法导入：{e}",
        "cleared": "练习进度已清除",
    },
    "en": {
        "reveal": "Show answer",
        "knew": "Knew it",
        "again": "Review again",
        "next": "Next unanswered",
        "random": "Random core question",
        "count": "Known {k}/{n}",
        "total": "{k} of {n} questions known",
        "done": "Every question on this page is answered",
        "noCore": "No core question on this page",
        "keys": "Keys: space shows the answer, j/k next/previous question",
        "confirm": "Reset all your practice progress? This cannot be undone.",
        "imported": "Imported progress for {n} questions",
        "bad": "Could not import: {e}",
        "cleared": "Progress reset",
    },
}
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
PDF_NAME = "llm-interview-notes.{language}.pdf"

H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)
H2 = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>(?P<title>.*?)</h2>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
FIRST_PARAGRAPH = re.compile(r"<p>(?P<body>.*?)</p>", re.S)
SHORT_ANSWER_LABEL = re.compile(r"^\s*<strong>\s*(?:简答|一句话答案|Short answer)\s*[:：]?\s*</strong>\s*[:：]?\s*")
GLOSSARY_LINK = re.compile(r'<a class="glossary-term"[^>]*>(?P<text>.*?)</a>', re.S)
ID_ATTRIBUTE = re.compile(r'\sid="[^"]*"')
URL_ATTRIBUTE = re.compile(r'(?P<attr>\s(?:href|src))="(?P<url>[^"]*)"')
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
TOPIC_ROW = re.compile(
    r'(?P<link><tr>\s*<td><a href="(?P<href>[^"#]+?)/?">(?:(?!</td>).)*?</a></td>\s*)<td(?P<attrs>[^>]*)>(?P<count>\d+)</td>', re.S
)
TOPIC_MAP_HEADING = re.compile(r'<h2 id="topic-map"[^>]*>.*?</h2>', re.S)
PANEL_MARKER = "<!-- practice -->"


def attribute(value: str) -> str:
    return html.escape(value, quote=True)


def toolbar_html(language: str, page: str, root: str, topic: bool) -> str:
    """The page's practice switches: self-test (topic pages) and the core-only filter."""
    words = WORDS[language]
    buttons = []
    if topic:
        buttons.append(f'<button type="button" class="practice-switch" data-practice="self-test" aria-pressed="false">{words["self_test"]}</button>')
    buttons.append(f'<button type="button" class="practice-switch" data-practice="core-only" aria-pressed="false">{words["core_only"]}</button>')
    return (
        f'<div class="practice-bar" role="toolbar" aria-label="{words["toolbar"]}"'
        f' data-practice-root="{attribute(root)}" data-page="{attribute(page)}"'
        f' data-l10n="{attribute(json.dumps(SCRIPT_WORDS[language], ensure_ascii=False, separators=(",", ":")))}">'
        + "".join(buttons)
        + '<span class="practice-status" role="status"></span></div>'
    )


def level_badge(level: str, language: str) -> str:
    return f'<span class="practice-level" data-level="{level}">{LABELS[language][level]}</span>'


def question_controls(page: str, question: str, level: str, language: str) -> str:
    """One badge and one known-toggle under a question heading."""
    return (
        f'<div class="practice-q">{level_badge(level, language)}'
        f'<button type="button" class="practice-known" data-question="{attribute(page)}#{attribute(question)}"'
        f' aria-pressed="false" aria-describedby="{attribute(question)}">{WORDS[language]["known"]}</button></div>'
    )


class MissingLevel(Exception):
    """A question heading of a page that has no level (levels.yml and the page disagree)."""


def add_question_controls(page_html: str, page: str, levels: dict[str, str], language: str, root: str) -> str:
    """The toolbar after the page title, and controls after every question heading."""

    def controls(match: re.Match[str]) -> str:
        question = match["id"]
        if question not in levels:
            raise MissingLevel(f"docs/{page}.md: question '{question}' has no level")
        return match[0] + question_controls(page, question, levels[question], language)

    with_controls = H2.sub(controls, page_html)
    bar = toolbar_html(language, page, root, topic=True)
    title = H1.search(with_controls)
    if title:
        return with_controls[: title.end()] + bar + with_controls[title.end() :]
    return bar + with_controls


@dataclass(frozen=True)
class ReviewItem:
    """One question of a topic page as the review sheet shows it."""

    id: str
    level: str
    title: str  # inline HTML, links made relative to the site root
    answer: str  # inline HTML of the short answer, links made relative to the site root


def rebase_links(fragment: str, from_url: str, to_url: str) -> str:
    """Rewrite the relative links of HTML written for page `from_url` to work from page `to_url`.

    URLs are site-relative directory URLs (`architecture/rope/`, `` for the home page).
    """

    def rebase(match: re.Match[str]) -> str:
        url = html.unescape(match["url"])
        if SCHEME.match(url):
            return match[0]
        address, _, fragment_id = url.partition("#")
        path, relative, query = rebased_address(address, from_url, to_url)
        if fragment_id and path == to_url:
            relative = ""  # same page: the fragment alone
        new = relative + query + (f"#{fragment_id}" if fragment_id else "")
        return f'{match["attr"]}="{attribute(new)}"'

    return URL_ATTRIBUTE.sub(rebase, fragment)


@lru_cache(maxsize=4096)  # the review sheets rebase the same few page addresses over and over
def rebased_address(address: str, from_url: str, to_url: str) -> tuple[str, str, str]:
    """For an address (no fragment) written on page `from_url`: the site path it names, that
    path relative to page `to_url`, and its query."""
    target = urlsplit(urljoin(f"http://site/{from_url}", address))
    path = target.path[1:]
    relative = get_relative_url(path or ".", to_url or ".")
    if (not path or path.endswith("/")) and not relative.endswith("/"):
        relative += "/"
    return path, relative, f"?{target.query}" if target.query else ""


def review_items(page_html: str, levels: dict[str, str], page_url: str) -> list[ReviewItem]:
    """Every question of a rendered topic page with its short answer (the first paragraph)."""
    items = []
    matches = list(H2.finditer(page_html))
    for index, match in enumerate(matches):
        if match["id"] not in levels:
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(page_html)
        paragraph = FIRST_PARAGRAPH.search(page_html, match.end(), end)
        answer = SHORT_ANSWER_LABEL.sub("", paragraph["body"]) if paragraph else ""
        title = HEADERLINK.sub("", match["title"]).strip()
        items.append(ReviewItem(match["id"], levels[match["id"]], clean(title, page_url), clean(answer, page_url)))
    return items


def clean(fragment: str, page_url: str) -> str:
    """Inline HTML lifted out of its page: plain text for term links, no ids, root-relative links."""
    fragment = ID_ATTRIBUTE.sub("", GLOSSARY_LINK.sub(r"\g<text>", fragment))
    return rebase_links(fragment, page_url, "")


def review_marker(page: str) -> str:
    return f"<!-- practice-review:{page} -->"


@dataclass(frozen=True)
class Topic:
    """A topic page as a review sheet lists it."""

    key: str  # `architecture/positional-encoding`, the same in both languages
    title: str
    source: str  # its source in this language's build: `architecture/positional-encoding.en.md`


@dataclass(frozen=True)
class Area:
    """A nav section of topic pages: the questions of one area's review sheet."""

    id: str  # the topic pages' folder, `architecture`
    title: str
    topics: tuple[Topic, ...]


@dataclass(frozen=True)
class AreaCount:
    """One row of the review index: an area's sheet and how many questions it lists."""

    title: str
    sheet: str  # the source of the area's review sheet in this language's build
    questions: int
    core: int


def link_from(source: str, target: str) -> str:
    """A Markdown link target from the page written in `source` to the one in `target`."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def review_area_markdown(topics: tuple[Topic, ...], sheet: str) -> str:
    """An area sheet's skeleton: one `##` per topic (so the TOC lists them) with a marker for its list.

    `sheet` is the sheet's own source, from which the topic links are written.
    """
    lines = []
    for topic in topics:
        slug = topic.key.rpartition("/")[2]
        lines += [f"## [{topic.title}]({link_from(sheet, topic.source)}) {{#{slug}}}", "", review_marker(topic.key), ""]
    return "\n".join(lines)


def review_index_markdown(rows: list[AreaCount], language: str, index: str) -> str:
    """The review index's table: each area's sheet with its question and core counts, then the total."""
    words = WORDS[language]
    lines = [f"| {words['area']} | {words['questions']} | {LABELS[language]['core']} |", "| --- | ---: | ---: |"]
    lines += [f"| [{row.title}]({link_from(index, row.sheet)}) | {row.questions} | {row.core} |" for row in rows]
    lines.append(f"| {words['all_areas']} | {sum(row.questions for row in rows)} | {sum(row.core for row in rows)} |")
    return "\n".join(lines)


def review_list(items: list[ReviewItem], page: str, language: str, review_url: str, page_url: str) -> str:
    """The questions of one topic, each with its level, a link to its full answer and its short answer."""
    rows = []
    for item in items:
        href = rebase_links(f' href="{page_url}#{item.id}"', "", review_url)
        rows.append(
            f'<li class="review-q" data-level="{item.level}">'
            f'<p class="review-title">{level_badge(item.level, language)} '
            f"<a{href}>{rebase_links(item.title, '', review_url)}</a></p>"
            f"<p>{rebase_links(item.answer, '', review_url)}</p></li>"
        )
    return f'<ol class="review-list" data-page="{attribute(page)}">{"".join(rows)}</ol>'


def progress_cells(home_html: str) -> str:
    """Mark each topic map row's question count as that page's progress (`data-progress`)."""

    def cell(match: re.Match[str]) -> str:
        page = match["href"]
        return (
            f'{match["link"]}<td{match["attrs"]}><span class="practice-progress" data-progress="{attribute(page)}"'
            f' data-total="{match["count"]}">{match["count"]}</span></td>'
        )

    return TOPIC_ROW.sub(cell, home_html)


def progress_panel(language: str, root: str, review_href: str, pdf_hrefs: dict[str, str]) -> str:
    """The home page's practice panel: overall progress, review sheet, PDFs, export/import/reset."""
    words = WORDS[language]
    links = [f'<a href="{attribute(review_href)}">{words["review"]}</a>']
    links += [
        f'<a href="{attribute(href)}" download>{words["pdf"].format(language=LANGUAGE_NAMES[other])}</a>'
        for other, href in pdf_hrefs.items()
    ]
    return (
        f'<div class="practice-panel" data-search-exclude="true" data-practice-root="{attribute(root)}"'
        f' data-l10n="{attribute(json.dumps(SCRIPT_WORDS[language], ensure_ascii=False, separators=(",", ":")))}">'
        f'<p><strong>{words["progress"]}</strong> <span class="practice-total" role="status"></span></p>'
        f'<p class="practice-links">{" · ".join(links)}</p>'
        '<p class="practice-actions">'
        f'<button type="button" class="md-button" data-practice="export">{words["export"]}</button>'
        f'<button type="button" class="md-button" data-practice="import">{words["import"]}</button>'
        f'<button type="button" class="md-button" data-practice="reset">{words["reset"]}</button>'
        '<input type="file" accept=".json,application/json" hidden data-practice="file"></p></div>'
    )


def add_home_practice(home_html: str, panel: str) -> str:
    """Progress cells in the topic map, and the panel where `<!-- practice -->` stands (else
    after the topic map's heading, else at the end)."""
    with_progress = progress_cells(home_html)
    if PANEL_MARKER in with_progress:
        return with_progress.replace(PANEL_MARKER, panel, 1)
    heading = TOPIC_MAP_HEADING.search(with_progress)
    if heading:
        return with_progress[: heading.end()] + panel + with_progress[heading.end() :]
    return with_progress + panel

