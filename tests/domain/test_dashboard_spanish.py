"""The dashboard's words in Spanish: the warnings (written in English with their figures) read back
whole, the explanations and labels all known, the lists behind the bars titled; English unchanged."""

from __future__ import annotations

import pytest

from app.domain import dashboard as figures
from app.domain import dashboard_text, i18n
from app.domain.dashboard_keys import figure_title
from app.domain.stats import EXPLANATIONS
from app.services.language import catalog_data

TOP = [figures.TopCustomer(7, "Wang Wei 王伟", 300_000), figures.TopCustomer(8, "Ann Smith", 100_000)]


def _warnings() -> list[figures.DashboardWarning]:
    """Every warning, in its singular and its plural form."""
    return [
        *figures.concentration_warnings(TOP, 1_000_000, 0.2),
        *figures.one_site_warning([1]),
        *figures.one_site_warning([1, 2, 3]),
        *figures.quiet_best_warning([4], 1_371_000),
        *figures.quiet_best_warning([4, 5], 1_371_000),
        *figures.plans_lapsing_warning([1], 1, 18_900),
        *figures.plans_lapsing_warning([1, 2], 2, 134_900),
    ]


def test_every_warning_reads_whole_in_spanish(spanish: None) -> None:
    said = [(i18n.translated(w.title), i18n.translated(w.sentence)) for w in _warnings()]
    for (title, sentence), warning in zip(said, _warnings(), strict=True):
        assert title != warning.title and sentence != warning.sentence, warning.sentence
    assert said[0] == (
        "Un solo cliente concentra demasiados ingresos",
        "Wang Wei 王伟 aportó el 30% de las ventas de los últimos 12 meses ($3,000.00 de $10,000.00; "
        "el aviso empieza en 20%): perder a este cliente dolería, así que cuídelo y consiga más clientes "
        "como él.",
    )
    assert said[1][0] == "2 clientes concentran demasiados ingresos"
    assert said[1][1].startswith("Sus 2 clientes más grandes aportaron el 40% de las ventas")
    assert said[2][1].startswith("1 cliente con más de una dirección compró solo para una de ellas")
    assert said[3][1].startswith("3 clientes con más de una dirección compraron solo")
    assert said[4][1].endswith("$13,710.00 o más) lleva 12 meses sin contacto ni ventas: llámelo antes de "
                               "que lo haga la competencia.")  # fmt: skip
    assert said[5][1].startswith("2 de sus mejores clientes") and "llevan 12 meses" in said[5][1]
    assert said[6] == (
        "Planes de servicio que vencen este mes",
        "1 plan de servicio ($189.00 al año) vence este mes y no se renueva solo: llame para renovarlo.",
    )
    assert said[7][1].startswith("2 planes de servicio ($1,349.00 al año) vencen este mes")


def test_the_warnings_stay_english_as_written() -> None:
    warning = figures.plans_lapsing_warning([1], 1, 18_900)[0]
    assert (
        i18n.translated(warning.sentence)
        == warning.sentence
        == (
            "1 service plan ($189.00 a year) runs out this month and does not renew by itself: call to renew."
        )
    )


def test_every_explanation_label_and_method_is_in_the_spanish_catalog(spanish: None) -> None:
    keys = list(EXPLANATIONS)
    words = [
        *EXPLANATIONS.english.values(),
        *(key.replace("_", " ").capitalize() for key in keys),  # "How these are worked out"
        *dashboard_text.HEADLINE_LABELS.values(),
        *dashboard_text.HEADLINE_ONE_LINERS.values(),
        dashboard_text.PROJECTION_METHOD,
        dashboard_text.PROJECTION_METHOD_SHORT,
    ]
    assert [word for word in words if not i18n.knows(word)] == []
    assert EXPLANATIONS["customers"] == "Todos los clientes de la base de datos, cada uno contado una vez."


def test_the_explanations_read_in_english_when_english_is_chosen() -> None:
    assert EXPLANATIONS["customers"] == "Every customer in the database, each counted once."
    assert dict(EXPLANATIONS)["open_opportunities"] == "The number of opportunities whose status is open."


def test_the_working_of_a_projection_in_spanish(spanish: None) -> None:
    base = figures.ProjectionBase(567, 3_000_000, 100_000)
    ten = figures.projections(base, figures.Decimal("0.4321"), 2025, [])[0]
    assert ten.working.startswith("$11,000.00 al año hoy ($10,000.00 de gasto y $1,000.00 de planes")
    assert "con una retención r = 43.2%" in ten.working and "0 reemplazos pendientes" in ten.working


@pytest.mark.parametrize(
    ("key", "english", "spanish_title"),
    [
        ("revenue_year:2024", "revenue year 2024", "Ingresos de 2024"),
        ("revenue_year:2024:new", "revenue year 2024 new", "Ingresos de 2024: clientes nuevos"),
        (
            "retention_year:2023:lost",
            "retention year 2023 lost",
            "Compraron en 2023 y no volvieron a comprar en 2024",
        ),
        ("pipeline:add_on", "pipeline add on", "Oportunidades abiertas: complemento"),
        ("pipeline:check_in", "pipeline check in", "Oportunidades abiertas: contacto de seguimiento"),
        ("ltv_bucket:1", "ltv bucket 1", "Valor de por vida: menos de $500"),
        ("ltv_bucket:0", "ltv bucket 0", "Valor de por vida: nada aún"),
    ],
)
def test_the_list_behind_a_bar_is_titled_in_the_owners_language(
    key: str, english: str, spanish_title: str
) -> None:
    assert figure_title(key) == english
    i18n.use(i18n.catalog_from_dict("es", catalog_data("es")))
    try:
        assert figure_title(key) == spanish_title
    finally:
        i18n.use(i18n.Catalog())


def test_an_unknown_figure_is_refused_in_spanish(spanish: None) -> None:
    from app.domain.dashboard_keys import parse_figure_key
    from app.domain.errors import UserError

    with pytest.raises(UserError) as refused:
        parse_figure_key("revenue_year:soon")
    assert i18n.translated(refused.value.message) == "No hay ninguna cifra “revenue_year:soon” en el panel."
