"""``bulletin.yaml``: its schema (a pydantic model) and a YAML reader that refuses what YAML allows
but provenance must not have.

The reader refuses, before anything is built from the YAML: anchors and aliases (a 1 KB alias bomb
would otherwise expand to gigabytes), explicit tags, nested lists or mappings, a key given twice,
and more than one document. Dates are read as text and parsed here, so ``2024-02-30`` is an error
naming the key and line, not a crash inside the YAML library. The model then checks types (``title:
123`` or ``publisher: yes`` are not text), the date range, and the characters of one-line fields.
Every error is one line: ``bulletin.yaml:<line>: <key> …. <what to do>``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from pipeline.sources.errors import RawSourceError

TEXT_FILE = "bulletin.txt"
REQUIRED_FIELDS = ("bulletin_id", "title", "publisher", "event_date", "sha256")
SAFE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$")
SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# NOTE: the ACFTU was founded on 1 May 1925: no bulletin of it is older. A date after tomorrow (UTC;
# Beijing is ahead by 8 hours) is a typo, not a bulletin.
EARLIEST_DATE = dt.date(1925, 5, 1)
TITLE_MAX, PUBLISHER_MAX, PROSE_MAX = 500, 200, 10_000
# Control, format (zero-width, bidi), line/paragraph separators, private-use, surrogate, unassigned.
_ONE_LINE_BAD = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}


def _latest_date() -> dt.date:
    return dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()} (YAML reads yes/no/on/off/true/false as booleans)"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if value is None:
        return "empty"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"{type(value).__name__} {value!r}"


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {_describe(value)}; quote it if it is meant as text")
    return value


def _char_problem(value: str, allow_newline: bool) -> str | None:
    for i, ch in enumerate(value):
        if allow_newline and ch == "\n":
            continue
        if unicodedata.category(ch) in _ONE_LINE_BAD:
            name = unicodedata.name(ch, "control character")
            return f"holds U+{ord(ch):04X} ({name}) at character {i + 1}"
    return None


def _one_line(limit: int):
    def check(value: Any) -> str:
        value = _text(value).strip()
        if not value:
            raise ValueError("is blank")
        if problem := _char_problem(value, allow_newline=False):
            raise ValueError(f"{problem}; write it as one line of plain text")
        if len(value) > limit:
            raise ValueError(f"is {len(value)} characters long, over the limit of {limit}")
        return value
    return BeforeValidator(check)


def _prose(value: Any) -> str:
    value = _text(value).strip()
    if problem := _char_problem(value, allow_newline=True):
        raise ValueError(f"{problem}; write plain text")
    if len(value) > PROSE_MAX:
        raise ValueError(f"is {len(value)} characters long, over the limit of {PROSE_MAX}")
    return value


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):  # constructed by a caller, not from YAML text
        value = value.isoformat()
    text = _text(value).strip()
    if not ISO_DATE.match(text):
        if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text):
            raise ValueError(f"{text!r} has a time; write only the date, YYYY-MM-DD")
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as e:
        raise ValueError(f"{text!r} is not a calendar date ({e}); write it as YYYY-MM-DD") from None
    if not EARLIEST_DATE <= day <= _latest_date():
        raise ValueError(f"{text!r} is outside {EARLIEST_DATE} … today; check the year")
    return day


def _slug(value: Any) -> str:
    value = _text(value)
    if not SAFE_ID.match(value):
        raise ValueError(f"{value!r} is not a safe slug; use lower-case letters, digits and hyphens only "
                         "(no slash, dot or space)")
    return value


def _sha256(value: Any) -> str:
    value = _text(value).strip()
    if not SHA256.match(value):
        raise ValueError(f"{value[:70]!r} is not a sha256 (64 hexadecimal digits); "
                         "write the output of `sha256sum bulletin.txt`")
    return value.lower()


def _file(value: Any) -> str:
    value = _text(value)
    if value != TEXT_FILE:
        raise ValueError(f"says {value!r}, but the text of a bulletin is always {TEXT_FILE}")
    return value


def _size(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"must be a whole number of bytes, not {_describe(value)}")
    return value


class BulletinMetadata(BaseModel):
    """The fields of ``bulletin.yaml`` (docs/raw-folders.md describes each)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bulletin_id: Annotated[str, BeforeValidator(_slug)]
    title: Annotated[str, _one_line(TITLE_MAX)]
    publisher: Annotated[str, _one_line(PUBLISHER_MAX)]
    event_date: Annotated[dt.date, BeforeValidator(_date)]
    sha256: Annotated[str, BeforeValidator(_sha256)]
    event_date_note: Annotated[str, BeforeValidator(_prose)] | None = None
    source: Annotated[str, BeforeValidator(_prose)] | None = None
    retrieved: Annotated[dt.date, BeforeValidator(_date)] | None = None
    file: Annotated[str, BeforeValidator(_file)] | None = None
    bytes: Annotated[int, BeforeValidator(_size)] | None = None


KNOWN_FIELDS = tuple(BulletinMetadata.model_fields)


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps: dates stay text and are parsed by the model."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_STR_TAG = "tag:yaml.org,2002:str"

