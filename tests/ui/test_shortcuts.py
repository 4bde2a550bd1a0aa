"""Every shortcut does one thing: no two window-wide actions claim the same keys."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def window_wide_keys(window) -> Counter:
    keys: Counter = Counter()
    for action in window.findChildren(QAction):
        if action.shortcutContext() in WINDOW_WIDE:
            keys.update(s.toString() for s in action.shortcuts() if not s.isEmpty())
    for shortcut in window.findChildren(QShortcut):
        if shortcut.context() in WINDOW_WIDE:
            keys.update(s.toString() for s in shortcut.keys() if not s.isEmpty())  # noqa: SIM118 - a QShortcut, not a dict
    return keys


def test_no_two_window_wide_shortcuts_share_keys(qtbot, window) -> None:
    keys = window_wide_keys(window)
    clashes = sorted(key for key, count in keys.items() if count > 1)
    assert not clashes, f"shortcuts claimed twice: {clashes}"
    assert keys[QKeySequence(QKeySequence.StandardKey.Find).toString()] == 1


def test_ctrl_f_puts_the_cursor_in_the_customer_search(qtbot, window, three_customers) -> None:
    window.show_page("dashboard")
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "customers"
    assert QApplication.focusWidget() is window.customers_page.search


def test_the_first_window_fits_the_screen_it_opens_on(qtbot, window) -> None:
    """At 150 % a 1600×1000 screen has about 1067×640 logical pixels: the window must not run off it."""
    window.size_to_screen()
    free = window.screen().availableGeometry()
    assert free.contains(window.frameGeometry()), (free, window.frameGeometry())
    assert window.width() <= 1280 and window.height() <= 800


def test_the_big_dialogs_fit_the_screen_too(qtbot, window, tmp_path) -> None:
    """The preview asks for 900×1000 and the import wizard 980×680: on a small screen (or at 150 %)
    each takes what the screen has to give, and no more."""
    from reportlab.pdfgen import canvas

    from ui.dialogs.import_wizard import ImportWizard
    from ui.dialogs.pdf_preview import PdfPreviewDialog

    drawing = canvas.Canvas(str(tmp_path / "one.pdf"))
    drawing.drawString(72, 720, "Page 1")
    drawing.save()
    free = window.screen().availableGeometry()
    from PySide6.QtWidgets import QScrollArea

    from ui.dialogs import forms
    from ui.dialogs.form_dialog import FormDialog

    preview = PdfPreviewDialog(tmp_path / "one.pdf", "One", window.runner, window)
    customer = FormDialog("New customer", *forms.customer_form([]), {}, window)
    assert isinstance(customer.form.parentWidget().parentWidget(), QScrollArea)  # a long form scrolls
    for dialog in (preview, ImportWizard(window.runner, window), customer):
        qtbot.addWidget(dialog)
        assert dialog.width() <= free.width() * 0.9 and dialog.height() <= free.height() * 0.9, type(dialog)
