"""`make pdf`: one PDF per language, the review sheets followed by the full text of every topic page.

Builds the site strictly into site/ (with WITH_PDF=1, so the home pages link the PDFs),
serves it the way GitHub Pages does, and prints it with Debian's Chromium through
Playwright, with the site's print stylesheet: each area's review sheet of a language, in
area order, then every topic page they list, each printed on its own and merged with pypdf
into site/pdf/llm-interview-notes.<lang>.pdf, one bookmark per page. Links point to the
published site. (Printed as one document, the 1,400 pages took Chromium over 13 minutes
for Chinese; page by page they take about a second each.)

    .venv/bin/python scripts/pdf.py [--site-dir site] [--no-build] [--limit N] [--language zh]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from pypdf import PdfWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

from pages_server import serve  # noqa: E402
from practice_render import PDF_NAME  # noqa: E402
from site_pages import AREAS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LANGUAGE_ROOTS = {"zh": "", "en": "en/"}
SUB_PATH = "/llm-notes/"
FOOTER = (
    '<div style="width:100%;font-size:8px;color:#777;padding:0 14mm;display:flex;justify-content:space-between">'
    '<span class="title"></span><span class="pageNumber"></span></div>'
)
# Runs in each printed page: no practice controls, and links made absolute to the published
# site (the canonical link says where this page is published).
PREPARE = """
() => {
  const listed = [...document.querySelectorAll(".review-list")].map((list) => list.previousElementSibling.querySelector("a").href);
  document.querySelectorAll(".practice-bar, .md-content__button").forEach((el) => el.remove());
  const published = document.querySelector("link[rel=canonical]").href;
  for (const el of document.querySelectorAll("article [href]:not([href^='#'])")) {
    el.setAttribute("href", new URL(el.getAttribute("href"), published).href);
  }
  return listed;
}
"""


def build(site_dir: Path) -> None:
    env = {**os.environ, "WITH_PDF": "1", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def print_page(page: Page, url: str) -> tuple[str, bytes, list[str]]:
    """The page at `url` printed: its title, the PDF, and the topic pages it lists (review sheet)."""
    response = page.goto(url, wait_until="load")
    if response is None or not response.ok:
        raise RuntimeError(f"{url}: HTTP {response.status if response else 'no response'}")
    listed = page.evaluate(PREPARE)
    page.emulate_media(media="print", color_scheme="light")
    pdf = page.pdf(
        format="A4",
        margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
        display_header_footer=True,
        header_template="<div></div>",
        footer_template=FOOTER,
    )
    return page.locator("article h1").first.inner_text(), pdf, listed


def print_language(browser: Browser, language_url: str, out: Path, limit: int = 0) -> int:
    """Print the review sheet of every area under `language_url` (a language's home), then
    the topic pages they list, into `out`; returns how many topic pages went in."""
    page = browser.new_page()
    writer = PdfWriter()
    try:
        listed: list[str] = []
        for area in AREAS:
            title, pdf, on_sheet = print_page(page, f"{language_url}review/{area}/")
            writer.append(BytesIO(pdf), outline_item=title)
            listed += on_sheet
        topics = listed[:limit] if limit else listed
        for url in topics:
            title, pdf, _ = print_page(page, url)
            writer.append(BytesIO(pdf), outline_item=title)
        # Chromium draws CJK text with Type3 fonts, and each printed page brings its own copy
        # of every glyph it uses; stored once, the Chinese PDF is about 40% smaller. Twice: the
        # first pass merges the glyphs, which makes the forms that draw them identical too.
        for _ in range(2):
            writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as stream:
            writer.write(stream)
        return len(topics)
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--no-build", action="store_true", help="print an already built site")
    parser.add_argument("--limit", type=int, default=0, help="only the first N topic pages (for a quick look)")
    parser.add_argument("--language", choices=sorted(LANGUAGE_ROOTS), action="append", help="only this language (repeatable)")
    args = parser.parse_args()
    site_dir = args.site_dir.resolve()
    if not args.no_build:
        build(site_dir)
    with serve(site_dir, SUB_PATH) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for language in args.language or LANGUAGE_ROOTS:
            root = LANGUAGE_ROOTS[language]
            started = time.perf_counter()
            out = site_dir / "pdf" / PDF_NAME.format(language=language)
            count = print_language(browser, f"{url}{root}", out, args.limit)
            took = time.perf_counter() - started
            print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {count} topic pages, "
                  f"{out.stat().st_size / 1e6:.1f} MB, {took:.0f} s")
        browser.close()


if __name__ == "__main__":
    main()
