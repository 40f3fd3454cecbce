"""Default locations inside a clone of the repository (the command line and ``make`` use these)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RAW = REPO_ROOT / "raw"
DEFAULT_OUT = REPO_ROOT / "outputs"
