"""Content rules for docs/: bilingual twins, question ids, front matter and Chinese typography.

Every rule returns `Problem`s that name the file, the line and the rule, so that a writer
can fix a page without reading this code. `structural_problems` is what the build refuses
to publish; `all_problems` adds the typographic rules that the test suite enforces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

EN_SUFFIX = ".en.md"
# libyaml's loader when PyYAML was built with it: the pure-Python one dominated build time.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Python-Markdown's own heading syntax: `#` marks need no space after them (`##Question`
# is an h2), and a line underlined with `=` or `-` is an h1 or h2 (setext).
ATX_HEADING = re.compile(r"^(?P<marks>#{1,6})(?!#)\s*(?P<text>.*?)\s*#*\s*$")
SETEXT_UNDERLINE = re.compile(r"^(?P<mark>=+|-+)\s*$")
EXPLICIT_ID = re.compile(r"\{#(?P<id>[^}\s]*)\}\s*$")
NOT_A_PARAGRAPH = re.compile(r"^(\s{4}|\s*$|\s*[#|>*+-]|\s*\d+\.\s|\s*!!!|\s*<)")
VALID_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE = re.compile(r"^\s*(```|~~~)")
CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
# CJK radicals, Kangxi radicals and compatibility ideographs: PDF look-alikes of real characters.
LOOKALIKE = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")
MISSING_SPACE = re.compile(rf"[{CJK}][A-Za-z0-9]|[A-Za-z0-9][{CJK}]")
HALF_WIDTH_PUNCT = re.compile(rf"[{CJK}][,;:?!()]|[,;:?!()][{CJK}]")
SCRAPED_CHROME = (
    "红包", "打赏", "扫一扫", "关注公众号", "相关文章", "相关推荐", "发表评论",
    "免责声明", "当前位置", "抵扣说明", "余额充值", "</aside>",
)
# Spans whose content is not Chinese prose; each is replaced by a neutral Latin letter so
# that the spacing rule still asks for a space around them.
NON_PROSE_SPANS = (
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\$\$.*?\$\$|\$[^$\s](?:[^$]*[^$\s])?\$"),  # inline math
    re.compile(r"\{[#.:][^}]*\}"),  # attribute lists
)
SVG_OPEN = re.compile(r"<svg\b[^>]*>?")
ARIA_LABEL = re.compile(r'\baria-label="(?P<label>[^"]*)"')
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.message}"


@dataclass(frozen=True)
class Heading:
    line: int
    id: str
    level: int = 2
    setext: bool = False


def is_english(path: Path) -> bool:
    return path.name.endswith(EN_SUFFIX)


def twin_of(path: Path) -> Path:
    if is_english(path):
        return path.with_name(path.name[: -len(EN_SUFFIX)] + ".md")
    return path.with_name(path.name[: -len(".md")] + EN_SUFFIX)


def markdown_pages(docs_dir: Path) -> list[Path]:
    return sorted(docs_dir.rglob("*.md"))


def load_yaml(text: str) -> object:
    """YAML data (front matter, glossary, levels); raises yaml.YAMLError on a malformed source."""
    return yaml.load(text, Loader=YAML_LOADER)


def split_front_matter(text: str) -> tuple[str, list[str], int]:
    """Return (front matter source, body lines, line number of the first body line)."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return "\n".join(lines[1:index]), lines[index + 1 :], index + 2
    return "", lines, 1


def body_lines(lines: list[str], first_line: int) -> list[tuple[int, str]]:
    """Numbered lines outside fenced code and display math."""
    kept: list[tuple[int, str]] = []
    in_fence = in_math = False
    for number, line in enumerate(lines, start=first_line):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and line.strip().startswith("$$") and line.strip().count("$$") == 1:
            in_math = not in_math
            continue
        if not in_fence and not in_math:
            kept.append((number, line))
    return kept


