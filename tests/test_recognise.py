"""Each recognition rule on sentences written for these tests: one case it must find, one it must not."""
from __future__ import annotations


from kgtext import run


# ---------------------------------------------------------------- regions (gazetteer)

def test_region_full_and_short_forms_are_one_node() -> None:
    f = run("合肥市今年新增三家独角兽企业。合肥的算力规模位居全省前列。")
    e = f.entity("合肥")
    assert e is not None and e.type == "City" and "合肥市" in e.aliases


def test_region_name_cut_out_of_a_word_is_no_region() -> None:
    f = run("该企业正在搭建平台，服务周边客户。")
    assert not f.has("建平")


def test_longer_region_wins_over_a_region_ending_inside_it() -> None:
    f = run("记者从江西省人民政府获悉，相关政策即将出台。")
    assert f.has("江西", "Region") and not f.has("从江")


def test_county_short_name_needs_its_city_or_province() -> None:
    assert not run("他们提出了科技兴安的口号。").has("兴安")
    f = run("内蒙古自治区兴安盟启动数据中心建设，兴安将建设绿色算力基地。")
    assert f.has("兴安", "Region")


def test_shared_name_takes_the_division_the_article_places_it_in() -> None:
    f = run("辽宁省朝阳市新建一座光伏电站，朝阳的新能源装机持续增长。")
    e = f.entity("朝阳")
    assert e is not None and e.region_code and e.region_code.startswith("21")


# ---------------------------------------------------------------- lexicon

def test_lexicon_short_name_resolves_to_the_full_name() -> None:
    f = run("华为发布了新一代芯片。")
    e = f.entity("华为")
    assert e is not None and e.type == "Company" and e.name == "华为技术有限公司"


def test_lexicon_short_name_inside_a_longer_word_is_no_match() -> None:
    f = run("北京东部地区降雨明显。")
    assert not f.has("京东")


# ---------------------------------------------------------------- organisation name grammar

def test_strong_suffix_makes_a_company() -> None:
    f = run("苏州云启智能科技有限公司发布了年度报告。")
    assert f.has("苏州云启智能科技有限公司", "Company")


def test_generic_word_before_company_is_no_name() -> None:
    f = run("这是一家游戏公司，也是一家上市公司。")
    assert not [n for n, t in f.names.items() if t == "Company"]


def test_weak_suffix_needs_a_region_at_its_head() -> None:
    assert run("杭州市科技局发布通知。").has("杭州市科技局", "Institution")
    assert not run("科技局发布通知。").has("科技局")


def test_name_does_not_swallow_the_words_before_it() -> None:
    f = run("记者日前从宁波市经济和信息化局获悉，全市新增两家智能工厂。")
    assert f.has("宁波市经济和信息化局", "Institution")
    assert not [n for n in f.names if n.startswith(("记者", "从", "日前"))]


def test_conjunction_between_two_kinds_of_body_is_no_name() -> None:
    f = run("深圳机器人企业与高校共建实验室。")
    assert not [n for n, t in f.names.items() if t == "Institution"]


def test_sub_unit_is_part_of_the_body_heading_its_name() -> None:
    f = run("浙江大学计算机科学与技术学院院长王海峰介绍了相关情况。")
    assert f.has("浙江大学计算机科学与技术学院", "Institution")
    assert f.rel("浙江大学计算机科学与技术学院", "partOf", "浙江大学")


def test_province_abbreviation_names_the_article_province_body() -> None:
    f = run("湖南省科技厅、省工信厅联合发布通知。")
    assert f.has("省工信厅", "Institution")
    assert f.rel("省工信厅", "locatedIn", "湖南")
    assert not run("省工信厅发布通知。").rel("省工信厅", "locatedIn", "湖南")


def test_enumeration_of_companies() -> None:
    f = run("公司拟向华东创投、浙江启明、江苏远航等三家机构发行股份。")
    for name in ("华东创投", "浙江启明", "江苏远航"):
        assert f.has(name, "Company"), name
    g = run("市场上苹果、香蕉、橘子等水果价格平稳。")
    assert not [n for n, t in g.names.items() if t == "Company"]


