"""Find the names in a document: regions, organisations, people, documents, events, projects.

Each rule proposes candidates with a priority; `select` keeps the best non-overlapping
ones.  Candidates come from the gazetteer and lexicons (exact surfaces), the organisation
name grammar (region prefix + core + suffix, extended left over jieba tokens until a
boundary word), title/speech-verb patterns for people, 《》 for documents and head nouns
for events and projects.  jieba only segments; its tags are never trusted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from bisect import bisect_left, bisect_right
from itertools import accumulate

import logging

import jieba
import rjieba

from kg.matcher import scan_all_many
from kg.model import Credit, Mention, ParsedDocument, Rejection
from kg.ns import top_class
from kg.resources import Resources
from kg.wordlists import words

jieba.setLogLevel(logging.WARNING)
# jieba's word frequencies and part-of-speech tags, loaded when the first Recogniser is made
# (not at import: `kg --help` or `kg query` should not pay for the dictionary)
WORD_TAGS: dict[str, str] = {}


def _load_jieba() -> None:
    if not WORD_TAGS:
        import jieba.posseg  # builds its tag table on import

        jieba.initialize()
        WORD_TAGS.update(jieba.posseg.dt.word_tag_tab)

PUNCT = set("，。、；：！？“”‘’「」『』《》〈〉（）()【】[]…—-·,.;:!?\"' \u3000\t")
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ \-][A-Z0-9][A-Za-z0-9]*)*")
# what an investor does right after its name: a fund or capital firm named before it is one
INVESTOR_VERB = re.compile(r"(?:联合|共同|继续)?(?:领投|跟投|参投|追加投资|超额认购)")
# a region in brackets inside a company's name, before a short business word: X（中国）投资有限公司
PAREN_REGION = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[)）](?:[\u4e00-\u9fff]{2,4})?$")
STOCK_CODE = re.compile(r"[（(]\s*(?:\d{6}|\d{4,5}\.HK|[A-Z]{1,5})\s*[)）]")
# numbers with a unit (12月, 3个, 两家) end a name; bare numerals may belong to one (中铁十一局)
DATE_TOKEN = re.compile(r"^(?:\d+(?:年|月|日|号|时|分|届|批|项|个|家|名|位|亿|万)?|[一二三四五六七八九十百千零两]+(?:年|月|日|号|时|分|届|批|项|个|家|名|位|亿|万))$")
# what follows a Latin-script name in finance news makes it a company: X的全资子公司, X全部股份,
# X为Y的子公司, 对X的收购, X的主要产品
COMPANY_AFTER = re.compile(
    r"\s*(?:的)?(?:全资子公司|控股子公司|子公司|股东|股权|股份|全部(?:[A-Z]类)?(?:普通股|股份|股权)|\s*\d+%的股份|公司|集团|的收购|的并购)"
    r"|\s*为[^，。；]{1,20}?的(?:全资|控股)?子公司|\s*的(?:主要)?[\u4e00-\u9fff]{0,6}产品")
PLACE_AFTER = words("place_after")
# legal forms that need a firm's own name before them: a place alone (贵州有限公司) is none
PLACE_ONLY_SUFFIXES = frozenset({"有限公司", "股份有限公司", "有限责任公司", "公司"})
REGION_ABBREV_PREFIX = ("省", "市", "区", "县", "州")
# nouns for kinds of organisation: X企业与高校… coordinates two groups, not one name
DEVELOP_VERBS = words("develop_verbs")
# what names a works or site (项目, 基地): a capacity (10GWh, 200兆瓦), a model code, a phase
SITE_MARK = re.compile(r"\d+(?:\.\d+)?(?:GWh|MWh|GW|MW|kW|kV|兆瓦|千瓦|万千瓦|千伏|万吨|吨)|[A-Za-z]|[一二三四五六七八九十\d]期")
# what makes the phrase a count, a time or a kind instead (12个项目, 第四季度重大项目, 设有生产基地)
SITE_NOT_NAME = re.compile(r"\d+(?:个|座|项|家|批|处)|[年月]|季度|设有|重大|重点|此次|单个|立项|签订|募投|试点")
# characters that are grammar, never part of a name, even between single characters
CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
FUNCTION_CHARS = frozenset("的地得在是和与及从对向将把被为了等就也还已由而或并")
# named systems with a serial number and what may follow it: 天河二号, 长征二号丁运载火箭,
# 天枢三号01星, 星河智联05星
FOREIGN_NAME = re.compile(r"([\u4e00-\u9fff]{1,8})·([\u4e00-\u9fff]{1,8})")  # 戴维·比斯利
ASCII_LETTER = re.compile(r"[A-Za-z]")  # the Latin-name rules need one
LATIN_CAPITALISED = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]+(?: [A-Z][A-Za-z0-9]+)*(?![A-Za-z0-9])")
QUOTED = re.compile(r"“([^“”]{2,30})”")
CLAUSE_PUNCT = re.compile(r"[，。！？、]")
VERSION_AFTER = re.compile(r"\.\d")
TRAILING_NUMBER = re.compile(r" \d+$")
MODEL_NUMBER = re.compile(r"\d*[A-Z]?\d+[A-Z]?|[A-Z]\d?|\d+[A-Za-z]{0,3}")
MARKED_LATIN = re.compile(r"\d|[a-z][A-Z]|[A-Z]{2,}[a-z]")
SERIAL_NAME = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:([一二三四五六七八九十]{1,3}|\d{1,3})号(?!线|楼|院|文|令|馆)(?:[甲乙丙丁])?(?:\d{2}星|运载火箭|卫星)?"
                         r"|(\d{2})星(?![期级座]))")
NAME_TAGS = ("nr", "ns", "nt", "nz", "nrt", "nrfg")
LATIN_SEQ = re.compile(r"(?<![A-Za-z0-9\-])[A-Za-z][A-Za-z0-9\-]*(?: (?:[A-Z0-9][A-Za-z0-9\-]*))*(?![A-Za-z0-9])")
VERSION_TAIL = re.compile(r"\s*[vV]?\d+(?:\.\d+)+$")  # 曜石OS 5.0 -> 曜石OS
PRODUCT_BEFORE = words("product_before")
PRODUCT_AFTER = words("product_after")
NP_CONTINUES = words("np_continues")
PRODUCT_KINDS = words("product_kinds")
GENERIC_ORG_NOUNS = frozenset(words("generic_org_nouns"))

# priorities: higher wins an overlap of equal length; longer always wins first
PRI = {"lexicon": 50, "alias": 55, "org": 40, "region": 30, "person": 45, "document": 60,
       "event": 35, "project": 33, "propagate": 20}


@dataclass(slots=True)
class Candidate:
    sentence: int
    start: int
    end: int
    type: str
    rule: str
    priority: int
    key: str | None = None
    canonical: str | None = None
    inner: list["Candidate"] = field(default_factory=list)  # region/parent found inside the name

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(slots=True)
class Tokens:
    """jieba tokens of a sentence with their offsets (computed on first use).

    Segmentation uses rjieba (jieba-rs: jieba's dictionary and algorithm, without HMM the
    same tokens as `jieba.lcut(HMM=False)`, about 17x faster).
    """

    text: str
    _spans: list[tuple[int, int]] | None = None
    _starts: set[int] | None = None
    _ends: set[int] | None = None
    _start_list: list[int] | None = None  # token starts and ends in order (the tokens are
    _end_list: list[int] | None = None  # contiguous), for bisecting

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            ends = list(accumulate(map(len, rjieba.cut(self.text, False))))
            starts = [0, *ends[:-1]] if ends else []
            self._spans = list(zip(starts, ends))
            self._start_list, self._end_list = starts, ends
        return self._spans

    def inside(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The tokens (s, e) with lo <= s and e <= hi, in order."""
        spans = self.spans
        i = bisect_left(self._start_list, lo)
        j = bisect_right(self._end_list, hi)
        return spans[i:j] if i < j else []

    def starting_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The tokens (s, e) with lo <= s < hi, in order."""
        spans = self.spans
        i = bisect_left(self._start_list, lo)
        j = bisect_left(self._start_list, hi)
        return spans[i:j] if i < j else []

    def ending_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The tokens (s, e) with lo < e <= hi, in order."""
        spans = self.spans
        i = bisect_right(self._end_list, lo)
        j = bisect_right(self._end_list, hi)
        return spans[i:j] if i < j else []

    def spans_set(self) -> set[tuple[int, int]]:
        return set(self.spans)

    def starts(self) -> set[int]:
        if self._starts is None:
            self.spans
            self._starts = set(self._start_list)
        return self._starts

    def ends(self) -> set[int]:
        if self._ends is None:
            self.spans
            self._ends = set(self._end_list)
        return self._ends

    def before(self, pos: int) -> list[tuple[int, int]]:
        """Tokens that end at or before pos, nearest first (a token crossing pos is cut)."""
        spans = self.spans
        out = spans[:bisect_left(self._start_list, pos)]  # the tokens starting before pos
        if out and out[-1][1] > pos:
            out[-1] = (out[-1][0], pos)
        out.reverse()
        return out


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class Recogniser:
    def __init__(self, res: Resources):
        _load_jieba()
        self.res = res
        self.suffix_cls = {s: v.cls for s, v in res.suffixes.items()}
        heads = "|".join(re.escape(h) for h in sorted(res.project_heads, key=len, reverse=True))
        self.after_quote_re = re.compile(r"(?:这一|的)?(?:企业)?(?:技术)?(?:需求|项目|课题)|[\u4e00-\u9fff]{1,6}项目|[\u4e00-\u9fffA-Za-z0-9]{0,10}?(?:%s)|(?:卫星|火箭|星座|系统|芯片|系列)" % heads)
        self.head_words = tuple(res.project_heads)
        self.generic_cores = res.generic_cores
        self.agency_heads = tuple(x for x, v in res.suffixes.items() if v.cls == "GovernmentAgency" and len(x) >= 2)
        self.followers = tuple(v for v in res.speech_verbs if v)
        self.followers_re = re.compile("|".join(map(re.escape, self.followers)) if self.followers else "(?!)")
        self.title_words = tuple(res.titles)
        # where a speaker's name can start: a clause start, after a function word, or after a
        # work-unit word (班组吕某发明的…)
        self.clause_start_re = re.compile(
            r"(?:^|(?<=[，。；：“”！？、（(） 为是由与和及向对被据])|(?<=班组|团队|一班|二班|车间))([\u4e00-\u9fff])")
        # the same positions, only where a surname can start (the others are skipped anyway)
        surname_firsts = sorted({x[0] for x in res.surnames if is_cjk(x[0])})
        self.clause_surname_re = re.compile(
            r"(?:^|(?<=[，。；：“”！？、（(） 为是由与和及向对被据])|(?<=班组|团队|一班|二班|车间))([%s])"
            % "".join(map(re.escape, surname_firsts))) if surname_firsts else re.compile("(?!)")
        self.two_char_boundaries = frozenset(w for w in res.boundaries if len(w) == 2 and w not in ("发展", "科技"))

    # ------------------------------------------------------------------ regions
    def regions(self, si: int, text: str, toks: "Tokens", hits=None) -> list[Candidate]:
        out = []
        gaz = self.res.gazetteer
        starts = ends = None
        for m in (hits if hits is not None else self.res.region_matcher.scan_all(text)):
            if gaz.is_ambiguous_word(m.surface):
                continue
            if starts is None:
                starts, ends = toks.starts(), toks.ends()
            # a region name cut out of a longer word is none (建平 in 搭建平台, 德州 in 德州扑克)
            if m.start not in starts or (m.end not in ends and text[m.end:m.end + 1] not in "省市区县州"):
                # jieba fuses a region with what follows in names (广东省政府, 北京海关): fine
                # when the fused token ends in an organisation suffix
                fused = next((text[s:e] for s, e in toks.spans if s == m.start and e > m.end), None)
                rest = fused[len(m.surface):] if fused else ""
                if not fused or not (self.res.suffix_re.search(rest) or self.res.zone_re.fullmatch(rest)):
                    continue  # (or a zone: 苏州工业园区)
            if text.startswith(PLACE_AFTER, m.end) and len(m.surface) <= 3 and not m.surface.endswith(("省", "市")) \
                    and not self.res.zone_re.match(text, m.end):
                continue  # 中车科技园 names a facility; 苏州工业园区 is a zone (its place kept as anchor)
            region = m.values[0]
            # 舟山东睿: jieba cut 舟|山东|睿, but the place that starts at the one-character word
            # before (舟山) is the one the text names
            if m.start > 0 and (m.start - 1) in starts and is_cjk(text[m.start - 1]) \
                    and text[m.start - 1] not in self.res.boundaries:
                a = m.start - 1
                b = next((a + k for k in (3, 2) if a + k < m.end and self.res.region_matcher.get(text[a:a + k])
                          and not gaz.is_ambiguous_word(text[a:a + k])), None)
                if b is not None:
                    region = self.res.region_matcher.get(text[a:b])[0]
                    out.append(Candidate(si, a, b, "Region", "gazetteer", PRI["region"],
                                         key=region.code, canonical=region.short or region.name))
                    continue
            out.append(Candidate(si, m.start, m.end, "Region", "gazetteer", PRI["region"],
                                 key=region.code, canonical=region.short or region.name))
        return out

    # ------------------------------------------------------------------ lexicon
    def lexicon_orgs(self, si: int, text: str, toks: "Tokens", hits=None) -> list[Candidate]:
        out = []
        for m in (hits if hits is not None else self.res.org_matcher.scan_all(text)):
            entry = m.values[0]
            if m.end - m.start <= 4 and not m.surface.isascii():
                # 京东 in 北京东部, 北大 in 华北大部: a short name must not cut a word
                if m.start not in toks.starts() or m.end not in toks.ends():
                    if not text.startswith(("公司", "集团", "旗下", "的", "等", "、", "和", "与"), m.end):
                        continue
            if text.startswith(PLACE_AFTER, m.end):
                continue
            if m.surface in entry.ambiguous and not self._org_context(text, m.end) and not self.res.region_matcher.longest_at(text, m.end):
                continue
            # a Latin acronym inside a longer Latin word is no match (WHO in WHOLE)
            if m.surface.isascii() and (
                (m.start > 0 and text[m.start - 1].isascii() and text[m.start - 1].isalnum())
                or (m.end < len(text) and text[m.end].isascii() and text[m.end].isalnum())
            ):
                continue
            out.append(Candidate(si, m.start, m.end, entry.type, "lexicon", PRI["lexicon"],
                                 key=f"lex:{entry.name}", canonical=entry.name))
        return out

    @staticmethod
    def _org_context(text: str, end: int) -> bool:
        return text.startswith(("公司", "集团", "手机", "股份", "科技", "发布", "推出", "携手", "联合", "旗下", "宣布", "与", "和"), end)

    # ------------------------------------------------------------------ organisation grammar
    def grammar_orgs(self, si: int, text: str, toks: Tokens, regions: list[Candidate],
                     lex: list[Candidate], rejected: list[Rejection]) -> list[Candidate]:
        out: list[Candidate] = []
        suffix_hits = list(self.res.suffix_re.finditer(text))
        if not suffix_hits:
            return out
        tok_starts, tok_ends = toks.starts(), toks.ends()
        single_tokens: set[int] | None = None  # starts of one-character tokens, when needed
        region_end = {c.end: c for c in regions}
        region_end_start = {c.start: c.end for c in regions}
        lex_end = {c.end: c for c in lex}
        for m in suffix_hits:
            s_start, s_end = m.span()
            suffix = self.res.suffixes[m.group()]
            if suffix.strength == "none":
                continue
            # the suffix must sit on token boundaries (局 in 布局 is no suffix)
            if s_end not in tok_ends and not (s_end == len(text)):
                if not any(s < s_end < e for s, e in toks.spans if text[s:e] in self.res.suffixes):
                    continue
            if s_start not in tok_starts and s_start not in lex_end and s_start not in region_end:
                # allow a suffix fused with its core by jieba (优必选科技股份有限公司) only for
                # multi-character suffixes, or when jieba tags the fused word as an
                # organisation (商务厅), never in an ordinary word (布局)
                if len(suffix.text) < 2:
                    fused = next((text[a:b] for a, b in toks.spans if a < s_start < b and b == s_end), "")
                    if WORD_TAGS.get(fused, "") != "nt":
                        continue
            if any(lc.end == s_end and lc.start < s_start for lc in lex):
                continue  # the suffix ends a known name (南方科技大学): the lexicon has it
            ext_from = s_start
            window = text[max(0, s_start - 13):s_start]
            paren = PAREN_REGION.search(window) if ("）" in window or ")" in window) else None
            if paren and suffix.cls == "Company" and self.res.region_matcher.get(paren.group(1)):
                ext_from = s_start - len(paren.group())  # 恒锐智能装备（绍兴）有限公司, 卡尔（中国）投资有限公司
            start, anchors = self._extend_left(text, toks, ext_from, suffix, region_end, lex_end)
            if ext_from != s_start:
                anchors.append("region")
            name = text[start:s_end]
            core = text[start:s_start]
            if start > 0 and text[start - 1].isdigit() and is_cjk(text[start]):
                continue  # 36只子基金: a count, not a name
            if len(core) < 2 and not (core and self.res.gazetteer.abbreviations().get(core)) \
                    and not (core in REGION_ABBREV_PREFIX and suffix.cls == "GovernmentAgency" and len(suffix.text) >= 2):
                if not (suffix.strength == "sub" and core):
                    continue
            if name in self.res.generic_names or core in self.res.generic_names:
                rejected.append(Rejection(si, name, "generic word"))
                continue
            if suffix.text in PLACE_ONLY_SUFFIXES and start in region_end_start and region_end_start[start] == s_start:
                rejected.append(Rejection(si, name, "only a place before the legal form"))
                continue  # 贵州有限公司: no firm's name
            # 省科技厅, 市发展改革委: 省/市 standing alone for the document's own province or city
            if single_tokens is None and core.startswith(REGION_ABBREV_PREFIX):
                single_tokens = {s for s, e in toks.spans if e - s == 1}
            abbrev_prefix = core.startswith(REGION_ABBREV_PREFIX) and start in single_tokens
            anchored = bool(anchors) or bool(LATIN_NAME.fullmatch(core)) or abbrev_prefix
            placed = any(r.start == start for r in region_end.values())  # 江苏省人民政府办公厅
            if suffix.strength == "sub" and not anchors and not any(
                    self.res.suffixes[x.group()].strength in (("strong", "weak") if placed else ("strong",))
                    for x in self.res.suffix_re.finditer(core)):
                rejected.append(Rejection(si, name, f"{suffix.text} without the organisation it belongs to"))
                continue
            parent_named = placed and suffix.strength == "sub" and any(
                x.end() == len(core) for x in self.res.suffix_re.finditer(core))  # 江苏省人民政府|办公厅
            if (suffix.text == "公司" or suffix.strength == "sub") and "lexicon" not in anchors and not parent_named:
                # 游戏公司, 全资子公司: what stands before 公司 must name something
                after_anchor = text[max([r.end for r in region_end.values() if start <= r.start < s_start] + [start]):s_start]
                # X宁夏分公司: the firm's name before the place names the branch
                seat = next((r for r in region_end.values() if start < r.start and r.end == s_start), None) \
                    if not after_anchor and suffix.strength == "sub" else None
                if seat is not None and self._proper_core(text, toks, start, seat.start):
                    pass
                elif not after_anchor or not self._proper_core(text, toks, s_start - len(after_anchor), s_start) and not any(lc.start >= start and lc.end <= s_start for lc in lex):
                    rejected.append(Rejection(si, name, f"generic core before {suffix.text}"))
                    continue
            if suffix.strength == "weak" and "lexicon" in anchors and any(lc.end == s_start for lc in lex):
                rejected.append(Rejection(si, name, f"{suffix.text} right after a known name"))
                continue
            if suffix.strength == "weak" and not anchored and start >= 2 and text[start - 1] == "的" \
                    and (start - 1) in region_end and suffix.cls == "Company" and self._transliterated(text, toks, start, s_start):
                anchored = True  # 沙特阿拉伯的萨拉玛能源公司: a foreign firm introduced by its country
            if suffix.strength == "weak" and not anchored:
                rejected.append(Rejection(si, name, f"weak suffix {suffix.text} without anchor"))
                out.append(Candidate(si, start, s_end, suffix.cls, "grammar-unanchored", -1))
                continue
            if suffix.strength == "proper":
                # 弘毅投资, 星河资本: one word naming the firm (社会资本, 风险投资 name none)
                inside = toks.inside(start, s_start)
                unknown = len(inside) >= 2 and all(b - a == 1 for a, b in inside) and len(core) <= 4
                prev_tok = next((text[a:b] for a, b in toks.spans if b == start), "")
                if start > 0 and prev_tok and prev_tok not in self.res.boundaries and PUNCT.isdisjoint(prev_tok) \
                        and prev_tok not in self.followers:
                    continue  # 经开区投资建设: the word before belongs with it; no name starts here
                investing = INVESTOR_VERB.match(text, s_end) is not None  # 湘江科创基金领投, 杭州萧山产业发展基金跟投
                if investing and len(core) >= 2 and core not in self.generic_cores and not re.search(r"[和与及、]", core):
                    pass
                elif anchored or not (len(inside) == 1 or unknown) or len(core) < 2 or core in self.generic_cores \
                        or WORD_TAGS.get(core, "n")[:1] in ("v", "a", "d", "m", "r", "p", "c", "u"):
                    continue
            if suffix.strength == "strong" and not anchored and not self._proper_core(text, toks, start, s_start):
                rejected.append(Rejection(si, name, f"generic core {core!r}"))
                continue
            cand = Candidate(si, start, s_end, suffix.cls, f"grammar:{suffix.text}", PRI["org"])
            for r in regions:
                if start <= r.start and r.end <= s_end:
                    cand.inner.append(r)
            for lc in lex:
                if start <= lc.start and lc.end < s_end:
                    cand.inner.append(lc)
            # 北京市发改委价监局: the body whose name heads a sub-unit's name
            for m2 in self.res.suffix_re.finditer(text, start, s_start):
                suf2 = self.res.suffixes[m2.group()]
                if suf2.strength != "none" and m2.end() in tok_ends and m2.end() - start >= 3 and m2.end() < s_start:
                    cand.inner.append(Candidate(si, start, m2.end(), suf2.cls, f"grammar:{suf2.text}", PRI["org"]))
            out.append(cand)
        return out

    def is_boundary(self, tok: str) -> bool:
        """A word no name runs through: a boundary word, or a token jieba fused onto one
        (需提交 ends with 提交)."""
        if tok in self.res.boundaries:
            return True
        return len(tok) >= 3 and tok[-2:] in self.two_char_boundaries and tok not in self.res.suffixes

    def _brand_before(self, text: str, toks: Tokens, start: int) -> int:
        """星辰Nova X7, 曜石OS, 卡奥斯COSMOPlat: where a Chinese brand word fused on the left of a
        Latin product name begins (start itself when there is none)."""
        lead = toks.ending_in(start - 5, start)
        if not lead or lead[-1][1] != start:
            return start
        a, b = lead[-1]
        if a >= start - 4 and b - a >= 2 and all(is_cjk(c) for c in text[a:b]) and self._name_word(text[a:b]):
            return a
        if b - a != 1:
            return start
        # an unknown brand cut into single characters, after a whole word or punctuation
        k = len(lead) - 1
        while k >= 0 and lead[k][1] - lead[k][0] == 1 and is_cjk(text[lead[k][0]]) \
                and text[lead[k][0]] not in "的在是和与及从对向将把被为了等就也都还已" and start - lead[k][0] <= 4:
            k -= 1
        a = lead[k + 1][0] if k + 1 < len(lead) else start
        if a > 0 and text[a - 1].isdigit():
            return start  # 305亿购Playtika: a count and a verb, no brand
        if start - a >= 2 and (k < 0 or lead[k][1] != a or lead[k][1] - lead[k][0] >= 2
                               or text[lead[k][0]:lead[k][1]] in "的在是和与及从对向将把被为了等就也都还已"
                               or not PUNCT.isdisjoint(text[lead[k][0]:lead[k][1]])):
            return a
        return start

    def _inside_name(self, region: "Candidate", prev: str) -> bool:
        """A county's short name or a macro region (路桥, 亚洲) right after a word that is no
        boundary: part of the name (恒通路桥…), not the place heading it."""
        if not prev or self.is_boundary(prev) or set(prev) & PUNCT or DATE_TOKEN.match(prev) or not is_cjk(prev[-1]):
            return False
        info = self.res.gazetteer.get(region.key) if region.key else None
        level = info.level if info else ""
        surface_len = region.end - region.start
        return (level == "County" and surface_len <= 2) or (level not in ("Province", "City", "County", "Country") and region.key is not None
                                                             and surface_len <= 2)

    def _name_word(self, word: str) -> bool:
        """A word that names something: unknown to the dictionary or tagged as a name, and no
        place or known organisation (those make a name of their own)."""
        if word in self.generic_cores or word in self.res.generic_names or DATE_TOKEN.match(word):
            return False
        if self.res.region_matcher.get(word) or self.res.org_matcher.get(word):
            return False
        if word.endswith(("级", "型", "式", "类", "性", "化")):
            return False  # 车规级, 增程式: descriptors, not names
        return not jieba.dt.FREQ.get(word) or WORD_TAGS.get(word, "") in NAME_TAGS

    def _transliterated(self, text: str, toks: Tokens, start: int, end: int) -> bool:
        """A core with a word jieba does not know, cut into a lone character between others
        (萨拉|玛|能源, 哈尔|登|光学): a transliterated or coined name, not a description."""
        inside = toks.inside(start, end)
        return len(inside) >= 2 and any(
            b - a == 1 and is_cjk(text[a]) and text[a] not in FUNCTION_CHARS and not self.is_boundary(text[a:b])
            for a, b in inside)

    def _proper_core(self, text: str, toks: Tokens, start: int, end: int) -> bool:
        """A core names something if it is more than one common word."""
        inside = toks.inside(start, end)
        if len(inside) >= 2:
            return True
        # no token inside: jieba fused the core with the suffix (眼科医院); judge the core itself
        word = text[inside[0][0]:inside[0][1]] if inside else text[start:end]
        if word.isascii():
            return not (word.isupper() and len(word) <= 3) and word not in self.res.generic_names
        # a word for a kind of body (眼科, 游戏) names none; unknown words and names do (泰尔,
        # 泛海), and so does an ordinary word that is no such kind (远航集团)
        return word not in self.generic_cores and word not in self.res.generic_names

    def _extend_left(self, text: str, toks: Tokens, pos: int, suffix, region_end, lex_end) -> tuple[int, list[str]]:
        """Walk tokens leftwards from the suffix to where the name starts."""
        res = self.res
        start = pos
        anchors: list[str] = []
        lab_like = suffix.cls in ("Laboratory",) or suffix.text.endswith("研究中心")
        before = toks.before(pos)

        def skip_inside(k: int, begin: int) -> int:
            """The first token at or after k (leftwards) that is no part of a name starting at begin."""
            while k < len(before) and before[k][0] >= begin:
                k += 1
            return k

        def ends_known_name(k: int) -> bool:
            ps, pe = before[k]
            return pe in region_end or (pe in lex_end and lex_end[pe].start <= ps)

        i = 0
        while i < len(before):
            s, e = before[i]
            tok = text[s:e]
            if e != start:  # tokens must be contiguous
                break
            if pos - s > 30:
                break
            if e in lex_end and lex_end[e].start <= s:
                start = lex_end[e].start
                anchors.append("lexicon")
                i = skip_inside(i, start)
                # a name goes on before a known name only through a region or another known name
                if i < len(before) and before[i][1] == start and ends_known_name(i):
                    continue
                break
            if e in region_end and region_end[e].start <= s:
                start = region_end[e].start
                anchors.append("region")
                i = skip_inside(i, start)
                if i < len(before):
                    ps, pe = before[i]
                    if ends_known_name(i):
                        continue  # 广东省深圳市 / 国网山西省
                    if (suffix.strength == "sub" and text[ps:pe] in res.suffixes and res.suffixes[text[ps:pe]].cls == "Company") \
                            or (suffix.cls == "Company" and suffix.text in ("有限公司", "有限责任公司") and text[ps:pe].endswith("集团")):
                        continue  # 中国电信股份有限公司贵州分公司: a branch of the company before it;
                        # 中国移动通信集团贵州有限公司: the group's company in that province
                    if lab_like and text[ps:pe] not in res.boundaries and not (set(text[ps:pe]) & PUNCT):
                        continue
                    if suffix.strength == "sub" and suffix.cls == "Company" and region_end[e].end == pos \
                            and not self.is_boundary(text[ps:pe]) and PUNCT.isdisjoint(text[ps:pe]) \
                            and is_cjk(text[pe - 1]) and text[ps:pe] not in FUNCTION_CHARS:
                        continue  # 华曦新能源宁夏分公司: a branch of a firm the lexicon does not know
                    if self._inside_name(region_end[e], text[ps:pe]):
                        continue  # 安徽恒通路桥设计…, 泰丰证券亚洲有限公司: a county or a continent
                        # inside the name, not at its head; the name goes on to the left
                break
            if len(tok) == 1 and is_cjk(tok) and i + 1 < len(before) and before[i + 1][1] == s \
                    and before[i + 1][1] - before[i + 1][0] == 1 and is_cjk(text[before[i + 1][0]]) \
                    and not self.is_boundary(text[before[i + 1][0]]) and tok not in FUNCTION_CHARS:
                start = s  # 华正建设: a name jieba cut into characters, one of which (正) is also a word
                i += 1
                continue
            if tok == "·" and s > 0 and is_cjk(text[s - 1]) and e < len(text) and is_cjk(text[e]):
                start = s  # 马克斯·普朗克量子光学研究所: a transliterated name inside the name
                i += 1
                continue
            if self.is_boundary(tok) or not PUNCT.isdisjoint(tok) or DATE_TOKEN.match(tok):
                if tok in ("和", "与", "及") and i + 1 < len(before):
                    # 工业和信息化局, 电子与电气工程学院: a conjunction inside a name, when the
                    # word before it is no complete name of its own
                    ps, pe = before[i + 1]
                    prev = text[ps:pe]
                    if (prev not in res.suffixes and prev not in res.boundaries and prev not in GENERIC_ORG_NOUNS
                            and PUNCT.isdisjoint(prev) and len(prev) <= 6
                            and pe not in lex_end and not prev.isascii()):
                        start = s
                        i += 1
                        continue
                break
            start = s
            i += 1
        # strip leading function characters that jieba fused (e.g. 对华为)
        while start < pos and text[start] in "的在由和与及从对向将":
            start += 1
        if start < pos and text[start:pos] and text[start] in "省市区县" and start > 0:
            pass
        return start, anchors

    # ------------------------------------------------------------------ development zones
    def zones(self, si: int, text: str, toks: Tokens, regions: list[Candidate]) -> list[Candidate]:
        """合肥经济技术开发区, 东湖新技术开发区, 临港新片区: zones the gazetteer may not list."""
        out = []
        region_end = {c.end: c for c in regions}
        for m in self.res.zone_re.finditer(text):
            if m.end() not in toks.ends() and m.end() != len(text):
                continue
            start, anchor = m.start(), None
            for a, b in toks.before(m.start()):
                tok = text[a:b]
                if b != start or m.start() - a > 10:
                    break
                if b in region_end:
                    anchor = region_end[b]
                    start = anchor.start
                    while start in region_end:
                        start = region_end[start].start
                    break
                if self.is_boundary(tok) or not PUNCT.isdisjoint(tok) or DATE_TOKEN.match(tok) or tok.endswith(DEVELOP_VERBS):
                    break
                start = a
            core = text[anchor.end if anchor else start:m.start()]
            if anchor is None and not (core and self._name_word(core)):
                continue
            if anchor is not None and core and not self._proper_core(text, toks, anchor.end, m.start()) and len(core) > 4:
                continue
            if start == m.start() or text[start:m.end()] in self.res.generic_names:
                continue
            cand = Candidate(si, start, m.end(), "Zone", f"zone:{m.group()}", PRI["region"] + 5)
            if anchor is not None:
                cand.inner.append(anchor)
            out.append(cand)
        return out

    # ------------------------------------------------------------------ people
    def people(self, si: int, text: str, toks: Tokens, known: set[str], title_hits=None) -> list[Candidate]:
        out: list[Candidate] = []
        res = self.res
        # title + name
        for m in (title_hits if title_hits is not None else res.title_matcher.scan_all(text)):
            name_end = self._name_after(text, m.end, toks=toks)
            if name_end:
                out.append(Candidate(si, m.end, name_end, "Person", f"title:{m.surface}", PRI["person"]))
        # name + speech verb at a clause start (none without a speech verb in the sentence)
        for mm in (self.clause_surname_re.finditer(text) if self.followers_re.search(text) else ()):
            i = mm.start(1)
            if text[i] not in res.surnames and text[i:i + 2] not in res.surnames:
                continue
            end = self._name_after(text, i, need_verb=True)
            if end:
                out.append(Candidate(si, i, end, "Person", "speech", PRI["person"]))
        # transliterated foreign names: 戴维·比斯利
        for m in (FOREIGN_NAME.finditer(text) if "·" in text else ()):
            left, right = m.group(1), m.group(2)
            # drop a title fused on the left (执行干事戴维) and a verb on the right (比斯利签署);
            # a transliterated given name has at most four characters (肯尼亚代表伊丽莎白)
            cut = max((len(left) - len(left.split(t)[-1]) for t in (*res.titles, "代表") if t in left), default=0)
            places = [h.end for h in self.res.region_matcher.scan(left)]
            if places:
                cut = max(cut, places[-1])  # 德国马克斯·普朗克: the name starts after the country
            cut = max(cut, len(left) - 4)
            first = left[cut:]
            if not first:
                continue
            rlen = 0
            for L in range(1, min(len(right), 5) + 1):  # the shortest given name a boundary follows
                rest = text[m.start(2) + L:]
                if not rest or rest[0] in "，。、；：！？”）) " or any(rest.startswith(v) for v in res.speech_verbs | res.boundaries | {"签署", "指出", "宣布"}):
                    rlen = L
                    break
            start = m.start(1) + cut
            if rlen == 0 and m.end(2) < len(text):
                continue  # no word boundary after the name: not sure where it ends
            rlen = rlen or len(right)
            out.append(Candidate(si, start, m.start(2) + rlen, "Person", "foreign-name", PRI["person"]))
        return out

    def _name_after(self, text: str, i: int, need_verb: bool = False, toks: "Tokens | None" = None) -> int | None:
        """End of a Chinese personal name starting at i, or None."""
        res = self.res
        n = len(text)
        if i >= n or not is_cjk(text[i]):
            return None
        sur = 2 if text[i:i + 2] in res.surnames else (1 if text[i] in res.surnames else 0)
        if not sur:
            return None
        best = None
        for length in (sur + 2, sur + 1):
            end = i + length
            if end > n:
                continue
            name = text[i:end]
            if not CJK_ONLY.fullmatch(name):
                continue
            rest = text[end:end + 3]
            if end == n or text[end] in "，。、；：！？”）() 等":
                ok = not need_verb
            else:
                ok = rest.startswith(self.followers)
                if need_verb and rest[:1] in "在的和也还则对向曾等":
                    ok = False
                if not ok and toks is not None and not need_verb and length == sur + 2:
                    # after a title: a three-character name ending on a token boundary (副院长陈冬冬依托…)
                    ok = end in toks.ends() and (i in toks.starts())
                if not ok and toks is not None and not need_verb and length == sur + 1 and end in toks.ends() and i in toks.starts():
                    # 研究员林雪分享了: a two-character name jieba keeps whole, a word after it
                    nxt = next((b - a for a, b in toks.spans if a == end), 0)
                    spans = toks.spans_set()
                    ok = ((i, end) in spans or ((i, i + 1) in spans and (i + 1, end) in spans)) and nxt >= 2
            if not ok:
                continue
            common = (jieba.dt.FREQ.get(name) or 0) > 50 and WORD_TAGS.get(name, "") not in ("nr", "nrfg", "nrt")
            if name in res.generic_names or common or name[-1] in "的了是在和与说表":
                continue
            if name.endswith(self.title_words):
                continue
            best = end
            break
        return best

    # ------------------------------------------------------------------ documents
    DOC_RE = re.compile(r"《([^《》\n]{2,60})》")

    def documents(self, si: int, text: str) -> list[Candidate]:
        out = []
        for m in self.DOC_RE.finditer(text):
            title = m.group(1)
            if title.isascii():
                ctype = "Project"  # 《WSOP》: games, films and software are titled too
                rule = "title-latin"
            else:
                ctype = "Document"
                rule = "title"
            out.append(Candidate(si, m.start(1), m.end(1), ctype, rule, PRI["document"]))
        return out

    # ------------------------------------------------------------------ events
    def events(self, si: int, text: str, toks: Tokens, regions: list[Candidate]) -> list[Candidate]:
        out = []
        res = self.res
        region_end = {c.end: c for c in regions}
        for m in res.event_head_re.finditer(text):
            head = m.group()
            end = m.end()
            # 第五届长江创新创业大赛决赛(武汉): a place in brackets ends the name
            tail = re.match(r"[(（][\u4e00-\u9fff]{2,4}[)）]", text[end:])
            start = self._event_start(text, toks, m.start(), region_end)
            if start is None or m.start() - start < 2:
                continue
            if tail:
                end += tail.end()
            name = text[start:end]
            if name in res.generic_names:
                continue
            out.append(Candidate(si, start, end, "Event", f"event:{head}", PRI["event"]))
        return out

    def _event_start(self, text: str, toks: Tokens, pos: int, region_end) -> int | None:
        res = self.res
        start = pos
        anchored = False
        for s, e in toks.before(pos):
            tok = text[s:e]
            if e != start:
                break
            if pos - s > 30:
                break
            if tok in ("“", "”") or tok.startswith("“"):
                # “弘鑫汇”杯电商直播大赛: a quoted sponsor name is part of the event name
                q = text.rfind("“", 0, e)
                if tok == "”" and q >= 0 and e - q <= 12:
                    start = q
                    anchored = True
                    continue
                break
            if re.fullmatch(r"\d{4}年", tok) or re.fullmatch(r"\d{4}", tok):
                start = s
                anchored = True
                if tok.isdigit() and text[e:e + 1] == "年":
                    pass
                continue
            if self.is_boundary(tok) or not PUNCT.isdisjoint(tok) or DATE_TOKEN.match(tok) and not re.fullmatch(r"第.+届|首届", tok):
                if tok == "年" and s >= 4 and text[s - 4:s].isdigit():
                    start = s - 4
                    anchored = True
                    continue
                if re.fullmatch(r"第.+届|首届", tok):
                    start = s
                    anchored = True
                    continue
                break
            if e in region_end:
                anchored = True
            start = s
        m = re.search(r"(\d{4}年|第[一二三四五六七八九十百\d]+届|首届)", text[start:pos])
        if m and m.start() > 0:
            start = start + m.start()
            anchored = True
        if not anchored and pos - start < 2:
            return None
        if not anchored:
            # unanchored events need a name in their core (云栖大会, 全球XIN公益大会), not only
            # ordinary words (公司股东大会)
            core = text[start:pos]
            if core in res.generic_names or len(core) < 2:
                return None
            words = [text[a:b] for a, b in toks.inside(start, pos)]
            if not re.search(r"[A-Za-z]", core) and not any(self._name_word(w) for w in words) \
                    and not (len(words) >= 2 and all(len(w) == 1 for w in words)):
                return None
        return start

    # ------------------------------------------------------------------ projects
    def projects(self, si: int, text: str, toks: Tokens, regions: list[Candidate], orgs: list[Candidate]) -> list[Candidate]:
        out = []
        res = self.res
        region_end = {c.end: c for c in regions}
        org_end = {c.end: c for c in orgs}
        # Latin-script product names: ChatZOC, MindSpore, Find X, R17 Pro
        for m in (LATIN_SEQ.finditer(text) if ASCII_LETTER.search(text) else ()):
            word = m.group()
            end = m.end()
            if VERSION_AFTER.match(text[end:end + 2]) and TRAILING_NUMBER.search(word):
                word = word.rsplit(" ", 1)[0]  # 曜石OS 5.0: the version is no part of the name
                end = m.start() + len(word)
            if text[end:end + 1] in ("%", "％") and " " in word:
                word = word.rsplit(" ", 1)[0]  # Alpha 100%: the number is no part of the name
                end = m.start() + len(word)
            if not word[0].isupper() or word in self.res.generic_names:
                continue
            if MODEL_NUMBER.fullmatch(word):
                # a bare model code (E5, S7) names a product only right after its brand:
                # 鹿鸣E5, 岚际S7 — a brand word that names something, at a word's start
                brand = self._brand_before(text, toks, m.start())
                if not (re.fullmatch(r"[A-Z]{1,2}\d{1,3}[A-Z]?", word) and brand < m.start()
                        and self._name_word(text[brand:m.start()]) and not (text[end:end + 1].isascii() and text[end:end + 1].isalnum())
                        and not re.match(r"[年月日号期级类个座台辆万亿%％]", text[end:end + 1])):
                    continue
            start = self._brand_before(text, toks, m.start())
            marked = bool(MARKED_LATIN.search(word)) or (" " in word and word[0].isupper())
            before, after = text[max(0, m.start() - 6):m.start()], text[end:end + 6]
            in_context = before.endswith(PRODUCT_BEFORE) or after.startswith(PRODUCT_AFTER)
            if not (marked or in_context or start < m.start()):
                continue
            if word.isupper() and len(word) <= 4 and not re.search(r"\d", word) and start == m.start():
                continue  # acronyms (AI, ERP, GDP) are not products by themselves
            out.append(Candidate(si, start, end, "Project", "latin-name", PRI["project"] - 5))
        # named systems with a serial number: 光谷一号, 天河二号 (not 5号线, 3月5号)
        for m in (SERIAL_NAME.finditer(text) if ("号" in text or "星" in text) else ()):
            a = m.start(1)
            inner = toks.inside(m.start(1), m.end(1))
            for x, y in inner:
                if self.is_boundary(text[x:y]) or text[x:y].endswith(DEVELOP_VERBS):
                    a = y  # 成功发射天枢三号: the name starts after the verb
            if m.end(1) - a < 2 or a not in toks.starts() or DATE_TOKEN.match(text[a:m.end(1)]) \
                    or text[a:m.end(1)].endswith(("月", "年", "第", "编")):
                continue
            nxt = text[m.end():m.end() + 1]
            if nxt and is_cjk(nxt) and nxt not in "的已是在将于被为等和与及也还由以从对向搭" \
                    and not m.group().endswith(("运载火箭", "卫星", "星")):
                continue  # 铁龙5号机电班组: the number names a unit, the phrase goes on
            out.append(Candidate(si, a, m.end(), "Project", "serial-name", PRI["project"]))
        # head nouns with an anchored or proper core: 广州海珠政务云大脑模型, 青岛地铁5号线, 鹏城云脑
        for m in res.project_head_re.finditer(text):
            head = m.group()
            strength = res.project_heads[head]
            end = m.end()
            start = m.start()
            anchor: Candidate | None = None
            for s, e in toks.before(m.start()):
                tok = text[s:e]
                if e != start or m.start() - s > 20:
                    break
                if self.is_boundary(tok) or tok.endswith(DEVELOP_VERBS) or not PUNCT.isdisjoint(tok) or (DATE_TOKEN.match(tok) and not tok.isdigit()):
                    break
                if e in region_end:
                    anchor = region_end[e]
                    start = anchor.start
                    while start in region_end:  # 广州海珠政务云…: the outermost region heads it
                        anchor = region_end[start]
                        start = anchor.start
                    break
                if e in org_end:
                    break
                start = s
            if start == m.start():
                continue
            core_start = anchor.end if anchor else start
            core = text[core_start:m.start()]
            if text[start:end] in res.generic_names or core in res.generic_names:
                continue
            if text.startswith(NP_CONTINUES, end):
                continue  # 深圳机器人企业: the head word does not end the name
            if not core:
                # 鹏城云脑, 韶关数据中心集群, 大同数据中心: a city's own facility or product;
                # a province or country with a bare head (广东省大模型) names nothing
                level = self.res.gazetteer.get(anchor.key).level if anchor and anchor.key and self.res.gazetteer.get(anchor.key) else ""
                if anchor is None or level in ("Province", "Country") or text[anchor.start:anchor.end].endswith(("省", "市", "区", "县")):
                    continue
            proper = self._proper_core(text, toks, core_start, m.start()) if len(core) > 1 else False
            after_verb = text[max(0, start - 3):start].lstrip("自主").endswith(("研发", "开发", "推出", "发布", "打造", "上线", "研制", "研发的", "开发的", "推出的", "打造的", "研制的"))
            core_toks = toks.inside(core_start, m.start())
            # one word naming the product (根云平台, 灵犀大模型), or a name jieba does not know
            # (cut into single characters); descriptive words (国产眼科人工智能) name none
            named = (len(core_toks) == 1 and core_toks[0] == (core_start, m.start()) and 2 <= len(core) <= 4
                     and self._name_word(core)) or \
                (len(core_toks) >= 2 and all(e_ - s_ == 1 for s_, e_ in core_toks) and len(core) <= 4
                 and core_toks[-1][1] == m.start() and not (start > 0 and text[start - 1].isdigit()))
            if after_verb and not anchor and not named and all(
                    text[s_:e_] in self.generic_cores or text[s_:e_] in res.generic_names for s_, e_ in core_toks):
                continue  # 发布旗舰手机: only descriptive words between the verb and the head
            if strength == "site":
                # 星岚10GWh储能电池基地项目, 东非光明…微电网项目, 襄阳…中试基地: a works or site is
                # named by a figure, a phase, a proper core, or a place with a description
                if len(core) < 2 or SITE_NOT_NAME.search(core):
                    continue
                if not (SITE_MARK.search(core) or (anchor is not None and len(core_toks) >= 2)):
                    continue
            if strength == "weak" and not anchor and not after_verb and not named:
                continue
            if strength == "strong" and not anchor and not proper:
                continue
            if anchor is None and not after_verb and not named and (strength == "weak" or len(core_toks) >= 2) \
                    and all(jieba.dt.FREQ.get(text[s_:e_], 0) > 0 for s_, e_ in core_toks):
                continue  # 国产眼科人工智能大模型: only descriptive words before the head
            model = text[start:m.start()]
            if strength == "weak" and re.search(r"[A-Za-z][A-Za-z0-9\-]*\d[A-Za-z0-9]*$|[A-Za-z]{2,}$", model) and len(model) >= 3 \
                    and not re.fullmatch(r"[A-Z]{2,5}", model):  # ERP系统 stays whole: an acronym names a kind
                end = m.start()  # 玄武S3芯片, NovaMind平台: the model name, without its kind word
            phase = re.match(r"[一二三四五六七八九十\d]{1,2}期(?:工程|项目)?", text[end:])
            if phase and head.endswith(("项目", "工程")) and not phase.group().endswith(("工程", "项目")):
                phase = None  # X项目二期开工: a phase of project X, not another name
            if phase:
                end += phase.end()  # 西安地铁19号线二期工程
            elif head.endswith(("站", "基地", "中心")) and text.startswith(("工程", "项目"), end) \
                    and not text.startswith(NP_CONTINUES, end + 2):
                end += 2  # 沙坡头110千伏升压站工程: the works named after the facility
            cand = Candidate(si, start, end, "Project", f"project:{head}", PRI["project"])
            if anchor is not None and anchor.start == start:
                cand.inner.append(anchor)
            out.append(cand)
        # quoted names in project context: “X”这一技术需求, 团队的“X”, “X”对布机器人 (a head follows)
        after_re = self.after_quote_re
        for m in (QUOTED.finditer(text) if "“" in text else ()):
            inner = m.group(1)
            after = text[m.end():m.end() + 12]
            before = text[max(0, m.start() - 6):m.start()].rstrip("了出")
            if CLAUSE_PUNCT.search(inner):
                continue
            english = re.match(r"[（(][A-Za-z][A-Za-z0-9 \-]{1,30}[)）]", after)
            # “宏远HY-800”型, “苏盐稻12”由…选育: a model before 型/系列, a result its makers follow
            english = english or (re.match(r"(?:型|系列)", after) and re.search(r"[A-Za-z0-9]", inner)) \
                or (after.startswith("由") and len(inner) >= 3)
            if after_re.match(after) or english or before.endswith(("团队的", "项目", "课题", "研发", "开发", "推出", "发布", "打造", "上线", "产品", "品牌", "牵头的", "承担的", "开展的", "建设的", "研发的", "打造的")) or before.endswith(self.head_words) \
                    or before.endswith(PRODUCT_KINDS):
                if CLAUSE_PUNCT.search(inner):
                    continue
                out.append(Candidate(si, m.start(1), m.end(1), "Project", "quoted-project", PRI["project"] + 1))
        # 巡检机器人“灵犀一号”, 大模型ChatZOC: a descriptive phrase right before the product's
        # own name is no name of its own
        named_at = {c.start for c in out if c.rule in ("quoted-project", "latin-name")}
        latin_end = {c.end: c for c in out if c.rule == "latin-name"}
        # 玄武X2芯片: the product's own name is the Latin one; the kind word after it is no part of it
        out = [c for c in out if not (c.rule.startswith("project:") and (
            c.end in named_at or c.end + 1 in named_at
            or any(lc.start == c.start and text[lc.end:c.end] in res.project_heads for lc in latin_end.values())))]
        return out

    # ------------------------------------------------------------------ lists and stock codes
    LIST_SPLIT = re.compile(r"(、|和|及)")
    LIST_TAIL_VERB = re.compile(r"(?:领投|跟投|参投|共同投资|联合投资|分别|合计|均为|均已)")
    SHAREHOLDER_OF = re.compile(r"(?:是|为|成为)([\u4e00-\u9fff]{2,8}?)的(?:控股股东|大股东|股东)")
    LIST_RE = re.compile(r"(?:[^、，。；：！？“”《》()（）\s]{2,10}、){1,}[^、，。；：！？“”《》()（）\s]{2,16}")
    LIST_TAIL = words("list_tail")
    COMPANY_CONTEXT = words("company_context")
    FINANCE_HEADS = words("finance_heads")

    def list_orgs(self, si: int, text: str, toks: Tokens, known: list[Candidate]) -> list[Candidate]:
        """Members of an enumeration of organisations (X、Y和Z) take the enumeration's type."""
        out: list[Candidate] = []
        res = self.res
        known_at = {(c.start, c.end): c for c in known}
        for m in (self.LIST_RE.finditer(text) if "、" in text else ()):
            items: list[tuple[int, int]] = []
            pos = m.start()
            for part in self.LIST_SPLIT.split(m.group()):
                if part in ("、", "和", "及"):
                    pos += len(part)
                    continue
                items.append((pos, pos + len(part)))
                pos += len(part)
            if len(items) < 2:
                continue
            # the first item starts after the last word that cannot be part of a name
            s0, e0 = items[0]
            first = toks.inside(s0, e0)
            if first:
                s0 = first[-1][0]
                for k in range(len(first) - 2, -1, -1):
                    a, b = first[k]
                    tok = text[a:b]
                    # 佳都科技: an unknown name jieba cut into single characters, one of which
                    # (都) is also a function word
                    split_name = b - a == 1 and k > 0 and first[k - 1][1] - first[k - 1][0] == 1 \
                        and text[first[k - 1][0]] not in "拟向对由将从与和及为是在"
                    if split_name:
                        s0 = a
                        continue
                    if (tok in res.boundaries or tok in res.speech_verbs or tok in GENERIC_ORG_NOUNS
                            or all(ch in "拟向对由将从与和及为是在" for ch in tok) or e0 - a > 8):
                        break
                    s0 = a
            while s0 < e0 and text[s0] in "拟向对由将从与和及为是":
                s0 += 1  # function characters jieba fused onto the first item
            items[0] = (s0, e0)
            sl, el = items[-1]
            for a, b in toks.starting_in(sl + 1, el):
                if text[a:b].startswith(self.LIST_TAIL):
                    el = a
                    break
            tail_verb = self.LIST_TAIL_VERB.search(text[sl:el])
            if tail_verb:
                el = sl + tail_verb.start()  # 高瓴创投跟投: jieba cut the verb into characters
            items[-1] = (sl, el)
            items = [(a, b) for a, b in items if 2 <= b - a <= 10]
            if len(items) < 2:
                continue
            kinds = []
            for a, b in items:
                name = text[a:b]
                k = known_at.get((a, b))
                if k is not None and top_class(k.type) in ("Company", "Institution"):
                    kinds.append(k.type)
                    continue
                if k is not None:
                    kinds.append(None)
                    continue
                region = res.region_matcher.longest_at(text, a)
                if region and 2 <= b - a - len(region) <= 3 and not name.isascii():
                    kinds.append("Company?")
                elif name.endswith(self.FINANCE_HEADS) and b - a >= 4:
                    kinds.append("Company?")
                elif self.res.suffix_re.fullmatch(name[-3:]) or name.endswith(self.agency_heads):
                    kinds.append("Agency?")
                else:
                    kinds.append("")
            tail = text[items[-1][1]:items[-1][1] + 16]
            head = text[max(0, items[0][0] - 12):items[0][0]]
            context = any(w in tail or w in head for w in self.COMPANY_CONTEXT)
            companyish = sum(1 for k in kinds if k in ("Company", "Company?"))
            agencies = sum(1 for k in kinds if k in ("GovernmentAgency",))
            if companyish >= max(2, (len(items) + 1) // 2) and context and "Company" in {top_class(k) for k in kinds if k and not k.endswith("?")} | ({"Company"} if companyish == len(items) or len(items) >= 3 else set()):
                for (a, b), k in zip(items, kinds):
                    if k in ("", "Company?") and not res.region_matcher.get(text[a:b]) and text[a:b] not in res.generic_names:
                        out.append(Candidate(si, a, b, "Company", "list", PRI["org"] - 1))
            elif agencies >= 1 and sum(1 for k in kinds if k in ("GovernmentAgency", "Agency?")) == len(items):
                for (a, b), k in zip(items, kinds):
                    if k == "Agency?":
                        out.append(Candidate(si, a, b, "GovernmentAgency", "list", PRI["org"] - 1))
        # Latin-script names in company context: X的全资子公司, X全部A类普通股, 收购X
        for m in (LATIN_CAPITALISED.finditer(text) if ASCII_LETTER.search(text) else ()):
            before = text[max(0, m.start() - 4):m.start()]
            if COMPANY_AFTER.match(text[m.end():m.end() + 24]) or before.endswith(("收购", "入股", "持股", "控股", "子公司")):
                if not (m.group().isupper() and len(m.group()) <= 3):
                    out.append(Candidate(si, m.start(), m.end(), "Company", "latin-company", PRI["org"] - 2))
        # 均已经是星海光电的股东: the body whose shareholders are named is a company
        for m in (self.SHAREHOLDER_OF.finditer(text) if "股东" in text else ()):
            a, b = m.span(1)
            if (a in toks.starts() or a == 0) and self._proper_core(text, toks, a, b) and not self.res.region_matcher.get(m.group(1)):
                out.append(Candidate(si, a, b, "Company", "shareholder-context", PRI["org"] - 2))
        # 巨人网络（002558）: a name followed by its stock code is a listed company
        for m in STOCK_CODE.finditer(text):
            if not re.search(r"\d{6}", m.group()):
                continue
            end = m.start()
            start = end
            for a, b in toks.before(end):
                if b != start or end - a > 10:
                    break
                tok = text[a:b]
                if tok in res.boundaries or not PUNCT.isdisjoint(tok):
                    break
                start = a
            if end - start >= 2:
                out.append(Candidate(si, start, end, "Company", "stock-code", PRI["org"]))
        return out

    # ------------------------------------------------------------------ credits
    @staticmethod
    def credit_people(credits: tuple[Credit, ...]) -> list[Candidate]:
        out = []
        for c in credits:
            for p in c.people:
                out.append(Candidate(p.sentence, p.start, p.end, "Person", f"credit:{p.role}", PRI["person"] + 20))
        return out


def select(cands: list[Candidate]) -> list[Candidate]:
    """Best non-overlapping candidates: longer first, then higher priority."""
    if len(cands) < 2:
        return [c for c in cands if c.priority >= 0]
    chosen: list[Candidate] = []
    taken: dict[int, list[tuple[int, int]]] = {}
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.sentence, c.start)):
        if c.priority < 0:
            continue
        spans = taken.setdefault(c.sentence, [])
        start, end = c.start, c.end
        for s, e in spans:
            if end > s and start < e:  # overlaps a span already taken
                break
        else:
            spans.append((start, end))
            chosen.append(c)
    chosen.sort(key=lambda c: (c.sentence, c.start))
    return chosen


