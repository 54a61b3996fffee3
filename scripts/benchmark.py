"""Print the figures behind the speed goals: build time with and without the hooks, search
index size per language, how long a reader waits for a first result, and Lighthouse
(mobile) for one page of each type, served the way GitHub Pages serves it.

    .venv/bin/python scripts/benchmark.py [--runs N] [--skip-lighthouse]

Figures only: nothing here asserts a time, so the numbers can be compared across changes.
The budgets (README, "Speed budgets") are what these figures are read against.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pages_server import serve  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Page

SUB_PATH = "/llm-notes/"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# One page of each type; the topic pages are the heaviest of their language.
PAGES = {
    "topic, zh (most math)": "architecture/positional-encoding/",
    "topic, en": "en/inference/acceleration/",
    "home, zh": "",
    "home, en": "en/",
    "glossary index, zh": "glossary/",
    "glossary area, zh": "glossary/architecture/",
    "review index, en": "en/review/",
    "review area, en": "en/review/architecture/",
    "404, zh": "404.html",
}
HOOKS_BLOCK = re.compile(r"^hooks:\n(?:  - .*\n)+", re.M)
GLOSSARY_HOOK = "  - hooks/glossary.py\n"


def build_seconds(config: Path, site_dir: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": os.environ["PATH"], "SITE_URL": f"https://example.github.io{SUB_PATH}"},
    )
    return time.perf_counter() - start


def variant_config(name: str, text: str) -> Path:
    config = ROOT / f".benchmark-{name}.yml"  # beside mkdocs.yml: paths in it are relative
    config.write_text(text, encoding="utf-8")
    return config


def report_build(runs: int, workdir: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert HOOKS_BLOCK.search(text) and GLOSSARY_HOOK in text, "mkdocs.yml no longer lists its hooks as expected"
    variants = {
        "with every hook": ROOT / "mkdocs.yml",
        "without the glossary hook": variant_config("no-glossary", text.replace(GLOSSARY_HOOK, "")),
        "without any hook": variant_config("no-hooks", HOOKS_BLOCK.sub("", text)),
    }
    try:
        sites = {name: workdir / f"site-{number}" for number, name in enumerate(variants)}
        for name, config in variants.items():  # fills the caches (math, term links, each variant's search postings)
            build_seconds(config, sites[name])
        times: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(runs):  # round robin: the machine's speed drifts over minutes
            for name, config in variants.items():
                times[name].append(build_seconds(config, sites[name]))
    finally:
        for config in variants.values():
            if config.name.startswith(".benchmark-"):
                config.unlink()
    # The fastest run is the one other work on the machine disturbed least (as `timeit` reads
    # its repeats); the overhead is read from it, the median shown beside it.
    fastest = {name: min(values) for name, values in times.items()}
    bare = fastest["without any hook"]
    for name, seconds in fastest.items():
        median = statistics.median(times[name])
        print(f"build {name}, fastest of {runs}: {seconds:.1f} s ({(seconds - bare) / bare:+.0%} against no hooks; median {median:.1f} s)")
    return sites["with every hook"]


def report_index(site: Path) -> None:
    for language in ("zh", "en"):
        raw = (site / "search" / f"search_index.{language}.json").read_bytes()
        postings = (site / "search" / f"search_postings.{language}.json").read_bytes()
        entries = len(json.loads(raw)["docs"])
        print(f"search index {language}: {entries} entries, {len(raw) / 1024:.0f} KiB raw, "
              f"{len(gzip.compress(raw)) / 1024:.0f} KiB gzip; its prebuilt postings "
              f"{len(postings) / 1024:.0f} KiB raw, {len(gzip.compress(postings)) / 1024:.0f} KiB gzip")


# Runs in each page before its own scripts: timestamps (page clock, ms) of the reader's
# press on the search box, the worker's READY, the first query sent, its first results and
# their appearance on the page. The worker's messages are watched, not changed.
SEARCH_PROBE = """(() => {
  const marks = (window.__searchMarks = {});
  const mark = (name) => { marks[name] ??= performance.now(); };
  addEventListener("pointerdown", () => mark("reach"), true);
  const send = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2 && message.data) mark("query");
    return send.call(this, message);
  };
  const NativeWorker = window.Worker;
  window.Worker = function (url, options) {
    const worker = new NativeWorker(url, options);
    worker.addEventListener("message", ({ data }) => {
      if (data.type === 1) mark("ready");
      if (data.type === 3 && data.data.items.length) mark("result");
    });
    return worker;
  };
  window.Worker.prototype = NativeWorker.prototype;
  new MutationObserver(() => document.querySelector(".md-search-result__item") && mark("shown"))
    .observe(document, { childList: true, subtree: true });
})();"""
# The index and postings requests as the worker timed them (first start, last end), on
# the worker's clock.
INDEX_TIMING = """() => {
  const entries = performance.getEntriesByType("resource").filter((e) => /[/]search[/]search_(index|postings)[.]/.test(e.name));
  return {
    origin: performance.timeOrigin,
    start: Math.min(...entries.map((e) => e.startTime)),
    end: Math.max(...entries.map((e) => e.responseEnd)),
  };
}"""
FIRST_QUERY_STEPS = {
    "request": ("reach", "request"),  # the worker starts the download
    "download": ("request", "downloaded"),  # localhost: the server's gzip, no network
    "index": ("downloaded", "ready"),  # JSON parse and the Lunr index assembled
    "query": ("query_or_ready", "result"),
    "render": ("result", "shown"),
}


def first_query_marks(page: Page, query: str) -> dict[str, float]:
    box = page.locator("input.md-search__input")
    box.click()  # the worker starts fetching the index on this press
    box.fill(query)
    box.dispatch_event("keyup")  # Material reads the box on key-up (or when its index is ready)
    page.wait_for_selector(".md-search-result__item")
    marks = page.evaluate("window.__searchMarks")
    worker = next(worker for worker in page.workers if "search-shim.js" in worker.url)
    index = worker.evaluate(INDEX_TIMING)
    offset = index["origin"] - page.evaluate("performance.timeOrigin")
    return {
        **marks,
        "request": index["start"] + offset,
        "downloaded": index["end"] + offset,
        "query_or_ready": max(marks["query"], marks["ready"]),
    }


def median_step(samples: list[dict[str, float]], start: str, end: str) -> float:
    return statistics.median(sample[end] - sample[start] for sample in samples)


def report_first_query(url: str, runs: int) -> None:
    """Time from the reader's press on the search box to the first results on screen, with
    where the time went (median of `runs` fresh pages per language)."""
    from playwright.sync_api import sync_playwright

    flags = CHROME_FLAGS.replace("--headless=new ", "").split()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        for language, query in (("zh", "长度外推"), ("en", "extrapolation")):
            samples = []
            for _ in range(runs):
                context = browser.new_context()
                context.add_init_script(SEARCH_PROBE)
                page = context.new_page()
                page.goto(url + ("en/" if language == "en" else ""), wait_until="networkidle")
                samples.append(first_query_marks(page, query))
                context.close()
            steps = ", ".join(f"{name} {median_step(samples, *marks):.0f}" for name, marks in FIRST_QUERY_STEPS.items())
            print(f"first query ({language}, '{query}'), from pressing the search box to results shown, "
                  f"median of {runs}: {median_step(samples, 'reach', 'shown'):.0f} ms ({steps})")
        browser.close()


@dataclass(frozen=True)
class Audit:
    scores: dict[str, int]
    tbt_ms: float
    lcp_ms: float
    dom_elements: int
    transfer_kib: float
    benchmark_index: float  # Lighthouse's measure of this machine's CPU during the run


def lighthouse(url: str, out: Path) -> Audit:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}",
         f"--only-categories={','.join(CATEGORIES)}"],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return Audit(
        scores={name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        dom_elements=int(audits["dom-size"]["numericValue"]),
        transfer_kib=audits["total-byte-weight"]["numericValue"] / 1024,
        benchmark_index=report["environment"]["benchmarkIndex"],
    )


def report_lighthouse(url: str, runs: int, workdir: Path) -> None:
    print(f"\nLighthouse (mobile, simulated slow 4G and 4x CPU), median of {runs} by performance score.")
    print("CPU: Lighthouse's benchmark index of this machine during that run (higher is faster).")
    print("The 4x slowdown is applied to this machine's own speed, so scores fall when it is busy.")
    print(f"{'page':24} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'TBT ms':>7} {'LCP ms':>7} {'DOM':>6} {'KiB':>5} {'CPU':>5}")
    for label, path in PAGES.items():
        audits = sorted((lighthouse(url + path, workdir / "lighthouse.json") for _ in range(runs)), key=lambda a: a.scores["performance"])
        median = audits[len(audits) // 2]
        scores = " ".join(f"{median.scores[name]:>4}" for name in CATEGORIES)
        print(
            f"{label:24} {scores} {median.tbt_ms:>7.0f} {median.lcp_ms:>7.0f} {median.dom_elements:>6}"
            f" {median.transfer_kib:>5.0f} {median.benchmark_index:>5.0f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per variant and Lighthouse runs per page (default 3)")
    parser.add_argument("--skip-lighthouse", action="store_true", help="build and search figures only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        site = report_build(args.runs, workdir)
        report_index(site)
        with serve(site, SUB_PATH) as url:
            report_first_query(url, args.runs)
            if not args.skip_lighthouse:
                report_lighthouse(url, args.runs, workdir)


if __name__ == "__main__":
    main()
