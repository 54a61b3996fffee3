"""Every Python block in docs/ compiles; the ones that need only the standard library and numpy run.

The conventions a writer follows (README, "Add a question"):

- A ```python block whose imports are all standard library or numpy is executed in a fresh
  interpreter (working directory: an empty temporary folder, 60 s timeout). It must run as
  written: define what it uses, print what the answer quotes.
- A comment after a top-level ``print(...)`` that starts with a number quotes the output: its
  leading numbers must be what that line prints, exactly as printed (``print(round(x, 2))  # 0.37``
  passes, ``# 0.4`` fails; ``...`` ends the quote early). A comment that starts with a word is
  a remark and is not compared.
- A block that imports anything else is only compiled. Above it, inside the same question,
  the page must name each such package with the version the code was written for
  (``transformers 5.x``, ``torch 2.x``), so that a reader knows what it needs.
- The Chinese page and its English twin carry the same blocks in the same order; they may
  differ only in comments and string literals.
"""

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DOCS

RUNS_IN_SUITE = frozenset(sys.stdlib_module_names) | {"numpy"}
TIMEOUT_SECONDS = 60
FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^\s`{]*)")
PYTHON_INFO = {"python", "py", "python3"}
# Import name -> names a page may use for the package (the import name itself, and the
# import name with "_" written as "-", are always accepted).
PACKAGE_NAMES = {
    "torch": ("PyTorch",),
    "sklearn": ("scikit-learn",),
    "fitz": ("PyMuPDF",),
    "pymupdf": ("PyMuPDF",),
    "cv2": ("opencv-python", "OpenCV"),
    "PIL": ("Pillow",),
    "yaml": ("PyYAML",),
    "bs4": ("beautifulsoup4",),
}
VERSION_AFTER_NAME = r"\s*(?:==|>=|~=|<=|<)?\s*v?\d+\.(?:\d+|x)"
NUMBER = re.compile(r"(?<![\w.\-])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
# The quoted output at the start of a comment: numbers, brackets, separators and an ellipsis.
QUOTED_OUTPUT = re.compile(r"^(?:\s|[\[\](){},'\"/%]|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\.\.|…)*")
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
MARK = "\x1e"


@dataclass(frozen=True)
class Block:
    page: Path  # relative to docs/
    line: int  # line of the opening fence, 1-based
    code: str
    context: str  # the question's text above the block, python blocks left out

    @property
    def id(self) -> str:
        return f"{self.page.as_posix()}:{self.line}"


def python_blocks(path: Path, docs: Path = DOCS) -> list[Block]:
    """The ```python blocks of one page, dedented, with the text of their question above them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    context: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = FENCE_OPEN.match(line)
        if not opened:
            context = [] if line.startswith("## ") else context
            context.append(line)
            index += 1
            continue
        indent, fence, info = opened["indent"], opened["fence"], opened["info"].lower()
        end = index + 1
        while end < len(lines) and not (
            lines[end].strip().startswith(fence) and lines[end].strip().strip(fence[0]) == ""
        ):
            end += 1
        body = [text[len(indent) :] if text.startswith(indent) else text.lstrip() for text in lines[index + 1 : end]]
        if info in PYTHON_INFO:
            blocks.append(Block(path.relative_to(docs), index + 1, "\n".join(body) + "\n", "\n".join(context)))
        else:
            context.extend(lines[index : end + 1])
        index = end + 1
    return blocks


def all_blocks(docs: Path = DOCS) -> list[Block]:
    return [block for page in sorted(docs.rglob("*.md")) for block in python_blocks(page, docs)]


