"""Regenerate the corpus of bad raw folders from the repository's raw bulletin.

  python tests/bad_inputs/make_corpus.py

Each case is ``tests/bad_inputs/<case>/raw/<bulletin_id>/…`` beside ``expected_error.txt``: a regular
expression the one-line error of ``acftu build`` must match. Files are committed; this script is
how they were made, so a change to the raw bulletin can be carried over.
"""

from __future__ import annotations

import hashlib
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


if __name__ == "__main__":
    main()
