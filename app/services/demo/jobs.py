"""The demo business's jobs for one customer: sales, visits, installs, repairs, tune-ups, plans.

A mixin of DemoRows (app/services/demo/rows.py): its methods use the generator's state
(`self.rows`, `self.ids`, the random source and the customer being written).
"""

from __future__ import annotations

import datetime

from app.services.demo import catalog as data

YEAR = 365

# When in the year plan visits happen: (day of the year it opens, days it spans, what is looked at).
_PLAN_VISITS = {
    1: ((150, 60, "water"),),
    2: ((90, 60, "cooling"), (257, 60, "heating")),
    3: ((90, 60, "cooling"), (181, 45, "water"), (257, 60, "heating")),
    4: ((32, 27, "commercial"), (121, 27, "commercial"), (213, 27, "commercial"), (305, 27, "commercial")),
}
_VISIT_KINDS = {"cooling": data.COOLING, "heating": data.HEATING, "water": data.WATER}
_FINDINGS = {
    "cooling": data.FINDINGS_COOLING,
    "heating": data.FINDINGS_HEATING,
    "water": data.FINDINGS_WATER,
    "commercial": data.FINDINGS_COMMERCIAL,
}


def plus_years(ordinal: int, years: int) -> int:
    day = datetime.date.fromordinal(ordinal)
    try:
        return day.replace(year=day.year + years).toordinal()
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28).toordinal()


