"""The relationship dashboard: the three questions at a glance, what the base is worth, what to act on.

Every number and every bar opens the list of customers behind it; every number
says how it is worked out (its tooltip, and "How these are worked out").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import clock
from app.domain.dashboard_keys import figure_title
from app.domain.dashboard_text import HEADLINE_LABELS
from app.domain.i18n import t, translated
from app.domain.money import format_money
from app.domain.opportunities import KIND_LABELS
from app.domain.stats import EXPLANATIONS, percent
from app.services.dashboard import dashboard_data
from app.services.settings import load_settings
from ui.dialogs.figure_customers import FigureCustomersDialog
from ui.messages import show_long_text
from ui.printing import print_to_preview
from ui.tasks import TaskRunner
from ui.text import count_text

# Colours from the system palette, so the cards read in a dark theme as in a light one.
CARD_STYLE = (
    "QPushButton { text-align: left; padding: 8px 10px; border: 1px solid palette(mid); border-radius: 6px;"
    " background: palette(base); color: palette(text); }"
    " QPushButton:hover { background: palette(alternate-base); border-color: palette(highlight); }"
)


def _customers(count: int) -> str:
    return count_text(count, "customer")


class DashboardPage(QWidget):
    open_customer = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data: Any = None
        self.heading = QLabel(self.tr("<h2>Your customer base</h2>"))
        self.print_button = QPushButton(self.tr("Print summary…"))
        self.print_button.clicked.connect(self.print_summary)
        self.print_button.setEnabled(False)
        method = QPushButton(self.tr("How these are worked out"))
        method.clicked.connect(self.explain)
        self.cards: dict[str, QPushButton] = {}
        self.questions = self._card_row(
            [
                "bought_last_3_years",
                "spoken_to_last_30_days",
                "not_spoken_to_last_30_days",
                "not_contacted_12_months",
            ]
        )
        self.worth = self._card_row(
            [
                "lifetime_value_total",
                "projection:10",
                "projection:15",
                "retention_rate",
                "repeat_revenue_share",
                "open_opportunity_value",
                "commission_owed_to_us",
                "commission_we_owe",
            ],
            columns=4,
        )
        self.warnings = QListWidget()
        self.warnings.setObjectName("dashboardWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.itemActivated.connect(
            lambda item: self.open_figure(item.data(Qt.ItemDataRole.UserRole))
        )
        self.warnings.setMaximumHeight(130)
        self.charts = QGridLayout()  # filled on first load: pyqtgraph need not slow the app's start

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(method)
        top.addWidget(self.print_button)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(top)
        column.addLayout(self.questions)
        column.addLayout(self.worth)
        column.addWidget(QLabel(self.tr("<b>Worth acting on</b> (double-click for the customers)")))
        column.addWidget(self.warnings)
        column.addLayout(self.charts, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _card_row(self, keys: list[str], columns: int = 4) -> QGridLayout:
        grid = QGridLayout()
        for index, key in enumerate(keys):
            card = QPushButton()
            card.setObjectName(f"card_{key}")
            card.setStyleSheet(CARD_STYLE)
            card.setMinimumHeight(58)
            card.clicked.connect(lambda _checked=False, k=key: self.open_figure(k))
            self.cards[key] = card
            grid.addWidget(card, index // columns, index % columns)
        return grid

    # --- loading ---------------------------------------------------------------------------
    def load(self) -> None:
        today = clock.today()
        self.heading.setText(self.tr("<h2>Your customer base</h2>"))
        self.runner.run(
            self.tr("Adding up the customer base…"),
            lambda progress, cancel: dashboard_data(today, progress=progress, cancel=cancel),
            on_done=self.show_data,
        )

    def show_data(self, data: Any) -> None:
        self.data = data
        stats = data.stats
        text = stats.text  # every headline number reads as on the printed summary and in `stats`
        projections = {p.years: p for p in data.projections}
        texts = {
            "bought_last_3_years": ("Bought in the last 3 years", _customers(stats.bought_last_3_years)),
            "spoken_to_last_30_days": (
                "Of them, spoken to in the last 30 days",
                f"{text('spoken_to_last_30_days')} ({percent(data.spoken_share)})",
            ),
            "not_spoken_to_last_30_days": (
                "A competitor could take them tomorrow",
                count_text(
                    stats.bought_last_3_years - stats.spoken_to_last_30_days,
                    "recent buyer not spoken to",
                    "recent buyers not spoken to",
                ),
            ),
            "not_contacted_12_months": (
                "Not contacted for 12 months",
                _customers(stats.not_contacted_12_months),
            ),
            "lifetime_value_total": (
                "Lifetime value",
                t(
                    "{total} (average {average})",
                    total=text("lifetime_value_total"),
                    average=text("average_lifetime_value"),
                ),
            ),
            "retention_rate": ("Retention (bought again next year)", text("retention_rate")),
            "repeat_revenue_share": ("Revenue from existing customers", text("repeat_revenue_share")),
            "open_opportunity_value": (
                "Open opportunities",
                t(
                    "{count} worth {value}",
                    count=text("open_opportunities"),
                    value=text("open_opportunity_value"),
                ),
            ),
            "commission_owed_to_us": ("Partners owe us", text("commission_owed_to_us")),
            "commission_we_owe": ("We owe partners", text("commission_we_owe")),
        }
        tips = {key: EXPLANATIONS.get(key, "") for key in texts}
        for years in (10, 15):
            projection = projections.get(years)
            key = f"projection:{years}"
            if projection is None:
                texts[key], tips[key] = (f"Next {years} years, projected", ""), ""
                continue
            # The 10-year card is the headline projected value: the very number `stats` prints.
            texts[key] = (
                f"Next {years} years, projected",
                f"{format_money(projection.total)}\n"
                + self.tr("plus %1 in replacements due").replace(
                    "%1", format_money(projection.from_replacements)
                ),
            )
            tips[key] = f"{projection.working}\n\n{t(data.projection_method)}"
        for key, (title, value) in texts.items():
            card = self.cards[key]
            card.setText(f"{translated(title)}\n{value}")  # the cards' titles: app_<language>.toml
            card.setToolTip(tips[key])
        self._show_warnings(data)
        self._show_charts(data)
        self.print_button.setEnabled(True)

    def _show_warnings(self, data: Any) -> None:
        self.warnings.clear()
        for warning in data.warnings:
            # Written in English with the figures (as `dashboard --json` gives them), read here in the
            # owner's language by the patterns of app_<language>/dashboard.toml.
            item = QListWidgetItem(f"⚠ {translated(warning.title)}: {translated(warning.sentence)}")
            item.setData(Qt.ItemDataRole.UserRole, warning.key)
            self.warnings.addItem(item)
        if not data.warnings:
            self.warnings.addItem(self.tr("Nothing needs attention today."))

    def _make_charts(self) -> None:
        from ui.widgets.bar_chart import BarChart

        self.revenue = BarChart(self.tr("Revenue by year: new and existing customers"))
        self.retention = BarChart(self.tr("Retention: bought again the next year"))
        self.pipeline = BarChart(self.tr("Open opportunities by kind (value)"), horizontal=True)
        self.ltv = BarChart(self.tr("Customers by lifetime value"), horizontal=True)
        for index, chart in enumerate((self.revenue, self.retention, self.pipeline, self.ltv)):
            chart.clicked.connect(self.open_figure)
            self.charts.addWidget(chart, index // 2, index % 2)

    def _show_charts(self, data: Any) -> None:
        from ui.widgets.bar_chart import EXISTING_COLOUR, NEW_COLOUR, PLAIN_COLOUR

        if not hasattr(self, "revenue"):
            self._make_charts()
        years = data.revenue_by_year
        self.revenue.show_bars(
            [f"{y.year}{'*' if y.to_date else ''}" for y in years],
            [y.key() for y in years],
            [
                (t("New customers"), [float(y.new) for y in years], NEW_COLOUR),
                (t("Existing customers"), [float(y.existing) for y in years], EXISTING_COLOUR),
            ],
            money=True,
        )
        kept = data.retention_by_year
        self.retention.show_bars(
            [str(r.year) for r in kept],
            [r.key() for r in kept],
            [(t("Retained"), [float(r.rate) for r in kept], EXISTING_COLOUR)],
            percent=True,
        )
        kinds = data.pipeline
        self.pipeline.show_bars(
            [t(KIND_LABELS.get(k.kind, k.kind)) for k in kinds],
            [k.key for k in kinds],
            [(t("Value"), [float(k.value) for k in kinds], PLAIN_COLOUR)],
            money=True,
        )
        buckets = data.ltv_buckets
        self.ltv.show_bars(
            [translated(b.label) for b in buckets],
            [b.key for b in buckets],
            [(t("Customers"), [b.customers for b in buckets], PLAIN_COLOUR)],
        )

    # --- acting on it ------------------------------------------------------------------------
    def open_figure(self, key: str | None) -> None:
        if not key or self.data is None:
            return
        dialog = FigureCustomersDialog(self.runner, key, self.data.today, self._title_of(key), self)
        dialog.open_customer.connect(self.open_customer.emit)
        dialog.start()

    def _title_of(self, key: str) -> str:
        card = self.cards.get(key)
        if card is not None:
            return card.text().splitlines()[0]
        for warning in self.data.warnings:
            if warning.key == key:
                return translated(warning.title)
        return figure_title(key)

    def explain(self) -> None:
        # Each figure under the name the page and the printed summary give it.
        lines = [f"• {t(HEADLINE_LABELS[key])}: {text}" for key, text in EXPLANATIONS.items()]
        if self.data is not None:
            lines += ["", *(p.working for p in self.data.projections), "", t(self.data.projection_method)]
        show_long_text(self, self.tr("How these are worked out"), "\n".join(lines))

    def print_summary(self) -> None:
        from app.services.summary_report import render_summary  # reportlab loads on first use

        data = self.data
        if data is None:
            return
        print_to_preview(
            self.runner,
            self,
            self.tr("Customer base summary"),
            f"summary-{data.today}",
            lambda out, _progress, _cancel: render_summary(data, out, load_settings()),
        )
