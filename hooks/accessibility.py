"""What Python-Markdown and Material leave out for screen readers, added at build time.

- A table whose top-left header cell is empty is a matrix: its first column names the
  rows. Markdown cannot say so, so those cells become `<th scope="row">` and the empty
  corner a plain cell; otherwise a screen reader announces the values without their row.
- Material's search overlay is a dialog without a name; it gets the search box's label.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

TABLE = re.compile(r"<table>.*?</table>", re.S)
EMPTY_CORNER = re.compile(r"(<thead>\s*<tr>\s*)<th([^>]*)></th>")
FIRST_CELL = re.compile(r"(<tr>\s*)<td([^>]*)>(.*?)</td>", re.S)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input"[^>]*aria-label="([^"]+)"')


def matrix_row_headers(table: str) -> str:
    """Row headers for a table with an empty corner cell; any other table as it is."""
    if not EMPTY_CORNER.search(table):
        return table
    head, separator, body = EMPTY_CORNER.sub(r"\1<td\2></td>", table, count=1).partition("<tbody>")
    return head + separator + FIRST_CELL.sub(r'\1<th scope="row"\2>\3</th>', body)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: object) -> str:
    return TABLE.sub(lambda match: matrix_row_headers(match[0]), html)


def named_search_dialog(output: str) -> str:
    label = SEARCH_LABEL.search(output)
    if not label or SEARCH_DIALOG not in output:
        return output
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG.replace(">", f' aria-label="{label[1]}">'), 1)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return named_search_dialog(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 pages, which are templates rather than pages."""
    return named_search_dialog(output)
