"""pipeline/figures/tagger.py gives jieba.posseg's words and tags, and its Viterbi jieba's path;
its list cuts give jieba.posseg.cut's and jieba.cut(HMM=False)'s words."""

import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.figures.tagger import dictionary_cut, pos_cut, tagger
from pipeline.memo import forget_bulletin
from tests.conftest import read_gold_cases, read_gold_preface

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import jieba
    import jieba.posseg as pseg

TEXTS = Path(__file__).with_name("texts")
HMM = (pseg.char_state_tab_P, pseg.start_P, pseg.trans_P, pseg.emit_P)
# Characters the HMM knows, the ones its tables leave out of a state (any state then), digits,
# Latin letters and punctuation: the Viterbi pass sees runs of the first two kinds.
KNOWN = sorted(pseg.char_state_tab_P)


def _jieba(text: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in pseg.cut(text)]


def _ours(text: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in tagger().cut(text)]


def _texts() -> list[str]:
    out = [read_gold_preface()] + [c["body"] for c in read_gold_cases()]
    out += [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))]
    return out


def test_same_words_and_tags_as_jieba_on_the_test_texts() -> None:
    texts = _texts()
    assert len(texts) > 20
    for text in texts:
        for line in text.splitlines():
            assert _ours(line) == _jieba(line), line


@pytest.mark.parametrize("text, expected", [
    # 实 is read by the HMM (月实 is no dictionary word); a fork of jieba dropped it.
    ("月实发工资3100元", [("月", "m"), ("实", "v"), ("发工资", "l"), ("3100", "m"), ("元", "m")]),
    ("广州市总工会连续六年发布", [("广州市", "ns"), ("总工会", "n"), ("连续", "a"), ("六年", "m"), ("发布", "v")]),
])
def test_known_cuts(text: str, expected: list[tuple[str, str]]) -> None:
    assert _ours(text) == expected == _jieba(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(KNOWN[::7] + list("名个月实院等选树奖和共万元人次年率") + ["\U0002a700"]),
               min_size=1, max_size=9))
def test_viterbi_is_jiebas(obs: str) -> None:
    from pipeline.figures.tagger import _model
    try:
        expected = pseg.viterbi(obs, *HMM)
    except ValueError:  # jieba's max() of no previous state: ours declines to answer
        assert _model().viterbi(obs) is None
        return
    assert _model().viterbi(obs) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(KNOWN[::5] + list("0123456789abcXYZ，。、“”《》%．.- ")),
               min_size=1, max_size=30))
def test_cut_is_jiebas(text: str) -> None:
    assert _ours(text) == _jieba(text)


def _lines() -> list[str]:
    return [line for text in _texts() for line in text.splitlines()]


def test_list_cuts_are_jiebas_on_the_test_texts() -> None:
    lines = _lines()
    assert len(lines) > 200
    forget_bulletin()
    for line in lines:
        assert pos_cut(line) == _jieba(line), line
        assert dictionary_cut(line) == list(jieba.cut(line, HMM=False)), line


@pytest.mark.parametrize("text, expected", [
    # Single Latin letters and digits are joined (QQ, 2023), not across a full stop (1 . 5); a
    # dictionary word may hold a letter (A股); a space is a word of its own.
    ("2023年A股上市 QQ群1.5万", ["2023", "年", "A股", "上市", " ", "QQ", "群", "1", ".", "5", "万"]),
    ("工会", ["工会"]), ("", []),
])
def test_dictionary_cut_known(text: str, expected: list[str]) -> None:
    assert dictionary_cut(text) == expected == list(jieba.cut(text, HMM=False))


_MIXED = KNOWN[::5] + list("0123456789abcXYZ，。、“”《》%．.-+#&_ \t\r\n") + ["\U0002a700", "ａ"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_MIXED), min_size=0, max_size=30))
def test_list_cuts_are_jiebas(text: str) -> None:
    forget_bulletin()
    assert pos_cut(text) == _jieba(text)
    assert pos_cut(text) == _jieba(text)  # the second time from the bulletin's memo
    assert dictionary_cut(text) == list(jieba.cut(text, HMM=False))


def test_word_tag_is_the_dictionary_tag_or_nothing():
    import jieba.posseg

    from pipeline.figures.tagger import word_tag

    table = jieba.posseg.dt.word_tag_tab
    for word in ("工会", "工资", "收入", "北京市", "为", "深化"):
        assert word_tag(word) == table[word] != ""
    assert word_tag("狮山镇xyz") == ""
