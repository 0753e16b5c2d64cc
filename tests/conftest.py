"""Shared fixtures. Tests that need the third-party pages in ../shared skip when it is absent."""

import os
from pathlib import Path

import pytest

# Notebook kernels started by nbval inherit this: figures render without a display.
os.environ.setdefault("MPLBACKEND", "agg")

REPO = Path(__file__).resolve().parents[1]
# ... and import this checkout's package, not whichever one the venv was installed from (a second work tree).
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Debian's Chromium, which the browser tests drive through Playwright (no browser download), and its flags.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder beside the repo (real third-party pages), or skip."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"needs the shared corpus at {SHARED}/corpus (not part of the repo)")
    return SHARED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return next(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_page(seed_path):
    import analysis

    return analysis.parse_page(seed_path.read_text(encoding="utf-8"), seed_path.stem)


@pytest.fixture(scope="session")
def shared_corpus(shared_dir):
    import analysis

    return analysis.load_corpus(shared_dir / "corpus")


def open_in_browser(browser, path: Path):
    """Open a file in a fresh page; record dialogs and every request that would leave the disk."""
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    seen = {"dialogs": [], "remote": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    def on_route(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            seen["remote"].append(route.request.url)
            route.abort()

    page.on("dialog", on_dialog)
    page.route("**/*", on_route)
    page.goto(path.as_uri(), wait_until="load")
    return page, seen
