"""The fixed vocabularies of the domain."""

from __future__ import annotations

from enum import StrEnum


class CustomerKind(StrEnum):
    HOUSEHOLD = "household"
    BUSINESS = "business"


class Channel(StrEnum):
    CALL = "call"
    MAIL = "mail"
    EMAIL = "email"
    TEXT = "text"
    VISIT = "visit"
    IN_PERSON = "in_person"


# The channels on which the owner actually speaks with the customer.
SPOKEN_CHANNELS = (Channel.CALL, Channel.VISIT, Channel.IN_PERSON)


class OpportunityKind(StrEnum):
    REPLACEMENT = "replacement"
    RENEWAL = "renewal"
    MAINTENANCE_DUE = "maintenance_due"
    UPGRADE = "upgrade"
    ADD_ON = "add_on"
    FOLLOW_UP = "follow_up"
    CHECK_IN = "check_in"
    WARRANTY_ENDING = "warranty_ending"
    NEW_PRODUCT = "new_product"
    OTHER_SITE = "other_site"


# What the owner reads for each kind (pages, letters, the dashboard). A new kind gets its label here,
# beside its value, and its rule in app/domain/opportunity_kinds/.
OPPORTUNITY_KIND_LABELS = {
    OpportunityKind.REPLACEMENT: "Replacement",
    OpportunityKind.RENEWAL: "Renewal",
    OpportunityKind.MAINTENANCE_DUE: "Maintenance due",
    OpportunityKind.UPGRADE: "Upgrade",
    OpportunityKind.ADD_ON: "Add-on",
    OpportunityKind.FOLLOW_UP: "Follow-up",
    OpportunityKind.CHECK_IN: "Check-in",
    OpportunityKind.WARRANTY_ENDING: "Warranty ending",
    OpportunityKind.NEW_PRODUCT: "New product",
    OpportunityKind.OTHER_SITE: "Other site",
}


class OpportunityStatus(StrEnum):
    OPEN = "open"
    CONTACTED = "contacted"
    WON = "won"
    LOST = "lost"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"


class PlanStatus(StrEnum):
    ACTIVE = "active"
    LAPSED = "lapsed"
    CANCELLED = "cancelled"


class ReferralDirection(StrEnum):
    TO_PARTNER = "to_partner"  # we sent them a customer: they owe us
    FROM_PARTNER = "from_partner"  # they sent us a customer: we owe them


class ReferralStatus(StrEnum):
    REFERRED = "referred"
    CONTACTED = "contacted"
    WON = "won"
    LOST = "lost"
    PAID = "paid"
