"""Serve KaTeX from the site itself: add the npm package's files to the build.

KaTeX is installed with `npm ci` (pinned in package.json) rather than committed, and
no page may load it from a CDN, so its dist files are added as generated files.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

KATEX_DIST = Path(__file__).resolve().parent.parent / "node_modules" / "katex" / "dist"
SITE_DIR = "assets/katex"
WANTED = ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js", "fonts/*.woff2")


def katex_sources(dist: Path = KATEX_DIST) -> list[Path]:
    """The KaTeX files the site serves; fail loudly when `npm ci` has not been run."""
    if not (dist / "katex.min.js").is_file():
        raise PluginError(f"KaTeX not found in {dist}: run `npm ci` in the project root first.")
    return sorted(path for pattern in WANTED for path in dist.glob(pattern))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for source in katex_sources():
        uri = f"{SITE_DIR}/{source.relative_to(KATEX_DIST).as_posix()}"
        files.append(File.generated(config, uri, abs_src_path=str(source)))
    return files
