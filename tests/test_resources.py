"""Loading data files (mildip.resources): an empty list is refused at load, naming the
file and the key. The texts are invented (Gondor's beacons), not the shipped files."""

from __future__ import annotations

from importlib import resources

import pytest

from mildip import DataFileError
from mildip.resources import load_toml, parse_toml, parse_tsv

HEADER = "# Sources: the Red Book of Westmarch. Checked 3019-03-25.\n"


@pytest.mark.parametrize(
    "body, key",
    [
        ("cues = []\n", "cues"),  # a top-level key
        ("[groups.beacons]\nmembers = []\n", "groups.beacons.members"),  # inside a table
        ('[[trigger]]\ntype = "CALL"\npatterns = ["lit"]\n[[trigger]]\ntype = "MEET"\npatterns = []\n',
         "trigger[1].patterns"),  # inside the second of an array of tables
        ('hills = [["Amon Din"], []]\n', "hills[1]"),  # a nested array
    ],
)
def test_resources_toml_empty_list_is_refused_naming_file_and_key(body, key):
    with pytest.raises(DataFileError) as caught:
        parse_toml(HEADER + body, "beacons.toml")
    message = str(caught.value)
    assert message.startswith("beacons.toml: ") and f" {key} is an empty list" in message


def test_resources_toml_with_entries_loads():
    body = '[groups.beacons]\nmembers = ["Amon Din", "Eilenach"]\nlit = false\nnotes = ""\n'
    assert parse_toml(HEADER + body, "beacons.toml") == {
        "groups": {"beacons": {"members": ["Amon Din", "Eilenach"], "lit": False, "notes": ""}}
    }


def test_resources_toml_syntax_error_names_the_file():
    with pytest.raises(DataFileError, match=r"^beacons\.toml: not valid TOML"):
        parse_toml("members = [", "beacons.toml")


def test_resources_tsv_without_rows_is_refused():
    with pytest.raises(DataFileError, match=r"^beacons\.tsv: no rows under the header"):
        parse_tsv(HEADER + "hill\tlit\n", "beacons.tsv")


@pytest.mark.parametrize(
    "name", sorted(p.name for p in resources.files("mildip.data").iterdir() if p.name.endswith(".toml"))
)
def test_resources_shipped_toml_files_load(name):
    assert load_toml(name)
