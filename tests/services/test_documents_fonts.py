"""Fonts: every script gets a font with its glyphs, the fonts are embedded, and the page shows ink."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from app.domain.postal import MailingAddress
from app.services.documents import fonts, text
from app.services.documents.fonts import BOLD, CJK, DEVANAGARI, EMOJI, REGULAR, THAI
from app.services.documents.labels import SHEETS, render_labels


def test_runs_pick_a_font_per_character() -> None:
    assert fonts.runs("Jane Smith", REGULAR) == [(REGULAR, "Jane Smith")]
    assert fonts.runs("Wang 王伟 & Ольга", REGULAR) == [
        (REGULAR, "Wang "),
        (CJK, "王伟 "),
        (REGULAR, "& Ольга"),
    ]
    assert fonts.runs("李秀英", BOLD) == [(CJK, "李秀英")]
    assert fonts.runs("Nguyễn Thị Hương Παπαδόπουλος", REGULAR) == [
        (REGULAR, "Nguyễn Thị Hương Παπαδόπουλος")
    ]


def test_decomposed_accents_are_composed_before_drawing() -> None:
    decomposed = "Nguye\u0302\u0303n"  # e + circumflex + tilde, as some programs store it
    assert fonts.normalize(decomposed) == "Nguyễn"
    assert fonts.runs(fonts.normalize(decomposed), REGULAR) == [(REGULAR, "Nguyễn")]


def test_characters_no_font_has_are_found() -> None:
    assert fonts.missing_glyphs("Jane 王伟 Ольга") == ""
    assert fonts.missing_glyphs("Ra 𓀀 𐀀") == "𓀀𐀀"  # hieroglyphs and Linear B: no font has them


@pytest.mark.parametrize(
    ("given", "script_font", "part"),
    [
        ("Priya नमस्ते", DEVANAGARI, "नमस्ते"),
        ("Somchai สมชาย", THAI, "สมชาย"),
        ("Thanks 🔥🔧", EMOJI, "🔥🔧"),
        ("Love ❤\ufe0f", REGULAR, "Love ❤"),  # DejaVu has the heart; the colour selector goes
    ],
)
def test_devanagari_thai_and_emoji_fall_back_to_a_font_that_has_them(
    given: str, script_font: str, part: str
) -> None:
    drawn = fonts.runs(fonts.normalize(given), REGULAR)
    assert (script_font, part) in drawn or (script_font, part + " ") in drawn, drawn
    assert fonts.missing_glyphs(given) == ""
    assert fonts.runs(fonts.normalize(given), BOLD)  # a bold line falls back the same way


def test_the_fallback_fonts_stay_small() -> None:
    sizes = {name: (fonts.FONTS_DIR / fonts.FILES[name]).stat().st_size for name in (DEVANAGARI, THAI, EMOJI)}
    assert sizes[DEVANAGARI] < 200_000 and sizes[THAI] < 40_000 and sizes[EMOJI] < 900_000, sizes
    notice = (fonts.FONTS_DIR / "LICENSE-Noto.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in notice and "Noto Emoji" in notice and "Noto Sans Thai" in notice


def test_width_adds_up_the_runs() -> None:
    mixed = fonts.width("Wang 王伟", REGULAR, 10)
    assert mixed == pytest.approx(fonts.width("Wang ", REGULAR, 10) + fonts.width("王伟", CJK, 10))
    assert text.wrap("王伟李秀英张伟王芳", REGULAR, 10, 25) == ["王伟", "李秀", "英张", "伟王", "芳"]


def test_the_fonts_are_embedded_with_their_licences(tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    render_labels([MailingAddress("王伟 Ольга", "", "1 Elm St", "", "Towson", "MD", "21204")], out)
    page = PdfReader(out).pages[0]
    embedded = set()
    for font in page["/Resources"]["/Font"].values():
        descriptor = (
            font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if "/DescendantFonts" in font.get_object()
            else font.get_object()["/FontDescriptor"]
        )
        assert (
            "/FontFile2" in descriptor
        )  # TrueType outlines inside the PDF, not a reference to a system font
        embedded.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DroidSansFallback"} <= {name.split("-")[0] for name in embedded} | embedded
    for licence in ("LICENSE-DejaVu.txt", "LICENSE-DroidSansFallback.txt"):
        assert (fonts.FONTS_DIR / licence).stat().st_size > 1000


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_a_rendered_label_shows_ink_where_each_name_is(tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    names = ["王秀英", "Ольга Петрова", "Nguyễn Văn An"]
    render_labels([MailingAddress(n, "", "1 Elm St", "", "Towson", "MD", "21204") for n in names], out)
    subprocess.run(
        ["pdftoppm", "-r", "72", "-png", "-singlefile", str(out), str(tmp_path / "page")], check=True
    )
    image = Image.open(tmp_path / "page.png").convert("L")
    sheet = SHEETS["avery5160"]
    for position in range(4):
        left, bottom, width, height = sheet.label_box(position)
        box = (
            int(left),
            int(sheet.page[1] - bottom - height),
            int(left + width),
            int(sheet.page[1] - bottom),
        )
        dark = sum(image.crop(box).histogram()[:128])
        assert (dark > 50) == (position < 3), position  # three labels printed, the fourth left blank


def test_devanagari_is_shaped_so_a_hindi_name_is_spelt_right() -> None:
    # "प्रिया": the conjunct "प्र" is one glyph and the vowel sign "ि" goes before "र" on the page;
    # drawn unshaped, the six characters print as six glyphs in typing order (a misspelt name).
    drawn = fonts.shaped("प्रिया", DEVANAGARI, 10)
    glyphs = getattr(drawn, "__shapeData__", None)
    assert glyphs is not None and len(glyphs) < len("प्रिया")
    assert fonts.width("प्रिया", REGULAR, 10) == pytest.approx(sum(g.x_advance for g in glyphs) / 100)
    assert fonts.shaped("Jane", REGULAR, 10) == "Jane"  # Latin is drawn as it is
