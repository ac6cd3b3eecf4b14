"""Each relation rule on sentences written for these tests: one case it must find, one it must not."""
from __future__ import annotations

from kgtext import run

from kg.ns import allowed


# ---------------------------------------------------------------- locatedIn

def test_region_at_the_head_of_a_name_locates_it() -> None:
    f = run("无锡市星辰微电子有限公司今年扩产。")
    assert f.rel("无锡市星辰微电子有限公司", "locatedIn", "无锡")


def test_a_known_name_named_after_another_place_is_not_there() -> None:
    # 中山大学 is in 广州 (the lexicon says so), not in the city of 中山
    f = run("中山大学今年新增两个国家重点实验室。")
    assert not [r for r in f.relations if r[1] == "locatedIn"]


def test_located_at_states_the_most_specific_region() -> None:
    f = run("星河智造是一家位于苏州市吴中区的机器人企业。星河智造今年营收翻番。", )
    g = run("苏州星河智造科技有限公司是一家位于苏州市吴中区的机器人企业。")
    assert g.rel("苏州星河智造科技有限公司", "locatedIn", "吴中")
    assert not g.rel("苏州星河智造科技有限公司", "locatedIn", "苏州") or g.rel("苏州星河智造科技有限公司", "locatedIn", "吴中")
    assert not [r for r in f.relations if r[1] == "locatedIn" and r[2] == "吴中" and r[0] == "苏州"]


# ---------------------------------------------------------------- partOf

def test_qixia_makes_the_later_name_part_of_the_earlier() -> None:
    f = run("远航控股集团旗下的远航新能源科技有限公司发布了新电池。")
    assert f.rel("远航新能源科技有限公司", "partOf", "远航控股集团")
    g = run("远航控股集团和远航新能源科技有限公司分别发布了新品。")
    assert not [r for r in g.relations if r[1] == "partOf"]


def test_lishu_yu() -> None:
    f = run("中铁十八局集团有限公司隶属于中国铁建股份有限公司。")
    assert f.rel("中铁十八局集团有限公司", "partOf", "中国铁建股份有限公司")


def test_wholly_owned_subsidiary() -> None:
    f = run("Vertex为Orion的全资子公司。")
    assert f.rel("Vertex", "partOf", "Orion")
    g = run("Vertex为Orion提供芯片。")
    assert not g.rel("Vertex", "partOf", "Orion")


def test_branch_is_part_of_its_bank_and_in_its_city() -> None:
    f = run("交通银行成都分行行长李卫说，分行已服务两百家企业。交通银行将继续支持科技企业。")
    assert f.rel("交通银行成都分行", "partOf", "交通银行")
    assert f.rel("交通银行成都分行", "locatedIn", "成都")
    assert f.rel("李卫", "affiliatedWith", "交通银行成都分行")


# ---------------------------------------------------------------- cooperatesWith / develops / undertakes

def test_joint_development_gives_develops_and_cooperation() -> None:
    f = run("由杭州云图智能科技有限公司和浙江工业大学合作研发的质检系统“慧眼”正式上线。")
    assert f.rel("杭州云图智能科技有限公司", "develops", "慧眼")
    assert f.rel("浙江工业大学", "develops", "慧眼")
    assert f.rel("杭州云图智能科技有限公司", "cooperatesWith", "浙江工业大学")


def test_signing_with_is_cooperation() -> None:
    f = run("合肥量子云科技有限公司与中国科学技术大学签署合作协议。")
    assert f.rel("合肥量子云科技有限公司", "cooperatesWith", "中国科学技术大学")
    g = run("合肥量子云科技有限公司与中国科学技术大学分别获得表彰。")
    assert not [r for r in g.relations if r[1] == "cooperatesWith"]


def test_zizhu_yanfa_de() -> None:
    f = run("宁波海川智能装备有限公司自主研发的“海川一号”机器人已量产。")
    assert f.rel("宁波海川智能装备有限公司", "develops", "海川一号")


def test_organisation_right_before_its_product() -> None:
    f = run("华为MindSpore框架降低了开发门槛。")
    assert f.rel("华为技术有限公司", "develops", "MindSpore") or f.rel("华为技术有限公司", "develops", "MindSpore框架")
    g = run("华为在会上介绍了NovaMind的进展。")
    assert not [r for r in g.relations if r[1] == "develops"]


def test_products_listed_after_chanpin_wei() -> None:
    f = run("Lumina的主要游戏产品为《StarRunner》《SkyForge》等。")
    assert f.rel("Lumina", "develops", "StarRunner") and f.rel("Lumina", "develops", "SkyForge")


def test_contractor_undertakes_a_work() -> None:
    f = run("由中铁二十局集团有限公司承建的西安地铁15号线进展顺利。")
    assert f.rel("中铁二十局集团有限公司", "undertakes", "西安地铁15号线")
    g = run("中铁二十局集团有限公司的员工乘坐西安地铁15号线上班。")
    assert not [r for r in g.relations if r[1] == "undertakes"]


# ---------------------------------------------------------------- invests

def test_holders_of_shares_invest() -> None:
    f = run("公司拟购买华东创投、浙江启明、江苏远航合计持有的Orion全部股份。")
    for holder in ("华东创投", "浙江启明", "江苏远航"):
        assert f.rel(holder, "invests", "Orion"), holder


def test_shareholders_invest() -> None:
    f = run("北辰资本、南岭创投均已经是星海光电的股东。")
    assert f.rel("北辰资本", "invests", "星海光电") and f.rel("南岭创投", "invests", "星海光电")


def test_acquisition() -> None:
    f = run("星海光电（300123）披露了对德国公司Lumtec的收购进展。")
    assert f.rel("星海光电", "invests", "Lumtec")
    g = run("星海光电（300123）介绍了Lumtec的研发进展。")
    assert not [r for r in g.relations if r[1] == "invests"]


# ---------------------------------------------------------------- publishes / affiliatedWith

def test_body_publishes_a_document() -> None:
    f = run("浙江省经济和信息化厅日前对外发布了《浙江省算力发展报告》。")
    assert f.rel("浙江省经济和信息化厅", "publishes", "浙江省算力发展报告")
    g = run("《浙江省算力发展报告》显示，全省算力规模持续增长。")
    assert not [r for r in g.relations if r[1] == "publishes"]


def test_publishing_a_document_is_not_developing_it_and_the_rejection_is_reported() -> None:
    f = run("浙江省经济和信息化厅发布了《浙江省算力发展报告》。")
    assert not [r for r in f.relations if r[1] == "develops"]
    assert any("develops" in x.what and "domain/range" in x.reason for x in f.ex.rejections)


def test_titles_chain_to_every_organisation() -> None:
    f = run("英国皇家工程院外籍院士、西湖大学工学院院长周文博指出，材料是关键。")
    assert f.rel("周文博", "affiliatedWith", "西湖大学工学院")
    assert f.rel("周文博", "affiliatedWith", "英国皇家工程院")


def test_no_affiliation_across_a_clause() -> None:
    f = run("西湖大学发布新成果，记者周文博从现场发回报道。")
    assert not f.rel("周文博", "affiliatedWith", "西湖大学")


# ---------------------------------------------------------------- the ontology decides

