"""Lexicons of organisations, surnames and titles: the packaged data and the loader."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg import lexicon
from kg.lexicon import (
    ORG_TYPES,
    load_org_lexicon,
    load_person_titles,
    load_surname_table,
    load_surnames,
    load_title_table,
    normalize,
    parse_org_rows,
    variants,
)
from kg.ns import ORGS, SUBCLASS_OF, TOP_CLASSES, top_class

DATA = Path(lexicon.__file__).parent / "data"


def _rows() -> list[list[str]]:
    out = []
    for line in (DATA / "organizations.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append((line.split("\t") + [""] * 6)[:6])
    return out


def _write(tmp_path: Path, text: str, name: str = "user.tsv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- packaged data
def test_data_files_state_source_and_date() -> None:
    for name in ("organizations.tsv", "surnames.txt", "person_titles.txt"):
        head = "".join((DATA / name).read_text(encoding="utf-8").splitlines(True)[:8])
        assert "Source:" in head and "2026-11" in head, name


def test_builtin_lexicon_is_large_and_loads_fast() -> None:
    lexicon._load_orgs.cache_clear()
    t0 = time.perf_counter()
    lx = load_org_lexicon()
    elapsed = time.perf_counter() - t0
    assert len(lx) >= 1000
    assert elapsed < 0.5  # about 0.08 s here; the budget is 0.2 s, with room for slow CI
    assert load_org_lexicon() is lx  # cached


def test_every_type_is_an_organisation_class_of_the_ontology() -> None:
    for name, typ, *_ in _rows():
        assert typ in ORG_TYPES, name
        assert typ in SUBCLASS_OF or typ in TOP_CLASSES, name
        assert top_class(typ) in ORGS, name
    assert "Region" not in ORG_TYPES and "Person" not in ORG_TYPES


def test_every_parent_is_the_name_of_a_row() -> None:
    rows = _rows()
    names = {r[0] for r in rows}
    parents = [r[4] for r in rows if r[4]]
    assert len(parents) > 100
    for p in parents:
        assert p in names, p


def test_no_surface_names_two_entries() -> None:
    seen: dict[str, str] = {}
    for name, _t, aliases, *_ in _rows():
        for s in [name, *filter(None, aliases.split("|"))]:
            k = normalize(s)
            assert seen.get(k, name) == name, f"{s} names {seen[k]} and {name}"
            seen[k] = name
    # and the loaded index agrees: every surface it yields looks up its own entry
    lx = load_org_lexicon()
    pairs = list(lx.surfaces())
    assert len({s for s, _ in pairs}) == len(pairs)
    for surface, entry in pairs:
        assert lx.lookup(surface) is entry


def test_surfaces_are_at_least_two_characters_and_ambiguous_ones_belong_to_the_row() -> None:
    for entry in load_org_lexicon():
        for s in entry.names:
            assert len(s) >= 2, entry.name
        forms = {v for s in entry.names for v in variants(s)}
        assert entry.ambiguous <= forms, entry.name


def test_lookup_by_name_alias_and_written_variants() -> None:
    lx = load_org_lexicon()
    huawei = lx.lookup("华为")
    assert huawei is not None and huawei.name == "华为技术有限公司"
    assert huawei.type == "Company" and huawei.region == "深圳"
    assert lx.lookup("华为技术有限公司") is huawei
    assert lx.lookup("工信部").name == "工业和信息化部"
    assert lx.lookup("工信部").type == "GovernmentAgency"
    assert lx.lookup("世卫组织").type == "InternationalOrganization"
    assert lx.lookup("中科院").type == "ResearchInstitute"
    assert lx.lookup("清华").type == "University"
    # bracket width, full-width Latin letters, middle-dot variants
    assert lx.lookup("中国矿业大学(北京)") is lx.lookup("中国矿业大学（北京）") is not None
    assert lx.lookup("ＯＰＰＯ") is lx.lookup("OPPO") is not None
    assert lx.lookup("马克斯•普朗克学会") is lx.lookup("马克斯·普朗克学会") is not None
    surfaces = {s for s, _ in lx.surfaces()}
    assert {"中国矿业大学（北京）", "中国矿业大学(北京)", "ＯＰＰＯ"} <= surfaces
    # negatives: unknown names, near misses, a bare suffix
    for miss in ("华为云南公司", "华", "有限公司", "清华园", "", "opp"):
        assert lx.lookup(miss) is None, miss
    assert "华为" in lx and "华为园" not in lx


def test_parent_and_children() -> None:
    lx = load_org_lexicon()
    aliyun = lx.lookup("阿里云")
    assert aliyun.parent == "阿里巴巴集团"
    assert lx.entry("阿里巴巴集团") is lx.lookup("阿里巴巴")
    assert aliyun in lx.children("阿里巴巴集团")
    assert lx.lookup("华为").parent is None
    assert lx.entry("阿里云") is None  # an alias is not a canonical name


def test_ambiguous_aliases_are_flagged_and_plain_ones_not() -> None:
    lx = load_org_lexicon()
    for word in ("苹果", "小米", "理想", "美的", "联想", "中信", "国网"):
        assert lx.is_ambiguous(word), word
        assert word in lx.lookup(word).ambiguous
    for word in ("华为", "苹果公司", "小米集团", "腾讯", "工信部", "OPPO"):
        assert not lx.is_ambiguous(word), word
    assert not lx.is_ambiguous("不存在的名字")


# ---------------------------------------------------------------- user dictionaries
def test_user_dictionary_adds_rows_with_optional_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeff# my orgs\nname\ttype\n"
                  "星火测试科技有限公司\tCompany\t星火测试|星火\t苏州\n"
                  "星火测试科技有限公司南京分公司\tCompany\t\t南京\t星火测试\n"
                  "启明测试研究院\tResearchInstitute\n")
    lx = load_org_lexicon([path])
    e = lx.lookup("星火")
    assert e.name == "星火测试科技有限公司" and e.region == "苏州" and e.aliases == ("星火测试", "星火")
    sub = lx.lookup("星火测试科技有限公司南京分公司")
    assert sub.parent == "星火测试科技有限公司"  # given by alias, stored as the name
    assert sub.source.endswith("user.tsv:4")
    r = lx.lookup("启明测试研究院")
    assert r.type == "ResearchInstitute" and r.aliases == () and r.region is None
    assert len(lx) == len(load_org_lexicon()) + 3
    assert load_org_lexicon().lookup("星火") is None  # the packaged lexicon is untouched


def test_user_dictionary_overrides_by_name_and_takes_aliases_over(tmp_path: Path) -> None:
    path = _write(tmp_path,
                  "华为技术有限公司\tCompany\t华为|华为技术\t东莞\n"
                  "小米之家\tCompany\t小米\t\t\tambiguous\n")
    base = load_org_lexicon()
    lx = load_org_lexicon([path])
    hw = lx.lookup("华为")
    assert hw.region == "东莞" and hw.aliases == ("华为", "华为技术")
    assert lx.lookup("华为公司") is None  # the replaced row's other aliases are gone
    assert lx.lookup("小米").name == "小米之家"  # later wins
    xiaomi = lx.entry("小米集团")
    assert "小米" not in xiaomi.aliases and "小米" not in xiaomi.ambiguous
    assert lx.lookup("小米公司") is xiaomi
    assert lx.is_ambiguous("小米")
    assert len(lx) == len(base) + 1


def test_later_user_file_wins_over_earlier(tmp_path: Path) -> None:
    a = _write(tmp_path, "甲测试公司\tCompany\t甲测\n", "a.tsv")
    b = _write(tmp_path, "乙测试公司\tCompany\t甲测\n", "b.tsv")
    assert load_org_lexicon([a, b]).lookup("甲测").name == "乙测试公司"
    assert load_org_lexicon([b, a]).lookup("甲测").name == "甲测试公司"


def test_cache_sees_an_edited_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "丙测试公司\tCompany\n")
    assert load_org_lexicon([path]).lookup("丙测试公司").type == "Company"
    path.write_text("丙测试公司\tUniversity\t丙测大\n", encoding="utf-8")
    assert load_org_lexicon([path]).lookup("丙测大").type == "University"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("星火公司\tCompnay\n", 1, "unknown type 'Compnay'"),
        ("星火公司\tProvince\n", 1, "unknown type 'Province'"),
        ("# c\n星火公司\n", 2, "expected name<TAB>type"),
        ("星火公司\t\n", 1, "missing type"),
        ("\tCompany\n", 1, "empty name"),
        ("星火公司\tCompany\ta\tb\tc\td\te\n", 1, "7 columns"),
        ("星火公司\tCompany\t\t\t不存在的母公司\n", 1, "parent '不存在的母公司'"),
        ("星火公司\tCompany\t\t\t星火公司\n", 1, "its own parent"),
        ("星火公司\tCompany\t\t\t\tfuzzy\n", 1, "unknown flag 'fuzzy'"),
        ("星火公司\tCompany\t星火\t\t\tambiguous=火星\n", 1, "ambiguous surface '火星'"),
        ("星火公司\tCompany\t星火\n燎原公司\tCompany\t星火\n", 2, "already names '星火公司'"),
        ("星火公司\tCompany\t华为技术有限公司\n", 1, "is the name of the entry"),
        ("星火公司|星火\tCompany\n", 1, "contains '|'"),
        ("甲环公司\tCompany\t\t\t乙环公司\n乙环公司\tCompany\t\t\t甲环公司\n", 1, "loops"),
    ],
)
def test_bad_user_rows_name_file_and_line(tmp_path: Path, text: str, line: int,
                                          message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ValueError) as err:
        load_org_lexicon([path])
    assert str(err.value).startswith(f"{path}:{line}: "), str(err.value)
    assert message in str(err.value)


def test_unreadable_user_dictionaries(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read dictionary"):
        load_org_lexicon([tmp_path / "missing.tsv"])
    bad = tmp_path / "gbk.tsv"
    bad.write_bytes("星火公司\tCompany\n".encode("utf-8") + "燎原公司\tCompany\n".encode("gbk"))
    with pytest.raises(ValueError, match=r"gbk\.tsv:2: not UTF-8"):
        load_org_lexicon([bad])


def test_parse_rows_flags() -> None:
    rows = parse_org_rows("甲乙公司\tCompany\t甲乙|乙乙\t\t\tambiguous\n"
                          "丙丁公司\tCompany\t丙丁|丁丁\t\t\tambiguous=丁丁\n", "t")
    assert rows[0].ambiguous == {"甲乙", "乙乙"}
    assert rows[1].ambiguous == {"丁丁"}


# ---------------------------------------------------------------- surnames and titles
def test_surnames() -> None:
    names = load_surnames()
    assert len(names) >= 450
    for s in ("王", "李", "张", "欧阳", "司马", "诸葛", "上官", "东方", "皇甫"):
        assert s in names, s
    for s in ("的", "是", "公司", "华为"):
        assert s not in names, s
    table = load_surname_table()
    ranks = sorted(s.rank for s in table.values() if s.rank is not None)
    assert ranks == list(range(1, 101))
    assert table["王"].rank == 1 and table["欧阳"].compound and table["欧阳"].rank is None
    assert table["于"].common_word and not table["李"].common_word


def test_person_titles() -> None:
    titles = load_person_titles()
    assert len(titles) >= 150
    for t in ("主任", "教授", "董事长", "首席执行官", "CEO", "记者", "执行干事", "总工程师"):
        assert titles[t] is True, t
    for t in ("博士", "院士", "客座教授"):
        assert titles[t] is False, t
    for t in ("今天", "公司", "华为"):
        assert t not in titles, t
    assert load_title_table()["记者"].kind == "media"
    titles["临时头衔"] = True  # callers get their own copy
    assert "临时头衔" not in load_person_titles()
