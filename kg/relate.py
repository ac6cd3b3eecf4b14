"""Relations the text states, from trigger lexicons and sentence structure.

Works on one sentence at a time with its mentions in order.  Patterns (relation_triggers.tsv
names them): 由X(和Y)合作研发的Z, X自主研发的Z, X承建Y, X与Y签署…, X旗下的Y, Y隶属于X,
titles between an organisation and a person (…院长林浩), a region at the head of a name
(深圳市优必选… -> 深圳).  Lists (X、Y和Z) expand to each member.  Every candidate is checked
against the ontology's domain and range; a rejected one is reported, not silently dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Mention, Rejection, RelationMention
from kg.ns import DOMAIN_RANGE, allowed, top_class
from kg.resources import Resources
from kg.wordlists import words

CLAUSE_END = re.compile(r"[。；！？]")
LIST_SEP = re.compile(r"^[》”]?\s*(?:、|和|与|及|以及|，|,)?\s*[《“]?$")
# X和平板电脑Y: a member introduced by a short kind word (same type on both sides)
LIST_SEP_KIND = re.compile(r"^\s*(?:、|和|与|及|以及)[\u4e00-\u9fff]{2,6}$"
                           # “黔云一号”智算中心和“黔云二号”智算中心: the kind word after each member
                           r"|^[\u4e00-\u9fff]{2,6}(?:、|和|与|及|以及)$")


@dataclass(slots=True)
class Ctx:
    text: str
    ms: list[tuple[int, Mention]]  # (global mention index, mention), in text order


def _gap(text: str, a: Mention, b: Mention) -> str:
    """The text between two mentions, without alias brackets (（以下简称“X”）) or quotes."""
    return ALIAS_PAREN.sub("", text[a.end:b.start]).replace("“", "").replace("”", "")


def _group(cls: str) -> str:
    """Lists mix companies and institutions (A公司、B研究院参与); other kinds stay apart."""
    t = top_class(cls)
    return "Org" if t in ("Company", "Institution") else t


def _list_from(ctx: Ctx, k: int, direction: int) -> list[int]:
    """Positions in ctx.ms of a coordinated list starting at position k (X、Y和Z)."""
    out = [k]
    j = k
    while 0 <= j + direction < len(ctx.ms):
        a, b = (ctx.ms[j][1], ctx.ms[j + direction][1]) if direction > 0 else (ctx.ms[j + direction][1], ctx.ms[j][1])
        gap = _gap(ctx.text, a, b)
        if "，" in gap or not (LIST_SEP.match(gap) or (top_class(a.type) == "Project" and LIST_SEP_KIND.match(gap)
                                                      and not LIST_GAP_VERB.search(gap))):
            break
        if _group(ctx.ms[j + direction][1].type) != _group(ctx.ms[k][1].type):
            break
        j += direction
        out.append(j)
    return out


class Relater:
    def __init__(self, res: Resources):
        self.res = res
        self.triggers = res.triggers
        self.by_word: dict[str, list] = {}
        for t in res.triggers:
            self.by_word.setdefault(t.word, []).append(t)
        # trigger words by first character (in by_word order), and each word's rank (the
        # position of its first trigger in the table) for ordering the hits
        self.words_at: dict[str, list[str]] = {}
        for w in self.by_word:
            self.words_at.setdefault(w[:1], []).append(w)
        self.word_rank = {w: self.triggers.index(ts[0]) for w, ts in self.by_word.items()}
        # where a trigger word can start: one character class, cheaper in the regex engine
        # than trying the alternation at every position
        self.trigger_first_re = re.compile("[%s]" % "".join(sorted({re.escape(w[0]) for w in self.by_word}))) \
            if self.by_word else re.compile("(?!)")
        self._titles_by_len: tuple[int, tuple[str, ...]] | None = None

    def sentence(self, text: str, ms: list[tuple[int, Mention]], emit) -> None:
        if len(ms) < 2:
            return  # every rule relates two different mentions of the sentence
        ctx = Ctx(text, ms)
        self._titles(ctx, emit)
        self._subject_titles(ctx, emit)
        self._triggers(ctx, emit)
        self._located(ctx, emit)
        self._adjacent(ctx, emit)
        self._self_developed(ctx, emit)
        self._nationality(ctx, emit)
        self._structures(ctx, emit)

    # 院士王某某, 星海大学星海医学中心主任、附属医院院长李某
    def _titles(self, ctx: Ctx, emit) -> None:
        text = ctx.text
        for k, (gi, m) in enumerate(ctx.ms):
            if m.type != "Person":
                continue
            # walk back over titles and short unit words to the organisation
            j = k - 1
            while j >= 0:
                prev = ctx.ms[j][1]
                gap = text[prev.end:m.start]
                if top_class(prev.type) in ("Company", "Institution"):
                    if self._title_gap(ALIAS_PAREN.sub("", gap)):  # X（简称“Y”）首席科学家Z
                        emit(gi, "affiliatedWith", ctx.ms[j][0], "title")
                        # 英国皇家工程院外籍院士、西湖大学工学院院长某某: one title chain, two bodies
                        m = prev
                        j -= 1
                        continue
                    break
                if prev.type == "Person":
                    break
                j -= 1
                if top_class(prev.type) == "Region":
                    continue
                break


    def _subject_titles(self, ctx: Ctx, emit) -> None:
        """X成立于2022年，创始人兼首席执行官Y: a title opening a clause belongs to the
        organisation the sentence is about (its first mention)."""
        text, ms = ctx.text, ctx.ms
        if not ms or top_class(ms[0][1].type) not in ("Company", "Institution"):
            return
        for k, (gi, m) in enumerate(ms):
            if m.type != "Person" or k == 0:
                continue
            if any(top_class(p.type) in ("Company", "Institution", "Person") for _, p in ms[1:k]):
                continue
            clause = text[:m.start]
            cut = max(clause.rfind("，"), clause.rfind("；"))
            if cut < ms[0][1].end:
                continue
            head = clause[cut + 1:]
            if head and SUBJECT_TITLE_RE.fullmatch(head):
                emit(gi, "affiliatedWith", ms[0][0], "subject-title")

    def _title_gap(self, gap: str) -> bool:
        if not gap or len(gap) > 24 or GAP_PUNCT.search(gap):
            return False
        titles = self.res.titles
        # the gap must end with a title; what precedes it may be a short unit name or another title
        gap = gap.rstrip("、")
        cached = self._titles_by_len
        if cached is None or cached[0] != len(titles):
            cached = self._titles_by_len = (len(titles), tuple(sorted(titles, key=len, reverse=True)))
        if gap.endswith(cached[1]):
            for t in cached[1]:
                if gap.endswith(t):
                    rest = gap[: -len(t)].rstrip("、")
                    return len(rest) <= 10 and not TITLE_REST_BAD.search(rest)
        m = LEGAL_REP_END.search(gap)
        return bool(m)

    def _triggers(self, ctx: Ctx, emit) -> None:
        text = ctx.text
        ms = ctx.ms
        if len(ms) < 2:
            return
        hits: list[tuple[str, int]] = []
        words_at = self.words_at
        for m_ in self.trigger_first_re.finditer(text):
            pos = m_.start()
            for word in words_at[m_.group()]:
                if text.startswith(word, pos):
                    hits.append((word, pos))  # every trigger word starting here (合作研发, 研发 …)
        rank = self.word_rank
        hits.sort(key=lambda h: (rank[h[0]], h[1]))
        longest: dict[int, int] = {}  # position -> length of the longest trigger word there
        for w, p_ in hits:
            if len(w) > longest.get(p_, 0):
                longest[p_] = len(w)
        for word, pos in hits:
            end = pos + len(word)
            if any(m.start <= pos < m.end for _, m in ms):
                continue  # 控股 inside 泛海控股集团 is part of a name, no trigger
            suffix = self.res.suffix_re.match(text, end)
            if suffix and self.res.suffixes[suffix.group()].cls == "Company" and not any(m.start == end for _, m in ms):
                continue  # 投资 in 某某投资有限公司, a name not recognised: no trigger either (but 持有公司…
                # with 公司 for the article's company is one)
            left = [k for k, (_, m) in enumerate(ms) if m.end <= pos and not CLAUSE_END.search(text[m.end:pos])]
            right = [k for k, (_, m) in enumerate(ms) if m.start >= end and not CLAUSE_END.search(text[end:m.start])]
            # X投资建设、Y承建: 投资 is part of the longer verb 投资建设, whose object is not Y
            longer = longest[pos] > len(word)
            for trig in self.by_word[word]:
                if longer and trig.pattern == "SVO":
                    continue
                self._apply(ctx, trig, pos, end, left, right, emit)

    def _names_a_unit_after(self, text: str, end: int) -> bool:
        """Whether the words right after `end` end with an organisation suffix (…联合实验室)."""
        run_ = CJK_RUN.match(text, end)
        if run_ is None:
            return False
        return any(mm.end() == run_.end() for mm in self.res.suffix_re.finditer(text, end, run_.end()))

    def _verb_then_comma(self, span: str) -> bool:
        """A trigger verb ending a clause of the span (X投资建设、…), not one a partner list
        continues (X牵头，联合A、B)."""
        for m_ in self.trigger_first_re.finditer(span):
            for w in self.words_at[m_.group()]:
                e = m_.start() + len(w)
                if span.startswith(w, m_.start()) and span[e:e + 1] in ("、", "，") \
                        and not PARTNER_LEAD.match(span, e + 1):
                    return True
        return False

    def _apply(self, ctx: Ctx, trig, pos: int, end: int, left: list[int], right: list[int], emit) -> None:
        text, ms = ctx.text, ctx.ms
        p = trig.predicate
        rule = f"{trig.pattern}:{trig.word}"
        if trig.pattern == "YOUS":
            # 由X(和Y)(合作)研发的Z
            you = text.rfind("由", 0, pos)
            if you < 0 or CLAUSE_END.search(text[you:pos]):
                return
            if "，" in text[you:pos] and not COMMA_JOINT.search(text[you:pos]):
                return  # 由X牵头，联合A、B共同攻关的Y: one agent list across the comma
            subj = [k for k in left if ms[k][1].start >= you]
            # 由A所属B研制: A is B's parent, B does the work
            subj = [k for k in subj if not OWNED_AFTER.match(text[ms[k][1].end:ms[k][1].end + 2])]
            if not subj:
                return
            # 由X投资建设、Y承建: each verb has its own agents, the list right before it
            near = [k for k in _list_from(ctx, subj[-1], -1) if k in subj]
            if near[-1] != subj[0] and self._verb_then_comma(text[ms[subj[0]][1].end:ms[near[-1]][1].start]):
                subj = near
            if text[end:end + 1] == "的":
                rng = DOMAIN_RANGE[p][1]
                objs = [k for k in right if top_class(ms[k][1].type) in rng][:1]
            else:
                # Z由X与Y联合研发 / “Z”（English）由…: the product stands right before 由
                objs = [k for k in left if ms[k][1].end <= you and top_class(ms[k][1].type) == "Project"
                        and BEFORE_YOU.fullmatch(text[ms[k][1].end:you])][-1:]
                if not objs and text[you - 1:you] == "，" and top_class(ms[0][1].type) == "Project" \
                        and TOPIC_LEAD.fullmatch(text[:ms[0][1].start]) and not any(
                            top_class(mm.type) in ("Company", "Institution", "Project") and mm.end <= you
                            for _, mm in ms[1:]):
                    # Z是工程受端的核心枢纽，由X承建 / 该芯片采用4纳米工艺，由X自主设计: the
                    # project the sentence opens with, when nothing else is named before 由
                    objs = [0]
            subjects = [k for k in subj if top_class(ms[k][1].type) in ("Company", "Institution")]
            for o in objs:
                for s in subjects:
                    emit(ms[s][0], p, ms[o][0], rule)
            if len(subjects) > 1 and any(w in trig.word for w in ("合作", "联合", "共同", "合资")):
                for a in subjects:
                    for b in subjects:
                        if a < b:
                            emit(ms[a][0], "cooperatesWith", ms[b][0], rule)
            return
        if trig.pattern == "SdeO":
            if text[end:end + 1] != "的" or not left:
                return
            s = left[-1]
            gap = ALIAS_PAREN.sub("", text[ms[s][1].end:pos])  # X（以下简称“Y”）最新推出的Z
            if len(gap) > 6 or SDEO_GAP_BAD.search(gap):
                return
            objs = [k for k in right if top_class(ms[k][1].type) == "Project" and ms[k][1].start - end <= 20][:1]
            # A与B联合开发的Z: every member of the list before the verb
            # (A与B历时两年联合研发的Z: a time span between the list and the verb)
            subjects = [k for k in _list_from(ctx, s, -1) if top_class(ms[k][1].type) in ("Company", "Institution")] \
                if not gap or SPAN_GAP.fullmatch(gap) else [s]
            # 天穹四号是X自主研制的中型运载火箭: the product the sentence is about
            first = min(subjects) if subjects else s
            if first > 0 and top_class(ms[first - 1][1].type) == "Project" \
                    and PRODUCT_IS.fullmatch(text[ms[first - 1][1].end:ms[first][1].start]):
                objs = [first - 1]
            for o in objs:
                for sk in subjects:
                    emit(ms[sk][0], p, ms[o][0], rule)
            if objs and len(subjects) > 1 and any(w in trig.word for w in ("合作", "联合", "共同")):
                for a in subjects:
                    for b in subjects:
                        if a < b:
                            emit(ms[a][0], "cooperatesWith", ms[b][0], rule)
            return
        if trig.pattern == "SVO":
            agents = [k for k in left if top_class(ms[k][1].type) in ("Company", "Institution", "Person")]
            if not agents or not right:
                return
            s = agents[-1]  # the nearest organisation or person before the verb (not a place)
            if ms[s][1].type == "Person" and s > 0 and top_class(ms[s - 1][1].type) in ("Company", "Institution") \
                    and self._title_gap(text[ms[s - 1][1].end:ms[s][1].start]):
                s -= 1  # 衡源量子首席科学家赵一鸣发布了X: the company releases it
                gap = ""
            else:
                gap = ALIAS_PAREN.sub("", text[ms[s][1].end:pos])  # X（以下简称“Y”）直接持有Z
            if p == "invests":
                gap = MONEY_MEANS.sub("", gap)  # X拟以自有资金3000万元参股Y
            elif p == "undertakes":
                gap = re.sub(r"以[^，。；]{1,12}?方式", "", gap)  # X以EPC总承包方式中标承建Y
            if "，" in gap and s == next((k for k, (_, mm) in enumerate(ms) if top_class(mm.type) in ("Company", "Institution")), -1) \
                    and SUBJECT_ADVERBS.fullmatch(gap.rsplit("，", 1)[1]) and len(gap) <= 40:
                gap = ""  # X在杭州举行发布会，正式推出Y: the sentence's subject
            if len(gap) > 12 or COMMA_OR_ENUM.search(gap):
                return
            # 该局结合新出台的《X》: a verb in a relative clause has another agent; 是为收购X而…
            # states a purpose, not a deed
            if (gap and text[end:end + 1] == "的") or PURPOSE_END.search(gap):
                return
            o = right[0]
            # a quoted product may stand at the end of a longer description (合作开发面向…的第二代产品“Z”)
            reach = 30 if p == "develops" and text[ms[o][1].start - 1:ms[o][1].start] == "“" else 10
            if ms[o][1].start - end > reach or re.search(r"[，；。：]", text[end:ms[o][1].start]):
                return
            if p == "develops" and self._names_a_unit_after(text, ms[o][1].end):
                return  # 共建硅光芯片联合实验室: the thing is a lab's topic, not the object
            subjects = _list_from(ctx, s, -1)
            # X(将)联合Y开发Z, X携手Y推出Z: both develop it
            if s > 0 and JOINT_GAP.fullmatch(text[ms[s - 1][1].end:ms[s][1].start]):
                subjects.append(s - 1)
            for ok in _list_from(ctx, o, +1):
                for sk in subjects:
                    emit(ms[sk][0], p, ms[ok][0], rule)
            return
        if trig.pattern == "WITH":
            # X与Y签署 / X和Y合作 / X联合Y
            if trig.word == "联合" and left and right:
                s, o = left[-1], right[0]
                if len(text[ms[s][1].end:pos]) <= 4 and ms[o][1].start - end <= 2:
                    for ok in _list_from(ctx, o, +1):
                        emit(ms[s][0], p, ms[ok][0], rule)
                return
            # X…，并与Y签订…协议: the sentence's subject (its first organisation) signs
            if left and top_class(ms[0][1].type) in ("Company", "Institution"):
                for b in left:
                    gap = text[ms[b][1].start - 3:ms[b][1].start]
                    if b > 0 and AND_WITH_END.search(gap) and not STOP_OR_SEMI.search(text[ms[0][1].end:ms[b][1].start]):
                        between = ALIAS_PAREN.sub("", text[ms[b][1].end:pos])
                        if len(between) <= 16 and "，" not in between and not any(
                                top_class(ms[k][1].type) in ("Company", "Institution") and ms[k][1].end <= ms[b][1].start
                                and k > 0 for k in range(1, b)):
                            emit(ms[0][0], p, ms[b][0], rule + ":subject")
            # X与Y(、Z等)…签署 / X已与Y建立合作: X with every member of the list after 与
            for a_i in range(len(left)):
                a = left[a_i]
                for b in left[a_i + 1:]:
                    gap = _gap(text, ms[a][1], ms[b][1])
                    if WITH_GAP.fullmatch(gap):
                        partners = [k for k in _list_from(ctx, b, +1) if k in left]
                        between = ALIAS_PAREN.sub("", text[ms[partners[-1]][1].end:pos])
                        if len(between) <= 16 and not COMMA_OR_STOP.search(between):
                            for k in partners:
                                emit(ms[a][0], p, ms[k][0], rule)
            return
        if trig.pattern == "PART":
            # “X”项目由A牵头，B、C参与 / B作为合作单位参与X: the participants undertake it too
            if left:
                s = left[-1]
                if ms[s][1].end == pos or PART_GAP.fullmatch(text[ms[s][1].end:pos]):
                    proj = [k for k in range(len(ms)) if top_class(ms[k][1].type) == "Project" and ms[k][1].end <= pos
                            and not CLAUSE_END.search(text[ms[k][1].end:pos])]
                    if proj:
                        for sk in _list_from(ctx, s, -1):
                            emit(ms[sk][0], p, ms[proj[-1]][0], rule)
            return
        if trig.pattern == "PAR":
            # X旗下(的)Y
            if left and right:
                s, o = left[-1], right[0]
                if ms[s][1].end == pos and ms[o][1].start - end <= 1:
                    if ms[s][1].type == "Person":
                        emit(ms[s][0], "affiliatedWith", ms[o][0], rule)
                    else:
                        emit(ms[o][0], "partOf", ms[s][0], rule)
            return
        if trig.pattern == "OBS":
            if left and right:
                s, o = left[-1], right[0]
                if len(text[ms[s][1].end:pos]) <= 2 and ms[o][1].start - end <= 1:
                    emit(ms[s][0], "partOf", ms[o][0], rule)
            return

    def _located(self, ctx: Ctx, emit) -> None:
        text = ctx.text
        for m_ in (LOCATED_VERB.finditer(text) if "于" in text or "落户" in text or "在" in text else ()):
            left = [k for k, (_, m) in enumerate(ctx.ms) if m.end <= m_.start() and top_class(m.type) in ("Company", "Institution", "Project")]
            right = [k for k, (_, m) in enumerate(ctx.ms) if m.start == m_.end() and m.type in ("Region", "Country", "Province", "City", "County", "Zone")]
            if left and right and "，" in text[ctx.ms[left[-1]][1].end:m_.start()]:
                first = ctx.ms[0][1]
                between = text[first.end:m_.start()]
                r = right[0]
                while r + 1 < len(ctx.ms) and ctx.ms[r + 1][1].start == ctx.ms[r][1].end:
                    r += 1
                if left == [0] and top_class(first.type) in ("Company", "Institution") and len(between) <= 20 \
                        and SUBJECT_CLAUSE_END.search(between) and not re.search(r"[“”的]", between) \
                        and LEAD_IN.fullmatch(text[:first.start]) and text[ctx.ms[r][1].end:ctx.ms[r][1].end + 1] != "的" \
                        and all(mm.end <= first.end or mm.start >= m_.end() for _, mm in ctx.ms):
                    # X成立于2021年，位于Y: the sentence's subject is in Y
                    emit(ctx.ms[0][0], "locatedIn", ctx.ms[r][0], "located-subject")
                    continue
                left = []  # 从X获悉，位于Y的Z: X is not where Z is
            # 位于Y的Z: Z is in Y
            if right and not left:
                r = right[0]
                while r + 1 < len(ctx.ms) and ctx.ms[r + 1][1].start == ctx.ms[r][1].end:
                    r += 1
                after = [k for k, (_, mm) in enumerate(ctx.ms) if mm.start > ctx.ms[r][1].end
                         and top_class(mm.type) in ("Company", "Institution", "Project")]
                if after:
                    gap = text[ctx.ms[r][1].end:ctx.ms[after[0]][1].start]
                    if re.fullmatch(r"的“?", gap):
                        # 位于Y的“A”智算中心和“B”智算中心: each member of the list
                        for a_ in _list_from(ctx, after[0], +1):
                            emit(ctx.ms[a_][0], "locatedIn", ctx.ms[r][0], "located")
                continue
            if left and right:
                s = left[-1]
                # 广州市天河区: the most specific of a chain of regions
                r = right[0]
                while r + 1 < len(ctx.ms) and ctx.ms[r + 1][1].start == ctx.ms[r][1].end and ctx.ms[r + 1][1].type in ("Region", "Country", "Province", "City", "County", "Zone"):
                    r += 1
                right = [r]
                if m_.start() - ctx.ms[s][1].end <= 4:
                    emit(ctx.ms[s][0], "locatedIn", ctx.ms[right[0]][0], "located")


    # 华为MindSpore, 致景科技的“百布”: an organisation right before its product
    def _adjacent(self, ctx: Ctx, emit) -> None:
        text = ctx.text
        for k in range(len(ctx.ms) - 1):
            (gi, a), (gj, b) = ctx.ms[k], ctx.ms[k + 1]
            if top_class(a.type) not in ("Company", "Institution") or top_class(b.type) != "Project":
                continue
            gap = ALIAS_PAREN.sub("", text[a.end:b.start]).replace("“", "").replace("”", "")
            if gap in ("", "的", "旗下", "旗下的", "自主研发的", "研发的", "推出的", "的新一代") or ADJACENT_KIND.fullmatch(gap) \
                    or (gap.startswith("的") and OWN_KIND.fullmatch(gap)):  # X的旗舰处理器Y, X的一英寸传感器Y
                emit(gi, "develops", gj, "adjacent")

    # X发布…搭载自研Y芯片: a product the sentence's organisation made itself
    def _self_developed(self, ctx: Ctx, emit) -> None:
        text = ctx.text
        for k, (gj, b) in enumerate(ctx.ms):
            if top_class(b.type) != "Project" or not (text[max(0, b.start - 6):b.start].endswith(SELF_MADE)
                                                     or SELF_MADE_KIND.search(text, max(0, b.start - 16), b.start)):
                continue  # (自研的影像芯片“Y”: a kind word between)
            orgs = [i for i, (_, a) in enumerate(ctx.ms[:k]) if top_class(a.type) in ("Company", "Institution")]
            if orgs and orgs[0] > 0 and top_class(ctx.ms[orgs[0] - 1][1].type) == "Project" \
                    and text[ctx.ms[orgs[0] - 1][1].end:ctx.ms[orgs[0]][1].start].strip("”") in ("是", "为", "系"):
                continue  # 天穹五号是X自主研制的中型运载火箭: a description of the product named first
            if orgs and not CLAUSE_END.search(text[ctx.ms[orgs[0]][1].end:b.start]):
                emit(ctx.ms[orgs[0]][0], "develops", gj, "self-developed")

    # 美国电动汽车制造商特斯拉公司, 德国西门子: a country or place describing an organisation
    def _nationality(self, ctx: Ctx, emit) -> None:
        text = ctx.text
        for k in range(len(ctx.ms) - 1):
            (gi, a), (gj, b) = ctx.ms[k], ctx.ms[k + 1]
            if top_class(a.type) != "Region" or top_class(b.type) not in ("Company", "Institution"):
                continue
            if a.type not in ("Country", "Province", "City", "Region"):
                continue
            gap = text[a.end:b.start]
            if gap in ("", "的") or (len(gap) <= 10 and NATIONALITY_GAP.fullmatch(gap)
                                     and not NATIONALITY_GAP_BAD.search(gap)):
                emit(gj, "locatedIn", gi, "nationality")

    # sentence structures that carry a relation between two mentions
    def _structures(self, ctx: Ctx, emit) -> None:
        text, ms = ctx.text, ctx.ms
        n = len(ms)
        for k in range(n):
            gi, a = ms[k]
            for j in range(k + 1, min(n, k + 4)):
                gj, b = ms[j]
                gap = text[a.end:b.start]
                if CLAUSE_END.search(gap) or len(gap) > 24:
                    break
                after = text[b.end:b.end + 12]
                if after[:1] in "（(":  # Y是X（以下简称“Z”）的全资子公司
                    after = ALIAS_PAREN.sub("", text[b.end:b.end + 60])[:12]
                # Y为X的(全资)子公司 / Y是X的下属单位
                if gap in GAP_IS and SUBSIDIARY_AFTER.match(after):
                    for s_ in (_list_from(ctx, k, -1) if gap[:1] in ("均", "都", "分") else (k,)):
                        emit(ms[s_][0], "partOf", gj, "subsidiary")  # X和Y均为Z的全资子公司
                # Y背后为X / Y则属于X / Y属于X
                elif gap in GAP_BELONGS:
                    for s_ in _list_from(ctx, k, -1):
                        emit(ms[s_][0], "partOf", gj, "belongs")
                # X均已经是Y的股东 / X为Y的股东
                elif gap in GAP_ALREADY_IS and SHAREHOLDER_AFTER.match(after):
                    for s_ in _list_from(ctx, k, -1):
                        emit(ms[s_][0], "invests", gj, "shareholder")
                # X的控股股东Y / X控股股东Y
                elif gap in GAP_SHAREHOLDER:
                    emit(gj, "invests", gi, "shareholder")
                # X…对Y的收购 / X收购Y
                elif "对" in gap and ACQUISITION_AFTER.match(after) and len(gap) <= 30 and "，" not in gap:
                    emit(gi, "invests", gj, "acquisition")
                # 隶属于X的Y
                elif gap in ("的", "下属的", "旗下的") and BELONGS_BEFORE.search(text[:a.start]):
                    emit(gj, "partOf", gi, "belongs")
                # 与X签约的Y …: no relation by itself
        # X的(网络游戏)产品主要为《A》《B》: an organisation's products
        for k in (range(n) if "产品" in text else ()):
            gi, a = ms[k]
            if top_class(a.type) not in ("Company", "Institution"):
                continue
            if "产品" not in text[a.end:a.end + 20]:
                continue
            m = PRODUCTS_RE.match(text[a.end:a.end + 40])
            if not m:
                continue
            first = [j for j in range(k + 1, n) if ms[j][1].start >= a.end + m.end() and top_class(ms[j][1].type) == "Project"]
            lead = text[a.end + m.end():ms[first[0]][1].start] if first else ""
            if first and len(lead) <= 8 and re.fullmatch(r"[\u4e00-\u9fff“《]*", lead):  # 包括巡检机器人“X”
                for j in _list_from(ctx, first[0], +1):
                    emit(gi, "develops", ms[j][0], "products")
        # X成立于2021年，主要产品为…“Z”: the products of the sentence's subject
        if n >= 2 and top_class(ms[0][1].type) in ("Company", "Institution"):
            for m in CLAUSE_PRODUCTS.finditer(text):
                if m.start() < ms[0][1].end or any(ms[0][1].end <= mm.start < m.start()
                                                   and top_class(mm.type) in ("Company", "Institution") for _, mm in ms):
                    continue
                first = [j for j in range(1, n) if ms[j][1].start >= m.end() and top_class(ms[j][1].type) == "Project"]
                lead = text[m.end():ms[first[0]][1].start] if first else ""
                if first and len(lead) <= 12 and re.fullmatch(r"[\u4e00-\u9fff“《]*", lead):
                    for j in _list_from(ctx, first[0], +1):
                        emit(ms[0][0], "develops", ms[j][0], "subject-products")
        # 长嘉集团持股比例为65%, 由公司持股60%: the holder invests in the company the sentence is about
        for m in (HOLDING_RE.finditer(text) if "持股" in text else ()):
            holders = [k for k, (_, mm) in enumerate(ms) if mm.end <= m.start() and m.start() - mm.end <= 2
                       and top_class(mm.type) in ("Company", "Institution", "Person")]
            if not holders:
                continue
            h = holders[-1]
            group = [k for k in _list_from(ctx, h, -1) if top_class(ms[k][1].type) in ("Company", "Institution", "Person")]
            # X和Y分别持股9%和6%，为公司第三、第四大股东: the company they are shareholders of
            tail = SHAREHOLDER_OF_AFTER.match(text, m.end())
            after = next((k for k in range(h + 1, len(ms)) if tail and ms[k][1].start == tail.end()
                          and top_class(ms[k][1].type) == "Company"), None)
            if after is not None and SHAREHOLDER_WORD.match(text, ms[after][1].end):
                for g in group:
                    emit(ms[g][0], "invests", ms[after][0], "holding")
                continue
            if text[max(0, m.start() - 1):m.start()] == "各":
                continue  # X与Y各持股50%: partners of a joint venture, neither holds the other
            # (a company that holds a stake itself, X持股60%，Y持股40%, is no company held)
            held = [k for k, (_, mm) in enumerate(ms[:h]) if top_class(mm.type) == "Company" and k not in group
                    and ms[k][0] not in {ms[g][0] for g in group} and not HOLDER_AFTER.match(text, mm.end)]
            near = [k for k in held if ms[k][1].start > text.rfind("；", 0, m.start())]
            if near:
                emit(ms[h][0], "invests", ms[near[0]][0], "holding")
        # …公告，控股股东X拟…: X holds shares of the company the sentence is about
        companies = [k for k, (_, mm) in enumerate(ms) if top_class(mm.type) == "Company"] if "股东" in text else []
        if companies:
            subject = companies[0]
            for k, (gk, mm) in enumerate(ms):
                if k != subject and top_class(mm.type) in ("Company", "Institution", "Person") \
                        and CONTROLLING_BEFORE.search(text[max(0, mm.start - 9):mm.start]) \
                        and mm.start > ms[subject][1].end and ms[k][0] != ms[subject][0]:
                    emit(gk, "invests", ms[subject][0], "controlling-shareholder")
        # X向Y发放…贷款 / Y获得X…贷款: a lender invests in the borrower (FORMAT.md: investor/lender)
        for k in (range(n) if "向" in text or "获得" in text else ()):
            gi, a = ms[k]
            if top_class(a.type) not in ("Company", "Institution"):
                continue
            for j in range(k + 1, min(n, k + 3)):
                gj, b = ms[j]
                gap = text[a.end:b.start]
                after = text[b.end:b.end + 24]
                if top_class(b.type) not in ("Company", "Institution") or CLAUSE_END.search(gap):
                    continue
                if gap.endswith("向") and LOAN_GAP.fullmatch(gap) and LOAN_AFTER.match(after):
                    emit(gi, "invests", gj, "loan")
                elif gap.endswith("获得") and BORROW_GAP.fullmatch(gap) and BORROW_AFTER.match(after):
                    emit(gj, "invests", gi, "loan")
        # Y作为临床合作单位参与 / Y为项目合作单位: a partner of the body the sentence is about
        for m in (PARTNER_RE.finditer(text) if "合作" in text else ()):
            partner = [k for k, (_, mm) in enumerate(ms) if mm.end <= m.start() and m.start() - mm.end <= 1
                       and top_class(mm.type) in ("Company", "Institution")]
            lead = [k for k, (_, mm) in enumerate(ms) if top_class(mm.type) in ("Company", "Institution")]
            if partner and lead and lead[0] != partner[-1]:
                emit(ms[lead[0]][0], "cooperatesWith", ms[partner[-1]][0], "partner-unit")
        # X、Y…合计持有的Z: holders of Z's shares invest in Z
        for m in (HOLDS_RE.finditer(text) if "持有" in text else ()):
            left = [k for k, (_, mm) in enumerate(ms) if mm.end <= m.start() and m.start() - mm.end <= 2]
            right = [k for k, (_, mm) in enumerate(ms) if mm.start >= m.end() and mm.start - m.end() <= 2]
            if left and right:
                for s_ in _list_from(ctx, left[-1], -1):
                    emit(ms[s_][0], "invests", ms[right[0]][0], "holds")
        for keys, structure in _STRUCTURES:
            if any(k in text for k in keys):
                getattr(self, structure)(ctx, emit)

    def _joint_agents(self, ctx: Ctx, emit) -> None:
        """X与Y组成的联合体中标Z: the members cooperate and each undertakes Z; 由X与Y联合/共同…:
        the agents listed after 由 cooperate."""
        text, ms = ctx.text, ctx.ms
        if "联合体" not in text and not any(w in text for w in ("联合", "共同", "合作")):
            return
        orgs = [k for k, (_, mm) in enumerate(ms) if top_class(mm.type) in ("Company", "Institution")]
        for m in CONSORTIUM_RE.finditer(text):
            last = next((k for k in reversed(orgs) if ms[k][1].end <= m.start()
                         and re.fullmatch(r"(?:等|等单位|等企业)?(?:共同)?", ALIAS_PAREN.sub("", text[ms[k][1].end:m.start()]))), None)
            if last is None:
                continue
            members = [k for k in _list_from(ctx, last, -1) if k in orgs]
            for a in members:
                for b in members:
                    if a < b:
                        emit(ms[a][0], "cooperatesWith", ms[b][0], "consortium")
            won = CONSORTIUM_WINS.match(text, m.end())
            if won:
                obj = next((k for k in range(len(ms)) if ms[k][1].start >= won.end() and ms[k][1].start - won.end() <= 1
                            and top_class(ms[k][1].type) == "Project"), None)
                if obj is not None:
                    for a in members:
                        emit(ms[a][0], "undertakes", ms[obj][0], "consortium")
        for m in re.finditer("由", text):
            first = next((k for k in orgs if 0 <= ms[k][1].start - m.end() <= 1), None)
            if first is None:
                continue
            members = [k for k in _list_from(ctx, first, +1) if k in orgs]
            if len(members) < 2 or not JOINT_AFTER.match(ALIAS_PAREN.sub("", text[ms[members[-1]][1].end:ms[members[-1]][1].end + 40])):
                continue
            for a in members:
                for b in members:
                    if a < b:
                        emit(ms[a][0], "cooperatesWith", ms[b][0], "joint-agents")

    def _own_site(self, ctx: Ctx, emit) -> None:
        """X宣布，其位于Y的Z项目开工 / X位于Y的Z工厂: the organisation's own works or product."""
        text, ms = ctx.text, ctx.ms
        for m in re.finditer("位于", text):
            owner = next((k for k, (_, mm) in enumerate(ms) if mm.end == m.start()
                          and top_class(mm.type) in ("Company", "Institution")), None)
            if owner is None:
                continue
            k = owner + 1
            while k < len(ms) and top_class(ms[k][1].type) == "Region" and ms[k][1].start - m.end() <= 30:
                k += 1
            if k < len(ms) and k > owner + 1 and top_class(ms[k][1].type) == "Project" \
                    and re.fullmatch(r"[\u4e00-\u9fff]{0,6}的“?", text[ms[k - 1][1].end:ms[k][1].start]) \
                    and not CLAUSE_END.search(text, m.end(), ms[k][1].start) and "，" not in text[m.end():ms[k][1].start]:
                emit(ms[owner][0], "develops", ms[k][0], "own-site")

    def _share_transfer(self, ctx: Ctx, emit) -> None:
        """将(所持)Y（…）20%股权…转让给Z: Z invests in Y."""
        text, ms = ctx.text, ctx.ms
        for m in SHARE_RE.finditer(text):
            held = next((k for k in range(len(ms) - 1, -1, -1) if ms[k][1].end <= m.start()
                         and top_class(ms[k][1].type) in ("Company", "Institution")
                         and SHARE_GAP.fullmatch(ALIAS_PAREN.sub("", text[ms[k][1].end:m.start()]))), None)
            if held is None:
                continue
            rest = text[m.end():]
            to = TRANSFER_TO.match(rest)
            if to is None:
                continue
            buyer = next((k for k, (_, mm) in enumerate(ms) if mm.start == m.end() + to.end()
                          and top_class(mm.type) in ("Company", "Institution", "Person")), None)
            if buyer is not None and ms[buyer][0] != ms[held][0]:
                emit(ms[buyer][0], "invests", ms[held][0], "share-transfer")

    def _customers(self, ctx: Ctx, emit) -> None:
        """X的最大客户为Y: a supplier and its customer have a business agreement."""
        text, ms = ctx.text, ctx.ms
        for m in CUSTOMER_RE.finditer(text):
            sup = next((k for k, (_, mm) in enumerate(ms) if mm.end == m.start()
                        and top_class(mm.type) in ("Company", "Institution")), None)
            if sup is None:
                continue
            cust = next((k for k, (_, mm) in enumerate(ms) if m.end() <= mm.start <= m.end() + 12
                         and top_class(mm.type) in ("Company", "Institution")
                         and CUSTOMER_LEAD.fullmatch(text[m.end():mm.start])), None)
            if cust is not None:
                for k in _list_from(ctx, cust, +1):
                    emit(ms[sup][0], "cooperatesWith", ms[k][0], "customer")

    def _financing(self, ctx: Ctx, emit) -> None:
        """X为Y提供…贷款, Y…由X提供…融资, 项目总投资…，其中X提供…贷款: a lender invests in the
        borrower (FORMAT.md: investor/lender), the one named after 为, else the first
        organisation or project of the sentence."""
        text, ms = ctx.text, ctx.ms
        for k, (gk, mm) in enumerate(ms):
            if top_class(mm.type) not in ("Company", "Institution"):
                continue
            m = LENDER_AFTER.match(ANY_PAREN_START.sub("", ALIAS_PAREN.sub("", text[mm.end:mm.end + 80])))
            if m is None or text[max(0, mm.start - 1):mm.start] in ("为", "向", "给"):
                continue  # 为X提供: X is the borrower
            if m.group(1) is not None:
                # X为Y提供: Y, a mention inside the 为 phrase
                lo = mm.end + m.start(1)
                target = next((j for j in range(k + 1, len(ms)) if ms[j][1].start >= lo
                               and ms[j][1].end <= lo + len(m.group(1)) + 8
                               and top_class(ms[j][1].type) in ("Company", "Institution", "Project")), None)
            else:
                target = next((j for j in range(k) if top_class(ms[j][1].type) in ("Company", "Institution", "Project")
                               and ms[j][0] != gk), None)
            if target is not None:
                emit(gk, "invests", ms[target][0], "lender")

    def _licensing(self, ctx: Ctx, emit) -> None:
        """X将Z的…权益授予Y, X授权Y生产, Y获得X的独家许可: licensing is an agreement between the
        two (cooperatesWith)."""
        text, ms = ctx.text, ctx.ms
        orgs = [k for k, (_, mm) in enumerate(ms) if top_class(mm.type) in ("Company", "Institution")]
        for m in LICENSE_RE.finditer(text):
            before = [k for k in orgs if ms[k][1].end <= m.start() and not CLAUSE_END.search(text[ms[k][1].end:m.start()])]
            after = [k for k in orgs if ms[k][1].start >= m.end() and not CLAUSE_END.search(text[m.end():ms[k][1].start])]
            if not before or not after:
                continue
            word = m.group()
            a = before[-1]
            if word.endswith("授予"):
                # X将…授予Y: the grantor is the subject before 将
                jiang = text.rfind("将", ms[a][1].end, m.start())
                grantors = [k for k in before if ms[k][1].end <= jiang] if jiang >= 0 else []
                if not grantors or not LICENSE_GRANTOR_GAP.fullmatch(ALIAS_PAREN.sub("", text[ms[grantors[-1]][1].end:jiang])):
                    continue
                a = grantors[-1]
                b = after[0]
                if not LICENSED_THING.search(text[jiang:m.start()]):
                    continue  # 将一等奖授予Y: an award, no licence
                if not LICENSEE_GAP.fullmatch(text[m.end():ms[b][1].start]):
                    continue
            else:
                # X授权Y / Y获得X(的)(独家)授权|许可
                b = after[0]
                gap_a = ALIAS_PAREN.sub("", text[ms[a][1].end:m.start()])
                if not (LICENSE_NEAR.fullmatch(gap_a) and LICENSEE_GAP.fullmatch(text[m.end():ms[b][1].start])):
                    continue
            emit(ms[a][0], "cooperatesWith", ms[b][0], "licensing")

    def _capital_into(self, ctx: Ctx, emit) -> None:
        """公司拟使用募集资金1.8亿元向Y增资 / X对Y进行增资: X invests in Y."""
        text, ms = ctx.text, ctx.ms
        for k, (gk, mm) in enumerate(ms):
            if k == 0 or top_class(mm.type) not in ("Company", "Institution", "Project"):
                continue
            lead = SUBSIDIARY_LEAD.search(text, max(0, mm.start - 12), mm.start)
            if lead is None:
                continue
            # 对公司全资子公司Y增资: the 公司 there is the owner, not the investor
            skip = {j for j, (_, o) in enumerate(ms) if lead.start() <= o.start and o.end <= mm.start}
            if not CAPITAL_INTO.match(ALIAS_PAREN.sub("", text[mm.end:mm.end + 40])):
                continue
            # the investor: the nearest organisation before, in the same clause, with only the
            # means of payment (以/使用…资金…元) and adverbs between
            for j in range(k - 1, -1, -1):
                gj, a = ms[j]
                if top_class(a.type) not in ("Company", "Institution") or j in skip:
                    continue
                gap = MONEY_MEANS.sub("", ALIAS_PAREN.sub("", text[a.end:lead.start()]))
                if re.fullmatch(r"(?:还|拟|将|已|计划|同时|也|再|分别|继续)*", gap):
                    emit(gj, "invests", gk, "capital-into")
                break

    def _host_units(self, ctx: Ctx, emit) -> None:
        """依托X建设的Y实验室, Y挂靠在X: a lab or centre is part of the body that hosts it."""
        text, ms = ctx.text, ctx.ms
        orgs = [k for k, (_, mm) in enumerate(ms) if top_class(mm.type) in ("Company", "Institution")]
        for m in re.finditer("依托", text):
            host = next((k for k in orgs if ms[k][1].start == m.end()), None)
            if host is None:
                continue
            rest = text[ms[host][1].end:]
            lead = HOSTED_BUILT.match(rest)
            if lead is None:
                continue
            unit = next((k for k in orgs if ms[k][1].start == ms[host][1].end + lead.end()), None)
            if unit is not None and top_class(ms[unit][1].type) == "Institution":
                emit(ms[unit][0], "partOf", ms[host][0], "hosted")
        for m in re.finditer(r"挂靠(?:在|于)?", text):
            host = next((k for k in orgs if ms[k][1].start == m.end()), None)
            unit = next((k for k in reversed(orgs) if ms[k][1].end <= m.start()
                         and re.fullmatch(r"[\u4e00-\u9fff]{0,6}", text[ms[k][1].end:m.start()])), None)
            if host is not None and unit is not None and top_class(ms[unit][1].type) == "Institution":
                emit(ms[unit][0], "partOf", ms[host][0], "hosted")

    def _lead_and_partners(self, ctx: Ctx, emit) -> None:
        """由X牵头…，联合A、B等单位 / X牵头承担，A参与: the lead cooperates with each partner."""
        text, ms = ctx.text, ctx.ms
        orgs = [k for k, (_, mm) in enumerate(ms) if top_class(mm.type) in ("Company", "Institution")]
        for m in re.finditer(r"牵头", text):
            lead = next((k for k in reversed(orgs) if ms[k][1].end <= m.start() and m.start() - ms[k][1].end <= 1), None)
            if lead is None:
                continue
            partners: set[int] = set()
            for k in orgs:
                mm = ms[k][1]
                if mm.start <= m.end() or CLAUSE_END.search(text[m.end():mm.start]):
                    continue
                if re.search(r"(?:联合|会同|携手|协同)$", text[max(0, mm.start - 2):mm.start]):
                    partners |= set(_list_from(ctx, k, +1))
                if re.match(r"(?:等单位)?(?:共同)?参与", text[mm.end:mm.end + 6]):
                    partners |= set(_list_from(ctx, k, -1))
            for k in sorted(partners):
                if k != lead and top_class(ms[k][1].type) in ("Company", "Institution"):
                    emit(ms[lead][0], "cooperatesWith", ms[k][0], "lead-partners")

    def _subsidiaries(self, ctx: Ctx, emit) -> None:
        """公司拟对全资子公司Y增资, X设立控股子公司Y: Y is part of the company the sentence is
        about (its first company before the word); a 参股 company is only invested in."""
        text, ms = ctx.text, ctx.ms
        for m in SUBSIDIARY_RE.finditer(text):
            target = next((k for k, (_, mm) in enumerate(ms) if mm.start == m.end()), None)
            if target is None or top_class(ms[target][1].type) != "Company":
                continue
            # the company right before the word (X的全资子公司Y, 公司全资子公司Y), else the
            # sentence's first company
            parent = next((k for k, (_, mm) in enumerate(ms) if top_class(mm.type) == "Company" and mm.end <= m.start()
                           and re.fullmatch(r"(?:的|旗下的?)?", text[mm.end:m.start()])), None)
            if parent is None:
                parent = next((k for k, (_, mm) in enumerate(ms) if mm.end <= m.start()
                               and top_class(mm.type) == "Company" and not CLAUSE_END.search(text[mm.end:m.start()])), None)
            if parent is None or ms[parent][0] == ms[target][0]:
                continue
            clause = text[ms[parent][1].end:m.start()]
            if m.group(1) == "参股" or CAPITAL_VERB.search(clause):
                emit(ms[parent][0], "invests", ms[target][0], "subsidiary-capital")
            if m.group(1) != "参股":
                emit(ms[target][0], "partOf", ms[parent][0], "subsidiary-named")

    def _joint_founding(self, ctx: Ctx, emit) -> None:
        """X与Y共同出资设立Z: every founder invests in Z, and the founders cooperate."""
        text, ms = ctx.text, ctx.ms
        for m in FOUNDING_RE.finditer(text):
            target = next((k for k, (_, mm) in enumerate(ms) if 0 <= mm.start - m.end() <= 8
                           and FOUNDED_LEAD.fullmatch(text[m.end():mm.start])), None)
            if target is None or top_class(ms[target][1].type) != "Company":
                continue
            clause_start = max(text.rfind(c, 0, m.start()) for c in "，。；：") + 1
            founders = [k for k, (_, mm) in enumerate(ms) if clause_start <= mm.start and mm.end <= m.start()
                        and top_class(mm.type) in ("Company", "Institution")]
            if not founders and clause_start > 0:
                # X成立于…，…与Y共同出资设立Z: the sentence's subject founds it too
                founders = [k for k, (_, mm) in enumerate(ms[:1]) if top_class(mm.type) in ("Company", "Institution")]
            for k in founders:
                emit(ms[k][0], "invests", ms[target][0], "joint-founding")
            for a in founders:
                for b in founders:
                    if a < b and ms[a][0] != ms[b][0]:
                        emit(ms[a][0], "cooperatesWith", ms[b][0], "joint-founding")


