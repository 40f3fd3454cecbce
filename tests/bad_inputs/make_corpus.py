"""Regenerate the corpus of bad raw folders from the repository's raw bulletin.

  python tests/bad_inputs/make_corpus.py

Each case is ``tests/bad_inputs/<case>/raw/<bulletin_id>/…`` beside ``expected_error.txt``: a regular
expression the one-line error of ``acftu build`` must match. Files are committed; this script is
how they were made, so a change to the raw bulletin can be carried over.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BID = "acftu-innovation-cases-2024-04-26"
SOURCE = REPO / "raw" / BID
TEXT = (SOURCE / "bulletin.txt").read_text(encoding="utf-8")
META = yaml.safe_load((SOURCE / "bulletin.yaml").read_text(encoding="utf-8"))


def _meta_for(data: bytes, **changes) -> dict:
    meta = {k: v for k, v in META.items() if k not in ("bytes", "sha256")}
    meta.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    meta.update(changes)
    return {k: v for k, v in meta.items() if v is not None}


def write_case(name: str, expected: str, data: bytes | None, meta: dict | str | None,
               folder: str = BID) -> Path:
    case = HERE / name
    shutil.rmtree(case, ignore_errors=True)
    target = case / "raw" / folder
    target.mkdir(parents=True)
    if data is not None:
        (target / "bulletin.txt").write_bytes(data)
    if isinstance(meta, dict):
        (target / "bulletin.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
                                              encoding="utf-8")
    elif isinstance(meta, str):
        (target / "bulletin.yaml").write_text(meta, encoding="utf-8")
    (case / "expected_error.txt").write_text(expected + "\n", encoding="utf-8")
    return case


def _lines_without(pred) -> str:
    return "\n".join(line for line in TEXT.split("\n") if not pred(line))


def main() -> None:
    good = TEXT.encode("utf-8")
    lines = TEXT.split("\n")
    unions = [i for i, line in enumerate(lines) if line.endswith("总工会") and len(line) < 16]
    union_at = unions[0]
    # NOTE: a missing union line is found when the title after it is a short line; a title as wide
    # as the column reads as prose and cannot be told apart (docs: the limits of segmentation).
    short_title_union = next(i for i in unions if len(lines[i + 2]) <= 12)

    write_case("empty_file", r"bulletin\.txt: the bulletin text is empty", b"", _meta_for(b""))
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    write_case("binary_file", r"bulletin\.txt.*binary", png, _meta_for(png))
    bad_utf8 = good[:3000] + b"\xff\xfe\xfa" + good[3000:]
    write_case("undecodable_bytes", r"bulletin\.txt: bytes at offset \d+ are neither UTF-8 nor GB18030", bad_utf8, _meta_for(bad_utf8))
    prose = "\n\n".join(lines[:40]).encode("utf-8")
    write_case("no_case_footers", r"bulletin\.txt.*no case", prose, _meta_for(prose))
    no_union = "\n".join(lines[:short_title_union] + lines[short_title_union + 1:]).encode("utf-8")
    write_case("union_line_missing", r"bulletin\.txt:\d+: .*union", no_union, _meta_for(no_union))
    not_union = "\n".join(lines[:union_at] + ["星火协会"] + lines[union_at + 1:]).encode("utf-8")
    write_case("union_line_not_a_union", r"bulletin\.txt:\d+: .*union", not_union, _meta_for(not_union))
    cut = TEXT[: int(len(TEXT) * 0.6)].rsplit("\n", 3)[0].encode("utf-8")
    write_case("truncated_mid_case", r"bulletin\.txt:\d+: .*truncated", cut, _meta_for(cut))
    write_case("yaml_missing", r"bulletin\.yaml: metadata file is missing", good, None)
    write_case("yaml_unparsable", r"bulletin\.yaml:\d+: metadata is not valid YAML", good,
               "bulletin_id: [unclosed\ntitle: x\n")
    write_case("yaml_missing_field", r"bulletin\.yaml: metadata lacks publisher", good,
               _meta_for(good, publisher=None))
    write_case("wrong_sha256", r"bulletin\.txt: bytes do not match the recorded sha256", good,
               _meta_for(good, sha256="0" * 64))
    write_case("unsafe_slug_in_yaml", r"bulletin\.yaml.*'\.\./x'", good, _meta_for(good, bulletin_id="../x"))
    write_case("unsafe_folder_name", r"'bad id'.*not a safe slug", good, _meta_for(good, bulletin_id="bad id"),
               folder="bad id")
    dup = write_case("duplicate_bulletin_id", r"bulletin_id .*acftu-innovation-cases-2024-04-26.* twice", good,
                     _meta_for(good), folder=BID)
    second = dup / "raw" / f"{BID}-copy"
    second.mkdir()
    (second / "bulletin.txt").write_bytes(good)
    (second / "bulletin.yaml").write_text(
        yaml.safe_dump(_meta_for(good), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _meta_text(data: bytes, **changes) -> str:
    return yaml.safe_dump(_meta_for(data, **changes), allow_unicode=True, sort_keys=False)


def _with_line(data: bytes, key: str, line: str) -> str:
    """The metadata of ``data`` with ``key``'s line replaced by ``line`` written verbatim."""
    return "\n".join(line if row.startswith(f"{key}:") else row
                     for row in _meta_text(data).splitlines()) + "\n"


