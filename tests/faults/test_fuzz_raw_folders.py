"""Fuzz over whole raw folders: the repository's bulletin folder, mutated (bytes inserted into the
text, the sha256 recorded or not, metadata lines replaced, files turned into links, FIFOs, folders
or misnamed), gives data or one line naming a file inside the raw folder, never a crash."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.build import BuildFailed, build_release
from pipeline.sources import check_unique_ids, discover_bulletin_ids, load_snapshot
from pipeline.tables import bulletins_frame, cases_frame, figures_frame, parse_bulletin
from pipeline.text import BulletinFormatError
from tests.conftest import BULLETIN_ID, RAW

GOOD_TEXT = (RAW / BULLETIN_ID / "bulletin.txt").read_bytes()
GOOD_META = (RAW / BULLETIN_ID / "bulletin.yaml").read_text(encoding="utf-8")

hostile_bytes = st.one_of(
    st.binary(max_size=8),
    st.sampled_from([b"\x00", b"\x1b[31m", b"\xe2\x80\x8b", b"\xef\xbb\xbf", b"\r", b"\x0c", b"\xc2\x85",
                     "\u2028".encode(), "1 234人".encode(), "“未闭合".encode(), b"\xff\xfe\x00\x00"]))
meta_values = st.one_of(
    st.sampled_from(["123", "yes", "[a, b]", "{a: 1}", "''", "&x 1", "*x", "!!binary aGk=", "2024-02-30",
                     "0001-01-01", "2999-12-31", "2024-04-26 10:00:00", '"a\\0b"', '"a\\u2028b"', "~"]),
    st.text(max_size=12).map(lambda s: yaml.safe_dump(s).splitlines()[0] if s else "''"))
file_kinds = st.sampled_from(["regular", "symlink", "fifo", "folder", "missing", "misnamed"])


@st.composite
def raw_folders(draw):
    text = GOOD_TEXT
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(hostile_bytes) + text[at:]
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    lines = GOOD_META.splitlines()
    if draw(st.booleans()):  # record the new digest and size, so the text itself is judged
        lines = [f"sha256: {hashlib.sha256(text).hexdigest()}" if ln.startswith("sha256:") else
                 f"bytes: {len(text)}" if ln.startswith("bytes:") else ln for ln in lines]
    for _ in range(draw(st.integers(0, 2))):
        keyed = [i for i, ln in enumerate(lines) if ln and not ln.startswith((" ", "#"))]
        i = draw(st.sampled_from(keyed))
        key = lines[i].split(":")[0]
        lines[i] = f"{key}: {draw(meta_values)}" if draw(st.booleans()) else f"{key}: x\n{key}: y"
    return text, "\n".join(lines) + "\n", draw(file_kinds), draw(file_kinds)


def _place(folder: Path, name: str, data: bytes, kind: str, scratch: Path) -> None:
    path = folder / name
    if kind == "regular":
        path.write_bytes(data)
    elif kind == "symlink":
        (scratch / name).write_bytes(data)
        os.symlink(scratch / name, path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "misnamed":
        (folder / name.upper()).write_bytes(data)


def _make(root: Path, case) -> Path:
    text, meta, text_kind, meta_kind = case
    raw, scratch = root / "raw", root / "scratch"
    folder = raw / BULLETIN_ID
    folder.mkdir(parents=True)
    scratch.mkdir()
    _place(folder, "bulletin.txt", text, text_kind, scratch)
    _place(folder, "bulletin.yaml", meta.encode("utf-8"), meta_kind, scratch)
    (folder / "notes.md").write_text("x", encoding="utf-8")  # the folder is never empty
    return raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_folders())
def test_any_raw_folder_gives_rows_or_one_line_naming_its_file(case):
    with tempfile.TemporaryDirectory() as tmp:
        raw = _make(Path(tmp), case)
        try:
            ids = discover_bulletin_ids(raw)
            assert ids == [BULLETIN_ID]
            check_unique_ids(raw, ids)
            parsed = parse_bulletin(load_snapshot(raw, BULLETIN_ID))
            b = bulletins_frame(parsed)
            figures_frame(b, cases_frame(parsed))
        except BulletinFormatError as e:
            message = str(e)
            assert "\n" not in message and message.startswith(str(raw / BULLETIN_ID)), message


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(case=raw_folders())
def test_a_whole_build_of_any_raw_folder_publishes_or_keeps_the_release(case, tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    raw = _make(root, case)
    out = root / "out"
    try:
        build_release(raw, out)
    except BuildFailed as e:
        assert str(raw) in str(e) and not (out / "releases").exists()
    else:
        assert (out / "releases" / "latest").exists()
    shutil.rmtree(root, ignore_errors=True)
