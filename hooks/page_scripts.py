"""Each page loads only the scripts it has a use for (deferred, so none blocks rendering).

Material's extra_javascript would put every script on every page; here a script joins a
page only when the built page holds the markup it wires.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from site_pages import site_root

SCRIPTS = {
    "assets/javascripts/practice.js": "data-practice-root=",  # practice controls
    "assets/javascripts/tooltips.js": 'class="glossary-term"',  # term definitions
}


def scripts_for(output: str) -> list[str]:
    return [script for script, marker in SCRIPTS.items() if marker in output]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    tags = "".join(f'<script src="{site_root(page)}{script}" defer></script>' for script in scripts_for(output))
    head, separator, tail = output.rpartition("</body>")
    return f"{head}{tags}{separator}{tail}" if tags and separator else output