def hostile_cases() -> None:
    """Attacks from issue 10: reads outside raw/, misnamed files, binary content, bad metadata."""
    good = TEXT.encode("utf-8")
    # Reads outside raw/: a link to a file elsewhere (with its true sha256), a linked folder, /dev/zero.
    case = write_case("symlinked_text", r"bulletin\.txt: a symbolic link .*not a regular file", None,
                      _meta_for(good))
    (case / "elsewhere.txt").write_bytes(good)
    os.symlink("../../../elsewhere.txt", case / "raw" / BID / "bulletin.txt")
    case = write_case("symlinked_folder", r"the bulletin folder is a symbolic link", None, None)
    shutil.rmtree(case / "raw" / BID)
    outside = case / "outside" / BID
    outside.mkdir(parents=True)
    (outside / "bulletin.txt").write_bytes(good)
    (outside / "bulletin.yaml").write_text(_meta_text(good), encoding="utf-8")
    os.symlink(f"../outside/{BID}", case / "raw" / BID)
    case = write_case("text_links_to_dev_zero", r"bulletin\.txt: a symbolic link to /dev/zero", None,
                      _meta_for(good))
    os.symlink("/dev/zero", case / "raw" / BID / "bulletin.txt")
    # Misnamed files are refused, not skipped.
    case = write_case("misnamed_files", r"found Bulletin\.TXT, expected bulletin\.txt", None, None)
    (case / "raw" / BID / "Bulletin.TXT").write_bytes(good)
    (case / "raw" / BID / "bulletin.yml").write_text(_meta_text(good), encoding="utf-8")
    # The same bytes under two bulletin ids.
    case = write_case("same_bytes_two_ids", r"same bytes as .*'acftu-innovation-cases-2024-04-26'.*"
                      r"'acftu-innovation-cases-2024-04-26-again'", good, _meta_for(good))
    again = case / "raw" / f"{BID}-again"
    again.mkdir()
    (again / "bulletin.txt").write_bytes(good)
    (again / "bulletin.yaml").write_text(_meta_text(good, bulletin_id=f"{BID}-again"), encoding="utf-8")
    # Binary content after the first 4096 bytes.
    at = TEXT.index("91.4%")
    nul = (TEXT[:at] + "\x00" + TEXT[at:]).encode("utf-8")
    write_case("nul_late_in_text", r"bulletin\.txt:\d+: U\+0000 \(NUL\) at column \d+", nul, _meta_for(nul))
    ansi = (TEXT[:at] + "\x1b[31m" + TEXT[at:]).encode("utf-8")
    write_case("ansi_escape_in_text", r"bulletin\.txt:\d+: U\+001B \(ESCAPE", ansi, _meta_for(ansi))
    # bulletin.yaml against its schema: each error names the key and its line.
    for name, key, line, expected in [
        ("yaml_title_number", "title", "title: 123", r"bulletin\.yaml:\d+: title must be text, not the number 123"),
        ("yaml_title_list", "title", "title: [a, b]", r"bulletin\.yaml:\d+: title is a list"),
        ("yaml_title_mapping", "title", "title: {a: b}", r"bulletin\.yaml:\d+: title is a mapping"),
        ("yaml_title_blank", "title", "title: '  '", r"bulletin\.yaml:\d+: title is blank"),
        ("yaml_title_nul", "title", 'title: "全国\\0案例"', r"bulletin\.yaml:\d+: title holds U\+0000"),
        ("yaml_title_line_separator", "title", 'title: "全国\\u2028案例"',
         r"bulletin\.yaml:\d+: title holds U\+2028 \(LINE SEPARATOR\)"),
        ("yaml_publisher_yes", "publisher", "publisher: yes", r"bulletin\.yaml:\d+: publisher must be text, not the boolean"),
        ("yaml_date_too_early", "event_date", "event_date: 0001-01-01", r"bulletin\.yaml:\d+: event_date '0001-01-01' is outside"),
        ("yaml_date_far_future", "event_date", "event_date: 2999-12-31", r"bulletin\.yaml:\d+: event_date '2999-12-31' is outside"),
        ("yaml_date_not_in_calendar", "event_date", "event_date: 2024-02-30",
         r"bulletin\.yaml:\d+: event_date '2024-02-30' is not a calendar date"),
        ("yaml_date_with_time", "event_date", "event_date: 2024-04-26 10:30:00",
         r"bulletin\.yaml:\d+: event_date '2024-04-26 10:30:00' has a time"),
        ("yaml_duplicate_key", "title", "title: 甲\ntitle: 乙", r"bulletin\.yaml:\d+: title is given twice"),
        ("yaml_bytes_contradict", "bytes", "bytes: 100", r"bulletin\.yaml:\d+: bytes says 100, but bulletin\.txt has"),
        ("yaml_file_contradict", "file", "file: other.txt", r"bulletin\.yaml:\d+: file says 'other\.txt'"),
        ("yaml_unknown_key", "file", "file: bulletin.txt\npubisher: x", r"bulletin\.yaml:\d+: pubisher is not a known field"),
    ]:
        write_case(name, expected, good, _with_line(good, key, line))
    # 898 bytes that would expand to billions of strings: refused from the event stream, unexpanded.
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    write_case("yaml_alias_bomb", r"bulletin\.yaml:\d+: metadata uses a YAML anchor or alias", good,
               _meta_text(good) + "\n".join(bomb) + "\n")


if __name__ == "__main__":
    main()
    hostile_cases()
