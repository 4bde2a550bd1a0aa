from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.customers import CustomerDraft
from app.services.customers import add_customer
from app.services.database import close_app_database, open_app_database


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "customers.sqlite3"
    open_app_database(str(path), tmp_path)
    yield path
    close_app_database()


@pytest.fixture
def three_customers(database: Path) -> dict[str, int]:
    return {
        "smith": add_customer(CustomerDraft(first_name="Ann", last_name="Smith", phone="(410) 632-0571")),
        "jones": add_customer(CustomerDraft(first_name="Bob", last_name="Jones", phone="410-555-2368")),
        "acme": add_customer(CustomerDraft(company="Acme Property Management", email="office@acme.example")),
    }


@pytest.fixture
def window(qtbot, database: Path):
    from tests.ui.helpers import close_when_idle
    from ui.main_window import MainWindow

    main_window = MainWindow(str(database))
    qtbot.addWidget(main_window)
    main_window.resize(1366, 768)
    main_window.show()
    # The window brings who-is-due up to date when it opens; tests start once that job is done.
    qtbot.waitUntil(lambda: not main_window.runner.busy, timeout=30_000)
    yield main_window
    close_when_idle(main_window)


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch) -> list[tuple[str, str, str]]:
    """Static message boxes are recorded instead of blocking the test: (kind, title, text)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str, str]] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _parent, title, text, *_a, k=kind, **_kw: shown.append((k, title, text))
        )
    return shown


@pytest.fixture
def spanish(qapp) -> None:
    """The owner reads Spanish, the screens too: the Qt translator with the app's words (the fixture
    below puts English back)."""
    from ui.translation import install_language

    install_language("es")


@pytest.fixture(autouse=True)
def screens_in_english_afterwards(qapp) -> Iterator[None]:
    """A test that switched the screens to Spanish leaves them in English for the next one (the Qt
    translator is process-wide, as the app's language is)."""
    yield
    from ui.translation import install_language, installed_language

    if installed_language() != "en":
        install_language("en")


@pytest.fixture(autouse=True)
def gui_thread_gc(qapp):
    """As in the app: garbage is collected on the GUI thread only (see ui/gc_guard.py), and emits keep
    their references (ui/signals.py)."""
    from ui import gc_guard, signals

    gc_guard.install(qapp)
    signals.install()
    yield


@pytest.fixture(autouse=True)
def no_leftover_state(request, qapp):
    """As novelWriter's _checkNoLeftoverState: a test leaves no visible window or dialog behind (the
    `window` fixture's own is closed by qtbot) and no dialog poller of tests/ui/helpers.py pending,
    timed out or failing. What is left is closed or stopped, so it cannot act in the next test."""
    from tests.ui.helpers import close_leftover_windows, finish_dialog_waiters

    finish_dialog_waiters()  # a fresh start, whatever an earlier test did
    yield
    problems = finish_dialog_waiters()
    problems += close_leftover_windows(keep=request.node.funcargs.get("window"))
    if problems:
        pytest.fail("the test left state behind:\n" + "\n".join(problems), pytrace=False)
