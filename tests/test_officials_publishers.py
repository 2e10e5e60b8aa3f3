"""Which side a report comes from (mildip.kb.publishers, data/publishers.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mildip.kb.publishers import find_publisher, load_publishers, origin_key, source_side
from mildip.resources import provenance


@pytest.mark.parametrize(
    "publication, url, side",
    [
        ("PRC Ministry of National Defense", None, "CHN"),
        (None, "http://eng.mod.gov.cn/news/2017-06/30/content_4784219.htm", "CHN"),
        ("Xinhua", None, "CHN"),
        ("CCTV", None, "CHN"),
        ("Global Times", None, "CHN"),
        ("China Military Online (PLA Daily English-language news site)", None, "CHN"),
        ("DOD News, U.S. Department of Defense", None, "USA"),
        (None, "https://www.defense.gov/News/Releases/", "USA"),
        ("U.S. Indo-Pacific Command Public Affairs (via DVIDS)", None, "USA"),
        (None, "https://www.dvidshub.net/news/480460/readout", "USA"),
        (None, "https://www.state.gov/readout", "USA"),
        (None, "https://www.mod.go.jp/en/article/2023/02/x.html", "JPN"),
        (None, "https://www.mnd.gov.tw/english/", "TWN"),
        ("Reuters", "https://www.reuters.com/world/", None),
        ("China Brief, Volume 23, Issue 7 (The Jamestown Foundation)", None, None),
        ("Gondor Herald", "https://herald.gondor.example/", None),
        (None, None, None),
    ],
)
def test_officials_publishers_source_side(publication, url, side):
    assert source_side(publication, url) == side


def test_officials_publishers_origin_named_first_wins_over_republisher():
    text = "PRC Ministry of Foreign Affairs announcement, as republished (press release) by BL News"
    assert find_publisher(text, "https://blnews.net/2022/08/x").publisher_id == "prc-mfa"


def test_officials_publishers_longest_domain_wins():
    # mod.gov.cn is a sub-domain of gov.cn (the State Council)
    assert find_publisher(None, "https://www.mod.gov.cn/x").publisher_id == "prc-mnd"
    assert find_publisher(None, "https://www.gov.cn/x").publisher_id == "prc-state-council"


@pytest.mark.parametrize(
    "source, key",
    [("FMPRC", "prc-mfa"), ("MND", "mnd"), ("Minas Tirith Gazette", "minas tirith gazette")],
)
def test_officials_publishers_origin_key(source, key):
    assert origin_key(source) == key


def test_officials_publishers_dev_corpus_headers(dev_corpus: Path):
    expected = {
        "seed": None,
        "15-dod-news-brown-liu-zhenli-vtc": "USA",
        "06-chinamil-golden-dragon-2024-concludes": "CHN",
    }
    for doc, side in expected.items():
        header = (dev_corpus / f"{doc}.txt").read_text("utf-8").split("\n---", 1)[0]
        fields = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
        assert source_side(fields.get("PUBLICATION"), fields.get("URL")) == side, doc


def test_officials_publishers_file_is_consistent():
    assert any("2026-11-28" in line for line in provenance("publishers.tsv"))
    pubs = load_publishers()
    ids = [p.publisher_id for p in pubs]
    assert len(ids) == len(set(ids))
    owner: dict[str, str] = {}
    for p in pubs:
        for written in (p.name, *p.aliases):
            key = written.lower()
            assert owner.setdefault(key, p.publisher_id) == p.publisher_id, written
        for domain in p.domains:
            assert owner.setdefault("@" + domain, p.publisher_id) == p.publisher_id, domain
