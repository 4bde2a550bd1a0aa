"""Referral partners in Spanish: the terms in words, what recording a referral says, how a commission
was worked out, the commission statement and the referral slip (read back from the PDF with pypdf).
What is stored stays English whatever the owner reads, and English output reads as it always has."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from app.domain.customers import CustomerDraft
from app.domain.i18n import translated
from app.domain.partners import PartnerDraft, ReferralDraft, Terms
from app.domain.settings import BusinessSettings
from app.persistence.db import OpenedDatabase
from app.services import partners as partner_service
from app.services.customers import add_customer
from app.services.documents.statements import render_referral_slip, render_statement
from app.services.language import apply_language

SETTINGS = BusinessSettings(company_name="Comfort Heating", phone="+14105550100")
TODAY = datetime.date(2026, 12, 2)  # tests/conftest.py's clock


def _ann_who_shares_and_bob() -> tuple[int, int]:
    """Ann agreed on January 2 to have her details shared with partners; Bob did not."""
    ann = add_customer(
        CustomerDraft(
            first_name="Ann",
            last_name="Smith",
            share_with_partners=True,
            share_consent_on=datetime.date(2026, 1, 2),
        )
    )
    return ann, add_customer(CustomerDraft(first_name="Bob", last_name="Jones"))


def _text(path: Path) -> str:
    """The PDF's words, one space between them (a sentence may wrap)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _ledger() -> tuple[int, int, int]:
    """A partner with a capped rate, a won referral we sent (paid in part, its commission changed by
    hand), a lost one, and a won one they sent us: (partner, won referral, lost referral)."""
    partner_id = partner_service.save_partner(
        PartnerDraft(
            business="Bayside Remodeling",
            trade="Remodeler",
            terms=Terms(rate=Decimal("20"), cap=Decimal("1000")),
        )
    )
    ann, bob = _ann_who_shares_and_bob()

    def referral(direction: str, customer: int, day: int, job: str) -> int:
        draft = ReferralDraft(partner_id, direction, datetime.date(2026, 11, day), customer, job)
        return partner_service.record_referral(draft).referral_id

    won = referral("to_partner", ann, 2, "Kitchen remodel")
    lost = referral("to_partner", bob, 3, "Deck")
    theirs = referral("from_partner", bob, 4, "Furnace")
    partner_service.update_referral_status(won, "won", "24000")  # 20% is $4,800.00, capped at $1,000.00
    partner_service.update_referral_status(lost, "lost")
    partner_service.update_referral_status(theirs, "won", "3000")  # $600.00
    partner_service.override_commission(won, "900", "Repeat customer")
    partner_service.record_payment(
        amount="400", paid_on=TODAY, referral_id=won, method="Check", note="Check 1042"
    )
    return partner_id, won, lost


def test_a_partners_terms_read_in_spanish_and_in_english_as_before(spanish: None) -> None:
    capped = Terms(rate=Decimal("20"), cap=Decimal("1000"))
    assert capped.describe() == "20% del valor del trabajo, como máximo $1,000.00"
    assert Terms(basis="profit", rate=Decimal("12.5")).describe() == "12.5% de la ganancia"
    assert Terms(basis="fixed", fixed_fee=Decimal("150")).describe() == "una tarifa fija de $150.00"
    apply_language("en")
    assert capped.describe() == "20% of the job value, at most $1,000.00"
    assert Terms(basis="fixed", fixed_fee=Decimal("150")).describe() == "a fixed fee of $150.00"


def test_recording_a_referral_says_in_spanish_what_was_shared(db: OpenedDatabase, spanish: None) -> None:
    partner_id = partner_service.save_partner(
        PartnerDraft(business="Bayside Remodeling", terms=Terms(direction="to_partner"))
    )
    ann, bob = _ann_who_shares_and_bob()
    shared = partner_service.record_referral(ReferralDraft(partner_id, "to_partner", TODAY, ann))
    assert shared.message == (
        "Smith, Ann aceptó que se compartieran sus datos el 2 ene 2026, así que se le envían a Bayside "
        "Remodeling estos datos: nombre, teléfono y dirección de servicio. "
        "Queda registrado que se compartieron."
    )
    kept = partner_service.record_referral(ReferralDraft(partner_id, "to_partner", TODAY, bob))
    assert kept.message.startswith("Jones, Bob no ha aceptado que sus datos se compartan con socios, así que")
    assert "imprima para Jones, Bob una carta que le presente a Bayside Remodeling" in kept.message
    theirs = partner_service.record_referral(ReferralDraft(partner_id, "from_partner", TODAY, bob))
    assert theirs.message == "Se registró el referido de Bayside Remodeling para Jones, Bob."
    assert theirs.warnings == (
        "No hay comisión acordada con Bayside Remodeling por los referidos que nos envía.",
    )
    # What went to the partner is logged in English, the app's stored words.
    assert (
        partner_service.list_disclosures(customer_id=ann)[0].what == "Name, phone number and service address"
    )


