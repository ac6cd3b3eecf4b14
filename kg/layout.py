"""Page repair for real newspaper and web text: paragraphs, column breaks, sentences, credits.

Why this exists: printed pages interleave articles and break words across columns
(``新质生产\\n\\n力。``), crawled pages carry scripts, repeated titles and full-width
indentation, and the same block is sometimes printed twice.  `parse_document` turns
`Document.text` into sentences that read as the article was written, keeps every character
traceable to its offset in `Document.text` (`Sentence.char_map`), and recognises bylines,
datelines and photo credits (`Credit`).  Every rule is general (punctuation, layout, the
grammar of credit lines); word lists live in ``kg/data/layout_*``.

The pass is linear: lines -> paragraphs (classified once) -> duplicate removal -> joins ->
sentences -> credits, with precompiled regular expressions throughout.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from itertools import chain

from kg.model import Credit, CreditName, Document, ParsedDocument, Sentence

__all__ = [
    "CreditSpan",
    "credit_spans",
    "ends_sentence",
    "looks_like_headline",
    "parse_document",
    "split_sentences",
]

# ---------------------------------------------------------------------------------------
# Character classes

_WS_CHARS = " \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
_WS = r"\s\u200b\ufeff"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Characters of Chinese running text besides ideographs: a space between two of these is
# layout (叶 青, “显出来” 成果), never a word separator.
_CJK_PUNCT = "\u3001-\u303f\uff01-\uff60\uffe0-\uffee\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
_CJK = _HAN + _CJK_PUNCT

# Full-width punctuation (not full-width letters or digits): a space beside it is layout.
_FW_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026"
_CJK_SPACE = re.compile(
    f"(?<=[{_CJK}])[{_WS}]+(?=[{_CJK}])|(?<=[{_FW_PUNCT}])[{_WS}]+|[{_WS}]+(?=[{_FW_PUNCT}])"
)
_WS_RUN = re.compile(f"[{_WS}]{{2,}}")
_ANY_WS = re.compile(f"[{_WS}]")
_INDENT = re.compile("[\u3000\u00a0\t]|  ")
_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
_MD_BLOCK = re.compile(r"(?:>[ \t]*)+|[-*+][ \t]+|\d{1,3}[.)][ \t]+")
_MD_FIRST = frozenset("#>-*+0123456789")

_HAS_HAN = re.compile(f"[{_HAN}]")
_NAME_RUN = re.compile(f"[{_HAN}·]+")
_HAS_WORD = re.compile(r"[^\W_]")
# Script/style code: ASCII-only lines with code punctuation, or lines starting like code.
_CODE_CHARS = re.compile(r"[{};=]|^\(?function\b|^</?[A-Za-z][^>]*>|^//|^/\*|^\*/")
_CODE_START = re.compile(
    r"(?:\(\s*function\b|function\s*\w*\s*\(|var\s+\w+\s*=|let\s+\w+\s*=|const\s+\w+\s*=|"
    r"document\.\w+|window\.\w+|\$\(|</?(?:script|style|div|span|p|iframe)\b|[}\])]+\s*\)?\s*;)"
)

_FINAL = "。！？!?…；;：:"
_CLOSERS = "”’」』）)】》\"'"
_OPEN_QUOTES = "“「『"
_CLOSE_QUOTES = "”」』"
_QUOTE = re.compile("[“”「」『』]")
_SENT_END = re.compile(r"[。！？!?][。！？!?”’」』）)\"']*")
_URLISH = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789=&/%_.-")
_ORPHAN_START = re.compile(f"[，。、；！？,;!?）)」』】》”’…]|[{_HAN}][，。、；！？]")
_TRAIL_END = re.compile(r"[(（【\[]\s*(?:全文)?完\s*[)）】\]]$")

HEADLINE_MAX = 40  # characters; longer lines are never treated as headlines


# ---------------------------------------------------------------------------------------
# Data files


def _data_rows(name: str) -> list[str]:
    text = (importlib_resources.files("kg") / "data" / name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _alt(words: list[str] | set[str] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class _Lexicon:
    boilerplate: re.Pattern[str]
    byline_head: re.Pattern[str]
    byline_lead: re.Pattern[str]
    byline_body: re.Pattern[str]
    role_split: re.Pattern[str]
    suffix_tail: re.Pattern[str]
    photo_tail: re.Pattern[str]
    photo_slash: re.Pattern[str]
    photo_she: re.Pattern[str]
    dateline_xun: re.Pattern[str]
    dateline_dian: re.Pattern[str]
    source_line: re.Pattern[str]
    caption_start: re.Pattern[str]
    nonname: frozenset[str]
    own: frozenset[str]
    photo_words: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    words: dict[str, list[str]] = {}
    for row in _data_rows("layout_credit_words.tsv"):
        word, _, cat = row.partition("\t")
        words.setdefault(cat.strip(), []).append(word.strip())
    outlets = [w.strip() for w in _data_rows("layout_outlets.txt")]
    boiler = [p.strip() for p in _data_rows("layout_boilerplate.txt")]

    ws = f"[{_WS}]*"
    role = f"(?:{_alt(words['role'])})"
    photo = f"(?:{_alt(words['photo'])})"
    suffix = f"(?:{_alt(words['suffix'])}|发自[{_HAN}]{{2,8}})"
    own = f"(?:{_alt(words['own'])})"
    generic_outlet = f"[{_HAN}A-Za-z0-9]{{1,8}}?(?:{_alt(words['outlet_end'])})"
    outlet = f"(?:{_alt(outlets)}|{generic_outlet})"
    namelist = f"[{_HAN}·]{{2,4}}(?:[{_WS}、，,]+[{_HAN}·]{{1,4}})*"
    lw = f"(?:{_alt(words['lead'])})"
    lead = f"◎?{ws}(?:{lw}[/／]{lw}{ws}[|｜:：]{ws}|{lw}[/／]{lw}{ws}|{lw}{ws}[/／|｜:：]{ws})?"
    boundary = f"(?:^|(?<=[^{_HAN}·]))"
    return _Lexicon(
        boilerplate=re.compile("|".join(f"(?:{p})" for p in boiler)),
        byline_head=re.compile(f"{lead}(?:(?P<outlet>{own}|{outlet}){ws})?(?={role})"),
        byline_lead=re.compile(f"◎?{ws}{lw}(?:[/／]{lw})?{ws}[/／|｜:：]{ws}"),
        byline_body=re.compile(f"[{_HAN}·{_WS}、，,:：]+"),
        role_split=re.compile(f"({role})"),
        suffix_tail=re.compile(f"(?:{suffix}|{photo}){ws}$"),
        photo_tail=re.compile(f"{photo}{ws}[)）]?{ws}$"),
        photo_slash=re.compile(
            f"{boundary}(?P<names>{namelist}){ws}(?:[(（](?P<branch>[{_HAN}]{{2,8}}?)分社[)）])?{ws}"
            f"[/／]{ws}(?P<outlet>{outlet}|{photo}){ws}$"
        ),
        photo_she=re.compile(
            f"(?:[(（]|{boundary})(?:(?P<outlet>{own}|{outlet}){ws})?(?:{role}{ws})?"
            f"(?P<names>{namelist}){ws}(?:{photo}){ws}[)）]?{ws}$"
        ),
        dateline_xun=re.compile(
            f"据?(?P<outlet>{own}|{outlet})讯{ws}(?:[(（](?P<people>[^()（）]{{1,40}})[)）])?"
        ),
        dateline_dian=re.compile(
            f"据?(?P<outlet>{own}|{outlet})(?P<place>[{_HAN}]{{2,10}}?)"
            f"(?P<date>(?:[0-9０-９]{{4}}年)?[0-9０-９]{{1,2}}月[0-9０-９]{{1,2}}日)(?:电|讯)"
            f"{ws}(?:[(（](?P<people>[^()（）]{{1,40}})[)）])?"
        ),
        source_line=re.compile(
            f"(?:{_alt(words['source'])}){ws}[:：]{ws}(?P<outlet>[^{_WS}]{{1,30}})"
            f"(?:{ws}(?:作者|记者){ws}[:：]?{ws}(?P<people>.{{1,30}}))?"
        ),
        caption_start=re.compile(f"(?:{_alt(words['caption'])})"),
        nonname=frozenset(words["nonname"]),
        own=frozenset(words["own"]),
        photo_words=frozenset(words["photo"]),
    )


# ---------------------------------------------------------------------------------------
# Small predicates (public ones are used by kg.ingest for titles)


def ends_sentence(text: str) -> bool:
    """Whether text ends where a sentence may end (final punctuation, maybe a closing quote)."""
    t = text.rstrip(_WS_CHARS + _CLOSERS)
    if not t:
        return False
    ch = t[-1]
    if ch in _FINAL:
        return True
    # An ASCII full stop ends Latin text, not a number ("3.").
    return ch == "." and len(t) > 1 and not t[-2].isdigit()


def _balanced(text: str) -> bool:
    depth = 0
    for m in _QUOTE.finditer(text):
        if m.group() in _OPEN_QUOTES:
            depth += 1
        elif depth == 0:
            return False
        else:
            depth -= 1
    return depth == 0 and text.count("(") == text.count(")") and text.count("（") == text.count("）")


def looks_like_headline(text: str) -> bool:
    """A short line with no sentence punctuation and balanced quotes: a title or heading."""
    t = text.strip(_WS_CHARS)
    if not t or len(t) > HEADLINE_MAX or ends_sentence(t):
        return False
    if any(ch in t for ch in "。；;！？!?"):
        return False
    if ("，" in t or "," in t) and len(t) > 20:
        return False
    return _balanced(t)


def _orphan(text: str) -> bool:
    """Whether a paragraph cannot start a sentence: it continues one broken off elsewhere.

    True when it starts with punctuation or a closing quote, when its first clause is a
    single character (体。, 库，), or when its first quotation mark closes a quotation that
    was opened before it.
    """
    if _ORPHAN_START.match(text):
        return True
    m = _QUOTE.search(text)
    return m is not None and m.group() in _CLOSE_QUOTES


def _is_boilerplate(text: str) -> bool:
    if not _HAS_WORD.search(text):
        return True  # only punctuation and symbols
    if not _HAS_HAN.search(text):
        if _CODE_CHARS.search(text):
            return True
    elif text[0] < "\u0080" and _CODE_START.match(text):
        return True
    return len(text) <= 100 and _lexicon().boilerplate.fullmatch(text) is not None


# ---------------------------------------------------------------------------------------
# Paragraphs


class _Para:
    """One line or inline block of the page, with its pieces in Document.text."""

    __slots__ = ("pieces", "text", "kind", "indent", "forced", "credit", "tight")

    def __init__(self, pieces: list[tuple[int, int]], text: str, indent: bool, forced: bool) -> None:
        self.pieces = pieces
        self.text = text
        self.indent = indent
        self.tight = False  # the line right above it is not blank (a hard-wrapped text?)
        self.forced = forced  # a markdown heading: never joined
        self.kind = "body"
        self.credit: str | None = None  # "byline" | "source" when the line is one


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    if s >= e or (text[s] not in _WS_CHARS and text[e - 1] not in _WS_CHARS):
        return s, e
    seg = text[s:e]
    left = seg.lstrip(_WS_CHARS)
    s += len(seg) - len(left)
    return s, s + len(left.rstrip(_WS_CHARS))


def _segment(text: str, s: int, e: int, indent: bool) -> _Para | None:
    s, e = _trim(text, s, e)
    if s >= e:
        return None
    forced = False
    if text[s] in _MD_FIRST:
        m = _MD_HEADING.match(text, s, e)
        if m:
            forced = True
            s = m.end()
        else:
            m = _MD_BLOCK.match(text, s, e)
            if m and m.end() < e:
                s = m.end()
        s, e = _trim(text, s, e)
        if s >= e:
            return None
    if _ANY_WS.search(text, s, e) is None:  # the common case: nothing to remove
        return _Para([(s, e)], text[s:e], indent, forced)
    pieces: list[tuple[int, int]] = []
    cur = s
    for m in _CJK_SPACE.finditer(text, s, e):
        pieces.append((cur, m.start()))
        cur = m.end()
    pieces.append((cur, e))
    ptext = text[s:e] if len(pieces) == 1 else "".join(text[a:b] for a, b in pieces)
    return _Para(pieces, ptext, indent, forced)


def _is_inline_break(run: str) -> bool:
    """Two or more full-width/no-break spaces (the Chinese paragraph indent), or four or
    more spaces of any kind, inside a line: crawled pages glue paragraphs with them."""
    return len(run) >= 4 or run.count("\u3000") + run.count("\xa0") >= 2


def _paragraphs(text: str) -> list[_Para]:
    paras: list[_Para] = []
    pos = 0
    prev_nonblank = False
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line or line.isspace():
            prev_nonblank = False
            continue
        indent = _INDENT.match(line) is not None
        tight, prev_nonblank = prev_nonblank, True
        first = len(paras)
        cur = start
        maybe_break = "\u3000" in line or "\xa0" in line or "  " in line or "\t" in line
        for m in _WS_RUN.finditer(line) if maybe_break else ():
            if m.start() == 0 or m.end() == len(line) or not _is_inline_break(m.group()):
                continue  # leading indentation and trailing space are not breaks
            p = _segment(text, cur, start + m.start(), indent)
            if p is not None:
                paras.append(p)
            cur = start + m.end()
            indent = True
        p = _segment(text, cur, start + len(line), indent)
        if p is not None:
            paras.append(p)
        if tight and len(paras) > first:
            paras[first].tight = True
    return paras


def _width(text: str) -> int:
    """Display width in columns: Chinese characters are two columns wide, ASCII one."""
    return (len(text.encode("utf-8")) + len(text)) // 2


def _wrap_width(paras: list[_Para], order: list[int]) -> int | None:
    """The line width of a hard-wrapped text (PDF or editor output), or None.

    A text is hard-wrapped when most lines followed directly by another line end
    mid-sentence, most of those have one width (W-2..W columns), and hardly any line is
    wider than W: then every line of that width continues on the next line.  (Section
    headings of equal length fail the last test: the body lines between them are longer.)
    """
    widths: list[int] = []
    all_widths: list[int] = []
    for k in range(len(order) - 1):
        p, q = paras[order[k]], paras[order[k + 1]]
        if q.tight and not q.indent and p.kind in ("body", "heading") and q.kind in ("body", "heading"):
            w = _width(p.text) if len(p.text) < 200 else 400
            all_widths.append(w)
            if not ends_sentence(p.text):
                widths.append(w)
    tight_pairs = len(all_widths)
    if len(widths) < 3 or 2 * len(widths) < tight_pairs:
        return None
    counts: dict[int, int] = {}
    for w in widths:
        counts[w] = counts.get(w, 0) + 1
    best, best_n = 0, 0
    for w in counts:
        n = counts[w] + counts.get(w - 1, 0) + counts.get(w - 2, 0)
        if n > best_n or (n == best_n and w > best):
            best, best_n = w, n
    if 2 * best_n < len(widths) or best_n < 3:
        return None
    wider = sum(1 for w in all_widths if w > best + 1)
    return best if 10 * wider <= tight_pairs else None


def _classify(p: _Para) -> None:
    t = p.text
    lex = _lexicon()
    if _is_boilerplate(t):
        p.kind = "drop"
        return
    if p.forced:
        p.kind = "heading"
        return
    short = len(t) <= HEADLINE_MAX + 20
    if short and lex.source_line.fullmatch(t):
        p.kind, p.credit = "byline", "source"
        return
    if short and _match_byline(t) is not None:
        if lex.photo_tail.search(t):  # 新华社记者 张三 摄: a photo credit on its own line
            p.kind = "caption"
        else:
            p.kind, p.credit = "byline", "byline"
        return
    if lex.caption_start.match(t) or _photo_credit_at_end(t):
        p.kind = "caption"
        return
    if looks_like_headline(t):
        p.kind = "heading"


def _match_byline(text: str) -> tuple[str | None, int, str | None] | None:
    """(outlet or None, where the roles and names start, role of names before any role word)
    when the whole text is a byline.

    A byline is [◎] [文/图｜] [outlet] role names [role names …] [综合报道|摄 …], or
    文/ names, where every name is a valid name (so 记者了解到 is not one).  Checked in
    steps, without a backtracking regular expression, so that any line is linear to test.
    """
    lex = _lexicon()
    default: str | None = None
    m = lex.byline_head.match(text)
    if m is None:
        m = lex.byline_lead.match(text)
        if m is None:
            return None
        default = "作者"
    start, end = m.end(), len(text)
    tail = lex.suffix_tail.search(text, start)
    if tail is not None:
        end = tail.start()
    if end <= start or lex.byline_body.fullmatch(text, start, end) is None:
        return None
    people, rejected = _people(text[start:], 0, default)
    if not people or rejected:
        return None
    return (m.group("outlet") if default is None else None), start, default


def _photo_credit_at_end(text: str) -> bool:
    if text.endswith(("(摄)", "（摄）")):
        return True
    tail = text[-40:]
    if "摄" not in tail and "/" not in tail and "／" not in tail and "供图" not in tail:
        return False
    lex = _lexicon()
    for rx in (lex.photo_slash, lex.photo_she):
        m = rx.search(text, max(0, len(text) - 40))
        if m and _people(m.group("names"), 0, "摄影")[0]:
            return True
    return False


# ---------------------------------------------------------------------------------------
# People in credit lines


def _people(area: str, base: int, default_role: str | None) -> tuple[list[tuple[str, str, int, int]], int]:
    """Names in a credit area with their roles, as (name, role, start, end) offsets + base,
    and the number of name-like tokens refused.

    Roles (记者, 通讯员 …) split the area; names inside a role's share are separated by
    spaces or 、，; two single characters separated by a space are one name (叶 青, the
    newspaper habit of padding two-character names).  A name is 2-4 Chinese characters
    (a middle dot allows longer transliterated names) with no character from the
    `nonname` list.
    """
    lex = _lexicon()
    out: list[tuple[str, str, int, int]] = []
    rejected = 0
    parts = lex.role_split.split(area)
    offset = 0
    role = default_role
    for i, part in enumerate(parts):
        if i % 2 == 1:
            role = "摄影" if part == "摄影记者" else part
            offset += len(part)
            continue
        chunk = part
        # Remove a trailing 综合报道 / 摄 so it is not read as a name.
        m = lex.suffix_tail.search(chunk)
        if m:
            if any(w in m.group() for w in lex.photo_words):
                role = "摄影"
            chunk = chunk[: m.start()]
        runs = [(r.start(), r.end()) for r in _NAME_RUN.finditer(chunk)]
        merged: list[tuple[int, int]] = []
        j = 0
        while j < len(runs):
            a, b = runs[j]
            if (
                b - a == 1
                and j + 1 < len(runs)
                and runs[j + 1][1] - runs[j + 1][0] == 1
                and chunk[b : runs[j + 1][0]].strip(_WS_CHARS) == ""
            ):
                merged.append((a, runs[j + 1][1]))
                j += 2
                continue
            merged.append((a, b))
            j += 1
        for a, b in merged:
            raw = chunk[a:b]
            name = "".join(ch for ch in raw if ch not in _WS_CHARS)
            ok_len = 2 <= len(name) <= 4 or ("·" in name and 3 <= len(name) <= 12)
            if ok_len and role is not None and not any(ch in lex.nonname for ch in name):
                if name in lex.own or lex.role_split.fullmatch(name):
                    continue
                out.append((name, role, base + offset + a, base + offset + b))
            else:
                rejected += 1
        offset += len(part)
    return out, rejected


# ---------------------------------------------------------------------------------------
# Sentences


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph: after 。！？!? with closing quotes kept, trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _SENT_END.finditer(text):
        end = m.end()
        if text[m.start()] in "!?" and end < n and text[end] in _URLISH and m.group().strip("!?") == "":
            continue  # ASCII ! or ? inside a URL or a Latin word (Yahoo!), not an ending
        spans.append((start, end))
        start = end
    if start < n:
        spans.append((start, n))
    out: list[tuple[int, int]] = []
    ws = _WS_CHARS
    for a, b in spans:
        if a < b and (text[a] in ws or text[b - 1] in ws):
            a, b = _trim(text, a, b)
        if a < b:
            out.append((a, b))
    return out


class _Builder:
    """Accumulates sentences and credits for one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sentences: list[Sentence] = []
        self.credits: list[Credit] = []

    def add(self, text: str, pieces: list[tuple[int, int]], cum: list[int], a: int, b: int, kind: str) -> Sentence:
        """Add text[a:b] of a paragraph whose pieces (doc spans) start at cum offsets."""
        k = bisect_left(cum, a + 1) - 1 if len(pieces) > 1 else 0
        ps, pe = pieces[k]
        off = a - cum[k]
        if len(pieces) == 1 or b - cum[k] <= pe - ps:
            start = ps + off
            sent = Sentence(len(self.sentences), text[a:b], start, start + (b - a), kind)
        else:
            ranges = []
            remaining = b - a
            first = True
            while remaining > 0:
                ps, pe = pieces[k]
                s0 = ps + (off if first else 0)
                take = min(remaining, pe - s0)
                ranges.append(range(s0, s0 + take))
                remaining -= take
                first = False
                k += 1
            cmap = tuple(chain.from_iterable(ranges))
            sent = Sentence(len(self.sentences), text[a:b], cmap[0], cmap[-1] + 1, kind, cmap)
        self.sentences.append(sent)
        return sent

    # -- credits -----------------------------------------------------------------------

    def _original(self, s: Sentence, a: int = 0, b: int | None = None) -> tuple[str, int, dict[int, int] | None]:
        """Original text under sentence chars a..b, its doc offset, and a doc->sentence map."""
        b = len(s.text) if b is None else b
        if not s.char_map:
            return self.doc.text[s.start + a : s.start + b], s.start + a, None
        lo, hi = s.char_map[a], (s.char_map[b - 1] + 1 if b > a else s.char_map[a])
        return self.doc.text[lo:hi], lo, {d: i for i, d in enumerate(s.char_map)}

    def _names(self, s: Sentence, area_a: int, area_b: int, default_role: str | None) -> tuple[CreditName, ...]:
        orig, base, dmap = self._original(s, area_a, area_b)
        out = []
        for name, role, ds, de in _people(orig, base, default_role)[0]:
            if dmap is None:
                st, en = ds - s.start, de - s.start
            else:
                st = dmap.get(ds)
                last = dmap.get(de - 1)
                if st is None or last is None:
                    continue
                en = last + 1
            out.append(CreditName(name, role, s.index, st, en))
        return tuple(out)

    def byline(self, s: Sentence, credit: str) -> None:
        lex = _lexicon()
        t = s.text
        if credit == "source":
            m = lex.source_line.fullmatch(t)
            if m is None:
                return
            people: tuple[CreditName, ...] = ()
            if m.group("people"):
                people = self._names(s, m.start("people"), m.end("people"), "作者")
            self.credits.append(Credit("byline", s.index, 0, len(t), _outlet(m.group("outlet")), None, None, people))
            return
        found = _match_byline(t)
        if found is None:
            return
        outlet, start, default = found
        people = self._names(s, start, len(t), default)
        self.credits.append(Credit("byline", s.index, 0, len(t), _outlet(outlet), None, None, people))

    def photo(self, s: Sentence) -> None:
        lex = _lexicon()
        t = s.text
        lo = max(0, len(t) - 40)
        m = lex.photo_slash.search(t, lo)
        place = None
        if m is not None:
            outlet = m.group("outlet")
            outlet = None if outlet in lex.photo_words else _outlet(outlet)
            place = m.group("branch")
        else:
            m = lex.photo_she.search(t, lo)
            if m is None:
                return
            outlet = _outlet(m.group("outlet"))
        people = self._names(s, m.start("names"), m.end("names"), "摄影")
        if people:
            self.credits.append(Credit("photo", s.index, m.start(), m.end(), outlet, place, None, people))

    def dateline(self, s: Sentence, m: re.Match[str]) -> None:
        people: tuple[CreditName, ...] = ()
        if m.group("people"):
            people = self._names(s, m.start("people"), m.end("people"), "记者")
        gd = m.groupdict()
        self.credits.append(
            Credit("dateline", s.index, m.start(), m.end(), _outlet(gd["outlet"]), gd.get("place"), gd.get("date"), people)
        )


