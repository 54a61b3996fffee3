"""Print the figures behind the speed goals: build time with and without the glossary
hook, search index size per language, and how long a reader waits for a first result.

    .venv/bin/python scripts/benchmark.py [--runs N]

Figures only: nothing here asserts a time, so the numbers can be compared across changes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_HOOK = "  - hooks/glossary.py\n"


def build_seconds(config: Path, site_dir: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)},
    )
    return time.perf_counter() - start


def config_without_glossary(workdir: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert GLOSSARY_HOOK in text, "mkdocs.yml no longer lists hooks/glossary.py"
    config = ROOT / f".benchmark-{workdir.name}.yml"
    config.write_text(text.replace(GLOSSARY_HOOK, "").replace("strict: true", "strict: false"), encoding="utf-8")
    return config


def report_build(runs: int, workdir: Path) -> Path:
    site = workdir / "site"
    plain = config_without_glossary(workdir)
    try:
        with_hook = [build_seconds(ROOT / "mkdocs.yml", site) for _ in range(runs)]
        without_hook = [build_seconds(plain, workdir / "plain") for _ in range(runs)]
    finally:
        plain.unlink()
    print(f"build, median of {runs}: {statistics.median(with_hook):.2f} s with the glossary hook, "
          f"{statistics.median(without_hook):.2f} s without")
    return site


def report_index(site: Path) -> None:
    for language in ("zh", "en"):
        raw = (site / "search" / f"search_index.{language}.json").read_bytes()
        entries = len(json.loads(raw)["docs"])
        print(f"search index {language}: {entries} entries, {len(raw) / 1024:.0f} KiB raw, "
              f"{len(gzip.compress(raw)) / 1024:.0f} KiB gzip")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def report_first_query(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        for language, query in (("zh", "长度外推"), ("en", "extrapolation")):
            page = browser.new_page()
            page.goto(url + ("en/" if language == "en" else ""))
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(query)
            start = time.perf_counter()
            box.dispatch_event("keyup")
            page.wait_for_selector(".md-search-result__item")
            print(f"first query ({language}, '{query}'), index download and set-up included: "
                  f"{(time.perf_counter() - start) * 1000:.0f} ms")
            page.close()
        browser.close()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per variant (default 3)")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        site = report_build(runs, Path(tmp))
        report_index(site)
        report_first_query(site)


if __name__ == "__main__":
    main()