def test_every_emitted_relation_respects_domain_and_range() -> None:
    f = run("由杭州云图智能科技有限公司和浙江工业大学合作研发的质检系统“慧眼”在杭州发布。"
            "浙江省经济和信息化厅发布了《浙江省算力发展报告》。院长周文博说，远航控股集团旗下的远航新能源科技有限公司投资了Orion。")
    assert f.ex.relations
    for r in f.ex.relations:
        s = f.ex.entities[f.ex.mention_entity[r.subject]].type
        o = f.ex.entities[f.ex.mention_entity[r.object]].type
        assert allowed(r.predicate, s, o), (r, s, o)


# ---------------------------------------------------------------- coreference for relations

def test_gai_gongsi_refers_to_the_last_company() -> None:
    f = run("苏州星河智造科技有限公司今年扩产。该公司与南京理工大学签署合作协议。")
    assert f.rel("苏州星河智造科技有限公司", "cooperatesWith", "南京理工大学")
    e = f.entity("苏州星河智造科技有限公司")
    assert "该公司" not in e.aliases  # a pronoun is never a name


def test_gai_gongsi_without_a_company_before_it_refers_to_nothing() -> None:
    f = run("该公司与南京理工大学签署合作协议。")
    assert not [r for r in f.relations if r[1] == "cooperatesWith"]


def test_team_refers_to_the_body_of_the_last_team_named() -> None:
    f = run("南京理工大学教授陈立团队提出了解决方案。该团队成功与常州远航电机有限公司签署意向协议。")
    assert f.rel("南京理工大学", "cooperatesWith", "常州远航电机有限公司")
    g = run("该团队成功与常州远航电机有限公司签署意向协议。")
    assert not [r for r in g.relations if r[1] == "cooperatesWith"]


def test_verb_in_a_relative_clause_has_another_agent() -> None:
    f = run("浙江省经济和信息化厅结合新出台的《数据条例》开展工作。")
    assert not [r for r in f.relations if r[1] == "publishes"]


def test_lianhe_gives_both_developers() -> None:
    f = run("阿里云将联合世界粮食计划署开发全球饥饿监测系统。")
    assert f.rel("阿里云计算有限公司", "develops", "全球饥饿监测系统")
    assert f.rel("世界粮食计划署", "develops", "全球饥饿监测系统")


def test_nationality_before_an_organisation() -> None:
    f = run("美国芯片巨头英伟达公司宣布在上海设立研发中心。")
    assert f.rel("英伟达公司", "locatedIn", "美国") or f.rel("英伟达", "locatedIn", "美国")
    g = run("美国市场对英伟达公司的芯片需求旺盛。")
    assert not [r for r in g.relations if r[1] == "locatedIn"]


def test_cooperation_with_every_member_of_a_list() -> None:
    f = run("苏州云驰智能科技有限公司已与上汽集团、吉利汽车等车企建立合作。")
    assert f.rel("苏州云驰智能科技有限公司", "cooperatesWith", "上汽集团")
    assert f.rel("苏州云驰智能科技有限公司", "cooperatesWith", "吉利汽车")
    g = run("合肥经开区管委会与江淮星途汽车有限公司（以下简称“星途汽车”）、合肥远景动力有限公司（以下简称“远景动力”）分别签署战略合作协议。")
    assert g.rel("合肥经开区管委会", "cooperatesWith", "江淮星途汽车有限公司")
    assert g.rel("合肥经开区管委会", "cooperatesWith", "合肥远景动力有限公司")


def test_product_before_you_x_yanfa() -> None:
    f = run("深圳星海通信技术有限公司（以下简称“星海通信”）发布新品。灵枢大模型由星海通信与北京云智研究院联合研发，参数规模为70亿。")
    assert f.rel("星海通信", "develops", "灵枢大模型") and f.rel("北京云智研究院", "develops", "灵枢大模型")
    g = run("灵枢大模型由星海通信负责推广。")
    assert not [r for r in g.relations if r[1] == "develops"]


def test_products_introduced_by_their_kind_in_a_list() -> None:
    f = run("深圳星海通信技术有限公司（以下简称“星海通信”）今天举行发布会。星海通信还推出了首款智能手表Watch S1和平板电脑Pad Air 2。")
    assert f.rel("星海通信", "develops", "Watch S1") and f.rel("星海通信", "develops", "Pad Air 2")


def test_capital_increase_is_an_investment() -> None:
    f = run("杭州远帆投资控股有限公司拟以现金1.5亿元对浙江远帆精密机械有限公司增资。")
    assert f.rel("杭州远帆投资控股有限公司", "invests", "浙江远帆精密机械有限公司")


def test_qi_before_a_development_verb_is_the_organisation_just_named() -> None:
    f = run("无锡芯海半导体有限公司主要从事测试设备的生产，其自主研发的“芯海一号”已批量供货。")
    assert f.rel("无锡芯海半导体有限公司", "develops", "芯海一号")
    g = run("据悉，其自主研发的“芯海一号”已批量供货。")
    assert not [r for r in g.relations if r[1] == "develops"]


def test_investors_in_a_funding_round() -> None:
    f = run("杭州云舟机器人科技有限公司宣布完成3亿元A轮融资。本轮融资由星河资本领投，南岭创投、青禾创投跟投。")
    for investor in ("星河资本", "南岭创投", "青禾创投"):
        assert f.rel(investor, "invests", "杭州云舟机器人科技有限公司"), investor
    g = run("杭州云舟机器人科技有限公司今年营收增长。星河资本领投了另一家企业。")
    assert not [r for r in g.relations if r[1] == "invests"]


def test_title_opening_a_clause_belongs_to_the_sentence_subject() -> None:
    f = run("杭州云舟机器人科技有限公司成立于2021年，创始人兼首席执行官林子昂毕业于浙江大学。")
    assert f.rel("林子昂", "affiliatedWith", "杭州云舟机器人科技有限公司")
    g = run("杭州云舟机器人科技有限公司成立于2021年，浙江大学教授林子昂担任顾问。")
    assert not g.rel("林子昂", "affiliatedWith", "杭州云舟机器人科技有限公司")


def test_gongsi_opening_a_sentence_is_the_company_of_the_article() -> None:
    f = run("杭州云舟机器人科技有限公司成立于2021年。公司核心产品包括巡检机器人“云舟一号”和“云舟二号”。")
    assert f.rel("杭州云舟机器人科技有限公司", "develops", "云舟一号")


def test_located_at_before_the_name() -> None:
    f = run("记者从贵州省大数据发展管理局获悉，位于贵安新区的“黔云三号”智算中心日前投运。")
    assert f.rel("黔云三号", "locatedIn", "贵安新区") or any(r[1] == "locatedIn" and r[2] == "贵安新区" for r in f.relations)
    assert not f.rel("贵州省大数据发展管理局", "locatedIn", "贵安新区")


def test_bare_gongsi_means_the_company_the_article_is_about() -> None:
    f = run("杭州云舟机器人科技有限公司完成融资。杭州云舟机器人科技有限公司创始人林子昂此前曾在大疆创新任职。"
            "公司核心产品包括巡检机器人“云舟一号”。")
    assert f.rel("杭州云舟机器人科技有限公司", "develops", "云舟一号")
    assert not [r for r in f.relations if r[1] == "develops" and "大疆" in r[0]]


def test_self_developed_product_belongs_to_the_sentence_subject() -> None:
    f = run("星海通信技术有限公司发布新手机，首发搭载自研玄武S3芯片。")
    assert f.rel("星海通信技术有限公司", "develops", "玄武S3")
    g = run("星海通信技术有限公司发布新手机，搭载玄武S3芯片。")
    assert not g.rel("星海通信技术有限公司", "develops", "玄武S3")


