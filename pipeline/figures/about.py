"""What a figure is about: its ``basis``, ``per`` and ``measure``, read from its sentence.

``basis`` says whether a figure may be added up (``total``, ``cumulative``) or not (``average``,
``change``, ``rate``, ``limit``); ``per`` is the denominator of an average or a rate; ``measure``
is the shortest noun phrase the figure quantifies (``涉案金额近千万元`` → ``涉案金额``).

Everything is read from the clause the figure stands in (the text between the nearest ``，；。：``
etc. on either side): cue words before the number (累计, 日均, 同比增长, 每年, 标准, …), words after
the unit (…的标准), the rate part of the unit (``元/人/月``) and the noun phrase next to the figure.

Words come from jieba's part-of-speech mode (``jieba.posseg``, dictionary shipped in the wheel, no
download; ``pipeline/figures/tagger.py`` runs its HMM for unknown words faster, same words and
tags): it keeps 公共 and 共享 apart from 共, 标准化 from 标准, 年度 from 年, and tags the nouns
a measure is made of. ``docs/analysts.md`` says why it was chosen over character rules, with figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pipeline.figures.extract import Figure
from pipeline.figures.tagger import word_tag

BASES = ("total", "cumulative", "average", "change", "rate", "limit")

# Clause boundaries: a cue in another clause does not speak of this figure. 、 and 和 join the
# items of one list, which share the list's verb and cue (先后培育7名…、140名…).
_CLAUSE_END = "，,；;。！？!?：:\n（）()"

# --- basis cues (Simplified; text is folded to Simplified before reading) -------------------
# NOTE: cues are matched against jieba's words, not characters, so 共 in 公共/共享/共同 and 标准 in
# 标准化 are not cues.
_CUMULATIVE = {"累计", "共计", "总计", "合计", "共", "共有", "一共", "总共", "累积", "先后", "总数", "总量",
               "总额", "总和", "总"}
_AVERAGE = {"人均": "人", "户均": "户", "日均": "日", "月均": "月", "年均": "年", "场均": "场", "篇均": "篇",
            "次均": "次", "周均": "周", "平均": ""}
_CHANGE = {"增长", "增加", "提高", "上升", "下降", "减少", "降低", "翻番", "提升", "增幅", "降幅", "下滑",
           "回落", "上涨", "减", "增", "涨", "降"}
_CHANGE_ANYWHERE = {"同比", "环比", "比上年", "较上年", "比去年", "较去年"}
_LIMIT = {"标准", "最高", "最低", "上限", "下限", "目标", "力争", "不得", "应当", "须", "必须", "封顶",
          "保底", "限额", "门槛", "起点"}
# Words that may stand between a change verb and its number: 增长了9%, 增加约500人, 下降近一成.
_CHANGE_GAP = re.compile(r"^[了约近超达为分别幅度逾共计]*$")
# A change verb followed by 到/至 names the new level, not the difference: 提高到20个.
_TO_LEVEL = ("到", "至", "为")

# 每 + what follows it → the denominator, as a simplified word.
_PER_WORDS = {"天": "日", "日": "日", "周": "周", "星期": "周", "月": "月", "季度": "季度", "年": "年",
              "人": "人", "名": "人", "位": "人", "个人": "人", "户": "户", "家": "家", "篇": "篇",
              "场": "场", "次": "次", "期": "期", "届": "届", "小时": "小时", "半年": "半年"}
_PER_AFTER_EVERY = re.compile(
    r"每(?:[一二两三四五六七八九十0-9]+|个)?(半年|季度|星期|小时|个人|[天日周月年人名位户家篇场次期届])")
# Words of a norm before the number; a level reached is written 5%以下, 3000元以上 instead.
_FLOOR_WORDS = ("不低于", "不少于", "不超过", "不高于", "至少", "至多", "最低", "最高", "不得")
_X_AVERAGE = re.compile(r"(人|户|日|月|年|场|篇|次|周|天)均(?!衡|等|匀|为|已|达|有)")
_TIME_PREFIX = {"年": "年", "月": "月", "日": "日", "周": "周"}

# --- measure -----------------------------------------------------------------------------
# jieba tags that make up a noun phrase. b: distinguishing words (省级, 高级); j: abbreviations;
# vn/an: verbs/adjectives used as nouns; nz/nt/ns/nr: proper nouns; l/i: idioms used as names.
_NOUN = {"n", "nz", "nt", "ns", "nr", "nrt", "nrfg", "ng", "vn", "an", "j", "l", "b", "q_name", "s", "f"}
_MODIFIER = {"a", "v", "b", "ad", "vd", "z"}  # may open a noun phrase when a noun follows (创新工作室)
_JOIN = {"和", "及", "与", "以及"}
# Words standing between a noun phrase and its figure that belong to neither: 企业达到6100家,
# 满意度分别达到91.4%, 劳模代表共发言12次 (the verb 发言 is the measure there).
_LINK = {"达", "达到", "为", "是", "有", "计", "约", "分别", "共", "共计", "累计", "合计", "总计", "已",
         "已经", "超", "超过", "逾", "突破", "近", "将近", "接近", "增长", "增加", "提高", "上升", "下降",
         "减少", "降低", "提升", "同比", "环比", "了", "均", "都", "累积", "总共", "一共", "多达", "高达",
         "仅", "不少于", "不低于", "不超过", "不高于", "低于", "高于", "少于", "多于", "至少", "至多", "最高",
         "最低", "达成", "实现", "增", "减", "年", "月", "日", "全年", "当年", "目前", "现", "又", "再",
         "就", "也", "还", "已达", "总", "以上"}
_DETERMINERS = {"各级", "各类", "各种", "各", "全体", "所有", "全部", "该", "其", "这", "那", "本", "每",
                "各项", "全市", "全省", "全区", "全县", "全国各地", "其中"}
_QUOTED = re.compile(r"“[^“”，。；！？]{1,20}”|「[^「」，。；！？]{1,20}」|‘[^‘’，。；]{1,20}’")


@dataclass(frozen=True)
class About:
    """What a figure is about: whether it may be summed, its denominator, what it counts."""

    basis: str
    per: str
    measure: str




Words = Callable[[str], list[tuple[str, str]]]


def _words(text: str) -> list[tuple[str, str]]:
    """(word, tag) pairs; a short quoted name is one proper noun (“云岭工匠”, 「驿站」)."""
    from pipeline.figures.tagger import pos_cut

    out: list[tuple[str, str]] = []
    pos = 0
    for m in _QUOTED.finditer(text):
        out.extend(p for p in pos_cut(text[pos:m.start()]) if p[0].strip())
        out.append((m.group(), "q_name"))
        pos = m.end()
    out.extend(p for p in pos_cut(text[pos:]) if p[0].strip())
    return out


def _words_of_one_text() -> Words:
    """``_words`` remembering what it cut, for the figures of one text.

    NOTE: jieba's part-of-speech cut (its HMM for unknown words) is most of the cost of reading a
    figure, and each figure needs the words of its clause several times (cues, measure, per-period
    prefix); figures of one clause (先后培育7名…、140名…) share them. The memory lives as long as one
    text is read, so a corpus that repeats its clauses is not read faster than one that does not.
    """
    seen: dict[str, list[tuple[str, str]]] = {}

    def cut(text: str) -> list[tuple[str, str]]:
        words = seen.get(text)
        if words is None:
            words = seen[text] = _words(text)
        return words

    return cut


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the figure's clause starts (before ``start``) and ends (after ``end``)."""
    a = start
    while a > 0 and text[a - 1] not in _CLAUSE_END:
        a -= 1
    b = end
    while b < len(text) and text[b] not in _CLAUSE_END:
        b += 1
    return a, b


