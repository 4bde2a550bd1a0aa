"""The Language setting: the screens in Spanish, and back in English; the Qt translation files kept whole.

resources/translations/cfl_es.ts is what pyside6-lupdate finds in ui/, every message translated;
cfl_es.qm beside it is what pyside6-lrelease makes of it (committed, so checked here to be current).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain import formatting, i18n
from app.services.settings import load_settings, update_settings
from tests.ui.helpers import close_when_idle

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "cfl_es.ts"
QM = TRANSLATIONS / "cfl_es.qm"
PLACEHOLDER = re.compile(r"%\d")


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with PySide6)")
    return found


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of a .ts file."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message.find("translation")))
    return found


@pytest.fixture
def english_after() -> Iterator[None]:
    """Whatever a test chose, the next one starts in English (the translator is process-wide)."""
    yield
    from ui.translation import install_language

    install_language("en")


def test_every_message_is_translated_and_keeps_its_placeholders_and_accelerator() -> None:
    messages = _messages(TS)
    assert len(messages) > 400
    for context, source, translation in messages:
        assert translation is not None and translation.get("type") is None, (context, source)
        text = translation.text or ""
        assert text.strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (source, text)
        assert ("&" in source.replace("&&", "")) == ("&" in text.replace("&&", "")), (source, text)


def test_the_ts_holds_every_message_of_the_screens(tmp_path: Path) -> None:
    """lupdate over ui/ finds nothing the committed .ts lacks, and no message is filed under a
    variable's name ("parent", "runner"), which tr() would never look it up by."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(path) for path in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(fresh), "-no-obsolete"],
        check=True,
        capture_output=True,
    )
    committed = {(context, source) for context, source, _t in _messages(TS)}
    found = {(context, source) for context, source, _t in _messages(fresh)}
    assert found - committed == set(), "run pyside6-lupdate (README: Translations) and translate the new ones"
    classes = {
        match for path in sources for match in re.findall(r"^class (\w+)", Path(path).read_text(), re.M)
    }
    explicit = {"messages", "printing", "print_output", "ImportUndo", "catalog_forms"}
    assert {context for context, _s in found} - classes - explicit == set()


def test_the_committed_qm_is_the_ts_compiled(tmp_path: Path) -> None:
    compiled = tmp_path / "cfl_es.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on cfl_es.ts and commit the .qm"


def _menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _sidebar(window) -> list[str]:
    return [window.sidebar.item(row).text() for row in range(window.sidebar.count())]


def test_with_spanish_chosen_the_window_reads_in_spanish_and_english_comes_back(
    qtbot, database: Path, english_after: None
) -> None:
    from ui.main_window import MainWindow
    from ui.translation import install_language

    update_settings({"language": "es"})
    install_language(load_settings().language)
    spanish = MainWindow(str(database))
    qtbot.addWidget(spanish)
    assert {"Clientes", "Llamadas de hoy", "Campañas", "Configuración", "Sus datos"} <= set(_sidebar(spanish))
    assert _menu_titles(spanish) == ["&Archivo", "&Editar", "&Cliente", "&Ir", "Ay&uda"]
    assert spanish.settings_page.save_button.text() == "Guardar configuración"
    assert formatting.long_date(formatting.datetime.date(2026, 12, 2)) == "2 de diciembre de 2026"
    close_when_idle(spanish)
    update_settings({"language": "en"})
    install_language(load_settings().language)
    english = MainWindow(str(database))
    qtbot.addWidget(english)
    assert {"Customers", "Today's calls", "Campaigns", "Settings", "Your data"} <= set(_sidebar(english))
    assert _menu_titles(english) == ["&File", "&Edit", "&Customer", "&Go", "&Help"]
    assert formatting.long_date(formatting.datetime.date(2026, 12, 2)) == "December 2, 2026"
    close_when_idle(english)


