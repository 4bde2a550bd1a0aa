"""The window follows the system palette: a dark theme reads as well as a light one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.services.demo import build_demo
from ui.palettes import dark_palette

ROOT = Path(__file__).resolve().parents[2]
HEX_BACKGROUND = re.compile(r"background(?:-color)?:\s*#[0-9a-fA-F]{3,6}")
TEXT_COLOUR = re.compile(r"(?<![-\w])color:")


@pytest.fixture
def dark(qapp):
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield
    qapp.setPalette(before)


def _lightness(colour: QColor) -> float:
    return colour.lightnessF()


def test_the_dashboard_cards_are_dark_in_a_dark_theme(qtbot, dark, window) -> None:
    build_demo(customers=60, seed=2)
    window.show_page("dashboard")
    page = window.dashboard_page
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    card = page.cards["bought_last_3_years"]
    image = card.grab().toImage()
    background = image.pixelColor(image.width() - 8, image.height() // 2)
    assert _lightness(background) < 0.35, background.name()  # not the hard-coded near-white of old
    assert _lightness(card.palette().color(QPalette.ColorRole.ButtonText)) > 0.7
    assert QApplication.palette().color(QPalette.ColorRole.Base).name() == "#2b2c2f"


def test_no_style_sets_a_background_without_its_text_colour() -> None:
    """A hard-coded light background with the theme's (light, in dark mode) text is unreadable."""
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for rule in re.findall(r"\{[^}]*\}|\"[^\"]*background[^\"]*\"", line):
                if HEX_BACKGROUND.search(rule) and not TEXT_COLOUR.search(rule):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, offenders


def test_the_charts_follow_the_theme(qtbot, dark) -> None:
    from ui.widgets.bar_chart import BarChart

    chart = BarChart("Revenue")
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.show_bars(["2025", "2026"], ["a", "b"], [("Sales", [1.0, 2.0], "#1565c0")])
    image = chart.grab().toImage()
    assert _lightness(image.pixelColor(3, 3)) < 0.35


def _contrast(one: QColor, other: QColor) -> float:
    """WCAG's contrast ratio of two colours (4.5 is the least for body text)."""

    def luminance(colour: QColor) -> float:
        channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _text_colour(label) -> QColor:
    """The colour the label's text is drawn in: the darkest or lightest pixel, away from the window's."""
    image = label.grab().toImage()
    window = label.palette().color(QPalette.ColorRole.Window)
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    return max(pixels, key=lambda colour: _contrast(colour, window))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_help_text_errors_and_disabled_buttons_read_in_either_theme(qtbot, qapp, theme) -> None:
    from PySide6.QtWidgets import QPushButton

    from ui.widgets.basics import show_as_error, text_label

    before = qapp.palette()
    if theme == "dark":
        qapp.setPalette(dark_palette())
    try:
        note = text_label("Calls are never suggested then.", note=True)
        error = text_label("Phone: too short.")
        show_as_error(error)
        enabled, disabled = QPushButton("Save"), QPushButton("Save")
        disabled.setEnabled(False)
        for widget in (note, error, enabled, disabled):
            qtbot.addWidget(widget)
            widget.show()
        window = qapp.palette().color(QPalette.ColorRole.Window)
        assert _contrast(_text_colour(note), window) >= 3.0, theme
        assert _contrast(_text_colour(error), window) >= 4.5, theme
        assert _text_colour(error).red() > _text_colour(error).green() + 60  # still red
        assert _text_colour(enabled) != _text_colour(disabled), theme
    finally:
        qapp.setPalette(before)


def test_a_stacked_chart_leaves_its_legend_room_and_plain_bars_read_on_dark(qtbot, dark) -> None:
    import pyqtgraph as pg

    from ui.widgets.bar_chart import PLAIN_COLOUR, BarChart

    stacked = BarChart("Revenue by year")
    qtbot.addWidget(stacked)
    stacked.show_bars(
        ["2025", "2026"], ["a", "b"], [("New", [1.0, 2.0], "#2e7d32"), ("Existing", [1.0, 2.0], "#1565c0")]
    )
    _low, high = stacked.plot.getPlotItem().vb.viewRange()[1]
    assert high >= 4.0 * 1.4  # the tallest bar (4) stops below the legend's row
    plain = BarChart("Customers by value", horizontal=True)
    qtbot.addWidget(plain)
    plain.show_bars(["under $500"], ["x"], [("Customers", [3.0], PLAIN_COLOUR)])
    (bars,) = [
        item for item in plain.plot.getPlotItem().items if hasattr(item, "opts") and "brush" in item.opts
    ]
    brush = pg.mkColor(bars.opts["brush"])
    assert _contrast(brush, QApplication.palette().color(QPalette.ColorRole.Base)) >= 3.0