def _to_simplified(s: str) -> str:
    from pipeline.figures.folding import fold
    return fold(s)


def _per_of_every(before: str) -> str:
    found = list(_PER_AFTER_EVERY.finditer(before))
    m = found[-1] if found else None  # the 每 nearest the number
    return _PER_WORDS.get(m.group(1), m.group(1)) if m else ""


def _is_noun(tag: str) -> bool:
    return tag in _NOUN or tag.startswith("n")


def _inner_ok(words: list[tuple[str, str]], k: int) -> bool:
    """May word ``k`` stand inside a noun phrase whose next word is a noun? (五一巾帼标兵, 年流失率)."""
    w, t = words[k]
    if w in _TIME_PREFIX and k > 0 and re.search(r"[0-9]", words[k - 1][0]):
        return False  # 2023年职工满意度: a year, not 年 as in 年流失率
    if t in ("t",) or (t in ("m", "q") and not re.search(r"[0-9]", w)):
        return True
    return False


def _noun_run_right(words: list[tuple[str, str]], duration: bool = False) -> str:
    """The noun phrase that opens ``words`` (the text after the unit): 15个【创新案例】."""
    if duration:
        # 四年探索, 1年时间: only a plain noun right after a duration is what it measures.
        if words and words[0][1].startswith("v") and (len(words) == 1 or words[1][1] == "x"):
            return words[0][0]  # 经过四年探索，: a verb used as a noun, alone in its clause
        return words[0][0] if words and words[0][1] in ("n", "vn", "ng") else ""
    phrase: list[str] = []
    seen_noun = False
    for k, (w, t) in enumerate(words):
        nxt_noun = k + 1 < len(words) and _is_noun(words[k + 1][1])
        if _is_noun(t):
            phrase.append(w)
            seen_noun = True
        elif not seen_noun and (t in _MODIFIER or _inner_ok(words, k)) and nxt_noun or (
                not seen_noun and t in _MODIFIER and k + 1 < len(words) and words[k + 1][1] in _MODIFIER):
            phrase.append(w)  # 创新(v)工作室, 优秀(a)个人, 三秦(t)工匠: a modifier before the first noun
        elif t.startswith("v") and nxt_noun and phrase and words[k - 1][1] == "b":
            phrase.append(w)  # 省级(b)创新(v)工作室: a verb inside a compound noun
        elif w in _JOIN and seen_noun and nxt_noun:
            phrase.append(w)
        else:
            break
    if not seen_noun:
        # 5名来自大数据、金融等领域的劳模: a relative clause ending in 的 stands before the noun.
        if len(words) > 1 and words[1][0] == "的" and words[0][1].startswith("v"):
            return words[0][0]  # 300元/人/月补助的基础上: the verb used as a noun
        for k, (w, _t) in enumerate(words):
            if w == "的":
                rest = words[k + 1:]
                if rest and rest[0][1].startswith("v") and (len(rest) == 1 or rest[1][1] == "x"):
                    return rest[0][0]  # …的补助。: a verb used as a noun ends the clause
                return _noun_run_right(rest) if rest and _is_noun(rest[0][1]) else ""
        return ""
    return "".join(phrase)


