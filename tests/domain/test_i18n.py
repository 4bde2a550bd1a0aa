"""The app's words in Spanish: messages with fields, stored English read back by its parameters."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from app.domain import formatting, i18n
from app.domain.opportunities import Rules
from app.domain.opportunity_kinds.check_in import RecentBuyer, check_in
from app.domain.opportunity_kinds.renewal import PlanTerm, renewal
from app.domain.opportunity_kinds.replacement import EquipmentAge, replacement
from app.domain.opportunity_kinds.warranty_ending import Warranty, warranty_ending
from app.domain.settings import SETTINGS
from app.domain.wording import count_text

D = datetime.date
RULES = Rules(today=D(2026, 6, 1))


def test_english_is_its_own_message_ids() -> None:
    assert i18n.t("Calls per day") == "Calls per day"
    assert i18n.t("Calls for {day}", day="Monday") == "Calls for Monday"
    assert i18n.translated("Anything at all") == "Anything at all"


def test_every_setting_is_translated(spanish: None) -> None:
    for spec in SETTINGS:
        for text in (spec.label, spec.help, spec.group, spec.placeholder):
            assert not text or i18n.knows(text), text
    assert i18n.t("Calls per day") == "Llamadas por día"


def test_a_message_takes_its_fields(spanish: None) -> None:
    assert i18n.t("Call at {time}", time="9:30 a.m.") == "Llamar a las 9:30 a.m."


def test_reasons_are_stored_in_english_and_read_back_in_spanish(spanish: None) -> None:
    unit = EquipmentAge(1, 2, 3, "Furnace", D(2009, 3, 3), 15, 20, 500_000, from_item=False)
    raised = replacement(unit, RULES)
    assert raised is not None
    # Stored in English (dates too) even while the owner reads Spanish: it is read back from it.
    assert raised.reason == "Furnace installed March 2009, 17 years old; a furnace usually lasts 15–20 years"
    assert i18n.translated(raised.reason) == (
        "Furnace: instalado en marzo de 2009, tiene 17 años; este tipo de equipo suele durar de 15 a 20 años"
    )
    plan = PlanTerm(1, 2, None, "Comfort Club", D(2026, 6, 21), 18_900, auto_renew=False)
    assert i18n.translated(renewal(plan, RULES).reason) == (  # type: ignore[union-attr]
        "Comfort Club vence el 21 de junio de 2026 (en 20 días); renovación: $189.00"
    )
    buyer = RecentBuyer(2, D(2025, 1, 10), D(2025, 2, 1), None)
    raised_check_in = check_in(buyer, Rules(today=D(2026, 6, 1), check_in_after_days=180))
    said = i18n.translated(raised_check_in.reason)  # type: ignore[union-attr]
    assert said == (
        "Nos compró el 10 de enero de 2025; última conversación el 1 de febrero de 2025 "
        "(485 días sin contacto)"
    )
    warranty = Warranty(1, 2, 3, "Heat pump", D(2021, 6, 15), D(2026, 6, 15), "", "Comfort Club", 18_900)
    assert i18n.translated(warranty_ending(warranty, RULES).reason) == (  # type: ignore[union-attr]
        "Garantía de Heat pump: vence el 15 de junio de 2026 (en 14 días), instalado en junio de 2021; "
        "sin plan de servicio: ofrecer Comfort Club ($189.00)"
    )


def test_an_error_names_its_setting_in_spanish(spanish: None) -> None:
    spec = next(spec for spec in SETTINGS if spec.name == "calls_per_day")
    with pytest.raises(Exception) as raised:
        spec.checked(0)
    assert i18n.translated(raised.value.message) == "Llamadas por día: escriba un número entero de 1 a 1,000."


def test_text_no_pattern_knows_is_shown_as_written(spanish: None) -> None:
    assert i18n.translated("Owner's own note about the Smiths") == "Owner's own note about the Smiths"


def test_counted_nouns_in_spanish(spanish: None) -> None:
    assert i18n.counted(1, "year") == "1 año" and i18n.counted(3, "year") == "3 años"
    assert i18n.count_words(2, "mes") == "2 meses"
    assert i18n.count_words(3, "línea más") == "3 líneas más"
    assert i18n.count_words(1, "espera más", "esperan más") == "1 espera más"
    assert count_text(3, "year") == "3 years"  # the stored reasons' words stay English


def test_dates_follow_the_language(spanish: None) -> None:
    assert formatting.long_date(D(2026, 12, 2)) == "2 de diciembre de 2026"
    assert formatting.periods_text([("00:00", "09:00")]) == "antes de las 9:00 a.m."
    assert formatting.long_date(D(2026, 12, 2), formatting.ENGLISH) == "December 2, 2026"


def test_a_counted_noun_the_catalog_knows_is_spanish_even_with_an_english_plural_given() -> None:
    """The dashboard passes "recent buyers not spoken to" for English: Spanish takes the catalog's forms."""
    from app.services.language import apply_language

    apply_language("es")
    try:
        assert i18n.count_words(57, "recent buyer not spoken to", "recent buyers not spoken to") == (
            "57 compradores recientes sin contactar"
        )
    finally:
        apply_language("en")
    assert i18n.count_words(2, "recent buyer not spoken to", "recent buyers not spoken to") == (
        "2 recent buyers not spoken to"
    )


