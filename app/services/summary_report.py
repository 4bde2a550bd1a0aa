"""The one-page printable summary of the dashboard: the three questions, the headline numbers, four
charts, the projection and the warnings.

Drawn on a reportlab canvas (charts with reportlab.graphics) in the app's embedded
fonts, so customer names in any script print; customer text is drawn as text,
never read as markup. The page is Letter or A4 as the settings say, and the file
is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from app.domain import formatting
from app.domain.dashboard import DashboardData
from app.domain.dashboard_text import (
    HEADLINE_LABELS,
    HEADLINE_ONE_LINERS,
    PROJECTION_METHOD_SHORT,
    kind_words,
)
from app.domain.i18n import t, translated
from app.domain.settings import BusinessSettings
from app.services.documents import fonts, text
from app.services.documents.common import page_size, pdf_canvas
from app.services.documents.text import Line

MARGIN = 36.0
GAP = 14.0
INK = (0.1, 0.1, 0.12)
GRAY = (0.38, 0.38, 0.42)
ACCENT = (0.08, 0.33, 0.6)
WARN = (0.68, 0.22, 0.05)
EXISTING = Color(0.12, 0.36, 0.62)
NEW = Color(0.55, 0.74, 0.9)
RETAINED = Color(0.2, 0.55, 0.45)
PIPELINE = Color(0.85, 0.55, 0.15)
LTV = Color(0.45, 0.38, 0.7)
MAX_CHART_HEIGHT = 190.0
CHART_ROW_GAP = 8.0
ROW = 10.5  # a table row
SMALL = 6.8  # explanations and the method
AXIS_SIZE = 6.3


def render_summary(data: DashboardData, out: Path, settings: BusinessSettings) -> None:
    """Write the one-page summary of `data` to `out` (a PDF) on the paper of `settings`."""
    width, height = page_size(settings)
    usable = width - 2 * MARGIN
    company = text.plain(settings.company_name) or t("Your business")
    working = f" {data.projections[0].working}" if data.projections else ""  # the 10 years, worked out
    method = text.wrap(
        t("How it is worked out: ") + t(PROJECTION_METHOD_SHORT) + working, fonts.REGULAR, SMALL, usable
    )
    warnings = _warning_lines(data, usable - 10)
    # The charts take what the text leaves of the page.
    bottom_text = _projection_height(method) + GAP + _warnings_height(warnings)
    with pdf_canvas(
        out, (width, height), title=t("{company}: customer base summary", company=company), author=company
    ) as canvas:
        top = _header(canvas, company, data.today, height - MARGIN, width)
        top = _questions(canvas, data, top, usable) - GAP
        top = _headline(canvas, data, top, width) - GAP
        chart_height = min(MAX_CHART_HEIGHT, (top - MARGIN - bottom_text - GAP - CHART_ROW_GAP) / 2)
        top = _charts(canvas, data, top, width, chart_height) - GAP
        top = _projection(canvas, data, method, top, usable) - GAP
        _warnings(canvas, warnings, top)
        canvas.showPage()


# ------------------------------------------------------------------ text blocks


def _header(canvas: Canvas, company: str, today: datetime.date, top: float, width: float) -> float:
    usable = width - 2 * MARGIN
    size = text.fit_block([company], fonts.BOLD, size=16, min_size=10, max_width=usable, max_height=40) or 10
    name = text.ellipsize(company, fonts.BOLD, size, usable)
    day = formatting.long_date(today)
    text.draw(canvas, [Line(MARGIN, top - 16 * fonts.ASCENT, name, fonts.BOLD, size)], color=INK)
    subtitle = t("What the customer base is worth: summary as of {day}", day=day)
    text.draw(canvas, [Line(MARGIN, top - 30, subtitle, fonts.REGULAR, 9.5)], color=GRAY)
    canvas.setStrokeColorRGB(*ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN, top - 37, width - MARGIN, top - 37)
    return top - 47


def _questions(canvas: Canvas, data: DashboardData, top: float, usable: float) -> float:
    """The owner's three questions, answered in three boxes."""
    stats = data.stats
    answers = (
        (t("How many bought in the last 3 years?"), f"{stats.bought_last_3_years:,}", t("customers")),
        (
            t("How many of them did we speak to lately?"),
            f"{stats.spoken_to_last_30_days:,}",
            t("{share}, in the last 30 days", share=formatting.percent(data.spoken_share)),
        ),
        (
            t("Who could a competitor take tomorrow?"),
            f"{stats.not_contacted_12_months:,}",
            t("not contacted in a year"),
        ),
    )
    box = (usable - 2 * 8) / 3
    height = 46.0
    for index, (question, number, note) in enumerate(answers):
        x = MARGIN + index * (box + 8)
        canvas.setFillColorRGB(0.93, 0.95, 0.98)
        canvas.setStrokeColorRGB(0.78, 0.84, 0.92)
        canvas.setLineWidth(0.6)
        canvas.roundRect(x, top - height, box, height, 4, stroke=1, fill=1)
        inner = box - 14
        size = (
            text.fit_block([question], fonts.REGULAR, size=8, min_size=6, max_width=inner, max_height=20) or 6
        )
        question = text.ellipsize(question, fonts.REGULAR, size, inner)
        text.draw(canvas, [Line(x + 7, top - 13, question, fonts.REGULAR, size)], color=GRAY)
        text.draw(canvas, [Line(x + 7, top - 35, number, fonts.BOLD, 17)], color=ACCENT)
        number_width = fonts.width(number, fonts.BOLD, 17)
        room = inner - number_width - 5
        note_size = (
            text.fit_block([note], fonts.REGULAR, size=8, min_size=6, max_width=room, max_height=20) or 6
        )
        note = text.ellipsize(note, fonts.REGULAR, note_size, room)
        text.draw(canvas, [Line(x + 12 + number_width, top - 35, note, fonts.REGULAR, note_size)], color=INK)
    return top - height


