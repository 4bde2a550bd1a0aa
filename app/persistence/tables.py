"""The database tables, as peewee models.

Peewee objects never leave app/persistence: repositories turn rows into plain
tuples, dicts or domain dataclasses. Money is stored as integer cents, rates as
basis points (1 500 = 15 %), phones in E.164 form.
"""

from __future__ import annotations

import datetime

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from app.domain import clock

database_proxy = DatabaseProxy()


def _now() -> datetime.datetime:
    return clock.now()


class BaseTable(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class AppMeta(BaseTable):
    """Key/value stamps such as the schema version (portable to PostgreSQL)."""

    key = CharField(primary_key=True)
    value = TextField()


class Setting(BaseTable):
    """Business settings, as JSON values, so they travel with the data."""

    key = CharField(primary_key=True)
    value = TextField()


class Segment(BaseTable):
    name = CharField(unique=True)
    pitch = TextField(default="")
    talking_points = TextField(default="")


class Partner(BaseTable):
    business = CharField()
    trade = CharField(default="")
    contact_name = CharField(default="")
    phone = CharField(default="")
    email = CharField(default="")
    address = TextField(default="")
    basis = CharField(default="job_value")  # job_value | profit | fixed
    rate_bp = IntegerField(default=1000)
    fixed_fee_cents = BigIntegerField(default=0)
    cap_cents = BigIntegerField(null=True)
    direction = CharField(default="both")  # both | to_partner | from_partner
    notes = TextField(default="")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=_now)


class PartnerTerm(BaseTable):
    """Terms for one trade or job type, overriding the partner's defaults."""

    partner = ForeignKeyField(Partner, backref="terms", on_delete="CASCADE", index=True)
    job_type = CharField()
    basis = CharField(default="job_value")
    rate_bp = IntegerField(default=1000)
    fixed_fee_cents = BigIntegerField(default=0)
    cap_cents = BigIntegerField(null=True)
    direction = CharField(default="both")


class Customer(BaseTable):
    kind = CharField(default="household")  # household | business
    first_name = CharField(default="")
    last_name = CharField(default="")
    company = CharField(default="")
    display_name = CharField(index=True)
    email = CharField(default="")
    email2 = CharField(default="")
    phone = CharField(default="")  # E.164
    phone_mobile = CharField(default="")
    phone_work = CharField(default="")
    segment = ForeignKeyField(Segment, null=True, on_delete="SET NULL", index=True)
    call_window_start = CharField(default="")  # "HH:MM", empty = any time
    call_window_end = CharField(default="")
    do_not_call = BooleanField(default=False)
    do_not_mail = BooleanField(default=False)
    do_not_email = BooleanField(default=False)
    do_not_service = BooleanField(default=False)
    share_with_partners = BooleanField(default=False)
    share_consent_on = DateField(null=True)
    source = CharField(default="")
    referred_by = ForeignKeyField(Partner, null=True, on_delete="SET NULL", index=True)
    customer_since = DateField(null=True)
    notes = TextField(default="")
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)
    version = IntegerField(default=1)


class Site(BaseTable):
    customer = ForeignKeyField(Customer, backref="sites", on_delete="CASCADE", index=True)
    label = CharField(default="")
    street = CharField(default="")
    street2 = CharField(default="")
    city = CharField(default="", index=True)
    region = CharField(default="")
    postal_code = CharField(default="")
    country = CharField(default="US")
    is_billing = BooleanField(default=False)
    notes = TextField(default="")


class CatalogItem(BaseTable):
    kind = CharField()  # equipment | plan | add_on | product | bundle | service
    name = CharField()
    equipment_kind = CharField(default="")
    brand = CharField(default="")
    lifespan_min_years = IntegerField(null=True)
    lifespan_max_years = IntegerField(null=True)
    renewal_months = IntegerField(null=True)
    visits_per_year = IntegerField(null=True)
    price_cents = BigIntegerField(default=0)
    ladder = CharField(default="")
    tier = IntegerField(null=True)
    goes_with_kind = CharField(default="")
    discount_bp = IntegerField(default=0)
    launched_on = DateField(null=True)
    quantity_available = IntegerField(null=True)
    active = BooleanField(default=True)
    notes = TextField(default="")


class BundleItem(BaseTable):
    bundle = ForeignKeyField(CatalogItem, backref="bundle_items", on_delete="CASCADE", index=True)
    item = ForeignKeyField(CatalogItem, on_delete="CASCADE", index=True)
    quantity = IntegerField(default=1)


class Equipment(BaseTable):
    site = ForeignKeyField(Site, backref="equipment", on_delete="CASCADE", index=True)
    catalog_item = ForeignKeyField(CatalogItem, null=True, on_delete="SET NULL", index=True)
    kind = CharField()
    brand = CharField(default="")
    model = CharField(default="")
    serial = CharField(default="")
    installed_on = DateField(null=True, index=True)
    installed_by_us = BooleanField(default=False)
    warranty_until = DateField(null=True)
    removed_on = DateField(null=True)
    notes = TextField(default="")


class ImportBatch(BaseTable):
    file_name = CharField()
    sheet = CharField(default="")
    imported_at = DateTimeField(default=_now)
    rows_read = IntegerField(default=0)
    status = CharField(default="done")  # done | undone
    report_json = TextField(default="{}")


class ImportChange(BaseTable):
    """What one import created or changed, so it can be undone."""

    batch = ForeignKeyField(ImportBatch, backref="changes", on_delete="CASCADE", index=True)
    table_name = CharField()
    row_id = BigIntegerField()
    action = CharField()  # created | updated
    before_json = TextField(default="")


class ImportMapping(BaseTable):
    """A column mapping remembered for the next file with the same headers."""

    header_signature = CharField(unique=True)
    mapping_json = TextField()
    used_at = DateTimeField(default=_now)


class Campaign(BaseTable):
    name = CharField()
    purpose = CharField(default="")  # an opportunity kind or free text
    channel = CharField(default="mail")
    audience_json = TextField(default="{}")
    created_at = DateTimeField(default=_now)
    sent_on = DateField(null=True)
    status = CharField(default="draft")  # draft | sent | closed
    cost_cents = BigIntegerField(default=0)


class ServicePlan(BaseTable):
    customer = ForeignKeyField(Customer, backref="plans", on_delete="CASCADE", index=True)
    site = ForeignKeyField(Site, null=True, on_delete="SET NULL", index=True)
    catalog_item = ForeignKeyField(CatalogItem, null=True, on_delete="SET NULL", index=True)
    name = CharField()
    started_on = DateField()
    ends_on = DateField(index=True)
    price_cents = BigIntegerField(default=0)
    visits_per_year = IntegerField(default=1)
    auto_renew = BooleanField(default=False)
    status = CharField(default="active")  # active | lapsed | cancelled


class Opportunity(BaseTable):
    customer = ForeignKeyField(Customer, backref="opportunities", on_delete="CASCADE", index=True)
    site = ForeignKeyField(Site, null=True, on_delete="CASCADE", index=True)
    equipment = ForeignKeyField(Equipment, null=True, on_delete="CASCADE", index=True)
    plan = ForeignKeyField(ServicePlan, null=True, on_delete="CASCADE", index=True)
    catalog_item = ForeignKeyField(CatalogItem, null=True, on_delete="SET NULL", index=True)
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL", index=True)
    kind = CharField(index=True)
    reason = TextField()
    value_cents = BigIntegerField(default=0)
    due_on = DateField(null=True, index=True)
    status = CharField(default="open", index=True)
    status_changed_on = DateField(null=True)
    snoozed_until = DateField(null=True)
    # What made it eligible (e.g. "equipment:12:age15"): the same key is never raised twice.
    trigger_key = CharField(unique=True)
    created_on = DateField(default=clock.today)


class Referral(BaseTable):
    partner = ForeignKeyField(Partner, backref="referrals", on_delete="RESTRICT", index=True)
    customer = ForeignKeyField(Customer, null=True, on_delete="SET NULL", index=True)
    direction = CharField()  # to_partner (they owe us) | from_partner (we owe them)
    referred_on = DateField()
    job_type = CharField(default="")
    status = CharField(default="referred")  # referred | contacted | won | lost | paid
    job_value_cents = BigIntegerField(default=0)
    profit_cents = BigIntegerField(null=True)
    commission_cents = BigIntegerField(default=0)
    commission_note = TextField(default="")
    due_on = DateField(null=True)
    notes = TextField(default="")
    # Migration 0004: the day the job was won; a commission set by hand, and why.
    won_on = DateField(null=True)
    commission_overridden = BooleanField(default=False)
    commission_reason = TextField(default="")


class ReferralPayment(BaseTable):
    referral = ForeignKeyField(Referral, backref="payments", on_delete="RESTRICT", index=True)
    paid_on = DateField()
    amount_cents = BigIntegerField()
    method = CharField(default="")
    note = TextField(default="")