CONSORTIUM_RE = re.compile(r"(?:组成|牵头组成)的?联合体")
CONSORTIUM_WINS = re.compile(r"(?:成功|近日|日前)?(?:中标|承建|承担|负责)(?:了)?")
JOINT_AFTER = re.compile(r"(?:等单位|等企业|等)?(?:联合|共同|合作)(?!体)")
CUSTOMER_RE = re.compile(r"的?(?:最大|主要|第一大|核心|重要)?客户(?:为|是|包括|有)")
CUSTOMER_LEAD = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:的)?[“]?")
# 天穹四号是…, 灵枢平台，是…: the product, its kind word, then 是
PRODUCT_IS = re.compile(r"”?(?:[\u4e00-\u9fff]{0,4}?(?:平台|系统|芯片|项目|产品|模型|火箭|卫星|装置|设备))?，?(?:是|为|系|是由)")
SPAN_GAP = re.compile(r"(?:历时|耗时|用时|经过)[\u4e00-\u9fff\d]{1,4}")
TOPIC_LEAD = re.compile(r"[　 ■●◆]*(?:[\u4e00-\u9fff]{1,6}，)?[“]?")
# Y（以下简称…）20%股权 …转让给Z
SHARE_RE = re.compile(r"\d+(?:\.\d+)?%(?:的)?(?:股权|股份)")
SHARE_GAP = re.compile(r"(?:的)?")
TRANSFER_TO = re.compile(r"[^，。；]{0,24}?转让给")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{1,8}")
ANY_PAREN_START = re.compile(r"^[（(][^()（）]{1,30}[)）]")
# X（…）将为Y提供…贷款: the lender's verb right after it
LENDER_AFTER = re.compile(r"(?:将|拟|已|还|共|累计|计划|则|日前|近日|今年|去年|此前|此次|已经|正式|向)*(?:为([^，。；]{1,20}?))?(?:提供|发放)[^，。；]{0,16}?(?:贷款|融资|授信|信贷资金)")
# X将Z的…权益授予Y, X授权Y, X独家许可Y
LICENSE_RE = re.compile(r"(?:独家)?(?:授予|授权|许可)")
LICENSED_THING = re.compile(r"权益|权利|许可|专利|技术|使用权|经营权|商业化")
LICENSE_GRANTOR_GAP = re.compile(r"(?:还|曾|已|拟|此前|此次|正式)*")
LICENSEE_GAP = re.compile(r"(?:给)?(?:[\u4e00-\u9fff]{1,6}的)?")
LICENSE_NEAR = re.compile(r"(?:已|将|拟|正式|独家|还)*")
# 以自有资金3000万元, 使用募集资金1.8亿元: the means of an investment between investor and verb
MONEY_MEANS = re.compile(r"(?:还|拟|将|已|计划)*(?:以|使用|运用|用)[^，。；]{0,12}?(?:资金|现金)[^，。；]{0,12}?元(?:人民币)?")
# 向Y增资, 对Y进行增资: capital into Y from the clause's investor
# what stands between 向/对 and the company that gets the capital (对公司全资子公司Y)
SUBSIDIARY_LEAD = re.compile(r"[向对](?:公司|其)?(?:的)?(?:全资|控股|参股)?(?:子公司|孙公司)?[“]?$")
CAPITAL_INTO = re.compile(r"(?:进行)?(?:增资|注资|追加投资|投资|收购|并购)")
LOCATED_VERB = re.compile(r"(?:总部)?(?:(?:设立|位|坐落|落户)于|(?:设|坐落|落户)在|落户(?=[\u4e00-\u9fff]))")
# X成立于2021年，(全球总部)位于Y: the clause before ends, the next opens with the location
SUBJECT_CLAUSE_END = re.compile(r"，(?:全球|中国区?|亚太|国内|其|公司)?$")
# what may stand before the sentence's subject: nothing, or a short lead-in (资料显示，据悉，)
LEAD_IN = re.compile(r"[　 ]*(?:[\u4e00-\u9fff]{2,6}[，,])?[　 ]*")
# sentence structures read by methods of the relation finder, in this order, each tried only
# on sentences holding one of its key words (the rule runs on a fraction of the sentences)
_STRUCTURES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("向", "对"), "_capital_into"),
    (("依托", "挂靠"), "_host_units"),
    (("牵头",), "_lead_and_partners"),
    (("子公司",), "_subsidiaries"),
    (("设立", "成立", "组建"), "_joint_founding"),
    (("提供",), "_financing"),
    (("联合体", "由"), "_joint_agents"),
    (("客户",), "_customers"),
    (("位于",), "_own_site"),
    (("转让给",), "_share_transfer"),
    (("授予", "授权", "许可"), "_licensing"),
)
HOSTED_BUILT = re.compile(r"(?:建设|设立|组建|共建|成立)的")
# (全资|控股|参股)子公司Y: the kind of subsidiary right before its name
SUBSIDIARY_RE = re.compile(r"(全资|控股|参股)?(?:子公司|孙公司)[：:“]?")
CAPITAL_VERB = re.compile(r"增资|出资|注资|投资|划转|收购")
# (共同|联合)出资设立 / 投资设立 / 合资成立: founding a company with capital
FOUNDING_RE = re.compile(r"(?:共同|联合|合资|合作)?(?:出资|投资|合资)(?:设立|成立|组建|新设)")
FOUNDED_LEAD = re.compile(r"[“]?(?:了)?(?:一家)?(?:全资|控股|参股)?(?:子公司|合资公司|公司)?[：:“]?")
# between a product and the 由 that introduces its makers: quotes, an English name, a kind word, 则
BEFORE_YOU = re.compile(r"[”」）)]?\s*(?:[（(][^()（）]{1,30}[)）])?(?:[\u4e00-\u9fff]{0,4}(?:项目|系统|平台|卫星|火箭|芯片|产品|课题|中心|工程|基地|电站|装置|设备))?"
                        r"(?:(?:[一二三四五六七八九十]|首)期(?:工程|项目)?)?"  # X项目一期由…: a phase of it
                        # 项目的EPC总承包由X承担, 工程设计由X承担: a share of the works
                        r"(?:的?(?:EPC|PPP)?(?:工程)?(?:总承包|设计|施工|土建|勘察设计|勘察)(?:工作|任务)?)?(?:则|均|已|将)?")
