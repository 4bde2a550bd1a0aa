"""Replacement: a unit in service nearing, reaching or past its typical life.

Raised once per age threshold crossed (nearing its life, reaching it, past its longest life and
then every REPLACEMENT_STEP_YEARS); the persistence works the threshold out in SQL the same way
(app/persistence/opportunity_kinds/replacement.py), so a second run reads next to nothing.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, add_years, month_year, plural
from app.domain.opportunity_kinds.spec import KindSpec, Resolution, each
from app.domain.values import years_between
from app.domain.wording import article

KIND = OpportunityKind.REPLACEMENT
REPLACEMENT_STEP_YEARS = 5  # past its longest lifespan, a unit is raised again every 5 years
# Trigger keys read "replacement:equipment12:age15"; the candidate SQL builds the same from these.
SUBJECT_PREFIX = f"{KIND}:equipment"
EVENT_PREFIX = "age"


class EquipmentAge(NamedTuple):
    equipment_id: int
    customer_id: int
    site_id: int
    kind: str
    installed_on: datetime.date
    life_min: int
    life_max: int
    price_cents: int  # what a replacement costs today (catalog)
    from_item: bool  # the lifespan is this unit's own catalog item's, not its kind's


def replacement_stage(age: int, life_min: int, life_max: int, warning_years: int) -> int | None:
    """The age threshold crossed: nearing its life, reached it, past its longest life (then every 5 years)."""
    if age >= life_max:
        return life_max + (age - life_max) // REPLACEMENT_STEP_YEARS * REPLACEMENT_STEP_YEARS
    if age >= life_min:
        return life_min
    nearing = max(life_min - warning_years, 1)
    return nearing if age >= nearing else None


def replacement(unit: EquipmentAge, rules: Rules) -> Raised | None:
    age = years_between(unit.installed_on, rules.today)
    stage = replacement_stage(age, unit.life_min, unit.life_max, rules.replacement_warning_years)
    if stage is None:
        return None
    lasts = (
        "this model lasts" if unit.from_item else f"{article(unit.kind)} {unit.kind.lower()} usually lasts"
    )
    span = (
        f"about {unit.life_min} years"
        if unit.life_min == unit.life_max
        else f"{unit.life_min}–{unit.life_max} years"
    )
    reason = (
        f"{unit.kind} installed {month_year(unit.installed_on)}, {plural(age, 'year')} old; {lasts} {span}"
    )
    return Raised(
        KIND, unit.customer_id, f"{SUBJECT_PREFIX}{unit.equipment_id}", f"{EVENT_PREFIX}{stage}", reason,
        unit.price_cents, add_years(unit.installed_on, stage), unit.site_id, unit.equipment_id,
    )  # fmt: skip


SPEC = KindSpec(KIND, each(replacement), refreshed=True, closes_when=(Resolution.UNIT_REMOVED,))
