"""Each kind's candidate query, one module per kind (named as its rule in app/domain/opportunity_kinds/),
and the one table the engine looks them up in.

A candidate query reads, set-based, the rows (the kind's NamedTuples) whose eligibility the kind's
rule then decides, with the same cut-offs, so what comes back is (nearly) exactly what will be
raised: one query per kind instead of one per customer. What the queries share is in
app/persistence/opportunities.py. No kind name is spelled inside SQL: a query names its own kind
through a parameter (tests/persistence/test_opportunity_engine.py checks every SQL string).

The engine reads every kind's candidates before it writes any (app.services.opportunities), so a
candidate query reads, of the opportunity table, only rows of its own kind: the rows the kinds
before it raise in the same run are never in what it reads (tests/persistence/test_recompute_reads_ahead.py
checks both rules below).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Rules
from app.persistence.opportunity_kinds import (
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

CANDIDATES: Mapping[OpportunityKind, Callable[[Rules], Iterable[Any]]] = {
    OpportunityKind.RENEWAL: renewal.candidates,
    OpportunityKind.MAINTENANCE_DUE: maintenance_due.candidates,
    OpportunityKind.WARRANTY_ENDING: warranty_ending.candidates,
    OpportunityKind.FOLLOW_UP: follow_up.candidates,
    OpportunityKind.CHECK_IN: check_in.candidates,
    OpportunityKind.REPLACEMENT: replacement.candidates,
    OpportunityKind.UPGRADE: upgrade.candidates,
    OpportunityKind.ADD_ON: add_on.candidates,
    OpportunityKind.NEW_PRODUCT: new_product.candidates,
    OpportunityKind.OTHER_SITE: other_site.candidates,
}
# The kinds whose candidate query reads a column a closing writes (the status: add-ons skip a site
# with one being worked, a new product counts the offers still standing): when a run closes one
# of theirs, their candidates are read again once the closings are written.
READS_CLOSED_COLUMNS: frozenset[OpportunityKind] = frozenset(
    {OpportunityKind.ADD_ON, OpportunityKind.NEW_PRODUCT}
)