def _outlet(name: str | None) -> str | None:
    if not name or name in _lexicon().own:
        return None
    return name


def _match_dateline(text: str) -> re.Match[str] | None:
    head = text[:40]
    lex = _lexicon()
    if "电" in head:
        m = lex.dateline_dian.match(text)
        if m:
            return m
    if "讯" in head:
        return lex.dateline_xun.match(text)
    return None


# ---------------------------------------------------------------------------------------
# The pass


_FAR_WINDOW = 400  # paragraphs scanned for the continuation of a broken paragraph


def parse_document(doc: Document) -> ParsedDocument:
    """Cut a document into repaired sentences with offsets, and find its credits.

    Rules, in order:
    1. Paragraphs: each line, and each block inside a line separated by a paragraph indent
       (two or more full-width/no-break spaces).  Scripts, punctuation-only lines and the
       boilerplate of kg/data/layout_boilerplate.txt are dropped.
    2. Each paragraph is a byline, caption, heading (short, no sentence punctuation,
       balanced quotes) or body.
    3. A paragraph printed twice (same text after space removal, >= 4 characters): the
       second copy yields no sentences; they are counted in duplicate_sentences.
    4. Column breaks: a paragraph that ends mid-sentence is joined with the next paragraph
       when that one starts with punctuation or a one-character clause (力。); after body
       text (not a heading) also when the next one closes a quotation it never opened or
       is non-indented body text; and in a hard-wrapped text (`_wrap_width`) when the line
       has the wrap width.  A body paragraph still broken after that is
       joined with the first later paragraph that starts with punctuation or a
       one-character clause (体。) and continues nothing else: an article split around
       others.  Broken paragraphs take continuations in page order (the first break
       gets the first continuation), as printed pages lay them out.
    5. Sentences end after 。！？!? (closing quotes kept) and at every paragraph end.
       A dateline (科技日报讯(记者 X), 中新网北京11月5日电) is split off as a byline sentence.
    """
    text = doc.text
    paras = _paragraphs(text)
    for p in paras:
        _classify(p)

    # 3. duplicates
    dup_sentences = 0
    seen: set[str] = set()
    live: list[int] = []
    for i, p in enumerate(paras):
        if p.kind == "drop":
            continue
        if len(p.text) >= 4:
            if p.text in seen:
                p.kind = "dup"
                dup_sentences += len(split_sentences(p.text))
                continue
            seen.add(p.text)
        live.append(i)

    # 4. joins: nxt[i] = j when paragraph j continues paragraph i
    nxt: dict[int, int] = {}
    claimed: set[int] = set()
    joinable = ("body", "heading")
    # adjacency is over all non-dropped paragraphs (duplicates block it)
    order = [i for i, p in enumerate(paras) if p.kind != "drop"]
    wrap = _wrap_width(paras, order)
    for k in range(len(order) - 1):
        i, j = order[k], order[k + 1]
        p, q = paras[i], paras[j]
        if p.kind not in joinable or q.kind not in joinable or p.forced or q.forced:
            continue
        if ends_sentence(p.text):
            continue
        if (
            _ORPHAN_START.match(q.text)
            or (p.kind == "body" and (_orphan(q.text) or (q.kind == "body" and not q.indent)))
            or (wrap is not None and q.tight and not q.indent and wrap - 2 <= _width(p.text) <= wrap + 1)
        ):
            nxt[i] = j
            claimed.add(j)
            p.kind = q.kind = "body"
    live_pos = {i: k for k, i in enumerate(live)}
    for i in live:
        p = paras[i]
        if p.kind != "body" or i in nxt or ends_sentence(p.text):
            continue
        k0 = live_pos[i] + 1
        for j in live[k0 : k0 + _FAR_WINDOW]:
            q = paras[j]
            if j in claimed or q.kind not in joinable or q.forced:
                continue
            if _ORPHAN_START.match(q.text):  # stricter than adjacent joins: no quote test
                nxt[i] = j
                claimed.add(j)
                q.kind = "body"
                break

    # 5. sentences
    b = _Builder(doc)
    emitted: set[str] = set()
    for i in live:
        if i in claimed:
            continue
        chain_ids = [i]
        while chain_ids[-1] in nxt:
            chain_ids.append(nxt[chain_ids[-1]])
        head = paras[i]
        if len(chain_ids) == 1:
            ptext, pieces = head.text, head.pieces
        else:
            ptext = "".join(paras[c].text for c in chain_ids)
            pieces = [pc for c in chain_ids for pc in paras[c].pieces]
        if len(ptext) >= 4:
            # a block broken by a column once and printed whole once is still a duplicate
            if ptext in emitted:
                dup_sentences += len(split_sentences(ptext))
                continue
            emitted.add(ptext)
        if len(pieces) == 1:
            cum = [0]
        else:
            cum = []
            acc = 0
            for ps, pe in pieces:
                cum.append(acc)
                acc += pe - ps
        kind = head.kind
        spans = split_sentences(ptext)
        for n, (sa, sb) in enumerate(spans):
            if n == len(spans) - 1 and ptext[sb - 1] in ")）】]":
                m = _TRAIL_END.search(ptext, max(sa, sb - 8), sb)
                if m:
                    sa, sb = _trim(ptext, sa, m.start())
                    if sa >= sb:
                        continue
            piece = ptext[sa:sb]
            if not _HAS_WORD.search(piece) or (n == len(spans) - 1 and len(piece) <= 40 and _is_boilerplate(piece)):
                continue
            if kind == "byline":
                s = b.add(ptext, pieces, cum, sa, sb, "byline")
                b.byline(s, head.credit or "byline")
                continue
            if kind == "body" and n == 0:
                m = _match_dateline(piece)
                if m and m.end() < len(piece):
                    cut = sa + m.end()
                    da, db = _trim(ptext, sa, cut)
                    s = b.add(ptext, pieces, cum, da, db, "byline")
                    b.dateline(s, m)
                    ra, rb = _trim(ptext, cut, sb)
                    if ra < rb:
                        b.add(ptext, pieces, cum, ra, rb, kind)
                    continue
            s = b.add(ptext, pieces, cum, sa, sb, kind)
            if kind == "caption":
                b.photo(s)
    return ParsedDocument(doc, tuple(b.sentences), tuple(b.credits), dup_sentences)


