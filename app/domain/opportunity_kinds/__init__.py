"""Every kind of opportunity, one module each, and the one list of them the engine runs.

A kind's module holds the rows its candidate query returns (NamedTuples), its rule (pure
functions: a row and today's `Rules` in, what to raise out) and its declaration (`SPEC`: the
judge, whether a new event refreshes one still being worked, how one closes itself). Its
candidate query lives in the module of the same name in app/persistence/opportunity_kinds/.

Adding a kind: its value and label in app.domain.kinds, a module here and its line in KINDS,
a module in app/persistence/opportunity_kinds/ and its line there; tests/domain and
tests/persistence check that every kind is registered in both.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.opportunity_kinds import (
    add_on,
    check_in,
    follow_up,
    maintenance_due,
    new_product,
    other_site,
    renewal,
    replacement,
    upgrade,
    warranty_ending,
)
from app.domain.opportunity_kinds.spec import KindSpec, Resolution

# In the order the engine runs them (and so numbers what it raises).
KINDS: tuple[KindSpec, ...] = (
    renewal.SPEC,
    maintenance_due.SPEC,
    warranty_ending.SPEC,
    follow_up.SPEC,
    check_in.SPEC,
    replacement.SPEC,
    upgrade.SPEC,
    add_on.SPEC,
    new_product.SPEC,
    other_site.SPEC,
)
BY_KIND: Mapping[str, KindSpec] = {spec.kind: spec for spec in KINDS}
# Kinds whose subject can see a new event while the last one is still being worked.
REFRESHED_KINDS = frozenset(spec.kind for spec in KINDS if spec.refreshed)


def closed_by() -> dict[Resolution, tuple[str, ...]]:
    """Each resolution (in the order they are checked) and the kinds it closes."""
    return {
        resolution: tuple(spec.kind.value for spec in KINDS if resolution in spec.closes_when)
        for resolution in Resolution
    }
