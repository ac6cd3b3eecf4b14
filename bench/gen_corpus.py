"""Synthetic Chinese science/technology/industry news at any size, for scale benchmarks.

    python3 bench/gen_corpus.py --mb 100 --out DIR [--seed 1] [--format txt|jsonl]
                                [--per-file N] [--jobs N]

Writes about --mb megabytes (10^6 bytes of UTF-8 on disk, within half an article) of
news-like articles that no third party wrote, so that `kg build` can be measured at 1 MB,
100 MB or 1 GB without licensing or shipping anyone's text.  The same seed gives the same
bytes (whatever --jobs); another seed gives another corpus.  Articles are generated in
chunks and streamed to disk: memory stays flat whatever the size.  Progress goes to stderr.

Output
  --format txt (default)   DIR/00000/00000000.txt, one article per file, 1,000 files per
                           folder.  The first line is the title; kg reads a text file as one
                           document, so --per-file must stay 1.
  --format jsonl           DIR/corpus-00000.jsonl, --per-file articles per file (default
                           10,000, about 30 MB), one JSON object a line with the fields
                           kg's ingester reads: id, title, date (ISO), url, text.

What an article is made of
  Templates written for this tool (about 90 sentence templates, never real news text),
  filled with entities from kg's own data files (kg/data):
  - organisations: invented companies (region from regions.tsv + a two-character core from
    the character list below + an industry word + a legal suffix from org_suffixes.tsv:
    深圳市云帆智能科技有限公司, short form 云帆智能), their subsidiaries, investment firms,
    local government bodies (苏州市科学技术局, …高新区管委会), and the universities,
    institutes, hospitals, agencies and companies of organizations.tsv (name, then alias);
  - people: surnames.txt + given-name characters listed below, with titles from
    person_titles.txt that fit the organisation (董事长, 教授, 副局长 …);
  - products (星河X3芯片, 巡检机器人“灵犀一号”), projects (“…”项目, …超级工厂,
    地铁N号线) with heads from project_heads.tsv, documents 《…》 ending in a head of
    document_heads.txt, regions, zones and countries from the region files.
  Every relation the extractor knows is stated by several templates: cooperatesWith
  (X与Y签署战略合作协议), develops (X自主研发的Z, 由X和Y联合研发的Z), invests (领投, 收购,
  持股n%), partOf (全资子公司, 旗下, 隶属于), locatedIn (位于R的X, 总部位于R),
  undertakes (承担, 承建, 中标), publishes (发布《…》), affiliatedWith (X董事长张三);
  with neutral filler (figures, dates, quotes), titles, datelines (本报讯（记者 …）),
  以下简称“…”, coreference (该公司, 双方, short forms after the first mention), lists
  (X、Y和Z等企业) and, in about a quarter of the articles, web-page noise (full-width
  indents, 【字号 大 中 小】, share-button lines, 责任编辑： lines, extra blank lines).
  Each article (about 2.9 KB, 900-1,000 characters) has a small cast (3-8 organisations,
  1-3 people besides the reporter, a few places) that it refers to repeatedly.
  Organisations, people and places are drawn with Zipf-like (power-law, Lomax) popularity
  from an unbounded invented population, so the number of distinct entities grows
  sub-linearly with the corpus, as in real news: with seed 1, about 1,200 organisations
  and 700 people in 1 MB, 5,000 and 4,000 in 10 MB, 17,700 and 19,300 in 100 MB.
  The text is not gold data: it says what the templates state, but no annotations are
  written (kg eval needs hand-checked gold).

Benchmarking kg with it
    python3 bench/gen_corpus.py --mb 100 --out /tmp/gen100 --format jsonl
    python3 -m kg build /tmp/gen100 --out /tmp/gen100.ttl --no-html

Speed: about 25 MB/s per core (generation is CPU-bound; jsonl wrote 100 MB in 4.1 s on
the development VM while it was shared with other jobs).  --jobs N generates chunks in N
worker processes and the bytes do not change.  txt output is usually bound by the file
system's cost of creating one file per article (100 MB is about 36,000 files); use jsonl
when only extraction throughput matters.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
import zlib
from bisect import bisect
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "kg" / "data"

CHUNK = 64  # articles per chunk; a chunk's articles depend only on (seed, chunk index)
FILES_PER_DIR = 1000
M64 = (1 << 64) - 1

# ---------------------------------------------------------------------------------------
# Word lists written for this generator (no real names: cores and given names are
# combined at random).

# characters that make invented brand cores (云帆, 衡光, 澄峰 …)
CORE_CHARS = ("云帆星辰恒驰澄峰衡光瑞睿芯联创达信博远泰宏鼎盛源曦昊宇弘嘉凯腾越鸿翔骏锐铭启航"
              "蓝晨智微拓极朗卓致辰灵犀启明擎宸汇川迈驭舟晟烁熠璟琛珑钧铄霆臻越烨澜沛湃"
              "峻屹岳崇誉轩逸舜禹嵘翊煜晖旭昕曜珩玥琨瑜璞麟鲲鹏鹭隼骐骥")
# given-name characters (one or two follow the surname)
GIVEN_CHARS = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞刚英玉萍燕晓文辉建国宁立新志浩婷雪琳宇"
               "博晨轩凯佳欣思梦涵瑶俊鹏飞斌林岚慧颖鑫蕾昊哲睿彬亮振德春秋冰雯茜卫兵锋毅"
               "航泽楠璐蓉倩晶红洁莉琪嘉怡悦松柏达远威豪杨帆成荣晗皓铭")
# industry part of a company name: (words between core and suffix, short-form tail).
# The short form core+tail is one kg derives itself (industry words dropped).
INDUSTRIES = (
    ("智能科技", "智能"), ("电子科技", "电子"), ("信息技术", "信息"), ("数字科技", "数字"),
    ("精密科技", "精密"), ("新材料科技", "新材料"), ("网络科技", "网络"), ("数据科技", "数据"),
    ("软件技术", "软件"), ("生物医药科技", "生物医药"), ("新能源科技", "新能源"),
    ("半导体科技", "半导体"), ("机器人科技", "机器人"), ("光电科技", "光电"),
    ("储能科技", "储能"), ("医疗科技", "医疗"), ("航天科技", "航天"), ("智能装备科技", "智能装备"),
    ("微电子科技", "微电子"), ("量子科技", "量子"), ("环境科技", "环境"), ("动力科技", "动力"),
)
# legal suffixes (all in org_suffixes.tsv as strong Company suffixes), with weights
COMPANY_SUFFIXES = (("有限公司", 60), ("股份有限公司", 28), ("有限责任公司", 4), ("集团有限公司", 8))
FIELDS = ("人工智能", "新能源汽车", "集成电路", "生物医药", "量子科技", "商业航天", "低空经济",
          "工业互联网", "新型储能", "氢能", "新材料", "智能制造", "具身智能", "数字孪生", "光伏",
          "智慧医疗", "卫星互联网", "先进计算", "海洋装备", "智慧农业", "脑机接口", "合成生物",
          "算力网络", "车联网", "高端装备", "第三代半导体", "智能网联汽车", "医疗器械")
# product kinds: (head noun, Latin letter of a model name or "" for a Chinese brand name)
PRODUCT_KINDS = (("芯片", "X"), ("大模型", ""), ("机器人", ""), ("操作系统", ""), ("计算平台", ""),
                 ("卫星", ""), ("储能系统", ""), ("手机", "X"), ("模组", "M"), ("整车", "S"), ("芯片", "G"))
QUOTED_KINDS = ("巡检机器人", "工业机器人", "手术机器人", "智能座舱系统", "医学影像平台",
                "工业软件", "心磁图仪", "固态电池", "激光雷达", "低轨通信卫星", "国产大模型",
                "具身智能机器人", "农业无人机")
NUMERALS = "一二三四五六七八九十"
PROJECT_KINDS = ("产业园", "智能制造基地", "产业化基地", "中试基地", "生产基地", "总部基地")
PROJECT_TOPICS = ("高性能{f}关键技术研究", "{f}核心部件攻关", "面向{f}的新一代平台研制",
                  "{f}示范应用", "{f}产业化", "{f}共性技术平台建设")
# local documents: {P} is the issuer's province (a 厅) or city
DOC_FORMS = ("《{P}{f}产业发展行动方案（{y}—{y2}年）》", "《{P}关于加快{f}产业高质量发展的若干措施》",
             "《{P}{f}产业发展白皮书（{y}年）》", "《{y}年{P}{f}发展报告》", "《{P}支持{f}发展实施意见》",
             "《{P}{f}产业集群培育方案》", "《{P}{f}产业发展规划（{y}—{y2}年）》")
NATIONAL_DOCS = ("《关于加快{f}产业高质量发展的若干措施》", "《{f}产业创新发展指南》",
                 "《{f}标准体系建设指南（{y}版）》", "《{f}产业高质量发展行动计划（{y}—{y2}年）》")
ROUNDS = ("天使轮", "Pre-A轮", "A轮", "A+轮", "B轮", "B+轮", "C轮", "战略")
OUTLETS = ("本报", "科技日报", "经济日报", "中新网", "新华社", "人民网", "证券时报网", "澎湃新闻")
EVENTS = ("产业发展大会", "创新创业大赛", "产业博览会", "技术交流论坛", "产业合作峰会", "开发者大会")
COUNTRIES = ("德国", "日本", "新加坡", "法国", "巴西", "沙特阿拉伯", "泰国", "马来西亚", "印度尼西亚", "韩国")
# national bodies that do not issue industry documents in this generator's stories
NOT_ISSUERS = ("中国共产党", "中共", "中央", "全国", "最高", "国防", "国家安全", "公安", "外交", "司法", "民政",
               "退役", "国家民族", "国家监察", "国家信访", "国家机关", "中国人民政治", "国务院")
# cities put first in the popularity order (news names them most)
POPULAR_CITIES = ("北京", "上海", "深圳", "广州", "杭州", "苏州", "南京", "武汉", "成都", "合肥",
                  "西安", "重庆", "天津", "长沙", "青岛", "宁波", "无锡", "厦门", "郑州", "济南",
                  "东莞", "佛山", "常州", "福州", "沈阳", "大连", "昆明", "南昌", "长春", "哈尔滨",
                  "贵阳", "南宁", "石家庄", "太原", "兰州", "烟台", "珠海", "嘉兴", "绍兴", "温州")
QUOTES = (
    "我们将持续加大研发投入，把核心技术牢牢掌握在自己手中",
    "这次合作是产学研深度融合的一次有益探索",
    "市场需求非常旺盛，订单已经排到了明年",
    "希望通过开放合作，推动更多成果走出实验室",
    "技术路线已经验证，下一步的关键是把成本降下来",
    "我们看好这一赛道的长期价值，也愿意陪伴企业一起成长",
    "人才是第一资源，我们会为青年科研人员搭建更好的平台",
    "产品要经得起市场检验，质量是企业的生命线",
    "要把创新链、产业链、资金链、人才链深度融合起来",
    "目前主体厂房已经封顶，首条产线预计明年试产",
)
REMARKS = (
    "{f}正处于从技术验证走向规模化应用的关键阶段",
    "国内{f}产业链日趋完善，企业竞争正从单点技术转向系统能力",
    "{f}领域的国产化率仍然偏低，替代空间较大",
    "资本市场对{f}赛道的关注度持续升温",
    "{f}技术的成熟将带动上下游产业协同发展",
)

# ---------------------------------------------------------------------------------------
# Templates.  Slots: {A} main company, {B} partner company, {C} third company, {U} university
# or institute, {G} government body, {V} {W} investors, {S} subsidiary of A, {K} known
# company; {Aa} {Ua} the same in subject position (may become 该公司 / 该校 …);
# {hA} {hB} {hU} {hG} {hV} a person with title ("云帆智能董事长陈立新", later "陈立新");
# {P} {P2} products of A, {Q} product of U, {J} project of A, {JU} research project of U,
# {D} document of G, {DA} document of A, {L} a list of 2-3 more companies;
# {R} A's city (short), {RF} its full name, {RP} its province, {RZ} city + district,
# {Z} a zone, {N} a country, {f} {f2} fields, {date} {m} {y} {y2} {n} {n2} {money} {pct}
# {round} {event} {q} (a quote) {rm} (a remark) {rep} (a reporter's name).

T_COOP = (
    "{date}，{A}与{B}签署战略合作协议，双方将在{f}、{f2}等领域开展深度合作。",
    "{date}，{A}与{U}在{R}签约，双方将共建{f}联合实验室。",
    "{A}与{U}签订产学研合作协议，围绕{f}关键技术开展联合攻关。",
    "此前，{Aa}已与{B}达成合作，共同开拓{RP}及周边市场。",
    "{A}还与{B}、{C}等企业签署了供货协议，合同总金额约{money}。",
    "根据协议，{A}与{U}将携手推进{f}科技成果转化。",
    "{G}与{A}签订投资协议，{A}将在{RZ}建设{f}生产基地。",
    "{A}与{K}签约，双方将在{f}方向开展联合研发。",
    "仪式上，{U}与{B}还签署合作协议，双方将共建{f}中试基地。",
    "{A}与{B}牵手，在{Z}布局{f}算力中心。",
)
T_COOP_AFTER = (
    "双方表示，将以此次合作为契机，推动{f}产业链上下游协同发展。",
    "双方将发挥各自优势，在技术研发、人才培养、应用示范等方面深化合作。",
    "按照协议，双方每年将联合培养{n}名研究生。",
)
T_DEVELOP = (
    "{Aa}自主研发的{P}已在{R}实现量产。",
    "由{A}和{U}联合研发的{P}日前正式亮相。",
    "{date}，{A}在{R}举行发布会，正式推出{P}。",
    "{A}研制的{P}已通过第三方机构检测，各项指标达到国际先进水平。",
    "据介绍，{P}由{A}与{U}联合研发，可广泛应用于{f}等场景。",
    "{A}旗下的{P}累计出货量已突破{n}万台。",
    "目前，{Aa}已推出{P2}，服务客户超过{n}家。",
    "由{A}牵头，联合{U}、{C}共同攻关的{P}填补了国内空白。",
    "{U}研发的{Q}已在多家医院和企业投入使用。",
    "{A}的主要产品包括{P}、{P2}等，广泛应用于{f}领域。",
    "{B}打造的{P3}将于{y}年第四季度交付首批用户。",
)
T_INVEST = (
    "{date}，{A}宣布完成{money}{round}融资，本轮融资由{V}领投，{W}跟投。",
    "{V}此前已投资{A}。",
    "{A}拟以{money}收购{C}{pct}%股权。",
    "{A}宣布完成对{C}的收购，交易金额约{money}。",
    "交易完成后，{A}将由{V}持股{pct}%。",
    "{V}、{W}均为{A}的股东。",
    "{A}对{S}进行增资，增资完成后{S}注册资本将增至{money}。",
    "{A}以自有资金{money}参股{C}，双方将在{f}领域形成协同。",
    "{V}领投了{B}的{round}融资，资金将主要用于{f}产品研发。",
    "去年，{K}入股{A}，成为其重要战略股东。",
)
T_PART = (
    "{S}是{A}的全资子公司，主要负责{f}业务。",
    "{A}旗下的{S}位于{SZ}。",
    "{S}隶属于{A}，成立于{y0}年。",
    "{S}为{A}的控股子公司，{y}年营业收入约{money}。",
)
T_LOCATED = (
    "位于{RZ}的{A}是一家专注于{f}的高新技术企业。",
    "{A}总部位于{RF}，在{N}等地设有研发中心。",
    "{J}位于{RZ}，总投资{money}，建成后年产值预计超过{money}。",
    "在{RF}的{A}生产车间里，一台台{f}设备正在有序下线。",
    "{U}坐落于{R}，在{f}领域拥有多个国家级科研平台。",
    "{C}落户{RZ}，将建设{f}研发总部。",
)
T_UNDERTAKE = (
    "{A}承担的“{jn}”项目已通过验收。",
    "由{A}承建的{J}日前顺利完工。",
    "{A}中标{J}，中标金额约{money}。",
    "{U}牵头承担国家重点研发计划“{jn}”项目。",
    "由{A}与{U}联合承担的{JU}进展顺利，已完成{n}项关键技术验证。",
    "该项目由{C}承建，计划{y}年底前建成投用。",
)
T_PUBLISH = (
    "{date}，{G}印发{D}，提出到{y2}年全{ps}{f}产业规模突破{n}亿元。",
    "会上，{A}对外发布{DA}。",
    "{G}近日出台{D}，从资金、人才、场景等方面支持{f}企业发展。",
    "{U}发布的{DU}显示，{f}领域专利申请量同比增长{pct}%。",
    "{G}公布了{D}，{A}等{n}家企业入选。",
)
T_PERSON = (
    "{hA}表示，“{q}。”",
    "{hU}介绍，{rm}。",
    "{hG}在致辞中指出，{rm}。",
    "“{q}。”{hA}说。",
    "{hB}认为，{rm}。",
    "{hV}告诉记者，“{q}。”",
    "{hA}在接受记者采访时透露，公司计划于{y}年启动上市辅导。",
    "{A}成立于{y0}年，创始团队来自{U}，{hA}是{f}领域的资深专家。",
)
T_FILLER = (
    "据统计，{y}年{R}{f}产业规模达到{money}，同比增长{pct}%。",
    "截至{date}，{Aa}已累计申请专利{n}项，其中发明专利{n2}项。",
    "业内人士认为，{rm}。",
    "{date}，{y}{R}{event}在{RF}开幕。",
    "记者从{A}获悉，{P}已进入批量交付阶段。",
    "目前，该项目一期已建成投产，二期预计{y}年底完工。",
    "按照规划，到{y2}年，{R}{f}产业规模将突破{n}亿元。",
    "{R}已集聚{L}等{f}企业{n}余家。",
    "数据显示，今年前三季度，{RP}规模以上工业增加值同比增长{pct}%。",
    "该公司产品已出口至{N}等{n2}个国家和地区。",
    "截至{date}收盘，{A}报{pr}元/股，总市值约{money}。",
    "{R}将设立规模{n}亿元的{f}产业专项基金，支持企业从实验室走向市场。",
    "近年来，{RP}持续加大对{f}领域的支持力度，一批创新成果加速落地。",
    "本次活动吸引了{n}余家企业和机构参加。",
    "{L}等企业负责人参加了活动。",
)

# longer background sentences with few slots (news paragraphs are mostly such text)
T_BACKGROUND = (
    "近年来，随着{f}技术不断成熟、应用场景持续拓展，相关产业链上下游企业加快布局，从核心材料、关键零部件到系统集成，"
    "一条较为完整的产业链条正在形成，行业整体呈现出技术迭代加快、市场集中度提升的特点。",
    "从技术路线看，{f}领域目前仍处于多条路线并行发展的阶段，各家企业在性能、成本和可靠性之间寻找平衡，"
    "谁能率先实现规模化量产并形成稳定的客户群，谁就有望在下一轮竞争中占据主动。",
    "据了解，该项目总占地面积约{n}亩，规划建设研发楼、标准化厂房、检测中心及配套设施，项目全部达产后，"
    "预计可实现年产值{money}，新增就业岗位{n2}00余个，将进一步补齐当地{f}产业链的关键环节。",
    "记者在现场看到，宽敞明亮的生产车间内，自动化产线正在满负荷运转，机械臂有条不紊地完成上料、装配、检测等工序，"
    "每隔几十秒就有一台成品下线，工作人员通过大屏实时查看各个环节的运行数据。",
    "业内专家分析指出，{f}产业具有技术密集、资金密集、人才密集的特点，既需要长期稳定的研发投入，"
    "也需要开放的应用场景来验证和迭代技术，政府、企业、高校和金融机构应当形成合力。",
    "为了破解“卡脖子”难题，研发团队历时{n2}个月，先后开展了上百次试验，反复优化结构设计和工艺参数，"
    "最终将关键指标提升了{pct}%，同时把生产成本降低了三成以上，为后续的规模化应用打下了基础。",
    "从市场需求看，今年以来，下游客户对{f}相关产品的采购意愿明显增强，订单量较去年同期增长{pct}%，"
    "部分型号产品甚至出现供不应求的情况，企业正在通过新增产线、优化排产等方式提升交付能力。",
    "{RP}相关部门负责人表示，下一步将围绕{f}产业链部署创新链、围绕创新链布局产业链，"
    "在用地保障、人才引进、首台套应用、金融支持等方面出台更有针对性的政策举措，持续优化营商环境。",
    "值得注意的是，{f}行业在快速发展的同时也面临标准体系不完善、检测认证能力不足、高端人才短缺等问题，"
    "多位受访者建议，应加快制定行业标准，建设公共技术服务平台，推动形成良性竞争的市场秩序。",
    "据介绍，这一技术方案采用模块化设计，可根据不同应用场景灵活配置，已在能源、交通、制造等多个行业完成试点验证，"
    "用户反馈显示，设备运行稳定，故障率较传统方案下降{pct}%，运维效率显著提升。",
    "与此同时，当地还搭建了集研发设计、中试熟化、检验检测、知识产权服务于一体的公共服务平台，"
    "累计服务企业{n}余家次，帮助中小企业缩短新产品研发周期，降低创新成本。",
    "受访企业普遍认为，稳定的政策预期、完善的产业配套和充足的人才供给，是吸引项目落地的关键因素，"
    "而高效的政务服务让企业从签约到开工的时间缩短了一半以上。",
)

STORIES = (  # (title forms, lead pool, weights of the body pools)
    (("{As}与{Bs}签署战略合作协议", "{As}携手{Bs}布局{f}", "{Rs}企业与高校共建{f}实验室"),
     T_COOP, (4, 2, 1, 1, 1, 1, 1, 2, 3, 8)),
    (("{As}完成{tm}{round}融资", "{Vs}领投{As}", "{f}赛道再迎大额融资"),
     T_INVEST, (1, 1, 4, 1, 1, 1, 1, 2, 3, 8)),
    (("{As}发布{Ps}", "{As}新一代{f}产品亮相", "国产{f}取得新突破"),
     T_DEVELOP, (1, 4, 1, 1, 1, 1, 1, 2, 3, 8)),
    (("{Js}开工建设", "{Rs}{f}重大项目集中签约", "{As}{f}项目落地{Rs}"),
     T_UNDERTAKE, (1, 1, 1, 1, 2, 4, 1, 2, 3, 8)),
    (("{Rs}出台{f}产业新政", "{Gs}发布{f}产业发展行动方案", "{Rs}加快培育{f}产业集群"),
     T_PUBLISH, (1, 1, 1, 1, 2, 1, 4, 2, 3, 8)),
    (("{As}拟增资全资子公司", "{As}加码{f}业务", "{As}{y}年营收稳步增长"),
     T_PART, (1, 1, 2, 4, 1, 1, 1, 2, 3, 8)),
)
BODY_POOLS = (T_COOP, T_DEVELOP, T_INVEST, T_PART, T_LOCATED, T_UNDERTAKE, T_PUBLISH, T_PERSON, T_FILLER,
              T_BACKGROUND)

# ---------------------------------------------------------------------------------------
# Data files


def _rows(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield [c.strip() for c in line.rstrip("\n").split("\t")]


def _cum(weights):
    cum = list(accumulate(weights))
    return cum, cum[-1]


class Data:
    """Everything read from kg/data, with popularity tables."""

    def __init__(self) -> None:
        regions = list(_rows("regions.tsv"))
        self.province = {}  # code -> (name, short)
        for code, name, short, level, *_ in regions:
            if level == "Province":
                self.province[code] = (name, short or name)
        municipal = {"110000", "120000", "310000", "500000"}
        cities = []  # (full, short, province code, code)
        for code, name, short, level, parent, *_ in regions:
            if level == "City" and name.endswith("市"):
                cities.append((name, short or name[:-1], parent, code))
            elif code in municipal:
                cities.append((name, short, code, code))
        rank = {c: i for i, c in enumerate(POPULAR_CITIES)}
        cities.sort(key=lambda c: rank.get(c[1], len(rank)))  # stable: file order after the popular ones
        self.cities = cities
        districts: dict[str, list[str]] = {}
        for code, name, short, level, parent, *_ in regions:
            if level == "County" and name.endswith(("区", "县")) and len(name) >= 3:
                districts.setdefault(parent, []).append(name)
        self.districts = districts
        self.city_cum = _cum([1.0 / (i + 4) for i in range(len(cities))])
        # named zones (粤港澳大湾区, 雄安新区 …), not the customary regions (华南地区, 粤东)
        self.zones = [r[1] for r in _rows("region_zones.tsv")
                      if r[3] == "Zone" and not r[1].endswith("地区") and not r[1].startswith(("粤东", "粤西", "粤北"))]

        # organisations of the lexicon, by kind (name, short or "", type)
        self.known: dict[str, list[tuple[str, str, str]]] = {}
        for row in _rows("organizations.tsv"):
            row += [""] * (6 - len(row))
            name, typ, aliases, _region, _parent, flags = row[:6]
            if flags == "ambiguous":
                continue
            amb = set(flags.split("=", 1)[1].split("|")) if flags.startswith("ambiguous=") else set()
            if name in amb:
                continue
            shorts = [a for a in aliases.split("|") if a and a not in amb and not a.isascii() and len(a) >= 2]
            kind = {"University": "U", "ResearchInstitute": "U", "Laboratory": "U", "Hospital": "U",
                    "GovernmentAgency": "G", "Company": "K"}.get(typ)
            if kind == "G" and not (name.endswith(("部", "局", "委员会")) and not name.startswith(NOT_ISSUERS)):
                continue
            if kind:
                self.known.setdefault(kind, []).append((name, shorts[0] if shorts else "", typ))
        self.known_cum = {k: _cum([1.0 / (i + 5) for i in range(len(v))]) for k, v in self.known.items()}

        surnames = [r[0] for r in _rows("surnames.txt")]
        self.surnames = surnames
        self.surname_cum = _cum([1.0 / (i + 2) for i in range(len(surnames))])

        titles: dict[str, list[str]] = {}
        for row in _rows("person_titles.txt"):
            if len(row) >= 3 and row[1] == "yes" and row[0].isascii() is False:
                titles.setdefault(row[2], []).append(row[0])
        pick = lambda kind, *keep: [t for t in titles.get(kind, []) if t in keep] or titles.get(kind, [])
        self.titles = {
            "Company": pick("corporate", "董事长", "总经理", "总裁", "首席执行官", "副总裁", "首席技术官",
                            "董事会秘书", "创始人", "技术总监", "首席科学家"),
            "University": pick("academic", "教授", "副教授", "研究员", "校长", "副校长", "博士生导师", "首席科学家"),
            "ResearchInstitute": pick("institution", "院长", "副院长", "所长", "主任") + ["研究员", "首席科学家"],
            "Laboratory": ["主任", "副主任", "研究员", "首席科学家"],
            "Hospital": ["院长", "副院长", "主任医师", "副主任医师"],
        }
        # a government body's titles follow the head of its name
        self.agency_titles = (("管理委员会", ("主任", "副主任")), ("管委会", ("主任", "副主任")),
                              ("委员会", ("主任", "副主任", "新闻发言人")), ("政府", ("市长", "副市长", "新闻发言人")),
                              ("厅", ("厅长", "副厅长", "处长")), ("局", ("局长", "副局长", "处长")),
                              ("部", ("部长", "副部长", "司长", "新闻发言人")))
        project_heads = {r[0]: r[1] for r in _rows("project_heads.tsv")}
        # product kinds whose head kg knows (储能系统 ends in 系统); projects end in 超级工厂,
        # 数据中心集群, 号线 (checked here so that the generator follows the data file)
        self.product_kinds = [(h, latin) for h, latin in PRODUCT_KINDS if any(h.endswith(x) for x in project_heads)]
        missing = {"超级工厂", "数据中心集群", "号线"} - set(project_heads)
        if missing or len(self.product_kinds) < 5:
            raise SystemExit(f"gen_corpus: project_heads.tsv lacks heads the templates use: {sorted(missing)}")
        doc_heads = {r[0] for r in _rows("document_heads.txt")}
        self.doc_forms = [f for f in DOC_FORMS if any(f.rstrip("》").rsplit("（", 1)[0].endswith(h) for h in doc_heads)]
        # invented cores: pairs of distinct characters that are no place name
        places = set()
        for files in ("regions.tsv", "region_world.tsv", "region_zones.tsv", "region_hk_mo_tw.tsv"):
            for row in _rows(files):
                places.update(x for x in [row[1], row[2] if len(row) > 2 else ""] if x)
                if len(row) > 5:
                    places.update(a for a in row[5].split("|") if a)
        places.update(r[1] for r in _rows("region_aliases.tsv") if len(r) > 1)
        known_words = {n for v in self.known.values() for n, s, _ in v} | {s for v in self.known.values() for n, s, _ in v}
        chars = list(dict.fromkeys(CORE_CHARS))
        self.cores = [a + b for a in chars for b in chars
                      if a != b and a + b not in places and a + b not in known_words]
        self.given = list(dict.fromkeys(GIVEN_CHARS))
        self.n_cities = len(cities)


# ---------------------------------------------------------------------------------------
# The invented population: entity number k (a power-law rank) -> a name, fixed by (seed, k)


def _mix(x: int) -> int:
    """splitmix64 finaliser: a well-spread 64-bit hash of x."""
    x = (x + 0x9E3779B97F4A7C15) & M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


class Org:
    __slots__ = ("key", "full", "short", "type", "city", "h", "core")

    def __init__(self, key, full, short, typ, city, h, core=""):
        self.key, self.full, self.short, self.type, self.city, self.h = key, full, short, typ, city, h
        self.core = core


class Population:
    def __init__(self, data: Data, seed: int) -> None:
        self.d = data
        self.salt = _mix(seed * 7919 + 17)
        self.company = lru_cache(maxsize=1 << 16)(self._company)
        self.investor = lru_cache(maxsize=1 << 14)(self._investor)
        self.person = lru_cache(maxsize=1 << 16)(self._person)

    def _h(self, kind: int, k: int) -> int:
        return _mix(self.salt ^ (kind << 56) ^ k)

    def city_of(self, h: int):
        cum, total = self.d.city_cum
        return self.d.cities[min(bisect(cum, (h & 0xFFFFFFFF) / 4294967296.0 * total), self.d.n_cities - 1)]

    def _company(self, k: int) -> Org:
        h = self._h(1, k)
        d = self.d
        city = self.city_of(h)
        h2 = h >> 32
        core = d.cores[h2 % len(d.cores)]
        h2 //= len(d.cores)
        ind, tail = INDUSTRIES[h2 % len(INDUSTRIES)]
        h2 //= len(INDUSTRIES)
        w = h2 % 100
        h2 //= 100
        suffix = "有限公司" if w < 60 else "股份有限公司" if w < 88 else "有限责任公司" if w < 92 else "集团有限公司"
        form = h2 % 10
        if suffix == "集团有限公司":
            body, short = core, core + "集团"
        else:
            body, short = core + ind, core + tail
        if form < 5:
            full = city[0] + body + suffix
        elif form < 8:
            full = city[1] + body + suffix
        elif form < 9 and suffix != "集团有限公司":
            full = f"{body}（{city[1]}）{suffix}"
        else:
            full = body + suffix
        return Org(("c", k), full, short, "Company", city, h, core)

    def subsidiary(self, parent: Org, j: int) -> Org:
        h = _mix(parent.h ^ (0x5B << 48) ^ j)
        city = self.city_of(h)
        core = parent.core or self.d.cores[(h >> 8) % len(self.d.cores)]
        ind, _tail = INDUSTRIES[(h >> 33) % len(INDUSTRIES)]
        return Org(("s", parent.key, j), f"{city[1]}{core}{ind}有限公司", f"{city[1]}{core}", "Company", city, h, core)

    def _investor(self, k: int) -> Org:
        h = self._h(2, k)
        city = self.city_of(h)
        core = self.d.cores[(h >> 32) % len(self.d.cores)]
        form = (h >> 60) % 3
        if form == 0:
            return Org(("v", k), f"{city[0]}{core}创业投资有限公司", f"{core}创投", "Company", city, h)
        if form == 1:
            return Org(("v", k), f"{city[1]}{core}资本管理有限公司", f"{core}资本", "Company", city, h)
        return Org(("v", k), f"{city[1]}{core}产业投资基金有限公司", f"{core}基金", "Company", city, h)

    def institute(self, k: int) -> Org:
        h = self._h(3, k)
        city = self.city_of(h)
        core = self.d.cores[(h >> 32) % len(self.d.cores)]
        f = FIELDS[(h >> 50) % len(FIELDS)]
        if (h >> 60) % 2:
            return Org(("i", k), f"{city[1]}{core}{f}研究院", f"{core}研究院", "ResearchInstitute", city, h)
        return Org(("i", k), f"{core}实验室", "", "Laboratory", city, h)

    def agency(self, city, h: int) -> Org:
        form = h % 8
        prov = self.d.province.get(city[2], (city[0], city[1]))
        if form == 0:
            full, short = f"{city[0]}科学技术局", f"{city[1]}市科技局"
        elif form == 1:
            full, short = f"{city[0]}工业和信息化局", f"{city[1]}市工信局"
        elif form == 2:
            full, short = f"{city[0]}发展和改革委员会", f"{city[1]}市发改委"
        elif form == 3 and prov[0] != city[0]:
            full, short = f"{prov[0]}科学技术厅", f"{prov[1]}省科技厅"
        elif form == 4 and prov[0] != city[0]:
            full, short = f"{prov[0]}工业和信息化厅", f"{prov[1]}省工信厅"
        elif form == 5:
            full, short = f"{city[1]}高新技术产业开发区管理委员会", f"{city[1]}高新区管委会"
        else:
            full, short = f"{city[0]}人民政府", f"{city[1]}市政府"
        if not short.startswith(prov[1]) and not short.startswith(city[1]):
            short = ""
        return Org(("g", full), full, short, "GovernmentAgency", city, h)

    def known(self, kind: str, u: float) -> Org:
        cum, total = self.d.known_cum[kind]
        rows = self.d.known[kind]
        name, short, typ = rows[min(bisect(cum, u * total), len(rows) - 1)]
        return Org(("k", name), name, short, typ, None, _mix(zlib.crc32(name.encode("utf-8")) ^ self.salt))

    def reporter(self, u: float) -> str:
        """A journalist from a pool of a few thousand (power-law: some write a lot)."""
        return self.person(self._h(4, int(20.0 * ((1.0 - u) ** -1.25 - 1.0)) % 5000))

    def _person(self, h: int) -> str:
        d = self.d
        cum, total = d.surname_cum
        s = d.surnames[min(bisect(cum, (h & 0xFFFFFFFF) / 4294967296.0 * total), len(d.surnames) - 1)]
        g = d.given
        h >>= 32
        if h % 5 == 0 and len(s) == 1:
            return s + g[(h >> 3) % len(g)]
        a, b = g[(h >> 3) % len(g)], g[(h >> 13) % len(g)]
        return s + a + (b if b != a else g[(h >> 23) % len(g)])

    def product(self, org: Org, j: int):
        """(first mention, later mention) of product j of an organisation."""
        h = _mix(org.h ^ (0x77 << 48) ^ j)
        d = self.d
        brand = d.cores[(h >> 8) % len(d.cores)]
        form = h % 3
        if form == 0:
            kind, latin = d.product_kinds[(h >> 40) % len(d.product_kinds)]
            if latin:
                model = f"{brand}{latin}{(h >> 30) % 9 + 1}"
                return model + kind, model
            return brand + kind, brand + kind
        kind = QUOTED_KINDS[(h >> 40) % len(QUOTED_KINDS)]
        name = brand + (NUMERALS[(h >> 30) % 3] + "号" if form == 1 else "")
        if form == 2:
            name = f"{brand}-{(h >> 30) % 90 + 10}"
        return f"{kind}“{name}”", f"“{name}”"

    def project(self, org: Org, j: int):
        h = _mix(org.h ^ (0x99 << 48) ^ j)
        city = org.city or self.city_of(h)
        core = self.d.cores[(h >> 8) % len(self.d.cores)]
        form = h % 4
        if org.type != "Company":  # a research project
            name = PROJECT_TOPICS[(h >> 40) % len(PROJECT_TOPICS)].format(f=FIELDS[(h >> 20) % len(FIELDS)])
            return f"“{name}”项目", f"“{name}”项目"
        if form == 0:
            name = f"{city[1]}{core}{PROJECT_KINDS[(h >> 40) % len(PROJECT_KINDS)]}"
            return f"“{name}”项目", f"“{name}”项目"
        if form == 1:
            name = f"{city[1]}{core}{FIELDS[(h >> 40) % len(FIELDS)]}超级工厂"
            return name, name
        if form == 2:
            name = f"{city[1]}地铁{(h >> 40) % 20 + 1}号线{NUMERALS[(h >> 50) % 3]}期工程"
            return name, name
        name = f"{city[1]}{core}数据中心集群"
        return name, name


# ---------------------------------------------------------------------------------------
# One article


_SLOT = re.compile(r"\{(\w+)\}")


def _compile(template: str):
    """'{A}与{B}签署…' -> a function of an Article returning the sentence (slot functions
    called left to right, so first mentions come first)."""
    ns: dict = {}
    parts, pos = [], 0
    for i, m in enumerate(_SLOT.finditer(template)):
        ns[f"L{i}"], ns[f"S{i}"] = template[pos:m.start()], SLOTS[m.group(1)]
        parts.append(f"{{L{i}}}{{S{i}(a)}}")
        pos = m.end()
    ns["END"] = template[pos:]
    exec(f"def render(a):\n    return f'{''.join(parts)}{{END}}'", ns)  # noqa: S102 - our own templates
    fn = ns["render"]
    fn.template = template
    return fn


def _pool(templates):
    return tuple(_compile(t) for t in templates)


ANAPHOR = {"Company": "该公司", "University": "该校", "ResearchInstitute": "该院", "Hospital": "该院",
           "Laboratory": "该实验室", "GovernmentAgency": ""}


class Article:
    """The state of one article while its sentences are written: cast, who was named."""

    def __init__(self, pop: Population, rng: random.Random, date: tuple[int, int, int]) -> None:
        self.pop = pop
        self.r = rng.random
        self.rng = rng
        self.y, self.mo, self.dd = date
        self.cast: dict[str, Org] = {}
        self.keys: set = set()
        self.m0: str | None = None
        self.named: set = set()
        self.people: dict = {}
        self.products: dict = {}
        self.last: Org | None = None
        self.f1 = FIELDS[int(self.r() * len(FIELDS))]

    # -- drawing the cast
    def _rank(self, scale: float, alpha: float) -> int:
        # Lomax (Pareto II) ranks: P(k) ~ (k + scale)^-alpha, unbounded
        return int(scale * ((1.0 - self.r()) ** (-1.0 / (alpha - 1.0)) - 1.0))

    def _company(self, known: float = 0.0) -> Org:
        if known and self.r() < known:
            return self.pop.known("K", self.r())
        return self.pop.company(self._rank(30.0, 1.6))

    def role(self, k: str) -> Org:
        org = self.cast.get(k)
        if org is not None:
            return org
        pop, r = self.pop, self.r
        for _ in range(4):
            if k == "A":
                org = self._company(0.08)
            elif k == "B":
                org = self._company(0.1) if r() < 0.7 else self.role_u()
            elif k == "C":
                org = self._company()
            elif k == "U":
                org = self.role_u()
            elif k == "K":
                org = pop.known("K", r())
            elif k in ("V", "W"):
                org = pop.investor(self._rank(20.0, 1.8))
            elif k == "S":
                a = self.role("A")
                org = pop.subsidiary(a, int(r() * 3))
            elif k == "G":
                if r() < 0.25:
                    org = pop.known("G", r())
                else:
                    a = self.role("A")
                    city = a.city or pop.city_of(_mix(int(r() * 1e9)))
                    org = pop.agency(city, int(r() * 1e9))
            if org.key not in self.keys:
                break
        self.keys.add(org.key)
        self.cast[k] = org
        return org

    def role_u(self) -> Org:
        if self.r() < 0.7:
            return self.pop.known("U", self.r())
        return self.pop.institute(self._rank(20.0, 1.8))

    # -- mentions
    def name(self, org: Org) -> str:
        self.last = org
        if org.key not in self.named:
            self.named.add(org.key)
            if org.short and self.r() < 0.45:
                return f"{org.full}（以下简称“{org.short}”）"
            return org.full
        if org.short and self.r() < 0.85:
            return org.short
        return org.full

    def subject(self, org: Org) -> str:
        if org.key in self.named and self.last is org and self.r() < 0.4:
            word = ANAPHOR.get(org.type, "")
            if word:
                return word
        return self.name(org)

    def person(self, k: str) -> str:
        org = self.role(k)
        got = self.people.get(org.key)
        if got is not None:
            self.last = org
            return got
        if len(self.people) >= 3:  # at most three people an article
            return self.name(org) + "相关负责人"
        titles = self.pop.d.titles.get(org.type)
        if titles is None:
            titles = self.pop.d.titles["Company"]
            if org.type == "GovernmentAgency":
                titles = next((t for head, t in self.pop.d.agency_titles if org.full.endswith(head)), ("负责人",))
        ti = int(self.r() * len(titles))
        who = self.pop.person(_mix(org.h ^ (ti << 40) ^ 0xABC))
        self.people[org.key] = who
        return self.name(org) + titles[ti] + who

    def product(self, j: int, k: str = "A") -> str:
        org = self.role(k)
        key = (org.key, j)
        p = self.products.get(key)
        if p is None:
            self.products[key] = p = self.pop.product(org, j)
            return p[0]
        return p[1] if self.r() < 0.7 else p[0]

    def project(self, k: str = "A") -> str:
        org = self.role(k)
        key = (org.key, "J")
        p = self.products.get(key)
        if p is None:
            self.products[key] = p = self.pop.project(org, int(self.r() * 3))
            return p[0]
        return p[1]

    def rnum(self, lo: int, hi: int) -> int:
        return lo + int(self.r() * (hi - lo))

    def money(self) -> str:
        r = self.r()
        if r < 0.6:
            m = f"{self.rnum(11, 99) / 10:.1f}亿元".replace(".0亿", "亿")
        elif r < 0.9:
            m = f"{self.rnum(500, 9900)}万元"
        else:
            m = f"{self.rnum(10, 300)}亿元"
        if self.m0 is None:
            self.m0 = m
        return m

    def date(self) -> str:
        r = self.r()
        if r < 0.5:
            return f"{self.mo}月{self.dd}日"
        if r < 0.75:
            return ("日前", "近日", "记者获悉", "此前")[int(self.r() * 4)]
        return f"{self.mo}月{max(1, self.dd - 1 - int(self.r() * 5))}日"

    def city(self):
        a = self.role("A")
        if a.city is None:
            a.city = self.pop.city_of(a.h)
        return a.city

    def district(self, k: str = "A") -> str:
        org = self.role(k)
        c = self.city() if k == "A" else (org.city or self.city())
        ds = self.pop.d.districts.get(c[3])
        if not ds:
            return c[0]
        return c[0] + ds[(org.h >> 20) % len(ds)]

    def listing(self) -> str:
        """X、Y和Z: two or three companies, those of the cast first when it is already large."""
        n = 2 + int(self.r() * 2)
        names: list[str] = []
        keys = set()
        if len(self.named) >= 5:
            for org in self.cast.values():
                if org.type == "Company" and org.key in self.named and org.key not in keys and len(names) < n:
                    keys.add(org.key)
                    names.append(org.short or org.full)
        while len(names) < n:
            org = self.pop.company(self._rank(30.0, 1.6))
            if org.key in keys:
                continue
            keys.add(org.key)
            if org.key in self.named:
                names.append(org.short)
            else:
                self.named.add(org.key)
                names.append(org.full if self.r() < 0.6 else org.short)
        return "、".join(names[:-1]) + "和" + names[-1]


def _doc(a: Article, org_key: str) -> str:
    """The document an organisation of the cast issues (one per article)."""
    org = a.role(org_key)
    key = (org.key, "D")
    got = a.products.get(key)
    if got is None:
        y2 = a.y + 2 + int(a.r() * 3)
        if org_key == "A":
            got = f"《{a.y}{a.f1}产业发展白皮书》"
        elif org_key != "G":
            got = f"《{a.f1}技术发展报告（{a.y}）》"
        elif org.key[0] == "k":  # a ministry or national bureau
            got = NATIONAL_DOCS[int(a.r() * len(NATIONAL_DOCS))].format(f=a.f1, y=a.y, y2=y2)
        else:
            c = org.city or a.city()
            prov = a.pop.d.province.get(c[2], (c[0], c[1]))
            forms = a.pop.d.doc_forms
            got = forms[int(a.r() * len(forms))].format(P=prov[0] if org.full.endswith("厅") else c[0], C=c[0],
                                                       f=a.f1, y=a.y, y2=y2)
        a.products[key] = got
    return got


def _field2(a: Article) -> str:
    f = FIELDS[int(a.r() * len(FIELDS))]
    return f if f != a.f1 else FIELDS[(FIELDS.index(f) + 1) % len(FIELDS)]


SLOTS = {
    "A": lambda a: a.name(a.role("A")), "B": lambda a: a.name(a.role("B")),
    "C": lambda a: a.name(a.role("C")), "U": lambda a: a.name(a.role("U")),
    "G": lambda a: a.name(a.role("G")), "V": lambda a: a.name(a.role("V")),
    "W": lambda a: a.name(a.role("W")), "S": lambda a: a.name(a.role("S")),
    "K": lambda a: a.name(a.role("K")),
    "Aa": lambda a: a.subject(a.role("A")), "Ua": lambda a: a.subject(a.role("U")),
    "As": lambda a: a.role("A").short or a.role("A").full, "Bs": lambda a: a.role("B").short or a.role("B").full,
    "Vs": lambda a: a.role("V").short, "Gs": lambda a: a.role("G").short or a.role("G").full,
    "hA": lambda a: a.person("A"), "hB": lambda a: a.person("B"), "hU": lambda a: a.person("U"),
    "hG": lambda a: a.person("G"), "hV": lambda a: a.person("V"),
    "P": lambda a: a.product(0), "P2": lambda a: a.product(1), "P3": lambda a: a.product(0, "B"),
    "Ps": lambda a: a.pop.product(a.role("A"), 0)[1].strip("“”"),
    "Q": lambda a: a.product(0, "U"),
    "J": lambda a: a.project(), "JU": lambda a: a.project("U"),
    "Js": lambda a: a.pop.project(a.role("A"), 0)[1].replace("“", "").replace("”", ""),
    "jn": lambda a: PROJECT_TOPICS[int(a.r() * len(PROJECT_TOPICS))].format(f=a.f1),
    "D": lambda a: _doc(a, "G"), "DA": lambda a: _doc(a, "A"), "DU": lambda a: _doc(a, "U"),
    "L": lambda a: a.listing(),
    "R": lambda a: a.city()[1], "Rs": lambda a: a.city()[1], "RF": lambda a: a.city()[0],
    "RP": lambda a: a.pop.d.province.get(a.city()[2], a.city()[:2])[0],
    "ps": lambda a: "国" if a.role("G").key[0] == "k" else "省" if a.role("G").full.endswith("厅") else "市",
    "RZ": lambda a: a.district(), "SZ": lambda a: a.district("S"),
    "Z": lambda a: a.pop.d.zones[int(a.r() ** 2 * len(a.pop.d.zones))],
    "N": lambda a: COUNTRIES[int(a.r() * len(COUNTRIES))],
    "f": lambda a: a.f1, "f2": _field2,
    "date": lambda a: a.date(), "y": lambda a: str(a.y), "y0": lambda a: str(a.y - 3 - int(a.r() * 15)),
    "y2": lambda a: str(a.y + 2 + int(a.r() * 4)),
    "n": lambda a: str(a.rnum(12, 300)), "n2": lambda a: str(a.rnum(2, 60)),
    "pct": lambda a: f"{a.rnum(5, 700) / 10:.1f}".removesuffix(".0"),
    "pr": lambda a: f"{a.rnum(500, 20000) / 100:.2f}",
    "money": lambda a: a.money(), "tm": lambda a: a.m0 or a.money(), "round": lambda a: ROUNDS[int(a.r() * len(ROUNDS))],
    "event": lambda a: a.f1 + EVENTS[int(a.r() * len(EVENTS))],
    "q": lambda a: QUOTES[int(a.r() * len(QUOTES))],
    "rm": lambda a: REMARKS[int(a.r() * len(REMARKS))].format(f=a.f1),
    "m": lambda a: str(a.mo),
}


# an article opens with a sentence that names its subject (not 此前 / 根据协议 / 仪式上 …)
LEAD_OPENINGS = ("{date}", "{A}", "{G}", "{V}", "{U}", "{S}", "由", "位于")
C_POOLS = tuple(_pool(p) for p in BODY_POOLS)
C_COOP_AFTER = _pool(T_COOP_AFTER)
C_COOP = frozenset(C_POOLS[0])


def _story(titles, lead, weights):
    """(titles, lead templates, body templates, their cumulative weights, total): a body
    template's weight is its pool's weight shared among the pool's templates."""
    body, w = [], []
    for pool, weight in zip(C_POOLS, weights):
        body += pool
        w += [weight / len(pool)] * len(pool)
    cum, total = _cum(w)
    return _pool(titles), _pool([t for t in lead if t.startswith(LEAD_OPENINGS)]), tuple(body), cum, total


