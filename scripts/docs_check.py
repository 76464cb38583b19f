"""``make docs-check``: open the built site (``site/``) in headless Chromium and check that a
page renders its navigation and its search box, as a reader's browser would show them.

Serves ``site/`` on 127.0.0.1 (a free port), loads each page with ``chromium --headless
--dump-dom`` (scripts run, so what is checked is the DOM after Material's JavaScript), and
fails naming what is missing. ``--screenshot PATH`` also saves a PNG of the first page.

Needs Debian's ``chromium`` (``apt-get install -y chromium``); exits 2 when it is missing.
tests/test_docs.py runs the same check when Chromium and a built site are present.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
PAGES = ("", "guides/getting-started/", "reference/client/", "reference/models/TaskDto/")
# What a rendered Material page must contain: the primary navigation with the site's sections,
# and the search box.
EXPECTED = {
    "navigation": 'class="md-nav md-nav--primary"',
    "navigation entry for the guides": "Getting started",
    "navigation entry for the reference": "AstravueClient",
    "search box": 'class="md-search__input"',
    "search index hookup": 'data-md-component="search-query"',
}


def chromium() -> str | None:
    """The Chromium executable, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 until the block ends; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def render(url: str, *, screenshot: Path | None = None) -> str:
    """The DOM of ``url`` after its scripts ran, as headless Chromium sees it."""
    executable = chromium()
    if executable is None:
        raise FileNotFoundError("chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="docs-check-") as profile:
        argv = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
        ]
        if screenshot is not None:
            subprocess.run(  # noqa: S603 - Chromium on our own local page
                [*argv, "--window-size=1280,900", f"--screenshot={screenshot}", url],
                capture_output=True,
                timeout=120,
                check=True,
            )
        result = subprocess.run(  # noqa: S603 - Chromium on our own local page
            [*argv, "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    return result.stdout


def missing(dom: str) -> list[str]:
    """What of :data:`EXPECTED` the page lacks."""
    return [what for what, marker in EXPECTED.items() if marker not in dom]


def check(site: Path = SITE, *, screenshot: Path | None = None) -> list[str]:
    """Problems found on the pages of ``site`` (empty when every page renders)."""
    problems = []
    with serve(site) as base:
        for number, page in enumerate(PAGES):
            dom = render(base + page, screenshot=screenshot if number == 0 else None)
            problems += [f"/{page}: no {what}" for what in missing(dom)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default site/)")
    parser.add_argument("--screenshot", type=Path, help="also save a PNG of the home page")
    args = parser.parse_args(argv)
    if chromium() is None:
        print(
            "docs-check: chromium is not installed (apt-get install -y chromium)", file=sys.stderr
        )
        return 2
    if not (args.site / "index.html").is_file():
        print(f"docs-check: no site in {args.site}; run `make docs` first", file=sys.stderr)
        return 2
    problems = check(args.site, screenshot=args.screenshot)
    for problem in problems:
        print(f"docs-check: {problem}", file=sys.stderr)
    if not problems:
        print(f"docs-check: {len(PAGES)} pages render their navigation and search box")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