def heading_at(numbered: list[tuple[int, str]], index: int) -> Heading | None:
    """The heading that line `index` starts, as Python-Markdown would read it."""
    number, line = numbered[index]
    if line.startswith("#") and (atx := ATX_HEADING.match(line)) and atx["text"]:
        explicit = EXPLICIT_ID.search(line)
        return Heading(number, explicit["id"] if explicit else "", len(atx["marks"]))
    if index + 1 < len(numbered) and numbered[index + 1][1][:1] in ("=", "-") and not NOT_A_PARAGRAPH.match(line):
        next_number, next_line = numbered[index + 1]
        if next_number == number + 1 and (underline := SETEXT_UNDERLINE.match(next_line)):
            explicit = EXPLICIT_ID.search(line)
            return Heading(number, explicit["id"] if explicit else "", 1 if underline["mark"][0] == "=" else 2, setext=True)
    return None


def all_headings(numbered: list[tuple[int, str]]) -> list[Heading]:
    return [heading for index in range(len(numbered)) if (heading := heading_at(numbered, index))]


@dataclass(frozen=True)
class Source:
    """A Markdown page, split once per build: the content checks, the levels check, the
    topic map and the review sheets each read every page."""

    front_matter: str
    lines: list[str]
    first_line: int

    @cached_property
    def numbered(self) -> list[tuple[int, str]]:
        return body_lines(self.lines, self.first_line)

    @cached_property
    def every_heading(self) -> list[Heading]:
        return all_headings(self.numbered)

    @property
    def questions(self) -> list[Heading]:
        """The question headings (level 2)."""
        return [heading for heading in self.every_heading if heading.level == 2]

    @cached_property
    def meta(self) -> dict:
        return load_yaml(self.front_matter) or {}


def read_source(path: Path) -> Source:
    """The page as split when it was last read, or anew once it has changed."""
    stat = path.stat()
    return source_version(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1024)
def source_version(path: Path, mtime_ns: int, size: int) -> Source:
    return Source(*split_front_matter(path.read_text(encoding="utf-8")))


def check_twin(path: Path) -> list[Problem]:
    if twin_of(path).exists():
        return []
    language = "Chinese" if is_english(path) else "English"
    return [Problem(path, 1, "twin", f"missing its {language} twin {twin_of(path).name}")]


def check_front_matter(path: Path, source: str) -> list[Problem]:
    try:
        meta = load_yaml(source) or {}
    except yaml.YAMLError as error:
        return [Problem(path, 1, "front-matter", f"invalid YAML: {error}")]
    if not isinstance(meta, dict):
        return [Problem(path, 1, "front-matter", "front matter must be a mapping")]
    return [
        Problem(path, 1, "front-matter", f"front matter has no non-empty '{key}'")
        for key in ("title", "description")
        if not str(meta.get(key) or "").strip()
    ]


def check_heading_ids(path: Path, found: list[Heading]) -> list[Problem]:
    """Every question heading is `## Question {#id}`; no two headings of a page share an id."""
    problems, seen = [], set()
    for heading in found:
        if heading.level == 2 and heading.setext:
            problems.append(Problem(path, heading.line, "heading-id", "underlined heading: write the question as '## Question {#id}'"))
        elif heading.level == 2 and not heading.id:
            problems.append(Problem(path, heading.line, "heading-id", "'##' heading has no explicit {#id}"))
        if not heading.id:
            continue
        if not VALID_ID.match(heading.id):
            problems.append(
                Problem(path, heading.line, "heading-id", f"id '{heading.id}' is not lower-case ASCII words joined by '-'")
            )
        elif heading.id in seen:
            problems.append(Problem(path, heading.line, "heading-id", f"duplicate id '{heading.id}'"))
        seen.add(heading.id)
    return problems


