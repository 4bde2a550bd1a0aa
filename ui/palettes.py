"""The light and dark palettes the screenshots (and the tests) check the window in.

The app itself follows the system's palette; these stand in for a system theme where there
is none (offscreen), so both can be looked at.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.Base: "#2b2c2f",
    QPalette.ColorRole.AlternateBase: "#35363a",
    QPalette.ColorRole.Button: "#35363a",
    QPalette.ColorRole.Mid: "#5f6368",
    QPalette.ColorRole.Dark: "#18191b",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.ToolTipBase: "#35363a",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Highlight: "#8ab4f8",
    QPalette.ColorRole.HighlightedText: "#202124",
    QPalette.ColorRole.Link: "#8ab4f8",
}
# Greyed out, as a system's dark theme does: a disabled button must not look like one that works.
DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7c7f84",
    QPalette.ColorRole.Text: "#7c7f84",
    QPalette.ColorRole.ButtonText: "#7c7f84",
    QPalette.ColorRole.Button: "#2a2b2e",
    QPalette.ColorRole.Base: "#26272a",
}
THEMES = ("light", "dark")


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """`light` keeps the style's own palette; `dark` puts the dark one in its place."""
    if theme == "dark":
        app.setPalette(dark_palette())
