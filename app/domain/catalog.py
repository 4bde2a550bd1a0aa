"""The catalog: what the business sells, and the segments it talks to.

Equipment lines carry a typical lifespan (replacements are raised from it), plans a
renewal period and visits a year, add-ons the kind of equipment they go with, ladders
a tier (basic → better → deluxe), bundles their items and a discount, new products a
launch day and an optional quantity. A draft's `validated()` returns a cleaned copy or
raises a UserError naming the field. What is merely *missing* (an equipment line with
no lifespan, a plan with no renewal period) is not an error: it is saved, and listed
as missing information so the owner can fill it in later.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal

from app.domain.errors import UserError
from app.domain.money import parse_money
from app.domain.values import clean_text
from app.domain.wording import count_text

CATALOG_KINDS = ("equipment", "plan", "add_on", "product", "bundle", "service")
KIND_LABELS = {
    "equipment": "Equipment",
    "plan": "Service plan",
    "add_on": "Add-on",
    "product": "New product",
    "bundle": "Bundle",
    "service": "Service",
}
MAX_TEXT = 200
MAX_LIFESPAN_YEARS = 100
MAX_RENEWAL_MONTHS = 120
MAX_VISITS_PER_YEAR = 52
MAX_TIER = 20


def _whole(value: object, field: str, label: str, low: int, high: int) -> int | None:
    """A whole number in [low, high], or None when left empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise UserError(f"{label}: “{value}” is not a whole number.", field) from None
    if isinstance(number, bool) or not low <= number <= high:
        raise UserError(f"{label}: give a whole number from {low} to {high}.", field)
    return number


def _text(value: str, field: str, label: str, required: bool = False) -> str:
    text = clean_text(value)
    if required and not text:
        raise UserError(f"{label}: this cannot be empty.", field)
    if len(text) > MAX_TEXT:
        raise UserError(f"{label} is too long (at most {MAX_TEXT} characters).", field)
    return text


