"""One number per fact: every page that states a fact in tests/facts.yml states the same value.

facts.yml lists quantities the site quotes on several pages (bytes per parameter, KV cache per
token, interconnect bandwidths, model sizes, ...) with the value the site uses and regular
expressions that find where a page states it. A page that states a different value, or an
unlabelled value where the fact has several conventions (`forbidden: true`), fails here with
the file, line and the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import DOCS

FACTS_FILE = Path(__file__).with_name("facts.yml")
EN_SUFFIX = ".en.md"


@dataclass(frozen=True)
class Fact:
    id: str
    what: str
    value: float
    unit: str
    patterns: tuple[re.Pattern[str], ...]
    forbidden: bool = False
    min_pages: int = 2


@dataclass(frozen=True)
class Statement:
    fact: str
    page: str  # path relative to docs/
    line: int
    value: str
    text: str

    def __str__(self) -> str:
        return f"docs/{self.page}:{self.line}: states {self.value!r}: ...{self.text}..."


def load_facts(path: Path = FACTS_FILE) -> list[Fact]:
    facts = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        patterns = tuple(re.compile(pattern) for pattern in entry["patterns"])
        for pattern in patterns:
            if "v" not in pattern.groupindex:
                raise ValueError(f"{entry['id']}: pattern {pattern.pattern!r} has no (?P<v>...) group")
        forbidden = bool(entry.get("forbidden", False))
        facts.append(
            Fact(
                id=entry["id"],
                what=entry["what"],
                value=float(entry["value"]),
                unit=str(entry.get("unit", "")),
                patterns=patterns,
                forbidden=forbidden,
                min_pages=int(entry.get("min_pages", 0 if forbidden else 2)),
            )
        )
    return facts


def statements(fact: Fact, page: str, text: str) -> list[Statement]:
    """Every place in one page's text where a pattern of the fact finds a stated value."""
    found: dict[tuple[int, int], Statement] = {}
    for pattern in fact.patterns:
        for match in pattern.finditer(text):
            start, end = match.span("v")
            line = text.count("\n", 0, start) + 1
            snippet = text[max(match.start(), start - 60) : min(len(text), end + 30)].replace("\n", " ")
            found.setdefault((start, end), Statement(fact.id, page, line, match["v"], snippet))
    return sorted(found.values(), key=lambda statement: statement.line)


def contradictions(fact: Fact, found: list[Statement]) -> list[Statement]:
    if fact.forbidden:
        return list(found)
    return [statement for statement in found if float(statement.value.replace(",", "")) != fact.value]


def topic_of(page: str) -> str:
    return page[: -len(EN_SUFFIX)] if page.endswith(EN_SUFFIX) else page[: -len(".md")]


def site_statements(facts: list[Fact], docs: Path = DOCS) -> dict[str, list[Statement]]:
    texts = {page.relative_to(docs).as_posix(): page.read_text(encoding="utf-8") for page in sorted(docs.rglob("*.md"))}
    return {fact.id: [s for page, text in texts.items() for s in statements(fact, page, text)] for fact in facts}


FACTS = load_facts()
FOUND = site_statements(FACTS)


def test_fact_ids_are_unique() -> None:
    ids = [fact.id for fact in FACTS]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("fact", FACTS, ids=lambda fact: fact.id)
def test_every_page_states_the_same_value(fact: Fact) -> None:
    wrong = contradictions(fact, FOUND[fact.id])
    expected = "not to be stated without saying which convention it is" if fact.forbidden else f"{fact.value:g} {fact.unit}"
    assert not wrong, f"{fact.what}: expected {expected}, but\n" + "\n".join(map(str, wrong))


@pytest.mark.parametrize("fact", [fact for fact in FACTS if fact.min_pages], ids=lambda fact: fact.id)
def test_every_fact_is_found_where_the_site_states_it(fact: Fact) -> None:
    topics = sorted({topic_of(statement.page) for statement in FOUND[fact.id]})
    assert len(topics) >= fact.min_pages, (
        f"{fact.id}: its patterns find it on {len(topics)} topic page(s) {topics}, expected at least "
        f"{fact.min_pages}; a page was reworded or the pattern is too narrow"
    )


# ---- the check itself, on fake pages ----

FAKE_FACTS = """
- id: kv-per-token-llama-2-7b
  what: KV cache per token of Llama-2-7B in fp16
  value: 0.5
  unit: MiB
  patterns:
    - 'Llama-2-7B[^。\\n]{0,30}?每 ?token\\s*(?P<v>\\d+(?:\\.\\d+)?) MiB'
    - 'Llama-2-7B[^.\\n]{0,30}?needs (?P<v>\\d+(?:\\.\\d+)?) MiB per token'
- id: pcie4-unlabelled
  what: an unlabelled PCIe 4.0 bandwidth
  value: 0
  forbidden: true
  patterns:
    - 'PCIe 4\\.0 x16（约 (?P<v>\\d+) GB/s）'
"""


def test_a_contradiction_between_pages_is_caught(tmp_path: Path) -> None:
    facts_file = tmp_path / "facts.yml"
    facts_file.write_text(FAKE_FACTS, encoding="utf-8")
    kv, pcie = load_facts(facts_file)
    docs = tmp_path / "docs"
    (docs / "systems").mkdir(parents=True)
    (docs / "systems" / "a.md").write_text("# A\n\nLlama-2-7B 在 fp16 下每 token 0.5 MiB。\n", encoding="utf-8")
    (docs / "systems" / "a.en.md").write_text("# A\n\nLlama-2-7B in fp16 needs 0.5 MiB per token.\n", encoding="utf-8")
    (docs / "systems" / "b.md").write_text(
        "# B\n\n说明。\n\nLlama-2-7B（MHA）每 token 1 MiB。PCIe 4.0 x16（约 25 GB/s）。\n", encoding="utf-8"
    )
    found = site_statements([kv, pcie], docs)
    assert [str(s).split(":", 2)[:2] for s in contradictions(kv, found[kv.id])] == [["docs/systems/b.md", "5"]]
    assert contradictions(kv, found[kv.id])[0].value == "1"
    assert len(found[kv.id]) == 3 and {topic_of(s.page) for s in found[kv.id]} == {"systems/a", "systems/b"}
    assert [s.value for s in contradictions(pcie, found[pcie.id])] == ["25"]


def test_a_pattern_without_a_value_group_is_refused(tmp_path: Path) -> None:
    facts_file = tmp_path / "facts.yml"
    facts_file.write_text("- {id: x, what: y, value: 1, patterns: ['PCIe \\d+']}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no \\(\\?P<v>"):
        load_facts(facts_file)
