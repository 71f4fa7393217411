"""Screenshots of each journey's end state, for a person to look at after a run: written to
the git-ignored ``artifacts/browser/`` folder on every run (CI keeps the folder)."""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"


def end_state(page, name: str) -> Path:
    """The whole page as the journey left it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
