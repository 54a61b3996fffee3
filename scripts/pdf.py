"""`make pdf`: one PDF per language, the review sheet followed by the full text of every topic page.

Builds the site strictly into site/ (with WITH_PDF=1, so the home pages link the PDFs),
serves it the way GitHub Pages does, and prints it with Debian's Chromium through
Playwright: the review sheet of each language is opened, every topic page it lists is
appended to it (ids prefixed so they stay unique, links between pages turned into links
inside the PDF, other links made absolute to the published site), and the result is
printed with the site's print stylesheet into site/pdf/llm-interview-notes.<lang>.pdf.

    .venv/bin/python scripts/pdf.py [--site-dir site] [--no-build] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

from pages_server import serve  # noqa: E402
from practice_render import PDF_NAME  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LANGUAGE_ROOTS = {"zh": "", "en": "en/"}
SUB_PATH = "/llm-notes/"
OUTLINE = os.environ.get("PDF_OUTLINE") == "1"
FOOTER = (
    '<div style="width:100%;font-size:8px;color:#777;text-align:center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)

# Runs in the review sheet: append each topic page it lists, as one printable document.
ASSEMBLE = """
async (limit) => {
  const article = document.querySelector("article");
  const canonical = (doc) => doc.querySelector("link[rel=canonical]").href;
  const pages = [...article.querySelectorAll(".review-list")]
    .map((list) => list.previousElementSibling.querySelector("a").href)
    .slice(0, limit || undefined);
  const anchors = new Map(pages.map((url, i) => [url, `p${i}`]));
  // A link to a page in this document becomes an anchor in it; any other becomes absolute.
  const relink = (root, base, published, prefix) => {
    for (const el of root.querySelectorAll("[href]")) {
      const raw = el.getAttribute("href");
      if (raw.startsWith("#") && prefix) { el.setAttribute("href", `#${prefix}${raw.slice(1)}`); continue; }
      const url = new URL(raw, base);
      const page = anchors.get(url.origin + url.pathname);
      if (page) el.setAttribute("href", url.hash ? `#${page}-${url.hash.slice(1)}` : `#${page}`);
      else if (url.origin === location.origin) el.setAttribute("href", new URL(raw, published).href);
    }
  };
  relink(article, location.href, canonical(document), "");
  const style = document.createElement("style");
  style.textContent = "section.print-page{break-before:page}";
  document.head.append(style);
  for (const [i, url] of pages.entries()) {
    const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
    const body = doc.querySelector("article");
    body.querySelectorAll(".md-content__button, .practice-bar, script").forEach((el) => el.remove());
    const prefix = `p${i}-`;
    for (const el of body.querySelectorAll("*")) {
      for (const name of ["id", "for", "aria-describedby", "aria-labelledby"]) {
        if (el.hasAttribute(name)) el.setAttribute(name, prefix + el.getAttribute(name));
      }
      for (const attr of [...el.attributes]) {
        if (attr.value.includes("url(#")) el.setAttribute(attr.name, attr.value.replaceAll("url(#", `url(#${prefix}`));
      }
    }
    relink(body, url, canonical(doc), prefix);
    const section = document.createElement("section");
    section.className = "print-page";
    section.id = `p${i}`;
    section.append(...body.childNodes);
    article.append(section);
  }
  await document.fonts.ready;
  return pages.length;
}
"""


def build(site_dir: Path) -> None:
    env = {**os.environ, "WITH_PDF": "1", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def print_language(browser: Browser, review_url: str, out: Path, limit: int = 0) -> int:
    """Print the review sheet at `review_url` and the topic pages it lists into `out`."""
    started = time.perf_counter()
    page = browser.new_page()
    try:
        page.goto(review_url, wait_until="load")
        count = page.evaluate(ASSEMBLE, limit)
        print(f"  assembled {count} pages in {time.perf_counter() - started:.0f} s", flush=True)
        page.emulate_media(media="print", color_scheme="light")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(
            path=str(out),
            format="A4",
            margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
            display_header_footer=True,
            header_template="<div></div>",
            footer_template=FOOTER,
            outline=OUTLINE,
            tagged=OUTLINE,
        )
        return count
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
            count = print_language(browser, f"{url}{root}review/", out, args.limit)
            took = time.perf_counter() - started
            print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {count} topic pages, "
                  f"{out.stat().st_size / 1e6:.1f} MB, {took:.0f} s")
        browser.close()


if __name__ == "__main__":
    main()
