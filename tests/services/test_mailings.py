"""Mail merge: who gets a letter, a postcard or a label, who never does, and what is printed on them."""

from __future__ import annotations

import datetime
import itertools
import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from app.domain.customers import display_name
from app.domain.errors import UserError
from app.domain.settings import BusinessSettings
from app.persistence.tables import (
    CatalogItem,
    Customer,
    Equipment,
    Opportunity,
    Partner,
    Referral,
    Sale,
    Segment,
    ServicePlan,
    Site,
    Touch,
)
from app.services import mailings
from app.services.documents.labels import SHEETS
from app.services.documents.letters import DEFAULT_WINDOWS
from app.services.settings import save_settings

TODAY = datetime.date(2026, 3, 3)
DAY = datetime.timedelta(days=1)
_keys = itertools.count(1)


class Shop:
    """A small business built row by row; every method returns the new row's id."""

    def __init__(self) -> None:
        save_settings(
            BusinessSettings(
                company_name="Chesapeake Comfort",
                address="1200 York Rd\nTowson, MD 21204",
                phone="+14105550100",
            )
        )
        self.retiree = Segment.create(name="Retiree", pitch="A plan spreads the cost over the year.").id
        self.furnace_line = CatalogItem.create(
            kind="equipment", name="96% furnace", equipment_kind="Furnace", lifespan_min_years=15,
            lifespan_max_years=20, price_cents=540_000,
        ).id  # fmt: skip

    def customer(
        self,
        first: str = "",
        last: str = "",
        company: str = "",
        *,
        street: str = "12 Oak Ave",
        city: str = "Towson",
        postal: str = "21204",
        site: bool = True,
        **columns: object,
    ) -> int:
        kind = "business" if company and not (first or last) else "household"
        columns.setdefault("phone", "+14105550101")
        row = Customer.create(
            kind=kind, first_name=first, last_name=last, company=company,
            display_name=display_name(first, last, company), **columns,
        )  # fmt: skip
        if site:
            self.site(row.id, street, city, postal, billing=True)
        return row.id

    def site(self, customer_id: int, street: str, city: str = "Baltimore", postal: str = "21201", *,
             billing: bool = False) -> int:  # fmt: skip
        return Site.create(
            customer=customer_id,
            street=street,
            city=city,
            region="MD",
            postal_code=postal,
            is_billing=billing,
        ).id

    def billing_site(self, customer_id: int) -> int:
        return Site.get((Site.customer == customer_id) & (Site.is_billing == True)).id  # noqa: E712

    def furnace(self, site_id: int, installed: datetime.date = datetime.date(2006, 5, 1)) -> int:
        return Equipment.create(
            site=site_id, catalog_item=self.furnace_line, kind="Furnace", brand="Carrier", model="58STA",
            installed_on=installed,
        ).id  # fmt: skip

    def opportunity(
        self, customer_id: int, kind: str = "replacement", *, due: datetime.date = TODAY,
        value: int = 540_000, equipment: int | None = None, site: int | None = None, plan: int | None = None,
        status: str = "open", reason: str = "Furnace installed May 2006, 19 years old",
    ) -> int:  # fmt: skip
        return Opportunity.create(
            customer=customer_id, kind=kind, reason=reason, value_cents=value, due_on=due, status=status,
            equipment=equipment, site=site, plan=plan, trigger_key=f"{kind}:test{next(_keys)}",
        ).id  # fmt: skip

    def plan(self, customer_id: int, ends: datetime.date, *, auto_renew: bool = False,
             name: str = "Comfort Club", status: str = "active") -> int:  # fmt: skip
        return ServicePlan.create(
            customer=customer_id, name=name, started_on=ends - 365 * DAY, ends_on=ends, price_cents=17_900,
            auto_renew=auto_renew, status=status, site=self.billing_site(customer_id),
        ).id  # fmt: skip

    def touch(
        self, customer_id: int, day: datetime.date, *, marketing: bool = True, channel: str = "mail"
    ) -> int:
        return Touch.create(
            customer=customer_id, channel=channel, outcome="sent", reason="Spring tune-up special",
            happened_at=datetime.datetime.combine(day, datetime.time(10)), is_marketing=marketing,
        ).id  # fmt: skip

    def sale(self, customer_id: int, day: datetime.date, cents: int, **columns: object) -> int:
        return Sale.create(
            customer=customer_id, sold_on=day, total_cents=cents, description="Job", **columns
        ).id


@pytest.fixture
def shop(db) -> Shop:
    return Shop()


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flowing(page: str) -> str:
    """A page's text with its line breaks as spaces, to find a sentence wherever it wraps."""
    return " ".join(page.split())


def window_texts(path: Path) -> list[list[str]]:
    """Per letter page: the lines printed inside the #10 envelope's window (what the post will see)."""
    window = DEFAULT_WINDOWS["letter"]
    box = (window.left, window.top, window.left + window.width, window.top + window.height)
    with pdfplumber.open(path) as pdf:
        return [(page.within_bbox(box).extract_text() or "").splitlines() for page in pdf.pages]


def assert_greetings_sound(pages: list[str]) -> None:
    for page in pages:
        assert not re.search(r"Dear\s*,", page) and "Dear None" not in page and "None" not in page


# ---------------------------------------------------------------- who gets a letter


def test_a_check_in_letter_goes_to_everyone_who_accepts_mail_and_to_nobody_else(
    shop: Shop, tmp_path: Path
) -> None:
    ann = shop.customer("Ann", "Smith")
    shop.customer("", "", "Acme Plumbing Supply", street="400 Pratt St", city="Baltimore", postal="21202")
    bob = shop.customer("Bob", "Jones", do_not_mail=True)
    carol = shop.customer("Carol", "Baker", do_not_service=True)
    dan = shop.customer("Dan", "Green", site=False)
    out = tmp_path / "letters.pdf"
    result = mailings.print_letters(out, today=TODAY)
    assert result.printed == 2 and result.pages == 2 and not result.exceptions
    pages = page_texts(out)
    text = "\n".join(pages)
    assert "Ann Smith" in text and "Smith, Ann" not in text  # as a person writes it, not as the list files it
    assert "Dear Ann," in text and "Dear Acme Plumbing Supply," in text
    assert "Bob" not in text and "Carol" not in text and "Dan Green" not in text
    assert_greetings_sound(pages)
    assert {(e.customer_id, e.reason) for e in result.excluded} == {
        (bob, "asked not to be mailed"),
        (carol, "do not service"),
        (dan, "no mailing address"),
    }
    assert ann not in {e.customer_id for e in result.excluded}


def test_the_greeting_falls_back_when_the_first_name_is_missing_or_a_placeholder(shop: Shop) -> None:
    shop.customer("None", "Okafor")
    shop.customer("N/A", "")
    batch = mailings.letters_for(today=TODAY)
    names = sorted(letter.address.name for letter in batch.letters)
    assert names == ["Okafor"]  # "None" is nobody's first name; "N/A" alone is no name at all
    assert [e.reason for e in batch.excluded] == ["no name to address it to"]
    assert batch.letters[0].fields["first_name"] == ""


def test_do_not_service_gets_nothing_on_any_channel_for_any_kind(shop: Shop, tmp_path: Path) -> None:
    gone = shop.customer("Carol", "Baker", do_not_service=True)
    shop.opportunity(gone, equipment=shop.furnace(shop.billing_site(gone)))
    shop.plan(gone, TODAY + 20 * DAY)
    for kind in (None, "replacement", "renewal"):
        batch = mailings.letters_for(kind, today=TODAY)
        assert not batch.letters and [e.reason for e in batch.excluded] == ["do not service"]
        with pytest.raises(UserError, match="do not service"):
            mailings.print_labels(tmp_path / "labels.pdf", kind, today=TODAY)
    assert not (tmp_path / "labels.pdf").exists()


def test_labels_never_go_to_a_customer_who_asked_not_to_be_mailed(shop: Shop, tmp_path: Path) -> None:
    for number in range(5):
        shop.customer(f"Person{number}", "Walker", postal=f"2120{number}")
    shop.customer("Quiet", "Walker", do_not_mail=True)
    out = tmp_path / "labels.pdf"
    result = mailings.print_labels(out, sheet="avery5160", start_at=4, today=TODAY)
    assert result.printed == 5 and [e.reason for e in result.excluded] == ["asked not to be mailed"]
    sheet = SHEETS["avery5160"]
    with pdfplumber.open(out) as pdf:
        words = pdf.pages[0].extract_words()
    assert not [w for w in words if w["text"] == "Quiet"]
    people = sorted((w for w in words if w["text"].startswith("Person")), key=lambda w: w["text"])
    for offset, word in enumerate(people):  # label 4 onwards, in ZIP order
        left, bottom, width, height = sheet.label_box(3 + offset)
        top_from_top = sheet.page[1] - bottom - height
        assert left <= word["x0"] < left + width and top_from_top <= word["top"] < top_from_top + height


def test_the_letters_and_the_labels_come_in_the_same_order(shop: Shop, tmp_path: Path) -> None:
    for first, postal in (("Zoe", "21030"), ("Amy", "21286"), ("Max", "21093")):
        customer = shop.customer(first, "Lee", postal=postal)
        shop.opportunity(customer, equipment=shop.furnace(shop.billing_site(customer)))
    mailings.print_letters(tmp_path / "l.pdf", "replacement", today=TODAY)
    mailings.print_labels(tmp_path / "a.pdf", "replacement", today=TODAY)
    letter_names = [lines[0] for lines in window_texts(tmp_path / "l.pdf")]
    label_text = page_texts(tmp_path / "a.pdf")[0]
    assert letter_names == ["Zoe Lee", "Max Lee", "Amy Lee"]  # by ZIP code: 21030, 21093, 21286
    assert [label_text.index(name) for name in letter_names] == sorted(
        label_text.index(n) for n in letter_names
    )


# ---------------------------------------------------------------- the marketing gap


@pytest.mark.parametrize(("days_ago", "included"), [(29, False), (30, True)])
def test_one_marketing_contact_per_30_days(shop: Shop, days_ago: int, included: bool) -> None:
    ann = shop.customer("Ann", "Smith")
    shop.opportunity(ann, equipment=shop.furnace(shop.billing_site(ann)))
    shop.touch(ann, TODAY - days_ago * DAY)
    batch = mailings.letters_for("replacement", today=TODAY)
    assert bool(batch.letters) is included
    if not included:
        assert [e.reason for e in batch.excluded] == [
            "contacted for marketing 29 days ago (limit: one every 30 days)"
        ]


def test_the_gap_limits_selling_only_not_looking_after_what_they_have(shop: Shop) -> None:
    ann = shop.customer("Ann", "Smith")
    shop.plan(ann, TODAY + 20 * DAY)
    shop.touch(ann, TODAY - 3 * DAY)  # a marketing mailing three days ago
    bob = shop.customer("Bob", "Jones")
    shop.opportunity(bob, equipment=shop.furnace(shop.billing_site(bob)))
    shop.touch(bob, TODAY - 3 * DAY, marketing=False, channel="call")  # a service call is not marketing
    assert [letter.address.name for letter in mailings.letters_for("renewal", today=TODAY).letters] == [
        "Ann Smith"
    ]
    # Without a kind: a check-in letter to everyone who accepts mail (CLI.md), which sells nothing.
    assert len(mailings.letters_for(today=TODAY).letters) == 2
    assert [letter.address.name for letter in mailings.letters_for("replacement", today=TODAY).letters] == [
        "Bob Jones"
    ]


# ---------------------------------------------------------------- what the letters say


def test_a_replacement_letter_names_the_unit_at_its_site_and_goes_to_the_billing_address(
    shop: Shop, tmp_path: Path
) -> None:
    landlord = shop.customer("Grace", "Okafor", street="9 Bellona Ave", postal="21204", segment=shop.retiree)
    rental = shop.site(landlord, "479 St Paul St", "Baltimore", "21202")
    shop.opportunity(landlord, equipment=shop.furnace(rental))
    out = tmp_path / "letters.pdf"
    mailings.print_letters(out, "replacement", today=TODAY)
    page = flowing(page_texts(out)[0])
    assert "Planning ahead for your Carrier furnace" in page
    assert "the furnace at 479 St Paul St, Baltimore was installed in 2006" in page
    assert "about 19 years old" in page and "15–20 years" in page
    assert "A furnace near the end of its life tends to fail on the coldest night" in page  # its kind's words
    assert "A plan spreads the cost over the year." not in page  # the segment's pitch is the owner's
    assert "Furnace installed May 2006" not in page  # nor the opportunity's reason
    assert window_texts(out) == [["Grace Okafor", "9 BELLONA AVE", "TOWSON MD 21204"]]


def test_one_letter_per_customer_about_the_most_pressing_subject(shop: Shop) -> None:
    ann = shop.customer("Ann", "Smith")
    home = shop.billing_site(ann)
    shop.opportunity(ann, equipment=shop.furnace(home), due=TODAY - 10 * DAY, reason="the older one")
    shop.opportunity(ann, equipment=shop.furnace(home), due=TODAY, reason="the newer one")
    batch = mailings.letters_for("replacement", today=TODAY)
    assert [recipient.reason for recipient in batch.recipients] == ["the older one"]
    assert len(batch.letters) == 1 and "reason" not in batch.letters[0].fields  # never printed


def test_a_renewal_mailing_reaches_plans_the_engine_has_not_raised_yet(shop: Shop, tmp_path: Path) -> None:
    ann = shop.customer("Ann", "Smith")
    shop.plan(ann, TODAY + 20 * DAY)  # no renewal opportunity raised for it (yet)
    shop.plan(shop.customer("Bob", "Jones"), TODAY + 20 * DAY, auto_renew=True)  # renews itself
    shop.plan(shop.customer("Carol", "Baker"), TODAY + 200 * DAY)  # not due
    dismissed = shop.customer("Dan", "Green")
    plan = shop.plan(dismissed, TODAY + 10 * DAY)
    shop.opportunity(dismissed, "renewal", plan=plan, status="dismissed")
    Opportunity.update(trigger_key=f"renewal:plan{plan}:{(TODAY + 10 * DAY).isoformat()}").where(
        Opportunity.plan == plan
    ).execute()
    out = tmp_path / "renewals.pdf"
    result = mailings.print_letters(out, "renewal", today=TODAY)
    (page,) = page_texts(out)
    assert "Your Comfort Club ends on March 23, 2026" in page and "Dear Ann," in page
    assert [e.reason for e in result.excluded] == ["opportunity dismissed"]


def test_text_is_text_and_every_script_prints(shop: Shop, tmp_path: Path) -> None:
    shop.customer("", "", "Smith & Sons <b>")
    shop.customer("Αλέξανδρος", "Παπαδόπουλος", postal="21205")
    shop.customer("秀英", "李", postal="21206")
    out = tmp_path / "letters.pdf"
    result = mailings.print_letters(out, today=TODAY)
    assert result.printed == 3 and not result.warnings
    text = "\n".join(page_texts(out))
    assert "Dear Smith & Sons <b>," in text
    assert "Αλέξανδρος Παπαδόπουλος" in text and "Dear Αλέξανδρος," in text
    assert "秀英 李" in text


def test_postcards_go_to_the_same_people_as_the_letters(shop: Shop, tmp_path: Path) -> None:
    shop.customer("Ann", "Smith")
    shop.customer("Bob", "Jones", do_not_mail=True)
    out = tmp_path / "cards.pdf"
    result = mailings.print_postcards(out, size="6x9", today=TODAY)
    text = "\n".join(page_texts(out))
    assert result.printed == 1 and "Ann Smith" in text and "Bob" not in text


def test_a_limit_keeps_the_most_pressing(shop: Shop) -> None:
    for day, first in ((5, "Late"), (1, "First"), (3, "Middle")):
        customer = shop.customer(first, "Reed")
        shop.opportunity(customer, equipment=shop.furnace(shop.billing_site(customer)), due=TODAY - day * DAY)
    batch = mailings.letters_for("replacement", limit=2, today=TODAY)
    assert sorted(letter.address.name for letter in batch.letters) == ["Late Reed", "Middle Reed"]
    with pytest.raises(UserError, match="negative"):
        mailings.letters_for("replacement", limit=-1, today=TODAY)


def test_nothing_to_print_says_why_and_writes_no_file(shop: Shop, tmp_path: Path) -> None:
    shop.customer("Bob", "Jones", do_not_mail=True)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UserError, match=r"asked not to be mailed \(1\)"):
        mailings.print_letters(folder / "none.pdf", today=TODAY)
    with pytest.raises(UserError, match="not a kind"):
        mailings.print_letters(folder / "none.pdf", "furnaces", today=TODAY)
    assert not list(folder.iterdir())


# ---------------------------------------------------------------- partner introductions


def _referral(customer_id: int) -> int:
    partner = Partner.create(business="Bay Electric", trade="Electrician", contact_name="Lee Park",
                             phone="+14105550177")  # fmt: skip
    return Referral.create(partner=partner, customer=customer_id, direction="to_partner", referred_on=TODAY,
                           job_type="Panel upgrade").id  # fmt: skip


def test_an_introduction_letter_names_the_partner_and_the_customer(shop: Shop, tmp_path: Path) -> None:
    referral = _referral(shop.customer("Ann", "Smith"))
    out = tmp_path / "intro.pdf"
    result = mailings.print_introduction(referral, out, today=TODAY)
    (page,) = page_texts(out)
    assert result.printed == 1 and window_texts(out) == [["Ann Smith", "12 OAK AVE", "TOWSON MD 21204"]]
    assert "Bay Electric" in page and "(410) 555-0177" in page and "Dear Ann," in page


def test_no_introduction_letter_to_a_customer_who_asked_for_no_mail(shop: Shop, tmp_path: Path) -> None:
    referral = _referral(shop.customer("Bob", "Jones", do_not_mail=True))
    with pytest.raises(UserError, match="asked not to be mailed"):
        mailings.print_introduction(referral, tmp_path / "intro.pdf", today=TODAY)
    assert not (tmp_path / "intro.pdf").exists()
