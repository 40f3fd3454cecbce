"""The evidence a line gives about its role: body, union, title (furniture is in ``furniture``).

Each function here reads one signal; ``segment`` weighs them together. Widths are measured
against the column of the case the line stands in, since the column width varies from case to case
(a bulletin sets cases in columns of different widths).
"""

from __future__ import annotations

import math
import re
from statistics import median

from pipeline.memo import per_bulletin
from pipeline.text.lines import Line
from pipeline.text.paragraphs import SENTENCE_END, printed_width
from pipeline.text.words import OTHER, PREPOSITION, SENTENCE, VERB, breaks_word, opening, words

OPENERS = "“‘「『《（([【〔"
CLOSERS = "”’」』》）)]】〕"
# Clause or sentence punctuation outside quotations: prose, never a title line.
_PROSE = re.compile(r"[，。；！？、,;!?]")
_CJK = r"\u3400-\u4DBF\u4E00-\u9FFF"
_CJK_SPACE_CJK = re.compile(rf"[{_CJK}”’」』》）] +[{_CJK}“‘「『《（]")
_WORDY = re.compile(rf"[{_CJK}0-9A-Za-z]")
# NOTE: widths measured from extracted text are noisy by a few cells (digits, quotes and the
# extractor's spaces are set narrower or wider than counted), so a line's shape is scored as a
# log-likelihood, not a yes/no: a paragraph's first line falls short of the column by its lost
# indent (two characters, 4 cells; centre 5, spread 2.5), a line inside a paragraph reaches the
# edge (centre 0, spread 1.5: kinsoku pushes a character down, closing punctuation overhangs).
FIRST_SHORT, FIRST_SPREAD = 5.0, 2.5
FULL_SPREAD = 1.5
OVERHANG = 3
WIDER_THAN_COLUMN = -6.0
UNWRAPPED_COLUMN = 100_000  # paragraphs one a line: a column wider than any of them
# NOTE: a line wrapped by force fills the column but for less than one character and kinsoku.
FULL_ROOM = 2
# NOTE: a line break inside a paragraph falls anywhere kinsoku allows, so it runs on (``runs_on``:
# splits a dictionary word or a number, or stands next to a particle, 的 or a preposition) about
# half the time: 53 % of the allowed break positions in the seed's bodies (43 % split a word). A
# title breaks between phrases and ends at a phrase's end (none of the seed's title breaks runs
# on; 1 in 30 allowed for a forced wrap). Scores are log-likelihood ratios against the line break
# inside a paragraph.
RUNS_ON_BODY, RUNS_ON_TITLE = 0.5, 0.03
TITLE_BREAK_RUNS_ON = math.log(RUNS_ON_TITLE / RUNS_ON_BODY)
TITLE_BREAK_CLEAN = math.log((1 - RUNS_ON_TITLE) / (1 - RUNS_ON_BODY))
# NOTE: how a line opens, as shares (rounded, and spread wider than measured) of title lines,
# paragraphs' first lines and lines inside a paragraph: headlines open with a verb (深化, 打造,
# 构建), paragraphs with a subject, a time or a preposition (北京市总工会, 2023年, 针对), and a
# wrapped line with whatever the break left. Measured over the seed: title parts 68 % verb, 8 %
# preposition, 24 % other; paragraphs 64 % sentence, 14 % preposition, 10 % verb, 12 % other;
# lines broken at random places 28 % verb, 15 % sentence, 2 % preposition, 55 % other. A name
# jieba's dictionary lacks (狮山镇, a company) opens as "other", so paragraphs get more of it.
_OPENINGS = {
    "title": {VERB: 0.6, SENTENCE: 0.05, PREPOSITION: 0.1, OTHER: 0.25},
    "first": {VERB: 0.1, SENTENCE: 0.5, PREPOSITION: 0.2, OTHER: 0.2},
    "wrapped": {VERB: 0.25, SENTENCE: 0.15, PREPOSITION: 0.03, OTHER: 0.57},
}
# NOTE: characters that never open a phrase: structural and aspect particles, plural and
# sentence-final particles. A line starting with one goes on from the line before.
_BOUND = frozenset("的了着过们地得之等者吗呢吧啊")
# NOTE: words that never end a phrase: the structural particle 的 and words that need what follows
# (conjunctions, prepositions). A line ending with one goes on into the next line.
_OPEN_ENDED = frozenset("的和与及或并且而把被将对向从在于以")
_HANGING = frozenset("，。、；：！？")
_QUOTE_MARK = re.compile(f"[{re.escape(OPENERS + CLOSERS)}]")
_NO_START = set("，。、；：！？,.;:!?%") | set(CLOSERS)


def quote_depth(s: str) -> int:
    depth = 0
    for ch in s:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
    return depth


def outside_quotes(s: str) -> str:
    """The characters of ``s`` outside quotations; a line that closes a quotation it did not open
    (a wrapped line inside a quotation) starts inside it."""
    marks = [(m.start(), m.group()) for m in _QUOTE_MARK.finditer(s)]
    if not marks:
        return s
    depth, unmatched = 0, -1
    for i, ch in marks:
        if ch in OPENERS:
            depth += 1
        elif depth:
            depth -= 1
        else:
            unmatched = i
    # Runs of text outside quotations, between the marks that open and close them; a closing
    # mark with nothing open is text.
    out, depth, pos = [], 0, unmatched + 1
    for i, ch in marks:
        if i <= unmatched:
            continue
        if ch in OPENERS:
            if depth == 0:
                out.append(s[pos:i])
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                pos = i + 1
    if depth == 0:
        out.append(s[pos:])
    return "".join(out)


def ends_sentence(line: Line) -> bool:
    return bool(SENTENCE_END.search(line.stripped))


