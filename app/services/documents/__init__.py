"""Every printed document of the app: plain data in, a PDF (reportlab) out.

Each renderer takes the plain dataclasses defined beside it, writes the PDF
under a temporary name and renames it at the end, and returns a BatchResult:
the pages written, how many records printed, and the records left out with the
reason (one bad record never stops a batch).
"""

from app.domain.partner_ledger import (
    PartnerDetails,
    PartnerStatement,
    ReferralSlip,
    StatementLine,
    StatementSection,
)
from app.domain.postal import MailingAddress
from app.services.documents.callsheet import (
    CallReason,
    CallSheetEntry,
    LastContact,
    OwnedItem,
    Phone,
    render_callsheet,
)
from app.services.documents.common import BatchIssue, BatchResult
from app.services.documents.labels import SHEETS, AddressLabel, label_offset, render_labels
from app.services.documents.letter_templates import (
    TEMPLATE_FOR_KIND,
    load_templates,
    reset_template,
    save_template,
    shipped_templates,
    template_for,
)
from app.services.documents.letters import (
    DEFAULT_WINDOWS,
    EnvelopeWindow,
    LetterData,
    render_letters,
    window_for,
)
from app.services.documents.postcards import CARD_SIZES, render_postcards
from app.services.documents.statements import render_referral_slip, render_statement

__all__ = [
    "CARD_SIZES",
    "DEFAULT_WINDOWS",
    "SHEETS",
    "TEMPLATE_FOR_KIND",
    "AddressLabel",
    "BatchIssue",
    "BatchResult",
    "CallReason",
    "CallSheetEntry",
    "EnvelopeWindow",
    "LastContact",
    "LetterData",
    "MailingAddress",
    "OwnedItem",
    "PartnerDetails",
    "PartnerStatement",
    "Phone",
    "ReferralSlip",
    "StatementLine",
    "StatementSection",
    "label_offset",
    "load_templates",
    "render_callsheet",
    "render_labels",
    "render_letters",
    "render_postcards",
    "render_referral_slip",
    "render_statement",
    "reset_template",
    "save_template",
    "shipped_templates",
    "template_for",
    "window_for",
]
