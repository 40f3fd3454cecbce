"""bulletin.yaml against its schema: each error names the key and its line; a fuzz test over
arbitrary YAML documents; libyaml's parser accepts only what the pure-Python one accepts, alike."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.sources import RawSourceError, parse_metadata
from pipeline.sources.metadata import BulletinMetadata, _CLoader, _libyaml_reads, _Loader, _read

GOOD = {"bulletin_id": "acftu-cases-2024-04-26", "title": "全国工会重点工作创新案例选登",
        "publisher": "中华全国总工会", "event_date": "2024-04-26", "sha256": "ab" * 32}


def doc(**changes: str) -> bytes:
    """GOOD as YAML, with the lines of ``changes`` written verbatim (as the user would)."""
    lines = [f"{k}: {v}" for k, v in GOOD.items() if k not in changes]
    lines += [v for v in changes.values()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def error(data: bytes) -> str:
    with pytest.raises(RawSourceError) as e:
        parse_metadata(data, "b.yaml")
    return str(e.value)


def test_good_metadata_is_read_with_key_lines():
    meta, lines = parse_metadata(doc(), "b.yaml")
    assert meta.event_date == dt.date(2024, 4, 26) and meta.title == GOOD["title"]
    assert lines == {"bulletin_id": 1, "title": 2, "publisher": 3, "event_date": 4, "sha256": 5}


class TestTypes:
    @pytest.mark.parametrize("line, expected", [
        ("title: 123", "b.yaml:5: title must be text, not the number 123"),
        ("title: 1.5", "b.yaml:5: title must be text, not the number 1.5"),
        ("title: [a, b]", "b.yaml:5: title is a list"),
        ("title:\n  - a", "b.yaml:6: title is a list"),
        ("title: {a: b}", "b.yaml:5: title is a mapping"),
        ("title: ''", "b.yaml:5: title is blank"),
        ("title:", "b.yaml:5: title is blank"),
        ("publisher: yes", "b.yaml:5: publisher must be text, not the boolean true"),
        ("publisher: off", "b.yaml:5: publisher must be text, not the boolean false"),
        ("bulletin_id: 2024", "b.yaml:5: bulletin_id must be text, not the number 2024"),
        ("sha256: xyz", "b.yaml:5: sha256 'xyz' is not a sha256"),
        ("bytes: '12'", "b.yaml:6: bytes must be a whole number of bytes"),
        ("bytes: true", "b.yaml:6: bytes must be a whole number of bytes, not the boolean true"),
    ])
    def test_a_wrong_type_names_the_key_and_line(self, line, expected):
        key = line.split(":")[0]
        data = doc(**{key: line}) if key in GOOD else doc(extra=line)
        assert expected in error(data)

    def test_a_missing_key_is_named(self):
        data = b"".join(ln + b"\n" for ln in doc().splitlines() if not ln.startswith(b"publisher"))
        assert "b.yaml: metadata lacks publisher" in error(data)

    def test_an_unknown_key_is_named(self):
        assert "b.yaml:6: pubisher is not a known field" in error(doc(x="pubisher: 中华全国总工会"))


class TestDates:
    @pytest.mark.parametrize("value, expected", [
        ("0001-01-01", "is outside 1925-05-01"), ("1925-04-30", "is outside"), ("2999-12-31", "is outside"),
        ("2024-02-30", "is not a calendar date"), ("2023-02-29", "is not a calendar date"),
        ("2024-13-01", "is not a calendar date"), ("2024-04-26 10:30:00", "has a time"),
        ("2024-04-26T10:30:00Z", "has a time"), ("26/04/2024", "is not a date"), ("2024-4-26", "is not a date"),
    ])
    def test_a_bad_event_date_names_the_key_and_line(self, value, expected):
        message = error(doc(event_date=f"event_date: {value}"))
        assert message.startswith("b.yaml:5: event_date") and expected in message

    def test_leap_day_and_the_founding_day_are_dates(self):
        assert parse_metadata(doc(event_date="event_date: 2024-02-29"), "b.yaml")[0].event_date.day == 29
        assert parse_metadata(doc(event_date="event_date: 1925-05-01"), "b.yaml")[0].event_date.year == 1925

    def test_retrieved_before_the_event_is_refused(self):
        assert "b.yaml:6: retrieved 2024-01-01 is before the event_date" in error(
            doc(x="retrieved: 2024-01-01"))


class TestCharacters:
    @pytest.mark.parametrize("escaped, code", [
        ("\\0", "U+0000"), ("\\u2028", "U+2028"), ("\\u2029", "U+2029"), ("\\e[31m", "U+001B"),
        ("\\u200b", "U+200B"), ("\\u202e", "U+202E"), ("\\n", "U+000A"), ("\\ue000", "U+E000"),
    ])
    def test_a_title_holding_an_invisible_or_control_character_is_refused(self, escaped, code):
        assert f"b.yaml:5: title holds {code}" in error(doc(title=f'title: "全国{escaped}案例"'))

    def test_a_multi_line_source_is_prose_and_allowed(self):
        meta, _ = parse_metadata(doc(x="source: >-\n  第一行\n\n  第二行"), "b.yaml")
        assert meta.source == "第一行\n第二行"


class TestYamlFeatures:
    def test_a_key_given_twice_names_both_lines(self):
        assert "b.yaml:6: title is given twice (lines 2 and 6)" in error(doc(x="title: 乙"))

    def test_an_alias_bomb_is_refused_fast_without_expanding(self):
        bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        bomb += [f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
        data = doc() + "\n".join(bomb).encode()
        # Refused from the event stream: composing it would build 9**9 strings.
        assert "b.yaml:6: metadata uses a YAML anchor or alias" in error(data)

    @pytest.mark.parametrize("extra, expected", [
        ("x: &anchor 1", "anchor or alias"), ("x: !!binary aGk=", "explicit YAML tag"),
        ("x: !!python/object:os.system {}", "explicit YAML tag"), ("---\nx: 1", "more than one YAML document"),
        ("<<: {a: 1}", "is a mapping"),
    ])
    def test_yaml_features_provenance_must_not_use_are_refused(self, extra, expected):
        assert expected in error(doc(x=extra))

    @pytest.mark.parametrize("data, expected", [
        (b"- a\n- b\n", "metadata is a list, not a mapping"), (b"just text\n", "not a mapping of fields"),
        (b"", "not a mapping of fields"), (b"title: [unclosed\n", "b.yaml:2: metadata is not valid YAML"),
        ("title: é".encode("latin-1"), "metadata is not UTF-8"), (b"\x00\x01", "b.yaml:1: metadata is not valid YAML"),
    ])
    def test_documents_that_are_not_metadata(self, data, expected):
        assert expected in error(data)


# Fuzz: any YAML the user could write gives metadata or one clear line naming the file.
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.dates().map(str), st.sampled_from(["yes", "no", "~", "2024-02-30", "0x1F", ".inf"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=5), inner, max_size=3), max_leaves=6)
documents = st.dictionaries(st.sampled_from([*BulletinMetadata.model_fields, "other", "title "]),
                            values, max_size=8)


def _check_one_line(data: bytes) -> None:
    try:
        meta, lines = parse_metadata(data, "fuzz.yaml")
    except RawSourceError as e:
        assert str(e).startswith("fuzz.yaml") and "\n" not in str(e)
    else:
        assert isinstance(meta, BulletinMetadata) and set(lines) >= {"title", "event_date"}


@settings(max_examples=300, deadline=None)
@given(documents, st.fixed_dictionaries({k: st.just(v) for k, v in GOOD.items()}))
def test_fuzz_structured_documents(doc_values, base):
    _check_one_line(yaml.safe_dump({**base, **doc_values}, allow_unicode=True).encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-&*!{}[],'\"\n #|>?%@`\t\\0123\u2028\x00中")), max_size=80))
def test_fuzz_raw_yaml_text(text):
    _check_one_line(doc() + text.encode("utf-8"))


# libyaml's parser is the fast path; the pure-Python one decides what is refused and how.
def _same_with_libyaml(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not _libyaml_reads(text):
        return
    try:
        fast = _read(text, "f.yaml", _CLoader)
    except Exception:  # read again by the pure-Python parser: parse_metadata's answer is its own
        return
    assert _read(text, "f.yaml", _Loader) == fast


needs_libyaml = pytest.mark.skipif(_CLoader is None, reason="PyYAML without libyaml")


@needs_libyaml
@settings(max_examples=300, deadline=None)
@given(documents, st.fixed_dictionaries({k: st.just(v) for k, v in GOOD.items()}))
def test_libyaml_reads_structured_documents_alike(doc_values, base):
    _same_with_libyaml(yaml.safe_dump({**base, **doc_values}, allow_unicode=True).encode("utf-8"))


@needs_libyaml
@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-&*!{}[],'\"\n #|>?%@`\t\\0123\u2028\x85\r\ufeff\x00中")),
               max_size=80))
def test_libyaml_reads_raw_yaml_text_alike(text):
    _same_with_libyaml(doc() + text.encode("utf-8"))


@needs_libyaml
@pytest.mark.parametrize("extra", ["source: 'a\u2028b'", "source: \"a\\u2028b\"", "source: |\n  a\n\n  b",
                                   "source: >\n  a\r\n  b", "\ufeffsource: x", "source: x # note", "bytes: 0x10",
                                   "bytes: 1_000", "bytes: 0o17", "source: ~", "source: null"])
def test_libyaml_reads_these_alike(extra):
    _same_with_libyaml(doc(x=extra))


@needs_libyaml
@pytest.mark.parametrize("extra, line", [(" \t", 6), ("\ufeff", 7)])
def test_what_libyaml_alone_accepts_is_read_by_the_pure_python_parser(extra, line):
    assert _read(doc(x=extra).decode(), "b.yaml", _CLoader)  # libyaml reads these
    assert not _libyaml_reads(doc(x=extra).decode())
    assert f"b.yaml:{line}: metadata is not valid YAML" in error(doc(x=extra))
