"""The demo business's contacts and referrals for one customer: calls, letters, partners both ways.

A mixin of DemoRows (app/services/demo/rows.py): its methods use the generator's state.
"""

from __future__ import annotations

from app.domain.money import from_cents, to_cents
from app.domain.partners import PAYMENT_DUE_DAYS, SHARED_DETAILS, commission_for, terms_for
from app.services.demo import data
from app.services.demo.jobs import YEAR


class ContactRows:
    """Touches and referrals of the customer being generated."""

    def touch(
        self, day: int, channel: str, reason: str, outcome: str, direction: str = "out",
        by: str | None = None, marketing: bool = False,
    ) -> None:  # fmt: skip
        if day > self.today:
            return
        if by is None:
            staff = self.office[day // YEAR - self.first_year]
            by = staff[int(self.rnd() * len(staff))]
        row = (next(self.ids["touch"]), self.cid, channel, self.at(day), direction, by, outcome, reason)
        self.rows["touch"].append((*row, marketing, ""))

    def contact(self, day: int, reason: str, renewed: bool = False) -> None:
        """A reminder by the channel the customer accepts: e-mail, else mail, else a call."""
        if self.has_email:
            self.touch(day, "email", reason, "sent")
        elif not self.dnm:
            self.touch(day, "mail", reason, "sent")
        elif not self.dnc:
            self.touch(day, "call", reason, "booked" if renewed else self.pick(data.CALL_OUTCOMES))

    def _replacement_calls(self, units: list[tuple]) -> None:
        """Calls (or letters) about equipment running past its lifespan, during the last year."""
        today, rnd = self.today, self.rnd
        for _, kind, installed, removed in units:
            age = (today - installed) // YEAR
            if removed > today and age > data.LINES[kind].life_max and rnd() < 0.35:
                day = self.workday(today - self.between(5, 300))
                if day < self.since:
                    continue
                reason = f"{kind} is {age} years old: offered a replacement estimate"
                if not self.dnc:
                    self.touch(day, "call", reason, self.pick(data.REPLACEMENT_CALL_OUTCOMES))
                elif not self.dnm:
                    self.touch(day, "mail", reason, "sent")

    def _marketing(self) -> None:
        """Seasonal mailings and e-mails of the last two years, and a few check-in calls."""
        rnd = self.rnd
        for day, channel, reason in self.marketing_days:
            accepted = (channel == "email" and self.has_email) or (channel == "mail" and not self.dnm)
            if day >= self.since and rnd() < 0.15 and accepted:
                self.touch(day, channel, reason, "sent", by="", marketing=True)
        if not self.dnc and rnd() < 0.06:
            day = self.workday(self.today - self.between(1, 360))
            if day > self.since:
                self.touch(day, "call", "Check-in: how is everything running?", self.pick(data.CALL_OUTCOMES))

    # ------------------------------------------------------------ referrals

    def _referring_partner(self) -> int | None:
        partners = [pid for pid in self.sends_us if self.partners[pid][1] < self.since - 14]
        return self.pick(partners) if partners else None

    def _referral(
        self, referral_id: int, partner_id: int, customer_id: int | None, direction: str, referred_on: int,
        job_type: str, status: str, value: int, won: int | None, notes: str = "",
    ) -> None:  # fmt: skip
        """One referral, its commission as the app works it out, and the payments made on it."""
        commission, note, due = 0, "", None
        if won is not None:
            default, by_job = self.terms[partner_id]
            terms = terms_for(default, tuple(by_job), job_type, direction)
            if terms is not None:
                amount, note = commission_for(terms, from_cents(value), None)
                commission, due = to_cents(amount), won + PAYMENT_DUE_DAYS
        iso = self.iso
        self.rows["referral"].append((
            referral_id, partner_id, customer_id, direction, iso(referred_on), job_type, status, value,
            commission, note, iso(due) if due else None, notes, iso(won) if won else None, False, "",
        ))  # fmt: skip
        if not commission or due is None:
            return
        if status == "paid":
            parts = [commission] if self.rnd() < 0.8 else [commission // 2, commission - commission // 2]
        elif self.rnd() < 0.25:
            parts = [commission // 2]  # a partial payment on a won referral
        else:
            return
        paid_on = due - 10
        for amount_cents in parts:
            paid_on = min(self.today, self.workday(paid_on + self.between(0, 20)))
            method = self.pick(data.PAYMENT_METHODS)
            note = f"Check #{self.between(1001, 9999)}" if method == "Check" else ""
            self.rows["referral_payment"].append(
                (self.next_id("referral_payment"), referral_id, iso(paid_on), amount_cents, method, note)
            )

    def _referral_to_partner(self, consent: int) -> None:
        """We send a customer (who agreed to it) to a partner; the partner owes us a commission."""
        partner_id = self.pick(self.sends_to)
        spec, started = self.partners[partner_id]
        first = max(consent, self.since, started)
        if first >= self.today:
            return
        referred_on = self.workday(first + int(self.rnd() * (self.today - first)))
        age = self.today - referred_on
        roll = self.rnd()
        if age < 21:
            status = "referred"
        elif age < 60:
            status = "contacted" if roll < 0.6 else "referred"
        else:
            status = "lost" if roll < 0.2 else "won" if roll < 0.45 else "paid"
        won = None
        value = 0
        if status in ("won", "paid"):
            won = min(self.today, self.workday(referred_on + self.between(14, 60)))
            value = self.between(spec.job_value[0] // 10, spec.job_value[1] // 10) * 1000  # whole $10s
        job_type = self.pick(spec.job_types)
        referral_id = self.next_id("referral")
        self._referral(
            referral_id, partner_id, self.cid, "to_partner", referred_on, job_type, status, value, won
        )
        disclosure = (self.next_id("disclosure"), self.cid, partner_id, referral_id, self.at(referred_on))
        self.rows["disclosure"].append((*disclosure, SHARED_DETAILS))
        if not self.dnc:
            self.touch(referred_on, "call", f"Referred to {spec.business} for {job_type.lower()}", "talked")

    def _lead_from_partner(self) -> None:
        """A partner sends us someone who never became a customer (yet)."""
        partner_id = self.pick(self.sends_us)
        started = self.partners[partner_id][1]
        referred_on = self.workday(self.today - self.between(1, min(5 * YEAR, self.today - started)))
        age = self.today - referred_on
        status = "referred" if age < 30 else "contacted" if age < 90 else "lost"
        city = self.cities.pick(self.rnd).name
        job = self.pick(
            ("Furnace replacement", "AC replacement", "Water heater replacement", "Heat pump quote")
        )
        notes = f"Homeowner in {city} wants a quote."
        if status == "lost":
            notes = f"Homeowner in {city} wanted a quote; chose another contractor."
        referral_id = self.next_id("referral")
        self._referral(
            referral_id, partner_id, None, "from_partner", referred_on, job, status, 0, None, notes
        )