ADJACENT_KIND = re.compile(r"的?(?:首款|新款|最新|旗下|主打|核心)(?:产品|车型|芯片|手机|药物|平台|系统)?|的?(?:首款|新款)?(?:产品|车型)")
SELF_MADE = words("self_made")
_KINDS = "|".join(sorted(words("product_kinds"), key=len, reverse=True))
SELF_MADE_KIND = re.compile(r"(?:%s)的?[\u4e00-\u9fff]{0,6}?(?:%s)“?$" % (
    "|".join(sorted({w.rstrip("的“") for w in SELF_MADE}, key=len, reverse=True)), _KINDS))
# X的旗舰处理器Y: the organisation's own product of that kind
OWN_KIND = re.compile(r"的(?:旗舰|新款|最新|首款|主力|核心|自研)?[\u4e00-\u9fffA-Za-z0-9]{0,5}?(?:%s)“?" % _KINDS)
CORPORATE_TITLES = words("corporate_titles")
SUBJECT_TITLE_RE = re.compile(r"(?:%s)(?:兼|、)?(?:%s)?" % ("|".join(CORPORATE_TITLES), "|".join(CORPORATE_TITLES)))
CLAUSE_PRODUCTS = re.compile(r"[，；](?:其|公司)?(?:主要|主打|核心)产品(?:主要)?(?:为|包括|有|是)")
PRODUCTS_RE = re.compile(r"\s*(?:的|旗下)?[^，。；]{0,12}?产品(?:主要)?(?:为|包括|有|是|如)")
ALIAS_PAREN = re.compile(r"[（(][^()（）]{0,40}?简称[^)（）]{1,30}[)）]")
# the patterns of the rules above, compiled once; a gap pattern with a finite language is
# the set of its strings
GAP_PUNCT = re.compile(r"[，。；：！？“”]")
TITLE_REST_BAD = re.compile(r"[的在是了说]")
LEGAL_REP_END = re.compile(r"(?:的)?法定代表人(?:为|是)?$")
GAP_IS = frozenset({a + b for a in ("", "均", "都", "分别", "也") for b in ("为", "是", "系", "成为")})  # (?:均|都|分别|也)?(?:为|是|系|成为)
GAP_BELONGS = frozenset({"背后" + a + b for a in ("", "分别") for b in ("为", "是")}
                        | {a + b for a in ("", "则", "均") for b in ("属于", "隶属", "隶属于")})  # 背后(?:分别)?(?:为|是)|(?:则|均)?(?:属于|隶属于?)
