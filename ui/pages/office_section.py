"""Office mode on the "Your data" page: which database is open, and testing a PostgreSQL server's address."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services import office
from ui.tasks import TaskRunner
from ui.widgets.basics import action_button, text_label


def hide_password(location: str) -> str:
    """A postgresql:// address as it may be shown on screen: without its password."""
    if "://" not in location:
        return location
    parts = urlsplit(location)
    if parts.password is None:
        return location
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, parts.query, ""))


def open_database_location(runner: TaskRunner) -> str:
    """The database this window has open (what the main window shows in its status bar)."""
    label = getattr(runner.parent(), "database_label", None)
    return label.text() if isinstance(label, QLabel) else ""


class OfficeSection(QGroupBox):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Office mode"))
        self.runner = runner
        self.database_label = text_label(name="openDatabase")
        text = text_label(
            self.tr("In office mode several people share one database on a PostgreSQL server, and when two "
                    "of them change the same customer the second is told instead of overwriting the first. "
                    "Ask whoever runs the server for its address and test it here."), note=True
        )  # fmt: skip
        self.url_field = QLineEdit()
        self.url_field.setObjectName("serverUrl")
        self.url_field.setPlaceholderText(office.EXAMPLE_URL)
        self.url_field.setClearButtonEnabled(True)
        self.url_field.returnPressed.connect(self.test_connection)
        self.url_field.textChanged.connect(self._show_command)
        self.test_button = action_button(self.tr("Test connection"), "testConnection", self.test_connection)
        self.test_result = text_label(name="connectionResult", outcome=True)
        self.command = QLineEdit()
        self.command.setObjectName("startCommand")
        self.command.setReadOnly(True)
        how = text_label(
            self.tr("To work on the server, close Customers for Life and start it again with the address "
                    "(copy this line into a command prompt in the app's folder). Start it without --db to "
                    "come back to the database on this computer."), note=True
        )  # fmt: skip
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_field, 1)
        url_row.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.database_label)
        layout.addWidget(text)
        layout.addLayout(url_row)
        layout.addWidget(self.test_result)
        layout.addWidget(how)
        layout.addWidget(self.command)
        self._show_command("")

    def show_location(self, location: str) -> None:
        """Which database is open: a file on this computer, or the office's (without its password)."""
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

    def _show_command(self, url: str) -> None:
        address = url.strip() or "postgresql://…"
        quoted = f'"{address}"' if any(ch in address for ch in " &|<>^") else address
        self.command.setText(f"python main.py --db {quoted}")

    def test_connection(self) -> None:
        url = self.url_field.text().strip()
        if not url:
            self.test_result.setText(self.tr("Type the server's address first, like %1.").replace(
                "%1", office.EXAMPLE_URL))  # fmt: skip
            return
        self.test_result.setText(self.tr("Testing…"))
        self.runner.run(
            self.tr("Testing the connection…"),
            lambda _progress, _cancel: office.test_connection(url),
            on_done=self.test_result.setText,
        )
