"""A partner's commission statement for a period, and the referral slip handed over with a customer.

The statement is meant to be checked by the partner line by line: each line
shows the job, how its commission was worked out, what was paid and the
running balance, and each direction ends with its totals. Before anything is
drawn the figures are added up again: a statement that does not add up is
refused rather than sent. The shapes are those of app.domain.partners
(PartnerStatement, ReferralSlip), which can be passed as they are.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from app.domain import formatting
from app.domain.errors import UserError
from app.domain.i18n import t, translated
from app.domain.partner_ledger import PartnerStatement, ReferralSlip, StatementSection
from app.domain.settings import BusinessSettings
from app.services.documents import fonts, letterhead, text
from app.services.documents.common import INCH, Batch, BatchResult, page_size, pdf_canvas
from app.services.documents.statement_table import Column, Table
from app.services.documents.text import Line

log = logging.getLogger(__name__)

MARGIN = 0.5 * INCH
SIZE = 7.5
ROUNDING_NOTE = (
    "Amounts in dollars. Each commission is worked out exactly and rounded once, to the nearest cent "
    "(half a cent rounds up); a cap applies after rounding."
)


def check_totals(statement: PartnerStatement) -> None:
    """Add every section up again; a UserError if anything disagrees (such a statement is not sent)."""
    for section in (statement.owed_to_us, statement.we_owe):
        balance = section.opening_balance
        for line in section.lines:
            balance += line.commission - line.payment
            if balance != line.balance:
                raise _does_not_add_up(section, f"the balance after referral {line.referral_id}")
        commission = sum((line.commission for line in section.lines), Decimal("0"))
        payments = sum((line.payment for line in section.lines), Decimal("0"))
        if commission != section.total_commission:
            raise _does_not_add_up(section, "the total commission")
        if payments != section.total_payments:
            raise _does_not_add_up(section, "the total paid")
        if section.opening_balance + commission - payments != section.closing_balance:
            raise _does_not_add_up(section, "the closing balance")


def _does_not_add_up(section: StatementSection, what: str) -> UserError:
    log.error("statement section %r does not add up: %s", section.title, what)
    return UserError(
        # The section as the statement names it, in the owner's language (the sentence is read back).
        f"The statement was not printed: in “{t(section.title)}”, {what} does not add up. "
        "Please report this; the ledger needs checking."
    )


def render_statement(statement: PartnerStatement, out: Path, settings: BusinessSettings) -> BatchResult:
    """The partner's statement: letterhead, the partner, then each direction line by line with totals."""
    check_totals(statement)
    page = page_size(settings)
    result = BatchResult(Path(out))
    batch = Batch(result)
    partner = statement.partner
    period = _period(statement.start, statement.end)
    with pdf_canvas(
        out,
        page,
        title=t("Commission statement, {partner}, {period}", partner=partner.business, period=period),
        author=settings.company_name,
    ) as canvas:
        logo = letterhead.load_logo(settings, batch)
        letterhead.define_letterhead(
            canvas,
            settings,
            logo,
            page=page,
            left=MARGIN,
            right=MARGIN,
            top=page[1] - MARGIN,
            rule_at=page[1] - 1.55 * INCH,
        )
        table = Table(page, MARGIN, _columns(page[0] - 2 * MARGIN), SIZE)
        first = _heading_lines(statement, page, settings)
        table.start(top=min(line.y for line in first) - 22, first_page=first)
        for section in (statement.owed_to_us, statement.we_owe):
            _section(table, section)
        summary = _summary(statement)
        table.paragraph(summary, fonts.BOLD, 10)
        table.paragraph(t(ROUNDING_NOTE), fonts.REGULAR, 7)
        pages = table.finish()
        for number, page_content in enumerate(pages, start=1):
            if number == 1:
                canvas.doForm(letterhead.FORM_NAME)
            page_content.draw(canvas)
            footer = t(
                "{partner} · {period} · page {number} of {count}",
                partner=partner.business, period=period, number=number, count=len(pages),
            )  # fmt: skip
            text.draw(
                canvas, [text.line_at(page[0] - MARGIN, MARGIN - 10, footer, fonts.REGULAR, 7, "right")]
            )
            canvas.showPage()
        result.pages = len(pages)
        result.printed = 1
    return result


def _columns(width: float) -> list[Column]:
    """Date, reference, customer, job, then the figures; how a commission was worked out goes below."""
    figures = [
        Column(t("Job value"), 0.85 * INCH, align="right"),
        Column(t("Commission"), 0.85 * INCH, align="right"),
        Column(t("Paid"), 0.8 * INCH, align="right"),
        Column(t("Balance"), 0.85 * INCH, align="right"),
    ]
    first = [Column(t("Date"), 0.75 * INCH), Column(t("Ref."), 0.45 * INCH, align="right")]
    rest = width - sum(c.width for c in first + figures)
    return [*first, Column(t("Customer"), rest * 0.5), Column(t("Job"), rest * 0.5), *figures]