def test_the_catalog_files_merge_and_refuse_a_message_given_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import language

    folder = tmp_path / "app_xx"
    folder.mkdir()
    (folder / "a.toml").write_text('[messages]\n"Yes" = "Sí"\n[counts]\nyear = ["año", "años"]\n')
    (folder / "b.toml").write_text(
        '[messages]\n"No" = "No"\n[[patterns]]\nen = "{n:number} x"\nxx = "{n} y"\n'
    )
    monkeypatch.setattr(language, "TRANSLATIONS_DIR", tmp_path)
    data = language.catalog_data("xx")
    assert data["messages"] == {"Yes": "Sí", "No": "No"}
    assert data["counts"] == {"year": ["año", "años"]}
    assert data["patterns"] == [{"en": "{n:number} x", "xx": "{n} y"}]
    (folder / "c.toml").write_text('[messages]\n"Yes" = "Si"\n')
    with pytest.raises(ValueError, match=r"c\.toml repeats messages of an earlier file: Yes"):
        language.catalog_data("xx")


def test_a_short_date_stored_in_english_reads_back_in_spanish(spanish: None) -> None:
    # The month alone is not a message: stored text that is just "May" (a name, a note) stays as it is.
    assert i18n.translated("May") == "May"
    i18n.use(i18n.Catalog("es", patterns=[i18n.pattern("changed {day:short_date}", "cambiada el {day}")]))
    assert i18n.translated("changed Dec 2, 2026") == "cambiada el 2 dic 2026"
    assert i18n.translated("changed Dec 32, 2026x") == "changed Dec 32, 2026x"


def test_a_list_reads_with_commas_and_one_and() -> None:
    assert i18n.and_list(["1 site", "4 visits", "5 contacts"]) == "1 site, 4 visits and 5 contacts"
    assert i18n.or_list(["4x6", "5x7", "6x9"]) == "4x6, 5x7 or 6x9"
    assert i18n.and_list(["name"]) == "name" and i18n.and_list([]) == ""


def test_a_list_reads_spanish(spanish: None) -> None:
    assert i18n.and_list(["4 ventas", "4 visitas", "5 contactos"]) == "4 ventas, 4 visitas y 5 contactos"
    assert i18n.or_list(["4x6", "6x9"]) == "4x6 o 6x9"


def test_messages_written_below_a_pattern_are_refused_not_lost() -> None:
    data = {"patterns": [{"en": "Row {n}", "es": "Fila {n}", "Furnace": "Calefactor"}]}
    with pytest.raises(ValueError, match="Furnace"):
        i18n.catalog_from_dict("es", data)
