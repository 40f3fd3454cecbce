"""jieba's cuts, done faster with the same words and tags: its part-of-speech cut
(``jieba.posseg.cut``) and its dictionary-only cut (``jieba.cut(HMM=False)``).

``tagger()`` returns a ``jieba.posseg.POSTokenizer`` that shares jieba's dictionary, word tags and
HMM tables and differs in one step: the most likely state path of a run of unknown characters is
computed over numpy arrays instead of one Python tuple per pair of states. ``pos_cut`` and
``dictionary_cut`` are jieba's two cuts as plain functions returning lists: the best route through
the dictionary (jieba's ``get_DAG`` and ``calc``) is found in one pass over the text instead of a
dict of candidate lists and a ``max`` over a generator of tuples, and no generator or ``pair``
object is made per word. Words and tags are the same as jieba's (``tests/figures/test_tagger.py``
compares them, and ``benchmarks/parse_equivalence.py`` compares whole builds' rows).

NOTE: the HMM's Viterbi pass was most of the cost of parsing a bulletin (some 45 of 70 ms CPU): each
step tries every pair of ~30–256 states in Python. The faster jieba forks on PyPI were tried and
not taken: jieba-fast-dat 0.59 drops a character (社工年流失率…月实发工资 loses 实) and jieba-next
1.0.0rc1 cuts differently (广州市总工会 → 广州市 / 总 / 工会); jieba itself (0.42.1, 2020) has no
faster mode that keeps its HMM. So this module re-does that one function, step for step.
"""

from __future__ import annotations

import logging
import warnings
from functools import lru_cache
from math import log
from typing import Any

import numpy as np

from pipeline.memo import per_bulletin

MIN_FLOAT = -3.14e100  # jieba's emission log-probability of a character a state never emits


class _Model:
    """jieba's posseg HMM as arrays, states in ascending tuple order.

    jieba breaks ties with ``max((prob, state))``: among equal probabilities the largest state
    tuple wins. With states sorted ascending, that is the last maximum of an array.
    """

    def __init__(self, char_state: dict, start: dict, trans: dict, emit: dict) -> None:
        self.states = sorted(trans)
        index = {s: i for i, s in enumerate(self.states)}
        n = len(self.states)
        self.all = np.arange(n)
        self.start = np.array([start[s] for s in self.states], dtype=np.float64)
        self.trans = np.full((n, n), float("-inf"))
        self.follows = np.zeros((n, n), dtype=bool)  # y may follow x: y is a key of trans[x]
        for s, nxt in trans.items():
            for t, p in nxt.items():
                self.trans[index[s], index[t]] = p
                self.follows[index[s], index[t]] = True
        self.has_next = self.follows.any(axis=1)
        self.char_states: dict[str, np.ndarray] = {}
        self.char_emit: dict[str, np.ndarray] = {}  # emission of the character by each of its states
        for c, ss in char_state.items():
            ys = sorted(index[s] for s in ss)
            self.char_states[c] = np.array(ys, dtype=np.intp)
            self.char_emit[c] = np.array([emit[self.states[y]].get(c, MIN_FLOAT) for y in ys])
        self.emit = [emit[s] for s in self.states]

    def _emit(self, ys: np.ndarray, char: str) -> np.ndarray:
        emit = self.emit
        return np.array([emit[y].get(char, MIN_FLOAT) for y in ys.tolist()], dtype=np.float64)

    def viterbi(self, obs: str) -> tuple[float, list[tuple[str, str]]] | None:
        """jieba.posseg.viterbi's (prob, state path) of ``obs``; None where jieba's own would raise."""
        ys = self.char_states.get(obs[0])
        if ys is None:
            ys = self.all
            v = self.start + self._emit(ys, obs[0])
        else:
            v = self.start[ys] + self.char_emit[obs[0]]
        steps: list[tuple[np.ndarray, np.ndarray]] = []  # (states at t, best previous state of each)
        for char in obs[1:]:
            live = self.has_next[ys]
            prev, vp = ys[live], v[live]
            if prev.size == 0:
                return None  # jieba's max() over no previous state raises; let it
            expect = self.follows[prev].any(axis=0)
            cand = self.char_states.get(char)
            if cand is None:
                keep = expect
                nxt = np.flatnonzero(keep)
                emit = self._emit(nxt, char)
            else:
                keep = expect[cand]
                nxt = cand[keep]
                emit = self.char_emit[char][keep]
            if nxt.size == 0:
                nxt = np.flatnonzero(expect)
                emit = self._emit(nxt, char)
            # (V + trans) + emit, added in jieba's order so every sum is the same float.
            scores = (vp[:, None] + self.trans[np.ix_(prev, nxt)]) + emit[None, :]
            best = prev.size - 1 - np.argmax(scores[::-1], axis=0)  # the last maximum
            v = scores[best, np.arange(nxt.size)]
            steps.append((nxt, prev[best]))
            ys = nxt
        k = ys.size - 1 - int(np.argmax(v[::-1]))
        prob, state = float(v[k]), int(ys[k])
        route = [state]
        for at, back in reversed(steps):
            state = int(back[np.searchsorted(at, state)])
            route.append(state)
        route.reverse()
        return prob, [self.states[s] for s in route]


