"""The printed summary in Spanish: every heading, label, chart and warning, the figures as in English."""

from __future__ import annotations

from pathlib import Path

from app.domain import dashboard_text, i18n
from app.services.summary_report import render_summary
from tests.services.test_summary_report import SETTINGS, hand_built, pdf_text


def test_the_summary_reads_in_spanish(tmp_path: Path, spanish: None) -> None:
    out = tmp_path / "resumen.pdf"

    render_summary(hand_built(), out, SETTINGS)

    reader, words = pdf_text(out)
    assert len(reader.pages) == 1
    for expected in (
        "Lo que vale la cartera de clientes: resumen al 15 de junio de 2025",
        "¿Cuántos compraron en los últimos 3 años?",
        "¿Con cuántos de ellos hablamos últimamente?",
        "15.7%, en los últimos 30 días",
        "¿A quiénes podría llevarse la competencia mañana?",
        "sin contacto en un año",
        "Valor proyectado de los 567 que compraron en los últimos 3 años (retención 43.2%)",
        "Próximos 10 años",
        "Del gasto De los planes Reemplazos Su valor, aparte",  # the columns, each clear of the next
        "Cómo se calcula: Cuenta con los clientes que compraron en los últimos 3 años",
        "$11,000.00 al año hoy",
        "Ingresos por año: clientes nuevos y existentes",
        "Retención: volvieron a comprar al año siguiente",
        "Oportunidades abiertas por tipo",
        "Clientes por valor de por vida",
        "existentes",
        "25* = 2025 hasta hoy",
        "reemplazo (12)",
        "renovación (30)",
        "Vale la pena actuar",
        "Un solo cliente concentra demasiados ingresos. Wang Wei 王伟 <i>&amp;</i> aportó el 30%",
        "2 planes de servicio ($380.00 al año) vencen este mes",
        "$987,654.32",
        "$19,365.21",
    ):
        assert expected in words, expected
    for label, line in zip(
        dashboard_text.HEADLINE_LABELS.values(), dashboard_text.HEADLINE_ONE_LINERS.values(), strict=True
    ):
        assert i18n.t(label) in words and i18n.t(line) in words, label
    for english in (
        "summary as of",
        "How it is worked out",
        "Worth acting on",
        "brought in",
        "Next 10 years",
    ):
        assert english not in words, english


def test_a_spanish_summary_with_nothing_yet(tmp_path: Path, db: object, spanish: None) -> None:
    from app.services.dashboard import dashboard_data
    from tests.services.test_summary_report import TODAY

    out = tmp_path / "resumen.pdf"

    render_summary(dashboard_data(TODAY, settings=SETTINGS), out, SETTINGS)

    _, words = pdf_text(out)
    assert "Aún no hay oportunidades abiertas." in words
    assert "Nada requiere atención por ahora." in words
