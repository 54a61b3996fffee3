"""Phone speed, as far as it does not depend on the machine: page weight and DOM size
budgets per page type, scripts only where a page uses them, a math font cut to what the
formulas use, and the accessibility fixes Lighthouse asked for. Timings are printed by
`make benchmark`, never asserted. The browser tests check the palette toggle and the
glossary tooltips, which no longer use Material's per-element components."""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

from accessibility import matrix_row_headers
from conftest import BuiltSite
from mathml import MATH_FONT_SOURCE, math_characters

MODEL_PAGE = "architecture/positional-encoding/"
ELEMENT = re.compile(r"<[a-zA-Z]")
# Budgets (README, "Speed budgets"): elements in the page and its HTML's gzip size.
BUDGETS = {  # page type: (elements, KiB gzip)
    "topic": (6_500, 64),
    "glossary": (4_000, 48),
    "review": (4_000, 64),
    "other": (1_500, 24),
}
MATH_FONT_BUDGET_KIB = 48
# One page of each type (home, topic, glossary index and area, review index and area, 404).
PAGE_OF_EACH_TYPE = ("", MODEL_PAGE, "glossary/", "glossary/architecture/", "review/", "review/architecture/", "404.html")
PAGE_SCRIPTS = ("practice.js", "tooltips.js")


def page_type(relative: Path) -> str:
    parts = [part for part in relative.parts[:-1] if part != "en"]
    if len(parts) == 2 and parts[0] in ("glossary", "review"):
        return parts[0]  # one area's glossary or review sheet; their indexes are "other" pages
    return "topic" if len(parts) == 2 else "other"


def built_pages(site: BuiltSite) -> list[Path]:
    return sorted(path for path in site.root.rglob("*.html") if path.name in ("index.html", "404.html"))


def test_every_page_keeps_its_dom_and_weight_budget(built_site: BuiltSite) -> None:
    over = []
    for path in built_pages(built_site):
        relative = path.relative_to(built_site.root)
        text = path.read_text(encoding="utf-8")
        elements, kib = len(ELEMENT.findall(text)), len(gzip.compress(text.encode())) / 1024
        max_elements, max_kib = BUDGETS[page_type(relative)]
        if elements > max_elements or kib > max_kib:
            over.append(f"{relative}: {elements} elements (budget {max_elements}), {kib:.0f} KiB gzip (budget {max_kib})")
    assert not over, "\n".join(over)


def test_budgets_cover_every_page_type(built_site: BuiltSite) -> None:
    types = {page_type(path.relative_to(built_site.root)) for path in built_pages(built_site)}
    assert types == set(BUDGETS)


def scripts(path: Path) -> list[str]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [script["src"].rsplit("/", 1)[-1] for script in page.select("script[src]") if script["src"].endswith(PAGE_SCRIPTS)]


