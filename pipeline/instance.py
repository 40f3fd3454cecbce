"""The one persistent Dagster instance of an output folder, shared by ``acftu build`` and ``make ui``.

``<out>/.dagster/home`` is its ``DAGSTER_HOME``: a ``dagster.yaml`` written here (local SQLite
storage, telemetry off) and the run, event and schedule databases beside it. Every command-line
build is recorded there, so the UI shows its materializations, metadata and check results.

  python -m pipeline.instance [OUT]   writes the dagster.yaml and prints the DAGSTER_HOME folder
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.paths import DEFAULT_OUT

HOME = Path(".dagster") / "home"


def dagster_home(out_dir: Path = DEFAULT_OUT) -> Path:
    return Path(out_dir).resolve() / HOME


def instance_yaml(home: Path) -> str:
    storage = (Path(home) / "storage").as_posix()
    return ("# Written by pipeline/instance.py: the Dagster instance of this output folder.\n"
            "storage:\n"
            "  sqlite:\n"
            f"    base_dir: {storage}\n"
            "telemetry:\n"
            "  enabled: false\n"
            "nux:\n"
            "  enabled: false\n")


def ensure_home(out_dir: Path = DEFAULT_OUT) -> Path:
    """Create ``<out>/.dagster/home/dagster.yaml`` if it is missing or says otherwise; return the home."""
    home = dagster_home(out_dir)
    home.mkdir(parents=True, exist_ok=True)
    text = instance_yaml(home)
    target = home / "dagster.yaml"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        tmp = home / ".dagster.yaml.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    return home


def open_instance(out_dir: Path = DEFAULT_OUT):
    """The persistent ``DagsterInstance`` of ``out_dir`` (use it as a context manager)."""
    import dagster as dg

    return dg.DagsterInstance.from_config(str(ensure_home(out_dir)))


if __name__ == "__main__":
    print(ensure_home(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT))
