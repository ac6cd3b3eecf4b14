"""Reading inputs (kg.ingest): folders, encodings, JSONL, warnings with file and line."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.ingest import IngestWarning, decode_bytes, iter_documents, normalise_date
from kg.model import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"

BODY = "今天，市科技局发布了新政策。"


def read(*inputs: str | Path) -> tuple[list[Document], list[IngestWarning]]:
    warnings: list[IngestWarning] = []
    docs = list(iter_documents(list(inputs), warnings.append))
    return docs, warnings


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# ---------------------------------------------------------------------------------------
# Folders and files


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", BODY)
    write(root / "a" / "z.md", BODY)
    write(root / "a" / "c.TXT", BODY)
    write(root / "notes.csv", BODY)  # not a corpus extension
    write(root / ".hidden.txt", BODY)
    write(root / ".git" / "x.txt", BODY)
    docs, warnings = read(root)
    assert [d.id for d in docs] == ["a/c.TXT", "a/z.md", "b.txt"]
    assert docs[0].source == str(root / "a" / "c.TXT")
    assert warnings == []


def test_file_named_explicitly_is_read_whatever_its_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "sub" / "article.text", BODY)
    docs, warnings = read(path)
    assert [(d.id, d.text) for d in docs] == [("article.text", BODY)]
    assert not warnings


def test_missing_input_warns_and_the_rest_is_read(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", BODY)
    docs, warnings = read(tmp_path / "missing", good)
    assert [d.id for d in docs] == ["good.txt"]
    assert [str(w) for w in warnings] == [f"{tmp_path / 'missing'}: no such file or folder"]


def test_folder_without_corpus_files_warns(tmp_path: Path) -> None:
    write(tmp_path / "data.csv", "a,b")
    docs, warnings = read(tmp_path)
    assert docs == [] and "no .txt, .md or .jsonl files" in warnings[0].message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_warns(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", BODY)
    path.chmod(0)
    try:
        docs, warnings = read(path)
    finally:
        path.chmod(0o644)
    assert docs == [] and warnings[0].source == str(path) and "cannot read" in warnings[0].message


def test_empty_and_whitespace_files_are_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", " \n\u3000\n")
    write(tmp_path / "c.txt", BODY)
    docs, warnings = read(tmp_path)
    assert [d.id for d in docs] == ["c.txt"]
    assert [(Path(w.source).name, w.line, w.message) for w in warnings] == [
        ("a.txt", None, "empty file"),
        ("b.txt", None, "empty file"),
    ]


def test_duplicate_ids_keep_the_first(tmp_path: Path) -> None:
    write(tmp_path / "x" / "same.txt", "第一份。")
    write(tmp_path / "y" / "same.txt", "第二份。")
    docs, warnings = read(tmp_path / "x", tmp_path / "y")
    assert [d.text for d in docs] == ["第一份。"]
    assert len(warnings) == 1 and "duplicate document id 'same.txt'" in warnings[0].message
    assert warnings[0].source == str(tmp_path / "y" / "same.txt")


# ---------------------------------------------------------------------------------------
# Decoding


def test_gb18030_and_gbk_files_are_decoded(tmp_path: Path) -> None:
    text = "深圳市某某科技有限公司发布新款芯片。"
    write(tmp_path / "gb.txt", text, "gb18030")
    write(tmp_path / "gbk.txt", "今天，" + text, "gbk")
    docs, warnings = read(tmp_path)
    assert [d.text for d in docs] == [text, "今天，" + text] and not warnings


def test_boms_are_honoured_and_removed(tmp_path: Path) -> None:
    write(tmp_path / "u8.txt", "\ufeff" + BODY)
    write(tmp_path / "u16.txt", "\ufeff" + BODY, "utf-16-le")
    write(tmp_path / "u16be.txt", "\ufeff" + BODY, "utf-16-be")
    docs, warnings = read(tmp_path)
    assert [d.text for d in docs] == [BODY, BODY, BODY] and not warnings


def test_plain_utf8_is_not_taken_for_gb18030() -> None:
    assert decode_bytes(BODY.encode("utf-8")) == (BODY, "utf-8")
    assert decode_bytes(BODY.encode("gb18030")) == (BODY, "gb18030")


def test_undecodable_file_is_skipped_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x80")
    (tmp_path / "bad2.txt").write_bytes(BODY.encode("utf-16-le"))  # UTF-16 without a BOM
    write(tmp_path / "good.txt", BODY)
    docs, warnings = read(tmp_path)
    assert [d.id for d in docs] == ["good.txt"]
    assert [str(w) for w in warnings] == [
        f"{tmp_path / 'bad.txt'}: cannot decode (tried utf-8, gb18030)",
        f"{tmp_path / 'bad2.txt'}: cannot decode (tried utf-8, gb18030)",
    ]


def test_line_ends_are_normalised(tmp_path: Path) -> None:
    write(tmp_path / "crlf.txt", "标题\r\n\r\n正文。\r第二行。")
    (doc,), _ = read(tmp_path)
    assert doc.text == "标题\n\n正文。\n第二行。"


# ---------------------------------------------------------------------------------------
# Titles


def test_title_is_a_headline_like_first_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "\n   新能源汽车销量创新高：同比增长三成\n\n" + BODY)
    write(tmp_path / "b.txt", BODY + "\n\n第二段。")
    write(tmp_path / "c.md", "前言文字\n\n# 智能制造专题 #\n\n" + BODY)
    write(tmp_path / "d.md", BODY)
    docs, _ = read(tmp_path)
    assert [(d.id, d.title) for d in docs] == [
        ("a.txt", "新能源汽车销量创新高：同比增长三成"),
        ("b.txt", None),
        ("c.md", "智能制造专题"),
        ("d.md", None),
    ]


# ---------------------------------------------------------------------------------------
# JSONL


def test_jsonl_documents_and_fields(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 7, "text": BODY, "title": "新政策", "date": "2024-12-27", "url": "https://e.org/1"}),
        "",
        json.dumps({"id": "b-2", "text": BODY, "date": "2024年3月5日"}, ensure_ascii=False),
    ]
    write(tmp_path / "news.jsonl", "\n".join(lines))
    docs, warnings = read(tmp_path / "news.jsonl")
    assert not warnings
    a, b = docs
    assert (a.id, a.title, a.date, a.url, a.source) == ("7", "新政策", "2024-12-27", "https://e.org/1", f"{tmp_path / 'news.jsonl'}:1")
    assert (b.id, b.title, b.date, b.source) == ("b-2", None, "2024-03-05", f"{tmp_path / 'news.jsonl'}:3")


def test_malformed_jsonl_lines_warn_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok1", "text": BODY}),
        '{"id": "broken", "text": ',
        json.dumps(["id", "text"]),
        json.dumps({"text": BODY}),
        json.dumps({"id": "t", "text": 5}),
        json.dumps({"id": "e", "text": "  "}),
        json.dumps({"id": True, "text": BODY}),
        json.dumps({"id": "n"}),
        json.dumps({"id": "tt", "text": BODY, "title": ["x"]}),
        json.dumps({"id": "ok2", "text": BODY}),
    ]
    path = write(tmp_path / "bad.jsonl", "\n".join(lines) + "\n")
    docs, warnings = read(path)
    assert [d.id for d in docs] == ["ok1", "ok2"]
    got = [(w.source, w.line, w.message.split(" (")[0].split(":")[0]) for w in warnings]
    src = str(path)
    assert got == [
        (src, 2, "invalid JSON"),
        (src, 3, "expected a JSON object, got list"),
        (src, 4, 'missing "id"'),
        (src, 5, '"text" must be a string, got int'),
        (src, 6, 'empty "text"'),
        (src, 7, '"id" must be a string or an integer, got bool'),
        (src, 8, 'missing "text"'),
        (src, 9, '"title" must be a string, got list'),
    ]
    assert str(warnings[0]).startswith(f"{src}:2: invalid JSON")


def test_jsonl_bad_date_is_dropped_but_the_document_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", json.dumps({"id": "x", "text": BODY, "date": "last week"}))
    docs, warnings = read(path)
    assert [(d.id, d.date) for d in docs] == [("x", None)]
    assert len(warnings) == 1 and warnings[0].line == 1 and not warnings[0].skipped


def test_jsonl_duplicate_id_warns_with_its_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "一。"}), json.dumps({"id": "a", "text": "二。"})]
    path = write(tmp_path / "dup.jsonl", "\n".join(lines))
    docs, warnings = read(path)
    assert [d.text for d in docs] == ["一。"]
    assert (warnings[0].source, warnings[0].line) == (str(path), 2)


def test_jsonl_in_gb18030_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "gb.jsonl", json.dumps({"id": 1, "text": BODY}, ensure_ascii=False), "gb18030")
    docs, warnings = read(path)
    assert [d.text for d in docs] == [BODY] and not warnings


def test_normalise_date() -> None:
    assert normalise_date("2024/12/7") == "2024-12-07"
    assert normalise_date("2024-12-27T08:30:00+08:00") == "2024-12-27"
    assert normalise_date("20241227") == "2024-12-27"
    assert normalise_date("2024-02-30") is None
    assert normalise_date("昨天") is None


def test_warning_str() -> None:
    assert str(IngestWarning("a.jsonl", 3, "bad")) == "a.jsonl:3: bad"
    assert str(IngestWarning("a.txt", None, "empty file")) == "a.txt: empty file"


def test_shared_dev_corpus_reads_cleanly() -> None:
    dev = SHARED / "corpus" / "dev"
    if not dev.exists():
        pytest.skip("shared dev corpus not available")
    docs, warnings = read(dev)
    assert not warnings
    assert len(docs) == len(list(dev.glob("*.txt")))
    assert all(d.id.endswith(".txt") and "/" not in d.id for d in docs)
