"""EXTRACTOR_VERSION: the rules' version plus a digest of the data files extraction reads.

The data files are copied to a temporary folder and edited there (the package's own files
are never touched); :func:`mildip._version.extractor_version` reads that folder.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

import mildip
from mildip import _version
from mildip._version import RULES_VERSION, extraction_data_files, extractor_version


@pytest.fixture
def data_copy(tmp_path):
    """A copy of every file of ``mildip/data`` in ``tmp_path/data``."""
    folder = tmp_path / "data"
    folder.mkdir()
    for f in resources.files("mildip.data").iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    return folder


def test_version_is_the_rules_version_and_a_short_data_digest():
    assert re.fullmatch(
        re.escape(RULES_VERSION) + r"\+data\.[0-9a-f]{12}", mildip.EXTRACTOR_VERSION
    )
    assert mildip.EXTRACTOR_VERSION == extractor_version()


def test_version_is_computed_once_and_kept():
    first = _version.EXTRACTOR_VERSION
    assert vars(_version)["EXTRACTOR_VERSION"] is first  # cached as a plain module attribute
    assert _version.EXTRACTOR_VERSION is first


def test_version_of_a_copy_of_the_data_is_the_shipped_version(data_copy):
    assert extractor_version(data_copy) == mildip.EXTRACTOR_VERSION


@pytest.mark.parametrize(
    "name", ["frames.toml", "officials.tsv", "scorer.json", "abbreviations.txt"]
)
def test_version_changes_when_a_data_file_changes(data_copy, name):
    before = extractor_version(data_copy)
    path = data_copy / name
    path.write_bytes(path.read_bytes() + b"\n")
    assert extractor_version(data_copy) != before


def test_version_changes_when_a_data_file_is_added(data_copy):
    before = extractor_version(data_copy)
    (data_copy / "new-lexicon.tsv").write_text("# Sources: a test\nword\nexample\n", "utf-8")
    assert extractor_version(data_copy) != before


@pytest.mark.parametrize("name", sorted(_version.NOT_EXTRACTION_DATA))
def test_version_ignores_files_extraction_does_not_read(data_copy, name):
    before = extractor_version(data_copy)
    (data_copy / name).write_text("# changed\n", "utf-8")
    assert extractor_version(data_copy) == before
    assert name not in {f.name for f in extraction_data_files(data_copy)}


def test_version_is_what_stored_mentions_carry():
    events = mildip.extract(
        "Japan's Defense Minister held a video call with his Australian counterpart on 3 March 2021.",
        published="2021-03-04",
        settings=mildip.Settings(use_scorer=False),
    )
    assert events, "precondition: the sentence gives an event"
    assert {e.extractor_version for ev in events for e in ev.evidence} == {mildip.EXTRACTOR_VERSION}
