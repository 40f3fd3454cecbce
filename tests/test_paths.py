"""Paths in messages are shown one way: relative inside the working folder, absolute outside."""

from pipeline.paths import display_path


def test_inside_the_working_folder_is_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "outputs" / "quarantine.csv") == "outputs/quarantine.csv"
    assert display_path("raw/x/bulletin.txt") == "raw/x/bulletin.txt"


def test_outside_the_working_folder_is_absolute(tmp_path, monkeypatch):
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert display_path(tmp_path / "other" / "a.csv") == str(tmp_path / "other" / "a.csv")
