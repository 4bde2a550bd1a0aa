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
import unicodedata
from bisect import bisect
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
from itertools import accumulate, count
from math import gcd
from typing import Any

from app.domain.customers import display_name
from app.domain.partners import Terms
from app.services import demo_data as data
from app.services.demo_contacts import ContactRows
from app.services.demo_jobs import YEAR, JobRows, plus_years

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


@cache  # the same few hundred names come back all the time
def ascii_name(text: str) -> str:
    """Lower-case ASCII for e-mail addresses: accents dropped, other scripts and punctuation left out."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _on_staff(staff: Sequence[tuple[str, int, int]], year: int) -> tuple[str, ...]:
    return tuple(name for name, first, last in staff if first <= year <= last) or (staff[0][0],)


class DemoRows(JobRows, ContactRows):
    """Generates rows into `rows` (one list per table); the caller writes and clears them."""

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
        for name, pitch, points in data.SEGMENTS:
            rows["segment"].append((self.next_id("segment"), name, pitch, points))
        self.items: dict[str, int] = {}
        self.add_ons: dict[str, list[tuple[int, data.Item]]] = {}
        ladders: dict[str, list[tuple[tuple[int, data.Item], int]]] = {}
        for item in data.CATALOG:
            item_id = self.next_id("catalog_item")
            self.items[item.name] = item_id
            line = data.LINES.get(item.equipment_kind) if item.kind == "equipment" else None
            launched, quantity = data.NEW_PRODUCTS.get(item.name, (None, None))
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
        old_ac = next(item for item in data.CATALOG if item.name == data.OLD_AC)
        self.old_ac = (self.items[old_ac.name], old_ac)
        self.old_ac_before = self.today - data.OLD_AC_CUTOFF_YEARS * YEAR
        self.plans = {
            item.name: (self.items[item.name], item) for item in data.CATALOG if item.kind == "plan"
        }
        bundle = self.items["Comfort Upgrade Package"]
        for name in data.BUNDLE_CONTENTS:
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

    # ------------------------------------------------------------ customers and sites

    def customer(self, index: int) -> None:
        """One customer with everything that happened to them; `index` places them on the timeline."""
        rnd = self.rnd
        cid = self.next_id("customer")
        since = self.workday(self.founded + int(self.span * ((index + rnd()) / self.n) ** 0.7))
        self.cid, self.since = cid, since
        # Half went quiet at some point (moved, or went elsewhere): nothing happened after that.
        self.until = self.today if rnd() < 0.5 else since + int(rnd() * (self.today - since))
        business = rnd() < 0.15
        self.dnc, self.dnm, self.dne = rnd() < 0.04, rnd() < 0.035, rnd() < 0.04
        no_service = rnd() < 0.004
        notes = ""
        if business:
            first = last = ""
            company, word, n_sites = self._company()
            segment = data.SEGMENT_COMMERCIAL
            domain = ascii_name(company.replace("&", "and"))[:24] + ".com"
            email = self.email(self.pick(data.BUSINESS_MAILBOXES), domain) if rnd() < 0.8 else ""
            if rnd() < 0.6:
                notes = f"Contact: {self.pick(data.FIRST_NAMES)} {self.pick(data.LAST_NAMES)}, facilities."
        else:
            company, word = "", ""
            if rnd() < 0.03:
                first, last, local = self.pick(data.INTERNATIONAL_NAMES)
            else:
                first, last = self.pick(data.FIRST_NAMES), self.pick(data.LAST_NAMES)
                local = self._email_local(first, last)
            segment = self.household_segments.pick(rnd)
            n_sites = 1 + (self.between(1, 3) if segment == data.SEGMENT_LANDLORD else 0)
            email = self.email(local, self.domains.pick(rnd)) if rnd() < 0.7 else ""
            if rnd() < 0.05:
                notes = self.pick(data.HOUSEHOLD_NOTES)
        if no_service:
            notes = self.pick(data.DO_NOT_SERVICE_NOTES)
        self.has_email = bool(email) and not self.dne
        share = rnd() < 0.4
        consent = since + int(rnd() * (self.today - since)) if share else None
        window = self.pick(data.CALL_WINDOWS) if rnd() < 0.2 else ("", "")
        sites = self._sites(business, segment == data.SEGMENT_LANDLORD, word, n_sites)

        partner_id = self._referring_partner() if rnd() < 0.035 else None
        self.referral_id = self.next_id("referral") if partner_id else None
        first_sale = self._history(sites, business, no_service)
        if partner_id:
            source = f"Referral: {self.partners[partner_id][0].business}"
            referred_on = self.workday(since - self.between(1, 14))
            status = "won" if self.today - since < 60 or rnd() < 0.15 else "paid"
            self._referral(
                self.referral_id, partner_id, cid, "from_partner", referred_on, self.first_job, status,
                first_sale, since,
            )  # fmt: skip
        else:
            source = self.sources[self.year_of(since)].pick(rnd)
        if consent is not None and rnd() < 0.08:
            self._referral_to_partner(consent)
        if rnd() < 0.01:
            self._lead_from_partner()
        if self.dnc:
            day = self.workday(since + int(rnd() * (self.today - since)))
            self.touch(day, "call", "Asked not to be called again", "do not call again", "in")

        phone = self.phone(self.far_area_code)
        mobile = self.phone() if rnd() < (0.3 if business else 0.4) else ""
        work = self.phone() if not business and rnd() < 0.08 else ""
        created = self.at(since)
        edited = rnd() < 0.3
        self.rows["customer"].append((
            cid, "business" if business else "household", first, last, company,
            display_name(first, last, company), email, "", phone, mobile, work, segment, window[0], window[1],
            self.dnc, self.dnm, self.dne, no_service, share, self.iso(consent) if consent else None, source,
            partner_id, self.iso(since), notes, created,
            self.at(since + int(rnd() * (self.today - since))) if edited else created,
            self.between(2, 5) if edited else 1,
        ))  # fmt: skip

    def _email_local(self, first: str, last: str) -> str:
        first, last = ascii_name(first), ascii_name(last)
        style = self.between(0, 3)
        if style == 0:
            return f"{first}.{last}"
        if style == 1:
            return f"{first[0]}{last}"
        if style == 2:
            return f"{first}{last}{self.between(1, 99)}"
        return f"{last}{first[0]}{self.between(50, 99)}"

    def _company(self) -> tuple[str, str, int]:
        """A business name, the word its sites are labelled with, and how many sites it has."""
        place = self.pick(data.BUSINESS_PLACES)
        if self.rnd() < 0.15:
            kind, word = self.pick(data.MULTI_SITE_TYPES)
            return f"{place} {kind}", word, self.between(2, 6)
        kind = self.pick(data.BUSINESS_TYPES)
        owner = self.pick(data.LAST_NAMES)
        return (f"{place} {kind}" if self.rnd() < 0.5 else f"{owner} {kind}"), "", 1

    def _sites(self, business: bool, landlord: bool, word: str, count: int) -> list[tuple[int, str]]:
        """Writes the sites (the first is the billing one); returns (id, profile) of those we service."""
        rnd = self.rnd
        serviced = []
        self.far_area_code = ""
        for number in range(count):
            site_id = self.next_id("site")
            city = self.cities.pick(rnd)
            street2 = ""
            if business:
                label, profile = (f"{city.name} {word}" if word else "Main"), "business"
                if rnd() < 0.3:
                    street2 = self.pick(data.SUITES)
            elif number == 0:
                label, profile = "Home", "home"
                if landlord and rnd() < 0.1:  # lives far away and rents out houses here
                    city = self.pick(data.FAR_AWAY_CITIES)
                    label, profile = "Owner's home", ""
                    self.far_area_code = data.FAR_AWAY_AREA_CODES[city.region]
                elif rnd() < 0.06:
                    street2 = self.pick(data.APARTMENTS)
            else:
                label, profile = f"Rental {number}", "rental"
                if rnd() < 0.2:
                    street2 = self.pick(data.APARTMENTS)
            street = f"{self.between(100, 9899)} {self.pick(data.STREETS)}"
            notes = self.pick(data.SITE_NOTES) if rnd() < 0.08 else ""
            self.rows["site"].append((
                site_id, self.cid, label, street, street2, city.name, city.region, self.pick(city.zips), "US",
                number == 0, notes,
            ))  # fmt: skip
            if profile:
                serviced.append((site_id, profile))
        return serviced

    # ------------------------------------------------------------ equipment, sales and visits

    def _kinds(self, profile: str) -> list[str]:
        """The kinds of equipment at a site of this profile."""
        rnd = self.rnd
        if profile == "business":
            kinds = ["Rooftop unit"] * self.between(1, 3) if rnd() < 0.65 else ["Furnace", "Central AC"]
            if rnd() < 0.8:
                kinds.append("Water heater")
            if rnd() < 0.2:
                kinds.append("Mini-split")
            return kinds
        roll = rnd()
        if roll < 0.6:
            kinds = ["Furnace", "Central AC"] if rnd() < 0.88 else ["Furnace"]
        elif roll < 0.85:
            kinds = ["Heat pump"]
        else:
            kinds = ["Boiler", "Mini-split"] if rnd() < 0.45 else ["Boiler"]
        kinds.append("Tankless water heater" if profile == "home" and rnd() < 0.2 else "Water heater")
        if rnd() < 0.3:
            kinds.append("Sump pump")
        if profile == "home" and rnd() < 0.1:
            kinds.append("Water softener")
        if "Mini-split" not in kinds and rnd() < 0.06:
            kinds.append("Mini-split")
        return kinds

    def _history(self, sites: list[tuple[int, str]], business: bool, no_service: bool) -> int:
        """Equipment, sales, visits, plans and touches of the current customer; the first sale's total."""
        rnd, since, until = self.rnd, self.since, self.until
        # How they came to us, on their first day: a replacement, a repair or a tune-up.
        roll = rnd()
        arrival = "install" if roll < 0.4 else "repair" if roll < 0.8 else "tune-up"
        self.first_total, self.first_job = 0, ""
        for number, (site_id, profile) in enumerate(sites):
            units: list[tuple[int, str, int, int]] = []  # (equipment id, kind, installed, removed)
            for slot, kind in enumerate(self._kinds(profile)):
                # The main system is on record from the first day; the rest once we have worked on it.
                replace_now = number == 0 and slot == 0 and arrival == "install"
                known = slot == 0 or rnd() < 0.35
                units.extend(self._equipment(site_id, kind, replace_now, known, no_service))
            if number == 0 and arrival == "repair":
                self._repair(site_id, units, since)
            elif number == 0 and arrival == "tune-up":
                self._tune_up(site_id, units, since)
            rate = 0.25 if business else 0.1  # repairs a year
            for _ in range(int(rate * (until - since) / YEAR + rnd())):
                self._repair(site_id, units, self.workday(since + int(rnd() * (until - since))))
            if number == 0 or business:
                self._plan(site_id, units, business, no_service)
            self._replacement_calls(units)
        self._marketing()
        return self.first_total

    def _equipment(self, site_id: int, kind: str, replace_now: bool, known: bool, no_service: bool) -> list:
        """The unit found at the site on the customer's first day, and every unit that replaced it since.

        Only what we have seen is on record: the unit found there when `known` (we worked on it), else
        nothing until we install one. After a customer went quiet we no longer know what happened, so
        their last unit stays "running".
        """
        rnd, since, until = self.rnd, self.since, self.until
        line = data.LINES[kind]
        shortest, longest = (line.life_min - 1) * YEAR, (line.life_max + 4) * YEAR
        # Units run from a year short of their lifespan to four years past it; the ones still
        # running past it are the replacement opportunities.
        if replace_now:
            start, end = since - self.between(shortest, longest), since
        else:
            start = since - int(rnd() * (line.life_max + 3) * YEAR)
            end = start + self.between(shortest, longest)
            while end <= since:  # replaced by someone else before they were our customer
                start, end = end, end + self.between(shortest, longest)
        units: list[tuple] = []
        item = None
        while True:
            removed = self.workday(end) if end <= until else None
            if known or item:
                unit = self._unit(site_id, kind, start, removed, item)
                units.append(unit)
                if item:
                    self._install(site_id, unit, item)
                    known = True
            if removed is None:
                return units
            # Replaced by us (always on their first day: that is how they came to us), unless they
            # went elsewhere or we no longer serve them.
            start, end = removed, removed + self.between(shortest, longest)
            item = None
            if start == since or (not no_service and rnd() < 0.92):
                item = self.installs[kind].pick(rnd)
                if kind == "Central AC" and item[1].tier == 1 and start < self.old_ac_before:
                    item = self.old_ac

    def _unit(self, site_id: int, kind: str, start: int, removed: int | None, item: Any) -> tuple:
        """Writes one piece of equipment; `item` is the catalog (id, Item) when we installed it."""
        rnd, iso_days, base = self.rnd, self.iso_days, self.base
        line = data.LINES[kind]
        size = line.sizes[int(rnd() * len(line.sizes))]
        installed: int | None = start
        notes = ""
        if item:
            item_id, spec = item
            brand, model = spec.brand, spec.model + size
            warranty = iso_days[plus_years(start, 10) - base]
        else:
            item_id = warranty = None
            brand = line.brands[int(rnd() * len(line.brands))]
            model = f"{brand[:2].upper()}{'ABCDHKMRSTX'[int(rnd() * 11)]}{size}{'ABCN'[int(rnd() * 4)]}"
            if rnd() < 0.06:
                installed, notes = None, "Install date unknown: it came with the building."
        # Serial numbers carry when the unit was made, a few weeks before the install, in the
        # maker's own layout (here: one of three, by brand).
        made = start - 10 - int(rnd() * 110)
        iso = iso_days[made - base]
        number = int(rnd() * 100_000)
        style = len(brand) % 3
        if style == 2:
            serial = f"{'ABEMNTW'[number % 7]}{iso[5:7]}{iso[2:4]}{number:06d}"
        else:
            week = (made - self.january[int(iso[:4])]) // 7 + 1
            serial = (
                f"{week:02d}{iso[2:4]}A{number:05d}" if style == 0 else f"{iso[2:4]}{week:02d}NX{number:05d}"
            )
        eq_id = next(self.ids["equipment"])
        self.rows["equipment"].append((
            eq_id, site_id, item_id, kind, brand, model, serial,
            iso_days[installed - base] if installed else None, item is not None, warranty,
            iso_days[removed - base] if removed else None, notes,
        ))  # fmt: skip
        return (eq_id, kind, start, removed or self.today + 1)
