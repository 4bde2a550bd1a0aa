"""The Partners page in Spanish: the partners' terms, each referral's direction, status and how its
commission was worked out, the buttons, the forms, what recording a referral says and the referral
report; the partner's name and trade stay as the owner typed them, and English reads as before."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.domain.customers import CustomerDraft
from app.domain.partners import PartnerDraft, ReferralDraft, Terms
from app.services import customers as customer_service
from app.services import partners as partner_service
from tests.ui.helpers import click_save, open_window, when_dialog_opens

DAY = datetime.date(2026, 11, 2)


def _partners() -> tuple[int, int]:
    """A partner with a capped rate and two referrals we sent them (one won, one lost), a partner with
    no trade who sent us a customer, and an inactive one: (first partner, Ann)."""
    partner_id = partner_service.save_partner(
        PartnerDraft(
            business="Bayside Remodeling", trade="Remodeler", terms=Terms(rate=Decimal("20"), cap=1000)
        )
    )
    ann = customer_service.add_customer(
        CustomerDraft(
            first_name="Ann",
            last_name="Smith",
            share_with_partners=True,
            share_consent_on=datetime.date(2026, 1, 2),
        )
    )
    bob = customer_service.add_customer(CustomerDraft(first_name="Bob", last_name="Jones"))
    won = partner_service.record_referral(
        ReferralDraft(partner_id, "to_partner", DAY, ann, "Kitchen")
    ).referral_id
    lost = partner_service.record_referral(
        ReferralDraft(partner_id, "to_partner", DAY, bob, "Deck")
    ).referral_id
    partner_service.update_referral_status(won, "won", "24000")
    partner_service.update_referral_status(lost, "lost")
    sender = partner_service.save_partner(PartnerDraft(business="Harbor Inspections"))
    partner_service.record_referral(ReferralDraft(sender, "from_partner", DAY, bob))
    partner_service.save_partner(PartnerDraft(business="Old Line Insulation", active=False))
    return partner_id, ann


def _column(model: Any, heading: str) -> list[str]:
    """The texts of one column, found by its heading as shown."""
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headings.index(heading)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _select(page: Any, business: str) -> None:
    page.partner_view.selectRow(
        next(r for r in range(page.partners.rowCount()) if page.partners.row_object(r).business == business)
    )


def _form_words(dialog: QWidget) -> tuple[list[str], dict[str, list[str]]]:
    """A form's labels and, per choice field, its choices."""
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    choices = {
        name: [editor.itemText(i) for i in range(editor.count())]
        for name, editor in dialog.editors.items()
        if hasattr(editor, "itemText")
    }
    return labels, choices


def test_the_partners_page_reads_in_spanish(qtbot, database: Path) -> None:
    _partners()
    window = open_window(qtbot, database, "es", "partners")
    page = window.partners_page
    terms = dict(zip(_column(page.partners, "Socio"), _column(page.partners, "Condiciones"), strict=True))
    assert terms["Bayside Remodeling"] == "20% del valor del trabajo, como máximo $1,000.00"
    assert terms["Harbor Inspections"] == "10% del valor del trabajo"
    assert "Old Line Insulation (inactivo)" in terms
    assert "Remodeler" in _column(page.partners, "Oficio")  # the trade as the owner typed it
    _select(page, "Bayside Remodeling")
    rows = zip(
        _column(page.referrals, "Sentido"),
        _column(page.referrals, "Estado"),
        _column(page.referrals, "Cómo"),
        strict=True,
    )
    assert sorted(rows) == [("enviamos", "ganado", "20% de $24,000.00, con tope de $1,000.00"),
                            ("enviamos", "perdido", "")]  # fmt: skip
    _select(page, "Harbor Inspections")
    assert _column(page.referrals, "Sentido") == ["nos enviaron"] and _column(page.referrals, "Estado") == [
        "referido"
    ]
    buttons = {button.objectName(): button.text() for button in page.findChildren(QPushButton)}
    assert buttons["print_statement"] == "Imprimir estado de cuenta…"
    assert buttons["print_referral_slip"] == "Imprimir hoja de referido…"
    assert buttons["referral_report"] == "Informe de referidos…"
    assert page.summary.text().startswith("Los socios nos deben $1,000.00")


