"""`python -m app`: the contract of shared/CLI.md (names, JSON keys, exit codes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import main

STATS_KEYS = [
    "customers", "bought_last_3_years", "spoken_to_last_30_days", "not_contacted_12_months",
    "lifetime_value_total", "average_lifetime_value", "projected_value_10_years", "retention_rate",
    "repeat_revenue_share", "top_customer_share", "open_opportunities", "open_opportunity_value",
    "commission_owed_to_us", "commission_we_owe",
]  # fmt: skip
IMPORT_KEYS = {
    "file", "sheet", "rows_read", "customers_created", "customers_updated", "duplicates_merged",
    "sites_created", "equipment_created", "rejected", "warnings", "batch",
}  # fmt: skip


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    assert main(["--db", str(path), "demo", "--customers", "300", "--seed", "3"]) == 0
    return path


def test_demo_then_stats_json(capsys, demo_db: Path) -> None:
    code, out, _ = run(capsys, "--db", str(demo_db), "stats", "--json")
    stats = json.loads(out)
    assert code == 0
    assert list(stats) == STATS_KEYS
    assert stats["customers"] == 300
    assert isinstance(stats["lifetime_value_total"], str) and float(stats["lifetime_value_total"]) > 0
    assert 0 <= stats["retention_rate"] <= 1


def test_find_by_phone_fragment(capsys, demo_db: Path) -> None:
    _, out, _ = run(capsys, "--db", str(demo_db), "find", "a", "--json", "--limit", "1")
    first = json.loads(out)[0]
    digits = "".join(ch for ch in first["phone"] if ch.isdigit())
    fragment = f"{digits[3:6]}-{digits[6:8]}"
    code, out, _ = run(capsys, "--db", str(demo_db), "find", fragment, "--json")
    assert code == 0
    assert first["id"] in [row["id"] for row in json.loads(out)]
    assert set(json.loads(out)[0]) == {"id", "name", "phone", "city"}


def test_an_unknown_command_prints_usage_and_exits_2(capsys, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(tmp_path / "x.sqlite3"), "frobnicate"])
    assert stopped.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_exits_2_with_one_sentence(capsys, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("hello")
    code, _, err = run(capsys, "--db", str(bogus), "stats")
    assert code == 2
    assert err.strip().count("\n") == 0 and "not a Customers for Life database" in err
    assert bogus.read_text() == "hello"


def test_import_json_report_and_undo(capsys, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["Name", "Phone", "City"])
    book.active.append(["Ann Smith", "410-632-0571", "Towson"])
    book.active.append(["", "", ""])
    book.active.append(["Bob Jones", "not a number", "Dundalk"])
    source = tmp_path / "list.xlsx"
    book.save(source)
    db = str(tmp_path / "c.sqlite3")
    code, out, _ = run(capsys, "--db", db, "import", str(source), "--json")
    report = json.loads(out)
    assert code == 0 and set(report) >= IMPORT_KEYS
    assert report["customers_created"] >= 1 and report["batch"] is not None
    code, out, _ = run(capsys, "--db", db, "import", str(source), "--json")
    assert json.loads(out)["customers_created"] == 0  # importing the same file twice creates nothing new
    code, _, _ = run(capsys, "--db", db, "undo-import", str(report["batch"]))
    assert code == 0
    _, out, _ = run(capsys, "--db", db, "stats", "--json")
    assert json.loads(out)["customers"] == 0


def test_a_bug_is_one_sentence_and_a_log_path(capsys, tmp_path: Path, monkeypatch, caplog) -> None:
    import app.services.customers as customers

    monkeypatch.setattr(customers, "find_customers", lambda *a, **k: 1 / 0)
    code, _, err = run(capsys, "--db", str(tmp_path / "c.sqlite3"), "find", "smith")
    assert code == 1
    assert "Traceback" not in err and "customers-for-life.log" in err
    bugs = [r for r in caplog.records if r.levelname == "ERROR"]
    assert [r.getMessage() for r in bugs] == ["command find failed"]
    assert bugs[0].exc_info[0] is ZeroDivisionError  # with its traceback, for the log file


def test_python_dash_m_app_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(tmp_path / "c.sqlite3"), "stats", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and json.loads(done.stdout)["customers"] == 0


def test_after_the_demo_who_is_due_shows_at_once(capsys, tmp_path: Path) -> None:
    """No hidden button: the first command that shows opportunities works them out."""
    path = str(tmp_path / "fresh.sqlite3")
    assert main(["--db", path, "demo", "--customers", "120", "--seed", "4"]) == 0
    code, out, _ = run(capsys, "--db", path, "opportunities", "--json")
    listed = json.loads(out)
    assert code == 0 and listed
    _, out, _ = run(capsys, "--db", path, "stats", "--json")
    assert json.loads(out)["open_opportunities"] == len(listed)
    code, _, err = run(capsys, "--db", path, "callsheet", str(tmp_path / "calls.pdf"))
    assert code == 0 and "printed" in err


def test_an_imported_old_furnace_is_due_at_once(capsys, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Phone", "Street", "City", "State", "Zip", "Equipment", "Installed"])
    sheet.append(
        ["Ann Smith", "410-632-0571", "12 Oak St", "Salisbury", "MD", "21801", "Furnace", "2009-10-01"]
    )
    source = tmp_path / "list.xlsx"
    book.save(source)
    path = str(tmp_path / "imported.sqlite3")
    assert main(["--db", path, "import", str(source)]) == 0
    capsys.readouterr()
    _, out, _ = run(capsys, "--db", path, "opportunities", "--json")
    kinds = {row["kind"] for row in json.loads(out)}
    assert "replacement" in kinds  # a 17-year-old furnace is due for replacement, without --recompute


def test_a_reader_that_stops_early_is_not_a_bug(demo_db: Path) -> None:
    """`python -m app opportunities | head -1`: the closed pipe ends the command quietly, exit 0."""
    command = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(demo_db), "opportunities"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert command.stdout.readline().strip()
    command.stdout.close()  # like `head -1`: read one line, then stop listening
    _, err = command.communicate(timeout=60)
    assert command.returncode == 0, err
    assert "Something went wrong" not in err and "Traceback" not in err


def test_one_letter_is_one_page_not_one_pages(capsys, demo_db: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", str(demo_db), "letters", str(tmp_path / "one.pdf"), "--limit", "1")
    assert code == 0 and ": 1 page, 1 printed" in err
