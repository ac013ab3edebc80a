"""Fixtures shared by the test modules."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: fixtures that run the pipeline, load the NER model or execute notebooks: a test using one is slow
SLOW_FIXTURES = frozenset({"seed_outputs", "tagger", "data_copy"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that needs a slow fixture, so `make test-fast` skips it without a list."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory) -> Path:
    """`make all` on the seeds into a temporary folder, once per session.

    Tests that need the intermediate files (``interim/``, not committed) read them here; the run is also
    what the end-to-end tests compare with the committed ``data/``.
    """
    folder = tmp_path_factory.mktemp("seed-outputs")
    done = subprocess.run(
        ["make", "--no-print-directory", "all", f"OUT={folder}"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder
