"""The dashboard answers the three questions, each number opens its customers, and the summary prints."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.domain import clock
from app.domain.money import format_money
from app.services.demo import build_demo
from app.services.stats import headline_stats
from ui.dialogs.figure_customers import FigureCustomersDialog


def test_the_three_questions_and_the_customers_behind_them(qtbot, window) -> None:
    build_demo(customers=200, seed=5)
    stats = headline_stats(clock.today())
    page = window.dashboard_page
    window.show_page("dashboard")
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    assert f"{stats.bought_last_3_years:,} customers" in page.cards["bought_last_3_years"].text()
    assert f"{stats.spoken_to_last_30_days:,} (" in page.cards["spoken_to_last_30_days"].text()
    assert page.cards["not_contacted_12_months"].toolTip()  # every number says how it is worked out
    # The 10-year card is the headline projected value, read the way `stats` and the summary print it.
    assert format_money(stats.projected_value_10_years) in page.cards["projection:10"].text()
    assert "(1 + r + r² + … + r⁹)" in page.cards["projection:10"].toolTip()
    assert stats.text("retention_rate") in page.cards["retention_rate"].text()
    assert stats.text("commission_owed_to_us") in page.cards["commission_owed_to_us"].text()
    assert page.revenue.bar_keys()  # the charts are drawn, each bar with the key of its list

    page.cards["bought_last_3_years"].click()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, FigureCustomersDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=20_000,
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FigureCustomersDialog))
    assert dialog.rows.rowCount() == stats.bought_last_3_years
    first = dialog.rows.row_object(0)
    dialog.view.doubleClicked.emit(dialog.rows.index(0, 0))
    assert window.current_page_key() == "customers"
    assert window.customers_page.selected_customer_id() == first.id
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    close.click()  # a list to read: one Close button
    assert not dialog.isVisible()
