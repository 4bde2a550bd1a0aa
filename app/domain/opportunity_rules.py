"""The rules of the opportunity engine, one per kind, as pure functions.

app/persistence/opportunity_equipment.py and opportunity_customers.py find the candidates with
set-based SQL; each function here takes one candidate row (the NamedTuple defined beside it)
and returns what to raise (app.domain.opportunities.Raised), or None. The reasons are plain
English, built from the words in app.domain.opportunities.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from app.domain.kinds import OpportunityKind as K
from app.domain.opportunities import (
    RENEWAL_GRACE_DAYS,
    Raised,
    Rules,
    add_years,
    long_date,
    money,
    month_year,
    plural,
    relative_days,
)
from app.domain.values import years_between

# Kinds whose subject can see a new event while the last one is still being worked.
REFRESHED_KINDS = frozenset(
    {K.REPLACEMENT, K.RENEWAL, K.MAINTENANCE_DUE, K.UPGRADE, K.CHECK_IN, K.WARRANTY_ENDING, K.OTHER_SITE}
)
REPLACEMENT_STEP_YEARS = 5  # past its longest lifespan, a unit is raised again every 5 years


# ---------------------------------------------------------------- replacement


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
    lasts = "this model lasts" if unit.from_item else f"a {unit.kind.lower()} usually lasts"
    span = (
        f"about {unit.life_min} years"
        if unit.life_min == unit.life_max
        else f"{unit.life_min}–{unit.life_max} years"
    )
    reason = (
        f"{unit.kind} installed {month_year(unit.installed_on)}, {plural(age, 'year')} old; {lasts} {span}"
    )
    return Raised(
        K.REPLACEMENT, unit.customer_id, f"replacement:equipment{unit.equipment_id}", f"age{stage}", reason,
        unit.price_cents, add_years(unit.installed_on, stage), unit.site_id, unit.equipment_id,
    )  # fmt: skip


# ---------------------------------------------------------------- plans: renewal and maintenance


class PlanTerm(NamedTuple):
    plan_id: int
    customer_id: int
    site_id: int | None
    name: str
    ends_on: datetime.date
    price_cents: int
    auto_renew: bool


def renewal(plan: PlanTerm, rules: Rules) -> Raised | None:
    """From `renewal_notice_days` before the term ends; a plan that renews itself needs no call."""
    opens = plan.ends_on - datetime.timedelta(days=rules.renewal_notice_days)
    if plan.auto_renew or rules.today < opens or (rules.today - plan.ends_on).days > RENEWAL_GRACE_DAYS:
        return None
    when = relative_days(plan.ends_on, rules.today)
    verb = "ended" if plan.ends_on < rules.today else "ends"
    reason = f"{plan.name} {verb} {long_date(plan.ends_on)} ({when}); renewal {money(plan.price_cents)}"
    return Raised(
        K.RENEWAL, plan.customer_id, f"renewal:plan{plan.plan_id}", plan.ends_on.isoformat(), reason,
        plan.price_cents, opens, plan.site_id, plan_id=plan.plan_id,
    )  # fmt: skip


class PlanVisits(NamedTuple):
    plan_id: int
    customer_id: int
    site_id: int | None
    name: str
    started_on: datetime.date
    ends_on: datetime.date
    visits_per_year: int
    price_cents: int
    last_visit: datetime.date | None


def maintenance_due(plan: PlanVisits, rules: Rules) -> Raised | None:
    """A visit is due a year / visits_per_year after the last one (or the start), within the term."""
    if plan.visits_per_year <= 0:
        return None
    since = plan.last_visit or plan.started_on
    due = since + datetime.timedelta(days=365 // plan.visits_per_year)
    if due > rules.today or due > plan.ends_on:
        return None
    last = f"last visit {long_date(plan.last_visit)}" if plan.last_visit else "no visit since it started"
    overdue = (rules.today - due).days
    late = f"{plural(overdue, 'day')} overdue" if overdue else "due today"
    reason = f"{plan.name}: {plural(plan.visits_per_year, 'visit')} a year; {last}; {late}"
    return Raised(
        K.MAINTENANCE_DUE, plan.customer_id, f"maintenance_due:plan{plan.plan_id}", f"after{since}", reason,
        plan.price_cents // plan.visits_per_year, due, plan.site_id, plan_id=plan.plan_id,
    )  # fmt: skip


# ---------------------------------------------------------------- upgrade and add-on


class LadderStep(NamedTuple):
    equipment_id: int
    customer_id: int
    site_id: int
    installed_on: datetime.date
    item_name: str
    life_min: int | None
    next_item_id: int
    next_name: str
    next_price_cents: int


def upgrade(unit: LadderStep, rules: Rules) -> Raised | None:
    """The next step up the ladder, for a unit old enough to think about it but not yet due a replacement."""
    age = years_between(unit.installed_on, rules.today)
    if age < rules.upgrade_after_years:
        return None
    if unit.life_min is not None and age >= max(unit.life_min - rules.replacement_warning_years, 1):
        return None  # the replacement speaks for it
    reason = (
        f"Has had the {unit.item_name} since {unit.installed_on.year} ({plural(age, 'year')}); "
        f"the next step up is the {unit.next_name} ({money(unit.next_price_cents)})"
    )
    return Raised(
        K.UPGRADE, unit.customer_id, f"upgrade:equipment{unit.equipment_id}", f"item{unit.next_item_id}",
        reason, unit.next_price_cents, add_years(unit.installed_on, rules.upgrade_after_years), unit.site_id,
        unit.equipment_id, catalog_item_id=unit.next_item_id,
    )  # fmt: skip


class AddOnFit(NamedTuple):
    customer_id: int
    site_id: int
    equipment_id: int
    equipment_kind: str
    installed_on: datetime.date | None
    add_on_id: int
    add_on_name: str
    price_cents: int
    last_visit: datetime.date


def add_on(fit: AddOnFit, rules: Rules) -> Raised:
    since = f" (installed {fit.installed_on.year})" if fit.installed_on else ""
    reason = (
        f"Has a {fit.equipment_kind.lower()}{since} but no {fit.add_on_name.lower()}; "
        f"we were there {long_date(fit.last_visit)}"
    )
    return Raised(
        K.ADD_ON, fit.customer_id, f"add_on:site{fit.site_id}", f"item{fit.add_on_id}", reason,
        fit.price_cents, fit.last_visit, fit.site_id, fit.equipment_id, catalog_item_id=fit.add_on_id,
    )  # fmt: skip


def best_add_ons(fits: Iterable[AddOnFit]) -> list[AddOnFit]:
    """One add-on at a time per site: the most valuable one not offered there before.

    Pass only add-ons never offered at that site, so that after a "no" the next one comes up.
    """
    best: dict[int, AddOnFit] = {}
    for fit in fits:
        held = best.get(fit.site_id)
        if held is None or (fit.price_cents, -fit.add_on_id) > (held.price_cents, -held.add_on_id):
            best[fit.site_id] = fit
    return list(best.values())


# ---------------------------------------------------------------- keeping in touch


class SaleDone(NamedTuple):
    sale_id: int
    customer_id: int
    site_id: int | None
    sold_on: datetime.date
    description: str
    last_contact: datetime.date | None  # the latest call, visit or talk with the customer


def follow_up(sale: SaleDone, rules: Rules) -> Raised | None:
    """A call `follow_up_after_days` after a sale, unless someone has spoken with them since."""
    due = sale.sold_on + datetime.timedelta(days=rules.follow_up_after_days)
    too_old = rules.days_ago(rules.follow_up_after_days + rules.follow_up_window_days)
    if due > rules.today or sale.sold_on < too_old:
        return None
    if sale.last_contact is not None and sale.last_contact > sale.sold_on:
        return None
    what = sale.description or "Job"
    reason = (
        f"{what} on {long_date(sale.sold_on)} ({relative_days(sale.sold_on, rules.today)}): check all is well"
    )
    return Raised(
        K.FOLLOW_UP, sale.customer_id, f"follow_up:sale{sale.sale_id}", "call", reason, 0, due, sale.site_id
    )


class RecentBuyer(NamedTuple):
    customer_id: int
    last_sale: datetime.date
    last_spoken: datetime.date | None
    last_visit: datetime.date | None


def check_in(buyer: RecentBuyer, rules: Rules) -> Raised | None:
    """A customer who bought in the last few years and nobody has spoken with for a while."""
    if buyer.last_sale < rules.recent_from:
        return None
    last = max(day for day in (buyer.last_sale, buyer.last_spoken, buyer.last_visit) if day is not None)
    due = last + datetime.timedelta(days=rules.check_in_after_days)
    if due > rules.today:
        return None
    spoken = [day for day in (buyer.last_spoken, buyer.last_visit) if day is not None]
    contact = f"last spoken with {long_date(max(spoken))}" if spoken else "never spoken with since"
    reason = (
        f"Bought from us {long_date(buyer.last_sale)}; {contact} "
        f"({plural((rules.today - last).days, 'day')} without contact)"
    )
    return Raised(
        K.CHECK_IN, buyer.customer_id, f"check_in:customer{buyer.customer_id}", f"since{last}", reason, 0, due
    )


class Warranty(NamedTuple):
    equipment_id: int
    customer_id: int
    site_id: int
    kind: str
    installed_on: datetime.date | None
    warranty_until: datetime.date
    plan_name: str  # the customer's active plan, "" when none
    offer_name: str  # the plan to offer when they have none ("" when the catalog has none)
    offer_cents: int


def warranty_ending(unit: Warranty, rules: Rules) -> Raised | None:
    """From `warranty_notice_days` before the warranty ends through the day it ends."""
    opens = unit.warranty_until - datetime.timedelta(days=rules.warranty_notice_days)
    if not opens <= rules.today <= unit.warranty_until:
        return None
    installed = f", installed {month_year(unit.installed_on)}" if unit.installed_on else ""
    reason = (
        f"{unit.kind} warranty ends {long_date(unit.warranty_until)} "
        f"({relative_days(unit.warranty_until, rules.today)}){installed}"
    )
    value = 0
    if unit.plan_name:
        reason += f"; covered by {unit.plan_name}: book a check before it ends"
    elif unit.offer_name:
        reason += f"; no service plan: offer {unit.offer_name} ({money(unit.offer_cents)})"
        value = unit.offer_cents
    return Raised(
        K.WARRANTY_ENDING, unit.customer_id, f"warranty_ending:equipment{unit.equipment_id}",
        unit.warranty_until.isoformat(), reason, value, opens, unit.site_id, unit.equipment_id,
    )  # fmt: skip


# ---------------------------------------------------------------- new products and other sites


class BestCustomer(NamedTuple):
    customer_id: int
    lifetime_cents: int
    customer_since: datetime.date | None
    product_id: int
    product_name: str
    price_cents: int
    launched_on: datetime.date


def is_new(launched_on: datetime.date | None, rules: Rules) -> bool:
    return launched_on is not None and rules.days_ago(rules.new_product_days) <= launched_on <= rules.today


def new_product(best: BestCustomer, rules: Rules) -> Raised | None:
    if not is_new(best.launched_on, rules):
        return None
    since = f" since {best.customer_since.year}" if best.customer_since else ""
    reason = (
        f"New: {best.product_name} (launched {long_date(best.launched_on)}), offered first to our best "
        f"customers: {money(best.lifetime_cents)} with us{since}"
    )
    return Raised(
        K.NEW_PRODUCT, best.customer_id, f"new_product:customer{best.customer_id}:item{best.product_id}",
        "offer", reason, best.price_cents, max(best.launched_on, rules.today),
        catalog_item_id=best.product_id,
    )  # fmt: skip


class SiteSpend(NamedTuple):
    customer_id: int
    site_id: int
    label: str
    has_equipment: bool
    recent_cents: int  # sales at this site in the last recent_buyer_years
    recent_jobs: int
    last_sale: datetime.date | None  # ever
    plan_name: str  # an active plan at this site
    plan_cents: int


def other_sites(sites: list[SiteSpend], rules: Rules) -> list[Raised]:
    """One customer's sites: some buy (recent jobs or an active plan), others with equipment don't."""
    buying = [s for s in sites if s.recent_jobs or s.plan_name]
    if not buying:
        return []
    best = max(buying, key=lambda s: (s.plan_cents, s.recent_cents, -s.site_id))
    if best.plan_name:
        what, value = f"{best.label} ({best.plan_name})", best.plan_cents
    else:
        what = f"{best.label} ({plural(best.recent_jobs, 'job')} since {rules.recent_from.year})"
        value = sum(s.recent_cents for s in buying) // len(buying)
    raised = []
    for site in sites:
        if site in buying or not site.has_equipment:
            continue
        last = f"last job there {month_year(site.last_sale)}" if site.last_sale else "never a job there"
        reason = f"Buys for {what} but nothing for {site.label} ({last})"
        event = f"last{site.last_sale.isoformat() if site.last_sale else 'never'}"
        raised.append(Raised(
            K.OTHER_SITE, site.customer_id, f"other_site:site{site.site_id}", event, reason, value,
            rules.today, site.site_id,
        ))  # fmt: skip
    return raised
