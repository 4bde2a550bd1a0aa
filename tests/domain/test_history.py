"""A customer's history lines and a call's last contact: in English as they always read, in Spanish
in the owner's words, the owner's own text as typed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from app.domain import history, i18n

D = datetime.date
REASON = "Furnace installed March 2009, 17 years old; a furnace usually lasts 15–20 years"


def _lines() -> dict[str, tuple[str, str]]:
    rows = {
        "visit": history.visit_row(1, D(2026, 6, 1), "maintenance", "Héctor", "Cleaned the filter"),
        "sale": history.sale_row(2, D(2026, 6, 1), "", Decimal("4250"), "J-17"),
        "plan": history.plan_row(3, D(2027, 5, 19), "Comfort Club", "active", D(2026, 5, 19), Decimal(129)),
        "touch": history.touch_row(
            4, D(2026, 6, 1), "in_person", "talked", "Asked about a humidifier", "Dana"
        ),
        "opportunity": history.opportunity_row(5, D(2026, 6, 1), "add_on", REASON, Decimal(480), "open"),
    }
    return {key: (row.title, row.detail) for key, row in rows.items()}


def test_history_lines_read_in_english_as_before() -> None:
    assert _lines() == {
        "visit": ("Maintenance", "Héctor · Cleaned the filter"),
        "sale": ("Sale", "$4,250.00 · J-17"),
        "plan": ("Comfort Club", "Active · from May 19, 2026 to May 19, 2027 · $129.00 a term"),
        "touch": ("In person", "talked · Asked about a humidifier · Dana"),
        "opportunity": ("Add on", f"{REASON} · $480.00 · open"),
    }


def test_history_lines_read_in_spanish_with_the_owners_words_as_typed(spanish: None) -> None:
    lines = _lines()
    assert lines["visit"] == ("Mantenimiento", "Héctor · Cleaned the filter")
    assert lines["sale"] == ("Venta", "$4,250.00 · J-17")
    assert lines["plan"] == ("Comfort Club", "Activo · del 19 may 2026 al 19 may 2027 · $129.00 por periodo")
    assert lines["touch"] == ("En persona", "hablamos · Asked about a humidifier · Dana")
    title, detail = lines["opportunity"]
    assert title == "Complemento"
    assert detail.startswith("Furnace: instalado en marzo de 2009, tiene 17 años")
    assert detail.endswith(" · $480.00 · abierta")


def test_every_channel_and_outcome_has_its_spanish_word(spanish: None) -> None:
    from app.domain.kinds import Channel
    from app.domain.records import TOUCH_OUTCOMES

    assert [history.channel_word(c) for c in Channel] == [
        "llamada",
        "correo postal",
        "correo electrónico",
        "mensaje de texto",
        "visita",
        "en persona",
    ]
    for outcome in filter(None, TOUCH_OUTCOMES):
        assert i18n.knows(outcome), outcome
    assert history.touch_row(1, None, "call", "", "", "").title == "Llamada"


def test_a_call_logged_from_todays_calls_says_what_it_was_about_in_spanish(spanish: None) -> None:
    reason = f"Replacement: {REASON}; Check-in: never spoken with since"
    assert history.contact_reason(reason) == (
        "Reemplazo: Furnace: instalado en marzo de 2009, tiene 17 años; este tipo de equipo suele durar "
        "de 15 a 20 años; Contacto de seguimiento: sin hablar desde entonces"
    )
    # The owner's own words stay as typed, even with a colon in them.
    assert history.contact_reason("Boiler: asked for a quote") == "Boiler: asked for a quote"


def test_the_last_contact_of_a_call(spanish: None) -> None:
    assert (
        history.last_contact_text("2 oct", "call", "left message", "Spring tune-up", "Tasha Greene")
        == "2 oct, llamada (dejé mensaje): Spring tune-up, por Tasha Greene"
    )
    assert (
        history.last_contact_text("8 sep", "email", "sent", "", "") == "8 sep, correo electrónico (enviado)"
    )


def test_the_last_contact_of_a_call_in_english() -> None:
    assert (
        history.last_contact_text("Oct 2", "call", "left message", "Spring tune-up", "Tasha Greene")
        == "Oct 2, call (left message): Spring tune-up, by Tasha Greene"
    )
    assert history.last_contact_text("Sep 8", "in_person", "", "", "") == "Sep 8, in person"