C_STORIES = tuple(_story(*story) for story in STORIES)
C_QUOTE = _compile("{hA}表示，“{q}。”")
C_GUESTS = _compile("{L}等企业负责人参加了活动。")

NOISE_TOP = ("首页 > 科技 > 正文", "当前位置：首页 > 产业 > 正文", "首页 | 要闻 | 科创 | 产业 | 财经 | 视频")
NOISE_SHARE = ("分享到：　微信　　微博　　QQ空间", "分享到：", "【字号 大 中 小】　【打印】　【关闭】", "【字号 大 中 小】")


def make_article(pop: Population, rng: random.Random, index: int, seed: int) -> dict:
    """One article: {'id', 'title', 'date', 'url', 'text'} (text without the title)."""
    r = rng.random
    y = 2022 + int(r() * 4)
    mo = 1 + int(r() * 12)
    dd = 1 + int(r() * 28)
    a = Article(pop, rng, (y, mo, dd))
    titles, lead, body, cum, total = C_STORIES[int(r() * len(C_STORIES))]
    paras: list[str] = []
    # the lead paragraph names the cast in full
    title_tpl = titles[int(r() * len(titles))]
    tpl = lead[int(r() * len(lead))]
    sents = [tpl(a)]
    if tpl in C_COOP and r() < 0.7:
        sents.append(C_COOP_AFTER[int(r() * len(C_COOP_AFTER))](a))
    paras.append("".join(sents))
    used = {tpl}
    for _ in range(4 + int(r() * 5)):
        sents = []
        for _ in range(1 + int(r() * 4)):
            tpl = body[bisect(cum, r() * total)]
            if tpl in used:  # a template at most once an article, mostly
                tpl = body[bisect(cum, r() * total)]
            used.add(tpl)
            sents.append(tpl(a))
            if tpl in C_COOP and r() < 0.5:
                sents.append(C_COOP_AFTER[int(r() * len(C_COOP_AFTER))](a))
        paras.append("".join(sents))
    # every article quotes someone and names at least three organisations
    if not a.people:
        paras[-1] += C_QUOTE(a)
    if len(a.named) < 3:
        paras[-1] += C_GUESTS(a)
    title = title_tpl(a)
    # dateline
    who = pop.reporter(r())
    outlet = OUTLETS[int(r() * len(OUTLETS))]
    k = int(r() * 4)
    if outlet in ("中新网", "新华社"):
        line = f"{outlet}{a.city()[1]}{mo}月{dd}日电（记者 {who}）"
    elif k == 0:
        paras.insert(0, f"◎本报记者 {who}")
        line = ""
    elif k == 1:
        line = f"{outlet}讯（记者 {who} 通讯员 {pop.reporter(r())}）"
    else:
        line = f"{outlet}讯（记者 {who}）"
    lead_i = 1 if paras[0].startswith("◎") else 0
    paras[lead_i] = line + paras[lead_i]
    noisy = r() < 0.25
    if noisy:
        paras = ["　　" + p for p in paras]
        paras.insert(0, NOISE_SHARE[int(r() * len(NOISE_SHARE))])
        paras.insert(0, f"{y}-{mo:02d}-{dd:02d} {8 + int(r() * 12):02d}:{int(r() * 60):02d}　来源：{outlet}　作者：{who}")
        if r() < 0.5:
            paras.insert(0, NOISE_TOP[int(r() * len(NOISE_TOP))])
        paras.append("　")
        paras.append(NOISE_SHARE[int(r() * 2)])
        paras.append(f"责任编辑：{pop.reporter(r())}")
        sep = "\n\n" if r() < 0.5 else "\n"
    else:
        if r() < 0.2:
            paras.append("（完）")
        sep = "\n\n" if r() < 0.7 else "\n"
    text = sep.join(paras)
    return {
        "id": f"gen{seed}-{index:08d}",
        "title": title,
        "date": f"{y}-{mo:02d}-{dd:02d}",
        "url": f"https://news.example.com/{y}/{mo:02d}{dd:02d}/{index:08d}.html",
        "text": text,
    }


