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
