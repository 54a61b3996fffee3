"""Content lint of docs/ and unit tests of each rule on small fixture trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DOCS
from content_checks import duplicate_ids
from content_rules import all_problems, prose_of, read_source, structural_problems

ZH_PAGE = """---
title: 位置编码
description: 测试页面。
---

# 位置编码

## 什么是 RoPE？ {#rope-idea}

用旋转把位置乘到 query 上。

## 什么是 ALiBi？ {#alibi}

给注意力分数加线性偏置。
"""

EN_PAGE = """---
title: Positional encoding
description: A test page.
---

# Positional encoding

## What is RoPE? {#rope-idea}

Rotate queries and keys.

## What is ALiBi? {#alibi}

Add a linear bias to attention scores.
"""


def write_pair(docs: Path, zh: str = ZH_PAGE, en: str = EN_PAGE, name: str = "page") -> tuple[Path, Path]:
    zh_path, en_path = docs / f"{name}.md", docs / f"{name}.en.md"
    zh_path.write_text(zh, encoding="utf-8")
    en_path.write_text(en, encoding="utf-8")
    return zh_path, en_path


def messages(docs: Path) -> list[str]:
    return [str(problem) for problem in all_problems(docs)]


def test_docs_pass_every_content_rule() -> None:
    problems = all_problems(DOCS)
    assert not problems, f"{len(problems)} content problem(s):\n" + "\n".join(map(str, problems))


def test_a_clean_pair_has_no_problem(tmp_path: Path) -> None:
    write_pair(tmp_path)
    assert messages(tmp_path) == []


def test_page_without_twin_is_named(tmp_path: Path) -> None:
    (tmp_path / "lonely.md").write_text(ZH_PAGE, encoding="utf-8")
    assert messages(tmp_path) == [f"{tmp_path / 'lonely.md'}:1: [twin] missing its English twin lonely.en.md"]


def test_english_page_without_twin_is_named(tmp_path: Path) -> None:
    (tmp_path / "lonely.en.md").write_text(EN_PAGE, encoding="utf-8")
    assert messages(tmp_path) == [f"{tmp_path / 'lonely.en.md'}:1: [twin] missing its Chinese twin lonely.md"]


def test_missing_heading_id_names_file_and_line(tmp_path: Path) -> None:
    zh, _ = write_pair(tmp_path, zh=ZH_PAGE.replace(" {#alibi}", ""))
    found = messages(tmp_path)
    assert f"{zh}:12: [heading-id] '##' heading has no explicit {{#id}}" in found


def test_duplicate_id_is_named(tmp_path: Path) -> None:
    zh, en = write_pair(tmp_path, ZH_PAGE.replace("{#alibi}", "{#rope-idea}"), EN_PAGE.replace("{#alibi}", "{#rope-idea}"))
    found = messages(tmp_path)
    assert f"{zh}:12: [heading-id] duplicate id 'rope-idea'" in found
    assert f"{en}:12: [heading-id] duplicate id 'rope-idea'" in found


def test_id_must_be_lower_case_ascii(tmp_path: Path) -> None:
    zh, _ = write_pair(tmp_path, zh=ZH_PAGE.replace("{#alibi}", "{#ALiBi_bias}"), en=EN_PAGE.replace("{#alibi}", "{#ALiBi_bias}"))
    assert f"{zh}:12: [heading-id] id 'ALiBi_bias' is not lower-case ASCII words joined by '-'" in messages(tmp_path)


def test_mismatched_twin_ids_name_both_ids(tmp_path: Path) -> None:
    _, en = write_pair(tmp_path, en=EN_PAGE.replace("{#alibi}", "{#alibi-bias}"))
    assert messages(tmp_path) == [f"{en}:12: [twin-ids] question 2 has id 'alibi-bias' but page.md has 'alibi'"]


def test_question_missing_from_one_twin_is_named(tmp_path: Path) -> None:
    en_without_alibi = EN_PAGE.split("## What is ALiBi?")[0]
    zh, _ = write_pair(tmp_path, en=en_without_alibi)
    assert messages(tmp_path) == [f"{zh}:1: [twin-ids] id 'alibi' has no counterpart in page.en.md"]


def test_front_matter_needs_title_and_description(tmp_path: Path) -> None:
    zh, _ = write_pair(tmp_path, zh=ZH_PAGE.replace("description: 测试页面。\n", ""))
    assert messages(tmp_path) == [f"{zh}:1: [front-matter] front matter has no non-empty 'description'"]


def test_a_page_edited_during_a_session_is_read_again(tmp_path: Path) -> None:
    zh, _ = write_pair(tmp_path)
    assert [heading.id for heading in read_source(zh).questions] == ["rope-idea", "alibi"]
    zh.write_text(ZH_PAGE.replace("{#alibi}", "{#alibi-bias}"), encoding="utf-8")
    assert [heading.id for heading in read_source(zh).questions] == ["rope-idea", "alibi-bias"]


def test_headings_inside_code_fences_are_ignored(tmp_path: Path) -> None:
    fenced = ZH_PAGE + "\n```markdown\n## 示例标题\n```\n"
    write_pair(tmp_path, zh=fenced)
    assert messages(tmp_path) == []


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("使用LoRA 微调。", "cjk-latin-space"),
        ("微调7B 模型。", "cjk-latin-space"),
        ("见[LoRA](lora.md)一节。", "cjk-latin-space"),
        ("调用`generate`即可。", "cjk-latin-space"),
        ("旋转位置编码(RoPE) 很常用。", "full-width-punct"),
        ("公式如下:", "full-width-punct"),
        ("是什么?", "full-width-punct"),
        ("这个⼤模型。", "lookalike"),
        ("微信扫一扫，关注公众号。", "chrome"),
    ],
)
def test_typography_rules_flag_chinese_prose(tmp_path: Path, line: str, rule: str) -> None:
    zh, _ = write_pair(tmp_path, zh=ZH_PAGE + f"\n{line}\n")
    assert any(f"{zh}:16: [{rule}]" in message for message in messages(tmp_path))


@pytest.mark.parametrize(
    "line",
    [
        "使用 LoRA 微调 7B 模型，见 [LoRA](lora.md) 一节。",
        "调用 `generate()` 即可：参数量 $N=7\\times10^9$ 的模型。",
        "旋转位置编码（RoPE）很常用。",
        "```python",
    ],
)
def test_typography_rules_accept_well_formed_prose(tmp_path: Path, line: str) -> None:
    page = ZH_PAGE + f"\n{line}\n" + ("x=1\n```\n" if line.startswith("```") else "")
    write_pair(tmp_path, zh=page)
    assert messages(tmp_path) == []


def test_code_and_math_are_not_prose() -> None:
    assert prose_of("参数 `a(b)` 与 $f(x)$ 以及 [链接](x.md#y)") == "参数 X 与 X 以及 链接"


def test_english_pages_skip_chinese_typography(tmp_path: Path) -> None:
    write_pair(tmp_path, en=EN_PAGE + "\nUse LoRA(low-rank) adapters: cheap.\n")
    assert messages(tmp_path) == []


def test_structural_problems_leave_typography_to_the_tests(tmp_path: Path) -> None:
    write_pair(tmp_path, zh=ZH_PAGE + "\n使用LoRA微调。\n")
    assert structural_problems(tmp_path) == []
    assert messages(tmp_path)


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("什么是 ALiBi？\n---------", "underlined heading: write the question as '## Question {#id}'"),
        ("##什么是 ALiBi？", "'##' heading has no explicit {#id}"),
    ],
)
def test_every_way_of_writing_a_question_heading_is_checked(tmp_path: Path, replacement: str, message: str) -> None:
    zh, _ = write_pair(tmp_path, zh=ZH_PAGE.replace("## 什么是 ALiBi？ {#alibi}", replacement))
    assert f"{zh}:12: [heading-id] {message}" in messages(tmp_path)


def test_a_sub_heading_may_not_reuse_a_question_id(tmp_path: Path) -> None:
    zh, _ = write_pair(tmp_path, zh=ZH_PAGE + "\n### 细节 {#rope-idea}\n\n更多。\n")
    assert f"{zh}:16: [heading-id] duplicate id 'rope-idea'" in messages(tmp_path)


def test_rules_and_tables_are_not_headings(tmp_path: Path) -> None:
    body = "\n| a | b |\n|---|---|\n| 1 | 2 |\n\n段落。\n\n---\n\n- 列表\n---\n"
    write_pair(tmp_path, zh=ZH_PAGE + body)
    assert messages(tmp_path) == []


def test_rendered_ids_shared_by_two_elements_are_found() -> None:
    rendered = '<h2 id="rope-idea">Q</h2><p>x</p><h3 id="rope-idea">Sub</h3><svg><marker id="arrow"/></svg><h2 id="alibi">'
    assert duplicate_ids(rendered) == ["rope-idea"]


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ('<svg viewBox="0 0 10 10"><rect/></svg>', 'SVG figure needs role="img" and a non-empty aria-label'),
        ('<svg role="img" aria-label="" viewBox="0 0 10 10"></svg>', 'SVG figure needs role="img" and a non-empty aria-label'),
        ('<svg role="img" aria-label="RoPE rotation" viewBox="0 0 10 10"></svg>', "the figure's aria-label should be in Chinese"),
    ],
)
def test_figures_need_a_text_alternative_in_the_page_language(tmp_path: Path, figure: str, message: str) -> None:
    zh, _ = write_pair(tmp_path, zh=ZH_PAGE + "\n" + figure + "\n")
    assert f"{zh}:16: [figure-alt] {message}" in messages(tmp_path)


def test_an_english_figure_label_has_no_chinese(tmp_path: Path) -> None:
    _, en = write_pair(tmp_path, en=EN_PAGE + '\n<svg role="img" aria-label="旋转示意"></svg>\n')
    assert f"{en}:16: [figure-alt] the figure's aria-label should be in English" in messages(tmp_path)
