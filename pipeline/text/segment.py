"""Segmentation of a bulletin into its preface and its cases, by evidence.

A case is its body, the publishing union alone on a line, and its title on one to three lines, in
one of three orders (the bulletin's layout, detected once per bulletin):

- ``print``: body, union, title (print-to-text of a newspaper page);
- ``web-title-union-body``: title, union, body (web pages);
- ``web-title-body-union``: title, body, union.

Each line's role is read from several signals together (``roles``): whether it parses as a
union name (the callback), its width against the column of its own case, sentence-final
punctuation, whether the next line can open a paragraph, quotation balance across lines, and
words (a title breaks between phrases and opens as a headline, a body as a sentence). A
running header separates the preface from the first case; page furniture is dropped first
(``furniture``). A footer printed twice is kept once. A line that fits no role where one is
expected stops the bulletin with a message naming the line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.text.canonical import canonical_spaces
from pipeline.text.errors import BulletinFormatError
from pipeline.text.furniture import drop_furniture
from pipeline.text.headers import drop_running_headers
from pipeline.text.lines import Line, read_lines
from pipeline.text.paragraphs import column_width, paragraph_ends, rebuild_paragraphs, unwrapped
from pipeline.text.roles import (
    column_of,
    continuation_fit,
    ends_sentence,
    fills_column,
    first_line_fit,
    has_title_gap,
    opening_fit,
    phrase_break,
    printed_width,
    quote_depth,
    title_break_fit,
    titleish,
    titleish_run,
    wider_than_column,
    wrapped_by_force,
)

PRINT = "print"
WEB_TITLE_UNION_BODY = "web-title-union-body"
WEB_TITLE_BODY_UNION = "web-title-body-union"
DENSE = "-dense"
LAYOUTS = tuple(f"{o}{s}" for o in (PRINT, WEB_TITLE_UNION_BODY, WEB_TITLE_BODY_UNION) for s in ("", DENSE))
MAX_TITLE_LINES = 3
# NOTE: a title has one to three lines of its own (``MAX_TITLE_LINES``: phrases, or breaks a
# typesetter chose); set in a column narrower than itself it also wraps by force at the column's
# edge, and each line that fills the column adds one. How many such forced lines a title can have
# follows from the longest plausible title, 80 cells (40 characters; the seed's longest has 33),
# over the case's column width: 6 at 12 cells, 2 at 40, none in a column wider than any title.
LONGEST_TITLE = 80
# NOTE: a union line is taken as a case footer when the best title-and-body split after it is not
# clearly unlikely (scores are log-likelihoods; a real split scores above -2.5 on the seed in any
# order). A union name wrapped inside a body is refused before that, by the line before it not
# ending a paragraph; one that opens a paragraph of a column its own width plus an indent cannot
# be told apart (docs/layouts.md).
MIN_SPLIT_SCORE = -3.5
# NOTE: a line reaching the column's edge scores -2 as a paragraph's first line; one 2 cells short
# (the least a lost indent leaves, with noise) scores -1.4. Its words add to that: a break after
# the union line inside a word takes 2.6 off, a line opening as a sentence does (2019年, 北京市…)
# adds up to 1.3, since digits and kinsoku make a first line's width noisy at narrow columns.
MIN_OPENING = -1.8
# NOTE: a bulletin is `dense` when fewer than half of its line gaps hold a blank line.
SPACED_SHARE = 0.5
_TITLE_HINT = "Put the case title on its own line(s) next to the union line"


@dataclass(frozen=True)
class SegmentedCase:
    """One case as printed: where it stands in the file and its canonical text."""

    seq: int
    union_name: str
    title: str
    paragraphs: tuple[str, ...]
    first_line: int
    footer_line: int

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class SegmentedBulletin:
    """A bulletin split into preface and cases, with its layout and the layout lines dropped."""

    preface: str
    cases: tuple[SegmentedCase, ...]
    header_lines: tuple[int, ...] = field(default=())
    duplicate_footer_lines: tuple[int, ...] = field(default=())
    layout: str = PRINT
    furniture_lines: tuple[int, ...] = field(default=())


def join_title(parts: list[str], col: int = 0) -> str:
    """One title from its printed lines: one space between parts, nothing inside a quotation or
    after a part wrapped by force at the edge of a column ``col`` cells wide (inside a phrase)."""
    title, prev = "", ""
    for part in parts:
        part = part.strip()
        if title and quote_depth(title) == 0 and not _forced_wrap(prev, part, col):
            title += " "
        title += part
        prev = part
    return canonical_spaces(title)


def _forced_wrap(prev: str, part: str, col: int) -> bool:
    # NOTE: a title line that fills the column (and is not wider: such a title was set in a wider
    # measure) was wrapped by force unless its break reads as one between phrases (no word split,
    # the next line opening as a headline does): a phrase that fills the column exactly looks the
    # same.
    return wrapped_by_force(Line(0, prev), col) and not phrase_break(prev, part)


def _title_column(lines: list[Line], t0: int, end: int, flat: bool) -> int:
    body = lines[t0 + 1:end]
    return column_of(body[2:] if len(body) > 8 else body, flat)


def split_score(lines: list[Line], t0: int, k: int, end: int, unions: frozenset[int] = frozenset(),
                flat: bool = False, horizon: int = 0, col: int | None = None) -> float:
    """The evidence that ``lines[t0:t0+k]`` is a title and ``lines[t0+k:end]`` the body after it
    (a log-likelihood; ``unions`` are the lines that parse as union names, never a title's;
    ``flat``: the bulletin has one paragraph per line; ``horizon``: the line the longest title
    considered would reach, the body's lines up to it scored as a paragraph going on; ``col``: the
    title's column, ``_title_column`` of the same lines, when the caller has it)."""
    if col is None:
        col = _title_column(lines, t0, end, flat)
    score = 0.0
    for i in range(1, k):
        extra = lines[t0 + i]
        if not titleish_run(lines[t0:t0 + i + 1]) or t0 + i in unions:
            return float("-inf")
        if wrapped_by_force(lines[t0 + i - 1], col):
            # a wrap by force at the column's edge: the title's length made the line, not a
            # choice, and it breaks anywhere (its break, how the next line opens and the quotation
            # it leaves open say nothing)
            score += 3.0 if has_title_gap(extra) else 0.0
            continue
        score -= 0.5  # one title line is the rule, two or three the exception
        if has_title_gap(extra):
            score += 3.0
        if wider_than_column(extra, col):
            score += 1.5
        before = quote_depth("".join(x.stripped for x in lines[t0:t0 + i]))
        after = quote_depth("".join(x.stripped for x in lines[t0:t0 + i + 1]))
        if before > 0 and after == 0 and quote_depth(lines[t0].stripped) > 0:
            score += 3.0  # the title's first line broke inside a quotation this line closes
        if quote_depth(extra.stripped) > 0 and not (i + 1 < k and wrapped_by_force(extra, col)):
            # a line leaving a quotation open is prose wrapping mid-sentence (《关 / 于…》), unless
            # the title wraps there by force
            score -= 2.0
        # words: a title breaks between phrases and its lines open as headlines do
        forced = before > 0 or fills_column(lines[t0 + i - 1], col)
        score += title_break_fit(lines[t0 + i - 1], extra, forced) + opening_fit(extra, "title")
    if quote_depth("".join(x.stripped for x in lines[t0:t0 + k])) > 0:
        score -= 2.0
    if t0 + k < end:
        first = lines[t0 + k]
        nxt = lines[t0 + k + 1] if t0 + k + 1 < end else None
        score += first_line_fit(first, col) + continuation_fit(first, nxt, col)
        # the body read on as far as a longer title would reach: its lines go on as paragraphs do
        for j in range(t0 + k + 1, min(horizon, end - 1)):
            score += continuation_fit(lines[j], lines[j + 1], col)
        # words: a title ends at a phrase's end, and the body opens as a sentence does
        score += title_break_fit(lines[t0 + k - 1], first, False) + opening_fit(first, "first")
        if titleish(first) and has_title_gap(first):
            score -= 2.0  # two phrases set apart by a space: a title's way, not a body's
    return score


def title_room(lines: list[Line], t0: int, end: int, col: int, step: int = 1, floor: int = 0) -> int:
    """The most lines a title starting at ``t0`` can have in ``lines[floor:end]`` (``step`` -1:
    ending at ``t0``, read backwards): titleish lines with at most ``MAX_TITLE_LINES - 1`` breaks
    of their own, and one more for each line that fills the column (a forced wrap), up to
    ``LONGEST_TITLE`` cells' worth of them."""
    free, forced, k = MAX_TITLE_LINES - 1, LONGEST_TITLE // col if col > 0 else 0, 1
    while True:
        i = t0 + step * k  # the line the title would take next
        prev = i - step if step > 0 else i  # the line before the break to it: forced if it is full
        if not (floor <= i < end) or not titleish_run(lines[min(t0, i):max(t0, i) + 1]):
            return k
        if forced and wrapped_by_force(lines[prev], col):
            forced -= 1
        elif free:
            free -= 1
        else:
            return k
        k += 1


def best_title(lines: list[Line], t0: int, end: int,
               unions: frozenset[int] = frozenset(), flat: bool = False) -> tuple[int, float]:
    """How many lines from ``t0`` (before ``end``) form the title, with the evidence for it."""
    col = _title_column(lines, t0, end, flat)  # the same for every split tried
    room = title_room(lines, t0, end - 1, col)
    options = [(split_score(lines, t0, k, end, unions, flat, t0 + room, col), -k) for k in range(1, room + 1)]
    if not options:
        return 1, 0.0
    score, neg_k = max(options)
    return -neg_k, score


def trailing_title(lines: list[Line], u: int, floor: int) -> int:
    """Title lines just before union line ``u`` (not before ``floor``): the titleish lines after the
    last sentence end, at most as many as a title can have (``title_room``); 0 when the line before
    the union cannot be a title."""
    if u - 1 < floor or not titleish(lines[u - 1]):
        return 0
    after = lines[u + 1:u + 17] or lines[max(floor, u - 16):u]  # the body, in web order
    for k in range(1, title_room(lines, u - 1, u, column_of(after), step=-1, floor=floor) + 1):
        top = u - k
        if top == floor or ends_sentence(lines[top - 1]):
            return k
    return 1 if u - 1 >= floor and titleish(lines[u - 1]) else 0


def _spaced(lines: list[Line]) -> bool:
    gaps = [x.after_blank for x in lines[1:]]
    return not gaps or sum(gaps) >= SPACED_SHARE * len(gaps)


def detect_order(lines: list[Line], unions: list[int], floor: int) -> str:
    """The bulletin's order of body, union and title, from how the union lines stand."""
    n = len(lines)
    before_body = sum(1 for u in unions if u > floor and ends_sentence(lines[u - 1])
                      and (u + 1 == n or titleish(lines[u + 1])))
    before_title = sum(1 for u in unions if u + 1 < n and trailing_title(lines, u, floor))
    if before_title > before_body:
        return WEB_TITLE_UNION_BODY
    last = unions[-1]
    rest = [x for x in lines[last + 1:] if x.stripped != lines[last].stripped]
    # a title and a body need two lines before the first union that can sign (after a sentence's
    # end: a union name wrapped as the body's first line does not)
    first = next((u for u in unions if u > floor and ends_sentence(lines[u - 1])), unions[0])
    return WEB_TITLE_BODY_UNION if not rest and first - floor >= 2 else PRINT


def _check_no_stray_footer(body_lines: list[Line], path: str, flat: bool = False) -> None:
    """Refuse a body holding a line that can only be a case footer or title.

    NOTE: a paragraph's first line runs to the column's edge but for its indent, and its last line
    ends a sentence. A line a third of the column short (an indent and a pushed-down character take
    a few cells, never a third) that neither ends a sentence nor holds clause punctuation, opening a
    paragraph that goes on, is a union or title line: the union line of a case is missing, or is not
    a union name we recognise.
    """
    if len(body_lines) < 2:
        return
    ends = paragraph_ends(body_lines, flat)
    width = column_width(body_lines)
    for i in range(1, len(body_lines)):
        line = body_lines[i]
        s = line.stripped
        if (ends[i - 1] and not ends[i] and titleish(line)
                and width - printed_width(s) >= max(7, width // 3)):
            raise BulletinFormatError(
                f"{s!r} stands alone between paragraphs like a case footer or title, but no union "
                "line signs the case before it", path=path, line=line.lineno,
                hint="Put the union's name (a GB/T 2260 place + 总工会, or a national union) on its own "
                     "line between the case text and its title")


def _same_text(a: list[Line], b: list[Line]) -> bool:
    return len(a) == len(b) and all(x.stripped == y.stripped for x, y in zip(a, b, strict=True))


class _Cutter:
    """Cuts the kept lines into cases for one layout; collects what it drops."""

    def __init__(self, lines: list[Line], unions: list[int], path: str, flat: bool = False):
        self.lines, self.unions, self.path, self.flat = lines, unions, path, flat
        self.union_set = frozenset(unions)
        self.duplicates: list[int] = []
        self.cases: list[SegmentedCase] = []
        self._titles: dict[tuple[int, int], tuple[int, float]] = {}

    def best_title(self, t0: int, end: int) -> tuple[int, float]:
        """``best_title`` of these lines, remembered: ``signs`` weighs the title after a union line
        and ``cut_print`` then cuts the same one (half the calls were repeats)."""
        found = self._titles.get((t0, end))
        if found is None:
            found = self._titles[t0, end] = best_title(self.lines, t0, end, self.union_set, self.flat)
        return found

    def error(self, message: str, line: Line, hint: str) -> BulletinFormatError:
        return BulletinFormatError(message, path=self.path, line=line.lineno, hint=hint)

    def next_union(self, after: int) -> int:
        """The next union line after ``after`` that can end a body (the line before ends a
        sentence), else the end."""
        lines = self.lines

        def can_end(i: int) -> bool:
            repeat = any(lines[j].stripped == lines[i].stripped for j in range(max(0, i - 4), i))
            return ends_sentence(lines[i - 1]) or repeat  # or the footer printed twice
        return next((i for i in self.unions if i > after and can_end(i)), len(lines))

    def add(self, union: Line, title: list[Line], body: list[Line]) -> None:
        if not body:
            raise self.error(f"case footer {union.stripped!r} has no case text", union,
                             "A union line must sign the case text next to it")
        _check_no_stray_footer(body, self.path, self.flat)
        self.cases.append(SegmentedCase(
            seq=len(self.cases) + 1, union_name=union.stripped,
            title=join_title([t.stripped for t in title], column_of(body, self.flat)),
            paragraphs=tuple(rebuild_paragraphs(body, self.flat)), first_line=body[0].lineno,
            footer_line=union.lineno))

    def expect_title(self, t: int, union: Line) -> None:
        if t >= len(self.lines) or t in self.unions:
            raise self.error(f"case footer {union.stripped!r} has no title line after it", union,
                             "Each union line must be followed by the case title")
        if not titleish(self.lines[t]):
            raise self.error(
                f"expected the case title after union line {union.lineno}, "
                f"found {self.lines[t].stripped[:20]!r}",
                self.lines[t], _TITLE_HINT + "; a title has words and no sentence punctuation")

    def skip_duplicate(self, j: int, footer: list[Line]) -> int:
        if _same_text(self.lines[j:j + len(footer)], footer):
            self.duplicates.extend(x.lineno for x in self.lines[j:j + len(footer)])
            return j + len(footer)
        while j < len(self.lines) and self.lines[j].stripped == footer[0].stripped and j in self.unions:
            self.duplicates.append(self.lines[j].lineno)  # the union alone printed twice
            j += 1
        return j

    def last_title_room(self, u: int, end: int) -> int:
        """How many of the lines between union line ``u`` and ``end`` can be its title, when no
        body follows (the last case, or a footer printed twice): in the column of the body before."""
        col = column_of(self.lines[max(0, u - 16):u], self.flat)
        return title_room(self.lines, u + 1, end, col) if titleish(self.lines[u + 1]) else 0

    def signs(self, u: int, pos: int) -> bool:
        """Whether candidate ``u`` is a case footer: after a paragraph's end, before a title that
        the body after it bears out (a union name wrapped inside a body reads as prose going on)."""
        lines = self.lines
        # NOTE: a case body ends a sentence; a union name after a line that does not (mid-paragraph,
        # or right after a title) is a wrapped body line, not a footer.
        if u <= pos or not ends_sentence(lines[u - 1]):
            return False
        t = u + 1
        if t >= len(lines):
            return True
        if not titleish(lines[t]):
            return False
        end = self.next_union(t)
        if end - t <= self.last_title_room(u, end) and (
                end == len(lines) or lines[end].stripped == lines[u].stripped):
            return True  # the last case's title, or a footer printed twice
        return self.best_title(t, end)[1] >= MIN_SPLIT_SCORE

    def no_footer(self, pos: int) -> BulletinFormatError:
        """The error when no union line signs the text from ``pos``: the title a union after a
        paragraph's end lacks, else a truncated bulletin."""
        for u in self.unions:
            if u > pos and ends_sentence(self.lines[u - 1]):
                self.expect_title(u + 1, self.lines[u])
        return self.truncated(pos)

    def truncated(self, pos: int) -> BulletinFormatError:
        return self.error("text after the last case footer does not end with a union line and a title: "
                          "the bulletin looks truncated mid-case", self.lines[pos],
                          "Restore the end of the bulletin from the source")

    def cut_print(self, pos: int) -> None:
        lines = self.lines
        while pos < len(lines):
            u = next((i for i in self.unions if i >= pos and self.signs(i, pos)), None)
            if u is None:
                raise self.no_footer(pos)
            self.expect_title(u + 1, lines[u])
            end = self.next_union(u + 1)
            rest = lines[u + 1:end]
            last_or_twice = end == len(lines) or lines[end].stripped == lines[u].stripped
            if last_or_twice and len(rest) <= self.last_title_room(u, end):
                k = len(rest)
            else:
                k, _ = self.best_title(u + 1, end)
            footer = lines[u:u + 1 + k]
            self.add(lines[u], footer[1:], lines[pos:u])
            pos = self.skip_duplicate(u + 1 + k, footer)

    def cut_title_body_union(self, pos: int) -> None:
        lines = self.lines
        while pos < len(lines):
            u = next((i for i in self.unions if i > pos + 1 and self.signs(i, pos + 1)), None)
            if u is None:
                raise self.truncated(pos)
            if not titleish(lines[pos]):
                raise self.error(f"expected a case title before the text signed by union line "
                                 f"{lines[u].lineno}, found {lines[pos].stripped[:20]!r}",
                                 lines[pos], _TITLE_HINT)
            k, _ = self.best_title(pos, u)
            self.add(lines[u], lines[pos:pos + k], lines[pos + k:u])
            pos = self.skip_duplicate(u + 1, [lines[u]])

    def opens_better(self, i: int, j: int, end: int) -> bool:
        """Whether line ``i`` opens the body before ``end`` better than line ``j`` would (a
        union name that fills a paragraph's first line is body, not the union printed twice)."""
        lines = self.lines
        if j >= end:
            return True
        col = column_of(lines[j:end], self.flat)

        def opens(x: int) -> float:
            nxt = lines[x + 1] if x + 1 < end else None
            return (first_line_fit(lines[x], col) + continuation_fit(lines[x], nxt, col)
                    + opening_fit(lines[x], "first"))
        return opens(i) > opens(j)

    def after_title(self, u: int, floor: int) -> bool:
        """Whether union line ``u`` stands after title lines that follow a sentence's end (a
        union name wrapped inside a body, after a line going on, does not)."""
        k = trailing_title(self.lines, u, floor)
        return k > 0 and (u - k == floor or ends_sentence(self.lines[u - k - 1]))

    def cut_title_union_body(self, floor: int) -> int:
        """Cut the cases; returns where the first title starts (the preface ends there)."""
        lines = self.lines
        footers = []
        for u in self.unions:
            if footers and u <= footers[-1][0] + 1:
                continue
            k = trailing_title(lines, u, footers[-1][0] + 1 if footers else floor)
            if k and u + 1 < len(lines) and (not footers or u - k > footers[-1][0] + 1):
                # the body after a union opens a paragraph; a union name wrapped inside a body is
                # followed by the same paragraph going on, a full line
                following = next((i for i in self.unions if i > u and self.after_title(i, u + 1)), len(lines))
                if following < len(lines):  # the body ends where the next title starts
                    following -= trailing_title(lines, following, u + 1)
                col = column_of(lines[u + 1:following], self.flat)
                opens = (first_line_fit(lines[u + 1], col) + title_break_fit(lines[u], lines[u + 1], False)
                         + opening_fit(lines[u + 1], "first"))
                # and the lines before it read as a headline: phrases opening as titles do, each
                # ending where a phrase ends (a paragraph's first line runs on into the union name)
                for i in range(u - k, u):  # a title's end (before the union) is never a forced wrap
                    forced = i < u - 1 and (fills_column(lines[i], col) or quote_depth(
                        "".join(x.stripped for x in lines[u - k:i + 1])) > 0)
                    opens += opening_fit(lines[i], "title") + title_break_fit(lines[i], lines[i + 1], forced)
                if opens >= MIN_OPENING or not footers:
                    footers.append((u, k))
        if not footers:
            raise BulletinFormatError("no case footer follows a title", path=self.path,
                                      line=lines[min(floor, len(lines) - 1)].lineno,
                                      hint="Each title must be followed by the case's union on its own line")
        for n, (u, k) in enumerate(footers):
            end = footers[n + 1][0] - footers[n + 1][1] if n + 1 < len(footers) else len(lines)
            body_start = u + 1
            if not self.opens_better(u + 1, u + 2, end):  # the union printed twice
                body_start = self.skip_duplicate(u + 1, [lines[u]])
            self.add(lines[u], lines[u - k:u], lines[body_start:end])
        return footers[0][0] - footers[0][1]


def segment_bulletin(
    text: str,
    *,
    is_union_line: Callable[[str], bool],
    path: str = "<text>",
) -> SegmentedBulletin:
    """Split a bulletin's raw text into preface and cases, or raise BulletinFormatError."""
    lines = read_lines(text)
    if not lines:
        raise BulletinFormatError("the bulletin has no text", path=path,
                                  hint="Check that the right file was saved")
    kept, headers = drop_running_headers(lines)
    kept, furniture = drop_furniture(kept, is_union_line)
    unions = [i for i, line in enumerate(kept) if is_union_line(line.stripped)]
    if not unions:
        raise BulletinFormatError(
            "no case footer found: no line holds only a union name (such as 浙江台州市总工会)",
            path=path, line=lines[0].lineno,
            hint="Each case body must be followed by its union on a line of its own, then its title")

    # NOTE: the preface is what precedes the first running header, when that header comes before
    # the first case footer; a bulletin printed without a header has no separable preface (in web
    # order with the title before the union, the preface ends where the first title starts).
    start = 0
    if headers and headers[0].lineno < kept[unions[0]].lineno:
        start = sum(1 for line in kept if line.lineno < headers[0].lineno)
    order = detect_order(kept, unions, start)
    flat = unwrapped(kept)
    cutter = _Cutter(kept, unions, path, flat)
    preface_end = start
    if order == PRINT:
        cutter.cut_print(start)
    elif order == WEB_TITLE_BODY_UNION:
        cutter.cut_title_body_union(start)
    else:
        preface_end = cutter.cut_title_union_body(start)
    preface = "\n".join(rebuild_paragraphs(kept[:preface_end], flat))
    return SegmentedBulletin(
        preface=preface,
        cases=tuple(cutter.cases),
        header_lines=tuple(h.lineno for h in headers),
        duplicate_footer_lines=tuple(cutter.duplicates),
        layout=order + ("" if _spaced(lines) else DENSE),
        furniture_lines=tuple(x.lineno for x in furniture),
    )
