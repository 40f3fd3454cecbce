"""Layout variants built from the seed by the tests (tests/text/corpus.py): every case order, every
layout, with and without blank lines, with page furniture and extraction noise, gives exactly the
cases and figures of the plain layout."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline.figures import extract_figures
from pipeline.geo import is_union_name
from pipeline.text import BulletinFormatError, segment_bulletin
from pipeline.text.segment import LAYOUTS
from tests.conftest import HYPOTHESIS_SCALE, REPO, examples, read_gold_cases
from tests.text.blind_cases import BLIND_CASES
from tests.text.corpus import ORDERS, PRINT, assemble, cut_seed, furniture_line, squash
from tests.text.synth import render_bulletin

# Whole bulletins are slow to shrink; a failing example is printed as drawn.
SETTINGS = dict(deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def segment(text: str):
    return segment_bulletin(text, is_union_line=is_union_name, path="bulletin.txt")


@pytest.fixture(scope="module")
def seed(raw_text, gold_cases):
    return cut_seed(raw_text, gold_cases)


def cases_of(result) -> list[tuple[str, str, str]]:
    return [(c.union_name, squash(c.title), c.body) for c in result.cases]


def gold_of(gold_cases, order) -> list[tuple[str, str, str]]:
    return [(gold_cases[k]["union_name"], squash(gold_cases[k]["title"]), gold_cases[k]["body"]) for k in order]


def figures_of(result) -> list[tuple]:
    return [(c.union_name, f.mention, f.value, f.unit, f.start) for c in result.cases for f in extract_figures(c.body)]


def test_the_corpus_cuts_the_seed_into_its_15_cases(seed, gold_cases):
    assert [b.union for b in seed.blocks] == [g["union_name"] for g in gold_cases]
    assert sum(b.duplicate for b in seed.blocks) == 1


def test_random_orders_segment_to_the_gold_cases(seed, gold_cases, gold_preface):
    """100 random orders here (fixed seed); benchmarks/segmentation.py runs 1,000."""
    rng = random.Random(20240426)
    for _ in range(100):
        order = rng.sample(range(15), 15)
        result = segment(assemble(seed, order))
        assert result.preface == gold_preface
        assert cases_of(result) == gold_of(gold_cases, order), order


@pytest.mark.parametrize("layout", ORDERS)
@pytest.mark.parametrize("blank", [True, False], ids=["spaced", "dense"])
def test_each_layout_gives_the_cases_and_figures_of_the_plain_layout(seed, gold_cases, gold_preface, layout, blank):
    plain = segment(assemble(seed))
    variant = segment(assemble(seed, layout=layout, blank=blank))
    assert variant.layout == layout + ("" if blank else "-dense")
    assert variant.preface == plain.preface == gold_preface
    assert cases_of(variant) == cases_of(plain) == gold_of(gold_cases, range(15))
    assert figures_of(variant) == figures_of(plain)


@pytest.mark.parametrize("layout", ORDERS)
def test_each_layout_in_another_order(seed, gold_cases, layout):
    order = random.Random(layout).sample(range(15), 15)
    assert cases_of(segment(assemble(seed, order, layout=layout, blank=False))) == gold_of(gold_cases, order)


def test_the_seed_itself_is_print_layout(raw_text):
    assert segment(raw_text).layout == "print"


def test_layout_values_are_the_schema_enum():
    schema = json.loads((REPO / "schemas" / "bulletins.schema.json").read_text(encoding="utf-8"))
    (field,) = [f for f in schema["fields"] if f["name"] == "layout"]
    assert tuple(field["constraints"]["enum"]) == LAYOUTS


@pytest.mark.parametrize("width_seed", range(6))
def test_full_width_digits_and_invisible_characters_change_nothing(seed, width_seed):
    plain = segment(assemble(seed))
    rng = random.Random(width_seed)
    text = assemble(seed)
    full = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() and rng.random() < 0.7 else c for c in text)
    noisy = "".join(c + rng.choice(["\u200b", "\u2060", "\ufeff", "\u00ad", ""]) if rng.random() < 0.05 else c
                    for c in full).replace("\u00a0", " ")
    result = segment(noisy)
    assert cases_of(result) == cases_of(plain)
    assert figures_of(result) == figures_of(plain)


@settings(max_examples=examples(40), **SETTINGS)
@given(order=st.permutations(range(15)), layout=st.sampled_from(ORDERS), blank=st.booleans())
def test_any_permutation_in_any_layout_gives_the_same_cases(seed, gold_cases, order, layout, blank):
    assert cases_of(segment(assemble(seed, list(order), layout=layout, blank=blank))) == gold_of(gold_cases, order)


@settings(max_examples=examples(40), **SETTINGS)
@given(data=st.data(), layout=st.sampled_from(ORDERS), blank=st.booleans())
def test_furniture_at_random_lines_gives_the_same_cases_and_figures(seed, data, layout, blank):
    plain = segment(assemble(seed, layout=layout))
    lines = assemble(seed, layout=layout, blank=blank).split("\n")
    style = data.draw(st.integers(0, 10_000))
    for _ in range(data.draw(st.integers(2, 8))):
        at = data.draw(st.integers(0, len(lines)))
        lines.insert(at, furniture_line(style, data.draw(st.integers(1, 24))))
    result = segment("\n".join(lines))
    assert cases_of(result) == cases_of(plain)
    assert figures_of(result) == figures_of(plain)
    assert len(result.furniture_lines) >= 1


_CASES = read_gold_cases()


# NOTE: derandomized, so that CI replays the same 40 examples every run (a local hunt with
# ACFTU_HYPOTHESIS_SCALE draws at random); the random search found the counterexamples pinned below.
@settings(max_examples=examples(40), derandomize=HYPOTHESIS_SCALE == 1, **SETTINGS)
@given(width=st.integers(12, 40), picks=st.lists(st.integers(0, 14), min_size=2, max_size=6, unique=True),
       seed_=st.integers(0, 1000), dense=st.booleans(), layout=st.sampled_from(ORDERS))
def test_any_column_width_gives_the_same_cases(gold_preface, width, picks, seed_, dense, layout):
    _same_cases_at_width(gold_preface, width, picks, seed_, dense, layout)


def test_a_short_second_title_line_in_a_narrow_column(gold_preface):
    """Found by the random search: at 21 cells 破解建会入会难题 falls as short of the column as an
    unindented first body line; its words tell it apart (a verb-object headline, ending at a
    phrase's end, before a body opening with its subject)."""
    _same_cases_at_width(gold_preface, 21, [7, 0, 4, 6, 5, 3], 621, False)


@pytest.mark.parametrize("width, layout, seed_, picks", [
    (12, "web-title-union-body", 112001, [8, 1]),  # 河北省总工会 / 2017年， / 河北省总工会 (body)
    (16, "web-title-union-body", 116002, [6, 1, 11, 5, 9]),  # a body opening with its union's name
    (22, "web-title-body-union", 122000, [4, 9, 1, 10, 6, 5, 14]),  # the first body line a union name
    (15, "web-title-union-body", 115000, [0, 6, 13, 9, 5]),  # 2019 年12 月， overfills a first line
])
@pytest.mark.parametrize("dense", [False, True], ids=["spaced", "dense"])
def test_a_union_name_wrapped_at_a_body_start_in_web_order(gold_preface, width, layout, seed_, picks, dense):
    """Found by sweeping every width in every layout: in web order a body whose first line is
    exactly a union name (or a first line filling the column) is still the body."""
    _same_cases_at_width(gold_preface, width, picks, seed_, dense, layout)


@pytest.mark.parametrize("layout", ORDERS)
@pytest.mark.parametrize("width", range(12, 41))
def test_blind_cases_at_every_width_in_every_layout(gold_preface, width, layout):
    """The case texts written for the tests (tests/text/blind_cases.py), all eight in one bulletin."""
    order = random.Random(width).sample(range(len(BLIND_CASES)), len(BLIND_CASES))
    _same_cases_at_width(gold_preface, width, order, width, width % 2 == 0, layout, BLIND_CASES)


@pytest.mark.parametrize("layout", ORDERS)
@pytest.mark.parametrize("width", range(12, 41))
def test_titles_set_in_the_column_at_every_width(gold_preface, width, layout):
    """Titles wrapped at the column's edge as the body is (print-to-text and web extraction set them
    in the same column): at 12 cells the seed's longest title takes eight lines, six of them full."""
    order = random.Random(width).sample(range(15), 15)
    _same_cases_at_width(gold_preface, width, order, width, width % 2 == 1, layout, wrap_titles=True)
    order = random.Random(-width).sample(range(len(BLIND_CASES)), len(BLIND_CASES))
    _same_cases_at_width(gold_preface, width, order, width, width % 2 == 0, layout, BLIND_CASES, wrap_titles=True)


def _traditional(cases: list[dict]) -> list[dict]:
    import opencc

    s2t = opencc.OpenCC("s2t")
    return [{k: s2t.convert(v) if k in ("union_name", "title", "body") else v for k, v in c.items()}
            for c in cases]


@pytest.mark.parametrize("wrap_titles", [False, True], ids=["titles-by-phrase", "titles-in-the-column"])
@pytest.mark.parametrize("width", range(12, 41))
def test_traditional_script_at_every_width(gold_preface, width, wrap_titles):
    """The same cases in Traditional script (OpenCC s2t): the word evidence reads them through the
    Simplified fold, so they segment as the Simplified ones do. The layout rotates with the width."""
    import opencc

    preface = opencc.OpenCC("s2t").convert(gold_preface)
    layout = ORDERS[width % len(ORDERS)]
    for corpus, seed_ in ((_traditional(_CASES), width), (_traditional(BLIND_CASES), -width)):
        order = random.Random(seed_).sample(range(len(corpus)), len(corpus))
        _same_cases_at_width(preface, width, order, seed_, width % 2 == 0, layout, corpus, wrap_titles=wrap_titles)


@settings(max_examples=examples(30), derandomize=HYPOTHESIS_SCALE == 1, **SETTINGS)
@given(width=st.integers(12, 40), picks=st.lists(st.integers(0, 14), min_size=2, max_size=6, unique=True),
       seed_=st.integers(0, 1000), dense=st.booleans(), layout=st.sampled_from(ORDERS), blind=st.booleans())
def test_titles_set_in_the_column_at_any_width_give_the_same_cases(gold_preface, width, picks, seed_, dense,
                                                                   layout, blind):
    corpus = BLIND_CASES if blind else _CASES
    picks = list(dict.fromkeys(k % len(corpus) for k in picks))
    _same_cases_at_width(gold_preface, width, picks, seed_, dense, layout, corpus, wrap_titles=True)


@settings(max_examples=examples(30), derandomize=HYPOTHESIS_SCALE == 1, **SETTINGS)
@given(width=st.integers(12, 40), picks=st.lists(st.integers(0, len(BLIND_CASES) - 1), min_size=2, max_size=8,
                                                 unique=True),
       seed_=st.integers(0, 1000), dense=st.booleans(), layout=st.sampled_from(ORDERS))
def test_blind_cases_at_any_width_give_the_same_cases(gold_preface, width, picks, seed_, dense, layout):
    _same_cases_at_width(gold_preface, width, picks, seed_, dense, layout, BLIND_CASES)


@pytest.mark.parametrize("layout", ORDERS)
@pytest.mark.parametrize("dense", [False, True], ids=["spaced", "dense"])
def test_one_paragraph_per_line_as_web_pages_give_it(gold_preface, layout, dense):
    """No column: each paragraph on one line (a width no paragraph reaches), seed and blind cases."""
    _same_cases_at_width(gold_preface, 5000, [3, 0, 9, 14, 6], 1, dense, layout)
    _same_cases_at_width(gold_preface, 5000, [4, 1, 7, 0, 2], 2, dense, layout, BLIND_CASES)
    text = render_bulletin(gold_preface, _CASES, 5000, seed=3, layout=layout)
    assert [len(c.paragraphs) for c in segment(text).cases] == [int(g["n_paragraphs"]) for g in _CASES]


@pytest.mark.parametrize("width, seed_, picks, corpus", [
    (22, 322000, [5, 7, 6, 0, 1], BLIND_CASES),  # 助力乡村产业振兴: jieba tags 助力 a noun
    (23, 0, [0, 1], BLIND_CASES),
    (37, 137001, [12, 4, 6, 10, 5, 14, 13, 9], _CASES),  # 以数字化助推…: a preposition opens it
    (37, 37, [13, 1, 2, 0, 9, 8], _CASES),  # …开展了“河: the opening quote pulled a character up
], ids=["22-blind", "23-blind", "37-seed", "37-seed-b"])
def test_a_second_title_line_before_a_first_line_with_hanging_punctuation(gold_preface, width, seed_, picks, corpus):
    """Found by the sweeps and the random search: a title's second line whose words do not tell
    (opening with a noun or a preposition), before a body whose first line ends with a comma
    hanging past its indented end (or a character pulled up after an opening quote): kinsoku
    lengthens the indented line, it does not fill the indent."""
    _same_cases_at_width(gold_preface, width, picks, seed_, False, PRINT, corpus)


def _same_cases_at_width(gold_preface, width, picks, seed_, dense, layout=PRINT, corpus=None, wrap_titles=False):
    chosen = [(corpus or _CASES)[k] for k in picks]
    text = render_bulletin(gold_preface, chosen, width, seed=seed_, layout=layout, wrap_titles=wrap_titles)
    if dense:
        text = text.replace("\n\n", "\n")
    result = segment(text)
    assert [c.union_name for c in result.cases] == [g["union_name"] for g in chosen]
    assert [squash(c.title) for c in result.cases] == [squash(g["title"]) for g in chosen]
    assert [squash(c.body) for c in result.cases] == [squash(g["body"]) for g in chosen]


@settings(max_examples=examples(60), **SETTINGS)
@given(data=st.data())
def test_mutated_variants_give_a_result_or_a_clear_error(seed, data):
    layout = data.draw(st.sampled_from(ORDERS))
    lines = assemble(seed, layout=layout, blank=data.draw(st.booleans())).split("\n")
    for _ in range(data.draw(st.integers(1, 5))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "double", "split", "join"]))
        if op == "drop":
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "split" and len(lines[i]) > 2:
            k = data.draw(st.integers(1, len(lines[i]) - 1))
            lines[i:i + 1] = [lines[i][:k], lines[i][k:]]
        elif op == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + lines[i + 1]]
    try:
        result = segment("\n".join(lines))
    except BulletinFormatError as e:
        assert str(e).startswith("bulletin.txt:") or str(e).startswith("bulletin.txt")
        assert "\n" not in str(e)
        return
    assert all(c.body and squash(c.title) for c in result.cases)


def test_print_is_the_default_order():
    assert PRINT == "print"