def _section(table: Table, section: StatementSection) -> None:
    table.paragraph(t(section.title), fonts.BOLD, 10.5, space_before=12)
    table.header()
    blank = ["", "", "", ""]
    table.row(["", "", t("Opening balance"), *blank, _money(section.opening_balance)], fonts.BOLD)
    if not section.lines:
        table.row(["", "", t("Nothing in this period"), "", *blank])
    paid_words = t("Payment received") if section.direction == "to_partner" else t("Payment made")
    for line in section.lines:
        is_payment = line.payment and not line.commission
        table.row(
            [
                _date(line.on),
                str(line.referral_id),
                line.customer,
                line.job or (paid_words if is_payment else ""),
                _money(line.job_value) if line.job_value is not None else "",
                _money(line.commission) if line.commission else "",
                _money(line.payment) if line.payment else "",
                _money(line.balance),
            ],
            note=translated(line.basis),  # stored in English (app.domain.partners.commission_for)
        )
    table.rule()
    totals = [_money(section.total_commission), _money(section.total_payments), ""]
    table.row(["", "", t("Totals for the period"), "", "", *totals], fonts.BOLD)
    table.row(["", "", t("Closing balance"), *blank, _money(section.closing_balance)], fonts.BOLD)


def _heading_lines(
    statement: PartnerStatement, page: tuple[float, float], settings: BusinessSettings
) -> list[Line]:
    partner = statement.partner
    y = page[1] - 1.55 * INCH - 24
    lines = [Line(MARGIN, y, t("Commission statement"), fonts.BOLD, 16)]
    y -= 18
    period = _period(statement.start, statement.end)
    lines.append(Line(MARGIN, y, t("Period: {period}", period=period), fonts.REGULAR, 10))
    lines.append(
        text.line_at(
            page[0] - MARGIN,
            y,
            t("Prepared on {day}", day=_date_long(statement.generated_on)),
            fonts.REGULAR,
            9,
            align="right",
        )
    )
    y -= 20
    details = [
        partner.business,
        partner.contact_name,
        *partner.address.splitlines(),
        formatting.phone(partner.phone, settings.country or "US"),
        partner.email,
    ]
    for index, detail in enumerate(d for d in (text.plain(x) for x in details) if d):
        lines.append(
            Line(MARGIN, y, detail, fonts.BOLD if index == 0 else fonts.REGULAR, 10 if index == 0 else 9)
        )
        y -= 12
    facts = [
        t("Trade: {trade}", trade=partner.trade) if partner.trade else "",
        t("Terms: {terms}", terms=partner.terms) if partner.terms else "",
    ]
    right = page[0] / 2 + 0.5 * INCH
    fact_y = lines[3].y if len(lines) > 3 else y
    for fact in (text.plain(f) for f in facts if f):
        for part in text.wrap(fact, fonts.REGULAR, 9, page[0] - MARGIN - right):
            lines.append(Line(right, fact_y, part, fonts.REGULAR, 9))
            fact_y -= 12
    return lines


def _summary(statement: PartnerStatement) -> str:
    """What is owed each way at the end of the period. The two are never set against each other:
    each direction is paid (and its payments recorded) on its own."""
    owed_to_us, we_owe = statement.owed_to_us.closing_balance, statement.we_owe.closing_balance
    name = text.plain(statement.partner.business)
    day = _date_long(statement.end)
    if not owed_to_us and not we_owe:
        return t("All settled: nothing is owed either way as of {day}.", day=day)
    theirs = (
        t("{partner} owes us {amount}", partner=name, amount=_money(owed_to_us))
        if owed_to_us
        else t("{partner} owes us nothing", partner=name)
    )
    ours = (
        t("we owe {partner} {amount}", partner=name, amount=_money(we_owe))
        if we_owe
        else t("we owe them nothing")
    )
    return t("As of {day}, {theirs}, and {ours}; each is paid on its own.", day=day, theirs=theirs, ours=ours)


def _money(amount: Decimal | None) -> str:
    return formatting.money(amount) if amount is not None else ""


def _date(day: datetime.date) -> str:
    """ "12/02/2026": the table's date column."""
    return formatting.numeric_date(day)


def _date_long(day: datetime.date) -> str:
    """ "December 2, 2026"."""
    return formatting.long_date(day)


