"""The rows of the demo business, generated as plain tuples (see app.services.demo).

Dates are day ordinals (date.toordinal()) while generating and ISO text in the
rows, exactly as peewee stores DateField and DateTimeField in SQLite. All
randomness comes from the one random.Random, consumed in a fixed order, so a
seed and a day always give the same rows. Ids are counted here: the database is
empty, so no row is ever read back.
"""

from __future__ import annotations

import datetime
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import accumulate, count
from math import gcd
from typing import Any

from app.domain.partners import Terms
from app.services.catalog import shipped_segments
from app.services.demo import catalog, data
from app.services.demo.contacts import ContactRows
from app.services.demo.customers import CustomerRows, ascii_name
from app.services.demo.equipment import EquipmentRows
from app.services.demo.jobs import YEAR, JobRows, plus_years

# The columns written per table, in foreign-key order (parents first). Columns left out stay NULL.
COLUMNS: dict[str, tuple[str, ...]] = {
    "segment": ("id", "name", "pitch", "talking_points"),
    "catalog_item": (
        "id", "kind", "name", "equipment_kind", "brand", "lifespan_min_years", "lifespan_max_years",
        "renewal_months", "visits_per_year", "price_cents", "ladder", "tier", "goes_with_kind", "discount_bp",
        "launched_on", "quantity_available", "active", "notes",
    ),
    "bundle_item": ("id", "bundle_id", "item_id", "quantity"),
    "partner": (
        "id", "business", "trade", "contact_name", "phone", "email", "address", "basis", "rate_bp",
        "fixed_fee_cents", "cap_cents", "direction", "notes", "active", "created_at",
    ),
    "partner_term": (
        "id", "partner_id", "job_type", "basis", "rate_bp", "fixed_fee_cents", "cap_cents", "direction",
    ),
    "customer": (
        "id", "kind", "first_name", "last_name", "company", "display_name", "email", "email2", "phone",
        "phone_mobile", "phone_work", "segment_id", "call_window_start", "call_window_end", "do_not_call",
        "do_not_mail", "do_not_email", "do_not_service", "share_with_partners", "share_consent_on", "source",
        "referred_by_id", "customer_since", "notes", "created_at", "updated_at", "version",
    ),
    "site": (
        "id", "customer_id", "label", "street", "street2", "city", "region", "postal_code", "country",
        "is_billing", "notes",
    ),
    "equipment": (
        "id", "site_id", "catalog_item_id", "kind", "brand", "model", "serial", "installed_on",
        "installed_by_us", "warranty_until", "removed_on", "notes",
    ),
    "service_plan": (
        "id", "customer_id", "site_id", "catalog_item_id", "name", "started_on", "ends_on", "price_cents",
        "visits_per_year", "auto_renew", "status",
    ),
    "referral": (
        "id", "partner_id", "customer_id", "direction", "referred_on", "job_type", "status",
        "job_value_cents", "commission_cents", "commission_note", "due_on", "notes", "won_on",
        "commission_overridden", "commission_reason",
    ),
    "referral_payment": ("id", "referral_id", "paid_on", "amount_cents", "method", "note"),
    "disclosure": ("id", "customer_id", "partner_id", "referral_id", "disclosed_at", "what"),
    "sale": (
        "id", "customer_id", "site_id", "referral_id", "sold_on", "job_number", "description", "total_cents",
    ),
    "sale_line": (
        "id", "sale_id", "catalog_item_id", "description", "quantity", "unit_price_cents", "total_cents",
    ),
    "visit": (
        "id", "customer_id", "site_id", "equipment_id", "plan_id", "visited_on", "kind", "technician",
        "findings",
    ),
    "touch": (
        "id", "customer_id", "channel", "happened_at", "direction", "by_whom", "outcome", "reason",
        "is_marketing", "notes",
    ),
}  # fmt: skip
TABLES = tuple(COLUMNS)


class Weighted:
    """A weighted choice by bisect on cumulative weights (random.choices is slower, one call at a time)."""

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.values = [value for value, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rnd: Callable[[], float]) -> Any:
        return self.values[bisect(self.cumulative, rnd() * self.total)]


def _on_staff(staff: Sequence[tuple[str, int, int]], year: int) -> tuple[str, ...]:
    return tuple(name for name, first, last in staff if first <= year <= last) or (staff[0][0],)