def test_qiantou_de_trial_is_undertaken_by_the_hospital() -> None:
    f = run("记者从四川大学华西医院获悉，由该院牵头的“肺部影像智能筛查多中心临床试验”已完成入组。")
    assert f.rel("四川大学华西医院", "undertakes", "肺部影像智能筛查多中心临床试验")


def test_product_with_english_name_before_you() -> None:
    f = run("试验所用的“慧眼肺结节辅助诊断系统”（LungEye）由成都慧眼医疗科技有限公司与四川大学共同研发。")
    assert f.rel("成都慧眼医疗科技有限公司", "develops", "慧眼肺结节辅助诊断系统")
    e = f.entity("慧眼肺结节辅助诊断系统")
    assert e is not None and "LungEye" in e.aliases | {e.name}


def test_project_led_by_one_and_joined_by_others() -> None:
    f = run("其中，“深海装备智能运维关键技术研究”项目由浙江大学牵头，杭州海川科技有限公司、宁波港湾研究院参与。")
    p = "深海装备智能运维关键技术研究"
    assert f.rel("浙江大学", "undertakes", p)
    assert f.rel("杭州海川科技有限公司", "undertakes", p) and f.rel("宁波港湾研究院", "undertakes", p)


def test_developer_named_with_its_parent() -> None:
    f = run("天眼五号01星由中国航天科技集团有限公司所属中国空间技术研究院抓总研制。")
    assert f.rel("中国空间技术研究院", "develops", "天眼五号01星")
    assert not f.rel("中国航天科技集团有限公司", "develops", "天眼五号01星")
    assert f.rel("中国空间技术研究院", "partOf", "中国航天科技集团有限公司")


def test_joint_venture_partners_invest() -> None:
    f = run("由远航重工股份有限公司与浙江合丰液压科技有限公司合资组建的湖南远丰液压有限公司正式落户。")
    assert f.rel("远航重工股份有限公司", "invests", "湖南远丰液压有限公司")
    assert f.rel("浙江合丰液压科技有限公司", "invests", "湖南远丰液压有限公司")


def test_shareholding_percentage() -> None:
    f = run("星澜汽车科技有限公司是长风汽车集团有限公司旗下品牌，长风汽车集团有限公司持股比例为65%。")
    assert f.rel("长风汽车集团有限公司", "invests", "星澜汽车科技有限公司")


def test_known_university_headed_by_its_province() -> None:
    f = run("四川大学今年新增两个国家重点实验室。")
    assert f.rel("四川大学", "locatedIn", "四川")
    g = run("中山大学今年新增两个国家重点实验室。")
    assert not [r for r in g.relations if r[1] == "locatedIn"]


def test_joint_venture_founders_cooperate() -> None:
    f = run("由远航重工股份有限公司与浙江合丰液压科技有限公司合资组建的湖南远丰液压有限公司正式落户。")
    assert f.rel("远航重工股份有限公司", "cooperatesWith", "浙江合丰液压科技有限公司")


def test_subject_signs_with_after_bing_yu() -> None:
    f = run("深圳市驰远智能驾驶技术有限公司将在长沙设立区域总部，并与长沙经开区管委会签订共建协议。")
    assert f.rel("深圳市驰远智能驾驶技术有限公司", "cooperatesWith", "长沙经开区管委会")
    g = run("深圳市驰远智能驾驶技术有限公司将在长沙设立区域总部，长沙经开区管委会与当地银行签订协议。")
    assert not g.rel("深圳市驰远智能驾驶技术有限公司", "cooperatesWith", "长沙经开区管委会")


def test_settling_in_a_zone() -> None:
    f = run("湖南远丰液压有限公司正式落户长沙经济技术开发区。")
    assert f.rel("湖南远丰液压有限公司", "locatedIn", "长沙经济技术开发区")


def test_subsidiary_of_the_company_the_article_is_about() -> None:
    f = run("苏州芯海微电子股份有限公司发布年报。其中，无锡芯海半导体有限公司为公司控股子公司。")
    assert f.rel("无锡芯海半导体有限公司", "partOf", "苏州芯海微电子股份有限公司")


def test_partner_unit_cooperates_with_the_lead() -> None:
    f = run("西南交通大学承担的“隧道智能建造系统”项目聚焦施工难题，中铁二院工程集团有限责任公司为项目合作单位。")
    assert f.rel("西南交通大学", "cooperatesWith", "中铁二院工程集团有限责任公司")


def test_controlling_shareholder_opening_a_clause() -> None:
    f = run("浙江远帆精密机械股份有限公司公告，控股股东杭州远帆投资控股有限公司拟增持股份。")
    assert f.rel("杭州远帆投资控股有限公司", "invests", "浙江远帆精密机械股份有限公司")
    g = run("浙江远帆精密机械股份有限公司与杭州远帆投资控股有限公司签署协议。")
    assert not [r for r in g.relations if r[1] == "invests"]


def test_actual_controller_is_affiliated() -> None:
    f = run("浙江远帆精密机械股份有限公司发布公告，公司实际控制人为董事长沈海峰。")
    assert f.rel("沈海峰", "affiliatedWith", "浙江远帆精密机械股份有限公司")


def test_both_parties_are_the_two_organisations_named_last() -> None:
    f = run("苏州星河智造科技有限公司将为远航汽车集团有限公司供应电池。双方已签署为期五年的供货协议。")
    assert f.rel("苏州星河智造科技有限公司", "cooperatesWith", "远航汽车集团有限公司")
    g = run("苏州星河智造科技有限公司今年扩产。双方已签署为期五年的供货协议。")
    assert not [r for r in g.relations if r[1] == "cooperatesWith"]


def test_bank_loans_are_investments() -> None:
    f = run("建行合肥高新区支行向合肥启星微电子有限公司发放5000万元信用贷款。")
    assert f.rel("建行合肥高新区支行", "invests", "合肥启星微电子有限公司")
    g = run("芜湖云舟智能装备有限公司获得建行芜湖分行2000万元中长期贷款。")
    assert g.rel("建行芜湖分行", "invests", "芜湖云舟智能装备有限公司")
    h = run("建行合肥高新区支行向合肥启星微电子有限公司了解经营情况。")
    assert not [r for r in h.relations if r[1] == "invests"]


def test_lead_and_partners_across_a_comma() -> None:
    f = run("由国家先进储能材料实验室牵头，联合中国科学院物理研究所、北京理工大学共同攻关的“青岚”电池项目取得进展。")
    assert f.rel("中国科学院物理研究所", "develops", "青岚") and f.rel("北京理工大学", "develops", "青岚")


def test_launch_after_the_event_clause() -> None:
    f = run("杭州灵犀智动科技有限公司在杭州举行新品发布会，正式推出四足机器人“踏云X3”。")
    assert f.rel("杭州灵犀智动科技有限公司", "develops", "踏云X3")


def test_known_institute_is_part_of_its_academy() -> None:
    f = run("中国科学院物理研究所发布了新成果。")
    assert f.rel("中国科学院物理研究所", "partOf", "中国科学院")


