"""Generated files are committed up to date; a stale one fails the check and is named."""

from __future__ import annotations

import pytest

from pipeline.metadata import generate
from pipeline.metadata.generate import GENERATED, REPO_ROOT, main, stale_files, write_generated


def test_generated_files_are_up_to_date():
    stale = [p.relative_to(REPO_ROOT).as_posix() for p in stale_files()]
    assert not stale, f"stale generated files {stale}: run python -m pipeline.metadata.generate"


def test_generated_files_are_the_expected_ones():
    names = {p.relative_to(REPO_ROOT).as_posix() for p in GENERATED}
    assert names == {"docs/data-dictionary.md", "pipeline/metadata/generated/duckdb_schema.sql"}


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    target = tmp_path / "out" / "thing.md"
    monkeypatch.setattr(generate, "GENERATED", {target: lambda: "fresh\n"})
    return target


def test_a_missing_file_is_stale_and_check_fails(scratch, capsys):
    assert stale_files() == [scratch]
    assert main(["--check"]) == 1
    assert str(scratch) in capsys.readouterr().err
    assert not scratch.exists()


def test_a_changed_file_is_stale_and_generate_rewrites_it(scratch, capsys):
    scratch.parent.mkdir(parents=True)
    scratch.write_text("edited by hand\n", encoding="utf-8")
    assert main(["--check"]) == 1
    assert main([]) == 0
    assert scratch.read_text(encoding="utf-8") == "fresh\n"
    assert main(["--check"]) == 0
    assert write_generated() == []
