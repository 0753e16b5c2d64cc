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