def test_fenbie_yu_signs_with_each() -> None:
    f = run("发布会上，杭州灵犀智动科技有限公司分别与宁波港城智慧物流有限公司、浙江远帆精密机械股份有限公司签署合作协议。")
    assert f.rel("杭州灵犀智动科技有限公司", "cooperatesWith", "宁波港城智慧物流有限公司")
    assert f.rel("杭州灵犀智动科技有限公司", "cooperatesWith", "浙江远帆精密机械股份有限公司")


def test_named_subsidiary_is_part_of_the_company_the_sentence_is_about() -> None:
    f = run("星河电子股份有限公司（以下简称“星河电子”或“公司”）发布公告。"
            "公司拟以自有资金1亿元对全资子公司南京星岚半导体有限公司进行增资。")
    assert ("南京星岚半导体有限公司", "partOf", "星河电子股份有限公司") in f.relations
    assert ("星河电子股份有限公司", "invests", "南京星岚半导体有限公司") in f.relations
    f = run("华联科技有限公司的全资子公司华联智能有限公司成立于2019年。")
    assert ("华联智能有限公司", "partOf", "华联科技有限公司") in f.relations
    assert ("华联科技有限公司", "invests", "华联智能有限公司") not in f.relations  # no capital moves here


def test_subsidiary_word_before_a_comma_names_no_subsidiary() -> None:
    f = run("青木科技有限公司是白杨控股有限公司的全资子公司，红杉电子有限公司则独立经营。")
    assert ("青木科技有限公司", "partOf", "白杨控股有限公司") in f.relations
    assert not any(r[0] == "红杉电子有限公司" and r[1] == "partOf" for r in f.relations)


def test_joint_founding_makes_each_founder_an_investor() -> None:
    f = run("星河电子股份有限公司拟与苏州恒远科技合伙企业（有限合伙）共同出资设立控股子公司苏州星河传感有限公司，注册资本5000万元。")
    assert ("星河电子股份有限公司", "invests", "苏州星河传感有限公司") in f.relations
    assert ("苏州恒远科技合伙企业（有限合伙）", "invests", "苏州星河传感有限公司") in f.relations
    assert ("苏州星河传感有限公司", "partOf", "星河电子股份有限公司") in f.relations
    assert f.rel("星河电子股份有限公司", "cooperatesWith", "苏州恒远科技合伙企业（有限合伙）")


def test_founding_without_capital_is_no_investment() -> None:
    f = run("星河电子股份有限公司与苏州恒远科技有限公司宣布成立苏州星河传感有限公司。")
    assert ("星河电子股份有限公司", "invests", "苏州星河传感有限公司") not in f.relations


def test_partners_before_a_joint_development_verb_both_develop() -> None:
    f = run("光学部分采用云岫智能科技有限公司与宁波光栈光学科技有限公司联合开发的衍射光波导模组“光栈WG-2”。")
    assert ("云岫智能科技有限公司", "develops", "光栈WG-2") in f.relations
    assert ("宁波光栈光学科技有限公司", "develops", "光栈WG-2") in f.relations
    assert f.rel("云岫智能科技有限公司", "cooperatesWith", "宁波光栈光学科技有限公司")
    assert f.has("云岫智能科技有限公司", "Company")  # 采用 is no part of the name


def test_maker_with_an_alias_bracket_before_its_product() -> None:
    f = run("主控采用上海辰芯半导体有限公司（以下简称“辰芯半导体”）最新推出的可穿戴芯片“辰芯S8”。")
    assert ("上海辰芯半导体有限公司", "develops", "辰芯S8") in f.relations


def test_a_user_before_the_maker_develops_nothing() -> None:
    f = run("星海汽车有限公司的新车采用了宁波光栈光学科技有限公司研发的模组“光栈WG-2”。")
    assert ("宁波光栈光学科技有限公司", "develops", "光栈WG-2") in f.relations
    assert ("星海汽车有限公司", "develops", "光栈WG-2") not in f.relations


def test_subject_of_the_sentence_is_where_a_later_clause_says() -> None:
    f = run("合肥衡光量子测控技术有限公司成立于2021年，位于合肥高新技术产业开发区，主要从事仪器研发。")
    assert ("合肥衡光量子测控技术有限公司", "locatedIn", "合肥高新技术产业开发区") in f.relations


def test_source_of_a_report_is_not_where_the_next_thing_is() -> None:
    f = run("记者从合肥衡光量子测控技术有限公司获悉，位于合肥高新区的星河实验室已投用。")
    assert ("合肥衡光量子测控技术有限公司", "locatedIn", "合肥高新区") not in f.relations
    assert ("星河实验室", "locatedIn", "合肥高新区") in f.relations


def test_capital_into_a_company_after_the_means_of_payment() -> None:
    f = run("星河电子股份有限公司（以下简称“星河电子”或“公司”）发布公告。公司拟使用募集资金1.8亿元向南京星岚半导体有限公司增资。")
    assert ("星河电子股份有限公司", "invests", "南京星岚半导体有限公司") in f.relations
    f = run("星河电子股份有限公司还拟以自有资金3000万元参股苏州灵测传感技术有限公司。")
    assert ("星河电子股份有限公司", "invests", "苏州灵测传感技术有限公司") in f.relations


def test_buying_from_or_judging_a_company_is_no_investment() -> None:
    for text in ("星河电子股份有限公司对南京星岚半导体有限公司的业绩表示满意。",
                 "星河电子股份有限公司向南京星岚半导体有限公司采购了一批设备，用于投资建设新产线。"):
        assert ("星河电子股份有限公司", "invests", "南京星岚半导体有限公司") not in run(text).relations


def test_a_company_discloses_its_announcement() -> None:
    f = run("星河电子股份有限公司同日披露《关于变更募投项目的公告》。")
    assert ("星河电子股份有限公司", "publishes", "关于变更募投项目的公告") in f.relations


def test_trigger_word_inside_an_unknown_company_name_is_no_trigger() -> None:
    f = run("青山集团旗下的某某（北方）投资有限公司与江苏恒锐精工股份有限公司签署协议。")
    assert ("青山集团", "invests", "江苏恒锐精工股份有限公司") not in f.relations


def test_shareholder_puts_capital_into_the_company_s_subsidiary() -> None:
    f = run("星河电子股份有限公司（以下简称“星河电子”或“公司”）发布公告。控股股东杭州星河投资控股有限公司"
            "（以下简称“星河控股”）拟以现金1.5亿元对公司全资子公司星河智能装备（绍兴）有限公司增资。")
    assert ("星河智能装备（绍兴）有限公司", "partOf", "星河电子股份有限公司") in f.relations
    assert ("杭州星河投资控股有限公司", "invests", "星河智能装备（绍兴）有限公司") in f.relations
    assert ("星河智能装备（绍兴）有限公司", "partOf", "杭州星河投资控股有限公司") not in f.relations


def test_title_after_an_alias_bracket() -> None:
    f = run("合肥衡源量子科技有限公司（简称“衡源量子”）首席科学家赵一鸣发布了“衡源云”量子计算云平台。")
    assert ("赵一鸣", "affiliatedWith", "合肥衡源量子科技有限公司") in f.relations


def test_joint_venture_founded_by_two_companies() -> None:
    f = run("由中联星河股份有限公司与浙江合锐液压科技有限公司合资组建的湖南联锐液压有限公司正式落户经开区。")
    assert ("中联星河股份有限公司", "invests", "湖南联锐液压有限公司") in f.relations
    assert ("浙江合锐液压科技有限公司", "invests", "湖南联锐液压有限公司") in f.relations
    assert f.rel("中联星河股份有限公司", "cooperatesWith", "浙江合锐液压科技有限公司")