# ---------------------------------------------------------------------------------------
# Chunks, workers, writing

_STATE: dict = {}


def _init(seed: int) -> None:
    if _STATE.get("seed") != seed:
        _STATE["seed"] = seed
        _STATE["pop"] = Population(_STATE.get("data") or Data(), seed)
        _STATE["data"] = _STATE["pop"].d


def make_chunk(args: tuple[int, int, str]) -> list[bytes]:
    """The encoded records of chunk number c (each record is one file's or one line's bytes)."""
    seed, c, fmt = args
    _init(seed)
    pop = _STATE["pop"]
    rng = random.Random(f"kg-gen:{seed}:{c}")
    out = []
    dumps = json.dumps
    for i in range(c * CHUNK, (c + 1) * CHUNK):
        art = make_article(pop, rng, i, seed)
        if fmt == "jsonl":
            out.append((dumps(art, ensure_ascii=False) + "\n").encode("utf-8"))
        else:
            out.append((art["title"] + "\n\n" + art["text"] + "\n").encode("utf-8"))
    return out


def _chunks(seed: int, fmt: str, jobs: int):
    """Chunks 0, 1, 2 … in order, made here or by `jobs` worker processes (a bounded window of
    chunks ahead, so stopping early wastes little and memory stays flat)."""
    if jobs <= 1:
        c = 0
        while True:
            yield make_chunk((seed, c, fmt))
            c += 1
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    # a process pool that fails loudly: a worker that dies (a fork taken while another thread
    # held a lock, say) raises BrokenProcessPool instead of leaving its chunk waited for
    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init, initargs=(seed,)) as pool:
        window: deque = deque()
        c = 0
        try:
            while True:
                while len(window) < 2 * jobs:
                    window.append(pool.submit(make_chunk, (seed, c, fmt)))
                    c += 1
                yield window.popleft().result()
        finally:
            for fut in window:
                fut.cancel()