def test_name_with_stock_code_is_a_listed_company() -> None:
    f = run("星海光电（300123）公告称，公司将扩建产线。")
    assert f.has("星海光电", "Company")
    assert not run("该项目编号为（300123），已经立项。").names


# ---------------------------------------------------------------- aliases and short forms

def test_alias_introduced_with_yixia_jiancheng() -> None:
    f = run("福建省海蓝精密科技有限公司(以下简称“海蓝科技”)成立于2010年。海蓝科技今年营收增长两成。")
    e = f.entity("福建省海蓝精密科技有限公司")
    assert e is not None and "海蓝科技" in e.aliases


def test_short_form_after_first_mention_is_the_same_node() -> None:
    f = run("福建省海蓝精密科技有限公司新建一条产线。海蓝公司负责人表示，产能将翻番。")
    e = f.entity("福建省海蓝精密科技有限公司")
    assert e is not None and "海蓝公司" in e.aliases
    assert not run("海蓝公司负责人表示，产能将翻番。").has("海蓝公司")


# ---------------------------------------------------------------- people

def test_person_after_a_title() -> None:
    f = run("研究院院长张建国说，团队将继续攻关。")
    assert f.has("张建国", "Person")
    assert not [n for n, t in run("研究院院长说，团队将继续攻关。").names.items() if t == "Person"]


def test_person_before_a_speech_verb() -> None:
    assert run("“这是一次突破。”李明表示。").has("李明", "Person")
    assert not [n for n, t in run("“这是一次突破。”专家表示。").names.items() if t == "Person"]


def test_transliterated_foreign_name_without_title_or_verb() -> None:
    f = run("世界卫生组织执行主任约翰·史密斯表示欢迎。")
    assert f.has("约翰·史密斯", "Person")
    assert not f.has("执行主任约翰·史密斯")


def test_reporters_in_bylines_are_people_outlets_are_not_entities() -> None:
    f = run("人工智能产业加速发展\n\n◎本报记者 王小川\n\n近日，合肥市发布新政策。")
    assert f.has("王小川", "Person")
    g = run("科技日报讯(记者周明)近日，合肥市发布新政策。")
    assert g.has("周明", "Person") and not g.has("科技日报")


# ---------------------------------------------------------------- documents, events, projects

def test_title_in_book_marks_is_a_document() -> None:
    f = run("省政府印发了《数字经济发展行动计划》。")
    assert f.has("数字经济发展行动计划", "Document")


def test_latin_title_in_book_marks_is_a_product() -> None:
    f = run("该公司的主要产品为《StarRunner》。")
    assert f.has("StarRunner", "Project")


def test_named_event_with_year_or_edition() -> None:
    f = run("2025年世界智能制造大会在南京开幕。")
    assert f.has("2025年世界智能制造大会", "Event")
    assert not [n for n, t in run("公司昨天召开大会。").names.items() if t == "Event"]


def test_product_name_in_quotes_after_its_kind() -> None:
    f = run("该公司推出的巡检机器人“灵犀二号”已投入使用。")
    assert f.has("灵犀二号", "Project")
    assert not f.has("巡检机器人")


def test_descriptive_phrase_alone_is_no_project() -> None:
    f = run("国产医疗人工智能大模型正在加速落地。")
    assert not [n for n, t in f.names.items() if t == "Project"]


def test_project_named_by_its_city() -> None:
    assert run("由中铁二十局集团有限公司承建的西安地铁15号线进展顺利。").has("西安地铁15号线", "Project")
    assert not [n for n, t in run("市民乘坐5号线即可到达。").names.items() if t == "Project"]


def test_latin_product_name() -> None:
    f = run("星云科技推出的NovaMind平台支持多种语言。")
    assert f.has("NovaMind", "Project") or f.has("NovaMind平台", "Project")
    assert not run("AI技术正在改变制造业。").has("AI")


