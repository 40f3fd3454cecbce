"""jieba's part-of-speech cut (``jieba.posseg``) with the Viterbi pass of its HMM done by numpy.

``tagger()`` returns a ``jieba.posseg.POSTokenizer`` that shares jieba's dictionary, word tags and
HMM tables and differs in one step: the most likely state path of a run of unknown characters is
computed over numpy arrays instead of one Python tuple per pair of states. Words and tags are the
same as ``jieba.posseg.cut`` gives (``tests/figures/test_tagger.py`` compares them, and
``benchmarks/parse_equivalence.py`` compares whole builds' rows).

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
from typing import Any

import numpy as np

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
