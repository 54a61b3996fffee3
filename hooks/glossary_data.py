"""Load and validate the glossary, the single source of truth for terms in both languages.

Every problem is reported with the entry it was found in, and the build stops: a term
without a definition or pointing at an unknown related term must never be published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from content_rules import load_yaml
from site_pages import AREAS

LANGUAGES = ("zh", "en")
VALID_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KNOWN_KEYS = {"id", "area", "zh", "en", "abbr", "aliases", "definition", "see"}
# Definitions are plain text with `$...$` formulas (glossary_page writes them as HTML):
# Markdown or HTML markup in one would be printed as typed.
MARKUP = re.compile(r"\*\*|`|\]\(|<[A-Za-z/!]")


class GlossaryError(ValueError):
    """Malformed glossary data; the message names the file, the entry and the problem."""


@dataclass(frozen=True)
class Term:
    id: str
    area: str
    names: dict[str, str]
    abbr: str
    aliases: dict[str, tuple[str, ...]]
    definitions: dict[str, str]
    see: tuple[str, ...]

    def surface_forms(self, language: str) -> tuple[str, ...]:
        """Every spelling that refers to this term in running text of `language`."""
        forms = [self.names[language], *self.aliases[language]]
        if self.abbr:
            forms.append(self.abbr)
        if language == "zh":
            forms.append(self.names["en"])
        return tuple(dict.fromkeys(forms))

    def label(self, language: str) -> str:
        """Display name: `旋转位置编码（RoPE）` / `Rotary position embedding (RoPE)`."""
        name = self.names[language]
        if not self.abbr or self.abbr == name:
            return name
        return f"{name}（{self.abbr}）" if language == "zh" else f"{name} ({self.abbr})"


def fail(path: Path, where: str, problem: str) -> GlossaryError:
    return GlossaryError(f"{path}: {where}: {problem}")


def required_text(path: Path, where: str, value: object, label: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(path, where, f"missing or empty {label}")
    return value.strip()


def definition_text(path: Path, where: str, value: object, label: str) -> str:
    text = required_text(path, where, value, label)
    if markup := MARKUP.search(text):
        raise fail(path, where, f"{label} must be plain text with $...$ formulas, found '{markup.group(0)}'")
    if text.count("$") % 2:
        raise fail(path, where, f"{label} has an unclosed $...$ formula")
    return text


def definitions_field(path: Path, where: str, entry: dict) -> dict[str, str]:
    definitions = entry.get("definition")
    if not isinstance(definitions, dict):
        raise fail(path, where, "'definition' must map zh and en to text")
    return {lang: definition_text(path, where, definitions.get(lang), f"'definition.{lang}'") for lang in LANGUAGES}


def alias_field(path: Path, where: str, entry: dict) -> dict[str, tuple[str, ...]]:
    aliases = entry.get("aliases") or {}
    if not isinstance(aliases, dict) or set(aliases) - set(LANGUAGES):
        raise fail(path, where, "'aliases' must map zh/en to lists of strings")
    result = {}
    for language in LANGUAGES:
        values = aliases.get(language) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise fail(path, where, f"'aliases.{language}' must be a list of non-empty strings")
        result[language] = tuple(v.strip() for v in values)
    return result


def parse_term(path: Path, index: int, entry: object) -> Term:
    if not isinstance(entry, dict):
        raise fail(path, f"entry {index}", "each entry must be a mapping")
    term_id = entry.get("id")
    where = f"entry {index} ('{term_id}')"
    if not isinstance(term_id, str) or not VALID_ID.match(term_id):
        raise fail(path, where, "'id' must be lower-case ASCII words joined by '-'")
    if unknown := set(entry) - KNOWN_KEYS:
        raise fail(path, where, f"unknown key(s) {sorted(unknown)}")
    if entry.get("area") not in AREAS:
        raise fail(path, where, f"'area' must be one of {list(AREAS)}")
    see = entry.get("see") or []
    if not isinstance(see, list) or not all(isinstance(s, str) for s in see):
        raise fail(path, where, "'see' must be a list of term ids")
    return Term(
        id=term_id,
        area=entry["area"],
        names={lang: required_text(path, where, entry.get(lang), f"'{lang}' name") for lang in LANGUAGES},
        abbr=str(entry.get("abbr") or "").strip(),
        aliases=alias_field(path, where, entry),
        definitions=definitions_field(path, where, entry),
        see=tuple(see),
    )


def check_unique_ids(path: Path, terms: list[Term]) -> None:
    seen: set[str] = set()
    for term in terms:
        if term.id in seen:
            raise fail(path, f"entry '{term.id}'", "duplicate id")
        seen.add(term.id)


def check_related_ids(path: Path, terms: list[Term]) -> None:
    ids = {term.id for term in terms}
    for term in terms:
        for related in term.see:
            if related not in ids:
                raise fail(path, f"entry '{term.id}'", f"'see' names unknown term id '{related}'")
            if related == term.id:
                raise fail(path, f"entry '{term.id}'", "'see' names the term itself")


def check_unique_forms(path: Path, terms: list[Term]) -> None:
    """No spelling may point at two terms, or a link could go to the wrong entry."""
    for language in LANGUAGES:
        owner: dict[str, str] = {}
        for term in terms:
            for form in term.surface_forms(language):
                key = form.casefold()
                if owner.get(key, term.id) != term.id:
                    raise fail(path, f"entry '{term.id}'", f"name or alias '{form}' is also used by '{owner[key]}'")
                owner[key] = term.id


def load_glossary(path: Path) -> list[Term]:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GlossaryError(f"{path}: cannot read glossary: {error}") from error
    if not isinstance(raw, list):
        raise GlossaryError(f"{path}: the glossary must be a YAML list of entries")
    terms = [parse_term(path, index, entry) for index, entry in enumerate(raw, start=1)]
    check_unique_ids(path, terms)
    check_related_ids(path, terms)
    check_unique_forms(path, terms)
    return terms
