"""Default locations inside a clone of the repository (the command line and ``make`` use these)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RAW = REPO_ROOT / "raw"
DEFAULT_OUT = REPO_ROOT / "outputs"


def display_path(path: str | Path) -> str:
    """A path as messages show it: relative to the working folder when inside it, else absolute."""
    p = Path(path).absolute()
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)
