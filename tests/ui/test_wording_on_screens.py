"""Counts and articles on screen read as English: "1 page", "1 month", "1 customer", and a campaign
not sent yet says who will get it rather than "No recipients." beside its count."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from reportlab.pdfgen import canvas

from app.domain import wording
from app.domain.campaigns import AudienceCriteria
from app.domain.catalog import CatalogItemDraft
from app.domain.customers import CustomerDraft
from app.services import campaigns as campaign_service
from app.services import catalog as catalog_service
from app.services import customers as customer_service
from app.services.opportunities import recompute_opportunities
from tests.ui.test_campaigns_page import _plan_ending
from ui import text


def test_the_screens_use_the_one_helper() -> None:
    assert (text.with_article, text.plural_word) == (wording.with_article, wording.plural_word)
    # Counts go through app.domain.i18n.count_words, which is wording's in English (Spanish makes its
    # own plurals of a translated noun).
    for count, noun, plural in ((1, "page", None), (2, "page", None), (3, "more waits", "more wait")):
        assert text.count_text(count, noun, plural) == wording.count_text(count, noun, plural)


def test_a_one_page_pdf_says_1_page(qtbot, window, tmp_path: Path) -> None:
    from ui.dialogs.pdf_preview import PdfPreviewDialog

    path = tmp_path / "one.pdf"
    drawing = canvas.Canvas(str(path))
    drawing.drawString(72, 720, "One page")
    drawing.showPage()
    drawing.save()
    dialog = PdfPreviewDialog(path, "Preview", window.runner, window)
    qtbot.addWidget(dialog)
    assert dialog.page_label.text() == "1 page"


def test_a_plan_renewing_every_month_says_1_month(qtbot, window) -> None:
    catalog_service.save_catalog_item(
        CatalogItemDraft(kind="plan", name="Monthly check", renewal_months=1, visits_per_year=12, price="20")
    )
    window.show_page("catalog")
    page = window.catalog_page
    qtbot.waitUntil(lambda: page.lists["plan"].model.rowCount() == 1, timeout=10_000)
    model = page.lists["plan"].model
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headings.index("Renews every")
    assert model.index(0, column).data() == "1 month"


def test_a_campaign_not_sent_yet_says_who_will_get_it(qtbot, window) -> None:
    for number, name in enumerate(("Ann", "Bob")):
        _plan_ending(name, 10 + number)
    recompute_opportunities()
    criteria = AudienceCriteria(kind="renewal", channel="mail")
    campaign_service.create_campaign("Renewals", criteria, criteria.channel)
    window.show_page("campaigns")
    page = window.campaigns_page
    qtbot.waitUntil(lambda: page.campaigns.rowCount() == 1, timeout=10_000)
    assert page.campaigns.row_object(0).recipients == 2
    assert "No recipients" not in page.results.text()
    assert "Not sent yet: 2 customers will get it." in page.results.text()


def test_the_last_backup_of_one_customer_says_1_customer(qtbot, window) -> None:
    customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    window.show_page("data")
    page = window.data_page
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    page.backup_button.click()
    qtbot.waitUntil(lambda: "Last backup" in page.last_backup.text(), timeout=30_000)
    assert "1 customer)" in page.last_backup.text() and "1 customers" not in page.last_backup.text()


def test_one_call_waiting_for_the_next_days_reads_in_the_singular(qtbot, window) -> None:
    page = window.queue_page
    page.waiting = 1
    page.show_entries([])
    assert page.heading.text().endswith("(1 more waits for the next days)")
    page.waiting = 2
    page.show_entries([])
    assert page.heading.text().endswith("(2 more wait for the next days)")
