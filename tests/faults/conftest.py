"""Fixtures of the fault tests: a published release to break, copied fresh for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.build import build_release
from tests.conftest import RAW


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """A release built once per test module from the repository's raw folder."""
    out = tmp_path_factory.mktemp("previous")
    build_release(RAW, out)
    return out


@pytest.fixture
def out(previous, tmp_path) -> Path:
    """A copy of ``previous`` for one test to build over."""
    target = tmp_path / "out"
    shutil.copytree(previous, target)
    return target