class Progress:
    """A progress line on stderr: rewritten in place on a terminal, every 5 s otherwise."""

    def __init__(self, target: int, out: Path) -> None:
        self.target = target
        self.out = out
        self.t0 = time.monotonic()
        self.next = self.t0 + 0.5
        self.tty = sys.stderr.isatty()

    def update(self, done: int, n: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now < self.next:
            return
        self.next = now + (0.5 if self.tty else 5.0)
        dt = max(now - self.t0, 1e-9)
        msg = f"gen_corpus: {done / 1e6:.1f}/{self.target / 1e6:.1f} MB, {n} articles, {done / dt / 1e6:.1f} MB/s"
        if force:
            msg = f"gen_corpus: wrote {n} articles, {done / 1e6:.2f} MB in {dt:.1f} s ({done / dt / 1e6:.1f} MB/s) to {self.out}"
            sys.stderr.write(("\r" if self.tty else "") + msg + "\n")
        else:
            sys.stderr.write(("\r" + msg + " ") if self.tty else msg + "\n")
        sys.stderr.flush()


def generate(out: Path, megabytes: float, seed: int = 1, fmt: str = "txt", per_file: int | None = None,
             jobs: int = 1, progress: bool = True) -> tuple[int, int]:
    """Write the corpus; return (articles, bytes)."""
    target = int(megabytes * 1_000_000)
    if fmt == "txt" and per_file not in (None, 1):
        raise ValueError("--per-file applies to jsonl only: kg reads a .txt file as one article")
    per_file = per_file or (1 if fmt == "txt" else 10_000)
    out.mkdir(parents=True, exist_ok=True)
    prog = Progress(target, out) if progress else None
    done = n = 0
    fh = None
    chunks = _chunks(seed, fmt, jobs)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    try:
        for chunk in chunks:
            stop = False
            for rec in chunk:
                size = len(rec)
                # stop where the total is nearest the target (at least one article)
                if n and done + size > target and done + size - target > target - done:
                    stop = True
                    break
                if fmt == "txt":
                    if n % FILES_PER_DIR == 0:
                        folder = os.path.join(out, f"{n // FILES_PER_DIR:05d}")
                        os.makedirs(folder, exist_ok=True)
                    fd = os.open(os.path.join(folder, f"{n:08d}.txt"), flags, 0o644)
                    try:
                        os.write(fd, rec)
                    finally:
                        os.close(fd)
                else:
                    if n % per_file == 0:
                        if fh:
                            fh.close()
                        fh = open(out / f"corpus-{n // per_file:05d}.jsonl", "wb")
                    fh.write(rec)
                done += size
                n += 1
                if done >= target:
                    stop = True
                    break
            if prog:
                prog.update(done, n)
            if stop:
                break
    finally:
        chunks.close()  # stops the worker processes, if any
        if fh:
            fh.close()
    if prog:
        prog.update(done, n, force=True)
    return n, done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, required=True, help="corpus size in MB (10^6 bytes)")
    ap.add_argument("--out", type=Path, required=True, help="folder to write (created)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    ap.add_argument("--per-file", type=int, default=None,
                    help="articles per .jsonl file (default 10000); txt is always one per file")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (same output)")
    args = ap.parse_args(argv)
    if args.mb <= 0:
        ap.error("--mb must be positive")
    if args.per_file is not None and args.per_file < 1:
        ap.error("--per-file must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        ap.error(f"{args.out} is not empty")
    try:
        generate(args.out, args.mb, args.seed, args.format, args.per_file, args.jobs)
    except ValueError as exc:
        ap.error(str(exc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