class DemoRows(CustomerRows, EquipmentRows, JobRows, ContactRows):
    """Generates rows into `rows` (one list per table); the caller writes and clears them.

    The customers, their equipment, jobs and contacts come from the mixins; this class holds the
    state they share, the small helpers they draw with, and the reference data (segments, catalog,
    partners) written before the first customer.
    """

    def __init__(self, rng: random.Random, today: datetime.date, customers: int) -> None:
        self.rng, self.rnd, self.n = rng, rng.random, customers
        self.today = today.toordinal()
        # Founded twenty years ago, on a Monday; customers arrive faster as the business grows.
        founded = plus_years(self.today, -20)
        self.founded = founded - (founded + 6) % 7
        self.span = self.today - self.founded
        # ISO text for every day we can need: equipment older than the business, warranties ending ahead.
        self.base = self.today - 70 * YEAR
        first = datetime.date.fromordinal(self.base)
        self.iso_days = [(first + datetime.timedelta(days=k)).isoformat() for k in range(82 * YEAR)]
        self.rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
        self.ids = {table: count(1) for table in TABLES}
        self.emails: set[str] = set()
        self._phones_init()
        self.cities = Weighted([(city, city.weight) for city in data.CITIES])
        self.domains = Weighted(data.EMAIL_DOMAINS)
        self.household_plans = Weighted(
            [("Comfort Club", 65), ("Total Home Club", 15), ("Plumbing Protection Plan", 20)]
        )
        self.household_segments = Weighted([
            (data.SEGMENT_RETIREE, 26), (data.SEGMENT_FAMILY, 26), (data.SEGMENT_LANDLORD, 8),
            (data.SEGMENT_PROFESSIONAL, 24), (None, 16),
        ])  # fmt: skip
        # Who worked here, by `ordinal // YEAR - self.first_year` (a list index is cheaper than a date).
        self.first_year = self.base // YEAR
        years = [self.year_of(year * YEAR) for year in range(self.first_year, self.today // YEAR + 13)]
        self.technicians = [_on_staff(data.TECHNICIANS, year) for year in years]
        self.office = [_on_staff(data.OFFICE_STAFF, year) for year in years]
        self.advisors = [_on_staff(data.COMFORT_ADVISORS, year) for year in years]
        self.sources = {
            year: Weighted(
                [(name, weight) for name, first_year, weight in data.SOURCES if first_year <= year]
            )
            for year in set(years)
        }
        self.january = {
            year: datetime.date(year, 1, 1).toordinal() for year in range(first.year, today.year + 13)
        }
        this_year = today.year
        self.marketing_days = [
            (self.workday(datetime.date(year, month, day).toordinal()), channel, reason)
            for year in (this_year - 1, this_year)
            for month, day, channel, reason in data.MARKETING
            if datetime.date(year, month, day).toordinal() <= self.today
        ]

    # ------------------------------------------------------------ small helpers

    def next_id(self, table: str) -> int:
        return next(self.ids[table])

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rnd() * len(seq))]

    def between(self, low: int, high: int) -> int:
        """A whole number from low to high, both included."""
        return low + int(self.rnd() * (high - low + 1))

    def iso(self, ordinal: int) -> str:
        return self.iso_days[ordinal - self.base]

    def at(self, ordinal: int, first_hour: int = 8, last_hour: int = 16) -> str:
        """A moment in business hours on that day, written as peewee writes a DateTimeField."""
        rnd = self.rnd
        hour, minute = first_hour + int(rnd() * (last_hour - first_hour + 1)), int(rnd() * 60)
        return f"{self.iso_days[ordinal - self.base]} {hour:02d}:{minute:02d}:00"

    def year_of(self, ordinal: int) -> int:
        """Years since the founding (0 before it): who worked here then."""
        return max(0, ordinal // YEAR - self.founded // YEAR)

    @staticmethod
    def workday(ordinal: int) -> int:
        """The same day, or the Friday before for a weekend: never later, so never past today."""
        weekday = (ordinal + 6) % 7
        return ordinal - (weekday - 4) if weekday > 4 else ordinal

    def price(self, low: float, high: float, ordinal: int, step: int = 5) -> int:
        """Cents: a price between today's low and high dollars, deflated to that day at 3% a year."""
        amount = (low + self.rnd() * (high - low)) * 1.03 ** ((ordinal - self.today) / YEAR)
        return max(step, round(amount / step) * step) * 100

    def _phones_init(self) -> None:
        # Every number differs: the n-th is a permutation (n × stride + offset, modulo their count)
        # of all valid (area code, exchange, line) triples.
        self.exchanges = [e for e in range(200, 1000) if e % 100 != 11 and e not in (555, 950, 958, 959, 976)]
        self.phone_space = 3 * len(self.exchanges) * 10_000
        self.phone_stride = self.rng.randrange(self.phone_space // 3, self.phone_space)
        while gcd(self.phone_stride, self.phone_space) != 1:
            self.phone_stride += 1
        self.phone_offset = self.rng.randrange(self.phone_space)
        self.phones_issued = 0

    def phone(self, area_code: str = "") -> str:
        """A valid, unused number in E.164 form; in 410/443/667 unless another area code is given."""
        self.phones_issued += 1
        n = (self.phones_issued * self.phone_stride + self.phone_offset) % self.phone_space
        area, rest = divmod(n, len(self.exchanges) * 10_000)
        exchange, line = divmod(rest, 10_000)
        return f"+1{area_code or ('410', '443', '667')[area]}{self.exchanges[exchange]}{line:04d}"

    def email(self, local: str, domain: str) -> str:
        """A unique address: a number goes after the name part when it is taken."""
        address = f"{local}@{domain}"
        while address in self.emails:
            address = f"{local}{self.between(1, 999)}@{domain}"
        self.emails.add(address)
        return address

    # ------------------------------------------------------------ segments, catalog, partners

    def reference_data(self) -> None:
        rows = self.rows
        for segment in shipped_segments():  # the app's own, in the owner's language
            row = (self.next_id("segment"), segment.name, segment.pitch, segment.talking_points)
            rows["segment"].append(row)
        self.items: dict[str, int] = {}
        self.add_ons: dict[str, list[tuple[int, catalog.Item]]] = {}
        ladders: dict[str, list[tuple[tuple[int, catalog.Item], int]]] = {}
        for item in catalog.CATALOG:
            item_id = self.next_id("catalog_item")
            self.items[item.name] = item_id
            line = data.LINES.get(item.equipment_kind) if item.kind == "equipment" else None
            launched, quantity = catalog.NEW_PRODUCTS.get(item.name, (None, None))
            rows["catalog_item"].append((
                item_id, item.kind, item.name, item.equipment_kind, item.brand,
                line.life_min if line else None, line.life_max if line else None,
                item.renewal_months, item.visits_per_year, item.price * 100, item.ladder, item.tier,
                item.goes_with, item.discount_bp, self.iso(self.today - launched) if launched else None,
                quantity, item.active, item.notes,
            ))  # fmt: skip
            if item.kind == "equipment" and item.active:
                weight = {1: 45, 2: 40}.get(item.tier or 0, 15)
                ladders.setdefault(item.equipment_kind, []).append(((item_id, item), weight))
            elif item.kind == "add_on":
                self.add_ons.setdefault(item.goes_with, []).append((item_id, item))
        self.installs = {kind: Weighted(pairs) for kind, pairs in ladders.items()}
        old_ac = next(item for item in catalog.CATALOG if item.name == catalog.OLD_AC)
        self.old_ac = (self.items[old_ac.name], old_ac)
        self.old_ac_before = self.today - catalog.OLD_AC_CUTOFF_YEARS * YEAR
        self.plans = {
            item.name: (self.items[item.name], item) for item in catalog.CATALOG if item.kind == "plan"
        }
        bundle = self.items["Comfort Upgrade Package"]
        for name in catalog.BUNDLE_CONTENTS:
            rows["bundle_item"].append((self.next_id("bundle_item"), bundle, self.items[name], 1))

        self.partners: dict[int, tuple[data.PartnerSpec, int]] = {}  # id: (spec, day they started with us)
        for spec in data.PARTNERS:
            partner_id = self.next_id("partner")
            started = self.workday(self.founded + self.between(30, self.span - 400))
            city = self.cities.pick(self.rnd)
            address = f"{self.between(100, 9800)} {self.pick(data.STREETS)}, {city.name}, MD {city.zips[0]}"
            domain = ascii_name("".join(spec.business.split()[:2])) + ".com"
            rows["partner"].append((
                partner_id, spec.business, spec.trade, spec.contact, self.phone(),
                self.email(ascii_name(spec.contact.split()[0]), domain), address, "job_value", spec.rate_bp,
                0, spec.cap * 100 if spec.cap else None, spec.direction, f"Works mostly around {city.name}.",
                True, self.at(started),
            ))  # fmt: skip
            self.partners[partner_id] = (spec, started)
        self.sends_to = [pid for pid, (spec, _) in self.partners.items() if spec.direction != "from_partner"]
        self.sends_us = [pid for pid, (spec, _) in self.partners.items() if spec.direction != "to_partner"]
        # The commission rules are the app's own (app.domain.partners), so the demo agrees with it.
        self.terms: dict[int, tuple[Terms, list[Terms]]] = {}  # id: (default terms, terms by job type)
        for pid, (spec, _) in self.partners.items():
            cap = Decimal(spec.cap) if spec.cap else None
            self.terms[pid] = (Terms(rate=Decimal(spec.rate_bp) / 100, cap=cap, direction=spec.direction), [])
        by_business = {spec.business: pid for pid, (spec, _) in self.partners.items()}
        for business, job_type, rate_bp, cap in data.PARTNER_TERMS:
            partner_id = by_business[business]
            terms = Terms(rate=Decimal(rate_bp) / 100, cap=Decimal(cap) if cap else None, job_type=job_type)
            self.terms[partner_id][1].append(terms)
            row = (self.next_id("partner_term"), partner_id, job_type, "job_value", rate_bp, 0)
            rows["partner_term"].append((*row, cap * 100 if cap else None, "both"))
