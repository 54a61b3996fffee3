"""Question levels (docs/levels.yml): load them, and check them against the topic pages.

The file maps a page path (`architecture/positional-encoding`, the Chinese source without
`.md`) to its questions' levels: `{rope-idea: core, ...}`. Every question of a topic page
needs exactly one level; a page still being written (no `##` question yet) needs none.
Every problem names the file, the page and the question, so a writer can fix it at once.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from content_rules import EN_SUFFIX, load_yaml, read_source
from site_pages import is_topic_source

LEVELS = ("core", "advanced", "expert")
LEVELS_FILE = "levels.yml"


class LevelsError(Exception):
    """docs/levels.yml is malformed or does not match the pages."""


def page_key(src_uri: str) -> str:
    """`architecture/rope.en.md` -> `architecture/rope`: one key for both languages."""
    stem = src_uri[: -len(EN_SUFFIX)] if src_uri.endswith(EN_SUFFIX) else src_uri.removesuffix(".md")
    return stem


def parse_levels(text: str, name: str = LEVELS_FILE) -> dict[str, dict[str, str]]:
    """The levels of a YAML source; a wrong shape or an unknown level raises LevelsError."""
    try:
        data = load_yaml(text) or {}
    except yaml.YAMLError as error:
        raise LevelsError(f"{name}: invalid YAML: {error}") from error
    if not isinstance(data, dict):
        raise LevelsError(f"{name}: expected a mapping of page path to {{question id: level}}")
    problems = []
    for page, questions in data.items():
        if not isinstance(questions, dict):
            problems.append(f"{name}: page '{page}': expected a mapping of question id to level")
            continue
        for question, level in questions.items():
            if level not in LEVELS:
                problems.append(f"{name}: page '{page}', question '{question}': level {level!r} is not one of {', '.join(LEVELS)}")
    if problems:
        raise LevelsError("\n".join(problems))
    return {str(page): {str(q): level for q, level in questions.items()} for page, questions in data.items()}


def load_levels(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        raise LevelsError(f"{path}: not found; every question of a topic page needs a level there")
    return parse_levels(path.read_text(encoding="utf-8"), path.name)


def topic_questions(docs_dir: Path) -> dict[str, list[str]]:
    """Question ids of every topic page (`<area>/<slug>.md`, Chinese source), in page order."""
    found = {}
    for path in sorted(docs_dir.glob("*/*.md")):
        if path.name.endswith(EN_SUFFIX) or not is_topic_source(path.relative_to(docs_dir).as_posix()):
            continue
        found[page_key(path.relative_to(docs_dir).as_posix())] = [h.id for h in read_source(path).questions if h.id]
    return found


def level_problems(levels: dict[str, dict[str, str]], questions: dict[str, list[str]], name: str = LEVELS_FILE) -> list[str]:
    """Questions without a level, and levels of pages or questions that do not exist."""
    problems = []
    for page, ids in questions.items():
        missing = [question for question in ids if question not in levels.get(page, {})]
        problems += [f"docs/{page}.md: question '{question}' has no level in {name}" for question in missing]
    for page, entries in levels.items():
        if page not in questions:
            problems.append(f"{name}: page '{page}' does not exist (no docs/{page}.md)")
            continue
        problems += [
            f"{name}: page '{page}': question '{question}' does not exist in docs/{page}.md"
            for question in entries
            if question not in questions[page]
        ]
    return problems