class Disclosure(BaseTable):
    """Every time a customer's details were given to a partner."""

    customer = ForeignKeyField(Customer, on_delete="CASCADE", index=True)
    partner = ForeignKeyField(Partner, on_delete="CASCADE", index=True)
    referral = ForeignKeyField(Referral, null=True, on_delete="SET NULL", index=True)
    disclosed_at = DateTimeField(default=_now)
    what = TextField(default="")


class Sale(BaseTable):
    customer = ForeignKeyField(Customer, backref="sales", on_delete="CASCADE", index=True)
    site = ForeignKeyField(Site, null=True, on_delete="SET NULL", index=True)
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL", index=True)
    opportunity = ForeignKeyField(Opportunity, null=True, on_delete="SET NULL", index=True)
    referral = ForeignKeyField(Referral, null=True, on_delete="SET NULL", index=True)
    sold_on = DateField(index=True)
    job_number = CharField(default="")
    description = TextField(default="")
    total_cents = BigIntegerField(default=0)


class SaleLine(BaseTable):
    sale = ForeignKeyField(Sale, backref="lines", on_delete="CASCADE", index=True)
    catalog_item = ForeignKeyField(CatalogItem, null=True, on_delete="SET NULL", index=True)
    description = CharField(default="")
    quantity = IntegerField(default=1)
    unit_price_cents = BigIntegerField(default=0)
    total_cents = BigIntegerField(default=0)


class Visit(BaseTable):
    customer = ForeignKeyField(Customer, backref="visits", on_delete="CASCADE", index=True)
    site = ForeignKeyField(Site, null=True, on_delete="SET NULL", index=True)
    equipment = ForeignKeyField(Equipment, null=True, on_delete="SET NULL", index=True)
    plan = ForeignKeyField(ServicePlan, null=True, on_delete="SET NULL", index=True)
    visited_on = DateField(index=True)
    kind = CharField(default="maintenance")  # maintenance | repair | install | inspection
    technician = CharField(default="")
    findings = TextField(default="")


class Touch(BaseTable):
    customer = ForeignKeyField(Customer, backref="touches", on_delete="CASCADE", index=True)
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL", index=True)
    opportunity = ForeignKeyField(Opportunity, null=True, on_delete="SET NULL", index=True)
    channel = CharField()  # call | mail | email | text | visit | in_person
    happened_at = DateTimeField(index=True)
    direction = CharField(default="out")  # out | in
    by_whom = CharField(default="")
    outcome = CharField(default="")
    reason = TextField(default="")
    is_marketing = BooleanField(default=False)
    notes = TextField(default="")


class CampaignRecipient(BaseTable):
    campaign = ForeignKeyField(Campaign, backref="recipients", on_delete="CASCADE", index=True)
    customer = ForeignKeyField(Customer, on_delete="CASCADE", index=True)
    opportunity = ForeignKeyField(Opportunity, null=True, on_delete="SET NULL", index=True)
    channel = CharField(default="mail")
    included = BooleanField(default=True)
    exclusion_reason = CharField(default="")
    sent_on = DateField(null=True)
    # Migration 0008: the plan the letter is about (a renewal mailed before its opportunity was raised).
    plan = ForeignKeyField(ServicePlan, null=True, on_delete="SET NULL", index=True)


class Suppression(BaseTable):
    """What is left of an erased customer: enough to keep a later import from bringing them back."""

    match_key = CharField(unique=True)  # a one-way hash of a phone, e-mail or name+postal code
    created_on = DateField(default=clock.today)
    reason = CharField(default="erased on request")


class LetterTemplateRow(BaseTable):
    """A letter template the owner edited or created: one JSON document per template name.

    A table of its own rather than rows in `setting`: every `setting` row is loaded into
    BusinessSettings.extra, and saving the settings from a copy loaded earlier would put back an
    older version of a template.
    """

    name = CharField(primary_key=True)
    data_json = TextField()
    updated_at = DateTimeField(default=_now)

    class Meta:
        table_name = "letter_template"


# Every table of ours, parents before children. The export writes each one (app/persistence/exports.py
# lists the few tables it leaves out, and why).
ALL_TABLES: list[type[BaseTable]] = [
    AppMeta,
    Setting,
    Segment,
    Partner,
    PartnerTerm,
    Customer,
    Site,
    CatalogItem,
    BundleItem,
    Equipment,
    ImportBatch,
    ImportChange,
    ImportMapping,
    Campaign,
    ServicePlan,
    Opportunity,
    Referral,
    ReferralPayment,
    Disclosure,
    Sale,
    SaleLine,
    Visit,
    Touch,
    CampaignRecipient,
    Suppression,
    LetterTemplateRow,
]
