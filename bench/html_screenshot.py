"""Render an HTML report in a real headless browser and take a screenshot (Debian's Chromium).

    python bench/html_screenshot.py [ARTICLES...] [--out bench/out/report.png]

Checks what a test cannot: that the page lays out in a browser with no network
(every asset inline), that the kind filter works without script, and that an
article's markup shows as text. It writes the HTML and a PNG under bench/out/
and prints their paths; it exits 1 when no Chromium is installed
(``apt-get install chromium``) or the browser fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.config import Config  # noqa: E402
from factcheck.pipeline import check, load_backends  # noqa: E402
from factcheck.render import render_html  # noqa: E402

#: The flags Chromium needs here: no network of its own, no sandbox as root, no GPU.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "seeds"])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "report.png")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        print("html_screenshot: no Chromium on PATH (apt-get install chromium)")
        return 1
    config = Config(cache_dir=ROOT / "bench" / "out" / "cache")
    report = check(args.paths, config=config, backends=load_backends(config))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    page = args.out.with_suffix(".html")
    page.write_text(render_html(report), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={args.out}",
               "--window-size=1280,2400", page.resolve().as_uri()]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        dom = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    if done.returncode != 0 or not args.out.is_file():
        print(f"html_screenshot: chromium failed ({done.returncode}): {done.stderr.strip()[-300:]}")
        return 1
    sections = dom.stdout.count('<section class="finding')
    print(f"wrote {page} and {args.out} ({args.out.stat().st_size} bytes); the browser's DOM has {sections} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
