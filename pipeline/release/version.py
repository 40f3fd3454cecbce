"""The dataset version being built, recorded with the date it was cut (not the time of a build)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class DatasetVersion:
    version: str
    created: str

    @property
    def folder(self) -> str:
        return f"v{self.version}"


def current_version() -> DatasetVersion:
    data = yaml.safe_load(resources.files("pipeline.release").joinpath("version.yaml").read_text("utf-8"))
    return DatasetVersion(str(data["version"]), str(data["created"]))