# Cue words end a measure (累计【在线观看人数】); nouns among them (总额, 标准) and 平均 (平均薪酬)
# may stand inside one.
_CUES = (_CUMULATIVE | set(_AVERAGE) | _CHANGE | _CHANGE_ANYWHERE | _LIMIT | {"单篇"}) - {
    "标准", "平均", "总额", "总量", "总数", "总和", "目标"}
_SKIP_TAGS = ("d", "p", "u", "uj", "ul", "t", "c")


def _run_left(words: list[tuple[str, str]], i: int) -> int:
    """Start of the noun phrase that ends at word ``i`` (exclusive)."""
    j = i
    while j > 0:
        w, t = words[j - 1]
        if w in _DETERMINERS or w in _CUES:
            break
        inside = j < i  # a noun of the phrase already follows
        if _is_noun(t):
            j -= 1
        elif inside and w in _JOIN and j - 1 > 0 and _is_noun(words[j - 2][1]):
            j -= 1
        elif inside and t.startswith("v") and j - 1 > 0 and _is_noun(words[j][1]) and (
                words[j - 2][1] in ("b", "a", "q_name") or _inner_ok(words, j - 2)):
            j -= 1  # “五小”创新(v)成果, 在线观看(v)人数: a verb between nouns is part of the compound
        elif inside and (t in ("a", "b") or _inner_ok(words, j - 1)):
            j -= 1
        else:
            break
    return j


def _noun_run_left(words: list[tuple[str, str]]) -> tuple[str, str]:
    """The noun phrase that ends ``words`` (the clause before the number), skipping link words.

    Returns (phrase, verb): ``verb`` is the verb right before the number, for a figure that
    counts an action and has no noun before it (调解成功800余件).
    """
    i = len(words)
    while i > 0 and words[i - 1][0] != "等" and (words[i - 1][0] in _LINK or words[i - 1][1] in _SKIP_TAGS):
        i -= 1
    if i > 0 and words[i - 1][0] == "等":  # A、B、C等N项: the figure counts the listed items
        j = i - 1
        items: list[str] = []
        while j > 0:
            k = _run_left(words, j)
            if k == j:
                break
            items.insert(0, "".join(w for w, _ in words[k:j]))
            j = k
            if j > 0 and words[j - 1][0] == "、":
                j -= 1
            else:
                break
        return "、".join(items), ""
    verb_end = i
    while i > 0 and words[i - 1][1].startswith(("v", "a")) and not _is_noun(words[i - 1][1]) \
            or i > 0 and words[i - 1][1] in _SKIP_TAGS:
        i -= 1  # 职工沟通会分为三类, 劳动者稳定就业22万人: the noun before the verb
    verb = "".join(w for w, t in words[i:verb_end] if t.startswith(("v", "a")))
    j = _run_left(words, i)
    return "".join(w for w, _ in words[j:i]), verb


