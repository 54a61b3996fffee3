"""Assertions on the output of one real strict build, as served under a sub-path."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import DOCS, ROOT, SUB_PATH, BuiltSite
from glossary_data import load_glossary
from site_pages import AREAS

SITE_ORIGIN = "https://example.github.io"
ZH_PAGES = sorted(p.relative_to(DOCS) for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md"))


def page_dir(source: Path) -> str:
    """URL path of a page, relative to the language root: `a/b.md` -> `a/b/`, `index.md` -> ``."""
    stem = source.with_suffix("")
    folder = stem.parent if stem.name == "index" else stem
    return "" if folder == Path(".") else f"{folder.as_posix()}/"


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def ids_in(path: Path) -> frozenset[str]:
    return frozenset(element["id"] for element in soup(path).find_all(id=True))


def html_files(site: BuiltSite) -> list[Path]:
    return sorted(site.root.rglob("*.html"))


def url_of(site: BuiltSite, html: Path) -> str:
    return f"{SITE_ORIGIN}{SUB_PATH}{html.relative_to(site.root).as_posix()}"


def file_for(site: BuiltSite, path: str) -> Path | None:
    """The file GitHub Pages would answer with for a URL path under SUB_PATH."""
    if not path.startswith(SUB_PATH):
        return None
    target = site.root / path[len(SUB_PATH) :]
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def test_both_languages_are_built_with_their_lang(built_site: BuiltSite) -> None:
    for source in ZH_PAGES:
        zh = built_site.root / page_dir(source) / "index.html"
        en = built_site.root / "en" / page_dir(source) / "index.html"
        assert soup(zh).html["lang"] == "zh", zh
        assert soup(en).html["lang"] == "en", en


def test_question_ids_match_across_languages(built_site: BuiltSite) -> None:
    for source in ZH_PAGES:
        ids = [
            [h2.get("id") for h2 in soup(root / page_dir(source) / "index.html").select("article h2")]
            for root in (built_site.root, built_site.root / "en")
        ]
        if source.parts[0] == "glossary":  # each language sorts the terms by its own names
            ids = [sorted(found) for found in ids]
        assert ids[0] == ids[1], source


def test_every_internal_link_and_anchor_resolves_under_a_sub_path(built_site: BuiltSite) -> None:
    broken = []
    for html in html_files(built_site):
        base = url_of(built_site, html)
        for tag in soup(html).select("a[href], link[href], script[src], img[src]"):
            url = urlsplit(urljoin(base, tag.get("href") or tag.get("src")))
            if url.scheme not in ("http", "https") or f"{url.scheme}://{url.netloc}" != SITE_ORIGIN:
                continue
            target = file_for(built_site, url.path)
            if target is None:
                broken.append(f"{html.relative_to(built_site.root)}: {url.path} does not exist")
            elif url.fragment and target.suffix == ".html" and url.fragment not in ids_in(target):
                broken.append(f"{html.relative_to(built_site.root)}: no #{url.fragment} in {url.path}")
    assert not broken, "\n".join(broken)


def test_pages_load_nothing_from_another_origin(built_site: BuiltSite) -> None:
    foreign = []
    for html in html_files(built_site):
        page = soup(html)
        for tag in page.select("script[src], link[rel~=stylesheet], link[rel~=preconnect], img[src], iframe[src]"):
            url = urlsplit(urljoin(url_of(built_site, html), tag.get("src") or tag.get("href")))
            if f"{url.scheme}://{url.netloc}" != SITE_ORIGIN:
                foreign.append(f"{html.relative_to(built_site.root)}: {tag.name} {url.geturl()}")
    assert not foreign, "\n".join(foreign)


def test_sitemap_lists_both_languages(built_site: BuiltSite) -> None:
    tree = ElementTree.parse(built_site.root / "sitemap.xml")
    locations = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for source in ZH_PAGES:
        assert f"{SITE_ORIGIN}{SUB_PATH}{page_dir(source)}" in locations
        assert f"{SITE_ORIGIN}{SUB_PATH}en/{page_dir(source)}" in locations


def test_no_markdown_is_left_unrendered(built_site: BuiltSite) -> None:
    leftovers = []
    for html in html_files(built_site):
        article = soup(html).find("article")
        if article is None:
            continue
        for node in article.find_all(string=True):
            if node.find_parent(["code", "pre", "script", "style"]) is None and ("**" in node or "{#" in node):
                leftovers.append(f"{html.relative_to(built_site.root)}: {node.strip()[:60]}")
    assert not leftovers, "\n".join(leftovers)


@pytest.mark.parametrize(("path", "lang", "home"), [("404.html", "zh", SUB_PATH), ("en/404.html", "en", f"{SUB_PATH}en/")])
def test_each_language_has_its_own_404_page(built_site: BuiltSite, path: str, lang: str, home: str) -> None:
    page = soup(built_site.root / path)
    assert page.html["lang"] == lang
    assert page.find("h1") and "404" in page.find("h1").text
    assert re.search(rf'"search": "{SUB_PATH}assets/javascripts/workers/search-shim\.js\?worker=[^"&]+&(amp;)?lang={lang}"', str(page))
    switch = {link["hreflang"]: link["href"] for link in page.select("a.md-select__link")}
    assert switch == {"zh": SUB_PATH, "en": f"{SUB_PATH}en/"}
    assert page.select_one(f"article a[href='{home}']")


def test_root_404_page_sends_english_misses_to_the_english_one(built_site: BuiltSite) -> None:
    script = " ".join(tag.text for tag in soup(built_site.root / "404.html").select("head script"))
    assert f'startsWith("{SUB_PATH}en/")' in script and f'location.replace("{SUB_PATH}en/404.html?missing="' in script


def test_hreflang_links_are_absolute_with_an_x_default(built_site: BuiltSite) -> None:
    for source in ZH_PAGES:
        for root, language_root in ((built_site.root, ""), (built_site.root / "en", "en/")):
            links = {link["hreflang"]: link["href"] for link in soup(root / page_dir(source) / "index.html").select("head link[hreflang]")}
            assert links == {
                "zh": f"{SITE_ORIGIN}{SUB_PATH}{page_dir(source)}",
                "x-default": f"{SITE_ORIGIN}{SUB_PATH}{page_dir(source)}",
                "en": f"{SITE_ORIGIN}{SUB_PATH}en/{page_dir(source)}",
            }, f"{language_root}{source}"


def test_math_is_mathml_rendered_at_build_time_with_no_math_script(built_site: BuiltSite) -> None:
    model = soup(built_site.root / "architecture" / "positional-encoding" / "index.html")
    assert len(model.select("article math")) > 50
    for html in html_files(built_site):
        page = soup(html)
        assert not page.select(".arithmatex"), f"{html}: formula left for a script to render"
        scripts = [tag.get("src", "") for tag in page.select("script[src]")]
        assert not [src for src in scripts if "katex" in src or "math" in src], f"{html}: {scripts}"
    assert (built_site.root / "assets" / "math" / "noto-sans-math.woff2").read_bytes().startswith(b"wOF2")
    assert (built_site.root / "assets" / "math" / "Temml-Local.css").is_file()


def test_build_refuses_a_formula_that_does_not_render(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n\n$\\frac{a$ 与 $x^2$\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\nmarkdown_extensions:\n  - pymdownx.arithmatex: {{generic: true}}\nhooks:\n  - {ROOT / 'hooks' / 'mathml.py'}\n",
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert "index.md: formula does not render: '\\\\frac{a'" in result.stderr, result.stderr


@pytest.fixture()
def broken_project(tmp_path: Path) -> Path:
    """A minimal project using the real content-check hook, with a page that has no twin."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "lonely.md").write_text("---\ntitle: 孤页\ndescription: 没有英文版。\n---\n\n# 孤页\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nhooks:\n  - {ROOT / 'hooks' / 'content_checks.py'}\n", encoding="utf-8")
    return tmp_path


