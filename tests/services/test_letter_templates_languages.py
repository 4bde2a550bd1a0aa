"""Letter templates are kept per language: the Spanish ones ship in resources/letters/es, an owner's
edit is saved in the language it was written in and never prints in the other, and what letters,
postcards and labels say while printing reads in the language in use."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.campaigns import AudienceCriteria
from app.domain.errors import UserError
from app.domain.i18n import translated
from app.domain.postal import MailingAddress
from app.domain.settings import BusinessSettings
from app.domain.templates import LetterTemplate, check_template
from app.persistence import templates as repository
from app.persistence.db import close_database, open_database
from app.persistence.tables import LetterTemplateRow
from app.services.campaigns import create_campaign, print_campaign
from app.services.demo import build_demo
from app.services.documents.labels import render_labels
from app.services.documents.letter_templates import (
    is_edited,
    load_templates,
    reset_template,
    save_template,
    shipped_templates,
    template_for,
)
from app.services.documents.letters import LetterData, render_letters
from app.services.documents.postcards import render_postcards
from app.services.exporting import export_database
from app.services.importing import run_import
from app.services.language import apply_language, apply_saved_language
from app.services.opportunities import recompute_opportunities
from app.services.settings import update_settings

DAY = datetime.date(2026, 12, 2)
# Words of the English templates and of the printing that must not show in a Spanish letter.
ENGLISH = (
    "Dear",
    "Kind regards",
    "Warm regards",
    "Sincerely",
    "Hello",
    "Our offer",
    "Call us",
    " your ",
    "page",
)


def _pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def _edited(name: str, language: str, body: str) -> LetterTemplate:
    return save_template(dataclasses.replace(shipped_templates(language)[name], body=body), language)


def test_spanish_ships_every_template_in_spanish() -> None:
    english, spanish = shipped_templates("en"), shipped_templates("es")
    assert set(spanish) == set(english)
    assert spanish["renewal"].title == "Renovación del plan" and english["renewal"].title == "Plan renewal"
    assert spanish["add_on"].subject == "Aproveche más su {equipment_kind}"
    assert all(template.purpose == english[name].purpose for name, template in spanish.items())


def test_the_language_in_use_chooses_the_shipped_templates(db, spanish) -> None:
    assert load_templates()["check_in"] == shipped_templates("es")["check_in"]
    assert template_for("follow_up").title == "Gracias / seguimiento después de una venta"
    apply_language("en")
    assert template_for("follow_up").title == "Thank you / follow-up after a sale"


def test_each_language_keeps_its_own_edit(db) -> None:
    _edited("renewal", "es", "Renueve su {plan_name}, {first_name}.")
    _edited("renewal", "en", "Renew your {plan_name}, {first_name}.")

    assert load_templates("es")["renewal"].body == "Renueve su {plan_name}, {first_name}."
    assert load_templates("en")["renewal"].body == "Renew your {plan_name}, {first_name}."
    assert is_edited("renewal", "es") and is_edited("renewal", "en")
    assert sorted(LetterTemplateRow.select(LetterTemplateRow.name).tuples()) == [
        ("es:renewal",),
        ("renewal",),
    ]

    assert reset_template("renewal", "es") == shipped_templates("es")["renewal"]
    assert load_templates("es")["renewal"] == shipped_templates("es")["renewal"]
    assert load_templates("en")["renewal"].body == "Renew your {plan_name}, {first_name}."
    assert not is_edited("renewal", "es")


def test_an_english_edit_never_prints_in_a_spanish_letter(db, spanish) -> None:
    # An edit saved before templates had languages: the row under the bare name is the English one.
    english = dataclasses.asdict(shipped_templates("en")["check_in"]) | {
        "body": "Hi {first_name}, long time!"
    }
    repository.save_template("check_in", english)

    assert template_for("check_in") == shipped_templates("es")["check_in"]
    apply_language("en")
    assert template_for("check_in").body == "Hi {first_name}, long time!"


def test_a_template_the_owner_created_serves_every_language_until_written_in_it(db) -> None:
    save_template(
        LetterTemplate("spring promo", "Spring promotion", body="Spring is here, {first_name}!"), "en"
    )
    assert load_templates("es")["spring promo"].body == "Spring is here, {first_name}!"

    save_template(LetterTemplate("spring promo", "Promoción de primavera", body="¡Llegó la primavera!"), "es")
    assert load_templates("es")["spring promo"].title == "Promoción de primavera"
    assert load_templates("en")["spring promo"].title == "Spring promotion"
    assert reset_template("spring promo", "es") is None
    assert load_templates("es")["spring promo"].title == "Spring promotion"


def test_a_spanish_edit_comes_back_with_the_export(tmp_path: Path) -> None:
    open_database(tmp_path / "laptop.sqlite3")
    try:
        _edited("upgrade", "es", "Palabras del dueño para {first_name}.")
        _edited("upgrade", "en", "The owner's words for {first_name}.")
        export_database(tmp_path / "everything.xlsx")
    finally:
        close_database()
    open_database(tmp_path / "new-laptop.sqlite3")
    try:
        run_import(tmp_path / "everything.xlsx")
        assert load_templates("es")["upgrade"].body == "Palabras del dueño para {first_name}."
        assert load_templates("en")["upgrade"].body == "The owner's words for {first_name}."
    finally:
        close_database()


def test_a_printed_spanish_campaign_reads_spanish_throughout(db, tmp_path: Path) -> None:
    build_demo(customers=60)  # its business settings are written in English
    recompute_opportunities()
    update_settings({"language": "es"})
    apply_saved_language()
    _edited("replacement", "en", "English words that must stay out of Spanish letters.")
    campaign = create_campaign(
        "Reemplazos", AudienceCriteria(kind="replacement"), offer="10% de descuento", offer_ends=DAY
    )

    results = print_campaign(campaign, tmp_path, letters=True, postcards=True, labels=True)

    letters, postcards = _pages(results["letters"].path), _pages(results["postcards"].path)
    assert results["letters"].printed > 5 and not results["letters"].exceptions
    assert letters[0].count("Apreciable") == 1 and "Atentamente," in letters[0]
    assert (
        "Nuestra oferta para usted: 10% de descuento, válida hasta el 2 de diciembre de 2026." in letters[0]
    )
    assert "Licencia" in letters[0] and "2 de diciembre de 2026" in letters[0]
    assert "Llame al" in postcards[0] and "PONGA LA ESTAMPILLA AQUÍ" in postcards[1]
    for text in (*letters, *postcards[::2]):
        assert "English words" not in text
        for word in ENGLISH:
            assert word not in text.replace("Owner", ""), (word, text)  # the signature is as typed


def test_what_printing_says_reads_in_spanish(db, spanish, tmp_path: Path) -> None:
    settings = BusinessSettings(company_name="Comfort", signature_name="Rick Calloway")
    address = MailingAddress("Jane Smith", "", "12 Elm St", "", "Towson", "MD", "21204")
    no_plan = LetterData("Customer 7 (Jane Smith)", address, {"first_name": "Jane"})
    long_letter = dataclasses.replace(
        shipped_templates()["check_in"], body="\n\n".join(f"Párrafo {i} " + "palabra " * 90 for i in range(9))
    )

    result = render_letters([no_plan], tmp_path / "long.pdf", settings, long_letter, day=DAY)
    assert "página 2" in _pages(tmp_path / "long.pdf")[1]
    assert [(w.key, w.reason) for w in result.warnings] == [
        (
            "Configuración",
            "faltan datos del negocio en la configuración (dirección y teléfono), "
            "así que no se imprimen; complételos en la configuración",
        )
    ]
    with pytest.raises(UserError) as refused:
        render_letters([no_plan], tmp_path / "renewal.pdf", settings, template_for("renewal"), day=DAY)
    assert refused.value.message == (
        "Nada que imprimir: no se pudo imprimir nada (cartas: 1; Cliente 7 (Jane Smith): "
        "La carta de renovación del plan necesita el nombre del plan de servicio "
        "y el día en que termina el plan)."
    )
    with pytest.raises(UserError, match=r"Tamaño de la postal: elija 4x6 o 6x9\."):
        render_postcards([no_plan], tmp_path / "c.pdf", settings, template_for("renewal"), size="5x7")
    with pytest.raises(UserError, match=r"del 1 al 30 para Avery 5160 \(30 por hoja"):
        render_labels([address], tmp_path / "l.pdf", start_at=31)


def test_a_template_s_mistakes_are_explained_in_spanish(spanish) -> None:
    def refusal(**changes: object) -> str:
        with pytest.raises(UserError) as refused:
            check_template(dataclasses.replace(shipped_templates()["check_in"], **changes))
        return translated(refused.value.message)

    assert refusal(body="Hola {frist_name}") == (
        "La plantilla usa {frist_name}, que la aplicación no conoce. Revise cómo está escrito."
    )
    assert refusal(body="Por qué ahora: {reason}") == (
        "Una carta nunca imprime sus propias notas sobre un cliente ({reason}: el motivo de la oportunidad "
        "es su nota (está en la hoja de llamadas)). Quítelo de la carta."
    )
    assert refusal(name="a/b") == "Nombre de la plantilla: escriba un nombre sin / \\ ni :."
    greetings = check_template(
        dataclasses.replace(shipped_templates()["check_in"], greetings=("Hola {first_name}:",))
    )
    assert greetings.greetings[-1] == "Apreciable cliente:"


def test_a_spanish_edit_that_cannot_print_is_set_aside_and_the_batch_says_so_in_spanish(db, spanish) -> None:
    from app.services.documents.letter_templates import set_aside_note

    broken = dataclasses.asdict(shipped_templates("es")["replacement"]) | {"body": "Por qué ahora: {reason}"}
    repository.save_template("replacement", broken, "es")

    template = template_for("replacement")
    assert template == shipped_templates("es")["replacement"]
    assert set_aside_note(template) == (
        "no se pudo usar su versión de la carta “Reemplazo” (Una carta nunca imprime sus propias notas sobre "
        "un cliente ({reason}: el motivo de la oportunidad es su nota (está en la hoja de llamadas)). "
        "Quítelo de la carta); se imprimió en su lugar el texto original; corríjala en la página Cartas"
    )
    apply_language("en")
    assert set_aside_note(template_for("replacement")) == ""  # the English template is untouched
