"""Shared fixtures: the raw bulletin of this repository and the gold labels copied under tests/gold."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from hypothesis import settings

# NOTE: the machine CI runs on is shared; a per-example deadline turns load into failures. Speed is
# measured by the benchmarks, not by tests, so examples have no deadline.
settings.register_profile("acftu", deadline=None)
settings.load_profile("acftu")
# NOTE: CI runs each property of tests/text with a bounded number of examples (derandomized where a
# test says so). ACFTU_HYPOTHESIS_SCALE=N runs N times as many, drawn at random (vary
# --hypothesis-seed), for a local hunt for counterexamples; CI does not set it.
HYPOTHESIS_SCALE = max(1, int(os.environ.get("ACFTU_HYPOTHESIS_SCALE", "1")))


def examples(n: int) -> int:
    """The number of examples a property runs: ``n`` in CI, more in a local hunt."""
    return n * HYPOTHESIS_SCALE

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
GOLD = TESTS / "gold"
RAW = REPO / "raw"
BULLETIN_ID = "acftu-innovation-cases-2024-04-26"


def read_gold_cases() -> list[dict]:
    with open(GOLD / "seed_cases.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_gold_figures() -> list[dict]:
    with open(GOLD / "seed_figures.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_gold_about() -> list[dict]:
    """Hand labels of basis, per and measure, keyed like seed_figures.csv (seq, start, end)."""
    with open(GOLD / "seed_figures_about.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_gold_preface() -> str:
    return (GOLD / "seed_preface.txt").read_text(encoding="utf-8").strip()


@pytest.fixture(scope="session")
def gold_cases() -> list[dict]:
    return read_gold_cases()


@pytest.fixture(scope="session")
def gold_preface() -> str:
    return read_gold_preface()


@pytest.fixture(scope="session")
def raw_text() -> str:
    return (RAW / BULLETIN_ID / "bulletin.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def frames():
    """The bulletins, cases and figures rows of the repository's bulletin (plain functions, no Dagster)."""
    from pipeline.sources import load_snapshot
    from pipeline.tables import bulletins_frame, cases_frame, figures_frame, parse_bulletin

    parsed = parse_bulletin(load_snapshot(RAW, BULLETIN_ID))
    b = bulletins_frame(parsed)
    c = cases_frame(parsed)
    return b, c, figures_frame(b, c)
