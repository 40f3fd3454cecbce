"""Quoted names (no figures inside) versus reported speech (figures count)."""

from pipeline.figures.quotes import in_spans, merge_spans, name_spans


def test_a_slogan_is_a_name_and_speech_is_not():
    text = "开展“鏖战100天”活动。他说：“今年共培训职工500人，效果很好。”"
    spans = name_spans(text)
    assert [text[a:b] for a, b in spans] == ["鏖战100天"]


def test_book_titles_are_names_even_with_commas():
    text = "发布《关于加强职工服务，提升2024年工作质量的意见》"
    assert [text[a:b] for a, b in name_spans(text)] == ["关于加强职工服务，提升2024年工作质量的意见"]


def test_an_unclosed_quote_protects_nothing():
    assert name_spans("“一地六园\n共160余处") == []


def test_merged_spans_answer_overlaps():
    spans = merge_spans([(10, 20), (0, 5), (3, 8), (30, 31)])
    assert spans == [(0, 8), (10, 20), (30, 31)]
    assert in_spans(spans, 6, 7) and in_spans(spans, 19, 25) and not in_spans(spans, 8, 10)
    assert not in_spans([], 0, 1)