def to_mention(c: Candidate, text: str) -> Mention:
    return Mention(c.sentence, c.start, c.end, text[c.start:c.end], c.type, c.rule, c.key, c.canonical)


_RECOGNISERS: dict[int, Recogniser] = {}


def recognise(parsed: ParsedDocument, res: Resources) -> tuple[list[Candidate], list[Rejection]]:
    """Candidates for every sentence, before document-level resolution."""
    rec = _RECOGNISERS.get(id(res))
    if rec is None or rec.res is not res:
        rec = _RECOGNISERS[id(res)] = Recogniser(res)
    cands: list[Candidate] = []
    rejected: list[Rejection] = []
    cands.extend(rec.credit_people(parsed.credits))
    credit_spans: dict[int, list[tuple[int, int]]] = {}
    for c in parsed.credits:
        credit_spans.setdefault(c.sentence, []).append((c.start, c.end))
    for sent in parsed.sentences:
        text = sent.text
        si = sent.index
        toks = Tokens(text)
        n_before = len(cands)
        # places and organisations start where words start; titles may hide inside a token (院长林浩)
        region_hits, org_hits = scan_all_many(text, [res.region_matcher, res.org_matcher], toks.starts())
        title_hits = res.title_matcher.scan_all(text)
        regions = select(rec.regions(si, text, toks, region_hits))
        lex = select(rec.lexicon_orgs(si, text, toks, org_hits))
        zones = rec.zones(si, text, toks, regions)
        regions = select(regions + zones)
        orgs = rec.grammar_orgs(si, text, toks, regions, lex, rejected)
        orgs += rec.list_orgs(si, text, toks, [c for c in orgs + lex if c.priority >= 0] + regions)
        cands.extend(regions)
        cands.extend(lex)
        cands.extend(orgs)
        cands.extend(rec.people(si, text, toks, set(), title_hits))
        cands.extend(rec.documents(si, text))
        cands.extend(rec.events(si, text, toks, regions))
        cands.extend(rec.projects(si, text, toks, regions, [c for c in orgs + lex if c.priority >= 0]))
        # bylines, datelines and photo credits name reporters; the outlets there are not news
        spans = credit_spans.get(si, [])
        if spans or sent.kind in ("byline", "caption"):
            kept = cands[:n_before]
            for c in cands[n_before:]:
                inside = sent.kind == "byline" or any(s <= c.start and c.end <= e for s, e in spans)
                if sent.kind == "caption" and c.type == "MediaOrganization":
                    inside = True
                if inside and c.type != "Person":
                    rejected.append(Rejection(si, text[c.start:c.end], "inside a byline or credit"))
                    continue
                kept.append(c)
            cands[:] = kept
    return cands, rejected