def _period(start: datetime.date | None, end: datetime.date) -> str:
    if start is None:
        return t("up to {end}", end=_date_long(end))
    return t("{start} to {end}", start=_date_long(start), end=_date_long(end))


def render_referral_slip(slip: ReferralSlip, out: Path, settings: BusinessSettings) -> BatchResult:
    """The slip on the top half of a page, with a line to cut along."""
    page = page_size(settings)
    result = BatchResult(Path(out), pages=1, printed=1)
    region = settings.country or "US"
    with pdf_canvas(
        out, page, title=t("Referral slip {number}", number=slip.referral_id), author=settings.company_name
    ) as canvas:
        left, right, top = MARGIN + 0.2 * INCH, page[0] - MARGIN - 0.2 * INCH, page[1] - MARGIN
        y = top - fonts.ASCENT * 16
        company = text.plain(settings.company_name)
        number = t("No. {number} · {day}", number=slip.referral_id, day=_date_long(slip.referred_on))
        lines = [
            Line(left, y, company or t("Referral"), fonts.BOLD, 13),
            text.line_at(right, y, t("REFERRAL SLIP"), fonts.BOLD, 16, "right"),
            Line(left, y - 14, formatting.phone(settings.phone, region), fonts.REGULAR, 9),
            text.line_at(right, y - 14, number, fonts.REGULAR, 9, "right"),
        ]
        middle = (left + right) / 2
        partner = slip.partner
        partner_phone = formatting.phone(partner.phone, region)
        partner_lines = [partner.business, partner.trade, partner.contact_name, partner_phone, partner.email]
        partner_lines += partner.address.splitlines()
        if slip.details_shared:
            customer_lines = [slip.customer_name, formatting.phone(slip.customer_phone, region)]
            customer_lines += [*slip.customer_address, t("Details shared with the customer's consent.")]
        else:
            customer_lines = [
                slip.customer_name,
                t("The customer will call you:"),
                t("their details were not shared."),
            ]
        box_top = y - 34
        height = max(_box_height(partner_lines), _box_height(customer_lines))
        lines += _boxed(canvas, left, middle - 8, box_top, height, t("Referred to"), partner_lines)
        lines += _boxed(canvas, middle + 8, right, box_top, height, t("Customer"), customer_lines)
        y = box_top - height - 18
        about = [
            t("Job: {job}", job=slip.job_type) if slip.job_type else "",
            t("Notes: {notes}", notes=slip.notes) if slip.notes else "",
        ]
        if slip.details_shared and slip.terms:
            about.append(t("Terms: {terms}", terms=slip.terms))
        for item in (text.plain(a) for a in about if a):
            for part in text.wrap(item, fonts.REGULAR, 10, right - left):
                lines.append(Line(left, y, part, fonts.REGULAR, 10))
                y -= 13
        thanks = (
            t(
                "Please quote referral No. {number} to {company}. Thank you!",
                number=slip.referral_id,
                company=company,
            )
            if company
            else t("Please quote referral No. {number} to us. Thank you!", number=slip.referral_id)
        )
        lines.append(Line(left, min(y - 6, page[1] / 2 + 0.45 * INCH), thanks, fonts.REGULAR, 9))
        text.draw(canvas, lines)
        canvas.setDash(3, 3)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, page[1] / 2, page[0] - MARGIN, page[1] / 2)
        text.draw(
            canvas, [Line(MARGIN, page[1] / 2 + 3, t("cut here"), fonts.REGULAR, 6)], color=(0.5, 0.5, 0.5)
        )
        canvas.showPage()
    return result


BOX_LINES = 8  # lines in a slip's box; the slip has room for no more


def _box_height(items: list[str]) -> float:
    count = min(BOX_LINES, len([i for i in items if text.plain(i)]))
    return 28 + max(count - 1, 0) * 13 + 10


def _boxed(
    canvas: Canvas, left: float, right: float, top: float, height: float, title: str, items: list[str]
) -> list[Line]:
    """A titled box of short lines (each cut to the box's width, which the slip never needs to wrap)."""
    canvas.setLineWidth(0.6)
    canvas.roundRect(left, top - height, right - left, height, 4)
    lines = [Line(left + 8, top - 13, title.upper(), fonts.BOLD, 7.5)]
    y = top - 28
    for index, item in enumerate(list(i for i in (text.plain(x) for x in items) if i)[:BOX_LINES]):
        font, size = (fonts.BOLD, 12.0) if index == 0 else (fonts.REGULAR, 9.5)
        lines.append(Line(left + 8, y, text.ellipsize(item, font, size, right - left - 16), font, size))
        y -= 13
    return lines
