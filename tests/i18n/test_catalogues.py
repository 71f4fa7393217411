"""Both message catalogues are complete and compiled from their current source."""

import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


CATALOGUES = [
    ("id", "django"), ("en", "django"), ("wagtail/id", "django"), ("wagtail/id", "djangojs"),
    ("allauth/id", "django"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_catalogue_is_complete(language, domain):
    po = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "translated messages" in result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.parametrize(("language", "domain"), CATALOGUES)
def test_compiled_catalogue_matches_its_source(language, domain, tmp_path):
    """Also our Indonesian for Wagtail's untranslated admin messages (locale/wagtail/id)."""
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(
        ["msgfmt", "-o", str(compiled), str(folder / f"{domain}.po")],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == (folder / f"{domain}.mo").read_bytes(), (
        "run `make messages` and commit the .mo file"
    )
