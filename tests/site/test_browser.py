"""The case browser in headless Chromium from file://: every case listed, figures highlighted, filter."""

from __future__ import annotations

import pandas as pd
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pipeline.site.build import NO_PROVINCE


def _province(v) -> str:
    return NO_PROVINCE if v is None or pd.isna(v) or v == "" else v


def _visible_ids(browser) -> list[str]:
    return [tr.get_attribute("data-case-id") for tr in browser.find_elements(By.CSS_SELECTOR, "#cases tbody tr")
            if tr.is_displayed()]


def test_the_index_lists_every_case(browser, copied_release):
    folder, tables = copied_release
    browser.get((folder / "site" / "index.html").as_uri())
    assert _visible_ids(browser) == list(tables["cases"]["case_id"])
    links = browser.find_elements(By.CSS_SELECTOR, "#cases tbody a")
    assert [a.text for a in links] == list(tables["cases"]["title"])
    assert browser.find_element(By.ID, "shown").text == str(len(tables["cases"]))


def test_the_chart_has_a_bar_pair_per_province_with_the_counts(browser, copied_release):
    folder, tables = copied_release
    browser.get((folder / "site" / "index.html").as_uri())
    cases = tables["cases"].assign(p=tables["cases"]["province"].map(_province))
    bars = browser.find_elements(By.CSS_SELECTOR, "#province-chart rect.bar.cases")
    got = {b.get_attribute("data-province"): int(b.get_attribute("data-value")) for b in bars}
    assert got == cases.groupby("p").size().to_dict()
    figs = tables["figures"].dropna(subset=["case_id"]).merge(cases[["case_id", "p"]], on="case_id")
    fbars = browser.find_elements(By.CSS_SELECTOR, "#province-chart rect.bar.figures")
    got_f = {b.get_attribute("data-province"): int(b.get_attribute("data-value")) for b in fbars}
    assert got_f == {p: int(figs["p"].eq(p).sum()) for p in got}


@pytest.mark.parametrize("pick", ["province", "level"])
def test_the_filter_shows_exactly_the_matching_cases(browser, copied_release, pick):
    folder, tables = copied_release
    browser.get((folder / "site" / "index.html").as_uri())
    cases = tables["cases"]
    column = cases["province"].map(_province) if pick == "province" else cases["union_level"]
    value = column.value_counts().index[-1]  # the rarest value: the filter must hide the others
    Select(browser.find_element(By.ID, pick)).select_by_value(value)
    expected = list(cases["case_id"][column == value])
    assert _visible_ids(browser) == expected and len(expected) < len(cases)
    assert browser.find_element(By.ID, "shown").text == str(len(expected))
    Select(browser.find_element(By.ID, pick)).select_by_value("")
    assert _visible_ids(browser) == list(cases["case_id"])


def test_a_case_page_highlights_exactly_its_figures(browser, copied_release):
    folder, tables = copied_release
    figures = tables["figures"]
    for case in tables["cases"].itertuples(index=False):
        browser.get((folder / "site" / "cases" / f"{case.case_id}.html").as_uri())
        mine = figures[figures["case_id"] == case.case_id].sort_values("start")
        marks = browser.find_elements(By.CSS_SELECTOR, "mark.figure")
        assert [m.get_attribute("data-figure-id") for m in marks] == list(mine["figure_id"])
        assert [m.text for m in marks] == list(mine["mention"])
        for m, f in zip(marks, mine.itertuples(index=False), strict=True):
            hover = m.get_attribute("title")
            assert f"qualifier={f.qualifier}" in hover
            if f.value is not None and not pd.isna(f.value):
                assert "value=" in hover
        rows = browser.find_elements(By.CSS_SELECTOR, "#figures tbody tr")
        assert len(rows) == len(mine)
        heads = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#figures thead th")]
        assert {"value", "unit", "qualifier", "lower", "upper"} <= set(heads)
        if "basis" in figures.columns:
            assert "basis" in heads
        body = browser.find_element(By.CSS_SELECTOR, ".body").text.replace("\n", "")
        assert body == case.body.replace("\n", "")


def test_offsets_that_do_not_hold_the_mention_are_refused():
    from pipeline.site.build import SiteError, highlighted_body

    fig = {"figure_id": "x-01-00002", "start": 2, "end": 6, "mention": "160余处"}
    with pytest.raises(SiteError, match="x-01-00002"):
        highlighted_body("建成160余处驿站", [fig], ["value"])
    fig["end"] = 7
    assert '<mark class="figure" id="x-01-00002"' in highlighted_body("建成160余处驿站", [fig], ["value"])
