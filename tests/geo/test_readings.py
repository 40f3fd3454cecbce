"""pipeline/geo/unions.py: the division readings of a name's head, found prefix by prefix."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.geo import unions as U


def _readings_by_scan(head: str, parent: str, chain: tuple) -> list:
    """Every form of the table tried with startswith, in the table's order."""
    _, children = U._index()
    found = []
    for form, divisions in children.get(parent, {}).items():
        if head.startswith(form):
            for d in divisions:
                longer = (*chain, (d, form))
                found.append((longer, head[len(form):]))
                if d.level != "county":
                    found += _readings_by_scan(head[len(form):], d.code, longer)
    return found


_FORMS = sorted({f for forms in U._index()[1].values() for f in forms})
_RESTS = ["", "高新区", "开发区", "镇", "街道", "教育", "机械冶金建材", "卫生健康", "县", "市"]


def test_a_county_under_its_prefecture_and_province() -> None:
    chains = [[d.name for d, _ in chain] for chain, rest in U._readings("浙江省台州市黄岩区", "", ()) if not rest]
    assert ["浙江省", "台州市", "黄岩区"] in chains


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FORMS), min_size=1, max_size=3), st.sampled_from(_RESTS))
def test_readings_are_the_scan_of_every_form(parts: list[str], rest: str) -> None:
    head = ("".join(parts) + rest)[:30]
    assert U._readings(head, "", ()) == _readings_by_scan(head, "", ())
