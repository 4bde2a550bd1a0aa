"""A small bar chart (pyqtgraph) whose bars can be clicked: each bar opens the customers behind it."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

NEW_COLOUR = "#2e7d32"
EXISTING_COLOUR = "#1565c0"
PLAIN_COLOUR = "#455a64"  # slate; on a dark chart the lighter slate below (it read 1.9:1 there)
PLAIN_ON_DARK = "#90a4ae"
LEGEND_ROOM = 1.45  # the bars reach 1/1.45 of the height: the legend's row above them covers none


class BarChart(QWidget):
    """Bars (optionally stacked in two series) over labelled categories; `clicked(key)` on a bar."""

    clicked = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None, *, horizontal: bool = False) -> None:
        super().__init__(parent)
        self.horizontal = horizontal  # long category names read better down the side
        # The chart's colours from the palette (a dark theme gets a dark chart), set before it is built.
        palette = self.palette()
        pg.setConfigOptions(
            antialias=True,
            background=palette.color(QPalette.ColorRole.Base),
            foreground=palette.color(QPalette.ColorRole.Text),
        )
        self.plot = pg.PlotWidget()
        self.plot.setTitle(title, size="10pt", color=palette.color(QPalette.ColorRole.Text))
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(y=True, alpha=0.2)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self.legend = self.plot.addLegend(offset=(-10, 5), colCount=2)  # one row, above the bars
        self._keys: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setMinimumHeight(170)

    def show_bars(
        self,
        labels: Sequence[str],
        keys: Sequence[str],
        series: Sequence[tuple[str, Sequence[float], str]],
        *,
        money: bool = False,
        percent: bool = False,
    ) -> None:
        """`series` is (name, values, colour); two or more are stacked."""
        self.plot.clear()
        self.legend.clear()
        self._keys = list(keys)
        base = [0.0] * len(labels)
        places = list(range(len(labels)))
        dark = self.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5
        for name, values, colour in series:
            colour = PLAIN_ON_DARK if dark and colour == PLAIN_COLOUR else colour
            if self.horizontal:
                bars = pg.BarGraphItem(
                    y=places,
                    width=list(values),
                    x0=list(base),
                    height=0.7,
                    brush=colour,
                    pen=pg.mkPen(colour),
                )
            else:
                bars = pg.BarGraphItem(
                    x=places,
                    height=list(values),
                    y0=list(base),
                    width=0.7,
                    brush=colour,
                    pen=pg.mkPen(colour),
                )
            self.plot.addItem(bars)
            if len(series) > 1:
                self.legend.addItem(bars, name)
            base = [b + v for b, v in zip(base, values, strict=True)]
        category, amount = ("left", "bottom") if self.horizontal else ("bottom", "left")
        self.plot.getAxis(category).setTicks([list(enumerate(labels))])
        value_axis = self.plot.getAxis(amount)
        if money:
            value_axis.tickStrings = lambda values, _scale, _spacing: [_short_money(v) for v in values]
        elif percent:
            value_axis.tickStrings = lambda values, _scale, _spacing: [f"{v:.0%}" for v in values]
        top = max(base, default=1) * (LEGEND_ROOM if len(series) > 1 else 1.08) or 1
        if self.horizontal:
            self.plot.setYRange(-0.6, len(labels) - 0.4, padding=0)
            self.plot.setXRange(0, top, padding=0)
            self.plot.getPlotItem().invertY(True)  # the first category on top, as people read
        else:
            self.plot.setXRange(-0.6, len(labels) - 0.4, padding=0)
            self.plot.setYRange(0, top, padding=0)

    def _on_click(self, event) -> None:
        point = self.plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        place = point.y() if self.horizontal else point.x()
        index = round(place)
        if 0 <= index < len(self._keys) and abs(place - index) <= 0.4:
            self.clicked.emit(self._keys[index])

    def bar_keys(self) -> list[str]:
        return list(self._keys)


def _short_money(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"${value / 1_000_000:.1f}M"
    if abs(value) >= 1_000:
        return f"${value / 1_000:.0f}k"
    return f"${value:.0f}"
