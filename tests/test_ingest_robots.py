"""robots.txt as RFC 9309 reads it (groups, wildcards, longest match), and a parser that
never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mildip.ingest.robots import ALLOW_ALL, DISALLOW_ALL, parse_robots

ROBOTS = """\
# a comment
User-agent: GoogleBot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/press/
Disallow: /*.pdf$
Disallow: /search?

User-agent: otherbot
User-agent: mildip
Disallow: /drafts/
"""


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/drafts/x.html", False),  # mildip's own group applies
        ("/private/x.html", True),  # so the * group does not
        ("/news/1.html", True),
    ],
)
def test_robots_own_group_wins_over_star(path, allowed):
    assert parse_robots(ROBOTS).allows(path) is allowed


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/private/x.html", False),
        ("/private/press/x.html", True),  # the longer allow wins
        ("/files/report.pdf", False),  # * and $
        ("/files/report.pdf?x=1", True),  # $ anchors the end
        ("/search?q=talks", False),
        ("/searching", True),
        ("/", True),
        ("http://example.org/private/y", False),  # a full URL is cut to its path
    ],
)
def test_robots_star_group_rules(path, allowed):
    assert parse_robots(ROBOTS, agent="somebot").allows(path) is allowed


def test_robots_allow_wins_a_tie_and_empty_disallow_allows():
    tie = parse_robots("User-agent: *\nDisallow: /a\nAllow: /a\n")
    assert tie.allows("/a/b")
    assert parse_robots("User-agent: *\nDisallow:\n").allows("/anything")


def test_robots_percent_encoding_compares_equal():
    assert not parse_robots("User-agent: *\nDisallow: /%7Ejoe/\n").allows("/~joe/index.html")


def test_robots_constants_and_no_group():
    assert ALLOW_ALL.allows("/x") and not DISALLOW_ALL.allows("/x")
    assert parse_robots("Disallow: /\n").allows("/x")  # a rule outside any group is ignored


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000), st.text(max_size=200))
def test_robots_parse_and_match_never_raise(text, path):
    rules = parse_robots(text)
    assert rules.allows("/" + path) in (True, False)
