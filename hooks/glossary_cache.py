"""Each page's term links, kept between builds.

Finding the terms in a page is most of what the glossary adds to a build. A rebuild reuses
what was found in a page whose HTML is unchanged; the cache file is named after everything
else the links depend on (the glossary data and the code that finds them), so changing
either starts a new file. What is stored is where the links go, not the linked HTML: the
markup is written anew on every build.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from glossary_links import Link, Mention


def fingerprint(sources: list[Path]) -> str:
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def html_digest(page_html: str) -> str:
    return hashlib.sha256(page_html.encode("utf-8")).hexdigest()[:32]


class LinkCache:
    """Found links per page (`key`: language and source path), valid for the page's HTML."""

    PREFIX = "glossary-links-"

    def __init__(self, cache_dir: Path, depends_on: list[Path]) -> None:
        self.cache_dir = cache_dir
        self.path = cache_dir / f"{self.PREFIX}{fingerprint(depends_on)}.json"
        self.saved: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}
        self.stored = dict(self.saved)
        self.used: dict[str, dict] = {}  # the entries of this build, which alone are saved

    def get(self, key: str, page_html: str) -> tuple[list[Link], list[Mention]] | None:
        entry = self.stored.get(key)
        if entry is None or entry["html"] != html_digest(page_html):
            return None
        self.used[key] = entry
        return [Link(*link) for link in entry["links"]], [Mention(*mention) for mention in entry["mentions"]]

    def put(self, key: str, page_html: str, links: list[Link], mentions: list[Mention]) -> None:
        entry = {
            "html": html_digest(page_html),
            "links": [[link.start, link.end, link.term_id] for link in links],
            "mentions": [[mention.term_id, mention.section_id, mention.section_title] for mention in mentions],
        }
        self.stored[key] = self.used[key] = entry

    def save(self) -> None:
        """Write this build's entries if they differ from the file's, and drop older files."""
        if self.used != self.saved:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.used, ensure_ascii=False), encoding="utf-8")
            self.saved = dict(self.used)
        for stale in self.cache_dir.glob(f"{self.PREFIX}*.json"):
            if stale != self.path:
                stale.unlink()