def _headline(canvas: Canvas, data: DashboardData, top: float, width: float) -> float:
    """Every headline number with its one-line explanation, in two columns."""
    keys = list(HEADLINE_LABELS)
    column = (width - 2 * MARGIN - GAP) / 2
    per_column = (len(keys) + 1) // 2
    row = 19.0
    strong: list[Line] = []
    plain: list[Line] = []
    notes: list[Line] = []
    for index, key in enumerate(keys):
        x = MARGIN + (index // per_column) * (column + GAP)
        y = top - (index % per_column) * row - 8.5 * fonts.ASCENT
        value = data.stats.text(key)
        plain.append(Line(x, y, t(HEADLINE_LABELS[key]), fonts.REGULAR, 8.5))
        strong.append(text.line_at(x + column, y, value, fonts.BOLD, 8.5, align="right"))
        note = text.ellipsize(t(HEADLINE_ONE_LINERS[key]), fonts.REGULAR, 6.8, column)
        notes.append(Line(x, y - 8.8, note, fonts.REGULAR, 6.8))
    text.draw(canvas, plain + strong, color=INK)
    text.draw(canvas, notes, color=GRAY)
    return top - per_column * row + 4


# The projected value first (for 10 years, the headline's), then what it is made of; the replacements
# due come last and apart: they are not part of it (see app.domain.dashboard.Projection).
PROJECTION_COLUMNS = (
    "Projected value",
    "Per customer",
    "From spend",
    "From plans",
    "Replacements due",
    "Their value, apart",
)


def _projection_height(method: list[str]) -> float:
    return 16 + 3 * ROW + 2 + text.block_height(len(method), SMALL)


def _projection(canvas: Canvas, data: DashboardData, method: list[str], top: float, usable: float) -> float:
    """The projection as a small table, with the method under it."""
    customers = data.projections[0].customers if data.projections else 0
    retention = formatting.percent(data.stats.retention_rate)
    heading = t(
        "Projected value of the {customers} who bought in the last 3 years (retention {retention})",
        customers=f"{customers:,}",
        retention=retention,
    )
    heading = text.ellipsize(heading, fonts.BOLD, 10, usable)
    text.draw(canvas, [Line(MARGIN, top - 10 * fonts.ASCENT, heading, fonts.BOLD, 10)], color=INK)
    first = 80.0
    step = (usable - first) / len(PROJECTION_COLUMNS)
    y = top - 16 - 8
    lines = [
        text.line_at(MARGIN + first + (i + 1) * step, y, t(name), fonts.REGULAR, 7.5, align="right")
        for i, name in enumerate(PROJECTION_COLUMNS)
    ]
    text.draw(canvas, lines, color=GRAY)
    rows: list[Line] = []
    for projection in data.projections:
        y -= ROW
        # To the cent like the headline, so the 10-year figure reads the same in both places.
        cells = (
            formatting.money(projection.total),
            formatting.money(projection.per_customer),
            formatting.money(projection.from_spend),
            formatting.money(projection.from_plans),
            f"{projection.replacements:,}",
            formatting.money(projection.from_replacements),
        )
        rows.append(Line(MARGIN, y, t("Next {years} years", years=projection.years), fonts.BOLD, 8))
        rows.extend(
            text.line_at(MARGIN + first + (i + 1) * step, y, cell, fonts.REGULAR, 8, align="right")
            for i, cell in enumerate(cells)
        )
    text.draw(canvas, rows, color=INK)
    y -= 6
    text.draw(canvas, text.block_lines(MARGIN, y, method, fonts.REGULAR, SMALL), color=GRAY)
    return y - text.block_height(len(method), SMALL)


def _warning_lines(data: DashboardData, usable: float) -> list[list[str]]:
    """Each warning as at most two lines, in the owner's language (written in English, as on the page)."""
    blocks = []
    for warning in data.warnings:
        said = f"{translated(warning.title)}. {text.plain(translated(warning.sentence))}"
        lines = text.wrap(said, fonts.REGULAR, 7.8, usable)
        if len(lines) > 2:
            lines = [lines[0], text.ellipsize(" ".join(lines[1:]), fonts.REGULAR, 7.8, usable)]
        blocks.append(lines)
    return blocks or [[t("Nothing needs attention right now.")]]


def _warnings_height(blocks: list[list[str]]) -> float:
    return 14 + sum(text.block_height(len(lines), 7.8) + 3.5 for lines in blocks)


def _warnings(canvas: Canvas, blocks: list[list[str]], top: float) -> None:
    heading = t("Worth acting on")
    text.draw(canvas, [Line(MARGIN, top - 10 * fonts.ASCENT, heading, fonts.BOLD, 10)], color=INK)
    y = top - 14
    for lines in blocks:
        canvas.setFillColorRGB(*WARN)
        canvas.circle(MARGIN + 3, y - 5.2, 1.8, stroke=0, fill=1)
        text.draw(canvas, text.block_lines(MARGIN + 10, y, lines, fonts.REGULAR, 7.8), color=INK)
        y -= text.block_height(len(lines), 7.8) + 3.5


# ------------------------------------------------------------------ charts


def _charts(canvas: Canvas, data: DashboardData, top: float, width: float, height: float) -> float:
    cell = (width - 2 * MARGIN - GAP) / 2
    cells = (
        ("Revenue by year: new vs existing customers", _revenue_chart),
        ("Retention: bought again the next year", _retention_chart),
        ("Open opportunities by kind", _pipeline_chart),
        ("Customers by lifetime value", _ltv_chart),
    )
    for index, (title, build) in enumerate(cells):
        x = MARGIN + (index % 2) * (cell + GAP)
        cell_top = top - (index // 2) * (height + CHART_ROW_GAP)
        text.draw(canvas, [Line(x, cell_top - 9 * fonts.ASCENT, t(title), fonts.BOLD, 9)], color=INK)
        drawing = build(data, cell, height - 14)
        renderPDF.draw(drawing, canvas, x, cell_top - height)
    return top - 2 * height - CHART_ROW_GAP


def _revenue_chart(data: DashboardData, width: float, height: float) -> Drawing:
    bars = data.revenue_by_year
    names = [f"{bar.year % 100:02d}{'*' if bar.to_date else ''}" for bar in bars]
    chart = _bar_chart(
        VerticalBarChart(),
        [[float(bar.existing) for bar in bars], [float(bar.new) for bar in bars]],
        names,
        width,
        height - 12,
        _money_axis,
    )
    chart.categoryAxis.style = "stacked"
    chart.bars[0].fillColor, chart.bars[1].fillColor = EXISTING, NEW
    drawing = _drawing(width, height, chart)
    note = t("{bar} = {year} so far", bar=names[-1], year=bars[-1].year) if bars and bars[-1].to_date else ""
    _legend(drawing, [(EXISTING, t("existing")), (NEW, t("new"))], height - 8, note)
    return drawing


def _retention_chart(data: DashboardData, width: float, height: float) -> Drawing:
    points = data.retention_by_year
    chart = _bar_chart(
        VerticalBarChart(),
        [[float(point.rate) * 100 for point in points]],
        [f"{point.year % 100:02d}→{(point.year + 1) % 100:02d}" for point in points],
        width,
        height,
        lambda value: f"{value:.0f}%",
        maximum=100,
    )
    chart.bars[0].fillColor = RETAINED
    chart.categoryAxis.labels.fontSize = 5.8
    return _drawing(width, height, chart)


def _pipeline_chart(data: DashboardData, width: float, height: float) -> Drawing:
    kinds = [kind for kind in data.pipeline if kind.count] or list(data.pipeline[:4])
    if not any(kind.count for kind in kinds):
        drawing = Drawing(width, height)
        drawing.add(String(4, height / 2, t("No open opportunities yet."), fontName=_font(), fontSize=8))
        return drawing
    names = [f"{kind_words(kind.kind)} ({kind.count:,})" for kind in reversed(kinds)]
    # The names sit left of the axis, so the axis starts where the widest one ends.
    widest = max(fonts.width(name, fonts.REGULAR, AXIS_SIZE) for name in names)
    chart = _bar_chart(
        HorizontalBarChart(),
        [[float(kind.value) for kind in reversed(kinds)]],
        names,
        width,
        height,
        _money_axis,
        left=min(widest + 8, width * 0.45),
    )
    chart.bars[0].fillColor = PIPELINE
    return _drawing(width, height, chart)


def _ltv_chart(data: DashboardData, width: float, height: float) -> Drawing:
    buckets = data.ltv_buckets
    chart = _bar_chart(
        VerticalBarChart(),
        [[bucket.customers for bucket in buckets]],
        [t(bucket.short_label) for bucket in buckets],
        width,
        height,
        lambda value: f"{value:,.0f}",
        whole=True,
    )
    chart.bars[0].fillColor = LTV
    return _drawing(width, height, chart)


def _bar_chart(
    chart: VerticalBarChart | HorizontalBarChart,
    series: list[list[float]],
    names: Sequence[str],
    width: float,
    height: float,
    value_format: Callable[[float], str],
    *,
    maximum: float | None = None,
    whole: bool = False,
    left: float = 34,
) -> VerticalBarChart | HorizontalBarChart:
    chart.x, chart.y = left, 14
    chart.width, chart.height = width - left - 6, height - 20
    chart.data = series
    chart.strokeColor = None
    chart.categoryAxis.categoryNames = list(names)
    chart.categoryAxis.labels.fontName = _font()
    chart.categoryAxis.labels.fontSize = AXIS_SIZE
    chart.categoryAxis.strokeWidth = 0.5
    chart.categoryAxis.visibleTicks = False
    chart.valueAxis.labels.fontName = _font()
    chart.valueAxis.labels.fontSize = AXIS_SIZE
    chart.valueAxis.labelTextFormat = value_format
    chart.valueAxis.valueMin = 0
    chart.valueAxis.strokeWidth = 0.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = Color(0.85, 0.85, 0.88)
    chart.valueAxis.gridStrokeWidth = 0.4
    top = max((sum(values) for values in zip(*series, strict=True)), default=0)
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = _nice_scale(maximum or top, whole)
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 4
    return chart


_NICE = ((1, 0.2), (1.5, 0.5), (2, 0.5), (2.5, 0.5), (3, 1), (4, 1), (5, 1), (6, 2), (8, 2), (10, 2))


def _nice_scale(top: float, whole: bool) -> tuple[float, float]:
    """An axis end at or above `top` that reads well (1, 1.5, 2 … 8 times a power of ten), and its step.

    `whole`: the axis counts something, so a step is never less than one.
    """
    if whole and top <= 5:
        return 5.0, 1.0
    if top <= 0:
        return 1.0, 0.2  # an empty chart still needs a scale
    power = 10 ** math.floor(math.log10(top))
    factor, step = next(pair for pair in _NICE if top <= pair[0] * power * (1 + 1e-9))
    return factor * power, step * power


def _drawing(width: float, height: float, chart: VerticalBarChart | HorizontalBarChart) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(chart)
    return drawing


def _legend(drawing: Drawing, items: list[tuple[Color, str]], y: float, note: str) -> None:
    x = 36.0
    for color, label in items:
        drawing.add(Rect(x, y - 1, 6, 6, fillColor=color, strokeColor=None))
        drawing.add(String(x + 8, y, label, fontName=_font(), fontSize=6.5))
        x += 14 + fonts.width(label, fonts.REGULAR, 6.5)
    if note:
        drawing.add(String(x + 6, y, note, fontName=_font(), fontSize=6.5, fillColor=Color(*GRAY)))


def _money_axis(value: float) -> str:
    amount = Decimal(str(value))
    if abs(amount) >= 1_000_000:
        return f"${amount / 1_000_000:,.1f}M".replace(".0M", "M")
    if abs(amount) >= 1_000:
        return f"${amount / 1_000:,.0f}k"
    return f"${amount:,.0f}"


def _font() -> str:
    return fonts.font(fonts.REGULAR)
