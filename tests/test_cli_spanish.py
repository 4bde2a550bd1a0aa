"""`python -m app` for an owner who reads Spanish: the words people read in Spanish, the contract as it is.

Command names, options, JSON keys and exit codes are shared/CLI.md's, in every language, and --json
output is the same document in English and in Spanish; only the human text and the error sentences
follow the Language setting.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.services.database import close_app_database, open_app_database
from app.services.settings import update_settings


def run(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def databases(tmp_path_factory) -> tuple[Path, Path]:
    """The same demo business twice: one database read in English, its copy set to Spanish."""
    folder = tmp_path_factory.mktemp("cli-es")
    english, spanish = folder / "en.sqlite3", folder / "es.sqlite3"
    assert main(["--db", str(english), "demo", "--customers", "120", "--seed", "5"]) == 0
    # Work out who is due once, so both copies hold the same opportunities.
    assert main(["--db", str(english), "opportunities", "--json"]) == 0
    shutil.copy(english, spanish)
    open_app_database(str(spanish), folder)
    try:
        update_settings({"language": "es"})
    finally:
        close_app_database()
    return english, spanish


@pytest.mark.parametrize(
    "command",
    [
        ["stats", "--json"],
        ["find", "a", "--json"],
        ["opportunities", "--json"],
        ["calls", "--json"],
        ["campaigns", "--json"],
    ],
)
def test_json_is_the_same_document_in_both_languages(capsys, databases, command: list[str]) -> None:
    english, spanish = databases
    code_en, out_en, _ = run(capsys, english, *command)
    code_es, out_es, _ = run(capsys, spanish, *command)
    assert code_en == code_es == 0
    assert json.loads(out_es) == json.loads(out_en)
    assert out_es == out_en


def test_find_and_opportunities_say_how_many_in_spanish(capsys, databases) -> None:
    english, spanish = databases
    _, _, err_en = run(capsys, english, "find", "a")
    _, _, err_es = run(capsys, spanish, "find", "a")
    count = err_en.split()[0]
    assert err_en == f"{count} found\n"
    assert err_es == f"{count} encontrados\n"

    _, out_en, err_en = run(capsys, english, "opportunities")
    _, out_es, err_es = run(capsys, spanish, "opportunities")
    assert err_en.endswith(" open\n") and err_es == err_en.replace(" open", " abiertas")
    # The same rows (ids, kinds, dates, values, customers); the reasons read back in Spanish.
    assert [line.split()[:3] for line in out_es.splitlines()] == [
        line.split()[:3] for line in out_en.splitlines()
    ]
    assert out_es != out_en
    assert any(word in out_es for word in ("instalado en", "vence el", "Nos compró el"))


def test_the_days_calls_in_spanish(capsys, databases) -> None:
    _, spanish = databases
    code, _, err = run(capsys, spanish, "calls", "--date", "2026-12-03")
    assert code == 0
    assert "llamadas para el 3 de diciembre de 2026" in err
    assert "esperan a los próximos días" in err


def test_a_backup_says_so_in_spanish(capsys, databases, tmp_path: Path) -> None:
    _, spanish = databases
    code, _, err = run(capsys, spanish, "backup", str(tmp_path / "copy.sqlite3"))
    assert code == 0
    assert err.startswith(f"Respaldo escrito en {tmp_path / 'copy.sqlite3'}: ") and err.endswith(
        " clientes, verificado.\n"
    )


@pytest.mark.parametrize(
    ("command", "english", "spanish"),
    [
        (
            ["find", "  "],
            "Give some text to look for, such as part of a name or phone number.",
            "Escriba algo que buscar, como parte de un nombre o de un teléfono.",
        ),
        (
            ["undo-import", "999"],
            "There is no import number 999; check the number in the import report.",
            "No hay ninguna importación número 999; revise el número en el informe de la importación.",
        ),
        (
            ["statement", "Nobody Plumbing", "out.pdf"],
            "No partner is called “Nobody Plumbing”. Give the partner's id or business name.",
            "Ningún socio se llama “Nobody Plumbing”. Escriba el número del socio o el nombre de su empresa.",
        ),
    ],
)
def test_an_error_is_one_sentence_in_the_owners_language_with_exit_2(
    capsys, databases, command: list[str], english: str, spanish: str
) -> None:
    english_db, spanish_db = databases
    assert run(capsys, english_db, *command) == (2, "", english + "\n")
    assert run(capsys, spanish_db, *command) == (2, "", spanish + "\n")
