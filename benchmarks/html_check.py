"""Does ``graph.html`` draw in a real browser, and how fast? A check in headless Chromium.

The page (:mod:`pipeline.html_view`) sets a marker when vis-network has drawn the graph for the first time:
``<body data-drawn-ms="…">``, the milliseconds since navigation start (the browser's own clock, so the time
to read and parse the page is included). This script opens the page in headless Chromium, lets it run for
``--seconds`` of page time, dumps the DOM and reports whether the marker is there and its time, with the
page's size, Chromium's wall time and what the page says it shows; ``--screenshot FILE`` also saves a PNG
of the same view to look at. Exit status 0 when the page drew within ``--seconds``, 1 when it did not, 2
when Chromium is missing.

Chromium is not installed on CI machines, so this is a check to run by hand (Debian:
``apt-get install chromium``), not a test::

    python -m benchmarks.html_check data --screenshot /tmp/seeds.png
    python -m benchmarks.html_check /tmp/detik --view all --screenshot /tmp/detik-all.png

``--view`` opens the page on another view through its address fragment: ``all`` (every entity), ``n=300``
(the 300 first entities) or ``find=NAME`` (an entity found by the search box).
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_DRAWN = re.compile(r'<body\b[^>]*\bdata-drawn-ms="(\d+)"')
_COUNT = re.compile(r'<span id="kabar-count">([^<]*)</span>')
_FOUND = re.compile(r'<span id="kabar-found">([^<]*)</span>')


@dataclass(frozen=True)
class Check:
    """The outcome of one opening of the page."""

    page_bytes: int
    drawn_ms: int | None  # the page's clock when it first drew; None when it never did
    wall_s: float  # Chromium's whole run, start-up and the time budget included
    shown: str  # what the page says it shows ("76 of 2,117 entities, 88 of 4,179 links shown")
    found: str = ""  # what the search box found (``view="find=NAME"``): "Joko Widodo (by alias)"

    def drew_within(self, seconds: float) -> bool:
        return self.drawn_ms is not None and self.drawn_ms <= seconds * 1000


def find_browser(given: str | None = None) -> str | None:
    """The Chromium executable: ``given``, else the first of :data:`BROWSERS` on the PATH."""
    if given:
        return shutil.which(given) or (given if Path(given).is_file() else None)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def _command(browser: str, url: str, seconds: float, window: str, *extra: str) -> list[str]:
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--window-size={window}",
        f"--virtual-time-budget={int(seconds * 1000)}",
        *extra,
        url,
    ]


def check(
    page: Path,
    browser: str,
    seconds: float = 10.0,
    view: str = "",
    window: str = "1400,900",
    screenshot: Path | None = None,
) -> Check:
    """Open ``page`` in headless ``browser`` and report whether and when it drew (see the module doc).

    Chromium is given ``seconds`` of page time (``--virtual-time-budget``) and a wall-clock limit of
    ``seconds`` plus a minute for start-up; a run past it counts as not drawn.
    """
    url = page.resolve().as_uri() + (f"#{view}" if view else "")
    with tempfile.TemporaryDirectory() as profile:  # a fresh profile: no cache from an earlier run
        command = _command(browser, url, seconds, window, f"--user-data-dir={profile}", "--dump-dom")
        start = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
            dom = done.stdout
        except subprocess.TimeoutExpired:
            dom = ""
        wall = time.perf_counter() - start
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            shot = _command(
                browser, url, seconds, window, f"--user-data-dir={profile}", f"--screenshot={screenshot}"
            )
            subprocess.run(shot, capture_output=True, timeout=seconds + 60, check=False)
    drawn = _DRAWN.search(dom)
    count, found = _COUNT.search(dom), _FOUND.search(dom)
    return Check(
        page_bytes=page.stat().st_size,
        drawn_ms=int(drawn.group(1)) if drawn else None,
        wall_s=wall,
        shown=html.unescape(count.group(1)) if count else "",
        found=html.unescape(found.group(1)) if found else "",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.html_check", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out", type=Path, help="an output folder (its graph.html) or an HTML file")
    parser.add_argument("--screenshot", type=Path, help="also save a PNG of the page here")
    parser.add_argument("--seconds", type=float, default=10.0, help="page time allowed to draw (default 10)")
    parser.add_argument("--view", default="", help="address fragment: all, n=300, find=NAME (default: none)")
    parser.add_argument("--window", default="1400,900", help="window size WIDTH,HEIGHT (default 1400,900)")
    parser.add_argument("--chromium", help="the browser executable (default: chromium on the PATH)")
    args = parser.parse_args(argv)

    page = args.out / "graph.html" if args.out.is_dir() else args.out
    if not page.is_file():
        print(f"html_check: error: {page} not found", file=sys.stderr)
        return 2
    browser = find_browser(args.chromium)
    if browser is None:
        print("html_check: error: no chromium found (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    result = check(page, browser, args.seconds, args.view, args.window, args.screenshot)
    ok = result.drew_within(args.seconds)
    when = f"drew after {result.drawn_ms} ms" if result.drawn_ms is not None else "did NOT draw"
    print(f"{page}: {result.page_bytes / 1e6:.2f} MB; {when} (page clock, limit {args.seconds:g} s)")
    print(f"  chromium ran {result.wall_s:.1f} s in all; the page shows: {result.shown or '(nothing)'}")
    if args.view.startswith("find="):
        print(f"  the search for {args.view[5:]!r} found: {result.found or '(nothing)'}")
    if args.screenshot is not None:
        print(f"  screenshot: {args.screenshot}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