def check_twin_ids(zh_path: Path, zh: list[Heading], en_path: Path, en: list[Heading]) -> list[Problem]:
    zh_ids, en_ids = [h.id for h in zh], [h.id for h in en]
    if zh_ids == en_ids:
        return []
    for index, (zh_id, en_id) in enumerate(zip(zh_ids, en_ids)):
        if zh_id != en_id:
            return [
                Problem(en_path, en[index].line, "twin-ids", f"question {index + 1} has id '{en_id}' but {zh_path.name} has '{zh_id}'")
            ]
    longer, shorter = (zh_path, en_path) if len(zh_ids) > len(en_ids) else (en_path, zh_path)
    extra = (zh_ids if longer == zh_path else en_ids)[min(len(zh_ids), len(en_ids))]
    return [Problem(longer, 1, "twin-ids", f"id '{extra}' has no counterpart in {shorter.name}")]


def prose_of(line: str) -> str:
    """The Chinese prose of a Markdown line: code, math, attributes, link targets and tags removed."""
    for span in NON_PROSE_SPANS:
        line = span.sub("X", line)
    return HTML_TAG.sub("", LINK.sub(r"\1", line))


def check_figures(path: Path, lines: list[str], first_line: int) -> list[Problem]:
    """Every inline SVG figure is an image with a text alternative in the page's language."""
    problems = []
    for number, line in enumerate(lines, start=first_line):
        if not (svg := SVG_OPEN.search(line)):
            continue
        label = ARIA_LABEL.search(svg.group())
        has_chinese = bool(label and re.search(f"[{CJK}]", label["label"]))
        if 'role="img"' not in svg.group() or not label or not label["label"].strip():
            problems.append(Problem(path, number, "figure-alt", 'SVG figure needs role="img" and a non-empty aria-label'))
        elif has_chinese == is_english(path):
            language = "English" if is_english(path) else "Chinese"
            problems.append(Problem(path, number, "figure-alt", f"the figure's aria-label should be in {language}"))
    return problems


def check_typography(path: Path, numbered: list[tuple[int, str]]) -> list[Problem]:
    problems = []
    for number, line in numbered:
        if LOOKALIKE.search(line):
            problems.append(Problem(path, number, "lookalike", f"CJK radical/compatibility character '{LOOKALIKE.search(line)[0]}'"))
        for phrase in SCRAPED_CHROME:
            if phrase in line:
                problems.append(Problem(path, number, "chrome", f"scraped page chrome '{phrase}'"))
        if is_english(path):
            continue
        prose = prose_of(line)
        for rule, pattern, advice in (
            ("cjk-latin-space", MISSING_SPACE, "put a space between Chinese and Latin/digits"),
            ("full-width-punct", HALF_WIDTH_PUNCT, "use full-width punctuation next to Chinese"),
        ):
            match = pattern.search(prose)
            if match:
                problems.append(Problem(path, number, rule, f"'{match[0]}': {advice}"))
    return problems


def page_problems(path: Path, typography: bool) -> tuple[list[Problem], list[Heading]]:
    source = read_source(path)
    problems = check_twin(path) + check_front_matter(path, source.front_matter) + check_heading_ids(path, source.every_heading)
    problems += check_figures(path, source.lines, source.first_line)
    if typography:
        problems += check_typography(path, source.numbered)
    return problems, source.questions


def docs_problems(docs_dir: Path, typography: bool) -> list[Problem]:
    problems: list[Problem] = []
    page_headings: dict[Path, list[Heading]] = {}
    for path in markdown_pages(docs_dir):
        found_problems, page_headings[path] = page_problems(path, typography)
        problems += found_problems
    for path, found in page_headings.items():
        if not is_english(path) and twin_of(path) in page_headings:
            problems += check_twin_ids(path, found, twin_of(path), page_headings[twin_of(path)])
    return problems


def structural_problems(docs_dir: Path) -> list[Problem]:
    return docs_problems(docs_dir, typography=False)


def all_problems(docs_dir: Path) -> list[Problem]:
    return docs_problems(docs_dir, typography=True)