def test_firm_named_by_an_unknown_word_and_a_finance_head() -> None:
    assert run("该基金背后为鼎晟创投。").has("鼎晟创投", "Company")
    assert not [n for n, t in run("社会资本和风险投资正在涌入。").names.items() if t == "Company"]


def test_unknown_name_cut_into_characters_heads_an_enumeration() -> None:
    f = run("佳硕科技、云帆科技等16家企业入选。")
    assert f.has("佳硕科技", "Company")


def test_unanchored_product_named_after_a_development_verb() -> None:
    f = run("两家机构将联合开发全球气候监测系统(“天眼地图”)。")
    assert f.has("全球气候监测系统", "Project") and f.has("天眼地图", "Project")
    assert not run("两家机构将共同建设量子计算云平台。").has("量子计算云平台")


def test_development_zone_named_by_its_city() -> None:
    f = run("合肥经济技术开发区管委会与企业签约。")
    assert f.has("合肥经济技术开发区", "Region")
    assert f.rel("合肥经济技术开发区管委会", "locatedIn", "合肥经济技术开发区")
    assert not run("各地开发区正在加快转型。").has("各地开发区")


def test_company_name_with_its_city_in_brackets() -> None:
    f = run("公司全资子公司恒达精工（绍兴）有限公司获得订单。")
    assert f.has("恒达精工（绍兴）有限公司", "Company")
    assert not f.has("公司全资子公司恒达精工（绍兴）有限公司")


def test_sub_unit_suffix_needs_its_organisation() -> None:
    assert not run("公司拟对增资子公司进行调整。").names
    assert run("华夏银行杭州分行发放贷款。").has("华夏银行杭州分行", "Company")


def test_english_name_in_brackets_is_an_alias() -> None:
    f = run("美国电动汽车制造商特斯拉公司（Tesla，以下简称“特斯拉”）宣布扩产。")
    e = f.entity("特斯拉公司")
    assert e is not None and {"Tesla", "特斯拉"} & ({e.name} | e.aliases)


def test_extraction_failure_skips_one_document_not_the_corpus(tmp_path, monkeypatch) -> None:
    import kg.build as build
    from kg.ingest import IngestWarning

    calls = {"n": 0}
    real = build.extract

    def flaky(parsed, res):
        calls["n"] += 1
        if parsed.doc.id == "bad.txt":
            raise RuntimeError("boom")
        return real(parsed, res)

    monkeypatch.setattr(build, "extract", flaky)
    (tmp_path / "bad.txt").write_text("华为发布新品。", encoding="utf-8")
    (tmp_path / "good.txt").write_text("腾讯发布新品。", encoding="utf-8")
    warnings: list[IngestWarning] = []
    data = build.build_data([tmp_path], warn=warnings.append)
    assert [d.id for d in data.documents] == ["good.txt"]
    assert any("extraction failed" in w.message and "bad.txt" in w.source for w in warnings)


def test_unknown_name_cut_into_characters_inside_a_company_name() -> None:
    f = run("项目由陕西华正建设监理有限公司负责监理。")
    assert f.has("陕西华正建设监理有限公司", "Company")
    g = run("史玉柱旗下的上海准基的公司负责此事。")
    assert not g.has("上海准基的公司")


def test_branch_of_a_named_company() -> None:
    f = run("中国电信股份有限公司贵州分公司承建了该平台。")
    assert f.has("中国电信股份有限公司贵州分公司", "Company")


def test_project_phase_belongs_to_the_name() -> None:
    assert run("中铁二十局集团有限公司承建的西安地铁19号线二期工程开工。").has("西安地铁19号线二期工程", "Project")


def test_transliterated_name_after_a_place_and_title() -> None:
    f = run("肯尼亚代表伊丽莎白·穆伦加表示，项目进展顺利。")
    assert f.has("伊丽莎白·穆伦加", "Person")
    assert not f.has("尼亚代表伊丽莎白·穆伦加")


