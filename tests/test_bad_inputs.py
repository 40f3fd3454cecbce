"""Every bad raw folder under tests/bad_inputs/ fails with its one-line error and publishes nothing."""

import re
import shutil
from pathlib import Path

import pytest

from pipeline.build import build_release
from pipeline.cli import main as cli_main
from pipeline.release.publish import file_digests
from tests.conftest import RAW

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "expected_error.txt").exists())


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("previous")
    build_release(RAW, out)
    return out


def published(out: Path) -> dict[str, str]:
    return {k: v for k, v in file_digests(out).items() if not k.startswith(".")}


def test_the_corpus_covers_every_kind_of_bad_input():
    assert {p.name for p in CASES} >= {
        "empty_file", "binary_file", "undecodable_bytes", "no_case_footers", "union_line_missing",
        "union_line_not_a_union", "truncated_mid_case", "yaml_missing", "yaml_unparsable", "yaml_missing_field",
        "wrong_sha256", "duplicate_bulletin_id", "unsafe_folder_name", "unsafe_slug_in_yaml"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_bad_input_fails_with_its_message_and_keeps_the_release(case, previous, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = published(out)
    code = cli_main(["build", "--raw", str(case / "raw"), "--out", str(out)])
    captured = capsys.readouterr()
    assert code != 0
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    expected = (case / "expected_error.txt").read_text(encoding="utf-8").strip()
    assert re.search(expected, lines[0]), lines[0]
    assert str(case / "raw") in lines[0]  # the message names the file
    assert published(out) == before
