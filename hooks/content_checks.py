"""Refuse to build a site whose pages break the bilingual structure (see content_rules)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from content_rules import structural_problems


def on_pre_build(config: MkDocsConfig) -> None:
    problems = structural_problems(Path(config.docs_dir))
    if problems:
        listing = "\n".join(f"  {problem}" for problem in problems)
        raise PluginError(f"{len(problems)} content problem(s) in docs/:\n{listing}")