def test_last_investor_before_a_split_verb() -> None:
    f = run("本轮融资由星河资本领投，南岭创投、合肥星投和青禾创投跟投。")
    assert f.has("青禾创投", "Company") and not f.has("青禾创投跟投")


def test_sub_unit_named_without_its_parent_is_the_same_node() -> None:
    f = run("浙江大学计算机科学与技术学院与企业签约。计算机科学与技术学院院长王海峰介绍了情况。")
    e = f.entity("浙江大学计算机科学与技术学院")
    assert e is not None and "计算机科学与技术学院" in e.aliases


def test_latin_name_after_a_kind_word() -> None:
    assert run("资金将用于新一代具身大模型LS-Core的研发。").has("LS-Core", "Project")
    assert not run("资金将用于新一代具身大模型的研发。").names


def test_road_and_bridge_projects_named_by_their_city() -> None:
    assert run("中铁大桥局承建的武汉外环高速公路南段主体完工。").has("武汉外环高速公路", "Project") \
        or run("中铁大桥局承建的武汉外环高速公路南段主体完工。").has("武汉外环高速公路南段", "Project")


def test_product_named_by_the_end_of_its_full_name() -> None:
    f = run("双方将开发“全球气候监测地图”。“气候监测地图”平台将于明年上线。")
    e = f.entity("全球气候监测地图")
    assert e is not None and "气候监测地图" in e.aliases


def test_satellite_and_rocket_names() -> None:
    f = run("我国成功发射天眼五号01星，长征二号丁运载火箭表现稳定。")
    assert f.has("天眼五号01星", "Project") and f.has("长征二号丁运载火箭", "Project")
    assert not f.has("成功发射天眼五号01星")


def test_abbreviated_zone_is_the_same_node() -> None:
    f = run("长沙经济技术开发区今年新签项目42个。长沙经开区管委会表示，将持续优化服务。")
    e = f.entity("长沙经济技术开发区")
    assert e is not None and "长沙经开区" in e.aliases


def test_transliterated_name_inside_an_organisation_name() -> None:
    f = run("德国马克斯·普朗克量子光学研究所所长汉斯·凯勒参加了讨论。")
    assert f.has("马克斯·普朗克量子光学研究所", "Institution") or f.has("德国马克斯·普朗克量子光学研究所", "Institution")
    assert f.has("汉斯·凯勒", "Person") and not f.has("马克斯·普朗克", "Person")


def test_agency_word_jieba_knows_as_an_organisation() -> None:
    assert run("湖南省商务厅副厅长宁晓梅出席签约仪式。").has("湖南省商务厅", "Institution")
    assert not run("全省布局了一批新项目。").names


def test_two_character_name_after_a_title() -> None:
    assert run("清华大学交叉信息研究院研究员林雪分享了最新进展。").has("林雪", "Person")


def test_works_and_sites_named_by_capacity_phase_or_place() -> None:
    f = run("湖北星岚新材料有限公司计划在襄阳高新区投资建设星岚10GWh储能电池基地项目，总投资50亿元。")
    assert f.has("星岚10GWh储能电池基地项目", "Project")
    assert run("两家企业将共建襄阳新能源汽车动力系统中试基地。").has("襄阳新能源汽车动力系统中试基地", "Project")
    assert run("东岳集团在滨州建设的滨州热电二期项目已并网。").has("滨州热电二期项目", "Project")


def test_counts_times_and_kinds_of_works_are_no_names() -> None:
    for text, word in (("全市今年共有12个项目集中开工。", "12个项目"),
                       ("公司将建设储能电池项目。", "储能电池项目"),
                       ("该集团在全球14个国家设有生产基地。", "生产基地"),
                       ("省里公布了2025年第四季度重大项目清单。", "重大项目")):
        f = run(text)
        assert not any(word in n for n, t in f.names.items() if t == "Project"), (text, f.names)


def test_quoted_name_after_a_product_kind_is_a_product() -> None:
    assert run("灵犀OS新增多模态语音助手“小岫”和跨设备流转功能。").has("小岫", "Project")
    assert run("双方将联合研发36通道心磁图仪“衡心-36”。").has("衡心-36", "Project")


