"""The dashboard in Spanish: cards, warnings, tooltips, "Cómo se calculan" and the lists behind the
figures; in English the same figures read as they always have."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit

from app.domain import clock
from app.domain.i18n import translated
from app.services.demo import build_demo
from app.services.settings import update_settings
from app.services.stats import headline_stats
from tests.ui.helpers import close_when_idle
from ui.dialogs.figure_customers import FigureCustomersDialog

SPANISH_TITLES = {
    "Un solo cliente concentra demasiados ingresos",
    "Clientes con varias direcciones compran solo para una",
    "Sus mejores clientes están inactivos",
    "Planes de servicio que vencen este mes",
}


def _dashboard(qtbot, database: Path, language: str):
    from ui.main_window import MainWindow
    from ui.translation import install_language

    build_demo(customers=200, seed=5)
    update_settings({"language": language})
    install_language(language)
    window = MainWindow(str(database))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("dashboard")
    qtbot.waitUntil(lambda: window.dashboard_page.data is not None and not window.runner.busy, timeout=30_000)
    return window, window.dashboard_page


def _open_list(qtbot, page, key: str) -> FigureCustomersDialog:
    page.open_figure(key)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, FigureCustomersDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=20_000,
    )
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, FigureCustomersDialog))


def test_the_dashboard_reads_in_spanish(qtbot, database: Path) -> None:
    window, page = _dashboard(qtbot, database, "es")
    stats = headline_stats(clock.today())
    value = page.cards["lifetime_value_total"].text()
    assert value == (
        f"Valor de por vida\n{stats.text('lifetime_value_total')} "
        f"(promedio {stats.text('average_lifetime_value')})"
    )
    assert page.cards["open_opportunity_value"].text() == (
        f"Oportunidades abiertas\n{stats.text('open_opportunities')} que valen "
        f"{stats.text('open_opportunity_value')}"
    )
    assert page.cards["bought_last_3_years"].text().endswith(f"\n{stats.bought_last_3_years:,} clientes")
    assert (
        page.cards["not_contacted_12_months"]
        .toolTip()
        .startswith("Clientes no marcados como “no dar servicio”")
    )
    projected = page.cards["projection:10"].toolTip()
    assert " al año hoy (" in projected and "Cómo se calcula la proyección." in projected

    warnings = [page.warnings.item(row).text() for row in range(page.warnings.count())]
    assert len(warnings) >= 2
    for shown, warning in zip(warnings, page.data.warnings, strict=True):
        title = shown.removeprefix("⚠ ").split(": ", 1)[0]
        assert title in SPANISH_TITLES or title.endswith(" clientes concentran demasiados ingresos"), shown
        assert warning.sentence not in shown and translated(warning.sentence) in shown
    assert not any(english in " ".join(warnings) for english in ("customers", "brought in", "service plan"))

    page.explain()
    dialog = next(d for d in page.findChildren(QDialog) if d.isVisible())
    text = dialog.findChild(QPlainTextEdit, "longText").toPlainText()
    assert "• Clientes: Todos los clientes de la base de datos, cada uno contado una vez." in text
    assert "• Tasa de retención: De los clientes que compraron en el año calendario antepasado" in text
    assert "Every customer" not in text and "Cómo se calcula la proyección." in text
    assert "• Ingresos de clientes existentes: " in text  # the name the card gives it
    dialog.close()

    listed = _open_list(qtbot, page, page.data.warnings[0].key)
    assert listed.windowTitle() == translated(page.data.warnings[0].title)
    assert listed.count.text().endswith(" clientes") or listed.count.text() == "1 cliente"
    headings = [
        listed.rows.headerData(column, Qt.Orientation.Horizontal)
        for column in range(listed.rows.columnCount())
    ]
    assert headings == ["Cliente", "Teléfono", "Ciudad", "Valor"]
    listed.close()

    listed = _open_list(qtbot, page, "pipeline:replacement")
    assert listed.windowTitle() == "Oportunidades abiertas: reemplazo"
    listed.close()
    close_when_idle(window)


def test_the_same_dashboard_in_english_is_unchanged(qtbot, database: Path) -> None:
    window, page = _dashboard(qtbot, database, "en")
    stats = headline_stats(clock.today())
    total, average = stats.text("lifetime_value_total"), stats.text("average_lifetime_value")
    assert page.cards["lifetime_value_total"].text() == f"Lifetime value\n{total} (average {average})"
    assert page.cards["open_opportunity_value"].text() == (
        f"Open opportunities\n{stats.text('open_opportunities')} worth {stats.text('open_opportunity_value')}"
    )
    warnings = [page.warnings.item(row).text() for row in range(page.warnings.count())]
    assert warnings == [f"⚠ {w.title}: {w.sentence}" for w in page.data.warnings]
    listed = _open_list(qtbot, page, "pipeline:replacement")
    assert listed.windowTitle() == "pipeline replacement"
    listed.close()
    close_when_idle(window)
