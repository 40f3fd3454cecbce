"""Word evidence for the segmentation, from jieba's dictionary: whether a line break falls inside
a word, and how a line opens (with a verb, as headlines do, or as a sentence does).

Only dictionary words are used (``HMM=False``): a word jieba would guess from unknown characters
is no evidence that the printed line broke inside it. The dictionary ships in the jieba wheel
(pinned in requirements.lock), so the evidence is the same on every machine.
"""

from __future__ import annotations

import re

# NOTE: jieba's dictionary is Simplified; a Traditional line (縣, 勞動關係) is read through the same
# character-for-character fold the figures use, so its breaks and openings weigh as in Simplified.
from pipeline.figures.folding import fold
from pipeline.figures.tagger import dictionary_cut, word_tag
from pipeline.memo import per_bulletin

# NOTE: how far either side of a line break jieba reads: the longest words that matter here
# (劳动关系, 产业工人) are four characters; six leaves room for the cut to settle.
WINDOW = 6
# NOTE: Chinese adjectives are predicates like verbs (激活, 畅通 are tagged a), and open headlines alike.
VERB_TAGS = frozenset({"v", "vd", "vn", "a", "ad"})
# NOTE: a sentence opens with its subject (a place, an organisation, a person), a time, a number,
# a conjunction or a pronoun; jieba's dictionary tags these ns, nt, nr, t, m, c, r (近年来 is t,
# 其中 r). Not f: locality words (以上, 之间) follow what they locate. A preposition (为, 针对, 以)
# opens sentences and headlines alike (以数字化助推…), so it is a kind of its own.
SENTENCE_TAGS = frozenset({"ns", "nt", "nr", "t", "m", "c", "r"})
VERB, SENTENCE, PREPOSITION, OTHER = "verb", "sentence", "preposition", "other"
# NOTE: a place name opens a sentence as its subject; names of towns and counties are mostly not
# in jieba's dictionary (狮山镇 is cut 狮 / 山镇), so a line opening with up to three characters and
# a division word is read as a place.
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,3}?(省|市|县|区|镇|乡|州|旗|盟|街道)")
_OPENING_MARKS = "“‘「『《（([【〔"


def words(s: str) -> list[str]:
    """The dictionary words of ``s`` (a run of digits or Latin letters is one word), in Simplified
    script: the words are cut from ``fold(s)``, which has the same length as ``s``."""
    return [w for w in dictionary_cut(fold(s)) if w.strip()]


@per_bulletin(65536)
def breaks_word(before: str, after: str) -> bool:
    """Whether a line ending in ``before`` and the next line starting with ``after`` split a word
    jieba's dictionary knows (or a number: 2 / 010)."""
    left, right = before.replace(" ", "")[-WINDOW:], after.replace(" ", "")[:WINDOW]
    if not left or not right:
        return False
    pos = 0
    for w in words(left + right):
        if pos < len(left) < pos + len(w):
            return True
        pos += len(w)
    return False


@per_bulletin(65536)
def opening(line: str) -> str:
    """How a line opens: ``verb`` (深化, 破解: a headline's slogan), ``sentence`` (a subject, time
    or number: 北京市总工会, 2023年), ``preposition`` (为, 针对, 以) or ``other``."""
    s = fold(line.strip()).lstrip(_OPENING_MARKS)
    first = next(iter(words(s[: 2 * WINDOW])), "")
    if not first:
        return OTHER
    if first[0].isdigit():
        return SENTENCE
    tag = word_tag(first)
    if len(first) == 1 and _PLACE.match(s):
        return SENTENCE  # a place the dictionary lacks: 狮山镇, 泗门镇
    if tag == "p":
        return PREPOSITION
    return VERB if tag in VERB_TAGS else SENTENCE if tag in SENTENCE_TAGS else OTHER
