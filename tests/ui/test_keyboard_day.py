"""An owner's day by keyboard alone: find a customer, log a call, undo it, work Today's calls, print."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain import clock
from app.domain.customers import CustomerDraft
from app.persistence.tables import Opportunity, Touch
from app.services import customers as customer_service
from tests.ui.helpers import when_dialog_opens
from ui.dialogs.pdf_preview import PdfPreviewDialog

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def keys(qtbot, window, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is (the window itself when nothing in it has focus).

    Offscreen there is no window manager to hand activation back when a dialog closes, as a desktop
    does: the window is made active again first, so its shortcuts are live, as they are for a person.
    """
    if QApplication.activeModalWidget() is None and not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused if focused is not None and window.isAncestorOf(focused) else window, key, modifier)


def _due_customer(first: str, last: str, phone: str) -> int:
    customer = customer_service.add_customer(CustomerDraft(first_name=first, last_name=last, phone=phone))
    Opportunity.create(
        customer=customer,
        kind="replacement",
        reason="Furnace installed 2009, 17 years old",
        value_cents=480_000,
        due_on=clock.today(),
        trigger_key=f"test:{customer}",
    )
    return customer


def test_a_day_by_keyboard_alone(qtbot, window, message_boxes) -> None:
    ann = _due_customer("Ann", "Smith", "4106320571")
    _due_customer("Bob", "Jones", "4105552368")
    window.customers_page.load()
    window.activateWindow()

    # Find: Ctrl+F, type, Enter.
    keys(qtbot, window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.customers_page.search
    qtbot.keyClicks(window.customers_page.search, "smith")
    keys(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.customers_page.selected_customer_id() == ann, timeout=10_000)

    # Log a call: Ctrl+L opens the form on its first text field; type the reason, Enter saves.
    def fill(dialog) -> None:
        focused = dialog.focusWidget()  # where the dialog puts the keyboard when it opens
        seen["field"] = focused.objectName() or type(focused).__name__
        qtbot.keyClicks(focused, "Asked about a new furnace")
        qtbot.keyClick(focused, Qt.Key.Key_Return)

    seen: dict[str, str] = {}
    when_dialog_opens(fill)
    keys(qtbot, window, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: Touch.select().where(Touch.customer == ann).count() == 1, timeout=10_000)

    # Undo it: Ctrl+Z.
    keys(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert Touch.select().where(Touch.customer == ann).count() == 0

    # Today's calls: Ctrl+3, then Alt+3 (Booked) on the first call (Ann's: the same value, first by name).
    keys(qtbot, window, Qt.Key.Key_3, CTRL)
    assert window.current_page_key() == "queue"
    page = window.queue_page
    qtbot.waitUntil(lambda: page.entries.rowCount() == 2 and not window.runner.busy, timeout=20_000)
    keys(qtbot, window, Qt.Key.Key_3, ALT)
    # A button's shortcut presses it as a click would look: the click lands a moment later.
    qtbot.waitUntil(lambda: Opportunity.get(Opportunity.customer == ann).status == "won", timeout=5_000)

    # Print: Ctrl+P gives the call sheet's preview; Escape closes it.
    keys(qtbot, window, Qt.Key.Key_P, CTRL)

    def preview() -> PdfPreviewDialog | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog)), None)

    qtbot.waitUntil(lambda: preview() is not None and preview().isVisible(), timeout=30_000)
    dialog = preview()
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
