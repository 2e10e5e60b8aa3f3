"""Which addresses may be fetched, and URLs as inputs (identity, document ids)."""

from __future__ import annotations

import pytest

from mildip.ingest.addresses import checked_address, refusal
from mildip.ingest.urls import is_url, normalise_url, url_doc_id


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),  # IPv4-mapped
        ("10.1.2.3", "a private address"),
        ("192.168.0.10", "a private address"),
        ("172.16.5.4", "a private address"),
        ("fd00::1", "a private address"),
        ("169.254.169.254", "a link-local address"),  # cloud metadata
        ("fe80::1", "a link-local address"),
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("100.64.0.1", "not a public address"),  # carrier-grade NAT
        ("240.0.0.1", "a reserved address"),
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
        ("not-an-ip", "not an IP address"),
    ],
)
def test_addresses_refusal(address, why):
    assert refusal(address) == why


def test_addresses_every_resolved_address_must_be_public():
    mixed = lambda host, port: ["8.8.8.8", "10.0.0.1"]  # noqa: E731 - a DNS answer with a private address
    address, why = checked_address("mixed.test", 80, False, mixed)
    assert address is None and why.startswith("mixed.test resolves to 10.0.0.1, a private address")
    assert checked_address("mixed.test", 80, True, mixed) == ("8.8.8.8", None)


def test_addresses_unresolvable_host_is_a_reason():
    def nowhere(host, port):
        raise OSError("Name or service not known")

    address, why = checked_address("nowhere.test", 80, False, nowhere)
    assert (
        address is None
        and why == "the host 'nowhere.test' does not resolve (Name or service not known)"
    )


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("https://www.defense.gov/News/", True),
        ("HTTP://x.org", True),
        ("ftp://x", True),
        ("corpus/a.txt", False),
        ("C:/data/a.txt", False),
        ("/abs/path.txt", False),
    ],
)
def test_urls_is_url(value, url):
    assert is_url(value) is url


@pytest.mark.parametrize(
    ("url", "identity"),
    [
        ("HTTPS://WWW.Defense.GOV/News/?a=1#top", "https://www.defense.gov/News/?a=1"),
        ("http://eng.mod.gov.cn:80", "http://eng.mod.gov.cn/"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("http://[::1]:8080/a", "http://[::1]:8080/a"),
    ],
)
def test_urls_normalise(url, identity):
    assert normalise_url(url) == identity


def test_urls_normalise_refuses_no_host():
    with pytest.raises(ValueError, match="no host"):
        normalise_url("file:///etc/passwd")


@pytest.mark.parametrize(
    ("url", "doc_id"),
    [
        ("https://www.defense.gov/News/Releases/Release/Article/3624242/", "defense.gov-3624242"),
        (
            "http://eng.mod.gov.cn/news/2017-06/30/content_4784219.htm",
            "eng.mod.gov.cn-content_4784219",
        ),
        ("https://example.org/", "example.org"),
        ("https://example.org/news/index.html", "example.org-news"),
        ("https://example.org/article.php?id=5", "example.org-article-id-5"),
    ],
)
def test_urls_doc_id(url, doc_id):
    assert url_doc_id(url) == doc_id
