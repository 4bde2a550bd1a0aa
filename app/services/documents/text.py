"""Customer text drawn as text: never parsed as markup, wrapped and shrunk by measured width.

Everything goes through a reportlab text object with plain `textOut`, which
escapes what PDF needs escaped and interprets nothing: "Smith & Sons <b>"
prints those sixteen characters. (reportlab's Paragraph would read "<b>" as
bold and choke on "&", so it is never used for data.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from app.domain.values import clean_text
from app.services.documents import fonts

# Chinese, Japanese and Korean text has no spaces: a line may break between any two characters.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_BREAKABLE = re.compile(f"[{_CJK}]")
_CJK_PIECES = re.compile(f"[{_CJK}]|[^{_CJK}]+")
# A group of a phone number: "(410)", "296-4820", "+44", "7946", "555.0134" (a trailing comma or
# full stop is not part of it, so "2026," or "4820." still ends the run where the sentence goes on).
_PHONE_PART = re.compile(r"\+?\(?\d[\d\-.]*\)?(?<![.\-])")


@dataclass(frozen=True)
class Line:
    """One line to draw: where its baseline starts, what, and in which font and size."""

    x: float
    y: float
    text: str
    font: str = fonts.REGULAR
    size: float = 10.0


def draw(canvas: Canvas, lines: Sequence[Line], *, color: tuple[float, float, float] | None = None) -> None:
    """Draw many lines in one PDF text object (much faster than one drawString per line)."""
    if not lines:
        return
    text = canvas.beginText()
    if color is not None:
        text.setFillColorRGB(*color)
    current: tuple[str, float] | None = None
    for line in lines:
        if not line.text:
            continue
        text.setTextOrigin(line.x, line.y)
        for run_font, part in fonts.runs(fonts.normalize(line.text), line.font):
            if current != (run_font, line.size):
                text.setFont(run_font, line.size)
                current = (run_font, line.size)
            text.textOut(fonts.shaped(part, run_font, line.size))
    canvas.drawText(text)


def line_at(
    x: float, y: float, text: str, font: str = fonts.REGULAR, size: float = 10.0, align: str = "left"
) -> Line:
    """A line aligned left, right (x is its right end) or centred (x is its middle)."""
    if align == "right":
        x -= fonts.width(text, font, size)
    elif align == "center":
        x -= fonts.width(text, font, size) / 2
    return Line(x, y, text, font, size)


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Greedy word wrap by printed width; a word wider than the line (or CJK text) breaks anywhere.

    Widths add up word by word (reportlab applies no kerning), so each word is measured once; and
    a batch wraps the same template paragraph many times, so the answers are remembered.
    """
    return list(_wrap(text, font, size, max_width))


@lru_cache(maxsize=4096)
def _wrap(text: str, font: str, size: float, max_width: float) -> tuple[str, ...]:
    text = fonts.normalize(text)
    if fonts.width(text, font, size) <= max_width:
        return (text,) if text else ()
    space = fonts.width(" ", font, size)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for token in _tokens(text):
        word = token.rstrip()
        trailing = space * (len(token) - len(word))
        word_width = fonts.width(word, font, size)
        if current and used + word_width > max_width:
            lines.append("".join(current).rstrip())
            current, used = [], 0.0
        if not current and word_width > max_width:
            while len(word) > 1 and fonts.width(word, font, size) > max_width:
                head = _longest_prefix(word, font, size, max_width)
                lines.append(head)
                word = word[len(head) :]
            word_width = fonts.width(word, font, size)
            token = word + token[len(token.rstrip()) :]
        current.append(token)
        used += word_width + trailing
    if current and "".join(current).strip():
        lines.append("".join(current).rstrip())
    return tuple(lines)


def plain(text: object) -> str:
    """Text as it prints: NFC, no control characters, single spaces (fast for ordinary text)."""
    value = "" if text is None else str(text)
    if value.isprintable():
        return " ".join(fonts.normalize(value).split())
    return clean_text(value)


def _tokens(text: str) -> list[str]:
    """Words with their following space; each CJK character is a token of its own, and a phone
    number is one token ("(410) 296-4820" never breaks after "(410)")."""
    tokens: list[str] = []
    for word in re.findall(r"\S+\s*", text):
        if _BREAKABLE.search(word):
            tokens.extend(_CJK_PIECES.findall(word))
        elif (
            tokens
            and _PHONE_PART.fullmatch(word.rstrip().rstrip(".,;:!?"))
            and _PHONE_PART.fullmatch(tokens[-1].split()[-1])
        ):
            tokens[-1] += word
        else:
            tokens.append(word)
    return tokens


def _longest_prefix(text: str, font: str, size: float, max_width: float) -> str:
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fonts.width(text[:middle], font, size) <= max_width:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def block_height(count: int, size: float, leading: float = 1.15) -> float:
    """From the top of the first line's letters to the bottom of the last line's."""
    if count <= 0:
        return 0.0
    return (fonts.ASCENT + fonts.DESCENT) * size + (count - 1) * size * leading


def fit_block(
    lines: Sequence[str],
    font: str,
    *,
    size: float,
    min_size: float,
    max_width: float,
    max_height: float,
    leading: float = 1.15,
) -> float | None:
    """The largest size from `size` down to `min_size` (quarter points) at which the lines fit, or None."""
    widest = max((fonts.width(line, font, 1.0) for line in lines), default=0.0)
    step = size
    while step >= min_size - 1e-9:
        if widest * step <= max_width and block_height(len(lines), step, leading) <= max_height:
            return step
        step -= 0.25
    return None


def fit_wrapped(
    lines: Sequence[str],
    font: str,
    *,
    size: float,
    min_size: float,
    max_width: float,
    max_height: float,
    leading: float = 1.15,
) -> tuple[float, list[str]] | None:
    """The largest size (quarter points, `size` down to `min_size`) at which the lines fit the box,
    with the lines as printed; None when even wrapped at `min_size` they do not.

    For an address: each line is kept whole while a size down to `min_size` allows (a long name is
    shrunk a little rather than broken); then a long company or street is wrapped onto a second
    line rather than refused, the last line (city, state and ZIP, which the post reads as one)
    still whole; only then is every line wrapped.
    """
    for wrappable in (0, len(lines) - 1, len(lines)):
        step = size
        while step >= min_size - 1e-9:
            wrapped: list[str] = []
            for index, line in enumerate(lines):
                if index < wrappable:
                    wrapped += wrap(line, font, step, max_width) or [line]
                else:
                    wrapped.append(line)
            wide = any(fonts.width(line, font, step) > max_width for line in wrapped)
            if not wide and block_height(len(wrapped), step, leading) <= max_height:
                return step, wrapped
            step -= 0.25
    return None


def block_lines(
    x: float, top: float, lines: Sequence[str], font: str, size: float, leading: float = 1.15
) -> list[Line]:
    """Lines whose letters start right under `top` (a y coordinate), one under the other."""
    first = top - fonts.ASCENT * size
    return [Line(x, first - index * size * leading, text, font, size) for index, text in enumerate(lines)]


def ellipsize(text: str, font: str, size: float, max_width: float) -> str:
    """Cut text to the width with "…" (for a line that may be shortened, never for an address)."""
    if fonts.width(text, font, size) <= max_width:
        return text
    return _longest_prefix(text, font, size, max_width - fonts.width("…", font, size)).rstrip() + "…"