def test_quoted_phrase_after_other_words_is_no_product() -> None:
    f = run("企业负责人把这种做法称为“抱团出海”，并在会上介绍了经验。")
    assert not f.has("抱团出海")


def test_industrial_park_zone_keeps_its_city() -> None:
    f = run("苏州工业园区管委会相关负责人透露，园区已梳理出40余家企业。")
    assert f.has("苏州工业园区", "Zone") and f.has("苏州工业园区管委会", "Institution")


def test_a_park_that_is_a_facility_names_no_zone() -> None:
    f = run("他每天去苏州工业园上班。")
    assert not f.has("苏州工业园") and not f.has("苏州")


def test_general_office_of_a_placed_government() -> None:
    assert run("江苏省人民政府办公厅已转发《通知》。").has("江苏省人民政府办公厅", "GovernmentAgency")
    assert not run("公司办公厅已转发《通知》。").has("公司办公厅")


def test_country_in_brackets_before_a_business_word() -> None:
    f = run("同日，卡尔施泰因集团旗下的卡尔施泰因（中国）投资有限公司与江苏恒锐精工股份有限公司签署协议。")
    assert f.has("卡尔施泰因（中国）投资有限公司", "Company")
    assert ("卡尔施泰因（中国）投资有限公司", "partOf", "卡尔施泰因集团") in f.relations


def test_japanese_company_form() -> None:
    assert run("三枝化学工业株式会社总部位于日本大阪。").has("三枝化学工业株式会社", "Company")


def test_text_ending_in_an_ambiguous_known_name_does_not_fail() -> None:
    # a byline whose last word is a lexicon alias that needs its context checked
    f = run("◎本报记者 康宁")
    assert f.has("康宁", "Person")


def test_brand_with_a_short_model_code() -> None:
    assert run("鹿鸣品牌的紧凑型SUV鹿鸣E5今年前5个月累计销量达到4.1万辆。").has("鹿鸣E5", "Project")


def test_short_codes_without_a_brand_are_no_products() -> None:
    f = run("他在第E5排就座，编号B2，座位在A3区。")
    assert not any(t == "Project" for t in f.names.values())


def test_quoted_model_before_xing_and_result_before_you() -> None:
    assert run("工程批量应用由西安宏远电气股份有限公司自主研制的“宏远HY-800”型换流变压器。").has("宏远HY-800", "Project")
    assert run("“苏盐稻12”由江苏省农业科学院粮食作物研究所历时九年选育而成。").has("苏盐稻12", "Project")
    assert not run("会议由“科技创新”主题引领。").has("科技创新")


def test_county_or_continent_inside_a_company_name() -> None:
    f = run("该奖项由安徽恒通路桥设计研究院有限公司、星海大学共同完成。")
    assert f.has("安徽恒通路桥设计研究院有限公司", "Company")
    assert run("泰丰证券亚洲有限公司为独家保荐人。").has("泰丰证券亚洲有限公司", "Company")


def test_county_heading_a_name_after_a_boundary_stays_its_head() -> None:
    f = run("记者在路桥区采访了路桥星海机械有限公司。")
    assert f.has("路桥星海机械有限公司", "Company")


def test_trade_descriptions_are_not_part_of_the_name() -> None:
    f = run("总部设于新加坡的锂电池材料供应商晶源科技控股有限公司今日递交上市申请。")
    assert f.has("晶源科技控股有限公司", "Company")
    assert not any(n.startswith("供应商") for n in f.names)


def test_listed_operators_legal_names_are_known() -> None:
    f = run("中国联合网络通信有限公司甘肃省分公司与庆阳市人民政府签约。")
    assert f.has("中国联合网络通信有限公司甘肃省分公司", "Company")
    assert ("中国联合网络通信有限公司甘肃省分公司", "partOf", "中国联合网络通信有限公司") in f.relations


