"""The path of a document: parsed text -> mentions -> entities and relations -> GraphData.

`extract` handles one document and depends only on its input and the resources, so any
engine (a loop, a process pool, a Dask cluster) can call it; `assemble` merges the
per-document results into one resolved corpus.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from kg.model import (DocExtraction, Rejection, Entity, EntityMention, Evidence, GraphData,
                      Mention, ParsedDocument, Relation, RelationMention)
from kg.ns import top_class
from kg.recognise import NP_CONTINUES, PRI, Candidate, recognise, select, to_mention
from kg.relate import relate_sentence
from kg.resolve import (UnionFind, alias_after, english_name_after, entity_key, expand_abbreviation, norm,
                        propagate, short_forms)
from kg.resources import Resources

LEVEL_RANK = {"Country": 0, "Zone": 1, "Province": 2, "City": 3, "County": 4}


def _region_type(res: Resources, code: str | None) -> str:
    if not code:
        return "Region"
    r = res.gazetteer.get(code)
    return r.level if r and r.level in LEVEL_RANK else "Region"


def _plausible_regions(cands: list[Candidate], texts: dict[int, str], res: Resources, rejections,
                       doc_codes: set[str] | None = None) -> list[Candidate]:
    """Which region a place name means, and whether it is one.

    A name several divisions share means the one whose city or province the article also
    names.  Without such a clue: a province, a zone, a full form (兴安县) or a prefecture-level
    city (西安, over the districts named 西安区) stands on its own; a county's bare short name
    (同安) or a league's (兴安) is dropped.
    """
    gaz = res.gazetteer
    codes = doc_codes if doc_codes is not None else {c.key for c in cands if c.type == "Region" and c.key}
    keep = []
    for c in cands:
        if c.type == "Region" and c.key and c.rule in ("gazetteer", "name-prefix"):
            surface = texts[c.sentence][c.start:c.end]
            options = gaz.lookup(surface)
            if len(options) > 1 or (options and options[0].level == "County" and surface != options[0].name):
                fitting = [r for r in options if {a.code for a in gaz.ancestors(r.code) if a.level in ("Province", "City")} & codes]
                if fitting:
                    c.key = fitting[0].code
                    c.canonical = fitting[0].short or fitting[0].name
                elif (options[0].level in ("Country", "Province", "Zone") or surface == options[0].name
                      or (options[0].level == "City" and options[0].name.endswith("市")
                          and all(r.level == "County" for r in options[1:]))):
                    pass  # 西安 is the city (not 西安区 of 辽源); 兴安 (盟, 区, 县) needs a clue
                else:
                    rejections.append(Rejection(c.sentence, surface, "place name without its city or province in the article"))
                    continue
        keep.append(c)
    return keep


ANAPHOR_KINDS = {
    "Company": lambda t: top_class(t) == "Company",
    "University": lambda t: t == "University",
    "GovernmentAgency": lambda t: t == "GovernmentAgency",
    "Institution": lambda t: top_class(t) == "Institution" and t not in ("University", "GovernmentAgency"),
    "Org": lambda t: top_class(t) in ("Company", "Institution"),
    "Project": lambda t: top_class(t) == "Project",
}
# 该芯片, 该平台, 项目由…: a project word refers back only to a project named in the same or
# the previous PROJECT_WINDOW sentences, and a specific head (芯片) not to a project whose
# name ends with another head (…平台)
PROJECT_WINDOW = 2
PROJECT_HEADS = ("项目", "工程", "平台", "系统", "芯片", "产品", "药物", "模型", "车型", "机型", "基地",
                 "电站", "装置", "设备", "中心", "园区", "线路", "大模型")
GENERAL_PROJECT_WORDS = ("项目", "工程")
PHASE_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]|首)期")
# what a bare 项目 / 工程 opening a clause may mean: works and sites, not products
WORKS_HEADS = ("项目", "工程", "站", "基地", "园", "园区", "中心", "线", "铁路", "公路", "桥", "隧道", "机场",
               "工厂", "厂", "港", "枢纽", "管道", "集群", "电网")
# 星河电子股份有限公司（股票代码：603918，以下简称“星河电子”或“公司”）: the company an
# announcement calls 公司 from then on
COMPANY_ALIAS_DECLARED = re.compile(r"[（(][^（）()]{0,40}?[“\"](?:公司|本公司)[”\"][^（）()]{0,10}[）)]")
CLAUSE_BREAK = re.compile(r"[，。；,;]")
TEAM_RE = re.compile(r"^[^，。；]{0,12}?团队")
_KINDS_OF: dict[str, tuple[str, ...]] = {}  # type -> the ANAPHOR_KINDS it fits, in order
_ANAPHORA: dict[int, tuple] = {}  # id(res) -> (res.anaphora, [(pattern, kind, literal or None)])


# every anaphor pattern's match (or the context its lookahead requires) holds one of these
ANAPHOR_HINTS = ("该", "公司", "其", "项目", "工程", "平台", "主任", "所长", "院长")


def _anaphor_patterns(res: Resources) -> list[tuple[re.Pattern[str], str, str | None, frozenset[str]]]:
    """The anaphor patterns with, for those that are plain words (该公司), the word (a sentence
    without it has no match, so the regex need not run), and the hint words of each (a
    sentence with none of them has no match either)."""
    cached = _ANAPHORA.get(id(res))
    if cached is None or cached[0] is not res.anaphora:
        pats = []
        for p, kind in res.anaphora:
            literal = p.pattern if not p.flags & ~re.UNICODE and re.escape(p.pattern) == p.pattern else None
            hints = frozenset(h for h in ANAPHOR_HINTS if h in p.pattern) or frozenset(ANAPHOR_HINTS)
            pats.append((p, kind, literal, hints))
        cached = _ANAPHORA[id(res)] = (res.anaphora, pats)
    return cached[1]


def _resolve_anaphora(mentions: list[Mention], mention_entity: list[str], entities: dict[str, Entity],
                      texts: dict[int, str], res: Resources) -> None:
    """该公司, 该校, 该团队 …: mentions of the organisation named last before them (for relations
    only; such words are never names or aliases)."""
    if not res.anaphora:
        return
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].sentence, mentions[i].start))
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i in order:
        by_sentence[mentions[i].sentence].append(i)
    last: dict[str, int] = {}  # kind -> mention index
    team: int | None = None
    recent: list[tuple[int, str]] = []  # (sentence, company entity) of every company mention so far
    first_of: dict[str, int] = {}
    projects: list[int] = []  # project mentions so far, in order
    bodies: list[int] = []  # institution mentions so far, in order
    declared, declared_at = None, (0, 0)
    for i in order:
        m = mentions[i]
        if COMPANY_ALIAS_DECLARED.match(texts[m.sentence], m.end) and top_class(entities[mention_entity[i]].type) == "Company":
            declared, declared_at = i, (m.sentence, m.end)
            break
    for si in sorted(texts):
        text = texts[si]
        found: list[tuple[int, int, str]] = []
        present = {h for h in ANAPHOR_HINTS if h in text}
        if present:
            for pattern, kind, literal, hints in _anaphor_patterns(res):
                if hints.isdisjoint(present) or (literal is not None and literal not in text):
                    continue
                for m in pattern.finditer(text):
                    found.append((m.start(), m.end(), kind))
        has_team = "团队" in text
        nested: set[int] = set()  # mentions inside a longer one of the sentence (建行 in 建行安徽省分行)
        here_ms = by_sentence.get(si, ())
        if len(here_ms) > 1:
            reach = -1
            for i in sorted(here_ms, key=lambda i: (mentions[i].start, -mentions[i].end)):
                if mentions[i].end <= reach:
                    nested.add(i)
                else:
                    reach = mentions[i].end
        events = [(mentions[i].start, 0, i) for i in by_sentence.get(si, [])] + [(a, 1, k) for k, (a, _, _) in enumerate(found)]
        for pos, what, idx in sorted(events):
            if what == 0:
                m = mentions[idx]
                if idx in nested:
                    continue  # 建行 inside 建行安徽省分行: the branch is what 该行 means
                t = entities[mention_entity[idx]].type
                kinds = _KINDS_OF.get(t)
                if kinds is None:
                    kinds = _KINDS_OF[t] = tuple(kind for kind, fits in ANAPHOR_KINDS.items() if fits(t))
                for kind in kinds:
                    last[kind] = idx
                tc = top_class(t)
                if tc == "Project":
                    projects.append(idx)
                elif tc == "Institution":
                    bodies.append(idx)
                if tc == "Company":
                    recent.append((si, mention_entity[idx]))
                    first_of.setdefault(mention_entity[idx], idx)
                if has_team and tc in ("Company", "Institution") and TEAM_RE.match(text[m.end:]):
                    team = idx
                continue
            a, b, kind = found[idx]
            if kind == "MainCompany" and declared is not None and declared_at <= (si, a):
                ante = declared  # X（以下简称“X'”或“公司”）: the article says which company 公司 is
            elif kind == "MainCompany":
                # the company named most in this and the previous few sentences (a newspaper
                # page holds several articles, each about its own company)
                # (in how many sentences, not how often: a name with its alias counts once; and
                # not a company named before it in this sentence: X直接持有公司…的股份)
                counts: dict[str, int] = defaultdict(int)
                here = {mention_entity[i] for i in by_sentence.get(si, []) if mentions[i].start < a
                        and not CLAUSE_BREAK.search(text, mentions[i].end, a)}
                seen_pairs = set()
                for s_i, key in reversed(recent):
                    if si - s_i > 5:
                        break
                    if key not in here and (s_i, key) not in seen_pairs:
                        seen_pairs.add((s_i, key))
                        counts[key] += 1
                top = max(counts.items(), key=lambda kv: (kv[1], -first_of[kv[0]]), default=None)
                ante = first_of[top[0]] if top else None
            else:
                ante = team if kind == "Team" else last.get(kind)
            if kind == "Institution":
                # 该所 / 该院 / 该实验室: the latest body whose name ends with that word, if any;
                # a bare 实验室 (实验室主任X) only that one
                bare = not text[a:b].startswith("该")
                head = text[a:b] if bare else text[a + 1:b]
                fit = next((p for p in reversed(bodies) if mentions[p].surface.endswith(head)
                            or entities[mention_entity[p]].name.endswith(head)), None)
                if fit is not None or bare:
                    ante = fit
            if kind == "Project":
                # the latest project named before that fits the word
                ante = next((p for p in reversed(projects) if _project_antecedent(text[a:b], mentions[p], si, texts)), None)
            if ante is None or any(mm.start < b and a < mm.end for mm in (mentions[i] for i in by_sentence.get(si, []))):
                continue
            mentions.append(Mention(si, a, b, text[a:b], mentions[ante].type, "anaphor"))
            mention_entity.append(mention_entity[ante])


QUOTED_KIND_AFTER = re.compile(r"”([\u4e00-\u9fff]{1,10})")
KIND_DESC_BAD = re.compile(r"[的和与及等在是为将已由被把对向从]")


def _quoted_with_kind(mentions: list[Mention], mention_entity: list[str], entities: dict[str, Entity],
                      texts: dict[int, str], res: Resources) -> None:
    """“海鹞”布放回收系统, “慧行”调度平台: a quoted project name with its kind after it; the whole
    phrase (without the quotes) is another name of the same project."""
    heads = tuple(res.project_heads)
    for i, m in enumerate(mentions):
        if m.rule != "quoted-project":
            continue
        text = texts[m.sentence]
        q = QUOTED_KIND_AFTER.match(text, m.end)
        if q is None:
            continue
        desc = q.group(1)
        # the longest stretch of the words after the quote that ends with a project head
        cut = next((k for k in range(len(desc), 0, -1) if desc[:k].endswith(heads)
                    and not text.startswith(NP_CONTINUES, q.start(1) + k)), None)
        if cut is None or KIND_DESC_BAD.search(desc[:cut]):
            continue
        ent = entities[mention_entity[i]]
        full = m.surface + desc[:cut]
        if full != ent.name:
            ent.aliases.add(full)


def _project_antecedent(word: str, ante: Mention, si: int, texts: dict[int, str]) -> bool:
    """Whether the project named by `ante` is what 该芯片 / 项目 (`word`) in sentence si means."""
    if si - ante.sentence > PROJECT_WINDOW:
        return False
    head = word[1:] if word.startswith("该") else word
    head = PHASE_PREFIX.sub("", head)  # 一期项目: a phase of the works named before
    if head in GENERAL_PROJECT_WORDS:
        return word.startswith("该") or ante.surface.endswith(WORKS_HEADS)
    # the kind word of the name, or the one right after it (“岭通办”政务服务平台)
    after = re.match(r"[”」]?[\u4e00-\u9fff]{0,8}", texts[ante.sentence][ante.end:]).group()
    other = next((h for h in PROJECT_HEADS if ante.surface.endswith(h)), None) \
        or next((after[:i] for i in range(len(after), 0, -1) if after[:i].endswith(PROJECT_HEADS)), None)
    if other is not None:
        other = next(h for h in PROJECT_HEADS if other.endswith(h))
    return other is None or other == head or head.endswith(other) or other.endswith(head)


RAISE_RE = re.compile(r"^[^，。；]{0,16}?(?:[，,][^，。；]{0,10}?)?(?:完成|获得|宣布完成|宣布获得|获)[^，。；]{0,30}?融资")
INVEST_VERB_RE = re.compile(r"^(?:等)?(?:联合|共同|继续|独家)?(?:领投|跟投|参投|追加投资|投资|领衔|参与)")


def _funding_rounds(mentions: list[Mention], mention_entity: list[str], entities: dict[str, Entity],
                    texts: dict[int, str], by_sentence: dict[int, list[tuple[int, Mention]]]) -> list[RelationMention]:
    """X完成6亿元B轮融资。本轮融资由Y领投，Z跟投: the investors named invest in the company that
    raised the round (in the same or the next sentences)."""
    out: list[RelationMention] = []
    raiser: int | None = None
    raiser_sentence = -10
    for si in sorted(texts):
        text = texts[si]
        ms = sorted(by_sentence.get(si, []), key=lambda t: t[1].start)
        for i, m in ms:
            if top_class(entities[mention_entity[i]].type) == "Company" and RAISE_RE.match(text[m.end:]):
                raiser, raiser_sentence = i, si
        if raiser is None or si - raiser_sentence > 2 or "投" not in text:
            continue
        for i, m in ms:
            if i == raiser or mention_entity[i] == mention_entity[raiser]:
                continue
            if top_class(entities[mention_entity[i]].type) not in ("Company", "Institution", "Person"):
                continue
            after = ALIAS_GAP.sub("", text[m.end:m.end + 40])
            # the verb follows the investor, or the list the investor ends
            tail = re.sub(r"^(?:[、和及与]\s*[^，。；、和及与]{2,30}?)+(?=等|联合|共同|继续|领投|跟投|参投|追加|领衔|参与)", "", after)
            if INVEST_VERB_RE.match(after) or INVEST_VERB_RE.match(tail):
                out.append(RelationMention(i, "invests", raiser, si, "funding-round"))
    return out


MODEL_CODE_START = re.compile(r"\s?[A-Za-z0-9]")
HAS_CODE = re.compile(r"[A-Za-z0-9]")


def _brand_bodies(ent: Entity, res: Resources) -> tuple[set[str], set[str]]:
    """A company's names without the place at their head (深圳星曜通讯技术有限公司 -> 星曜通讯技术…),
    and its short names (星曜): where a product named after the company may take its brand."""
    bodies: set[str] = set()
    for n in (ent.name, *ent.aliases):
        for k in (4, 3, 2):
            if len(n) > k + 2 and res.gazetteer.lookup(n[:k]):
                n = n[k:]
                break
        bodies.add(n)
    shorts = {a for a in ent.aliases if 2 <= len(a) <= 4}
    return bodies, shorts


def _brand_products(mentions: list[Mention], mention_entity: list[str], entities: dict[str, Entity],
                    res: Resources) -> list[RelationMention]:
    """星曜X30 Pro, 澜驰L7, 知行AI学伴: a product named by a company's brand (the start of its name
    or short name without the place, at least two characters, no place itself: not 西安地铁19号线)
    and a model code is that company's product.  Two companies sharing the brand decide nothing."""
    # only products with a model code (a Latin letter or a digit) can be named so
    products = {k for k, e in entities.items() if top_class(e.type) == "Project" and HAS_CODE.search(e.name)}
    if not products:
        return []
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        k = mention_entity[i]
        if m.rule != "anaphor" and (k not in first or (m.sentence, m.start) < (mentions[first[k]].sentence, mentions[first[k]].start)):
            first[k] = i
    companies = [k for k in first if top_class(entities[k].type) == "Company"]
    products = [k for k in first if k in products]
    if not companies or not products:
        return []
    brands = {k: _brand_bodies(entities[k], res) for k in companies}
    out: list[RelationMention] = []
    for p in products:
        pname = entities[p].name
        best, best_len = [], 1
        for k, (bodies, shorts) in brands.items():
            n = 0
            for body in bodies | shorts:
                if body[:2] != pname[:2]:
                    continue
                j = 0
                while j < min(len(body), len(pname)) and body[j] == pname[j]:
                    j += 1
                if j >= 2 and j < len(pname) and MODEL_CODE_START.match(pname, j) \
                        and not (pname[j - 1].isascii() and pname[j - 1].isalpha() and pname[j].isascii() and pname[j].isalpha()):
                    n = max(n, j)
            if n > best_len:
                best, best_len = [k], n
            elif n == best_len and n > 1:
                best.append(k)
        brand = pname[:best_len]
        if len(best) == 1 and brand not in res.generic_names \
                and not any(res.gazetteer.lookup(brand[:k]) for k in range(2, best_len + 1)):
            out.append(RelationMention(first[best[0]], "develops", first[p], mentions[first[p]].sentence, "brand-product"))
    return out


