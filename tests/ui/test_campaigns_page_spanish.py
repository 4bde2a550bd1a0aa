"""The Campaigns page in Spanish: the new-campaign dialog's audience choices, the preview with who is
left out and why, the list's "Para" and "Estado", the results, marking it sent and the print dialog;
in English the same campaign reads as it always has."""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.domain import clock
from app.domain.campaigns import AudienceCriteria
from app.services import campaigns as campaign_service
from app.services.opportunities import recompute_opportunities
from tests.ui.helpers import click_button, click_save, open_window, when_dialog_opens
from tests.ui.test_campaigns_page import _plan_ending

DAY = datetime.timedelta(days=1)


def _renewals_due() -> None:
    """Three renewals that may be mailed, one who asked for no mail and one not to be serviced."""
    for number, name in enumerate(("Ann", "Bob", "Carol")):
        _plan_ending(name, 10 + number)
    _plan_ending("Dan", 20, do_not_mail=True)
    _plan_ending("Eve", 25, do_not_service=True)
    recompute_opportunities()
    premise = campaign_service.preview_audience(AudienceCriteria(kind="renewal", channel="mail"))
    assert (premise.included, premise.excluded) == (3, 2), "the renewals this test is about are not due"


def _create_renewal_campaign(qtbot, window, page, create: str) -> dict[str, object]:
    """Choose renewals (any due date) in the dialog, read it and the preview, and create it."""
    seen: dict[str, object] = {}

    def confirm_create(box: QMessageBox) -> None:
        seen["preview"] = box.text()
        click_button(box, create)

    def fill(dialog: QWidget) -> None:
        form = dialog.form
        kinds = form.editors["kind"]
        seen["kinds"] = [kinds.itemText(i) for i in range(kinds.count())]
        channels = form.editors["channel"]
        seen["channels"] = [channels.itemText(i) for i in range(channels.count())]
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel)]
        seen["name"] = form.editors["name"].text()
        kinds.setCurrentIndex(kinds.findData("renewal"))
        form.editors["due_from"].setText("")
        form.editors["due_to"].setText("")
        form.editors["city"].setText("Towson")
        when_dialog_opens(confirm_create, QMessageBox)
        click_save(dialog)

    when_dialog_opens(fill)
    page.new_campaign()
    qtbot.waitUntil(lambda: "preview" in seen and not window.runner.busy, timeout=20_000)
    qtbot.waitUntil(lambda: page.campaigns.rowCount() == 1, timeout=10_000)
    page.view.selectRow(0)
    return seen


def _row(page) -> list[str]:
    model = page.campaigns
    return [model.index(0, column).data() for column in range(model.columnCount())]


def _headings(page) -> list[str]:
    model = page.campaigns
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_a_renewal_campaign_reads_in_spanish_from_the_dialog_to_the_results(
    qtbot, database: Path, message_boxes
) -> None:
    _renewals_due()
    window = open_window(qtbot, database, "es", "campaigns")
    page = window.campaigns_page
    seen = _create_renewal_campaign(qtbot, window, page, "Crear")

    assert "Una carta de seguimiento a todos los que aceptan correo postal" in seen["kinds"]
    assert {"Renovación", "Reemplazo", "Mejora"} <= set(seen["kinds"])
    assert seen["channels"] == ["Correo postal", "Teléfono"]
    assert {"Nombre de la campaña", "Para", "Por", "Ciudad (opcional)"} <= set(seen["labels"])
    assert seen["name"] == "Renovaciones de enero de 2027"  # next month, in Spanish
    preview = str(seen["preview"])
    assert preview.startswith("Renovación, en Towson, que aceptan correo postal.")
    assert "La recibirán 3 clientes; 2 quedan fuera:" in preview
    assert "• pidió no recibir correo postal: 1" in preview
    assert "• no dar servicio: 1" in preview

    assert _headings(page)[:3] == ["Campaña", "Para", "Estado"]
    row = _row(page)
    assert row[1:3] == ["Renovación", "borrador"]
    assert row[5:] == ["3", "2"]
    results = page.results.text()
    assert "Renovación, en Towson, que aceptan correo postal" in results
    assert "Aún no se ha enviado: la recibirán 3 clientes." in results
    assert "Generó" not in results  # nothing to bring in before it goes out
    assert "Excluidos:\n  • pidió no recibir correo postal: 1\n  • no dar servicio: 1" in results

    when_dialog_opens(lambda box: click_button(box, "Marcar como enviada"), QMessageBox)
    page.mark_sent()
    assert message_boxes[-1][1:] == ("Enviada", "3 contactos registrados.")
    assert _row(page)[2] == "enviada"
    assert "3 destinatarios; 0 con respuesta (0%)" in page.results.text()
    assert "Generó $0.00: 0 ventas ($0.00) y 0 oportunidades ganadas." in page.results.text()
    for english in ("Renewal", "who accept", "Left out", "Brought in", "asked not", "responded"):
        assert english not in page.results.text() + preview

    labels: list[str] = []

    def read_print_dialog(dialog: QWidget) -> None:
        labels.extend(label.text() for label in dialog.findChildren(QLabel))
        sheets = dialog.form.editors["sheet"]
        labels.extend(sheets.itemText(i) for i in range(sheets.count()))
        dialog.reject()

    when_dialog_opens(read_print_dialog)
    page.print_selected()
    assert {"Cartas", "Etiquetas de dirección", "Hoja de etiquetas", "Avery 5160 (30 por hoja)"} <= set(
        labels
    )