class JobRows:
    """Sales, visits and plans of the customer being generated."""

    def _sale(
        self, site_id: int | None, day: int, description: str, lines: list[tuple[int, str, int]]
    ) -> None:
        sale_id = self.next_id("sale")
        add = self.rows["sale_line"].append
        total = 0
        line_ids = self.ids["sale_line"]
        for item_id, text, cents in lines:
            add((next(line_ids), sale_id, item_id, text, 1, cents, cents))
            total += cents
        referral_id = None
        if day == self.since and not self.first_total:  # the job that made them a customer
            self.first_total, referral_id = total, self.referral_id
            self.first_job = description.split(":")[0]  # "Furnace replacement", "Repair"
        iso = self.iso(day)
        self.rows["sale"].append(
            (sale_id, self.cid, site_id, referral_id, iso, f"J{iso[2:4]}-{sale_id:06d}", description, total)
        )

    def _visit(
        self, site_id: int, eq_id: int | None, plan_id: int | None, day: int, kind: str, findings: str
    ) -> None:
        staff = self.technicians[day // YEAR - self.first_year]
        technician = staff[int(self.rnd() * len(staff))]
        self.rows["visit"].append((
            next(self.ids["visit"]), self.cid, site_id, eq_id, plan_id, self.iso_days[day - self.base], kind,
            technician, findings,
        ))  # fmt: skip

    def _install(self, site_id: int, unit: tuple, item: tuple[int, data.Item]) -> None:
        eq_id, kind, day, _ = unit
        item_id, spec = item
        lines = [(item_id, spec.name, self.price(spec.price * 0.92, spec.price * 1.1, day, 25))]
        if self.rnd() < 0.4:
            lines.append((self.items["Permit, removal and haul-away"], "Permit, removal and haul-away",
                          self.price(150, 350, day)))  # fmt: skip
        add_ons = self.add_ons.get(kind)
        if add_ons and self.rnd() < 0.3:
            add_on_id, add_on = self.pick(add_ons)
            lines.append((add_on_id, add_on.name, self.price(add_on.price * 0.95, add_on.price * 1.05, day)))
        self._sale(site_id, day, f"{kind} replacement: {spec.name}", lines)
        self._visit(site_id, eq_id, None, day, "install", f"Installed {spec.name}; hauled away the old unit.")
        # The in-home estimate that sold it (for the big jobs), and the call afterwards.
        if spec.price >= 2000:
            estimate = self.workday(day - self.between(2, 12))
            advisor = self.pick(self.advisors[estimate // YEAR - self.first_year])
            self.touch(
                estimate, "visit", f"In-home estimate: {kind.lower()} replacement", "booked", by=advisor
            )
        if not self.dnc and self.rnd() < 0.4:
            follow_up = self.workday(day + self.between(6, 12))
            self.touch(
                follow_up, "call", "Follow-up after the install", self.pick(("talked", "left message"))
            )

    def _repair(self, site_id: int, units: list[tuple], day: int) -> None:
        running = [unit for unit in units if unit[2] <= day < unit[3]]
        if not running:
            return
        eq_id, kind, _, _ = self.pick(running)
        symptom, fix, low, high = self.pick(data.REPAIRS[kind])
        lines = [(self.items["Repair"], fix, self.price(low, high, day))]
        if self.rnd() < 0.4:  # otherwise the trip is in the repair's price
            diagnostic = self.items["Diagnostic service call"]
            lines.insert(0, (diagnostic, "Diagnostic service call", self.price(89, 129, day)))
        self._sale(site_id, day, f"Repair: {fix[0].lower()}{fix[1:]}", lines)
        self._visit(site_id, eq_id, None, day, "repair", f"{symptom}. {fix}.")
        called = day - 1 if self.rnd() < 0.4 else day
        self.touch(self.workday(called), "call", symptom, "booked", "in")

    def _tune_up(self, site_id: int, units: list[tuple], day: int) -> None:
        month = datetime.date.fromordinal(day).month
        what = "cooling" if 4 <= month <= 8 else "heating"
        eq_id = next((u[0] for u in units if u[1] in _VISIT_KINDS[what] and u[2] <= day < u[3]), None)
        item_id = self.items["Precision tune-up (non-member)"]
        self._sale(
            site_id, day, "Precision tune-up", [(item_id, "Precision tune-up", self.price(99, 149, day))]
        )
        self._visit(site_id, eq_id, None, day, "maintenance", self.pick(_FINDINGS[what]))
        self.touch(self.workday(day - self.between(1, 7)), "call", "Wants a tune-up", "booked", "in")

    # ------------------------------------------------------------ plans

    def _plan(self, site_id: int, units: list[tuple], business: bool, no_service: bool) -> None:
        """A membership (one row for the whole membership, ends_on = the end of its current term)."""
        rnd, since, today = self.rnd, self.since, self.today
        if rnd() >= (0.3 if business else 0.27):
            return
        name = "Commercial Maintenance Agreement" if business else self.household_plans.pick(rnd)
        item_id, spec = self.plans[name]
        until = self.until
        start = since if rnd() < 0.4 else self.workday(since + int(rnd() * (until - since)))
        anniversaries = [plus_years(start, 1)]  # term ends
        while anniversaries[-1] <= until:
            anniversaries.append(plus_years(start, len(anniversaries) + 1))
        renewed_terms = len(anniversaries) - 1  # terms that ended while they were still with us
        if no_service and not renewed_terms:
            return
        ends = anniversaries[-1]
        # A customer who went quiet stopped renewing: the plan ran out at the end of its term.
        status = "active" if ends > today else "lapsed"
        roll = rnd()
        if until == today and renewed_terms:
            if roll >= 0.62 or no_service:  # they stopped renewing at some point, or cancelled
                status = "cancelled" if roll > 0.94 else "lapsed"
                ends = anniversaries[self.between(0, renewed_terms - 1)]
            elif today - anniversaries[-2] <= 30 and rnd() < 0.35:
                ends = anniversaries[-2]  # the renewal is a few days overdue: still active, due now
        visits_per_year = spec.visits_per_year or 1
        cents = self.price(spec.price, spec.price, ends - YEAR, 10) - (0 if business else 100)
        plan_id = self.next_id("service_plan")
        self.rows["service_plan"].append((
            plan_id, self.cid, site_id, item_id, name, self.iso(start), self.iso(ends), cents,
            visits_per_year, status == "active" and rnd() < 0.45, status,
        ))  # fmt: skip
        # The visits it paid for, skipping some (nobody home, rescheduled and forgotten).
        last = min(ends, until)
        for year in range(datetime.date.fromordinal(start).year, datetime.date.fromordinal(last).year + 1):
            january = self.january[year]
            for opens, span, what in _PLAN_VISITS[visits_per_year]:
                day = self.workday(january + opens + int(rnd() * span))
                if start <= day <= last and rnd() > 0.1:
                    kinds = _VISIT_KINDS.get(what, ())
                    eq_id = next(
                        (u[0] for u in units if u[2] <= day < u[3] and (not kinds or u[1] in kinds)), None
                    )
                    self._visit(site_id, eq_id, plan_id, day, "maintenance", self.pick(_FINDINGS[what]))
        # Renewal reminders for the last two terms (older contact history was never kept).
        for term_end in [end for end in anniversaries if end <= ends][-2:]:
            reminder = self.workday(term_end - 30)
            if start < reminder <= today:
                self.contact(reminder, f"{name} renewal reminder", renewed=term_end < ends)

    # ------------------------------------------------------------ touches
