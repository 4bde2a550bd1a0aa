"""A small table that flows over pages: wrapped cells, the header repeated on every page.

Laid out first, drawn after, so the statement knows its page count before it
prints "page 1 of 3".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from app.services.documents import fonts, text
from app.services.documents.text import Line

PAD = 2.5
LEADING = 1.25


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "left"  # left | right


@dataclass
class TablePage:
    lines: list[Line] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # x1, x2, y, width
    shades: list[tuple[float, float, float, float]] = field(default_factory=list)  # x, y, w, h

    def draw(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColorRGB(0.92, 0.92, 0.92)
        for x, y, w, h in self.shades:
            canvas.rect(x, y, w, h, stroke=0, fill=1)
        canvas.setStrokeColorRGB(0.4, 0.4, 0.4)
        for x1, x2, y, line_width in self.rules:
            canvas.setLineWidth(line_width)
            canvas.line(x1, y, x2, y)
        canvas.restoreState()
        text.draw(canvas, self.lines)


class Table:
    def __init__(self, page: tuple[float, float], margin: float, columns: list[Column], size: float) -> None:
        self.page = page
        self.margin = margin
        self.columns = columns
        self.size = size
        self.pages: list[TablePage] = []
        self.y = 0.0
        self.in_table = False

    @property
    def width(self) -> float:
        return sum(c.width for c in self.columns)

    def start(self, top: float, first_page: list[Line]) -> None:
        self.pages.append(TablePage(lines=list(first_page)))
        self.y = top

    def paragraph(self, content: str, font: str, size: float, space_before: float = 8) -> None:
        self.in_table = False
        wrapped = text.wrap(text.plain(content), font, size, self.width)
        self._room(space_before + len(wrapped) * size * LEADING)
        self.y -= space_before
        for part in wrapped:
            self.y -= size * LEADING
            self.pages[-1].lines.append(Line(self.margin, self.y + size * 0.25, part, font, size))

    def header(self) -> None:
        self.in_table = True
        self._header_row()

    def _header_row(self) -> None:
        # A heading too long for its column (Spanish "Valor del trabajo") wraps rather than being cut.
        titles = [
            text.wrap(text.plain(c.title), fonts.BOLD, self.size, c.width - 2 * PAD) for c in self.columns
        ]
        height = max(1, *(len(parts) for parts in titles)) * self.size * LEADING + 2 * PAD
        self._room(height * 2)
        self.pages[-1].shades.append((self.margin, self.y - height, self.width, height))
        self._cells([c.title for c in self.columns], fonts.BOLD, wrap=True)

    def row(self, cells: list[str], font: str = fonts.REGULAR, *, note: str = "", note_span: int = 2) -> None:
        """A row; `note` is printed smaller under it, from column `note_span` across the text columns."""
        self._cells(cells, font, wrap=True, note=note, note_span=note_span)

    def rule(self) -> None:
        self.pages[-1].rules.append((self.margin, self.margin + self.width, self.y - 0.5, 0.6))

    def finish(self) -> list[TablePage]:
        return self.pages

    def _cells(self, cells: list[str], font: str, *, wrap: bool, note: str = "", note_span: int = 2) -> None:
        note_x = self.margin + sum(c.width for c in self.columns[:note_span])
        note_width = sum(c.width for c in self.columns[note_span:] if c.align == "left") - 2 * PAD
        note_size = self.size - 0.5
        notes = text.wrap(text.plain(note), fonts.REGULAR, note_size, note_width) if note else []
        wrapped = [
            text.wrap(text.plain(cell), font, self.size, column.width - 2 * PAD)
            if wrap
            else [text.ellipsize(cell, font, self.size, column.width - 2 * PAD)]
            for cell, column in zip(cells, self.columns, strict=True)
        ]
        cell_height = max(1, *(len(parts) for parts in wrapped)) * self.size * LEADING
        height = cell_height + len(notes) * note_size * LEADING + 2 * PAD
        if self._room(height) and self.in_table:
            self._header_row()
        top = self.y - PAD
        x = self.margin
        for parts, column in zip(wrapped, self.columns, strict=True):
            for index, part in enumerate(parts):
                baseline = top - fonts.ASCENT * self.size - index * self.size * LEADING
                anchor = x + column.width - PAD if column.align == "right" else x + PAD
                self.pages[-1].lines.append(
                    text.line_at(anchor, baseline, part, font, self.size, column.align)
                )
            x += column.width
        for index, part in enumerate(notes):
            baseline = top - cell_height - fonts.ASCENT * note_size - index * note_size * LEADING
            self.pages[-1].lines.append(Line(note_x + PAD, baseline, part, fonts.REGULAR, note_size))
        self.y -= height
        self.pages[-1].rules.append((self.margin, self.margin + self.width, self.y, 0.2))

    def _room(self, height: float) -> bool:
        """Start a new page when `height` does not fit; True when it did."""
        if self.y - height >= self.margin + 6:
            return False
        self.pages.append(TablePage())
        self.y = self.page[1] - self.margin
        return True