def test_how_a_commission_was_worked_out_is_stored_in_english_and_shown_in_spanish(
    db: OpenedDatabase, spanish: None
) -> None:
    partner_id, won, _lost = _ledger()
    referrals = {r.id: r for r in partner_service.list_referrals(partner_id=partner_id)}
    changed = referrals[won]
    assert changed.commission_note == "20% of $24,000.00, capped at $1,000.00"
    assert changed.override_reason == "Repeat customer (was $1,000.00, changed Dec 2, 2026)"  # not "2 dic"
    assert translated(changed.commission_note) == "20% de $24,000.00, con tope de $1,000.00"
    assert translated(changed.override_reason) == "Repeat customer (antes $1,000.00; cambiada el 2 dic 2026)"
    theirs = next(r for r in referrals.values() if r.direction == "from_partner")
    assert translated(theirs.commission_note) == "20% de $3,000.00"


def test_the_commission_statement_reads_in_spanish(db: OpenedDatabase, spanish: None, tmp_path: Path) -> None:
    partner_id, _won, _lost = _ledger()
    out = tmp_path / "estado.pdf"
    render_statement(
        partner_service.partner_ledger(partner_id, start=datetime.date(2026, 1, 1)), out, SETTINGS
    )
    text = _text(out)
    for expected in (
        "Estado de cuenta de comisiones",
        "Periodo: del 1 de enero de 2026 al 2 de diciembre de 2026",
        "Preparado el 2 de diciembre de 2026",
        "Oficio: Remodeler",  # the trade as the owner typed it
        "Condiciones: 20% del valor del trabajo, como máximo $1,000.00",
        "Referidos que enviamos: nos deben",
        "Referidos que nos enviaron: les debemos",
        "Fecha Ref. Cliente Trabajo Valor del trabajo Comisión Pagado Saldo",
        "Saldo inicial",
        "Totales del periodo",
        "Saldo final",
        "12/02/2026",  # the US order, as the forms read dates
        "20% de $24,000.00, con tope de $1,000.00; cambiada a mano: Repeat customer (antes $1,000.00;",
        "Pago con Check 1042",
        "20% de $3,000.00",
        "Al 2 de diciembre de 2026, Bayside Remodeling nos debe $500.00 y le debemos $600.00 a Bayside "
        "Remodeling; cada saldo se paga por separado.",
        "se redondea una sola vez",
        "página 1 de 1",
    ):
        assert expected in text, expected
    for english in (
        "Commission statement",
        "Opening balance",
        "Payment by",
        "capped at",
        "owes us",
        "page 1",
    ):
        assert english not in text, english
    assert "Estado de cuenta de comisiones, Bayside Remodeling" in PdfReader(out).metadata.title


def test_the_referral_slip_reads_in_spanish(db: OpenedDatabase, spanish: None, tmp_path: Path) -> None:
    _partner, won, lost = _ledger()
    render_referral_slip(partner_service.referral_slip(won), tmp_path / "shared.pdf", SETTINGS)
    text = _text(tmp_path / "shared.pdf")
    for expected in (
        "HOJA DE REFERIDO",
        f"N.º {won} · 2 de noviembre de 2026",
        "REFERIDO A",
        "CLIENTE",
        "Datos compartidos con permiso del cliente.",
        "Trabajo: Kitchen remodel",
        "Condiciones: 20% del valor del trabajo, como máximo $1,000.00",
        f"Por favor, mencione a Comfort Heating el referido N.º {won}. ¡Gracias!",
        "cortar aquí",
    ):
        assert expected in text, expected
    render_referral_slip(partner_service.referral_slip(lost), tmp_path / "private.pdf", SETTINGS)
    text = _text(tmp_path / "private.pdf")
    assert "El cliente lo llamará: sus datos no se compartieron." in text
    assert "REFERRAL SLIP" not in text and "cut here" not in text


def test_in_english_the_statement_and_slip_read_as_before(db: OpenedDatabase, tmp_path: Path) -> None:
    partner_id, won, _lost = _ledger()
    render_statement(partner_service.partner_ledger(partner_id), tmp_path / "s.pdf", SETTINGS)
    text = _text(tmp_path / "s.pdf")
    for expected in (
        "Commission statement",
        "Period: up to December 2, 2026",
        "Terms: 20% of the job value, at most $1,000.00",
        "Referrals we sent: they owe us",
        "20% of $24,000.00, capped at $1,000.00; changed by hand: Repeat customer (was $1,000.00, changed",
        "Payment by Check 1042",
        "As of December 2, 2026, Bayside Remodeling owes us $500.00, and we owe Bayside Remodeling $600.00; "
        "each is paid on its own.",
        "page 1 of 1",
    ):
        assert expected in text, expected
    render_referral_slip(partner_service.referral_slip(won), tmp_path / "slip.pdf", SETTINGS)
    text = _text(tmp_path / "slip.pdf")
    assert (
        "REFERRAL SLIP" in text and f"Please quote referral No. {won} to Comfort Heating. Thank you!" in text
    )
