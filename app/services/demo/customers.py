"""The demo business's customers and their sites: who they are, how to reach them, where they live.

A mixin of DemoRows (app/services/demo/rows.py): its methods use the generator's state
(`self.rows`, `self.ids`, the random source, the calendar and the partners).
"""

from __future__ import annotations

import unicodedata
from functools import cache

from app.domain.customers import display_name
from app.services.demo import data


@cache  # the same few hundred names come back all the time
def ascii_name(text: str) -> str:
    """Lower-case ASCII for e-mail addresses: accents dropped, other scripts and punctuation left out."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


class CustomerRows:
    """The customer being generated: their row, their sites, and everything that happened to them."""

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