BOTH_BUILD_RE = re.compile(r"双方(?:将|还|已|正|拟)?(?:在[^，。；]{1,12}?)?(?:共建|共同建设|联合建设|共同打造|联合打造|联合开发|共同开发|联合研发|共同研发|合作开发)")
BOTH_RE = re.compile(r"双方(?:已|将|还|正式|共同|并)?(?:签署|签订|达成|建立|开展|深化)[^，。；]{0,12}?(?:协议|合作|备忘录|关系)")


def _both_parties(mentions: list[Mention], mention_entity: list[str], entities: dict[str, Entity],
                  texts: dict[int, str], by_sentence: dict[int, list[tuple[int, Mention]]]) -> list[RelationMention]:
    """双方已签署…协议: the two organisations named last before 双方 (in this or the previous
    sentence) cooperate; 双方将共建“Z”: both develop Z."""
    out: list[RelationMention] = []
    for si in sorted(texts):
        text = texts[si]
        if "双方" not in text:
            continue
        found = [(m, "cooperatesWith") for m in BOTH_RE.finditer(text)] + \
            [(m, "develops") for m in BOTH_BUILD_RE.finditer(text)]
        for m, pred in found:
            target = None
            if pred == "develops":
                # 双方将共建“Z”: both develop the project named right after the verb
                target = next((i for i, mm in by_sentence.get(si, []) if 0 <= mm.start - m.end() <= 1
                               and top_class(entities[mention_entity[i]].type) == "Project"), None)
                if target is None:
                    continue
            seen: list[int] = []
            keys: list[str] = []
            for sj in ((si, si - 1) if target is None else (si,)):  # both builders in the sentence
                for i, mm in sorted(by_sentence.get(sj, []), key=lambda t: -t[1].start):
                    if sj == si and mm.start >= m.start():
                        continue
                    key = mention_entity[i]
                    if top_class(entities[key].type) in ("Company", "Institution") and key not in keys:
                        keys.append(key)
                        seen.append(i)
                    if len(seen) == 2:
                        break
                if len(seen) == 2:
                    break
            if len(seen) == 2 and target is not None:
                for party in seen:
                    out.append(RelationMention(party, "develops", target, si, "both-parties"))
            elif len(seen) == 2:
                out.append(RelationMention(seen[1], "cooperatesWith", seen[0], si, "both-parties"))
    return out


