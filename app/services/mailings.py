"""Mail merge: letters, postcards and labels for the customers due for something, respecting every refusal.

Between the data and the renderers (app.services.documents): the audience comes from one
set-based query (app.persistence.campaigns), the respect rules (app.domain.campaigns and
app.domain.respect) leave out who must not get the mailing and say why, and each included
customer becomes one letter (one label, one postcard) about their most pressing subject.
Letters, labels and postcards of one mailing come out in the same order (by postal code,
then name), so the owner can match them when filling envelopes; a limit keeps the most
pressing ones first.

Without a kind: a check-in letter to every customer who accepts mail (and, for labels, a
label for each of them).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.domain import clock
from app.domain.campaigns import (
    AudienceCriteria,
    Excluded,
    Recipient,
    count_reasons,
    equipment_words,
    exclusion_reason,
    letter_fields,
)
from app.domain.errors import UserError
from app.domain.i18n import t
from app.domain.kinds import OpportunityKind
from app.domain.opportunities import KIND_LABELS, RENEWAL_GRACE_DAYS
from app.domain.partner_ledger import IntroductionLetter
from app.domain.respect import is_marketing, marketing_blocked_since
from app.domain.said import Said
from app.domain.settings import BusinessSettings
from app.domain.templates import LetterTemplate
from app.domain.values import format_phone
from app.persistence import campaigns as repository
from app.services.cancel import Cancelled
from app.services.documents.common import BatchIssue, BatchResult, Cancel, Progress
from app.services.documents.labels import AddressLabel, label_offset, render_labels
from app.services.documents.letter_templates import (
    TEMPLATE_FOR_KIND,
    equipment_wording,
    set_aside_note,
    template_for,
)
from app.services.documents.letters import LetterData, render_letters
from app.services.documents.postcards import render_postcards
from app.services.partners import introduction_letter
from app.services.settings import load_settings

DEFAULT_TEMPLATE = "check_in"  # a mailing to every customer, without a kind


@dataclass
class MailingResult(BatchResult):
    """The printed batch, plus the customers the respect rules left out (never printed), with why."""

    excluded: list[Excluded] = field(default_factory=list)

    @property
    def excluded_by_reason(self) -> dict[str, int]:
        return count_reasons((item.reason, 1) for item in self.excluded)


@dataclass(frozen=True)
class MailingBatch:
    kind: str | None
    template: LetterTemplate
    letters: list[LetterData]  # in printing order
    excluded: list[Excluded]
    recipients: list[Recipient]  # the same order as the letters


@dataclass(frozen=True)
class Audience:
    included: list[Recipient]  # in printing order
    excluded: list[Excluded]


# ---------------------------------------------------------------- choosing who gets it


def select_audience(
    criteria: AudienceCriteria,
    *,
    today: datetime.date,
    settings: BusinessSettings | None = None,
    limit: int | None = None,
    customer_ids: Sequence[int] | None = None,
    campaign_id: int | None = None,
    marketing: bool | None = None,
    check: bool = True,
) -> Audience:
    """Who gets the mailing and who is left out (and why): one per customer, most pressing subject.

    A customer is included on their first subject the rules allow (a renewal dismissed for one
    plan does not hide another plan's); when none is allowed, the first subject's reason is given.
    marketing: whether the marketing gap applies (default: as the criteria's kind says);
    check=False applies no rule at all (recording what was already sent).
    """
    criteria = criteria.validated()
    if limit is not None and limit < 0:
        raise UserError("The limit cannot be negative.")
    settings = settings or load_settings()
    gap = settings.marketing_gap_days
    rows = repository.audience(
        criteria,
        today=today,
        marketing_from=marketing_blocked_since(today, gap),
        renewal_window=renewal_window(settings, today),
        customer_ids=customer_ids,
        campaign_id=campaign_id,
    )
    selling = criteria.is_marketing if marketing is None else marketing
    chosen: dict[int, tuple[Recipient, str]] = {}
    for row in rows:
        best = chosen.get(row.customer_id)
        if best is not None and not best[1]:
            continue  # already included on a more pressing subject
        why = ""
        if check:
            why = exclusion_reason(
                row, channel=criteria.channel, today=today, gap_days=gap, marketing=selling
            )
        if best is None or not why:
            chosen[row.customer_id] = (row, why)
    included = [row for row, why in chosen.values() if not why]
    excluded = [Excluded(row.customer_id, row.name, why) for row, why in chosen.values() if why]
    if limit is not None:
        included = included[:limit]
    included.sort(key=_printing_order)
    return Audience(included, excluded)


def renewal_window(settings: BusinessSettings, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The plans a renewal mailing reaches by default: the ones the engine raises renewals for."""
    return (
        today - datetime.timedelta(days=RENEWAL_GRACE_DAYS),
        today + datetime.timedelta(days=settings.renewal_notice_days),
    )


def _printing_order(recipient: Recipient) -> tuple:
    address = recipient.address
    postal = (address.country.upper(), address.postal_code.upper()) if address else ("", "")
    return (*postal, recipient.name.casefold(), recipient.customer_id)


def template_name(kind: str | None) -> str:
    return TEMPLATE_FOR_KIND.get(kind, DEFAULT_TEMPLATE) if kind else DEFAULT_TEMPLATE


def letter_data(
    recipient: Recipient, today: datetime.date, *, offer: str = "", offer_ends: datetime.date | None = None
) -> LetterData:
    """One recipient's letter: the fields the customer may read, with the wording for their unit's
    kind. The opportunity's reason and the segment's pitch are the owner's and stay out."""
    fields = letter_fields(recipient, today, offer, offer_ends)
    fields.update(equipment_wording(recipient.equipment_kind))
    if recipient.product_kind:  # an upgrade tells what the new one (a tankless heater, say) does better
        fields["upgrade_benefit"] = equipment_wording(recipient.product_kind).get("upgrade_benefit", "")
    return LetterData(recipient.key, recipient.mailing_address(), fields)


def address_label(recipient: Recipient) -> AddressLabel:
    return AddressLabel(recipient.key, recipient.mailing_address())


def letters_for(
    kind: str | None = None, *, limit: int | None = None, today: datetime.date | None = None
) -> MailingBatch:
    """The letters for the open opportunities of a kind (a renewal: every plan ending within the
    renewal notice), or a check-in letter to every customer who accepts mail."""
    today = today or clock.today()
    audience = select_audience(
        AudienceCriteria(kind=kind), today=today, limit=limit, marketing=_selling(kind)
    )
    template = template_for(template_name(kind))
    letters = [letter_data(recipient, today) for recipient in audience.included]
    return MailingBatch(kind, template, letters, audience.excluded, audience.included)


def _selling(kind: str | None) -> bool:
    """Whether the marketing gap applies: for a kind that sells something new (app.domain.respect).
    Without a kind the command line prints a check-in letter, or labels, for every customer who
    accepts mail (../shared/CLI.md): looking after them, not selling. A campaign to everyone is
    marketing (AudienceCriteria.is_marketing)."""
    return kind is not None and is_marketing(kind)


def nothing_to_print(kind: str | None, excluded: list[Excluded]) -> UserError:
    """Why there is nothing to print, with how many were left out for each reason. A `Said`, so the
    screen writes it in the owner's language, reasons included (the command line's JSON keeps English)."""
    reasons = tuple(
        Said("{reason} ({count})", reason=Said(reason), count=f"{count:,}")
        for reason, count in count_reasons((item.reason, 1) for item in excluded).items()
    )
    if kind is None:
        start, fields = "Nothing to print: no customer on file may be mailed", {}
    else:
        start = "Nothing to print: no customer due for {kind} may be mailed"
        fields = {"kind": Said(_due_for(kind))}
    if reasons:
        return UserError(Said(start + "; left out: {reasons}.", reasons=reasons, **fields))
    return UserError(Said(start + ".", **fields))


def _due_for(kind: str) -> str:
    """ "due for a check-in" reads "check-in"; "maintenance due" is only "maintenance" after "due for"."""
    if kind == OpportunityKind.MAINTENANCE_DUE:
        return "maintenance"
    return KIND_LABELS.get(kind, kind).lower()


def _with_excluded(
    result: BatchResult, excluded: list[Excluded], template: LetterTemplate | None = None
) -> MailingResult:
    """The batch as a mailing's result; when the owner's edited template was set aside, say so first."""
    warnings = list(result.warnings)
    note = set_aside_note(template) if template is not None else ""
    if note:
        warnings.insert(0, BatchIssue(t("Letters page"), note))  # the note is written in the owner's words
    return MailingResult(result.path, result.pages, result.printed, result.exceptions, warnings, excluded)


def _check(cancel: Cancel) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


# ---------------------------------------------------------------- printing


def _printable(kind: str | None, limit: int | None, today: datetime.date, cancel: Cancel) -> MailingBatch:
    """The letters to print, or a UserError saying why there are none (and who was left out)."""
    batch = letters_for(kind, limit=limit, today=today)
    _check(cancel)
    if not batch.letters:
        raise nothing_to_print(kind, batch.excluded)
    return batch


def print_letters(
    out: Path,
    kind: str | None = None,
    limit: int | None = None,
    *,
    today: datetime.date | None = None,
    progress: Progress = None,
    cancel: Cancel = None,
) -> MailingResult:
    """`letters OUT.pdf [--kind K] [--limit N]`: one PDF of personalised letters."""
    today = today or clock.today()
    batch = _printable(kind, limit, today, cancel)
    result = render_letters(
        batch.letters, Path(out), load_settings(), batch.template, day=today, progress=progress, cancel=cancel
    )
    return _with_excluded(result, batch.excluded, batch.template)


def print_postcards(
    out: Path,
    kind: str | None = None,
    size: str = "4x6",
    *,
    limit: int | None = None,
    per_sheet: bool = True,
    today: datetime.date | None = None,
    progress: Progress = None,
    cancel: Cancel = None,
) -> MailingResult:
    """`postcards OUT.pdf [--kind K] [--size 4x6|6x9]`: message and address sides, several per sheet."""
    today = today or clock.today()
    batch = _printable(kind, limit, today, cancel)
    result = render_postcards(
        batch.letters,
        Path(out),
        load_settings(),
        batch.template,
        size=size,
        per_sheet=per_sheet,
        day=today,
        progress=progress,
        cancel=cancel,
    )
    return _with_excluded(result, batch.excluded, batch.template)


def print_labels(
    out: Path,
    kind: str | None = None,
    sheet: str = "avery5160",
    start_at: int = 1,
    *,
    limit: int | None = None,
    today: datetime.date | None = None,
    progress: Progress = None,
    cancel: Cancel = None,
) -> MailingResult:
    """`labels OUT.pdf [--kind K] [--sheet avery5160] [--start N]`: without a kind, every customer who
    accepts mail; with one, the same customers, in the same order, as the letters of that kind."""
    today = today or clock.today()
    settings = load_settings()
    audience = select_audience(
        AudienceCriteria(kind=kind), today=today, settings=settings, limit=limit, marketing=_selling(kind)
    )
    _check(cancel)
    if not audience.included:
        raise nothing_to_print(kind, audience.excluded)
    result = render_labels(
        [address_label(recipient) for recipient in audience.included],
        Path(out),
        sheet=sheet,
        start_at=start_at,
        offset_mm=label_offset(settings),
        sender_country=settings.country or "US",
        progress=progress,
        cancel=cancel,
    )
    return _with_excluded(result, audience.excluded)


# ---------------------------------------------------------------- partner introductions


def introduction_letter_data(letter: IntroductionLetter, *, today: datetime.date | None = None) -> LetterData:
    """The letter introducing a partner to a customer, addressed like every other letter.

    It is not marketing (the customer asked for the trade), but a refusal of mail and
    "do not service" still hold: then a UserError says so.
    """
    today = today or clock.today()
    settings = load_settings()
    rows = repository.audience(
        AudienceCriteria(),
        today=today,
        marketing_from=today,
        renewal_window=(today, today),
        customer_ids=[letter.customer_id],
    )
    if not rows:
        raise UserError(f"{letter.customer_name} is no longer in the database.")
    recipient = rows[0]
    why = exclusion_reason(recipient, channel="mail", today=today, gap_days=0, marketing=False)
    if why:
        raise UserError(f"No letter for {recipient.name or letter.customer_name}: {why}.")
    partner = letter.partner
    fields = {
        **letter_fields(recipient, today),
        "partner_name": partner.business,
        "partner_trade": equipment_words(partner.trade),  # "Real estate agent" → "real estate agent"
        "partner_contact": partner.contact_name,
        "partner_phone": format_phone(partner.phone, settings.country or "US"),
    }
    return LetterData(recipient.key, recipient.mailing_address(), fields)


def print_introduction(referral_id: int, out: Path, *, today: datetime.date | None = None) -> BatchResult:
    """The partner introduction letter of one referral, as a one-letter PDF."""
    today = today or clock.today()
    data = introduction_letter_data(introduction_letter(referral_id), today=today)
    return render_letters([data], Path(out), load_settings(), template_for("partner_intro"), day=today)
