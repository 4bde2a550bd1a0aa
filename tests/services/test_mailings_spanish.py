"""A mailing's own words in Spanish: who a printed batch's warning is about, and the campaign's call
reason, read back in the owner's language; English as before."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from app.domain.i18n import translated
from app.persistence import templates as template_rows
from app.services import mailings
from app.services.documents.letter_templates import shipped_templates
from app.services.language import apply_language
from tests.services.test_mailings import TODAY, Shop
from tests.services.test_mailings import shop as shop


def _broken_spanish_replacement() -> None:
    """An edit of the Spanish replacement letter that may not print (it names the owner's note)."""
    broken = dataclasses.asdict(shipped_templates("es")["replacement"]) | {"body": "Por qué ahora: {reason}"}
    template_rows.save_template("replacement", broken, "es")


def test_a_set_aside_letter_is_said_to_be_the_letters_pages_in_spanish(shop: Shop, tmp_path: Path) -> None:
    grace = shop.customer("Grace", "Okafor")
    shop.opportunity(grace, equipment=shop.furnace(shop.billing_site(grace)))
    _broken_spanish_replacement()
    apply_language("es")
    result = mailings.print_letters(tmp_path / "cartas.pdf", "replacement", today=TODAY)
    assert result.warnings[0].key == "Página Cartas"
    assert result.warnings[0].reason.startswith("no se pudo usar su versión de la carta “Reemplazo”")


def test_a_campaigns_call_reason_reads_in_spanish() -> None:
    apply_language("es")
    assert translated("Campaign follow-up") == "Seguimiento de la campaña"
    assert translated("Comfort Club ends January 4, 2027") == "Comfort Club vence el 4 de enero de 2027"
    apply_language("en")
    assert translated("Comfort Club ends January 4, 2027") == "Comfort Club ends January 4, 2027"