def test_results_and_operations_after_you() -> None:
    f = run("“苏盐稻12”由江苏省农业科学院粮食作物研究所历时九年选育而成。")
    assert ("江苏省农业科学院粮食作物研究所", "develops", "苏盐稻12") in f.relations
    f = run("“砂姜黑土区小麦节水稳产技术集成与示范”由安徽省农业科学院作物研究所完成。")
    assert ("安徽省农业科学院作物研究所", "develops", "砂姜黑土区小麦节水稳产技术集成与示范") in f.relations
    assert ("骁腾汽车工程研究院", "develops", "岚际S7") in run("岚际S7由骁腾汽车工程研究院主导开发。").relations


def test_you_with_something_else_done_states_nothing() -> None:
    assert not any(r[1] == "develops" for r in run("该会议由北京大学完成筹备。").relations)


def test_joint_development_of_a_quoted_product_after_its_description() -> None:
    f = run("目前，锐针医疗科技有限公司正与星海大学合作开发面向肝脏肿瘤消融治疗的第二代产品“锐针TR-500”。")
    assert ("锐针医疗科技有限公司", "develops", "锐针TR-500") in f.relations
    assert ("星海大学", "develops", "锐针TR-500") in f.relations


def test_development_verb_far_from_an_unquoted_thing_states_nothing() -> None:
    # (a product not named after the company: 锐针TR-500 would be its own by the brand rule)
    f = run("锐针医疗科技有限公司正在合作开发面向肝脏肿瘤消融治疗的多种新型产品，银刃TR-500已上市。")
    assert f.has("银刃TR-500")
    assert ("锐针医疗科技有限公司", "develops", "银刃TR-500") not in f.relations


def test_products_of_the_sentence_subject() -> None:
    f = run("深圳灵步机器人科技有限公司成立于2021年，总部位于深圳，主要产品为双足人形机器人“灵步W2”。")
    assert ("深圳灵步机器人科技有限公司", "develops", "灵步W2") in f.relations


def test_place_de_organisation() -> None:
    f = run("投资者包括新加坡的狮城资本及香港的凯岳投资集团有限公司。")
    assert ("凯岳投资集团有限公司", "locatedIn", "香港") in f.relations


def test_subject_headquarters_and_lead_in() -> None:
    f = run("三枝化学工业株式会社成立于1931年，全球总部位于日本大阪，是较早的企业。")
    assert ("三枝化学工业株式会社", "locatedIn", "大阪") in f.relations
    f = run("资料显示，苏州博安生物技术有限公司成立于2016年，位于苏州工业园区，专注于药物研发。")
    assert ("苏州博安生物技术有限公司", "locatedIn", "苏州工业园区") in f.relations
    assert ("星河集团", "locatedIn", "上海") in run("星河集团中国区总部设在上海。").relations


def test_lead_cooperates_with_its_partners() -> None:
    f = run("“城市燃气管网泄漏智能感知与预警系统”项目由合肥泽安安全技术有限公司牵头承担，安徽理工大学参与研究。")
    assert f.rel("合肥泽安安全技术有限公司", "cooperatesWith", "安徽理工大学")
    f = run("据悉，由星海大学机械学院牵头承担的项目已启动，联合南岭大学汽车学院、湖南星沙电机有限公司等单位共同实施。")
    assert f.rel("星海大学机械学院", "cooperatesWith", "湖南星沙电机有限公司")


def test_lead_and_a_participant_of_another_clause_do_not_cooperate() -> None:
    f = run("合肥泽安安全技术有限公司牵头制定标准；安徽理工大学参与了另一项目。")
    assert not f.rel("合肥泽安安全技术有限公司", "cooperatesWith", "安徽理工大学")


def test_contractor_of_a_quoted_facility_and_by_way_of_a_contract_form() -> None:
    f = run("其中，“黔云一号”智算中心由中国电信股份有限公司贵州分公司承建，部署服务器3000余台。")
    assert ("中国电信股份有限公司贵州分公司", "undertakes", "黔云一号") in f.relations
    f = run("中恒电建集团有限公司以EPC总承包方式中标承建中卫沙坡头200兆瓦农光互补光伏电站。")
    assert ("中恒电建集团有限公司", "undertakes", "中卫沙坡头200兆瓦农光互补光伏电站") in f.relations


def test_hosted_labs_are_part_of_their_host() -> None:
    f = run("依托星海大学建设的深海探测装备全国重点实验室发表论文。")
    assert ("深海探测装备全国重点实验室", "partOf", "星海大学") in f.relations
    f = run("此外，山东省海洋腐蚀与防护重点实验室今年获批挂靠在星海大学海洋研究所。")
    assert ("山东省海洋腐蚀与防护重点实验室", "partOf", "星海大学海洋研究所") in f.relations


def test_relying_on_an_advantage_hosts_nothing() -> None:
    f = run("依托星海大学的优势，南岭实验室发展迅速。")
    assert not any(r[1] == "partOf" for r in f.relations)


def test_unit_named_after_an_organisation_of_the_article() -> None:
    f = run("舟山东睿重工股份有限公司（以下简称“东睿重工”）再获订单。散货船采用东睿重工船舶设计研究院研发的设计。")
    unit = f.entity("东睿重工船舶设计研究院")
    assert unit is not None
    assert any(r[0] == "东睿重工船舶设计研究院" and r[1] == "partOf" for r in f.relations)


def test_subsidiary_with_an_alias_bracket_after_its_parent() -> None:
    f = run("淮安芯启微电子制造有限公司是上海芯启半导体集团股份有限公司（以下简称“芯启集团”）的全资子公司。")
    assert ("淮安芯启微电子制造有限公司", "partOf", "上海芯启半导体集团股份有限公司") in f.relations


def test_company_declared_as_gongsi_is_what_gongsi_means() -> None:
    f = run("北京知行优学教育科技股份有限公司（以下简称“知行优学”或“公司”）递交招股书。"
            "北京知行控股有限公司直接持有公司42.60%的股份，为控股股东。"
            "其中，项目的实施主体为公司全资子公司武汉知行优学智能科技有限公司。")
    assert ("北京知行控股有限公司", "invests", "北京知行优学教育科技股份有限公司") in f.relations
    assert ("武汉知行优学智能科技有限公司", "partOf", "北京知行优学教育科技股份有限公司") in f.relations
    assert ("武汉知行优学智能科技有限公司", "partOf", "北京知行控股有限公司") not in f.relations


def test_gai_xinpian_refers_to_the_product_just_named() -> None:
    f = run("南岭微电子有限公司近日发布图像芯片“岭光A3”。该芯片由公司与东江大学信息学院联合研发。")
    assert f.rel("东江大学信息学院", "develops", "岭光A3")
    assert f.rel("南岭微电子有限公司", "develops", "岭光A3")


def test_gai_xinpian_does_not_reach_a_project_of_another_kind_or_far_back() -> None:
    f = run("南岭市政府上线了“岭通办”政务服务平台。该芯片由东江大学信息学院联合研发。")
    assert not any(r[1] == "develops" and r[2] == "岭通办" and r[0] == "东江大学信息学院" for r in f.relations)
    g = run("南岭微电子有限公司近日发布图像芯片“岭光A3”。公司营收增长。公司利润增长。员工增加。"
            "该芯片由东江大学信息学院联合研发。")
    assert not g.rel("东江大学信息学院", "develops", "岭光A3")


