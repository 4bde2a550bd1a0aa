"""Counted nouns and articles in one helper (app.domain.wording): never "1 pages", never "a equipment"."""

from __future__ import annotations

import pytest

from app.domain.errors import UserError
from app.domain.records import SiteDraft
from app.domain.wording import article, count_text, plural_word, with_article


@pytest.mark.parametrize(
    ("count", "singular", "plural", "expected"),
    [
        (1, "page", None, "1 page"),
        (0, "page", None, "0 pages"),
        (2_000, "customer", None, "2,000 customers"),
        (1, "piece of equipment", "pieces of equipment", "1 piece of equipment"),
        (3, "piece of equipment", "pieces of equipment", "3 pieces of equipment"),
        (1, "is left out", "are left out", "1 is left out"),
        (2, "is left out", "are left out", "2 are left out"),
    ],
)
def test_counted_nouns(count: int, singular: str, plural: str | None, expected: str) -> None:
    assert count_text(count, singular, plural) == expected


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("site", "a site"),
        ("equipment", "equipment"),
        ("e-mail", "an e-mail"),
        ("air conditioner", "an air conditioner"),
        ("hour", "an hour"),
        ("unit", "a unit"),
        ("one-time fee", "a one-time fee"),
        ("HVAC unit", "an HVAC unit"),
        ("UV air purifier", "a UV air purifier"),
        ("service plan", "a service plan"),
        ("", ""),
    ],
)
def test_articles(noun: str, expected: str) -> None:
    assert with_article(noun) == expected


def test_an_article_by_how_the_word_sounds() -> None:
    assert article("Electric furnace") == "an" and article("Furnace") == "a"
    assert plural_word(1, "year") == "year" and plural_word(5, "year") == "years"


def test_a_site_may_lack_a_street_but_not_say_nothing_of_where_it_is() -> None:
    assert SiteDraft(1, city="Towson").validated().street == ""
    assert SiteDraft(1, label="Lake house").validated().label == "Lake house"
    with pytest.raises(UserError) as refused:
        SiteDraft(1, country="US").validated()
    assert refused.value.field == "street"
