"""Shared fixtures: one real strict build per session, served as GitHub Pages serves it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

from pages_server import serve

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# GitHub Pages serves a project site under /<repo>/: build and serve the same way.
SUB_PATH = "/llm-notes/"


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    log: str


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SITE_URL": f"https://example.github.io{SUB_PATH}", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return BuiltSite(site_dir, result.stderr)


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.root, SUB_PATH) as url:
        yield url


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@dataclass
class BrowserProblems:
    """Failed requests and console errors a page met; a test may expect one missing URL."""

    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    expected_missing: set[str] = field(default_factory=set)

    def expect_not_found(self, url: str) -> None:
        self.expected_missing.add(url)

    def watch(self, page: Page) -> None:
        page.on("requestfailed", self.on_request_failed)
        page.on("response", self.on_response)
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

    def on_request_failed(self, request: Request) -> None:
        # A request still in flight when the reader moves to another page is aborted by
        # the browser; that is not a failure the reader sees.
        if request.failure != "net::ERR_ABORTED":
            self.failures.append(f"{request.url}: {request.failure}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400 and response.url not in self.expected_missing:
            self.failures.append(f"{response.url}: HTTP {response.status}")

    def on_console(self, message: ConsoleMessage) -> None:
        source = message.location.get("url", "")
        expected = source.split("#")[0] in self.expected_missing and "404" in message.text
        if message.type == "error" and not expected:
            self.console_errors.append(f"{source}: {message.text}")

    def report(self) -> list[str]:
        return self.failures + self.console_errors


@pytest.fixture()
def problems() -> BrowserProblems:
    return BrowserProblems()


@pytest.fixture()
def page(browser: Browser, problems: BrowserProblems) -> Iterator[Page]:
    """A fresh page; the test fails if it met a failed request or a console error."""
    context = browser.new_context()
    page = context.new_page()
    problems.watch(page)
    yield page
    context.close()
    assert not problems.report(), "the browser met errors:\n" + "\n".join(problems.report())


@pytest.fixture()
def phone_page(browser: Browser, problems: BrowserProblems) -> Iterator[Page]:
    """The same at phone width (a 390 x 844 touch screen)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems.watch(page)
    yield page
    context.close()
    assert not problems.report(), "the browser met errors:\n" + "\n".join(problems.report())