# NOTE: PyYAML's libyaml parser (yaml.CSafeLoader; same resolver and constructor, the parsing in
# C) reads a bulletin.yaml some eight times faster than the pure-Python one, and every bulletin.yaml
# is read in a full build. A file it refuses, or that fails a check, is read again by the
# pure-Python parser (``_Loader``), whose error messages and marks are the ones reported. libyaml
# accepts a few files the pure-Python parser refuses (a tab after the indentation's spaces, a
# byte-order mark after the first character): a file holding a tab or a later byte-order mark is
# read by the pure-Python parser alone, so what is accepted does not depend on libyaml
# (tests/sources/test_metadata.py compares the two on random documents).
_CLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """``_Loader``'s resolvers over libyaml's parser."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _libyaml_reads(text: str) -> bool:
    """Whether ``text`` is read by libyaml's parser first (see the NOTE above)."""
    return _CLoader is not None and "\t" not in text and text.find("\ufeff", 1) < 0


def _fail(path: str, line: int | None, message: str, hint: str = "") -> RawSourceError:
    return RawSourceError(message, path=path, line=line, hint=hint)


def _scan_events(text: str, path: str, loader: type) -> None:
    """Refuse aliases, anchors, tags, nesting and extra documents from the event stream: nothing is
    composed yet, so an alias bomb costs nothing."""
    depth, documents, expecting_key, key = 0, 0, True, None
    # Parsed whole first (the file is at most 64 KiB), so a syntax error is reported as such.
    for event in list(yaml.parse(text, Loader=loader)):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _fail(path, line, "metadata holds more than one YAML document",
                            "Keep one document (remove the second ---)")
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _fail(path, line, "metadata uses a YAML anchor or alias (& or *)",
                        "Write each value out in full")
        tag = getattr(event, "tag", None)
        if tag and tag not in (_STR_TAG, "!") and not (
                isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent) and event.implicit):
            if not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]):
                raise _fail(path, line, f"metadata uses the explicit YAML tag {tag}",
                            "Remove the tag; write plain values")
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if depth == 0 and isinstance(event, yaml.SequenceStartEvent):
                raise _fail(path, line, "metadata is a list, not a mapping of fields",
                            f"Write fields {', '.join(REQUIRED_FIELDS)} as `name: value` lines")
            if depth >= 1:
                what = "a mapping" if isinstance(event, yaml.MappingStartEvent) else "a list"
                where = f"{key} is" if not expecting_key and key else "a key is"
                raise _fail(path, line, f"{where} {what}; every field holds one value",
                            "Write the value as text on one line")
            depth += 1
            expecting_key = True
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and depth == 1:
            if expecting_key:
                key = event.value
            expecting_key = not expecting_key


def parse_metadata(data: bytes, path: str) -> tuple[BulletinMetadata, dict[str, int]]:
    """Validate the bytes of a ``bulletin.yaml``: the model and the line of each key, or RawSourceError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _fail(path, None, f"metadata is not UTF-8 (byte {e.start})",
                    "Save bulletin.yaml as UTF-8") from None
    if _libyaml_reads(text):
        try:
            return _read(text, path, _CLoader)
        except Exception:  # any refusal is read again below, and phrased from there
            pass
    return _read(text, path, _Loader)


def _read(text: str, path: str, loader_class: type) -> tuple[BulletinMetadata, dict[str, int]]:
    try:
        _scan_events(text, path, loader_class)
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            if node is None or not isinstance(node, yaml.MappingNode):
                raise _fail(path, None, "metadata is not a mapping of fields",
                            f"Write fields {', '.join(REQUIRED_FIELDS)} as `name: value` lines")
            raw: dict[str, Any] = {}
            lines: dict[str, int] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                key = loader.construct_object(key_node)
                if not isinstance(key, str):
                    raise _fail(path, line, f"the key {key!r} is not a field name",
                                f"Use the field names {', '.join(KNOWN_FIELDS)}")
                if key in raw:
                    raise _fail(path, line, f"{key} is given twice (lines {lines[key]} and {line})",
                                "Keep one of them")
                raw[key], lines[key] = loader.construct_object(value_node, deep=True), line
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        if line is None and isinstance(e, yaml.reader.ReaderError):
            line = text.count("\n", 0, e.position) + 1
        raise _fail(path, line, "metadata is not valid YAML", "Fix the YAML syntax") from None
    return _validate(raw, lines, path), lines


def _validate(raw: dict[str, Any], lines: dict[str, int], path: str) -> BulletinMetadata:
    missing = [f for f in REQUIRED_FIELDS if f not in raw]
    if missing:
        raise _fail(path, None, f"metadata lacks {', '.join(missing)}", "Add the missing fields")
    blank = [f for f in raw if raw[f] is None]
    if blank:
        raise _fail(path, lines[blank[0]], f"{blank[0]} is blank", "Write its value, or remove the line")
    try:
        meta = BulletinMetadata.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else ""
        if err["type"] == "extra_forbidden":
            raise _fail(path, lines.get(key), f"{key} is not a known field",
                        f"Use only {', '.join(KNOWN_FIELDS)} (check the spelling)") from None
        reason = str(err["ctx"]["error"]) if err["type"] == "value_error" else err["msg"]
        raise _fail(path, lines.get(key), f"{key} {reason}") from None
    if meta.retrieved is not None and meta.retrieved < meta.event_date:
        raise _fail(path, lines.get("retrieved"),
                    f"retrieved {meta.retrieved} is before the event_date {meta.event_date}",
                    "A bulletin is retrieved after it is published: check both dates")
    return meta