@lru_cache(maxsize=1)
def _jieba() -> Any:
    # jieba 0.42.1 imports pkg_resources (a deprecation warning) and logs its dictionary load.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg as pseg
    jieba.setLogLevel(logging.WARNING)
    return pseg


@lru_cache(maxsize=1)
def _model() -> _Model:
    pseg = _jieba()
    return _Model(pseg.char_state_tab_P, pseg.start_P, pseg.trans_P, pseg.emit_P)


@lru_cache(maxsize=1)
def tagger() -> Any:
    """A ``jieba.posseg.POSTokenizer`` over jieba's default dictionary, HMM pass in numpy."""
    pseg = _jieba()
    model = _model()
    base = pseg.dt

    class Tagger(pseg.POSTokenizer):
        def __init__(self) -> None:
            # jieba's default tokenizer and tag table, shared rather than loaded twice.
            self.tokenizer = base.tokenizer
            self.word_tag_tab = base.word_tag_tab

        def _POSTokenizer__cut(self, sentence: str):  # noqa: N802 (overrides POSTokenizer.__cut)
            # POSTokenizer.__cut, with model.viterbi for jieba.posseg.viterbi.
            found = model.viterbi(sentence)
            if found is None:
                found = pseg.viterbi(sentence, pseg.char_state_tab_P, pseg.start_P, pseg.trans_P, pseg.emit_P)
            _prob, pos_list = found
            begin, nexti = 0, 0
            for i, char in enumerate(sentence):
                pos = pos_list[i][0]
                if pos == "B":
                    begin = i
                elif pos == "E":
                    yield pseg.pair(sentence[begin:i + 1], pos_list[i][1])
                    nexti = i + 1
                elif pos == "S":
                    yield pseg.pair(char, pos_list[i][1])
                    nexti = i + 1
            if nexti < len(sentence):
                yield pseg.pair(sentence[nexti:], pos_list[nexti][1])

    return Tagger()


class _Dictionary:
    """jieba's prefix dictionary (word → frequency, 0 for a prefix that is no word), the log of its
    total, and its word tags."""

    def __init__(self) -> None:
        pseg = _jieba()
        tokenizer = pseg.dt.tokenizer
        tokenizer.check_initialized()
        self.freq: dict[str, int] = tokenizer.FREQ
        self.logtotal = log(tokenizer.total)
        self.tags: dict[str, str] = pseg.dt.word_tag_tab
        self.jieba = pseg.jieba  # the module, imported above with its warnings silenced


@lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    return _Dictionary()


def word_tag(word: str) -> str:
    """jieba's part-of-speech tag of ``word`` when its dictionary lists it, else ''."""
    return _dictionary().tags.get(word, "")


def _route(s: str, d: _Dictionary) -> list[int]:
    """The last index of the word that starts at each index of ``s`` on jieba's best route.

    jieba's ``calc`` over ``get_DAG``, step for step: from the end, the route's log-probability at
    ``k`` is the best of ``log(freq(s[k:i+1])) - logtotal + route[i+1]`` over the dictionary words
    ``s[k:i+1]`` (or the character alone, frequency 1), summed in jieba's order so every float is the
    same. jieba's ``max`` of (probability, i) pairs takes the largest ``i`` of equal probabilities:
    with ``i`` ascending, that is the last ``>=``.
    """
    freq, logtotal = d.freq, d.logtotal
    n = len(s)
    prob = [0.0] * (n + 1)
    ends = list(range(n))
    for k in range(n - 1, -1, -1):
        best: float | None = None
        i, frag = k, s[k]
        while frag in freq:
            f = freq[frag]
            if f:
                p = log(f) - logtotal + prob[i + 1]
                if best is None or p >= best:
                    best, ends[k] = p, i
            i += 1
            if i >= n:
                break
            frag = s[k:i + 1]
        if best is None:
            best = log(freq.get(s[k]) or 1) - logtotal + prob[k + 1]
        prob[k] = best
    return ends


