"""The fonts embedded in every PDF, and choosing one per character so every script prints.

DejaVu Sans covers Latin with its accents, Vietnamese, Greek and Cyrillic; Droid Sans
Fallback covers Chinese, Japanese kana and Korean; Noto Sans Devanagari, Noto Sans Thai and
Noto Emoji (subsets, resources/fonts/README.md) cover Hindi and the other Devanagari
languages, Thai, and emoji. Text is split into runs, each drawn with the first font of its
chain that has the glyph: "Wang 王伟 👍" becomes ("Wang ", DejaVu) + ("王伟", Droid) + (" ",
DejaVu) + ("👍", Noto Emoji). A fallback font is only read from disk the first time a
character needs it, and the script a character belongs to says which fallback to try first
(an emoji never loads the big CJK font). A character no font has is reported (it would
print as an empty box), never silently dropped. Emoji print in black and white: a PDF font
carries outlines, not colour pictures.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont, shapeStr

FONTS_DIR = Path(__file__).resolve().parents[3] / "resources" / "fonts"

REGULAR = "CFL-Sans"
BOLD = "CFL-Sans-Bold"
CJK = "CFL-CJK"
DEVANAGARI = "CFL-Devanagari"
THAI = "CFL-Thai"
EMOJI = "CFL-Emoji"
FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallback.ttf",
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    THAI: "NotoSansThai-Regular.ttf",
    EMOJI: "NotoEmoji-Regular.ttf",
}
FALLBACKS = (CJK, DEVANAGARI, THAI, EMOJI)
SHAPED = frozenset({DEVANAGARI, THAI})  # scripts whose letters combine and reorder as they are drawn
# The fonts tried, in order, for a character the first one lacks.
CHAINS = {
    REGULAR: (REGULAR, *FALLBACKS),
    BOLD: (BOLD, REGULAR, *FALLBACKS),
    CJK: (CJK, REGULAR, DEVANAGARI, THAI, EMOJI),
    DEVANAGARI: (DEVANAGARI, REGULAR, *FALLBACKS),
    THAI: (THAI, REGULAR, *FALLBACKS),
    EMOJI: (EMOJI, REGULAR, *FALLBACKS),
}
# Which fallback a character's block points to first (the first and last code point of a block).
_BLOCKS = (
    (0x0900, 0x097F, DEVANAGARI),
    (0xA8E0, 0xA8FF, DEVANAGARI),
    (0x1CD0, 0x1CFF, DEVANAGARI),
    (0x0E00, 0x0E7F, THAI),
    (0x2600, 0x27BF, EMOJI),
    (0x1F000, 0x1FAFF, EMOJI),
)
# Presentation selectors ask for a coloured or a text glyph; one set of outlines has no choice to make.
_SELECTORS = dict.fromkeys(map(ord, "\ufe0e\ufe0f"))

# How far any of the Latin fonts reaches above and below the baseline, per point of size
# (their ascent and descent as reportlab writes them into the PDF: 0.766 and 0.240 at most).
ASCENT = 0.77
DESCENT = 0.245


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF written as UTF-16 (two code units).

    reportlab writes them as five hex digits ("<1F31E>"), which is no valid code: the emoji prints,
    but copying it out of the PDF, searching for it or reading it back gives nothing.
    """
    lines = ttfonts._original_to_unicode_cmap(fontname, subset).split("\n")  # type: ignore[attr-defined]
    wide = {f"<{index:02X}> <{value:04X}>": f"<{index:02X}> <{_utf16(value)}>"
            for index, value in enumerate(subset) if value > 0xFFFF}  # fmt: skip
    return "\n".join(wide.get(line, line) for line in lines) if wide else "\n".join(lines)


def _utf16(value: int) -> str:
    return chr(value).encode("utf-16-be").hex().upper()


if not hasattr(ttfonts, "_original_to_unicode_cmap"):
    ttfonts._original_to_unicode_cmap = ttfonts.makeToUnicodeCMap  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap

_lock = threading.Lock()
_covered: dict[str, frozenset[str]] = {}

Run = tuple[str, str]  # (font name, text)
_SELECTORS_TEXT = frozenset("\ufe0e\ufe0f")


def font(name: str) -> str:
    """Register the font the first time it is used (reportlab keeps one registry per process)."""
    if name not in _covered:
        with _lock:
            if name not in _covered:
                path = FONTS_DIR / FILES[name]
                ttf = TTFont(name, str(path))
                pdfmetrics.registerFont(ttf)
                _covered[name] = frozenset(map(chr, ttf.face.charToGlyph))
    return name


def covers(name: str, ch: str) -> bool:
    font(name)
    return ch in _covered[name]


def normalize(text: str) -> str:
    """NFC, so "e" + combining accent is one precomposed letter the fonts have a glyph for; without
    emoji presentation selectors (there is no colour to select)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text).translate(_SELECTORS)


def runs(text: str, name: str) -> list[Run]:
    """Split text into (font, text) runs so each character is drawn by a font that has it."""
    font(name)
    if text.isascii() or set(text) <= _covered[name]:
        return [(name, text)]
    result: list[Run] = []
    current, start = name, 0
    for index, ch in enumerate(text):
        chosen = _font_for(ch, name, current)
        if chosen != current:
            if index > start:
                result.append((current, text[start:index]))
            current, start = chosen, index
    result.append((current, text[start:]))
    return result


def _font_for(ch: str, name: str, current: str) -> str:
    # Spaces and combining marks stay with the run they are in, so a run is not split for them
    # (but a space after an emoji goes back to the text's font: the emoji font's is twice as wide).
    if ch.isspace() and current == EMOJI and covers(name, ch):
        return name
    if (ch.isspace() or unicodedata.combining(ch)) and ch in _covered.get(current, ()):
        return current
    hinted = _block_font(ch)
    if hinted is not None and hinted != name and covers(hinted, ch) and not covers(name, ch):
        return hinted
    for candidate in CHAINS[name]:
        if covers(candidate, ch):
            return candidate
    return name


def _block_font(ch: str) -> str | None:
    code = ord(ch)
    for first, last, name in _BLOCKS:
        if first <= code <= last:
            return name
    return None


def missing_glyphs(text: str, name: str = REGULAR) -> str:
    """The characters of text that no font of the chain can draw (they would print as boxes)."""
    font(name)
    if text.isascii() or set(text) <= _covered[name]:
        return ""
    missing = []
    for ch in dict.fromkeys(text):
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        if ch in _SELECTORS_TEXT:
            continue
        if not any(covers(candidate, ch) for candidate in CHAINS[name]):
            missing.append(ch)
    return "".join(missing)


def shaped(part: str, name: str, size: float) -> str:
    """A run as it is drawn: Devanagari and Thai shaped by HarfBuzz (uharfbuzz), so "प्रिया" shows
    its conjunct and its vowel sign before the consonant, as it is read; other runs as they are.

    Without shaping the glyphs print one after the other in the order typed: every letter is
    there, but a Hindi name is misspelt on the page. Without uharfbuzz installed, that is the
    fallback."""
    if name not in SHAPED or not _can_shape():
        return part
    return shapeStr(part, name, size)


def _can_shape() -> bool:
    return ttfonts.uharfbuzz is not None  # type: ignore[attr-defined]


def width(text: str, name: str, size: float) -> float:
    """The printed width of text in points, run by run (a shaped run as HarfBuzz advances it)."""
    if text.isascii():
        return pdfmetrics.stringWidth(text, font(name), size)
    return sum(_run_width(part, run_font, size) for run_font, part in runs(text, name))


def _run_width(part: str, name: str, size: float) -> float:
    drawn = shaped(part, name, size)
    data = getattr(drawn, "__shapeData__", None)
    if data:
        return sum(glyph.x_advance for glyph in data) * size / 1000
    return pdfmetrics.stringWidth(part, name, size)
