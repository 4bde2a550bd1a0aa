"""The business's letterhead: logo, name and contact lines, drawn once per PDF and reused on every page.

The logo is decoded once per batch and the whole letterhead becomes one PDF
form XObject: a thousand letters carry one copy of it, and drawing it on a page
is a single operator. (Decoding the logo per letter was measured as the
biggest cost of a letter run.)
"""

from __future__ import annotations

import io
import logging

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.domain.i18n import and_list, t
from app.domain.settings import BusinessSettings
from app.domain.values import clean_text, format_phone
from app.services.documents import fonts, text
from app.services.documents.common import INCH, Batch

log = logging.getLogger(__name__)

FORM_NAME = "letterhead"
LOGO_MAX = (2.2 * INCH, 0.9 * INCH)
NAME_SIZE = 14.0
DETAIL_SIZE = 8.5
DETAIL_LEADING = 11.0
GRAY = (0.35, 0.35, 0.35)


def business_lines(settings: BusinessSettings) -> list[str]:
    """Address, phone and e-mail, license: the lines under the business name."""
    lines = [clean_text(line) for line in settings.address.splitlines() if clean_text(line)]
    contact = " · ".join(
        part for part in (format_phone(settings.phone, settings.country or "US"), settings.email) if part
    )
    if contact:
        lines.append(contact)
    if settings.licence_number:
        lines.append(t("License {number}", number=settings.licence_number))
    return lines


def check_business(settings: BusinessSettings, batch: Batch) -> None:
    """Warn once per batch when the settings leave the sender blank (mail from nobody looks like junk)."""
    given = {"name": settings.company_name, "address": settings.address, "phone": settings.phone}
    missing = [t(label) for label, value in given.items() if not clean_text(value)]
    if missing:
        batch.warn(
            t("Settings"),
            t(
                "the business {empty}: empty in the settings, so not printed; fill in the settings",
                empty=and_list(missing),
            ),
        )


def load_logo(settings: BusinessSettings, batch: Batch) -> ImageReader | None:
    """The logo decoded once for the whole batch; a picture that cannot be read is a warning, not a stop."""
    if not settings.logo_png:
        return None
    try:
        logo = ImageReader(io.BytesIO(settings.logo_png))
        logo.getSize()
        return logo
    except Exception:
        log.warning("the logo could not be read", exc_info=True)
        batch.warn(t("Letterhead"), t("the logo in the settings could not be read, so it was left out"))
        return None


def logo_size(logo: ImageReader, box: tuple[float, float] = LOGO_MAX) -> tuple[float, float]:
    width, height = logo.getSize()
    scale = min(box[0] / width, box[1] / height)
    return width * scale, height * scale


def define_letterhead(
    canvas: Canvas,
    settings: BusinessSettings,
    logo: ImageReader | None,
    *,
    page: tuple[float, float],
    left: float,
    right: float,
    top: float,
    rule_at: float | None = None,
    name: str = FORM_NAME,
) -> None:
    """Draw the letterhead into a form named `name`; `doForm(name)` then puts it on a page."""
    canvas.beginForm(name)
    if logo is not None:
        logo_w, logo_h = logo_size(logo)
        canvas.drawImage(logo, left, top - logo_h, logo_w, logo_h, mask="auto")
    right_x = page[0] - right
    details = []
    company = clean_text(settings.company_name)
    y = top - fonts.ASCENT * NAME_SIZE
    if company:
        text.draw(canvas, [text.line_at(right_x, y, company, fonts.BOLD, NAME_SIZE, align="right")])
        y -= NAME_SIZE * 0.6 + DETAIL_LEADING
    for detail in business_lines(settings):
        details.append(text.line_at(right_x, y, detail, fonts.REGULAR, DETAIL_SIZE, align="right"))
        y -= DETAIL_LEADING
    text.draw(canvas, details, color=GRAY)
    if rule_at is not None:
        canvas.setStrokeColorRGB(*GRAY)
        canvas.setLineWidth(0.5)
        canvas.line(left, rule_at, page[0] - right, rule_at)
    canvas.endForm()
