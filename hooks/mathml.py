"""Math rendered at build time: TeX becomes native MathML, and pages ship no math script.

pymdownx.arithmatex (generic mode) leaves `\\(...\\)` and `\\[...\\]` in
`<span|div class="arithmatex">`; each is replaced by MathML from Temml (npm, pinned),
which runs in one Node process per build (scripts/render-math.mjs). Rendered formulas are
cached on disk, keyed by Temml's version, so a rebuild only renders what changed. A
formula that does not render stops the build with the page and the formula named.
The page's math font (Noto Sans Math, npm, pinned) and Temml's stylesheet are served by
the site itself; the font is cut down to the characters the formulas use (270 KB to about
30 KB), since on a phone it sits on the path to the largest paint of every math page.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_pages import CACHE_DIR, ROOT

NODE_MODULES = ROOT / "node_modules"
RENDERER = ROOT / "scripts" / "render-math.mjs"
ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.S)
# A space after each token element: MathML ignores it, and the search index, which takes a
# page's text, then holds `W = W 0 + α r B A` instead of `W=W0+αrBA`.
TOKEN_END = re.compile(r"(</m(?:i|n|o|text)>)(?=<)")
DELIMITERS = re.compile(r"^\s*\\[(\[](?P<body>.*?)\\[)\]]\s*$", re.S)
# Files the pages need, from node_modules to the site's assets/math/.
ASSETS = {
    "temml/dist/Temml-Local.css": "Temml-Local.css",
    "temml/dist/Temml.woff2": "Temml.woff2",
}
# Written after the build, cut down to the characters the formulas use.
MATH_FONT_SOURCE = NODE_MODULES / "@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff2"
MATH_FONT = "noto-sans-math.woff2"
MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.S)
TAG = re.compile(r"<[^>]+>")
PRINTABLE_ASCII = {chr(code) for code in range(0x20, 0x7F)}


class MathError(Exception):
    """A formula that Temml cannot render."""


class MathRenderer:
    """TeX to MathML through one long-lived Node process, with an on-disk cache."""

    def __init__(self, cache_path: Path) -> None:
        self.cache_path = cache_path
        self.cache: dict[str, str] = json.loads(cache_path.read_text(encoding="utf-8")) if cache_path.is_file() else {}
        self.process: subprocess.Popen[str] | None = None
        self.dirty = False

    def render(self, tex: str, display: bool) -> str:
        key = f"{'D' if display else 'I'}{tex}"
        if key not in self.cache:
            reply = self.ask({"tex": tex, "display": display})
            if "error" in reply:
                raise MathError(reply["error"].strip())
            self.cache[key] = reply["mathml"]
            self.dirty = True
        return self.cache[key]

    def ask(self, request: dict) -> dict:
        if self.process is None:
            self.process = subprocess.Popen(
                ["node", str(RENDERER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
            )
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise MathError(f"the math renderer ({RENDERER.name}) stopped; run `npm ci` in the project root")
        return json.loads(line)

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()  # type: ignore[union-attr]
            self.process.wait(timeout=10)
            self.process = None
        if self.dirty:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            self.cache_path.write_text(json.dumps(self.cache, ensure_ascii=False), encoding="utf-8")
            self.dirty = False


# A site repeats its formulas (the same one on a topic page, its review sheet and in
# English); the per-formula steps below are memoized for the build.
@lru_cache(maxsize=None)
def spaced_tokens(mathml: str) -> str:
    return TOKEN_END.sub(r"\1 ", mathml)


@lru_cache(maxsize=None)
def displayed_text(element: str) -> str:
    """A rendered formula's text, tokens spaced, entities as written."""
    return TAG.sub("", element)


@lru_cache(maxsize=None)
def displayed_characters(element: str) -> frozenset[str]:
    return frozenset(html.unescape(displayed_text(element)))


def render_math(page_html: str, render: Callable[[str, bool], str], where: str) -> str:
    """Replace every arithmatex element of a page with the renderer's MathML."""

    def replace(match: re.Match[str]) -> str:
        source = html.unescape(match["tex"])
        delimited = DELIMITERS.match(source)
        tex = delimited["body"].strip() if delimited else source.strip()
        try:
            return spaced_tokens(render(tex, match["tag"] == "div"))
        except MathError as error:
            raise PluginError(f"{where}: formula does not render: {tex!r}: {error}") from error

    return ARITHMATEX.sub(replace, page_html)