def _words_on_show(window) -> set[str]:
    """The texts of the buttons and labels on the pages as they are now."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    found = set()
    for row in range(window.pages.count()):
        page = window.pages.widget(row)
        found |= {each.text() for each in page.findChildren(QAbstractButton) + page.findChildren(QLabel)}
    return found


def test_choosing_spanish_in_settings_rebuilds_every_page_in_spanish_and_undo_brings_english_back(
    qtbot, window, english_after: None
) -> None:
    page = window.settings_page
    window.show_page("settings")
    page.form.set_shown({"language": 1})  # the second choice: Español
    page.save()
    assert i18n.language() == "es" and load_settings().language == "es"
    qtbot.waitUntil(lambda: "Guardar configuración" in _words_on_show(window), timeout=30_000)
    words = _words_on_show(window)
    # Every page, not only the sidebar and the menus: buttons of pages never shown yet, and the one on show.
    assert {"Nueva campaña…", "Respaldar ahora", "Guardar configuración"} <= words
    assert not {"New campaign…", "Back up now", "Save settings"} & words
    assert window.current_page_key() == "settings"
    assert window.editor.undo_stack.undoText() == "Change Language"  # named in one language, as it was
    assert "Llamadas de hoy" in _sidebar(window)
    assert _menu_titles(window)[0] == "&Archivo"
    assert window.windowTitle().startswith("Customers for Life — Su base de datos")
    assert "ahora en español" in window.settings_page.saved_label.text()

    window.undo_action.trigger()  # Ctrl+Z: the language goes back with the setting
    assert load_settings().language == "en"
    qtbot.waitUntil(lambda: "Save settings" in _words_on_show(window), timeout=30_000)
    assert i18n.language() == "en" and "Today's calls" in _sidebar(window)
    assert {"New campaign…", "Back up now"} <= _words_on_show(window)
    assert _menu_titles(window)[0] == "&File"

    window.redo_action.trigger()
    qtbot.waitUntil(lambda: "Guardar configuración" in _words_on_show(window), timeout=30_000)
    close_when_idle(window)


def test_a_language_change_waits_for_the_running_job_before_it_rebuilds_the_pages(
    qtbot, window, english_after: None
) -> None:
    import threading

    release = threading.Event()
    answered: list[object] = []
    page = window.campaigns_page
    window.runner.run(
        "a slow job", lambda progress, cancel: release.wait(30), on_done=lambda _r: answered.append(page)
    )
    update_settings({"language": "es"})
    from ui.events import data_events

    data_events().changed(None)
    assert i18n.language() == "es"
    assert window.campaigns_page is page  # the page the job will answer is still there
    release.set()
    qtbot.waitUntil(lambda: window.campaigns_page is not page, timeout=30_000)
    assert answered == [page]
    assert "Campañas" in _sidebar(window)
    close_when_idle(window)


def test_every_heading_and_field_the_screens_declare_as_plain_words_is_in_the_app_catalog() -> None:
    """Table headings ("Time", lambda …) and form fields Field("name", "Label", placeholder="…") of
    ui/ are translated where they are shown (RowsModel, FormDialog) from the Spanish catalog
    (resources/translations/app_es/)."""
    from app.services.language import catalog

    declared = re.compile(r'\("([A-Z][^"]*)", lambda|Field\(\s*"[a-z_]+",\s*"([^"]+)"|placeholder="([^"]+)"')
    words = {
        next(group for group in found.groups() if group)
        for path in (ROOT / "ui").rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if "tr(" not in line
        for found in declared.finditer(line)
    }
    assert len(words) > 50
    assert sorted(words - set(catalog("es").messages)) == []


def test_the_undo_menu_names_a_customer_change_in_spanish(qtbot, window, english_after: None) -> None:
    from app.domain.customers import CustomerDraft

    update_settings({"language": "es"})
    window.editor.guarded(lambda: None)  # the setting is seen: the window switches to Spanish
    qtbot.waitUntil(lambda: i18n.language() == "es", timeout=30_000)
    window.editor.add_customer(CustomerDraft(first_name="Ana", last_name="Pérez"))
    assert window.editor.undo_stack.undoText() == "Agregar a Pérez, Ana"
    close_when_idle(window)