def imported_packages(code: str) -> set[str]:
    """Top-level names of every absolute import in the block, wherever it appears."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def third_party(code: str) -> set[str]:
    return imported_packages(code) - RUNS_IN_SUITE


def unnamed_requirements(block: Block) -> list[str]:
    """Third-party packages of a block that its question does not name with a version."""
    missing = []
    for package in sorted(third_party(block.code)):
        names = {package, package.replace("_", "-"), *PACKAGE_NAMES.get(package, ())}
        spelled = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{spelled})(?![\w-]){VERSION_AFTER_NAME}", re.IGNORECASE)
        if not pattern.search(block.context):
            missing.append(package)
    return missing


def print_comments(code: str) -> dict[int, str]:
    """Line -> trailing comment, for top-level print(...) statements that have one."""
    comments = {
        token.start[0]: token.string.lstrip("#").strip()
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type == tokenize.COMMENT
    }
    lines = {}
    for node in ast.parse(code).body:
        if is_print(node) and node.end_lineno in comments:
            lines[node.lineno] = comments[node.end_lineno]
    return lines


def is_print(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "print"
    )


def numbers(text: str) -> list[str]:
    return NUMBER.findall(THOUSANDS.sub("", text))


def quoted_numbers(comment: str) -> list[str]:
    """The numbers a comment quotes at its start, up to the first word or ellipsis."""
    quote = QUOTED_OUTPUT.match(THOUSANDS.sub("", comment))[0]
    return numbers(re.split(r"\.\.\.|…", quote)[0])


def misquoted_prints(code: str, printed: dict[int, str]) -> list[str]:
    """Print comments whose leading numbers are not the numbers that line printed."""
    problems = []
    for line, comment in print_comments(code).items():
        quoted, actual = quoted_numbers(comment), numbers(printed.get(line, ""))
        if quoted and actual[: len(quoted)] != quoted:
            problems.append(f"line {line} prints {printed.get(line, '').strip()!r} but its comment says {comment!r}")
    return problems


# Runs one block: top-level prints are bracketed by markers so that each one's output can
# be told apart; line numbers are shifted so that tracebacks name the page's own lines.
RUNNER = f"""
import ast, sys
source_path, page, first_line = sys.argv[1], sys.argv[2], int(sys.argv[3])
tree = ast.parse(open(source_path, encoding="utf-8").read())
body = []
for node in tree.body:
    if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id == "print"):
        body.append(ast.parse(f"__mark__({{node.lineno}})").body[0])
        body.append(node)
        body.append(ast.parse("__mark__(0)").body[0])
    else:
        body.append(node)
tree.body = body
ast.fix_missing_locations(tree)
ast.increment_lineno(tree, first_line)
def __mark__(line):
    sys.stdout.flush()
    sys.stdout.write({MARK!r} + str(line) + {MARK!r})
exec(compile(tree, page, "exec"), {{"__name__": "__main__", "__mark__": __mark__}})
"""


def split_marked(stdout: str) -> tuple[str, dict[int, str]]:
    """Plain output, and the output of each marked top-level print by its line in the block."""
    parts = stdout.split(MARK)
    plain, printed, current = [parts[0]], {}, 0
    for position in range(1, len(parts), 2):
        current = int(parts[position])
        text = parts[position + 1] if position + 1 < len(parts) else ""
        if current:
            printed[current] = printed.get(current, "") + text
        plain.append(text)
    return "".join(plain), printed


def run_block(block: Block, workdir: Path) -> tuple[subprocess.CompletedProcess[str], str, dict[int, str]]:
    source = workdir / "snippet.py"
    source.write_text(block.code, encoding="utf-8")
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(source), f"docs/{block.id}", str(block.line)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    plain, printed = split_marked(result.stdout)
    return result, plain, printed


def normalized(code: str) -> str:
    """The block's syntax tree with every string literal blanked: comments and text may differ."""
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    return ast.dump(tree)


def parses(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


BLOCKS = all_blocks()
# A block that does not parse fails test_block_compiles and is neither run nor checked further.
EXECUTED = [block for block in BLOCKS if parses(block.code) and not third_party(block.code)]
COMPILED_ONLY = [block for block in BLOCKS if parses(block.code) and third_party(block.code)]
ZH_PAGES = sorted(path for path in DOCS.rglob("*.md") if not path.name.endswith(".en.md"))


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.id)
def test_block_compiles(block: Block) -> None:
    try:
        compile(block.code, f"docs/{block.id}", "exec", dont_inherit=True)
    except SyntaxError as error:
        pytest.fail(f"docs/{block.page}:{block.line + (error.lineno or 0)}: {error.msg}")


@pytest.mark.parametrize("block", EXECUTED, ids=lambda block: block.id)
def test_block_runs_and_prints_what_it_says(block: Block, tmp_path: Path) -> None:
    result, plain, printed = run_block(block, tmp_path)
    assert result.returncode == 0, f"docs/{block.id} failed:\n{result.stderr[-3000:]}"
    problems = misquoted_prints(block.code, printed)
    assert not problems, f"docs/{block.id}:\n" + "\n".join(problems) + f"\n--- output ---\n{plain}"