def test_bare_xiangmu_opening_a_clause_is_the_works_named_before() -> None:
    f = run("嘉善新材料产业园三期项目近日开工，项目由南岭城投集团有限公司投资建设、东江建工集团有限公司承建。")
    assert f.rel("东江建工集团有限公司", "undertakes", "嘉善新材料产业园三期项目")
    assert f.rel("南岭城投集团有限公司", "develops", "嘉善新材料产业园三期项目")
    # each verb has its own agents: the investor does not build it
    assert not f.rel("南岭城投集团有限公司", "undertakes", "嘉善新材料产业园三期项目")
    # 投资 inside the longer verb 投资建设 does not take the next company as its object
    assert not f.rel("南岭城投集团有限公司", "invests", "东江建工集团有限公司")
    g = run("南岭城投集团有限公司投资了东江建工集团有限公司。")
    assert g.rel("南岭城投集团有限公司", "invests", "东江建工集团有限公司")


def test_bare_xiangmu_is_not_a_product() -> None:
    f = run("南岭教育科技有限公司推出学习机“岭学X1”。项目由东江建工集团有限公司承建。")
    assert not any(r[1] == "undertakes" for r in f.relations)


def test_product_named_by_the_company_brand_and_a_model_code() -> None:
    f = run("深圳岭光通讯技术有限公司（以下简称“岭光”）近日举行发布会。岭光Z9 Pro搭载了最新的影像系统。")
    assert f.rel("深圳岭光通讯技术有限公司", "develops", "岭光Z9 Pro")
    g = run("重庆澄溪汽车科技有限公司近日在重庆举行活动。澄溪M7的订单已超过一万台。")
    assert g.rel("重庆澄溪汽车科技有限公司", "develops", "澄溪M7")


def test_a_place_or_a_shared_brand_is_no_company_brand() -> None:
    f = run("南京市轨道交通集团有限公司（以下简称“南京地铁”）发布公告。南京地铁12号线三期工程今日开工。")
    assert not any(r[1] == "develops" for r in f.relations)
    g = run("深圳岭光通讯技术有限公司和上海岭光半导体有限公司都参加了展会。岭光Z9 Pro搭载了最新的影像系统。")
    assert not any(r[1] == "develops" and r[2] == "岭光Z9 Pro" for r in g.relations)


def test_a_lender_invests_in_the_borrower() -> None:
    f = run("南岭航运有限公司订造的两艘货船将由东江金融租赁有限公司提供约六成的建造融资。")
    assert f.rel("东江金融租赁有限公司", "invests", "南岭航运有限公司")
    g = run("东江金融租赁有限公司将为南岭航运有限公司提供10亿元融资租赁贷款。")
    assert g.rel("东江金融租赁有限公司", "invests", "南岭航运有限公司")


def test_credit_to_unnamed_firms_or_a_service_is_no_investment() -> None:
    f = run("东江银行股份有限公司今年为15家企业提供授信10亿元，南岭航运有限公司也参加了会议。")
    assert not any(r[1] == "invests" for r in f.relations)
    g = run("南岭航运有限公司与东江物流有限公司签约，东江物流有限公司提供仓储服务。")
    assert not any(r[1] == "invests" for r in g.relations)


def test_licensing_rights_is_an_agreement() -> None:
    f = run("南岭生物医药股份有限公司将候选药物NL-301的海外权益授予东江制药集团有限公司。")
    assert f.rel("南岭生物医药股份有限公司", "cooperatesWith", "东江制药集团有限公司")
    g = run("南岭生物医药股份有限公司授权东江制药集团有限公司在日本销售NL-301。")
    assert g.rel("南岭生物医药股份有限公司", "cooperatesWith", "东江制药集团有限公司")


def test_an_award_or_a_granted_patent_is_no_licence() -> None:
    f = run("湖州市科学技术局将一等奖授予南岭生物医药股份有限公司。")
    assert not any(r[1] == "cooperatesWith" for r in f.relations)
    g = run("南岭生物医药股份有限公司今年获授权发明专利12件，东江制药集团有限公司也参加了会议。")
    assert not any(r[1] == "cooperatesWith" for r in g.relations)


def test_quoted_project_with_its_kind_after_is_one_more_name() -> None:
    f = run("东江大学与南岭重工有限公司联合研制的“海燕”布放回收系统实现小批量生产。")
    e = f.entity("海燕")
    assert e is not None and "海燕布放回收系统" in e.aliases
    assert f.rel("南岭重工有限公司", "develops", "海燕布放回收系统")
    g = run("东江大学推出的“海燕”等三个系统实现小批量生产。")
    assert not any(n.startswith("海燕") and n != "海燕" for n in g.names)


def test_the_borrower_after_wei_is_no_lender() -> None:
    f = run("东江银行南岭分行日前为南岭精工机械有限公司提供了3亿元科技贷款。")
    assert f.rel("东江银行南岭分行", "invests", "南岭精工机械有限公司")
    assert not f.rel("南岭精工机械有限公司", "invests", "东江银行南岭分行")


def test_holder_of_gongsi_is_not_the_company_gongsi_means() -> None:
    f = run("北京星岭教育科技股份有限公司在深圳上市。股权结构方面，北京星岭控股有限公司（以下简称“星岭控股”）"
            "直接持有公司42.60%的股份，为控股股东。")
    assert f.rel("北京星岭控股有限公司", "invests", "北京星岭教育科技股份有限公司")
    # 某某投资有限公司: 投资 inside an unrecognised name is still no trigger
    g = run("北京星岭教育科技股份有限公司与杭州星岭投资有限公司均在杭州。")
    assert not any(r[1] == "invests" for r in g.relations)


def test_shareholders_listed_before_the_company_they_hold() -> None:
    f = run("北京星岭教育科技股份有限公司在深圳上市。此外，杭州东岭创业投资有限公司和南岭资本分别持股9.12%和6.30%，"
            "为公司第三、第四大股东。")
    assert f.rel("南岭资本", "invests", "北京星岭教育科技股份有限公司")
    assert f.rel("杭州东岭创业投资有限公司", "invests", "北京星岭教育科技股份有限公司")
    assert not f.rel("南岭资本", "invests", "杭州东岭创业投资有限公司")
    g = run("杭州东岭创业投资有限公司持股9.12%，南岭资本今年也有新动作。")
    assert not any(r[1] == "invests" for r in g.relations)


def test_funding_round_of_gongsi_after_a_time_word() -> None:
    f = run("浙江星岭能源科技股份有限公司在杭州成立。去年，公司完成12亿元C轮融资，由东岭科创基金领投，南岭资本、北辰投资跟投。")
    for investor in ("东岭科创基金", "南岭资本", "北辰投资"):
        assert f.rel(investor, "invests", "浙江星岭能源科技股份有限公司")
    g = run("浙江星岭能源科技股份有限公司在杭州成立。公司去年完成由杭州东岭创业投资有限公司领投的B轮融资。")
    assert g.rel("杭州东岭创业投资有限公司", "invests", "浙江星岭能源科技股份有限公司")
    h = run("浙江星岭能源科技股份有限公司在杭州成立。去年，公司完成技术升级，东岭科创基金也参与了评审。")
    assert not any(r[1] == "invests" for r in h.relations)


