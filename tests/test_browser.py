"""A reader's view in Debian's Chromium: pages render, math renders, the language switch
keeps the page, and nothing is requested from another origin."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from conftest import BuiltSite

pytestmark = pytest.mark.browser

MODEL_PAGE = "architecture/positional-encoding/"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_broken(status: int, url: str) -> bool:
    # Material probes sitemap.xml beside each hreflang alternate to map pages across
    # languages; mkdocs-static-i18n writes one sitemap at the root, and the switcher
    # links already point at the translated page, so those probes may 404 harmlessly.
    return status >= 400 and not url.endswith("/sitemap.xml")


@pytest.mark.parametrize("path", ["", "en/"])
def test_home_page_loads(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert page.locator("article h1").first.inner_text()
    assert page.locator("article a[href*='positional-encoding']").count() > 0


@pytest.mark.parametrize("path", [MODEL_PAGE, "en/" + MODEL_PAGE])
def test_model_page_renders_math(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    page.wait_for_selector("article .katex")
    assert page.locator("article .katex-display").count() > 0
    assert page.locator("article .katex-error").count() == 0
    assert "$" not in page.locator("article .arithmatex").first.inner_text()


@pytest.mark.parametrize(("start", "language", "expected"), [(MODEL_PAGE, "English", "en/" + MODEL_PAGE), ("en/" + MODEL_PAGE, "简体中文", MODEL_PAGE)])
def test_language_switch_stays_on_the_same_page(page: Page, site_url: str, start: str, language: str, expected: str) -> None:
    page.goto(site_url + start)
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name=language).click()
    page.wait_for_load_state()
    assert page.url == site_url + expected


@pytest.mark.parametrize("path", ["", "en/", MODEL_PAGE, "en/" + MODEL_PAGE])
def test_page_load_stays_on_the_site_origin(page: Page, site_url: str, path: str) -> None:
    requests: list[str] = []
    failures: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: is_broken(response.status, response.url) and failures.append(response.url))
    page.goto(site_url + path, wait_until="networkidle")
    assert requests, "the page made no request at all"
    assert [url for url in requests if origin(url) != origin(site_url)] == []
    assert failures == []


def test_every_page_renders_its_math(page: Page, site_url: str, built_site: BuiltSite) -> None:
    unrendered = []
    for html in sorted(built_site.root.rglob("index.html")):
        path = html.parent.relative_to(built_site.root).as_posix()
        page.goto(site_url + ("" if path == "." else f"{path}/"))
        page.wait_for_load_state()
        errors = page.locator("article .katex-error").count()
        raw = page.evaluate("() => [...document.querySelectorAll('article .arithmatex')].filter(e => !e.querySelector('.katex')).length")
        if errors or raw:
            unrendered.append(f"{path}: {errors} KaTeX errors, {raw} formulas not rendered")
    assert not unrendered, "\n".join(unrendered)