@per_bulletin(8192)
def _hmm_cut(s: str) -> tuple[tuple[str, str], ...]:
    """POSTokenizer.__cut: the words and tags the HMM reads in a run of Han characters.

    NOTE: remembered for the bulletin (``pipeline.memo``): the same unknown runs (a name, a rare
    word) come back in the clauses of many of its figures; about half the HMM's runs of a bulletin
    were seen before in it. A memo of whole runs of Han characters was tried as well and saved
    little more (0.1–0.3 ms a bulletin): few runs repeat whole.
    """
    return tuple((p.word, p.flag) for p in tagger()._POSTokenizer__cut(s))


def _pos_detail(buf: str, out: list[tuple[str, str]]) -> None:
    # POSTokenizer.__cut_detail: a run the dictionary does not know, read by the HMM.
    pseg = _jieba()
    for blk in pseg.re_han_detail.split(buf):
        if pseg.re_han_detail.match(blk):
            out.extend(_hmm_cut(blk))
        else:
            for x in pseg.re_skip_detail.split(blk):
                if x:
                    out.append((x, "m" if pseg.re_num.match(x) else "eng" if pseg.re_eng.match(x) else "x"))


def _pos_block(s: str, d: _Dictionary, out: list[tuple[str, str]]) -> None:
    # POSTokenizer.__cut_DAG of one run of Han characters, Latin letters and digits: dictionary
    # words, and runs of single characters that make no word read by the HMM.
    tags, freq = d.tags, d.freq
    ends = _route(s, d)
    x, n, buf = 0, len(s), ""
    while x < n:
        y = ends[x] + 1
        if y - x == 1:
            buf += s[x]
        else:
            if buf:
                _pos_flush(buf, tags, freq, out)
                buf = ""
            word = s[x:y]
            out.append((word, tags.get(word, "x")))
        x = y
    if buf:
        _pos_flush(buf, tags, freq, out)


def _pos_flush(buf: str, tags: dict, freq: dict, out: list[tuple[str, str]]) -> None:
    if len(buf) == 1:
        out.append((buf, tags.get(buf, "x")))
    elif not freq.get(buf):
        _pos_detail(buf, out)
    else:
        out.extend((c, tags.get(c, "x")) for c in buf)


def pos_cut(text: str) -> list[tuple[str, str]]:
    """(word, tag) of each word of ``text``: ``jieba.posseg.cut(text)`` (HMM on), as a list."""
    pseg = _jieba()
    d = _dictionary()
    han, skip, num, eng = pseg.re_han_internal, pseg.re_skip_internal, pseg.re_num, pseg.re_eng
    out: list[tuple[str, str]] = []
    for blk in han.split(text):
        if han.match(blk):
            _pos_block(blk, d, out)
            continue
        for x in skip.split(blk):
            if skip.match(x):
                out.append((x, "x"))
            else:
                # NOTE: jieba tests the whole run x, not the character, for eng; kept as it is.
                out.extend((c, "m" if num.match(c) else "eng" if eng.match(x) else "x") for c in x)
    return out


def dictionary_cut(text: str) -> list[str]:
    """The words of ``text`` by jieba's dictionary alone: ``jieba.cut(text, HMM=False)``, as a list."""
    d = _dictionary()
    han, skip, eng = d.jieba.re_han_default, d.jieba.re_skip_default, d.jieba.re_eng
    out: list[str] = []
    for blk in han.split(text):
        if not blk:
            continue
        if not han.match(blk):
            for x in skip.split(blk):
                if skip.match(x):
                    out.append(x)
                else:
                    out.extend(x)
            continue
        # Tokenizer.__cut_DAG_NO_HMM: single Latin letters and digits are joined into one word.
        ends = _route(blk, d)
        x, n, buf = 0, len(blk), ""
        while x < n:
            y = ends[x] + 1
            word = blk[x:y]
            if y - x == 1 and eng.match(word):
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)
    return out
