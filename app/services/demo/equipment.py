"""The demo business's equipment at a customer's sites: what was found there, and what replaced it.

A mixin of DemoRows (app/services/demo/rows.py): its methods use the generator's state
(`self.rows`, `self.ids`, the random source and the customer being written).
"""

from __future__ import annotations

from typing import Any

from app.services.demo import data
from app.services.demo.jobs import YEAR, plus_years


class EquipmentRows:
    """The equipment of the customer being generated, and the history that follows from it."""

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
