"""A reader's view in Debian's Chromium, of the site served as GitHub Pages serves it:
pages render with their math, the language switch keeps the question, misses get a 404
page in their language, and no page fails a request, logs a console error or asks
another origin for anything. Every test fails on a failed request or a console error
(the `page` fixture in conftest.py)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from conftest import BrowserProblems, BuiltSite

pytestmark = pytest.mark.browser

MODEL_PAGE = "architecture/positional-encoding/"
RAW_TEX = re.compile(r"\\(?:frac|sqrt|mathrm|text|left|right|begin|sum|alpha|theta)\b|\\[()[\]]|\$\$")


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def visible_raw_tex(page: Page) -> list[str]:
    """TeX commands shown as text in the article's prose (code blocks may quote TeX)."""
    text = page.evaluate(
        """() => {
            const article = document.querySelector("article").cloneNode(true);
            article.querySelectorAll("pre, code").forEach((element) => element.remove());
            return article.textContent;
        }"""
    )
    return [match.group(0) for match in RAW_TEX.finditer(text)]


@pytest.mark.parametrize("path", ["", "en/"])
def test_home_page_loads(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert page.locator("article h1").first.inner_text()
    assert page.locator("article a[href*='positional-encoding']").count() > 0


@pytest.mark.parametrize("path", [MODEL_PAGE, "en/" + MODEL_PAGE])
def test_model_page_shows_math_rendered_at_build_time(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert page.locator("article math[display=block]").count() > 5
    assert page.locator("article math merror").count() == 0
    assert visible_raw_tex(page) == []
    formula = page.locator("article math[display=block]").first.bounding_box()
    assert formula and formula["height"] > 10, "a display formula should take up room on the page"


@pytest.mark.parametrize(
    ("start", "language", "expected"),
    [
        ("training/lora/?h=qlora#qlora-idea", "English", "en/training/lora/#qlora-idea"),
        ("en/training/lora/?h=qlora#qlora-idea", "简体中文", "training/lora/#qlora-idea"),
        (MODEL_PAGE, "English", "en/" + MODEL_PAGE),
    ],
)
def test_language_switch_keeps_the_page_and_the_question(page: Page, site_url: str, start: str, language: str, expected: str) -> None:
    page.goto(site_url + start)
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name=language).click()
    page.wait_for_url(site_url + expected)
    if "#" in expected:
        anchor = expected.split("#")[1]
        expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()


def tap(page: Page, locator: Locator) -> None:
    """A finger on the element where it is (Locator.tap would scroll the page first)."""
    box = locator.bounding_box()
    assert box, f"{locator} is not on the screen"
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_language_switch_works_on_a_phone(phone_page: Page, site_url: str) -> None:
    phone_page.goto(site_url + "training/lora/#lora-idea")
    tap(phone_page, phone_page.locator(".md-header__option .md-select button"))
    tap(phone_page, phone_page.get_by_role("link", name="English"))
    phone_page.wait_for_url(site_url + "en/training/lora/#lora-idea")


@pytest.mark.parametrize("path", ["", "en/", MODEL_PAGE, "en/" + MODEL_PAGE])
def test_page_load_stays_on_the_site_origin(page: Page, site_url: str, path: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + path, wait_until="networkidle")
    assert requests, "the page made no request at all"
    assert [url for url in requests if origin(url) != origin(site_url)] == []


@pytest.mark.parametrize(
    ("missing", "lang", "heading", "home"),
    [("no/such/page/", "zh", "页面不存在", ""), ("en/no/such/page/?q=lora#top", "en", "Page not found", "en/")],
)
def test_a_missing_url_gets_a_404_page_in_its_language(
    page: Page, problems: BrowserProblems, site_url: str, missing: str, lang: str, heading: str, home: str
) -> None:
    problems.expect_not_found(site_url + missing.split("#")[0])
    response = page.goto(site_url + missing)
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("article h1")).to_contain_text(heading)
    assert page.url == site_url + missing, "the reader can still read and correct the address"
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("LoRA")
    page.locator(".md-search__input").dispatch_event("keyup")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    result = page.locator(".md-search-result__link").first.get_attribute("href") or ""
    assert ("/en/" in result) == (lang == "en"), result
    page.keyboard.press("Escape")
    page.locator("article a", has_text="首页" if lang == "zh" else "home page").click()
    page.wait_for_url(site_url + home)


def test_every_page_loads_cleanly_and_shows_no_raw_tex(page: Page, site_url: str, built_site: BuiltSite) -> None:
    """A crawl of every built page of both languages; the fixture fails on any failed
    request or console error, and no formula may show as raw TeX."""
    visited, raw = 0, []
    for html in sorted(built_site.root.rglob("index.html")):
        path = html.parent.relative_to(built_site.root).as_posix()
        page.goto(site_url + ("" if path == "." else f"{path}/"), wait_until="networkidle")
        visited += 1
        if page.locator("article").count() and (found := visible_raw_tex(page)):
            raw.append(f"{path}: {found[:3]}")
    assert visited >= 90, f"only {visited} pages crawled"
    assert not raw, "\n".join(raw)


def test_code_blocks_get_their_copy_button_as_they_scroll_into_view(page: Page, site_url: str) -> None:
    """content.lazy: a code block below the fold has no copy button until the reader gets to it."""
    page.goto(site_url + "en/inference/acceleration/")
    blocks = page.locator("article pre:has(> code)")
    assert blocks.count() >= 5
    last = blocks.last
    expect(last.locator(".md-code__nav button[data-md-type=copy]")).to_have_count(0)
    last.scroll_into_view_if_needed()
    expect(last.locator(".md-code__nav button[data-md-type=copy]")).to_have_count(1)