# ---------------------------------------------------------------------------------------
# For the recogniser


@dataclass(frozen=True, slots=True)
class CreditSpan:
    """A span of a credit line: a person (mark as Person), the outlet, or the place."""

    sentence: int
    start: int  # sentence-relative
    end: int
    text: str
    label: str  # "Person" | "outlet" | "place"
    role: str | None = None  # the person's role (记者, 通讯员, 摄影 …)


def credit_spans(parsed: ParsedDocument) -> list[CreditSpan]:
    """Every person, outlet and place named in the document's credits, sorted by position.

    Persons are Person mentions; outlets are media organisations that the gold treats as
    optional; places come from datelines (中新网厦门11月4日电 -> 厦门).
    """
    out: list[CreditSpan] = []
    for c in parsed.credits:
        text = parsed.sentences[c.sentence].text
        for p in c.people:
            out.append(CreditSpan(p.sentence, p.start, p.end, p.name, "Person", p.role))
        pos = c.start
        if c.outlet:
            k = text.find(c.outlet, c.start, c.end)
            if k >= 0:
                out.append(CreditSpan(c.sentence, k, k + len(c.outlet), c.outlet, "outlet"))
                pos = k + len(c.outlet)
        if c.place and c.kind == "dateline":
            k = text.find(c.place, pos, c.end)
            if k >= 0:
                out.append(CreditSpan(c.sentence, k, k + len(c.place), c.place, "place"))
    out.sort(key=lambda x: (x.sentence, x.start, x.end))
    return out
