"""Parsing in worker processes: what acftu build starts early is collected by the asset, never parsed twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import incremental, parsing
from tests.conftest import BULLETIN_ID, RAW

BAD = Path(__file__).parent / "bad_inputs" / "no_case_footers" / "raw" / BULLETIN_ID
BAD_ID = "no-case-footers"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """The repository's bulletin and one without case footers (which cannot be parsed)."""
    raw = tmp_path / "raw"
    shutil.copytree(RAW / BULLETIN_ID, raw / BULLETIN_ID)
    shutil.copytree(BAD, raw / BAD_ID)
    meta = raw / BAD_ID / "bulletin.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(BULLETIN_ID, BAD_ID), encoding="utf-8")
    return raw


def keys_of(raw: Path) -> dict[str, incremental.BulletinKey]:
    return {p.name: incremental.bulletin_key(raw, p.name) for p in sorted(raw.iterdir())}


def test_started_parses_are_collected_with_their_errors_and_not_parsed_again(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    keys = keys_of(raw)
    parsing.start(raw, out, list(keys.values()))
    submitted: list[list[str]] = []
    real = parsing._submit
    monkeypatch.setattr(parsing, "_submit", lambda r, o, k: submitted.append([x.bulletin_id for x in k])
                        or real(r, o, k))
    stale, errors = parsing.parse_stale(raw, out, keys)
    assert [k.bulletin_id for k in stale] == list(keys) and submitted == []
    assert errors[BULLETIN_ID] is None and "no case" in errors[BAD_ID]
    assert incremental.is_cached(out, keys[BULLETIN_ID]) and parsing._started is None
    # The rows come back joined, the bulletin that failed left out; taken once.
    (rows,) = parsing.take_rows(out)
    assert rows.keys == [keys[BULLETIN_ID].as_tuple()] and parsing.take_rows(out) == []
    cached = incremental.load_cached(out, keys[BULLETIN_ID])
    for table, frame in cached.items():
        pd.testing.assert_frame_equal(rows.frames[table], frame)
        assert rows.signatures[table] == {BULLETIN_ID: tuple(frame.dtypes.items())}
    # Parsed before: not stale; a changed key is parsed now (what was started for the old key
    # does not count).
    assert parsing.parse_stale(raw, out, {BULLETIN_ID: keys[BULLETIN_ID]}) == ([], {})
    parsing.start(raw, out, [keys[BULLETIN_ID]])
    changed = {}
    changed[BULLETIN_ID] = incremental.BulletinKey(*keys[BULLETIN_ID].as_tuple()[:3], "another-parser")
    stale, errors = parsing.parse_stale(raw, out, changed)
    assert [k.bulletin_id for k in stale] == [BULLETIN_ID] and errors == {BULLETIN_ID: None}
    assert submitted == [[BULLETIN_ID], [BULLETIN_ID]]  # started for the old key, then parsed again


def test_started_parses_of_other_folders_are_left_alone_and_stop_ends_them(raw, tmp_path):
    keys = keys_of(raw)
    parsing.start(raw, tmp_path / "elsewhere", [keys[BULLETIN_ID]])
    stale, errors = parsing.parse_stale(raw, tmp_path / "out", {BULLETIN_ID: keys[BULLETIN_ID]})
    assert errors == {BULLETIN_ID: None} and parsing._started is not None
    parsing.stop()
    assert parsing._started is None