def _measure(before: str, after: str, figure: Figure, words: Words = _words) -> str:
    right = _noun_run_right(words(after), duration=figure.kind == "duration")
    if figure.kind == "duration":
        # NOTE: the words before a duration name who acted (广州市总工会连续六年发布), not what
        # lasted; only a noun right after it (四年探索, 1年时间) is what the duration measures.
        return right
    if right:
        return right
    left, verb = _noun_run_left(words(before))
    return left or verb


def _has(words: list[str], cues: set[str]) -> str:
    for w in words:
        if w in cues:
            return w
    return ""


def describe(text: str, figure: Figure) -> About:
    """The basis, per and measure of ``figure`` (found in ``text`` at figure.start:figure.end)."""
    return _describe(text, _to_simplified(text), figure, _words_of_one_text())


def describe_all(text: str, figures: Iterable[Figure]) -> list[About]:
    """``describe`` of each of ``figures`` found in ``text``; a clause is cut into words once."""
    figures = list(figures)
    if not figures:
        return []
    words = _words_of_one_text()
    # NOTE: folding is character for character, so the text is folded once and each clause is
    # a slice of it.
    simplified = _to_simplified(text)
    return [_describe(text, simplified, f, words) for f in figures]


def _describe(text: str, simplified: str, figure: Figure, words: Words) -> About:
    a, b = _clause(text, figure.start, figure.end)
    before_raw, after_raw = text[a:figure.start], text[figure.end:b]
    before, after = simplified[a:figure.start], simplified[figure.end:b]
    tagged = words(before)
    wb = [w for w, _ in tagged]
    wa = [w for w, _ in words(after)]
    unit = figure.unit or ""
    measure = _measure(before_raw, after_raw, figure, words)
    rate_part = "/".join(unit.split("/")[1:]) if "/" in unit else ""
    every = _per_of_every(before)
    prefix = ""
    near = tagged[-6:]  # the words nearest the number
    for k in range(len(near)):
        w, t = near[k]
        if 0 < k < len(near) - 1 and w in _TIME_PREFIX and t in ("m", "q") and _is_noun(near[k - 1][1]) \
                and not re.search(r"[0-9]", near[k - 1][0]) and near[k + 1][1] != "x":
            # 社工年流失率, 社工月实发工资: 年/月 standing alone between nouns makes a per-period
            # quantity (全年, 今年, 年度 are words of their own and do not count).
            prefix = _TIME_PREFIX[w]
            break
        if len(w) >= 3 and w[0] in _TIME_PREFIX and _is_noun(word_tag(w[1:])):
            prefix = _TIME_PREFIX[w[0]]  # 月工资, 年收入: one word, a per-period noun (not 年龄)
            break

    # limit: a standard, target, floor or cap, not an outcome.
    tail = "".join(wa[:3])
    if _has(wb, _LIMIT) or tail.startswith(("的标准", "标准", "的上限", "为上限", "封顶", "的目标")):
        return About("limit", "", measure)
    if figure.mention.startswith(_FLOOR_WORDS) and (every or rate_part or prefix):
        # NOTE: a floor or cap per period or per head (每年不少于5名, 月工资不低于3100元) states a
        # rule, not an amount that was reached.
        return About("limit", "", measure)

    # change: a change verb right before the number (增长9%, 增加了500人), or 同比/环比.
    if _has(wb, _CHANGE_ANYWHERE):
        return About("change", "", measure)
    for k in range(len(wb) - 1, -1, -1):
        if wb[k] in _CHANGE:
            gap = "".join(wb[k + 1:])
            if _CHANGE_GAP.match(gap) and not gap.startswith(_TO_LEVEL):
                return About("change", "", measure)
            break

    # average: 人均, 日均, 单篇平均 … (per from the cue, or 平均每X).
    for w in wb:
        if w in _AVERAGE:
            per = _AVERAGE[w] or every or ("篇" if "单篇" in before else "") or prefix
            return About("average", per, measure)
    m = _X_AVERAGE.search(before)
    if m:  # 场均 may come out of the segmenter as 场 + 均
        return About("average", _PER_WORDS[m.group(1)], measure)

    # rate: 每年…, a rate unit (元/人/月), or a per-period noun (年流失率).
    if every:
        return About("rate", every, measure)
    if rate_part:
        return About("rate", rate_part, measure)
    if prefix:
        return About("rate", prefix, measure)

    if _has(wb, _CUMULATIVE) or any(w.startswith("总") and w.endswith(("量", "数", "额")) for w in wb):
        return About("cumulative", "", measure)
    if measure.startswith("总") and measure.endswith(("量", "数", "额")) or measure.endswith("总额"):
        return About("cumulative", "", measure)
    return About("total", "", measure)
