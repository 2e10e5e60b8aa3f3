"""Temporal expressions resolve against the publication date at the right precision."""

from datetime import date

import pytest

from mildip.nlp.dates import find_dates

PUB = date(2023, 4, 14)


@pytest.mark.parametrize(
    "text, value",
    [
        ("last August", "2022-08"),
        ("Last November", "2022-11"),
        ("In February", "2023-02"),
        ("In May", "2022-05"),  # May 2023 is after publication: the previous May
        ("February 4", "2023-02-04"),
        ("on 5 August", "2022-08-05"),
        ("January 2022", "2022-01"),
        ("Nov. 2023", "2023-11"),
        ("Sept. 9", "2022-09-09"),
        ("June 27, 2017", "2017-06-27"),
        ("earlier this year", "2023"),
        ("last year", "2022"),
        ("this January", "2023-01"),
        ("today", "2023-04-14"),
        ("yesterday", "2023-04-13"),
        ("on Tuesday", "2023-04-11"),  # 14 April 2023 was a Friday
        ("from January 8th to 9th", "2023-01"),
        ("April 5-7", "2023-04"),
        ("in early February", "2023-02"),
        ("2024-05-31 20:43", "2024-05-31"),
        ("in the summer", "2022"),  # summer 2023 has not begun by 14 April
        ("last winter", "2022"),  # the winter that began in December 2022
        ("next autumn", "2023"),
        ("in the summer of 2019", "2019"),
        ("during the spring", "2023"),
        ("in May last year", "2022-05"),
        ("in May of last year", "2022-05"),
        ("on March 3 last year", "2022-03-03"),
        ("in mid-June this year", "2023-06"),
        ("in December next year", "2024-12"),
    ],
)
def test_dates_resolve(text, value):
    found = find_dates(text, PUB)
    assert found, text
    assert found[0].value == value


def test_dates_offsets_point_into_text():
    text = "They met last August in Phnom Penh."
    (d,) = find_dates(text, PUB, offset=100)
    assert text[d.start - 100 : d.end - 100] == d.text == "last August"


@pytest.mark.parametrize(
    "text", ["may be held", "in four years", "the 45th anniversary", "we march on", "the fall of Saigon", "they may spring"]
)
def test_dates_ignore_non_dates(text):
    assert find_dates(text, PUB) == []


def test_dates_need_publication_for_relative():
    (d,) = find_dates("last August", None)
    assert d.value is None and d.relative


def test_dates_future_direction_takes_next_occurrence():
    (d,) = find_dates("on Tuesday", PUB, direction="future")
    assert d.value == "2023-04-18"


def test_dates_coordinated_dates_share_the_written_year():
    found = find_dates("on May 24 and June 11, 2014", date(2025, 6, 11))
    assert [d.value for d in found] == ["2014-05-24", "2014-06-11"]


def test_dates_may_in_a_list_of_months_is_the_month():
    found = find_dates("similar intercepts in January, February and May", PUB)
    assert [d.value for d in found] == ["2023-01", "2023-02", "2022-05"]


def test_dates_may_as_a_verb_after_a_list_is_no_date():
    found = find_dates("In January and February, May said the talks may resume", PUB)
    assert [d.text for d in found] == ["January", "February"]


def test_dates_may_before_more_months_is_the_month():
    found = find_dates("drills in March, May and June", PUB)
    assert [d.value for d in found] == ["2023-03", "2022-05", "2022-06"]


@pytest.mark.parametrize(
    "text, found",
    [("Theresa May last year visited Japan.", ("last year", "2022")), ("They may this year meet.", ("this year", "2023"))],
)
def test_dates_name_or_verb_before_a_relative_year_keeps_the_year(text, found):
    (d,) = find_dates(text, PUB)
    assert (d.text, d.value) == found


@pytest.mark.parametrize(("text", "value"), [("on Friday", "2023-04-14"), ("on Thursday", "2023-04-20")])
def test_dates_future_weekday_of_publication_is_that_day(text, value):
    # 14 April 2023 was a Friday: "they will meet on Friday" in a Friday story is that day
    (d,) = find_dates(text, PUB, direction="future")
    assert d.value == value


@pytest.mark.parametrize(
    ("text", "direction", "value"),
    [
        ("last Friday", "past", "2023-04-07"),
        ("on Friday", "past", "2023-04-14"),
        ("last Thursday", "past", "2023-04-13"),
        ("next Friday", "future", "2023-04-21"),
        ("next Monday", "future", "2023-04-17"),
    ],
)
def test_dates_last_or_next_weekday_of_publication_is_a_week_away(text, direction, value):
    # 14 April 2023 was a Friday: "last Friday" in a Friday story is a week before
    (d,) = find_dates(text, PUB, direction=direction)
    assert d.value == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("last week", date(2024, 6, 20), "2024-06"),
        ("next week", date(2024, 6, 20), "2024-06"),
        ("this week", date(2024, 6, 20), "2024-06"),
        ("earlier this week", date(2024, 6, 20), "2024-06"),
        # Wednesday 3 July 2024: last week ran from 24 to 30 June
        ("last week", date(2024, 7, 3), "2024-06"),
        # Friday 28 June 2024: next week runs from 1 to 7 July
        ("next week", date(2024, 6, 28), "2024-07"),
        # Wednesday 31 July 2024: this week (29 July - 4 August) is mostly August, but
        # what took place this week took place by the 31st
        ("this week", date(2024, 7, 31), "2024-07"),
        ("later this week", date(2024, 7, 31), "2024-08"),
    ],
)
def test_dates_relative_week_is_the_month_of_most_of_its_days(text, published, value):
    (d,) = find_dates(f"They met {text}.", published)
    assert (d.text, d.value, d.precision) == (text, value, "month")


def test_dates_this_week_to_come_counts_the_days_from_publication():
    (d,) = find_dates("They will meet this week.", date(2024, 7, 31), direction="future")
    assert d.value == "2024-08"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("They had first met in Singapore that June.", "that_month"),
        ("They met again later that June.", "that_month"),
        ("They met in June.", "part_month"),
        ("The talks resumed the same June.", "that_month"),
    ],
)
def test_dates_month_after_that_is_the_narratives_month(text, kind):
    (d,) = find_dates(text, date(2024, 3, 10))
    assert (d.kind, d.value) == (kind, "2023-06")