def test_first_shareholder_is_statement() -> None:
    f = run("浙江星岭能源科技股份有限公司的第一大股东是杭州东岭投资有限公司，持股比例31.4%。")
    assert f.rel("杭州东岭投资有限公司", "invests", "浙江星岭能源科技股份有限公司")
    g = run("浙江星岭能源科技股份有限公司的第一大客户是杭州东岭贸易有限公司。")
    assert not any(r[1] == "invests" for r in g.relations)


def test_gongjian_a_project_both_develop_it() -> None:
    f = run("贵州省大数据发展管理局与中国东岭通信集团贵州有限公司共建“岭数通”公共数据开放平台。")
    assert f.rel("贵州省大数据发展管理局", "develops", "岭数通")
    assert f.rel("中国东岭通信集团贵州有限公司", "develops", "岭数通")
    g = run("由东江大学与嘉兴市人民政府共建的嘉兴海洋装备中试基地投入使用。")
    assert g.rel("东江大学", "develops", "嘉兴海洋装备中试基地")
    assert g.rel("嘉兴市人民政府", "develops", "嘉兴海洋装备中试基地")


def test_gongjian_a_lab_develops_no_topic_inside_its_name() -> None:
    f = run("东江大学与南岭微电子有限公司共建硅光芯片联合实验室。")
    assert not any(r[1] == "develops" for r in f.relations)
    assert f.rel("东江大学", "cooperatesWith", "南岭微电子有限公司")


def test_jointly_designed_product() -> None:
    f = run("曜石C1由南岭通讯有限公司与东江半导体有限公司联合设计，负责夜景降噪。")
    assert f.rel("南岭通讯有限公司", "develops", "曜石C1")
    assert f.rel("东江半导体有限公司", "develops", "曜石C1")


def test_both_parties_build_what_follows_the_verb() -> None:
    f = run("南岭通讯有限公司与嘉兴市人民政府签署战略合作协议，双方将在嘉兴市南湖区共同建设“岭云智算中心”。")
    assert f.rel("南岭通讯有限公司", "develops", "岭云智算中心")
    assert f.rel("嘉兴市人民政府", "develops", "岭云智算中心")
    # a party named only in the sentence before is not taken for a builder
    g = run("南岭通讯有限公司召开发布会。嘉兴市人民政府表示，双方将共建“岭云智算中心”。")
    assert not g.rel("南岭通讯有限公司", "develops", "岭云智算中心")


def test_a_share_of_the_works_by_a_contractor() -> None:
    f = run("嘉善地铁5号线二期工程近日开工。据悉，工程设计由东江勘察设计院集团有限公司承担，工程监理由南岭监理有限公司负责。")
    assert f.rel("东江勘察设计院集团有限公司", "undertakes", "嘉善地铁5号线二期工程")
    assert not f.rel("南岭监理有限公司", "undertakes", "嘉善地铁5号线二期工程")
    g = run("嘉善新材料产业园三期项目近日开工。项目的EPC总承包由南岭建工集团有限公司承担。")
    assert g.rel("南岭建工集团有限公司", "undertakes", "嘉善新材料产业园三期项目")


def test_yiqi_xiangmu_is_a_phase_of_the_works_named_before() -> None:
    f = run("嘉善新材料产业园三期项目近日开工。记者了解到，南岭洁净工程有限公司承担一期项目的EPC工程总承包。")
    assert f.rel("南岭洁净工程有限公司", "undertakes", "嘉善新材料产业园三期项目")
    assert not f.has("一期项目")
    # inside a longer name it refers to nothing
    g = run("嘉善新材料产业园三期项目近日开工。南岭投资集团有限公司投资建设的东岭锂电产业园一期项目正式开工。")
    assert not any(r[1] == "develops" and r[2] == "嘉善新材料产业园三期项目" for r in g.relations)


def test_gai_suo_is_the_latest_institute_not_the_latest_lab() -> None:
    text = ("中国科学院东海海洋装备研究所发布年度报告。此外，浙江省海洋防护重点实验室今年获批挂靠在该所。"
            "该所与东江大学签署研究生联合培养协议。")
    f = run(text)
    assert f.rel("中国科学院东海海洋装备研究所", "cooperatesWith", "东江大学")
    assert not f.rel("浙江省海洋防护重点实验室", "cooperatesWith", "东江大学")
    g = run("中国科学院东海海洋装备研究所发布年度报告。浙江省海洋防护重点实验室今年成立。该实验室与东江大学签署协议。")
    assert g.rel("浙江省海洋防护重点实验室", "cooperatesWith", "东江大学")
    assert not g.rel("中国科学院东海海洋装备研究所", "cooperatesWith", "东江大学")


def test_consortium_members_cooperate_and_undertake_what_it_won() -> None:
    f = run("东江铁路集团有限公司与南岭电气化局集团有限公司组成的联合体中标嘉善地铁5号线二期工程，中标金额约38亿元。")
    assert f.rel("东江铁路集团有限公司", "cooperatesWith", "南岭电气化局集团有限公司")
    assert f.rel("东江铁路集团有限公司", "undertakes", "嘉善地铁5号线二期工程")
    assert f.rel("南岭电气化局集团有限公司", "undertakes", "嘉善地铁5号线二期工程")
    g = run("东江铁路集团有限公司组成项目部，南岭电气化局集团有限公司也参与其中。")
    assert not any(r[1] == "cooperatesWith" for r in g.relations)


def test_agents_after_you_acting_jointly_cooperate() -> None:
    f = run("这标志着由东江低空物流科技有限公司（以下简称“东江物流”）与南岭邮政集团有限公司嘉兴市分公司联合开通的无人机物流航线正式运营。")
    assert f.rel("东江低空物流科技有限公司", "cooperatesWith", "南岭邮政集团有限公司嘉兴市分公司")
    g = run("由东江低空物流科技有限公司与南岭邮政集团有限公司分别运营两条航线。")
    assert not any(r[1] == "cooperatesWith" for r in g.relations)


def test_a_supplier_and_its_largest_customer() -> None:
    f = run("南岭锂电科技控股有限公司的最大客户为美国电动车制造商东江汽车集团有限公司。")
    assert f.rel("南岭锂电科技控股有限公司", "cooperatesWith", "东江汽车集团有限公司")
    g = run("南岭锂电科技控股有限公司的收入主要来自东江汽车集团有限公司所在地区的客户。")
    assert not any(r[1] == "cooperatesWith" for r in g.relations)


def test_joint_venture_partners_hold_no_stake_in_each_other() -> None:
    f = run("东江精工股份有限公司与南岭传动（中国）投资有限公司签署合资协议。合资公司注册资本8亿元人民币，"
            "南岭传动（中国）投资有限公司持股60%，东江精工股份有限公司持股40%。")
    assert not any(r[1] == "invests" for r in f.relations)
    g = run("南岭锂电科技控股有限公司与韩国的东江化学株式会社各持股50%，在匈牙利合资兴建工厂。")
    assert not any(r[1] == "invests" for r in g.relations)
    h = run("南岭汽车科技有限公司成立于2024年，东江汽车集团有限公司持股比例为65%。")
    assert h.rel("东江汽车集团有限公司", "invests", "南岭汽车科技有限公司")


