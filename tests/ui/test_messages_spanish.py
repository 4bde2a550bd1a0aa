"""The one funnel of message boxes (ui/messages.py) shows an owner's error in the owner's language."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.domain.errors import UserError
from app.domain.said import Said
from ui import messages


@pytest.fixture
def warnings(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append((title, text)))
    return shown


def test_an_error_written_in_english_is_shown_in_spanish(spanish: None, warnings) -> None:
    messages.show_error(
        None, UserError("The database /tmp/cfl.sqlite3 is in use by another program. Close it and try again.")
    )
    assert warnings == [
        (
            "No se puede hacer eso",
            "Otro programa está usando la base de datos /tmp/cfl.sqlite3. Ciérrelo e intente de nuevo.",
        )
    ]


def test_the_importers_words_are_shown_from_their_message_id(spanish: None) -> None:
    said = Said("{file} is empty (0 bytes); pick the file that holds your customer list.", file="list.csv")
    assert str(said).startswith("list.csv is empty (0 bytes)")  # English where it was raised
    assert UserError(said).in_owners_language() == (
        "list.csv está vacío (0 bytes); elija el archivo que tiene su lista de clientes."
    )


def test_english_stays_as_written(qapp, warnings) -> None:
    messages.show_error(None, UserError("No database is open."))
    assert warnings == [("Cannot do that", "No database is open.")]


@pytest.mark.expect_error_log
def test_a_bug_is_apologised_for_in_spanish_with_where_the_details_are(
    spanish: None, monkeypatch, tmp_path
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(messages, "_log_path", tmp_path / "cfl.log")
    messages.show_error(None, ZeroDivisionError("division by zero"))
    ((title, text),) = shown
    assert title == "Algo salió mal"
    assert text.endswith(f"Los detalles se guardaron en {tmp_path / 'cfl.log'}.")
    assert "details" not in text and "division" not in text