@dataclass(frozen=True)
class CatalogItemDraft:
    """A catalog item as entered on the Catalog page (or read from the default catalog)."""

    kind: str
    name: str
    equipment_kind: str = ""  # what kind of equipment this is (equipment, product)
    brand: str = ""
    lifespan_min_years: int | None = None
    lifespan_max_years: int | None = None
    renewal_months: int | None = None  # plans
    visits_per_year: int | None = None  # plans
    price: Decimal | str = Decimal("0")
    ladder: str = ""  # basic → better → deluxe: items on one ladder share this name...
    tier: int | None = None  # ...and climb it by tier (1 = basic)
    goes_with_kind: str = ""  # add-ons: the kind of equipment they go with
    discount_bp: int = 0  # bundles: 800 = 8 % off the items bought separately
    launched_on: datetime.date | None = None  # new products
    quantity_available: int | None = None  # new products: None = no limit
    active: bool = True
    notes: str = ""
    bundle_item_ids: tuple[int, ...] = ()
    id: int | None = None  # None for a new item

    def validated(self) -> CatalogItemDraft:
        if self.kind not in CATALOG_KINDS:
            raise UserError("Kind: choose equipment, plan, add-on, product, bundle or service.", "kind")
        low = _whole(
            self.lifespan_min_years, "lifespan_min_years", "Shortest lifespan", 1, MAX_LIFESPAN_YEARS
        )
        high = _whole(
            self.lifespan_max_years, "lifespan_max_years", "Longest lifespan", 1, MAX_LIFESPAN_YEARS
        )
        if (low is None) != (high is None):
            missing = "lifespan_max_years" if high is None else "lifespan_min_years"
            raise UserError("Lifespan: give both the shortest and the longest, or neither.", missing)
        if low is not None and high is not None and low > high:
            raise UserError(
                f"Lifespan: the shortest ({count_text(low, 'year')}) is longer than the longest "
                f"({count_text(high, 'year')}).",
                "lifespan_max_years",
            )
        ladder = _text(self.ladder, "ladder", "Ladder")
        tier = _whole(self.tier, "tier", "Tier", 1, MAX_TIER)
        if ladder and tier is None:
            raise UserError("Tier: give the item's step on the ladder (1 = basic).", "tier")
        if tier is not None and not ladder:
            raise UserError("Ladder: name the ladder this tier belongs to.", "ladder")
        discount = _whole(self.discount_bp, "discount_bp", "Discount", 0, 10_000) or 0
        if self.bundle_item_ids and self.kind != "bundle":
            raise UserError("Only a bundle can contain other items.", "bundle_item_ids")
        if self.id is not None and self.id in self.bundle_item_ids:
            raise UserError("A bundle cannot contain itself.", "bundle_item_ids")
        return dataclasses.replace(
            self,
            name=_text(self.name, "name", "Name", required=True),
            equipment_kind=_text(self.equipment_kind, "equipment_kind", "Equipment kind"),
            brand=_text(self.brand, "brand", "Brand"),
            lifespan_min_years=low,
            lifespan_max_years=high,
            renewal_months=_whole(
                self.renewal_months, "renewal_months", "Renewal period", 1, MAX_RENEWAL_MONTHS
            ),
            visits_per_year=_whole(
                self.visits_per_year, "visits_per_year", "Visits per year", 0, MAX_VISITS_PER_YEAR
            ),
            price=parse_money(self.price, "price"),
            ladder=ladder,
            tier=tier,
            goes_with_kind=_text(self.goes_with_kind, "goes_with_kind", "Goes with"),
            discount_bp=discount,
            quantity_available=_whole(
                self.quantity_available, "quantity_available", "Quantity available", 0, 10_000_000
            ),
            notes=self.notes.strip(),
            bundle_item_ids=tuple(dict.fromkeys(self.bundle_item_ids)),
        )

    def missing(self) -> list[tuple[str, str]]:
        """What this item lacks to raise its opportunities: (field, sentence) pairs, never an error."""
        found = []
        if self.kind == "equipment" and self.lifespan_min_years is None and self.active:
            found.append(
                ("lifespan_min_years", "no typical lifespan: its equipment is never checked for replacement")
            )
        if self.kind == "plan" and self.renewal_months is None and self.active:
            found.append(("renewal_months", "no renewal period"))
        if self.kind == "add_on" and not self.goes_with_kind and self.active:
            found.append(
                ("goes_with_kind", "does not say what equipment it goes with, so it is never offered")
            )
        if self.kind == "product" and self.launched_on is None and self.active:
            found.append(("launched_on", "no launch day, so it is never offered as a new product"))
        if self.kind == "bundle" and not self.bundle_item_ids and self.active:
            found.append(("bundle_item_ids", "a bundle with no items in it"))
        return found


@dataclass(frozen=True)
class CatalogItemRow:
    """One line of the Catalog page (price as Decimal); its words in English, translated where shown."""

    id: int
    kind: str
    name: str
    equipment_kind: str
    brand: str
    lifespan_min_years: int | None
    lifespan_max_years: int | None
    renewal_months: int | None
    visits_per_year: int | None
    price: Decimal
    ladder: str
    tier: int | None
    goes_with_kind: str
    discount_bp: int
    launched_on: datetime.date | None
    quantity_available: int | None
    active: bool
    notes: str
    bundle_item_ids: tuple[int, ...] = ()
    equipment_count: int = 0  # pieces of equipment recorded as this item

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def lifespan_text(self) -> str:
        if self.lifespan_min_years is None or self.lifespan_max_years is None:
            return ""
        return lifespan_text(self.lifespan_min_years, self.lifespan_max_years)

    def as_draft(self) -> CatalogItemDraft:
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(CatalogItemDraft)}
        return CatalogItemDraft(**values)


def lifespan_text(low: int, high: int) -> str:
    """ "15–20 years", or "about 12 years" when both ends agree."""
    return f"about {low} years" if low == high else f"{low}–{high} years"


@dataclass(frozen=True)
class SegmentDraft:
    """A group of customers and how to talk to them: a pitch angle and talking points, one per line."""

    name: str
    pitch: str = ""
    talking_points: str = ""
    id: int | None = None

    def validated(self) -> SegmentDraft:
        points = "\n".join(line for line in (clean_text(p) for p in self.talking_points.splitlines()) if line)
        return dataclasses.replace(
            self,
            name=_text(self.name, "name", "Segment", required=True),
            pitch=self.pitch.strip(),
            talking_points=points,
        )


@dataclass(frozen=True)
class SegmentRow:
    id: int
    name: str
    pitch: str
    talking_points: tuple[str, ...]
    customers: int = 0