def titleish(line: Line) -> bool:
    """A line that can be (part of) a title: words, no prose punctuation outside quotations, no
    sentence end, no paragraph indent."""
    s = line.stripped
    return (not line.indented and bool(_WORDY.search(s)) and not _PROSE.search(outside_quotes(s))
            and not SENTENCE_END.search(s))


def titleish_run(run: list[Line]) -> bool:
    """Lines that can be (part of) one title, read together: a title wrapped inside a quotation
    holds its clause punctuation on a line of its own (聚焦“进得来、 / 留得住、干得好”)."""
    s = "".join(x.stripped for x in run)
    return (all(not x.indented and _WORDY.search(x.stripped) and not SENTENCE_END.search(x.stripped)
                for x in run) and not _PROSE.search(outside_quotes(s)))


def has_title_gap(line: Line) -> bool:
    """Titles set two phrases apart with a space; prose has spaces between CJK only inside quotes."""
    return bool(_CJK_SPACE_CJK.search(outside_quotes(line.stripped)))


def column_of(lines: list[Line], flat: bool = False) -> int:
    """The column width of a run of body lines: the median width of the lines that do not end a
    paragraph (last lines are short), or of all lines when there are few; a width no paragraph
    reaches when the bulletin is ``flat``, one paragraph a line."""
    if flat:
        return UNWRAPPED_COLUMN
    widths = [printed_width(x.text) for x in lines if not ends_sentence(x)]
    if len(widths) < 3:
        widths = [printed_width(x.text) for x in lines]
    return int(median(widths)) if widths else 0


def _gauss(x: float, centre: float, spread: float) -> float:
    return -(((x - centre) / spread) ** 2) / 2


def first_line_fit(line: Line, col: int) -> float:
    """Log-likelihood that ``line`` is the first line of a paragraph in a column ``col`` wide."""
    if line.indented:
        return 0.0
    w = printed_width(line.text)
    if w > col + OVERHANG:
        return WIDER_THAN_COLUMN
    short = col - w
    if ends_sentence(line) and short >= FIRST_SHORT:
        return 0.0  # a paragraph of one line
    # NOTE: kinsoku lengthens a line by one character (2 cells) when punctuation that may not open
    # a line hangs past its end (，) or an opening mark that may not end it pulls the next
    # character up (…开展了“河); an indented first line so lengthened falls short by less.
    tail = line.stripped[-2:]
    if tail[-1] in _HANGING or (len(tail) == 2 and tail[0] in OPENERS):
        short += 2
    return _gauss(short, FIRST_SHORT, FIRST_SPREAD)


def continuation_fit(first: Line, nxt: Line | None, col: int) -> float:
    """Log-likelihood that ``nxt`` follows ``first`` as its paragraph goes on (or as a new
    paragraph, when ``first`` ended one)."""
    if nxt is None:
        return 0.0
    if ends_sentence(first) and col - printed_width(first.text) >= FIRST_SHORT:
        return first_line_fit(nxt, col)
    if nxt.indented:
        return -3.0
    w = printed_width(nxt.text)
    if ends_sentence(nxt):
        return 0.0 if w <= col + OVERHANG else WIDER_THAN_COLUMN  # a paragraph's last line: any width
    if w > col:  # closing punctuation and digits counted wider than set make a line overhang
        return _gauss(w - col, 0.0, 2 * FULL_SPREAD)
    return _gauss(col - w, 0.0, FULL_SPREAD)


def wider_than_column(line: Line, col: int) -> bool:
    return printed_width(line.text) > col + OVERHANG


def fills_column(line: Line, col: int) -> bool:
    """A line that leaves no room for another character: a title line like it wrapped by force."""
    return printed_width(line.text) >= col - FULL_ROOM


def wrapped_by_force(line: Line, col: int) -> bool:
    """A title line that fills a column ``col`` cells wide and is not wider: the title wrapped there
    at the column's edge (a title line wider than the column was set in a wider measure)."""
    return col > 0 and fills_column(line, col) and not wider_than_column(line, col)


def runs_on(line: Line, nxt: Line) -> bool:
    """Whether ``line`` runs on into ``nxt`` mid-word or mid-phrase: the break splits a word or a
    number, ``nxt`` opens with punctuation that closes or a particle that cannot open a phrase,
    or ``line`` ends with an opening mark, 的, a conjunction or a preposition."""
    return _runs_on(line.stripped, nxt.stripped)


@per_bulletin(65536)
def _runs_on(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a[-1] in OPENERS or b[0] in _NO_START:
        return True
    first = next(iter(words(b[:4])), "")
    last = (words(a[-4:]) or [""])[-1]
    return first in _BOUND or last in _OPEN_ENDED or breaks_word(a, b)


def phrase_break(a: str, b: str) -> bool:
    """Whether a title line ``a`` ends a phrase and the next, ``b``, opens one: the break splits no
    word and ``b`` opens as a headline does (a verb or a preposition)."""
    return not _runs_on(a, b) and opening(b) in (VERB, PREPOSITION)


def title_break_fit(line: Line, nxt: Line, forced: bool) -> float:
    """Log-likelihood ratio that the break after ``line`` ends a title or one of its lines (rather
    than wrapping a paragraph); a ``forced`` break (a title line filling the column, or broken
    inside a quotation) says nothing."""
    if forced:
        return 0.0
    return TITLE_BREAK_RUNS_ON if runs_on(line, nxt) else TITLE_BREAK_CLEAN


def opening_fit(line: Line, role: str) -> float:
    """Log-likelihood ratio that ``line`` opens as a ``title`` line or a paragraph's ``first`` line
    does, rather than as a line inside a paragraph."""
    kind = opening(line.stripped)
    return math.log(_OPENINGS[role][kind] / _OPENINGS["wrapped"][kind])