GAP_ALREADY_IS = frozenset(a + b + c for a in ("", "均", "也", "都") for b in ("", "已经", "已")
                           for c in ("是", "为", "成为"))  # (?:均|也|都)?(?:已经|已)?(?:是|为|成为)
GAP_SHAREHOLDER = frozenset(a + b + c for a in ("", "的", "司")
                            for b in ("控股股东", "大股东", "第一大股东", "股东")
                            for c in ("", "是", "为"))  # (?:的|司)?(?:控股股东|大股东|第一大股东|股东)(?:是|为)?
SUBSIDIARY_AFTER = re.compile(r"的?(?:全资|控股)?(?:子公司|下属|分支机构|分公司|成员单位)")
SHAREHOLDER_AFTER = re.compile(r"的(?:控股)?(?:股东|投资方|投资人)")
ACQUISITION_AFTER = re.compile(r"(?:的)?(?:收购|并购|投资|增资|入股|注资)|进行(?:增资|投资|注资)")
BELONGS_BEFORE = re.compile(r"(?:隶属于|隶属|属于)(?:我国)?$")
SHAREHOLDER_OF_AFTER = re.compile(r"(?:和\s*\d+(?:\.\d+)?%)*(?:的股份|股份)?[，,](?:分别|均|合计)?(?:为|是|系|成为)")
SHAREHOLDER_WORD = re.compile(r"的?[^，。；]{0,8}?股东")
HOLDER_AFTER = re.compile(r"(?:[（(][^()（）]{0,40}[)）])?(?:各|分别|合计|直接|间接)?持股")
HOLDING_RE = re.compile(r"(?:持股比例为|持股)\s*\d+(?:\.\d+)?%")
CONTROLLING_BEFORE = re.compile(r"[，：；](?:其|公司的?)?(?:控股股东|第一大股东|大股东)(?:为|是)?$")
LOAN_GAP = re.compile(r"[^，。；]{0,6}?向")
LOAN_AFTER = re.compile(r"[^，。；]{0,4}?(?:发放|提供|投放)[^，。；]{0,16}?(?:贷款|授信|融资)")
BORROW_GAP = re.compile(r"[^，。；]{0,4}?获得")
BORROW_AFTER = re.compile(r"[^，。；]{0,16}?(?:贷款|授信)")
PARTNER_RE = re.compile(r"(?:作为[^，。；]{0,6}|为(?:项目|该项目)?)合作(?:单位|伙伴|方)")
HOLDS_RE = re.compile(r"(?:合计|共同|分别|合共)?持有(?:的)?")
LIST_GAP_VERB = re.compile(r"[的在是将]")
PARTNER_LEAD = re.compile(r"(?:并|还|同时)?(?:联合|会同|携手|协同|与|和)")
COMMA_JOINT = re.compile(r"，(?:联合|会同|携手|协同)")
OWNED_AFTER = re.compile(r"(?:所属|下属|旗下)")
SDEO_GAP_BAD = re.compile(r"[，、和与]")
SUBJECT_ADVERBS = re.compile(r"(?:正式|并|还|同时|也|又|随后|首次|当天)*")
COMMA_OR_ENUM = re.compile(r"[，、]")
PURPOSE_END = re.compile(r"(?:是为|为了|用于)$")
JOINT_GAP = re.compile(r"(?:将|已|正|还)?(?:联合|携手|和|与|同)")
AND_WITH_END = re.compile(r"[，,](?:并|还|同时|将)?与$|并与$")
STOP_OR_SEMI = re.compile(r"[。；]")
WITH_GAP = re.compile(r"\s*(?:已|成功|将|还|也|正)?(?:分别)?(?:与|和|同|跟)(?:需求方|技术解决方|合作方)?\s*")
COMMA_OR_STOP = re.compile(r"[，。]")
PART_GAP = re.compile(r"(?:等|作为[^，。；]{0,8})")
NATIONALITY_GAP = re.compile(r"[\u4e00-\u9fff]*(?:商|企业|巨头|公司|集团|厂商|品牌|机构|银行)")
NATIONALITY_GAP_BAD = re.compile(r"[的与和及在对]")


_RELATERS: dict[int, Relater] = {}


def relate_sentence(res: Resources, text: str, ms: list[tuple[int, Mention]],
                    types: dict[int, str], rejections: list[Rejection], si: int) -> list[RelationMention]:
    out: list[RelationMention] = []

    def emit(s: int, p: str, o: int, rule: str) -> None:
        if s == o:
            return
        st, ot = types[s], types[o]
        if not allowed(p, st, ot):
            rejections.append(Rejection(si, f"{p}({st}, {ot}) by {rule}", "domain/range"))
            return
        out.append(RelationMention(s, p, o, si, rule))

    rel = _RELATERS.get(id(res))
    if rel is None or rel.res is not res:
        rel = _RELATERS[id(res)] = Relater(res)
    rel.sentence(text, ms, emit)
    return out
