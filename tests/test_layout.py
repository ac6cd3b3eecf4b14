"""Page repair, sentences and credits (kg.layout) on sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.layout import credit_spans, looks_like_headline, parse_document, split_sentences
from kg.model import Document, ParsedDocument

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpus" / "dev"


def parse(text: str, doc_id: str = "t.txt") -> ParsedDocument:
    parsed = parse_document(Document(doc_id, text))
    check_offsets(parsed)
    return parsed


def texts(parsed: ParsedDocument) -> list[str]:
    return [s.text for s in parsed.sentences]


def check_offsets(parsed: ParsedDocument) -> None:
    """Every character of every sentence maps back to the same character of Document.text."""
    doc = parsed.doc.text
    for s in parsed.sentences:
        assert s.text, s
        if s.char_map:
            assert len(s.char_map) == len(s.text)
            assert s.text != doc[s.start : s.end]
            assert list(s.char_map) == sorted(set(s.char_map))
        else:
            assert doc[s.start : s.end] == s.text
        for i, ch in enumerate(s.text):
            assert doc[s.doc_offset(i)] == ch, (s, i)
        assert s.start == s.doc_offset(0) and s.end == s.doc_offset(len(s.text) - 1) + 1


# ---------------------------------------------------------------------------------------
# Paragraphs and boilerplate


def test_paragraph_break_ends_a_sentence() -> None:
    p = parse("城市大脑项目正式上线\n\n该项目由市数据局牵头建设。\n\n今年还将扩展到三个区。")
    assert texts(p) == ["城市大脑项目正式上线", "该项目由市数据局牵头建设。", "今年还将扩展到三个区。"]
    assert [s.kind for s in p.sentences] == ["heading", "body", "body"]
    assert not any("\n" in s.text for s in p.sentences)


def test_inline_indent_splits_paragraphs_but_single_space_does_not() -> None:
    p = parse("第一段讲新材料。\u3000\u3000第二段讲新能源。")
    assert texts(p) == ["第一段讲新材料。", "第二段讲新能源。"]
    # a glued title followed by an indented paragraph: two paragraphs
    p = parse("新能源汽车销量创新高\u00a0\u00a0\u00a0\u00a0本月销量同比增长三成。")
    assert texts(p) == ["新能源汽车销量创新高", "本月销量同比增长三成。"]
    assert p.sentences[0].kind == "heading"
    # one full-width space is layout inside a line, not a paragraph break
    p = parse("浙江湖州：\u3000绿色工厂建设提速")
    assert texts(p) == ["浙江湖州：绿色工厂建设提速"]


def test_script_and_boilerplate_lines_are_dropped() -> None:
    text = (
        "园区新增三家企业。\n\n"
        "    (function(){\n        var s = loadAd('banner');\n    })();\n"
        "***\n责任编辑：王五\n（完）\n"
    )
    assert texts(parse(text)) == ["园区新增三家企业。"]
    # a trailing (完) after the last sentence is dropped too
    assert texts(parse("活动将持续一周。(完)")) == ["活动将持续一周。"]
    assert texts(parse("活动将持续一周(完)")) == ["活动将持续一周"]


def test_prose_that_looks_a_little_like_code_is_kept() -> None:
    text = "Open source matters to everyone.\n\n营收=成本+利润，这是基本公式。\n\n编辑部设在三楼。"
    assert texts(parse(text)) == [
        "Open source matters to everyone.",
        "营收=成本+利润，这是基本公式。",
        "编辑部设在三楼。",
    ]


def test_markdown_heading_marker_is_outside_the_sentence() -> None:
    p = parse("# 智能制造专题\n\n- 第一条：工厂完成改造。")
    assert texts(p) == ["智能制造专题", "第一条：工厂完成改造。"]
    assert p.sentences[0].kind == "heading" and p.sentences[0].start == 2
    # a "#" without a space is ordinary text
    assert texts(parse("#话题#今天开幕。")) == ["#话题#今天开幕。"]


# ---------------------------------------------------------------------------------------
# Column breaks


def test_adjacent_column_break_is_joined_with_char_map() -> None:
    text = "市里正在建设一批新型研究\n\n院。今年将投入使用。"
    p = parse(text)
    assert texts(p) == ["市里正在建设一批新型研究院。", "今年将投入使用。"]
    s = p.sentences[0]
    assert s.char_map and s.start == 0 and s.end == text.index("。") + 1
    assert s.doc_offset(s.text.index("院")) == text.index("院")


def test_heading_is_not_joined_with_the_next_paragraph() -> None:
    p = parse("关键技术取得突破\n\n小明说实验已经完成。")
    assert texts(p) == ["关键技术取得突破", "小明说实验已经完成。"]
    assert [s.kind for s in p.sentences] == ["heading", "body"]


def test_indented_paragraph_missing_its_full_stop_is_not_joined() -> None:
    text = "\u3000\u3000本次交易不会导致公司控制权发生变化\n\u3000\u3000公司表示将继续推进重组。"
    assert texts(parse(text)) == ["本次交易不会导致公司控制权发生变化", "公司表示将继续推进重组。"]


def test_continuation_with_a_closing_quote_joins_a_quoted_fragment() -> None:
    # the first fragment is short and looks like a heading, but its quote is open
    p = parse("“我们的目标是高质量发\n\n展。”张华说。")
    assert texts(p) == ["“我们的目标是高质量发展。”", "张华说。"]


def test_article_split_around_another_is_joined_to_its_continuation() -> None:
    text = (
        "在平台方面，本市积极推进高校和企业建设各类创新平台载\n\n"
        "另一篇文章的标题\n\n"
        "本市科技局发布了新的扶持政策。\n\n"
        "体。目前，本市已有十家单位获批。"
    )
    p = parse(text)
    assert texts(p) == [
        "在平台方面，本市积极推进高校和企业建设各类创新平台载体。",
        "目前，本市已有十家单位获批。",
        "另一篇文章的标题",
        "本市科技局发布了新的扶持政策。",
    ]
    joined = p.sentences[0]
    assert joined.char_map and joined.end == text.index("体。") + 2


def test_broken_paragraph_is_not_joined_to_a_paragraph_that_can_start_a_sentence() -> None:
    text = "在平台方面，本市积极推进高校和企业建设各类创新平台载\n\n另一篇文章的标题\n\n目前，本市已有十家单位获批。"
    p = parse(text)
    assert texts(p)[0] == "在平台方面，本市积极推进高校和企业建设各类创新平台载"
    assert not p.sentences[0].char_map


def test_far_join_does_not_steal_a_continuation_that_follows_its_own_fragment() -> None:
    text = (
        "第一篇文章讲到新型研发机构建\n\n"
        "标题二\n\n"
        "第二篇文章讲到人工智能产业规模扩\n\n"
        "大。第二篇继续。"
    )
    p = parse(text)
    assert "第二篇文章讲到人工智能产业规模扩大。" in texts(p)
    assert "第一篇文章讲到新型研发机构建" in texts(p)


def test_space_between_chinese_characters_is_removed_but_not_between_latin_words() -> None:
    text = "中国 科学院 发布了 OPPO Find X 的测评， 结果良好。"
    p = parse(text)
    assert texts(p) == ["中国科学院发布了 OPPO Find X 的测评，结果良好。"]
    assert p.sentences[0].char_map
    assert texts(parse("OPPO Find X launched")) == ["OPPO Find X launched"]


# ---------------------------------------------------------------------------------------
# Duplicates


def test_paragraph_printed_twice_yields_sentences_once() -> None:
    block = "大赛期间签署了十项协议。成交额达到一亿元。"
    text = f"{block}\n\n中间是另一段文字。\n\n{block}"
    p = parse(text)
    assert texts(p) == ["大赛期间签署了十项协议。", "成交额达到一亿元。", "中间是另一段文字。"]
    assert p.duplicate_sentences == 2


def test_similar_paragraphs_are_not_duplicates() -> None:
    p = parse("大赛期间签署了十项协议。\n\n大赛期间签署了十一项协议。")
    assert len(p.sentences) == 2 and p.duplicate_sentences == 0


def test_block_broken_once_and_printed_whole_once_is_a_duplicate() -> None:
    text = "企业与高校共同组建研发团\n\n队，已取得成果。\n\n其他内容在这里。\n\n企业与高校共同组建研发团队，已取得成果。"
    p = parse(text)
    assert texts(p) == ["企业与高校共同组建研发团队，已取得成果。", "其他内容在这里。"]
    assert p.duplicate_sentences == 1


# ---------------------------------------------------------------------------------------
# Sentences


def test_sentence_split_keeps_closing_quotes() -> None:
    p = parse("他说：“我们来了。”然后离开了！还会回来吗？会的。")
    assert texts(p) == ["他说：“我们来了。”", "然后离开了！", "还会回来吗？", "会的。"]


def test_no_split_inside_numbers_ellipses_or_urls() -> None:
    text = "营收3.5亿元……详见 https://example.com/a.php?id=1 页面。"
    assert texts(parse(text)) == [text]


def test_split_sentences_spans_are_trimmed() -> None:
    t = "第一句。 Second one! 第三句"
    assert [t[a:b] for a, b in split_sentences(t)] == ["第一句。", "Second one!", "第三句"]


def test_looks_like_headline() -> None:
    assert looks_like_headline("广州：人工智能赛道跑出“加速度”")
    assert looks_like_headline("——第一届智能制造大会闭幕")
    assert not looks_like_headline("今天，市政府召开了新闻发布会。")
    assert not looks_like_headline("“我们的目标是高质量发")  # open quote: a fragment
    assert not looks_like_headline("在平台方面，本市积极推进高校和企业建设各类创新平台载")
    assert not looks_like_headline("很" * 41)


# ---------------------------------------------------------------------------------------
# Kinds and credits


def test_byline_with_two_roles() -> None:
    p = parse("◎本报记者 王小明 通讯员 李红\n\n正文在这里。")
    s = p.sentences[0]
    assert s.kind == "byline" and s.text == "◎本报记者王小明通讯员李红"
    (c,) = p.credits
    assert c.kind == "byline" and c.outlet is None and c.sentence == 0
    assert [(n.name, n.role) for n in c.people] == [("王小明", "记者"), ("李红", "通讯员")]
    for n in c.people:
        assert s.text[n.start : n.end] == n.name


def test_byline_with_padded_two_character_name_and_compound_surname() -> None:
    p = parse("本报记者 叶 青\n\n◎本报记者 欧阳明月")
    names = [n.name for c in p.credits for n in c.people]
    assert names == ["叶青", "欧阳明月"]
    first = p.sentences[0]
    n = p.credits[0].people[0]
    assert first.text[n.start : n.end] == "叶青"
    assert p.doc.text[first.doc_offset(n.start)] == "叶"


def test_bylines_with_a_lead_label() -> None:
    p = parse("文/图 本报记者 张三\n\n文/李四\n\n文｜记者 王五")
    assert [s.kind for s in p.sentences] == ["byline"] * 3
    assert [[(n.name, n.role) for n in c.people] for c in p.credits] == [
        [("张三", "记者")],
        [("李四", "作者")],
        [("王五", "记者")],
    ]
    assert all(c.outlet is None for c in p.credits)
    assert not parse("文/了解到").credits


def test_sentence_mentioning_a_reporter_is_not_a_byline() -> None:
    p = parse("记者了解到\n\n记者从市科技局获悉，项目已启动。")
    assert not p.credits
    assert all(s.kind != "byline" for s in p.sentences)


def test_outlet_dateline_is_split_off_with_people() -> None:
    p = parse("光明日报讯(通讯员赵一 记者钱二)记者3月5日获悉，新园区开工。")
    assert texts(p) == ["光明日报讯(通讯员赵一记者钱二)", "记者3月5日获悉，新园区开工。"]
    assert [s.kind for s in p.sentences] == ["byline", "body"]
    (c,) = p.credits
    assert c.kind == "dateline" and c.outlet == "光明日报"
    assert [(n.name, n.role) for n in c.people] == [("赵一", "通讯员"), ("钱二", "记者")]


def test_place_date_dateline() -> None:
    p = parse("中新网杭州3月5日电 (记者 孙丽)今天，新工厂投产。")
    c = p.credits[0]
    assert (c.outlet, c.place, c.date) == ("中新网", "杭州", "3月5日")
    assert [(n.name, n.role) for n in c.people] == [("孙丽", "记者")]
    p = parse("新华网武汉3月5日电(周强)今天，新工厂投产。")
    c = p.credits[0]
    assert (c.outlet, c.place) == ("新华网", "武汉") and c.people[0].name == "周强"
    p = parse("本报南京3月5日电 记者今天获悉，新工厂投产。")
    c = p.credits[0]
    assert c.outlet is None and c.place == "南京" and not c.people


def test_sentence_with_a_date_is_not_a_dateline() -> None:
    p = parse("杭州3月5日召开大会，会议通过了新规划。")
    assert not p.credits and p.sentences[0].kind == "body"


def test_outlet_byline_and_source_line() -> None:
    p = parse("澎湃新闻记者 陈晓 综合报道\n\n来源：科技日报")
    assert [s.kind for s in p.sentences] == ["byline", "byline"]
    a, b = p.credits
    assert a.outlet == "澎湃新闻" and [n.name for n in a.people] == ["陈晓"]
    assert b.outlet == "科技日报" and not b.people


def test_photo_captions() -> None:
    p = parse("展会上，机器人为观众表演舞蹈。陈明(福建分社)/中新社\n\n图为工作人员调试设备。\n\n签约现场（本报记者 李华 摄）")
    assert [s.kind for s in p.sentences] == ["caption"] * 4
    photos = [c for c in p.credits if c.kind == "photo"]
    assert [(c.outlet, c.place, [n.name for n in c.people]) for c in photos] == [
        ("中新社", "福建", ["陈明"]),
        (None, None, ["李华"]),
    ]
    assert all(n.role == "摄影" for c in photos for n in c.people)


def test_photo_credit_line_and_bare_she_are_captions() -> None:
    p = parse("新华社记者 张三 摄\n\n工人们在车间里忙碌（摄）")
    assert [s.kind for s in p.sentences] == ["caption", "caption"]
    (c,) = p.credits
    assert (c.kind, c.outlet, [(n.name, n.role) for n in c.people]) == ("photo", "新华社", [("张三", "摄影")])


def test_text_about_cameras_is_not_a_caption() -> None:
    p = parse("这款手机配备了三颗摄像头。\n\n公司称新品将于下月上市/发布。")
    assert [s.kind for s in p.sentences] == ["body", "body"]
    assert not p.credits


def test_credit_spans_mark_people_outlets_and_places() -> None:
    p = parse("中新网杭州3月5日电 (记者 孙丽)今天，新工厂投产。\n\n◎本报记者 王小明")
    spans = credit_spans(p)
    got = [(c.sentence, c.text, c.label) for c in spans]
    assert got == [(0, "中新网", "outlet"), (0, "杭州", "place"), (0, "孙丽", "Person"), (2, "王小明", "Person")]
    for c in spans:
        assert p.sentences[c.sentence].text[c.start : c.end] == c.text


# ---------------------------------------------------------------------------------------
# The real dev page (skipped without ../shared)


@pytest.fixture(scope="module")
def dev_page() -> ParsedDocument:
    path = DEV / "kjrb-page-2024-12.txt"
    if not path.exists():
        pytest.skip("shared dev corpus not available")
    return parse(path.read_text(encoding="utf-8"), path.name)


def test_dev_page_repairs(dev_page: ParsedDocument) -> None:
    sents = texts(dev_page)
    assert not any("\n" in s for s in sents)
    assert any("新质生产力。" in s for s in sents)  # adjacent column break
    assert any(s.endswith("各类人工智能平台载体。") for s in sents)  # split around two articles
    # the repeated block (title, subtitle, byline, two paragraphs) is dropped once
    assert dev_page.duplicate_sentences >= 5
    assert sum("落幕" in s for s in sents) == 1
    people = {n.name for c in dev_page.credits for n in c.people}
    assert {"叶青", "王禹涵", "魏依晨", "张一龙", "韩荣", "谢开飞", "黎丹", "孙瑜", "陈楚红"} <= people
    kinds = {s.kind for s in dev_page.sentences}
    assert kinds == {"heading", "byline", "caption", "body"}


def test_dev_web_pages_lose_scripts_and_keep_offsets() -> None:
    files = sorted(DEV.glob("pc2018tech-*.txt")) if DEV.exists() else []
    if not files:
        pytest.skip("shared dev corpus not available")
    for path in files:
        p = parse(path.read_text(encoding="utf-8-sig"), path.name)
        assert p.sentences, path
        joined = "".join(texts(p))
        assert "function" not in joined and "adScript" not in joined
        assert "\u3000" not in joined


# ---------------------------------------------------------------------------------------
# Hard-wrapped text (PDF or editor output)

WRAPPED = (
    "人工智能产业发展报告\n"
    "今天，中国科学院深圳先进技术研究院\n"
    "与华为技术有限公司联合研发了新一代芯\n"
    "片。这款芯片用于数据中心和智能汽车领\n"
    "域，预计明年量产。\n"
    "第二段从这里开始，它也被折成多行，每\n"
    "行的宽度都一样。\n"
)


def test_hard_wrapped_lines_are_joined() -> None:
    p = parse(WRAPPED)
    assert texts(p) == [
        "人工智能产业发展报告",
        "今天，中国科学院深圳先进技术研究院与华为技术有限公司联合研发了新一代芯片。",
        "这款芯片用于数据中心和智能汽车领域，预计明年量产。",
        "第二段从这里开始，它也被折成多行，每行的宽度都一样。",
    ]
    assert p.sentences[0].kind == "heading"


def test_equal_length_headings_on_single_lines_are_not_wrapping() -> None:
    text = (
        "关键技术取得突破\n小明说实验已经完成，下一步将开展中试。\n"
        "创新生态不断完善\n小红说成果已经转化，企业反馈很好。\n"
        "应用场景日益丰富\n小刚说产品已经上市，销量不断增长。\n"
    )
    p = parse(text)
    assert [s.kind for s in p.sentences] == ["heading", "body"] * 3


def test_pathological_credit_lines_stay_fast() -> None:
    import time

    lines = ["记者" * 30, "记者 王 " * 15, "◎本报记者" + "张三 " * 18 + "了", "图为" + "张三、" * 30 + "/中新社"]
    start = time.perf_counter()
    for line in lines:
        p = parse(line)
        assert not [c for c in p.credits if c.kind == "byline"]
    assert time.perf_counter() - start < 0.5


def test_far_join_ignores_a_reversed_quote_far_away() -> None:
    # crawled text often has quotes the wrong way round: that is no evidence of a break
    text = "在平台方面，本市积极推进高校和企业建设各类创新平台载\n\n另一篇文章的标题\n\n他称之为”神器“，很受欢迎。"
    p = parse(text)
    assert texts(p)[0] == "在平台方面，本市积极推进高校和企业建设各类创新平台载"
    assert texts(p)[-1] == "他称之为”神器“，很受欢迎。"
