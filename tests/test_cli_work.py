"""The day's work by command line: today's calls, logging one, and a campaign from audience to results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "work.sqlite3")
    assert main(["--db", path, "demo", "--customers", "150", "--seed", "6"]) == 0
    capsys.readouterr()
    return path


def test_the_days_calls_then_a_booked_call_wins_its_opportunity(capsys, demo_db: str) -> None:
    code, out, err = run(capsys, "--db", demo_db, "calls", "--json")
    calls = json.loads(out)
    assert code == 0 and calls and "calls for December 2, 2026" in err
    first = calls[0]["reasons"][0]["opportunity_id"]

    code, _, err = run(capsys, "--db", demo_db, "log-call", str(first), "booked", "--by", "Dana")
    assert code == 0 and "won" in err
    _, out, _ = run(capsys, "--db", demo_db, "opportunities", "--json")
    assert first not in [o["id"] for o in json.loads(out)]
    _, out, _ = run(capsys, "--db", demo_db, "calls", "--json")
    assert calls[0]["customer_id"] not in [c["customer_id"] for c in json.loads(out)]


def test_an_unknown_outcome_is_refused_with_exit_2(capsys, demo_db: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", demo_db, "log-call", "1", "maybe"])
    assert stopped.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_a_campaign_from_audience_to_results(capsys, demo_db: str, tmp_path: Path) -> None:
    offer = "$20 off a spring tune-up"
    name = "Spring tune-ups"
    code, out, err = run(
        capsys, "--db", demo_db, "campaign-new", name, "--kind", "maintenance_due", "--dry-run", "--json"
    )
    preview = json.loads(out)
    assert code == 0 and preview["included"] > 0 and "would get it" in err
    _, out, _ = run(capsys, "--db", demo_db, "campaigns", "--json")
    assert json.loads(out) == []  # a dry run creates nothing

    _, out, _ = run(
        capsys, "--db", demo_db, "campaign-new", name, "--kind", "maintenance_due", "--offer", offer, "--json"
    )
    campaign = json.loads(out)
    assert campaign["recipients"] == preview["included"] and campaign["offer"] == offer

    folder = tmp_path / "printed" / "spring"
    code, _, err = run(capsys, "--db", demo_db, "campaign-print", str(campaign["id"]), str(folder))
    assert code == 0
    letters = next(folder.glob("*letters.pdf"))
    assert len(PdfReader(str(letters)).pages) >= campaign["recipients"]

    code, _, err = run(capsys, "--db", demo_db, "campaign-sent", str(campaign["id"]))
    assert code == 0 and f"{campaign['recipients']} contacts recorded" in err
    _, out, _ = run(capsys, "--db", demo_db, "campaign-results", str(campaign["id"]), "--json")
    results = json.loads(out)
    assert results["recipients"] == campaign["recipients"] and results["campaign"]["status"] == "sent"