def test_in_english_the_same_campaign_reads_as_before(qtbot, database: Path, message_boxes) -> None:
    _renewals_due()
    window = open_window(qtbot, database, "en", "campaigns")
    page = window.campaigns_page
    seen = _create_renewal_campaign(qtbot, window, page, "Create")
    assert seen["name"] == "Renewals due January 2027"
    preview = str(seen["preview"])
    assert preview.startswith("Renewal, in Towson, who accept mail.")
    assert "3 customers will get it; 2 are left out:" in preview
    assert "• asked not to be mailed: 1" in preview
    assert _row(page)[1:3] == ["Renewal", "draft"]
    results = page.results.text()
    assert "Not sent yet: 3 customers will get it." in results
    assert "Brought in" not in results
    assert "Left out:\n  • asked not to be mailed: 1\n  • do not service: 1" in results


def test_the_reasons_for_leaving_out_read_in_spanish_as_stored_in_english() -> None:
    from app.domain.campaigns import count_reasons, gap_text
    from app.domain.i18n import translated, use
    from app.services.language import catalog

    today = clock.today()
    use(catalog("es"))
    assert (
        translated(gap_text(today - 12 * DAY, today, 30))
        == "recibió publicidad hace 12 días (límite: una cada 30 días)"
    )
    assert translated(gap_text(today, today, 1)) == "recibió publicidad hoy (límite: una cada 1 día)"
    counted = count_reasons(
        [(gap_text(today - 2 * DAY, today, 30), 2), ("could not be printed: no street", 1)]
    )
    assert [translated(reason) for reason in counted] == [
        "recibió publicidad hace muy poco",
        "no se pudo imprimir",
    ]
    assert translated("snoozed until January 4, 2027") == "pospuesta hasta el 4 de enero de 2027"
    assert translated("asked not to be called") == "pidió que no lo llamen"
    criteria = AudienceCriteria(
        kind=None, segment="Retirees", equipment_kind="Boiler", postal_prefix="212",
        last_contact_before=datetime.date(2026, 6, 1), due_to=datetime.date(2027, 1, 31), channel="call",
    )  # fmt: skip
    assert criteria.describe() == (
        "Todos los clientes, con vencimiento hasta el 31 de enero de 2027, segmento Retirees, que tengan "
        "boiler, en código postal 212…, sin contacto desde el 1 de junio de 2026, que aceptan llamadas"
    )


def test_what_printing_a_campaign_left_out_reads_in_spanish(
    qtbot, database: Path, message_boxes, monkeypatch
) -> None:
    from app.services.documents.common import BatchIssue, BatchResult
    from ui.pages import campaigns_page

    opened: list[str] = []
    monkeypatch.setattr(
        campaigns_page, "show_pdf", lambda _parent, _path, title, _runner: opened.append(title)
    )
    page = open_window(qtbot, database, "es", "campaigns").campaigns_page
    issue = BatchIssue("Customer 5 (Ann Hill)", "could not be printed: no street")
    page._printed(
        {
            "letters": BatchResult(Path("letters.pdf"), exceptions=[issue]),
            "callsheet": BatchResult(Path("callsheet.pdf"), warnings=[issue]),
        }
    )
    _kind, title, text = message_boxes[-1]
    assert title == "Algunos registros quedaron fuera"
    assert text.splitlines() == [
        "cartas: Cliente 5 (Ann Hill): no se pudo imprimir: no street",
        "hoja de llamadas: aviso: Cliente 5 (Ann Hill): no se pudo imprimir: no street",
    ]
    assert opened == ["Cartas", "Hoja de llamadas"]