def test_build_refuses_malformed_glossary_data(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "docs" / "glossary.yml").write_text(
        "- id: rope\n  area: architecture\n  zh: 旋转位置编码\n  en: Rotary position embedding\n"
        "  definition: {zh: 按位置旋转。, en: ''}\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nhooks:\n  - {ROOT / 'hooks' / 'glossary.py'}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert "entry 1 ('rope'): missing or empty 'definition.en'" in result.stderr


def test_build_refuses_a_page_without_its_twin(broken_project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=broken_project, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "lonely.md:1: [twin] missing its English twin lonely.en.md" in result.stderr


TOPIC_PAGES = [source for source in ZH_PAGES if source.parts[0] in AREAS]


@pytest.mark.parametrize("language_root", ["", "en/"])
def test_topic_page_links_its_terms_with_tooltips(built_site: BuiltSite, language_root: str) -> None:
    page = soup(built_site.root / language_root / "architecture/positional-encoding/index.html")
    links = page.select("article a.glossary-term")
    rope = [a for a in links if a["href"] == "../../glossary/architecture/#rope"]
    assert rope and rope[0]["title"], "RoPE is not linked to its glossary entry with a tooltip"
    assert not page.select("article h2 a.glossary-term, article code a.glossary-term")


@pytest.mark.parametrize("language_root", ["", "en/"])
def test_glossary_page_links_back_to_questions(built_site: BuiltSite, language_root: str) -> None:
    page = soup(built_site.root / language_root / "glossary/architecture/index.html")
    entry = page.find(id="rope")
    backlinks = entry.find_next(class_="glossary-backlinks")
    targets = [a["href"] for a in backlinks.find_all("a")]
    assert any(target.startswith("../../architecture/positional-encoding/#") for target in targets), targets


@pytest.mark.parametrize("language_root", ["", "en/"])
def test_glossary_index_lists_every_term_once_linking_its_area_page(built_site: BuiltSite, language_root: str) -> None:
    terms = load_glossary(DOCS / "glossary.yml")
    index = soup(built_site.root / language_root / "glossary/index.html")
    hrefs = [a["href"] for a in index.select("article .glossary-index a")]
    assert sorted(hrefs) == sorted(f"{term.area}/#{term.id}" for term in terms)
    for area in AREAS:
        page = soup(built_site.root / language_root / "glossary" / area / "index.html")
        entries = {heading["id"] for heading in page.select("article h2[id]")}
        assert entries == {term.id for term in terms if term.area == area}, area


@pytest.mark.parametrize("language_root", ["", "en/"])
def test_home_topic_map_lists_every_topic_page(built_site: BuiltSite, language_root: str) -> None:
    home = soup(built_site.root / language_root / "index.html")
    table_links = {a["href"] for a in home.select("article table a")}
    missing = [source for source in TOPIC_PAGES if page_dir(source) not in table_links]
    assert not missing, f"topic map misses {missing}"


def test_build_refuses_two_elements_with_one_id(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    front = "---\ntitle: t\ndescription: d\n---\n\n"
    for name, text in (("index.md", "# 首页\n\n## 问题？ {#q}\n\n答案。\n{#q}\n"), ("index.en.md", "# Home\n\n## Question? {#q}\n\nAnswer.\n")):
        text = front + text
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\nmarkdown_extensions: [attr_list]\nhooks:\n  - {ROOT / 'hooks' / 'content_checks.py'}\n", encoding="utf-8"
    )
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert "index.md: more than one element has the id 'q'" in result.stderr, result.stderr


@pytest.mark.parametrize("language_root", ["", "en/"])
def test_glossary_edit_link_opens_the_data_file(built_site: BuiltSite, language_root: str) -> None:
    edit = soup(built_site.root / language_root / "glossary/training/index.html").select_one("a.md-content__button[href*='/edit/']")
    assert edit and edit["href"].endswith("/edit/main/docs/glossary.yml"), edit


def test_strict_is_for_builds_and_ci_not_for_live_preview() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^strict:\s*true", config, re.M), "mkdocs serve would stop at the first warning"
    build_recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nbuild:")[1].split("\n\n")[0]
    assert "mkdocs build --strict" in build_recipe


def node_version() -> tuple[int, ...]:
    out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout
    return tuple(int(part) for part in out.strip().lstrip("v").split("."))


def satisfies(version: tuple[int, ...], wanted: str) -> bool:
    """npm's engine ranges as the lock file holds them: `>=18.16`, `6.* || >= 10.*`, `*`."""
    def comparator_holds(comparator: str) -> bool:
        operator, number = re.fullmatch(r"(>=|<=|>|<|=)?\s*v?([\d.*x]+)", comparator).groups()
        parts = tuple(int(p) for p in number.split(".") if p not in ("*", "x"))
        mine = version[: len(parts)] if operator in (None, "=") else version
        return {None: mine == parts, "=": mine == parts, ">=": mine >= parts, ">": mine > parts,
                "<=": mine <= parts, "<": mine < parts}[operator]

    def alternative_holds(alternative: str) -> bool:
        comparators = re.findall(r"(?:[<>]=?|=)?\s*v?[\d.*x]+", alternative)
        assert "".join(comparators).replace(" ", "") == alternative.replace(" ", ""), f"range {wanted!r} not understood"
        return all(comparator_holds(c.strip()) for c in comparators)

    return wanted.strip() in ("", "*") or any(alternative_holds(a.strip()) for a in wanted.split("||"))


def test_engine_ranges_are_read_like_npm() -> None:
    assert satisfies((18, 19, 0), ">=18.16") and not satisfies((18, 15, 0), ">=18.16")
    assert satisfies((20, 1, 0), "6.* || 8.* || >= 10.*") and not satisfies((9, 0, 0), "6.* || 8.* || >= 10.*")
    assert satisfies((14, 18, 0), ">=16 || 14 >=14.17") and not satisfies((14, 16, 0), ">=16 || 14 >=14.17")
    assert satisfies((1, 0, 0), "*")


def test_locked_npm_packages_accept_this_node() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    refused = [
        f"{name} needs node {package['engines']['node']}"
        for name, package in lock["packages"].items()
        if not satisfies(node_version(), package.get("engines", {}).get("node", ""))
    ]
    assert not refused, "\n".join(refused)