def test_fund_named_by_its_investing_verb() -> None:
    f = run("本轮由湘江科创基金领投，杭州萧山产业发展基金跟投。")
    assert f.has("湘江科创基金", "Company") and f.has("杭州萧山产业发展基金", "Company")


def test_fund_as_a_kind_names_nothing() -> None:
    f = run("政府引导基金领投的项目越来越多，产业发展基金也在增加。")
    assert not any(t == "Company" for t in f.names.values())


def test_stations_and_computing_centres() -> None:
    f = run("工程起于青海格尔木市的柴达木换流站，止于江西赣州市的赣南换流站。")
    assert f.has("柴达木换流站", "Project") and f.has("赣南换流站", "Project")
    assert run("公司将以陇原智算中心为底座推出服务。").has("陇原智算中心", "Project")
    assert run("配套的沙坡头110千伏升压站工程由宁夏银丰电力工程有限公司承担。").has("沙坡头110千伏升压站工程", "Project")


def test_a_station_without_a_name_is_none() -> None:
    assert not any(t == "Project" for t in run("该市新建了一座变电站。").names.values())


def test_place_cut_by_jieba_across_the_next_word_is_the_left_one() -> None:
    # jieba cuts 乐|山东|辰: the name is headed by 乐山, not 山东
    f = run("乐山东辰重工股份有限公司今年接到8艘船舶订单。")
    assert f.rel("乐山东辰重工股份有限公司", "locatedIn", "乐山")
    assert not f.has("山东")
    # after a function word the place is the word itself
    g = run("公司在山东济南设立研发中心。")
    assert g.has("山东", "Region")


def test_beijing_time_is_no_place() -> None:
    f = run("北京时间6月1日凌晨，南岭航天科技有限公司成功发射卫星。")
    assert not f.has("北京")
    g = run("公司总部在北京，时间紧迫。")
    assert g.has("北京", "Region")


def test_branch_of_a_firm_named_by_its_short_name() -> None:
    f = run("南岭新能源股份有限公司（以下简称“南岭新能源”）投资建设的电站并网。南岭新能源宁夏分公司总经理王磊说。")
    assert f.has("南岭新能源宁夏分公司", "Company")
    assert f.rel("南岭新能源宁夏分公司", "partOf", "南岭新能源股份有限公司")
    assert f.rel("南岭新能源宁夏分公司", "locatedIn", "宁夏")
    g = run("该公司在宁夏分公司设立了研发部。")
    assert not any(n.endswith("分公司") for n in g.names)


def test_a_groups_provincial_company_is_one_name() -> None:
    f = run("中国东岭通信集团贵州有限公司与贵州省大数据发展管理局签约。")
    assert f.has("中国东岭通信集团贵州有限公司", "Company")
    assert f.rel("中国东岭通信集团贵州有限公司", "locatedIn", "贵州")
    assert f.rel("中国东岭通信集团贵州有限公司", "partOf", "中国东岭通信集团")
    # a place alone before the legal form names no firm
    g = run("东岭通信集团与贵州有限公司签约。")
    assert not g.has("贵州有限公司")


def test_foreign_firm_introduced_by_its_country() -> None:
    f = run("公司与沙特阿拉伯的萨拉玛能源公司签署储能系统供货协议。")
    assert f.has("萨拉玛能源公司", "Company")
    assert f.rel("萨拉玛能源公司", "locatedIn", "沙特阿拉伯")
    # a description after a country names no firm
    g = run("德国的新能源汽车公司纷纷来华。日本的电子公司今年业绩下滑。")
    assert not any(t == "Company" for t in g.names.values())


def test_phase_after_a_project_is_no_part_of_its_name() -> None:
    f = run("淮安12英寸晶圆制造项目一期由南岭集团出资建设。")
    assert f.has("淮安12英寸晶圆制造项目", "Project")
    assert not f.has("淮安12英寸晶圆制造项目一期")
    # a phase before the works word is part of the name
    g = run("嘉善地铁5号线二期工程今日开工。")
    assert g.has("嘉善地铁5号线二期工程", "Project")