def _branch_rule(rule: str, res: Resources) -> bool:
    """Named by a company's sub-unit suffix (分公司, 分行, 支行 …: strength `sub` in
    org_suffixes.tsv): a branch of the company before it."""
    if not rule.startswith("grammar:"):
        return False
    suffix = res.suffixes.get(rule[len("grammar:"):])
    return suffix is not None and suffix.strength == "sub" and suffix.cls == "Company"


ALIAS_GAP = re.compile(r"[（(][^()（）]{0,40}?简称[^)（）]{1,30}[)）]")


def extract(parsed: ParsedDocument, res: Resources) -> DocExtraction:
    """Mentions, entities (resolved within the document) and relations of one document."""
    texts = {s.index: s.text for s in parsed.sentences}
    expansions: dict[str, str] = {}  # expand_abbreviation, once per name in this document

    def expand(name: str) -> str:
        out = expansions.get(name)
        if out is None:
            out = expansions[name] = expand_abbreviation(name, res)
        return out

    cands, rejections = recognise(parsed, res)
    cands = _plausible_regions(cands, texts, res, rejections)
    chosen = select(cands)

    # names introduced with 以下简称 and short forms of full company names
    surfaces: dict[str, tuple[str, int]] = {}
    alias_of: dict[str, str] = {}  # alias surface -> full surface
    extra: list[Candidate] = []
    for c in chosen:
        text = texts[c.sentence]
        name = text[c.start:c.end]
        if c.rule != "gazetteer":
            surfaces.setdefault(name, (c.type, 0))
        eng = english_name_after(text, c.end + (1 if text[c.end:c.end + 1] == "”" else 0)) \
            if top_class(c.type) in ("Company", "Institution", "Project") else None
        if eng and eng[0] != name:
            alias_of[eng[0]] = name
            surfaces.setdefault(eng[0], (c.type, 0))
            extra.append(Candidate(c.sentence, eng[1], eng[2], c.type, "alias-intro", PRI["alias"]))
        found = alias_after(text, c.end + (1 if text[c.end:c.end + 1] == "》" else 0))
        if found and top_class(c.type) != "Person":
            alias, a_start, a_end = found
            alias_of[alias] = name
            surfaces.setdefault(alias, (c.type, 0))
            extra.append(Candidate(c.sentence, a_start, a_end, c.type, "alias-intro", PRI["alias"]))
        head_region = next((r for r in c.inner if r.start == c.start and r.type == "Region"), None)
        if ((top_class(c.type) in ("Company", "Institution") and c.rule.startswith("grammar"))
                or c.rule.startswith("zone:")) and head_region:
            # 德国莱茵实验室 -> 莱茵实验室: the name without the place at its head
            rest = name[head_region.end - head_region.start:]
            if len(rest) >= 4 and rest not in res.generic_names:
                surfaces.setdefault(rest, (c.type, 0))
                alias_of.setdefault(rest, name)
        head_org = max((o for o in c.inner if top_class(o.type) in ("Company", "Institution") and o.start == c.start),
                       key=lambda o: o.end - o.start, default=None)
        if head_org is not None and c.rule.startswith("grammar"):
            # 华中科技大学光学与电子信息学院 -> 光学与电子信息学院: the sub-unit without its parent
            rest = name[head_org.end - head_org.start:]
            if len(rest) >= 4 and rest not in res.generic_names and res.suffix_re.search(rest[-4:]):
                surfaces.setdefault(rest, (c.type, 0))
                alias_of.setdefault(rest, name)
        if top_class(c.type) == "Company" and c.rule.startswith("grammar") and not _branch_rule(c.rule, res):
            # (a branch's name, 华曦新能源宁夏分公司, has no short forms of its own)
            prefix = text[head_region.start:head_region.end] if head_region else None
            for sf in short_forms(name, res, prefix):
                surfaces.setdefault(sf, (c.type, 0))
                alias_of.setdefault(sf, name)
    # later occurrences of every name found: a longer name wins over what it overlaps
    # (重庆杰资 over the region 重庆), an equal span keeps the stronger rule
    chosen = select(cands + extra + propagate(texts, [], surfaces))

    mentions: list[Mention] = []
    for c in chosen:
        mentions.append(to_mention(c, texts[c.sentence]))
    # relations a name states by itself: the region at its head, the body heading a sub-unit
    name_rel: list[tuple[int, str, int, str]] = []
    doc_codes = {c.key for c in chosen if c.type == "Region" and c.key} | {r.key for c in chosen for r in c.inner if r.key}
    standalone = {norm(m.surface) for m in mentions}
    index_of = {(m.sentence, m.start, m.end): i for i, m in enumerate(mentions)}
    for c in chosen:
        outer_idx = index_of[(c.sentence, c.start, c.end)]
        text = texts[c.sentence]
        lex_inner = [o for o in c.inner if top_class(o.type) != "Region" and o.rule == "lexicon"]
        parent = max((o for o in c.inner if top_class(o.type) != "Region" and o.start == c.start), key=lambda o: o.end - o.start, default=None)
        region_idx = None
        # 中国移动通信集团贵州有限公司: the seat of a group's branch or provincial company is the
        # place before its suffix, not the one heading the group's name
        seat = next((r for r in c.inner if top_class(r.type) == "Region" and r.start > c.start
                     and text[r.end:c.end] in ("有限公司", "有限责任公司") and text[c.start:r.start].endswith("集团")), None) \
            if c.inner and "集团" in text[c.start:c.end] else None
        for r in ([seat] if seat is not None else c.inner):
            if top_class(r.type) != "Region":
                continue
            # only a region at the head of the name, or right after a known organisation
            # (国网山西省电力公司, 招商银行西安分行) says where the organisation is; a region
            # inside a known name heading this one is that name's business (中山 in 中山大学…)
            at_head = r.start == c.start
            after_org = any(o.end == r.start and o.type != "Region" for o in c.inner)
            surface = text[r.start:r.end]
            branch = text[r.end:c.end].startswith(("分行", "分公司", "支行", "分院", "分中心", "办事处")) or surface.endswith(("省", "市", "区", "县")) \
                or (text[r.end:c.end] in ("有限公司", "有限责任公司") and text[c.start:r.start].endswith("集团"))
            # 华曦新能源宁夏分公司: a place right before a branch suffix is the branch's seat
            seat_of_branch = r.start > c.start and text[r.end:c.end] in ("分行", "分公司", "支行", "分院", "分中心", "办事处")
            if not (at_head or ((after_org or seat_of_branch) and branch)):
                continue
            if any(o.start <= r.start and r.end <= o.end for o in lex_inner):
                continue
            if not _plausible_regions([r], texts, res, [], doc_codes):
                continue  # 玄武X2: a county's short name at the head of a product name
            rtype = _region_type(res, r.key) if r.key else r.type
            mentions.append(Mention(c.sentence, r.start, r.end, surface, rtype, "name-prefix", r.key, r.canonical))
            region_idx = len(mentions) - 1
            name_rel.append((outer_idx, "locatedIn", region_idx, "name-prefix"))
            for zr in r.inner:  # 长沙经济技术开发区管委会: in the zone, and in 长沙
                if zr.start == r.start and zr.key:
                    mentions.append(Mention(c.sentence, zr.start, zr.end, text[zr.start:zr.end], _region_type(res, zr.key),
                                            "name-prefix", zr.key, zr.canonical))
                    name_rel.append((outer_idx, "locatedIn", len(mentions) - 1, "name-prefix"))
            break
        if parent is not None and (norm(text[parent.start:parent.end]) in standalone or top_class(c.type) != "Company"
                                   or _branch_rule(c.rule, res) or (seat is not None and parent.end == seat.start)):
            # a sub-unit (中心, 学院, 局, 分行) is part of the body that heads its name; a company
            # whose legal name starts with its group's is a subsidiary, stated only if named alone
            mentions.append(to_mention(parent, text))
            name_rel.append((outer_idx, "partOf", len(mentions) - 1, "sub-unit-name"))
            if region_idx is not None and mentions[region_idx].start == parent.start:
                name_rel.append((len(mentions) - 1, "locatedIn", region_idx, "name-prefix"))
    # a unit named after an organisation this article names (东睿重工船舶设计研究院 after
    # 东睿重工, 招商银行西安分行 after 招商银行): part of it; of companies only branches
    known_orgs = sorted((n for n, (t, _) in surfaces.items() if len(n) >= 2 and top_class(t) in ("Company", "Institution")),
                        key=len, reverse=True)
    has_parent = {i for i, pred, _, _ in name_rel if pred == "partOf"}
    for i, m in enumerate(list(mentions)):
        if i in has_parent or not m.rule.startswith("grammar") or top_class(m.type) not in ("Company", "Institution"):
            continue
        head = next((n for n in known_orgs if m.surface.startswith(n) and len(m.surface) - len(n) >= 2
                     and norm(n) != norm(m.surface)), None)
        if head is None or alias_of.get(head, head) == m.surface:
            continue
        if top_class(m.type) == "Company" and not _branch_rule(m.rule, res):
            continue  # two companies sharing a brand (巨人投资, 巨人网络) may be anything to each other
        mentions.append(Mention(m.sentence, m.start, m.start + len(head), head, surfaces[head][0], "name-prefix"))
        name_rel.append((i, "partOf", len(mentions) - 1, "sub-unit-name"))
    # a known organisation whose name starts with its parent's (中国科学院物理研究所)
    for i, m in enumerate(list(mentions)):
        if not (m.key and m.key.startswith("lex:")) or m.rule == "name-prefix":
            continue
        entry = res.orgs.lookup(m.canonical or m.surface)
        parent = res.orgs.lookup(entry.parent) if entry is not None and entry.parent else None
        if parent is None:
            continue
        head = next((n for n in sorted((parent.name, *parent.aliases), key=len, reverse=True)
                     if len(n) >= 2 and m.surface.startswith(n) and len(n) < len(m.surface)), None)
        if head and top_class(parent.type) == "Company" and norm(head) not in standalone:
            continue  # a subsidiary named after its group: stated only when the group is named alone
        if head:
            mentions.append(Mention(m.sentence, m.start, m.start + len(head), head, parent.type, "name-prefix",
                                    f"lex:{parent.name}", parent.name))
            name_rel.append((i, "partOf", len(mentions) - 1, "sub-unit-name"))
    # a known organisation whose name starts with its own seat (西安交通大学 in 西安)
    for i, m in enumerate(list(mentions)):
        if not (m.key and m.key.startswith("lex:")) or m.rule == "name-prefix":
            continue
        entry = res.orgs.lookup(m.canonical or m.surface)
        hit = res.region_matcher.longest_at(m.surface, 0)
        if entry is None or not hit or not entry.region:
            continue
        region = res.region_matcher.get(hit)[0]
        seats = res.gazetteer.lookup(entry.region)
        inside = region.level in ("Province", "City") and any(
            region.code in {a.code for a in res.gazetteer.ancestors(seat.code)} for seat in seats)
        if entry.region in (region.short, region.name, hit) or inside:  # 四川大学 (seat 成都, in 四川)
            mentions.append(Mention(m.sentence, m.start, m.start + len(hit), hit, _region_type(res, region.code), "name-prefix", region.code, region.short or region.name))
            name_rel.append((i, "locatedIn", len(mentions) - 1, "name-prefix"))
    # 省科技厅, 市发展改革委: the body of the province or city the article is about
    last_region: dict[str, int] = {}
    for i, m in sorted(enumerate(list(mentions)), key=lambda t: (t[1].sentence, t[1].start, t[1].rule != "name-prefix")):
        if m.type in ("Province", "City"):
            last_region[m.type] = i
        elif top_class(m.type) == "Institution" and m.rule.startswith("grammar") and m.surface[:1] in "省市":
            level = "Province" if m.surface[0] == "省" else "City"
            short = expand(m.surface)
            full_form = any(o.surface != m.surface and expand(o.surface).endswith(short)
                            for o in mentions if top_class(o.type) == "Institution")
            if level in last_region and not full_form:  # a full name says where, not the page
                name_rel.append((i, "locatedIn", last_region[level], "article-region"))

    # group mentions into entities
    uf = UnionFind()
    by_name: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        group = top_class(m.type)
        if m.key:
            ident = (group, "key:" + m.key)
        else:
            ident = (group, norm(m.surface))
        if ident in by_name:
            uf.union(by_name[ident], i)
        else:
            by_name[ident] = i
        # the same surface as another group's name: let the stronger type win later
    names_by_group: dict[str, dict[str, int]] = defaultdict(dict)
    for (group, ident), i in by_name.items():
        names_by_group[group][ident] = i
    expanded_names: dict[str, int] = {}
    for ident, j in names_by_group["Institution"].items():
        if not ident.startswith("key:"):
            expanded_names.setdefault(expand(ident).replace("人民政府", "政府"), j)
    for i, m in enumerate(mentions):
        group = top_class(m.type)
        full = alias_of.get(m.surface)
        if full is not None:
            full_key = norm(full)
            for g2, names in names_by_group.items():
                j = names.get(full_key)
                if j is not None:
                    uf.union(i, j)
        # 省X / 市X: the document's own province or city body (市发展改革委 = 北京市发改委)
        if group == "Institution" and m.surface[:1] in "省市" and len(m.surface) > 3:
            short = expand(m.surface)
            for ident, j in names_by_group[group].items():
                full = expand(ident)
                if full.endswith(short) and len(full) > len(short) and not ident.startswith("key:"):
                    uf.union(i, j)
        # abbreviated and full zone names: 长沙经开区 = 长沙经济技术开发区
        if group == "Region" and not m.key:
            expanded = expand(norm(m.surface))
            for ident, j in names_by_group[group].items():
                if not ident.startswith("key:") and j != i and expand(ident) == expanded:
                    uf.union(i, j)
        # abbreviated and full agency names: 北京市发改委 = 北京市发展和改革委员会
        if group == "Institution":
            expanded = expand(norm(m.surface)).replace("人民政府", "政府")
            j = expanded_names.get(expanded)
            if j is not None and j != i:
                uf.union(i, j)
        # 饥饿地图 = 世界饥饿地图: a product named by the end of its full name
        if group == "Project" and len(norm(m.surface)) >= 4 and not m.key:
            tail = norm(m.surface)
            for ident, j in names_by_group["Project"].items():
                if len(ident) > len(tail) and ident.endswith(tail) and j != i:
                    uf.union(i, j)
                    break
        # Playtika公司 = Playtika, 高通公司 = 高通
        if group == "Company" and m.surface.endswith(("公司", "集团")) and len(m.surface) > 4:
            j = names_by_group[group].get(norm(m.surface[:-2]))
            if j is not None:
                uf.union(i, j)
        # a mention whose surface is a lexicon name's alias joins the lexicon entity
        if not m.key:
            entry = res.orgs.lookup(m.surface)
            if entry is not None and top_class(entry.type) == group:
                j = names_by_group[group].get("key:lex:" + entry.name)
                if j is not None:
                    uf.union(i, j)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        clusters[uf.find(i)].append(i)

    entities: dict[str, Entity] = {}
    mention_entity: list[str] = [""] * len(mentions)
    for root, members in sorted(clusters.items()):
        ms = [mentions[i] for i in members]
        keyed = [m for m in ms if m.key]
        typ = max(ms, key=lambda m: (m.rule not in ("propagate", "alias-intro"), m.type != top_class(m.type), len(m.surface))).type
        if keyed:
            k = keyed[0]
            if k.key and k.key.startswith("lex:"):
                entry = res.orgs.lookup(k.canonical or k.surface)
                name = entry.name if entry else (k.canonical or k.surface)
                typ = entry.type if entry else typ
                code = None
            else:
                region = res.gazetteer.get(k.key or "")
                name = (region.short or region.name) if region else k.surface
                typ = _region_type(res, k.key)
                code = k.key
        else:
            surfaces_ = sorted({m.surface for m in ms if m.rule not in ("alias-intro",)} or {m.surface for m in ms}, key=lambda s: (-len(s), s))
            name = surfaces_[0]
            code = None
        ent = Entity(key="", type=typ, name=name, region_code=code)
        ent.key = f"region/{code}" if code else entity_key(ent, name)
        ent.aliases = {m.surface for m in ms if m.surface != name}
        if ent.key in entities:
            entities[ent.key].aliases |= ent.aliases | ({name} - {entities[ent.key].name})
        else:
            entities[ent.key] = ent
        for i in members:
            mention_entity[i] = ent.key

    _quoted_with_kind(mentions, mention_entity, entities, texts, res)
    _resolve_anaphora(mentions, mention_entity, entities, texts, res)

    # relations, sentence by sentence
    relations: list[RelationMention] = []
    types = {i: entities[mention_entity[i]].type for i in range(len(mentions))}
    by_sentence: dict[int, list[tuple[int, Mention]]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.rule in ("name-prefix", "alias-intro"):
            continue  # a name's own parts and its (以下简称) alias state nothing new
        by_sentence[m.sentence].append((i, m))
    for si, ms in by_sentence.items():
        ms.sort(key=lambda t: (t[1].start, -t[1].end))
        # drop mentions nested inside another (parents inside sub-unit names)
        flat: list[tuple[int, Mention]] = []
        for i, m in ms:
            if flat and m.start < flat[-1][1].end:
                continue
            flat.append((i, m))
        relations.extend(relate_sentence(res, texts[si], flat, types, rejections, si))
    relations.extend(_funding_rounds(mentions, mention_entity, entities, texts, by_sentence))
    relations.extend(_both_parties(mentions, mention_entity, entities, texts, by_sentence))
    relations.extend(_brand_products(mentions, mention_entity, entities, res))
    for subj, pred, obj, rule in name_rel:
        relations.append(RelationMention(subj, pred, obj, mentions[subj].sentence, rule))
    relations = [r for r in relations if mention_entity[r.subject] != mention_entity[r.object]]
    return DocExtraction(parsed, mentions, relations, entities, mention_entity, rejections)


def doc_mentions(ex: DocExtraction, all_mentions: bool = False) -> list[EntityMention]:
    """Where each entity is named in one document: its first place, or every place."""
    doc = ex.parsed.doc
    out = []
    by_index = {s.index: s for s in ex.parsed.sentences}
    seen: set[str] = set()
    order = sorted(range(len(ex.mentions)), key=lambda i: (ex.mentions[i].sentence, ex.mentions[i].start, ex.mentions[i].end))
    for i in order:
        m = ex.mentions[i]
        if not all_mentions:
            if ex.mention_entity[i] in seen or m.rule == "anaphor":
                continue
            seen.add(ex.mention_entity[i])
        sent = by_index[m.sentence]
        ev = Evidence(doc.id, m.sentence, sent.text, sent.start, sent.end)
        out.append(EntityMention(ex.mention_entity[i], ev, m.start, m.end,
                                 sent.doc_offset(m.start), sent.doc_offset(m.end), m.surface))
    return out


def doc_relations(ex: DocExtraction) -> list[Relation]:
    """One document's relations between its entities, each with its evidence sentence."""
    out: dict[tuple, Relation] = {}
    doc_id = ex.parsed.doc.id
    first_by_index: dict = {}
    for s_ in ex.parsed.sentences:
        first_by_index.setdefault(s_.index, s_)
    for r in ex.relations:
        s, o = ex.mention_entity[r.subject], ex.mention_entity[r.object]
        p = r.predicate
        if p == "cooperatesWith" and s > o:
            s, o = o, s
        sent = first_by_index[r.sentence]  # as _evidence finds it, without a scan per relation
        out.setdefault((s, p, o, r.sentence), Relation(s, p, o, Evidence(doc_id, r.sentence, sent.text, sent.start, sent.end), r.rule))
    return list(out.values())


def remap_mentions(mentions: dict[str, list[EntityMention]], merged: dict[str, str],
                   all_mentions: bool) -> dict[str, list[EntityMention]]:
    """Mentions with merged keys moved to their target (an article naming both keeps only the
    first place, unless every mention is kept)."""
    out: dict[str, list[EntityMention]] = {}
    for doc_id, items in mentions.items():
        seen: set[str] = set()
        kept = []
        for m in items:
            k = merged.get(m.key, m.key)
            if k in seen and not all_mentions:
                continue  # the article names the merged entity earlier already
            if k != m.key:
                m = EntityMention(k, m.sentence, m.start, m.end, m.doc_start, m.doc_end, m.surface)
            kept.append(m)
            seen.add(k)
        out[doc_id] = kept
    return out


def remap_relations(relations: Iterable[Relation], merged: dict[str, str]) -> list[Relation]:
    """Relations with merged keys moved to their target; one that now links an entity to
    itself is dropped, duplicates are one."""
    out: dict[tuple, Relation] = {}
    for rel in relations:
        s, o = merged.get(rel.subject, rel.subject), merged.get(rel.object, rel.object)
        if s == o:
            continue
        if rel.predicate == "cooperatesWith" and s > o:
            s, o = o, s
        ev = rel.evidence
        out.setdefault((s, rel.predicate, o, ev.doc_id if ev else "", ev.sentence if ev else -1),
                       Relation(s, rel.predicate, o, ev, rel.rule))
    return list(out.values())


def assemble(extractions: Iterable[DocExtraction], res: Resources, all_mentions: bool = False) -> GraphData:
    """Merge documents: one node per key, short names merged into full names other articles
    give (kg.corpus); region hierarchy from the gazetteer (kg.assembly.Assembler, which
    also takes the documents one at a time).  The result does not depend on the order of
    `extractions` beyond the order of the documents list.

    Each article records where each entity is first named in it (a kg:Mention); with
    `all_mentions`, every place it is named (several times the triples on long articles).
    """
    from kg.assembly import Assembler, doc_facts

    assembler = Assembler(res, all_mentions)
    for ex in extractions:
        assembler.add(doc_facts(ex, all_mentions, render=False))
    return assembler.finish()
