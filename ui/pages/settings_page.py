"""The Settings page: the business's letterhead, paper, call window, contact limits and thresholds.

The form is generated from the declared settings (app/domain/settings.py), an editor per type. It
is filled only by `load()`, which reads what the database holds now; until then it is disabled
and Save refuses. Save stores only the settings the owner changed since the form was filled, so a
form filled before the demo (or before a backup folder was chosen) never writes its blanks over
values saved since.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.domain.errors import UserError
from app.domain.i18n import t
from app.domain.settings import SETTINGS, BusinessSettings, setting_groups
from app.services.settings import load_settings, update_settings
from ui.editing import Editor
from ui.events import data_events
from ui.messages import show_error
from ui.widgets.basics import text_label
from ui.widgets.setting_editors import SettingsForm


class SettingsPage(QWidget):
    def __init__(self, editor: Editor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor  # a save goes on the window's one undo stack
        self._loaded: BusinessSettings | None = None  # what the database held when the form was filled
        self._filled: dict[str, object] = {}  # what each editor showed then
        self.form = SettingsForm(setting_groups())
        self.form.setEnabled(False)
        self.form.edited.connect(self._on_edited)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setObjectName("saveSettings")
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.saved_label = text_label(
            self.tr("Not read from the database yet."), "settingsOutcome", note=True
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.save_button)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(QLabel(self.tr("<h2>Settings</h2>")))
        column.addWidget(self.form)
        column.addLayout(buttons)
        column.addStretch(1)
        inner.setMaximumWidth(760)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    @property
    def is_loaded(self) -> bool:
        return self._loaded is not None

    def load(self) -> None:
        """Show the settings as the database holds them now; what the owner typed and has not saved
        yet stays in its field (a refresh must not throw away their typing)."""
        unsaved = self.unsaved_changes()
        self._fill(load_settings())
        if unsaved:
            self.form.set_shown(unsaved)
        self._on_edited()

    def unsaved_changes(self) -> dict[str, object]:
        """The fields the owner changed since the form was filled, as they show them."""
        if self._loaded is None:
            return {}
        return {name: shown for name, shown in self.form.shown().items() if shown != self._filled[name]}

    def save(self) -> None:
        if self._loaded is None:
            show_error(
                self,
                UserError(
                    self.tr(
                        "The settings have not been read from the database yet, so nothing was saved. "
                        "Open the Settings page again and make your changes there."
                    )
                ),
            )
            return
        if not self._check():
            return
        changed = list(self.unsaved_changes())
        if not changed:
            self.saved_label.setText(self.tr("Nothing to save: no setting was changed."))
            return
        after = self.form.values(changed)
        current = load_settings()
        before = {name: getattr(current, name) for name in after}
        # Named before saving: a new language applies as it is saved, and Edit ▸ Undo would then read
        # half in one language and half in the other.
        labels = ", ".join(t(spec.label) for spec in SETTINGS if spec.name in after)
        undo_text = self.tr("Change %1").replace("%1", labels)
        try:
            saved = update_settings(after)
        except Exception as error:
            show_error(self, error)
            return
        if self.editor is not None:
            self.editor.record_done(
                undo_text,
                lambda: update_settings(after),
                lambda: update_settings(before),
            )
        self._fill(saved)
        self._check()
        self.saved_label.setText(self.tr("Saved."))
        data_events().changed(self)  # a new language is seen there too: the window follows it

    def _fill(self, settings: BusinessSettings) -> None:
        self._loaded = settings
        self.form.set_values(settings)
        self._filled = self.form.shown()
        self.form.setEnabled(True)

    def _on_edited(self) -> None:
        valid = self._check()
        if valid and self.unsaved_changes():
            self.saved_label.setText(self.tr("Changes not saved yet."))
        else:
            self.saved_label.clear()

    def _check(self) -> bool:
        """Check the whole form as the domain would; show what is wrong under its field."""
        self.form.show_error(None)
        valid = False
        if self._loaded is not None:
            try:
                dataclasses.replace(self._loaded, **self.form.values()).validated()
                valid = True
            except UserError as error:
                self.form.show_error(error)
        self.save_button.setEnabled(valid)
        return valid
