"""pipeline/text/script.py: Simplified or Traditional."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.script import _changed, _t2s, detect_script

TEXTS = Path(__file__).parents[1] / "figures" / "texts"


def _by_character(text: str) -> str:
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return "Hans"
    sample = "".join(cjk[:20000])
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted, strict=False) if a != b)
    return "Hant" if changed > 0.02 * len(sample) else "Hans"


def test_scripts_of_the_test_texts() -> None:
    assert detect_script((TEXTS / "blind_hk_statement.txt").read_text(encoding="utf-8")) == "Hant"
    assert detect_script((TEXTS / "blind_mainland_work_report.txt").read_text(encoding="utf-8")) == "Hans"
    assert detect_script("2024 abc，。") == "Hans"


def test_changed_counts_places_up_to_the_shorter() -> None:
    assert _changed("工會會員", "工会会员") == 3
    assert _changed("工會", "工会会员") == 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("工會会員员職职工業业發发的了是在2a，。 \n𠀀")), max_size=80))
def test_detect_script_is_the_character_rule(text: str) -> None:
    assert detect_script(text) == _by_character(text)