@pytest.mark.parametrize("root", ["", "en/"])
def test_pages_load_only_the_scripts_they_use(built_site: BuiltSite, root: str) -> None:
    site = built_site.root / root
    assert scripts(site / MODEL_PAGE / "index.html") == ["practice.js", "tooltips.js"]
    assert scripts(site / "index.html") == ["practice.js"]
    assert scripts(site / "glossary" / "index.html") == []
    assert scripts(site / "about" / "index.html") == []
    page = BeautifulSoup((site / MODEL_PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert all(script.has_attr("defer") for script in page.select("script[src]") if script["src"].endswith(PAGE_SCRIPTS))


def test_material_components_that_cost_a_full_restyle_are_off(built_site: BuiltSite) -> None:
    text = (built_site.root / MODEL_PAGE / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="palette"' not in text, "Material's palette component restyles the page on load"
    assert '"content.tooltips"' not in text, "Material mounts a tooltip per titled element on load"
    assert "data-palette" in text and 'title="Permanent link"' not in text


def test_contents_labels_are_not_watched_by_materials_ellipsis_patch(built_site: BuiltSite) -> None:
    """Material watches every .md-ellipsis at a cost that grows with the square of their
    number; a page's contents (listed twice, up to 104 terms each) would outweigh its nav."""
    for path in PAGE_OF_EACH_TYPE[:-1]:
        page = BeautifulSoup((built_site.root / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        contents = page.select(".md-nav--secondary a.md-nav__link")
        assert contents or path in ("", "glossary/", "review/"), f"{path}: no contents"
        assert all(link.select_one(".toc-label") for link in contents), path
        assert not page.select(".md-nav--secondary .md-ellipsis"), path
    area = BeautifulSoup((built_site.root / "glossary/architecture/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(area.select(".md-nav--secondary a.md-nav__link")) > 100 > len(area.select(".md-ellipsis"))


def test_math_font_holds_every_character_the_formulas_use(built_site: BuiltSite) -> None:
    font_path = built_site.root / "assets" / "math" / "noto-sans-math.woff2"
    assert font_path.stat().st_size / 1024 < MATH_FONT_BUDGET_KIB
    full = TTFont(MATH_FONT_SOURCE)
    font = TTFont(font_path)
    assert "MATH" in font, "without its MATH table the font cannot stretch brackets or place limits"
    used = set()
    for path in built_pages(built_site):
        used |= math_characters(path.read_text(encoding="utf-8"))
    wanted = {ord(char) for char in used} & set(full.getBestCmap())
    assert len(wanted) > 100
    assert wanted <= set(font.getBestCmap())


def test_math_characters_are_read_from_mathml() -> None:
    page = '<p>x</p><math><mi>α</mi><mo>&lt;</mo><mn>2</mn></math><math display="block"><mo>∑</mo></math>'
    assert math_characters(page) == {"α", "<", "2", "∑"}


def test_matrix_tables_get_row_headers() -> None:
    matrix = "<table>\n<thead>\n<tr>\n<th></th>\n<th>A</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>row</td>\n<td>1</td>\n</tr>\n</tbody>\n</table>"
    fixed = BeautifulSoup(matrix_row_headers(matrix), "html.parser")
    assert [th.get_text() for th in fixed.select("tbody th[scope=row]")] == ["row"]
    assert fixed.select_one("thead tr").find().name == "td", "the empty corner is not a header"
    plain = matrix.replace("<th></th>", "<th>name</th>")
    assert matrix_row_headers(plain) == plain


@pytest.mark.parametrize(("path", "label"), [("index.html", "搜索"), ("en/index.html", "Search"), ("404.html", "搜索"), ("en/404.html", "Search")])
def test_search_dialog_has_a_name(built_site: BuiltSite, path: str, label: str) -> None:
    page = BeautifulSoup((built_site.root / path).read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("[role=dialog].md-search")["aria-label"] == label


def test_built_matrix_table_has_row_headers(built_site: BuiltSite) -> None:
    page = BeautifulSoup((built_site.root / MODEL_PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")
    row_headers = [html.unescape(th.get_text()) for th in page.select("article tbody th[scope=row]")]
    assert "参数" in row_headers


# --- In the browser ---------------------------------------------------------------------

# WCAG 2.1 A and AA rules, as Lighthouse's accessibility score runs them; like Lighthouse,
# without scrollable-region-focusable: wide tables and code blocks scroll under the finger
# on a phone, and Material makes an overflowing code block focusable where there is a mouse.
AXE_RUN = """async () => {
  const { violations } = await axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    rules: { "scrollable-region-focusable": { enabled: false } },
    resultTypes: ["violations"],
  });
  return violations.flatMap((rule) => rule.nodes.slice(0, 3).map((node) => `${rule.id}: ${node.target.join(" ")}: ${node.failureSummary}`));
}"""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "color_scheme"),
    [(path, "light") for path in PAGE_OF_EACH_TYPE]
    + [(f"en/{path}", "light") for path in PAGE_OF_EACH_TYPE]
    + [(path, "dark") for path in PAGE_OF_EACH_TYPE],
)
def test_page_of_each_type_passes_axe_on_a_phone(phone_page: Page, site_url: str, path: str, color_scheme: str) -> None:
    phone_page.emulate_media(color_scheme=color_scheme)
    phone_page.goto(site_url + path, wait_until="networkidle")
    phone_page.add_script_tag(path=str(AXE))
    assert phone_page.evaluate(AXE_RUN) == []


def scheme(page: Page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


@pytest.mark.browser
def test_palette_toggle_cycles_and_is_remembered(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site_url + MODEL_PAGE)
    assert scheme(page) == "default"
    toggle = page.locator("form[data-palette] label:not([hidden])")
    expect(toggle).to_have_count(1)
    toggle.click()  # automatic -> light
    toggle.click()  # light -> dark
    assert scheme(page) == "slate"
    assert page.evaluate("document.querySelector('meta[name=theme-color]').content") != ""
    page.goto(site_url + "en/glossary/")
    assert scheme(page) == "slate", "the choice holds on every page, in both languages"
    page.reload()
    assert scheme(page) == "slate"
    page.locator("form[data-palette] label:not([hidden])").click()  # dark -> automatic
    assert scheme(page) == "default"
    page.emulate_media(color_scheme="dark")  # automatic follows the system (a media event)
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", timeout=5000)


@pytest.mark.browser
def test_glossary_term_shows_its_definition_on_hover_and_focus(page: Page, site_url: str) -> None:
    page.goto(site_url + MODEL_PAGE)
    term = page.locator("article a.glossary-term[href$='glossary/architecture/#rope']").first
    definition = term.get_attribute("title")
    assert definition
    term.hover()
    tooltip = page.locator(".md-tooltip2--active[role=tooltip]")
    expect(tooltip).to_have_text(definition)
    expect(term).to_have_attribute("aria-describedby", "__glossary_tooltip")
    assert term.get_attribute("title") is None, "no native tooltip on top of it"
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)
    expect(term).to_have_attribute("title", definition)
    term.focus()
    expect(tooltip).to_have_text(definition)
    box, tip = term.bounding_box(), tooltip.bounding_box()
    assert box and tip and tip["y"] >= box["y"] + box["height"], "the definition opens below the term"


@pytest.mark.browser
def test_a_deep_link_lands_on_its_question_on_a_phone(phone_page: Page, site_url: str) -> None:
    phone_page.goto(site_url + "en/" + MODEL_PAGE + "#yarn")
    phone_page.wait_for_timeout(300)
    heading = phone_page.locator("h2#yarn").bounding_box()
    assert heading and 0 <= heading["y"] < 844 / 2, "content rendered on demand must not push the question away"


@pytest.mark.browser
def test_a_long_contents_entry_wraps_and_is_read_in_full(page: Page, site_url: str) -> None:
    page.goto(site_url + "en/systems/data-parallel/")
    labels = page.locator(".md-sidebar--secondary .md-nav__link > span")
    cut_off = labels.evaluate_all("labels => labels.filter(label => label.scrollWidth > label.clientWidth).length")
    assert labels.count() > 10 and cut_off == 0
    long = labels.filter(has_text="use nn.parallel.DistributedDataParallel")
    lines = long.evaluate("label => label.clientHeight / parseFloat(getComputedStyle(label).lineHeight)")
    assert lines > 3, "the identifier wraps instead of running out of the sidebar"


DRAWN = "link => link.checkVisibility()"  # false inside a content-visibility: hidden subtree


@pytest.mark.browser
@pytest.mark.parametrize(("path", "sibling"), [(MODEL_PAGE, "attention/"), ("en/glossary/architecture/", "glossary/training/")])
def test_closed_navigation_drawer_is_not_drawn_and_opens_onto_its_links(phone_page: Page, site_url: str, path: str, sibling: str) -> None:
    phone_page.goto(site_url + path)
    selector = f".md-sidebar--primary a.md-nav__link[href='../{sibling.split('/')[-2]}/']"
    link = phone_page.locator(selector)
    contents = phone_page.locator(".md-sidebar--primary .md-nav--secondary a.md-nav__link").first
    assert not link.evaluate(DRAWN) and not contents.evaluate(DRAWN), "a closed drawer's links skip rendering"
    open_drawer = phone_page.locator("label.md-header__button[for='__drawer']")
    open_drawer.click()
    expect(link).to_be_in_viewport()
    assert link.evaluate(DRAWN) and contents.evaluate(DRAWN)
    phone_page.locator("label.md-overlay").click(position={"x": 370, "y": 400})
    phone_page.wait_for_function(f"!({DRAWN})(document.querySelector(\"{selector}\"))")
    open_drawer.click()
    link.click()
    expect(phone_page).to_have_url(re.compile(f"/{sibling}$"))