def test_the_partner_status_and_payment_forms_read_in_spanish(qtbot, database: Path) -> None:
    _partners()
    window = open_window(qtbot, database, "es", "partners")
    page = window.partners_page
    seen: dict[str, Any] = {}

    def look(name: str) -> Any:
        def handle(dialog: QWidget) -> None:
            seen[name] = (dialog.windowTitle(), *_form_words(dialog))
            if "amount" in dialog.editors:
                seen["placeholder"] = dialog.editors["amount"].placeholderText()
            dialog.reject()

        return handle

    when_dialog_opens(look("partner"))
    page.new_partner()
    title, labels, choices = seen["partner"]
    assert title == "Nuevo socio"
    assert {"Empresa", "Oficio", "Comisión sobre", "Tasa (%)", "Estas condiciones se aplican a"} <= set(
        labels
    )
    assert choices["basis"] == ["El valor del trabajo", "La ganancia", "Una tarifa fija"]
    assert choices["direction"] == [
        "Referidos en ambos sentidos",
        "Clientes que les enviamos",
        "Clientes que nos envían",
    ]

    _select(page, "Bayside Remodeling")
    won = next(r for r in range(page.referrals.rowCount()) if page.referrals.row_object(r).status == "won")
    page.referral_view.selectRow(won)
    when_dialog_opens(look("status"))
    page.update_status()
    title, labels, choices = seen["status"]
    assert title == "Estado del referido" and "Valor del trabajo" in labels
    assert choices["status"] == ["Referido", "Contactado", "Ganado", "Perdido", "Pagado"]

    when_dialog_opens(look("payment"))
    page.record_payment()
    title, labels, _choices = seen["payment"]
    assert title == "Pago" and labels == ["Monto", "Pagado el", "Forma de pago", "Nota"]
    assert seen["placeholder"] == "se deben 1,000.00"


def test_recording_a_referral_says_in_spanish_what_was_shared(qtbot, database: Path, message_boxes) -> None:
    _partner, _ann = _partners()
    window = open_window(qtbot, database, "es", "partners")
    page = window.partners_page
    _select(page, "Bayside Remodeling")
    directions: list[str] = []

    def referral_form(dialog: QWidget) -> None:
        _labels, choices = _form_words(dialog)
        directions.extend(choices["direction"])
        click_save(dialog)

    def pick_customer(picker: QWidget) -> None:
        picker.search.setText("Smith")
        picker.find_now()
        picker.matches.setCurrentRow(0)
        when_dialog_opens(referral_form)
        picker.choose_button.click()

    when_dialog_opens(pick_customer)
    page.record_referral()
    assert directions == [
        "Le enviamos este cliente al socio (nos debe)",
        "El socio nos envió este cliente (le debemos)",
    ]
    _kind, title, text = message_boxes[-1]
    assert title == "Referido registrado"
    assert text.startswith(
        "Smith, Ann aceptó que se compartieran sus datos el 2 ene 2026, así que se le envían"
    )
    assert text.endswith("Queda registrado que se compartieron.")


def test_the_referral_report_reads_in_spanish_with_its_columns_aligned(qtbot, database: Path) -> None:
    _partners()
    window = open_window(qtbot, database, "es", "partners")
    page = window.partners_page
    with qtbot.waitSignal(window.runner.job_ended, timeout=20_000):
        page.show_report()
    assert page.report_dialog.windowTitle() == "Ingresos y costos de referidos"
    lines = page.report_dialog.findChild(QWidget, "referralReport").toPlainText().splitlines()
    assert lines[0] == "Por socio" and "Por oficio" in lines and "Por año" in lines
    heading = lines[1]
    assert heading.split() == ["enviados", "recibidos", "ganados", "ingresos", "costo", "neto"]
    bayside = next(line for line in lines if line.startswith("Bayside Remodeling"))
    assert len(bayside) == len(heading) and bayside.endswith("$1,000.00")  # each figure under its heading
    assert any(line.startswith("(sin oficio indicado)") for line in lines)
    assert "¿Los clientes que nos envían se quedan y vuelven a comprar?" in lines
    assert any(line.startswith("Todos los clientes") for line in lines)
    page.report_dialog.close()


def test_in_english_the_partners_page_and_report_read_as_before(qtbot, database: Path) -> None:
    _partners()
    window = open_window(qtbot, database, "en", "partners")
    page = window.partners_page
    terms = _column(page.partners, "Terms")
    assert "20% of the job value, at most $1,000.00" in terms
    assert "Old Line Insulation (inactive)" in _column(page.partners, "Partner")
    _select(page, "Bayside Remodeling")
    rows = zip(
        _column(page.referrals, "Way"),
        _column(page.referrals, "Status"),
        _column(page.referrals, "How"),
        strict=True,
    )
    assert sorted(rows) == [
        ("we sent", "lost", ""),
        ("we sent", "won", "20% of $24,000.00, capped at $1,000.00"),
    ]
    with qtbot.waitSignal(window.runner.job_ended, timeout=20_000):
        page.show_report()
    lines = page.report_dialog.findChild(QWidget, "referralReport").toPlainText().splitlines()
    assert lines[:2] == [
        "By partner",
        f"{'':<34}{'sent':>6}{'got':>6}{'won':>6}{'income':>14}{'cost':>14}{'net':>14}",
    ]
    assert f"{'':<34}{'customers':>10}{'bought again':>14}{'rate':>8}{'sales':>16}" in lines
    assert any(line.startswith("(no trade given)") for line in lines) and any(
        line.startswith("All customers") for line in lines
    )
    page.report_dialog.close()
