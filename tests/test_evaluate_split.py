"""The fixed split rule (mildip.evaluate.split): sealed when sha256(name) % 3 == 0.

The rule was committed before anyone looked at the real corpus's errors; these cases pin
it so that no refactoring moves a document between the parts.
"""

from __future__ import annotations

import hashlib

import pytest

from mildip import DataFileError
from mildip.evaluate import is_sealed, part_of, parts_of, read_split, select


@pytest.mark.parametrize(
    "name, part",
    [
        ("annals", "sealed"),
        ("red-book", "sealed"),
        ("song", "sealed"),
        ("chronicle", "tuning"),
        ("letters", "tuning"),
        ("herald", "tuning"),
    ],
)
def test_evaluate_split_rule_is_pinned(name, part):
    assert part_of(name) == part
    assert is_sealed(name) is (int(hashlib.sha256(name.encode()).hexdigest(), 16) % 3 == 0)


def test_evaluate_split_seals_about_a_third():
    names = [f"doc-{i:03d}" for i in range(300)]
    sealed = select(names, "sealed")
    assert 70 <= len(sealed) <= 130
    assert sorted(sealed + select(names, "tuning")) == sorted(names)


def test_evaluate_split_select_rejects_an_unknown_part():
    with pytest.raises(ValueError, match="tuning, sealed"):
        select(["annals"], "all")


def test_evaluate_split_listed_names_replace_the_rule():
    names = ["annals", "chronicle", "letters"]
    assert parts_of(names) == {"annals": "sealed", "chronicle": "tuning", "letters": "tuning"}
    assert parts_of(names, {"letters"}) == {"annals": "tuning", "chronicle": "tuning", "letters": "sealed"}
    with pytest.raises(DataFileError, match="not in the corpus: \\['lost'\\]"):
        parts_of(names, {"letters", "lost"})


def test_evaluate_split_read_split_file(tmp_path):
    assert read_split(tmp_path) is None
    (tmp_path / "split.toml").write_text('# sealed by hand\nsealed = ["letters"]\n', "utf-8")
    assert read_split(tmp_path) == frozenset({"letters"})


@pytest.mark.parametrize("text", ["sealed = []\n", 'sealed = "letters"\n', "other = 1\n", "sealed = ["])
def test_evaluate_split_bad_split_file_names_the_file(tmp_path, text):
    (tmp_path / "split.toml").write_text(text, "utf-8")
    with pytest.raises(DataFileError, match="split.toml"):
        read_split(tmp_path)