def test_product_described_as_made_by_the_company() -> None:
    f = run("天穹五号是南岭远航空间技术有限公司自主研制的中型液体运载火箭，全长46米。")
    assert f.rel("南岭远航空间技术有限公司", "develops", "天穹五号")
    assert not any(r[1] == "develops" and r[2] != "天穹五号" for r in f.relations)
    g = run("南岭远航空间技术有限公司自主研制的天穹五号运载火箭首飞成功。")
    assert any(r[0] == "南岭远航空间技术有限公司" and r[1] == "develops" for r in g.relations)


def test_self_made_product_after_its_kind_word() -> None:
    f = run("深圳南岭通讯技术有限公司（以下简称“南岭”）发布新机。处理器旁边是南岭自研的影像芯片“岭光C1”，这也是南岭首次搭载自研芯片。")
    assert f.rel("深圳南岭通讯技术有限公司", "develops", "岭光C1")
    # what the company made itself is the material; the quoted chip is another firm's
    g = run("深圳南岭通讯技术有限公司（以下简称“南岭”）发布新机。处理器旁边是南岭自研的散热材料，机身采用东江半导体有限公司的“岭光C1”。")
    assert not g.rel("深圳南岭通讯技术有限公司", "develops", "岭光C1")


def test_organisation_s_own_product_of_a_kind() -> None:
    f = run("主摄采用东江影像传感技术（苏州）有限公司的一英寸传感器DJ-900，长焦镜头模组由南岭光学股份有限公司供应。")
    assert f.rel("东江影像传感技术（苏州）有限公司", "develops", "DJ-900")
    g = run("南岭科技有限公司的客户包括东江汽车有限公司和“岭光C1”项目组。")
    assert not any(r[1] == "develops" for r in g.relations)


def test_bare_unit_or_company_before_a_title() -> None:
    f = run("东江大学智能交通实验室今年获批。实验室主任、研究员林雪介绍，这项工作历时四年。")
    assert f.rel("林雪", "affiliatedWith", "东江大学智能交通实验室")
    g = run("东江大学今年获批新项目。实验室主任林雪介绍，这项工作历时四年。")
    assert not any(r[1] == "affiliatedWith" for r in g.relations)
    h = run("南岭数智科技股份有限公司中标平台运维项目。公司总经理顾怡然表示，将派驻团队。")
    assert h.rel("顾怡然", "affiliatedWith", "南岭数智科技股份有限公司")


def test_phase_of_a_project_before_you() -> None:
    f = run("淮安12英寸晶圆制造项目一期由南岭集团有限公司和东江产业投资集团有限公司共同出资。")
    assert f.rel("南岭集团有限公司", "invests", "淮安12英寸晶圆制造项目")
    assert f.rel("东江产业投资集团有限公司", "invests", "淮安12英寸晶圆制造项目")
    g = run("淮安12英寸晶圆制造项目一期开工，资金由南岭集团有限公司和东江产业投资集团有限公司共同出资。")
    assert not any(r[1] == "invests" for r in g.relations)


def test_all_listed_companies_are_subsidiaries() -> None:
    f = run("东江电力有限公司和南岭电力有限公司均为国家能源集团有限公司的全资子公司。")
    assert f.rel("东江电力有限公司", "partOf", "国家能源集团有限公司")
    assert f.rel("南岭电力有限公司", "partOf", "国家能源集团有限公司")
    g = run("东江电力有限公司和南岭电力有限公司的股东为国家能源集团有限公司。")
    assert not any(r[1] == "partOf" for r in g.relations)


def test_located_at_for_each_project_of_a_list_with_kind_words() -> None:
    f = run("记者获悉，位于贵安新区的“岭云一号”智算中心和“岭云二号”智算中心日前同步投运。")
    assert f.rel("岭云一号", "locatedIn", "贵安新区")
    assert f.rel("岭云二号", "locatedIn", "贵安新区")
    g = run("位于贵安新区的“岭云一号”智算中心和南岭数据有限公司日前签约。")
    assert not any(r[1] == "locatedIn" and r[0] == "南岭数据有限公司" for r in g.relations)


def test_you_after_a_clause_about_the_project_the_sentence_opens_with() -> None:
    f = run("东江换流站是工程受端的核心枢纽，由南岭电力建设工程有限公司承建。")
    assert f.rel("南岭电力建设工程有限公司", "undertakes", "东江换流站")
    g = run("东江换流站今日投运，南岭电网有限公司表示，由南岭电力建设工程有限公司承建的线路也将完工。")
    assert not g.rel("南岭电力建设工程有限公司", "undertakes", "东江换流站")


def test_share_transfer_to_a_buyer() -> None:
    f = run("深圳市南岭精密科技股份有限公司公告，公司拟将所持控股子公司东莞南岭模具有限公司（以下简称“东莞南岭”）"
            "20%股权以6400万元的价格转让给广东东江投资集团有限公司（以下简称“东江投资”）。")
    assert f.rel("广东东江投资集团有限公司", "invests", "东莞南岭模具有限公司")
    g = run("南岭精密科技股份有限公司拟将闲置厂房转让给广东东江投资集团有限公司。")
    assert not any(r[1] == "invests" for r in g.relations)


def test_qi_before_a_quoted_product() -> None:
    f = run("据了解，北辰半导体有限公司成立于1998年，总部位于瑞典斯德哥尔摩，其“Aurora”系列产品已应用于欧洲多家车企。")
    assert f.rel("北辰半导体有限公司", "develops", "Aurora")
    g = run("北辰半导体有限公司表示，其“十四五”规划已完成。")
    assert not any(r[1] == "develops" for r in g.relations)


def test_gai_hang_is_the_branch_not_the_bank_inside_its_name() -> None:
    f = run("建行安徽省分行行长王磊表示，下一步，该行将联合南岭科创投资集团有限公司设立10亿元基金。")
    assert f.rel("建行安徽省分行", "cooperatesWith", "南岭科创投资集团有限公司")
    assert not f.rel("中国建设银行", "cooperatesWith", "南岭科创投资集团有限公司")


def test_product_is_the_result_of_joint_work_over_a_time_span() -> None:
    f = run("南岭智动科技有限公司发布新品。此次发布的岭枢平台，是南岭智动科技有限公司与东江大学控制学院历时两年联合研发的成果。")
    assert f.rel("南岭智动科技有限公司", "develops", "岭枢平台") or f.rel("南岭智动科技有限公司", "develops", "岭枢")
    assert any(r[0] == "东江大学控制学院" and r[1] == "develops" for r in f.relations)
    # 由 after a comma opens a relative clause about what follows 的, not the product before
    g = run("智能驾驶方面，南岭L7采用东江“岭程6P”芯片，由南岭汽车科技有限公司与东江机器人技术有限公司共同开发的“岭驰智驾”系统可支持领航辅助驾驶。")
    assert not g.rel("南岭汽车科技有限公司", "develops", "岭程6P")


def test_qi_weiyu_the_organisations_own_works() -> None:
    f = run("南岭汽车有限公司宣布，其位于上海临港新片区的上海超级工厂储能电池二期项目正式开工。")
    assert f.rel("南岭汽车有限公司", "develops", "上海超级工厂储能电池二期项目")
    g = run("南岭汽车有限公司宣布，位于上海临港新片区的上海超级工厂储能电池二期项目由东江建工集团有限公司承建。")
    assert not g.rel("南岭汽车有限公司", "develops", "上海超级工厂储能电池二期项目")
