"""Office mode on the "Your data" page: which database is open; a PostgreSQL server to test and save.

The server's address (host, port, database, user) is saved on this computer as the office
profile and its password in the operating system's password store (app.services.office),
so the line that starts the app on the server, `--office`, holds no password. A password
pasted inside an address is moved to the password field at once: no screen shows it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.errors import UserError
from app.domain.office import OfficeProfile, hide_password, split_password
from app.services import office
from ui.tasks import TaskRunner
from ui.widgets.basics import action_button, text_label


def open_database_location(runner: TaskRunner) -> str:
    """The database this window has open (what the main window shows in its status bar)."""
    label = getattr(runner.parent(), "database_label", None)
    return label.text() if isinstance(label, QLabel) else ""


class OfficeSection(QGroupBox):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Office mode"))
        self.runner = runner
        self.profile: OfficeProfile | None = None
        self.database_label = text_label(name="openDatabase")
        text = text_label(
            self.tr("In office mode several people share one database on a PostgreSQL server, and when two "
                    "of them change the same customer the second is told instead of overwriting the first. "
                    "Ask whoever runs the server for its address and password, test them here and save "
                    "them on this computer."), note=True
        )  # fmt: skip
        self.url_field = QLineEdit()
        self.url_field.setObjectName("serverUrl")
        self.url_field.setPlaceholderText(office.EXAMPLE_URL)
        self.url_field.setClearButtonEnabled(True)
        self.url_field.returnPressed.connect(self.test_connection)
        self.url_field.textChanged.connect(self._show_command)
        self.url_field.editingFinished.connect(self._take_password_out)
        self.password_field = QLineEdit()
        self.password_field.setObjectName("serverPassword")
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setPlaceholderText(self.tr("Password"))
        self.password_field.returnPressed.connect(self.test_connection)
        self.test_button = action_button(self.tr("Test connection"), "testConnection", self.test_connection)
        self.save_button = action_button(self.tr("Save on this computer"), "saveProfile", self.save_profile)
        self.forget_button = action_button(self.tr("Forget"), "forgetProfile", self.forget_profile)
        self.profile_label = text_label(name="officeProfile")
        self.test_result = text_label(name="connectionResult", outcome=True)
        self.command = QLineEdit()
        self.command.setObjectName("startCommand")
        self.command.setReadOnly(True)
        how = text_label(
            self.tr("To work on the server, close Customers for Life and start it again with this line "
                    "(copy it into a command prompt in the app's folder); it never holds the password. "
                    "Start it without --office or --db to come back to the database on this computer."),
            note=True,
        )  # fmt: skip
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_field, 3)
        url_row.addWidget(self.password_field, 1)
        url_row.addWidget(self.test_button)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_label, 1)
        profile_row.addWidget(self.save_button)
        profile_row.addWidget(self.forget_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.database_label)
        layout.addWidget(text)
        layout.addLayout(url_row)
        layout.addWidget(self.test_result)
        layout.addLayout(profile_row)
        layout.addWidget(how)
        layout.addWidget(self.command)
        self._show_profile(office.load_profile())

    def show_location(self, location: str) -> None:
        """Which database is open: a file on this computer, or the office's (without its password);
        and the office server this computer has saved, if any."""
        if "://" in location:
            self.database_label.setText(
                self.tr("Open now: the office database %1 (PostgreSQL).").replace(
                    "%1", hide_password(location)
                )
            )
        else:
            where = location or self.tr("(unknown)")
            self.database_label.setText(
                self.tr("Open now: the database file %1 on this computer.").replace("%1", where)
            )
        self._show_profile(office.load_profile())

    def _show_profile(self, profile: OfficeProfile | None) -> None:
        self.profile = profile
        self.forget_button.setEnabled(profile is not None)
        if profile is None:
            self.profile_label.setText(self.tr("No office server is saved on this computer."))
        else:
            kept = (
                self.tr("; its password is in this computer's password store")
                if profile.remembers_password
                else ""
            )
            self.profile_label.setText(
                self.tr("Saved on this computer: %1%2.").replace("%1", profile.address()).replace("%2", kept)
            )
            if not self.url_field.text().strip():
                self.url_field.setText(profile.address())
        self._show_command(self.url_field.text())

    def _take_password_out(self) -> None:
        """A password pasted inside the address goes to the password field, out of sight."""
        address, password = split_password(self.url_field.text())
        if password is None:
            return
        if not self.password_field.text():
            self.password_field.setText(password)
        self.url_field.setText(address)

    def _show_command(self, url: str) -> None:
        address = hide_password(url.strip())
        if self.profile is not None and (not address or _names_profile(address, self.profile)):
            self.command.setText(f"{start_command()} --office")
            return
        address = address or "postgresql://…"
        quoted = f'"{address}"' if any(ch in address for ch in " &|<>^") else address
        self.command.setText(f"{start_command()} --db {quoted}")

    def test_connection(self) -> None:
        self._take_password_out()
        url = self.url_field.text().strip()
        if not url:
            self.test_result.setText(self.tr("Type the server's address first, like %1.").replace(
                "%1", office.EXAMPLE_URL))  # fmt: skip
            return
        password = self.password_field.text() or None
        self.test_result.setText(self.tr("Testing…"))
        self.runner.run(
            self.tr("Testing the connection…"),
            lambda _progress, _cancel: office.test_connection(url, password),
            on_done=self.test_result.setText,
        )

    def save_profile(self) -> None:
        self._take_password_out()
        url = self.url_field.text().strip()
        password = self.password_field.text() or None
        self.runner.run(
            self.tr("Saving the office server…"),
            lambda _progress, _cancel: office.save_profile(url, password),
            on_done=self._saved,
            on_failed=self._refused,
        )

    def _saved(self, profile: OfficeProfile) -> None:
        self.password_field.clear()
        self.url_field.setText(profile.address())
        self._show_profile(profile)
        self.test_result.setText(
            self.tr("Saved. Start the app with the line below to work on the office server.")
        )

    def _refused(self, error: UserError) -> None:
        self.test_result.setText(error.in_owners_language())

    def forget_profile(self) -> None:
        self.runner.run(
            self.tr("Forgetting the office server…"),
            lambda _progress, _cancel: office.forget_profile(),
            on_done=lambda _nothing: self._forgotten(),
        )

    def _forgotten(self) -> None:
        self._show_profile(None)
        self.test_result.setText(self.tr("This computer no longer remembers the office server."))


def _names_profile(address: str, profile: OfficeProfile) -> bool:
    try:
        return OfficeProfile.from_address(address).same_server(profile)
    except UserError:
        return False


def start_command() -> str:
    """How this copy of the app is started from a command prompt in its folder: the installed app by
    its own name (CustomersForLife.exe), a copy run from the source by Python."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).name
    return "python main.py"