def temml_version() -> str:
    package = NODE_MODULES / "temml" / "package.json"
    if not package.is_file():
        raise PluginError(f"Temml not found in {package.parent}: run `npm ci` in the project root first.")
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def math_characters(page_html: str) -> set[str]:
    """The characters the formulas of a rendered page display."""
    return set().union(*(displayed_characters(element) for element in MATH_ELEMENT.findall(page_html)))


def subset_font(source: Path, characters: set[str], cache_dir: Path) -> Path:
    """`source` (woff2) cut down to `characters` plus printable ASCII, keeping the MATH
    table and every glyph it reaches (stretchy brackets, size variants); cached by content."""
    wanted = sorted(ord(char) for char in characters | PRINTABLE_ASCII)
    key = hashlib.sha256(source.read_bytes() + json.dumps(wanted).encode()).hexdigest()[:16]
    target = cache_dir / f"{source.stem}-{key}.woff2"
    if not target.is_file():
        from fontTools import subset  # imported on a cache miss only: 0.2 s of every build
        from fontTools.ttLib import TTFont

        options = subset.Options(layout_features=["*"], notdef_outline=True)
        font = TTFont(source)
        font.flavor = "woff2"
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        cache_dir.mkdir(parents=True, exist_ok=True)
        font.save(target)
    return target


renderer: MathRenderer | None = None
used_characters: set[str] = set()
# The site root holds the shared assets; mkdocs-static-i18n builds the default language
# there first, then each other language into a folder of it.
font_target: Path | None = None


def on_config(config: MkDocsConfig) -> None:
    global renderer
    if renderer is None:
        renderer = MathRenderer(CACHE_DIR / f"math-temml-{temml_version()}.json")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not MATH_FONT_SOURCE.is_file():
        raise PluginError(f"{MATH_FONT_SOURCE} not found: run `npm ci` in the project root first.")
    for source, name in ASSETS.items():
        path = NODE_MODULES / source
        if not path.is_file():
            raise PluginError(f"{path} not found: run `npm ci` in the project root first.")
        files.append(File.generated(config, f"assets/math/{name}", abs_src_path=str(path)))
    return files


@event_priority(-50)  # after the glossary has linked the text around the formulas
def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert renderer is not None
    rendered = render_math(html_text, renderer.render, page.file.src_uri)
    used_characters.update(math_characters(rendered))
    return rendered


# While Material's search plugin reads a page, each formula stands as the text it displays,
# tokens spaced (what the index takes from it): the plugin's HTML parser otherwise spends
# about as long on the formulas' tags as on the rest of the page. The MathML is put back
# after the plugin, in whatever the other hooks made of the page meanwhile.
MATH_PLACEHOLDER = re.compile(r'<span data-mathml="(?P<index>\d+)">[^<]*</span>')
mathml_set_aside: dict[str, list[str]] = {}


def math_as_text(page_html: str) -> tuple[str, list[str]]:
    """The page with each formula replaced by a placeholder holding its text, and the formulas."""
    elements: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        elements.append(match[0])
        return f'<span data-mathml="{len(elements) - 1}">{displayed_text(match[0])}</span>'

    return MATH_ELEMENT.sub(placeholder, page_html), elements


@event_priority(100)  # before the search plugin (priority 0)
def _set_math_aside(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if page.content and "<math" in page.content:
        page.content, mathml_set_aside[page.file.src_uri] = math_as_text(page.content)
    return context


@event_priority(-100)  # after the search plugin, before the page is templated
def _put_math_back(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    elements = mathml_set_aside.pop(page.file.src_uri, None)
    if elements is not None and page.content:
        page.content = MATH_PLACEHOLDER.sub(lambda m: elements[int(m["index"])], page.content)
    return context


on_page_context = CombinedEvent(_set_math_aside, _put_math_back)


def on_post_build(config: MkDocsConfig) -> None:
    global font_target
    if renderer is not None:
        renderer.close()
    if font_target is None:
        font_target = Path(config.site_dir) / "assets" / "math" / MATH_FONT
    font_target.parent.mkdir(parents=True, exist_ok=True)
    font_target.write_bytes(subset_font(MATH_FONT_SOURCE, used_characters, CACHE_DIR).read_bytes())
