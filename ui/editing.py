"""Every edit, delete, merge, import and settings change goes through here: one undo stack, in order.

An action is done first (so a refusal is shown before anything lands on the
undo stack), then pushed as a command whose first redo is skipped. After each,
ui.events asks the database what changed, so pages refresh only that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.services import customers as customer_service
from app.services import records as record_service
from ui.events import data_events
from ui.messages import show_error


def _named(text: str, name: str) -> str:
    """What Edit ▸ Undo says about a change to one customer, in the owner's language."""
    return QCoreApplication.translate("Editor", text).replace("%1", name)


class _DoneCommand(QUndoCommand):
    """A command whose action already happened; later redos and undos call the given functions."""

    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None], editor: Editor) -> None:
        super().__init__(text)
        self._redo, self._undo, self._editor = redo, undo, editor
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._editor.guarded(self._redo)

    def undo(self) -> None:
        self._editor.guarded(self._undo)


class _ImportCommand(QUndoCommand):
    """An import, undone as a background job (it may be thousands of customers). It cannot be redone
    from the stack: the file may have changed since, so the owner imports it again instead."""

    def __init__(self, text: str, undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._undo = undo
        self._first = True

    def redo(self) -> None:
        self._first = False

    def undo(self) -> None:
        self.setObsolete(True)  # off the stack once undone
        self._undo()


class Editor:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.undo_stack = QUndoStack(parent)

    def guarded(self, action: Callable[[], Any]) -> bool:
        """Run a write; a refusal or a bug is shown, not raised. Announces what changed on success."""
        try:
            action()
        except Exception as error:
            show_error(self.parent, error)
            return False
        data_events().changed(self)
        return True

    def _push(
        self, text: str, redo: Callable[[], None], undo: Callable[[], None], initiator: object = None
    ) -> None:
        self.undo_stack.push(_DoneCommand(text, redo, undo, self))
        data_events().changed(initiator or self)

    def record_done(
        self, text: str, redo: Callable[[], None], undo: Callable[[], None], initiator: object = None
    ) -> None:
        """Something a page did already (a call outcome, a settings change): put it on the one stack.
        `initiator`: the page, when it has shown the change itself (pages skip their own changes)."""
        self._push(text, redo, undo, initiator)

    def record_import(self, text: str, undo_in_background: Callable[[], None]) -> QUndoCommand:
        command = _ImportCommand(text, undo_in_background)
        self.undo_stack.push(command)
        return command

    def undo_if_latest(self, command: QUndoCommand) -> bool:
        """Undo `command` through the stack when nothing was done after it; False when something was."""
        index = self.undo_stack.index()
        if index == 0 or self.undo_stack.command(index - 1) is not command:
            return False
        self.undo_stack.undo()
        return True

    # --- customers ---------------------------------------------------------------------
    def add_customer(self, draft: CustomerDraft) -> int:
        customer_id = customer_service.add_customer(draft)
        state: dict[str, Any] = {}

        def undo() -> None:
            state["snapshot"] = record_service.delete_customer(customer_id)

        self._push(
            _named(QT_TRANSLATE_NOOP("Editor", "Add %1"), draft.display_name),
            lambda: record_service.restore(state["snapshot"]),
            undo,
        )
        return customer_id

    def save_customer(
        self, customer_id: int, before: CustomerDraft, after: CustomerDraft, version: int
    ) -> None:
        customer_service.save_customer(customer_id, after, version)

        def write(draft: CustomerDraft) -> Callable[[], None]:
            def apply() -> None:
                current = customer_service.customer_detail(customer_id)
                if current is None:
                    raise UserError("This customer no longer exists; someone deleted it.")
                customer_service.save_customer(customer_id, draft, current.version)

            return apply

        self._push(
            _named(QT_TRANSLATE_NOOP("Editor", "Edit %1"), after.display_name), write(after), write(before)
        )

    def delete_customer(self, customer_id: int, name: str) -> None:
        state = {"snapshot": record_service.delete_customer(customer_id)}

        def redo() -> None:
            state["snapshot"] = record_service.delete_customer(customer_id)

        self._push(
            _named(QT_TRANSLATE_NOOP("Editor", "Delete %1"), name),
            redo,
            lambda: record_service.restore(state["snapshot"]),
        )

    def merge_customers(self, keep_id: int, duplicate_id: int, text: str) -> None:
        state = {"record": record_service.merge_customers(keep_id, duplicate_id)}

        def redo() -> None:
            state["record"] = record_service.merge_customers(keep_id, duplicate_id)

        self._push(text, redo, lambda: record_service.unmerge_customers(state["record"]))

    # --- records -------------------------------------------------------------------------
    def add_record(self, draft: Any, text: str) -> int:
        row_id = record_service.add_record(draft)
        table = draft.TABLE
        state: dict[str, Any] = {}

        def undo() -> None:
            state["snapshot"] = record_service.delete_record(table, row_id)

        self._push(text, lambda: record_service.restore(state["snapshot"]), undo)
        return row_id

    def save_record(self, row_id: int, draft: Any, text: str) -> None:
        table = draft.TABLE
        before = record_service.read_record(table, row_id)
        record_service.save_record(row_id, draft)
        after = record_service.read_record(table, row_id)
        self._push(
            text,
            lambda: record_service.write_columns(table, row_id, after),
            lambda: record_service.write_columns(table, row_id, before),
        )

    def delete_record(self, table: str, row_id: int, text: str) -> None:
        state = {"snapshot": record_service.delete_record(table, row_id)}

        def redo() -> None:
            state["snapshot"] = record_service.delete_record(table, row_id)

        self._push(text, redo, lambda: record_service.restore(state["snapshot"]))
