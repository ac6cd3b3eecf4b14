"""The word lists the rules read live in kg/data/word_lists.tsv."""
from __future__ import annotations

import pytest

from kg.wordlists import words


def test_lists_are_read_longest_first() -> None:
    suffixes = words("company_suffixes")
    assert "有限公司" in suffixes and "公司" in suffixes
    assert suffixes.index("股份有限公司") < suffixes.index("有限公司") < suffixes.index("公司")


def test_unknown_list_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no word list"):
        words("no_such_list")
