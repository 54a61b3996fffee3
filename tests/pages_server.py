"""Serve a built site the way GitHub Pages serves a project site.

- Under a sub-path only (`/<repo>/`); `/<repo>/dir` redirects to `/<repo>/dir/`.
- Any miss is answered with status 404 and the site's root `404.html`.
- Text responses are gzip-compressed when the client accepts it.

Used by the test suite (tests/conftest.py) and by `make benchmark` (scripts/benchmark.py).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    sub_path = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.sub_path):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.sub_path) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        self.send_body(404, "text/html; charset=utf-8", not_found.read_bytes())

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            super().do_GET()  # redirects for directories, 404.html for misses
            return
        self.send_body(200, self.guess_type(str(path)), path.read_bytes())

    def send_body(self, status: int, content_type: str, body: bytes) -> None:
        compress = content_type.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site_dir: Path, sub_path: str) -> Iterator[str]:
    """Serve `site_dir` at http://127.0.0.1:<free port><sub_path> for the duration of the block."""
    handler = functools.partial(type("SiteHandler", (PagesHandler,), {"sub_path": sub_path}), directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{sub_path}"
    finally:
        server.shutdown()
        server.server_close()
