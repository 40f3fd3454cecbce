"""Publishing: atomic swap, immutability of published versions, one build at a time."""

from pathlib import Path

import pytest

from pipeline.release.publish import (
    DATABASE_FILE,
    PublishError,
    build_lock,
    file_digests,
    publish,
    staging_dir,
)


def stage(out: Path, run: str, content: str) -> Path:
    staging = staging_dir(out, run)
    (staging / "v1.0.0").mkdir()
    (staging / "v1.0.0" / "cases.csv").write_text(content, encoding="utf-8")
    (staging / DATABASE_FILE).write_text("db " + content, encoding="utf-8")
    return staging


def test_publish_moves_release_and_database(tmp_path):
    out = tmp_path / "out"
    target = publish(stage(out, "r1", "a"), out, "v1.0.0", out / DATABASE_FILE)
    assert (target / "cases.csv").read_text(encoding="utf-8") == "a"
    assert (out / DATABASE_FILE).read_text(encoding="utf-8") == "db a"
    assert (out / "releases" / "latest").read_text(encoding="utf-8").strip() == "v1.0.0"
    assert not list(out.glob(".build-*"))


def test_same_content_republishes_and_other_content_is_refused(tmp_path):
    out = tmp_path / "out"
    publish(stage(out, "r1", "a"), out, "v1.0.0", out / DATABASE_FILE)
    publish(stage(out, "r2", "a"), out, "v1.0.0", out / DATABASE_FILE)
    before = file_digests(out / "releases")
    with pytest.raises(PublishError, match="already published with other content.*picks the next version"):
        publish(stage(out, "r3", "b"), out, "v1.0.0", out / DATABASE_FILE)
    assert file_digests(out / "releases") == before
    assert (out / DATABASE_FILE).read_text(encoding="utf-8") == "db a"


def test_second_build_exits_with_a_clear_message(tmp_path):
    with build_lock(tmp_path), pytest.raises(PublishError, match="another build is running"):
        with build_lock(tmp_path):
            pass