@pytest.mark.parametrize("block", COMPILED_ONLY, ids=lambda block: block.id)
def test_block_names_what_it_needs(block: Block) -> None:
    missing = unnamed_requirements(block)
    assert not missing, (
        f"docs/{block.id} imports {', '.join(missing)}: name each package with the version the code "
        "was written for (e.g. 'transformers 5.x') in the question's text above the block"
    )


@pytest.mark.parametrize("zh_page", ZH_PAGES, ids=lambda path: path.relative_to(DOCS).as_posix())
def test_twins_carry_the_same_code(zh_page: Path) -> None:
    en_page = zh_page.with_name(zh_page.name[: -len(".md")] + ".en.md")
    if not en_page.exists():
        pytest.skip("no English twin (reported by test_content)")
    zh_blocks, en_blocks = python_blocks(zh_page), python_blocks(en_page)
    assert len(zh_blocks) == len(en_blocks), (
        f"{zh_page.name} has {len(zh_blocks)} Python blocks, {en_page.name} has {len(en_blocks)}"
    )
    for zh_block, en_block in zip(zh_blocks, en_blocks):
        assert normalized(zh_block.code) == normalized(en_block.code), (
            f"docs/{zh_block.id} and docs/{en_block.id} differ in more than comments and strings"
        )


# ---- the checks themselves, on small pages ----

PAGE = """---
title: T
description: D.
---

# T

## First question? {#first}

Plain NumPy:

```python
import numpy as np

print(np.arange(3).sum())  # 3
```

## Second question? {#second}

This needs transformers 5.x and a model download.

    ```python
    from transformers import AutoTokenizer
    import torch
    ```
"""


def test_blocks_are_found_with_their_question(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text(PAGE, encoding="utf-8")
    first, second = python_blocks(page, tmp_path)
    assert (first.id, second.id) == ("p.md:12", "p.md:22")
    assert "Plain NumPy" in first.context and "transformers 5.x" not in first.context
    assert second.code.startswith("from transformers")
    assert third_party(first.code) == set() and third_party(second.code) == {"transformers", "torch"}
    assert unnamed_requirements(second) == ["torch"]


def test_a_package_must_be_named_with_a_version() -> None:
    block = Block(Path("p.md"), 1, "import torch\nimport langchain_core\n", "Needs PyTorch 2.x and langchain-core.")
    assert unnamed_requirements(block) == ["langchain_core"]
    named = Block(Path("p.md"), 1, "import langchain_core\n", "需要 langchain-core 1.x（仅编译）。")
    assert unnamed_requirements(named) == []


def test_a_misquoted_print_is_named(tmp_path: Path) -> None:
    code = (
        "x = 0.1 + 0.2\n"
        "print(x)  # 0.3\n"
        "print(round(x, 2))  # 0.3（四舍五入）\n"
        "print('n =', 7, 'of', 2000)  # 7 of them; see step 5\n"
        "print(list(range(10)))  # [0, 1, 2, ..., 9]\n"
        "print(196)  # ViT-B/16: 14 x 14 patches\n"
        "print(32000)  # 32,000 pieces\n"
        "for i in range(2):\n"
        "    print(i)  # 5 (inside a loop: not compared)\n"
    )
    result, plain, printed = run_block(Block(Path("p.md"), 10, code, ""), tmp_path)
    assert result.returncode == 0 and plain.startswith("0.30000000000000004\n0.3\nn = 7 of 2000\n")
    assert misquoted_prints(code, printed) == [
        "line 2 prints '0.30000000000000004' but its comment says '0.3'"
    ]
    assert misquoted_prints("print(3)  # 3.0\n", {1: "3\n"}) == ["line 1 prints '3' but its comment says '3.0'"]


def test_a_failing_block_reports_the_page_line(tmp_path: Path) -> None:
    result, _, _ = run_block(Block(Path("p.md"), 40, "x = 1\nraise ValueError('boom')\n", ""), tmp_path)
    assert result.returncode != 0
    assert 'File "docs/p.md:40", line 42' in result.stderr


def test_twin_code_may_differ_only_in_text() -> None:
    zh = "def f(x):\n    return x  # 返回\nprint(f('你好'))\n"
    assert normalized(zh) == normalized("def f(x):\n    return x  # return\nprint(f('hello'))\n")
    assert normalized(zh) != normalized("def f(x):\n    return x + 1\nprint(f('hello'))\n")


def test_a_block_that_does_not_parse_is_reported_not_crashed() -> None:
    assert not parses("def f(:\n    pass\n") and parses("x = 1\n")
