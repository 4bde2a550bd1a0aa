"""Sending a PDF to CUPS: the job names the document's paper, asks for no scaling, and keeps the
dialog's other choices; lp's refusals come back as sentences."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.domain.errors import UserError
from app.services import printing
from app.services.cancel import Cancelled
from app.services.printing import PrintJob, cups_media, lp_command, send_to_cups


def _options(command: list[str]) -> dict[str, str]:
    pairs = [command[i + 1] for i, part in enumerate(command) if part == "-o"]
    return dict(pair.split("=", 1) for pair in pairs)


@pytest.mark.parametrize(
    ("size", "media"),
    [
        ((612, 792), "Letter"),
        ((792, 612), "Letter"),  # a landscape page goes on the paper as the printer feeds it
        ((595.2756, 841.8898), "A4"),
        ((612, 1008), "Legal"),
        ((648, 432), "Custom.432x648"),  # a 6×9 card, one to a page
        ((288.5, 432.25), "Custom.288.5x432.25"),
    ],
)
def test_the_media_is_the_documents_paper(size: tuple[float, float], media: str) -> None:
    assert cups_media(*size) == media


def test_the_job_keeps_100_percent_and_the_dialogs_choices(tmp_path: Path) -> None:
    job = PrintJob(
        queue="Office",
        pdf=tmp_path / "letters.pdf",
        title="Renewal letters",
        page_width=612,
        page_height=792,
        copies=2,
        collate=False,
        page_ranges=((1, 3), (5, 5)),
        sides="two-sided-long-edge",
        monochrome=True,
        # what the dialog left behind: its paper and scaling choices never reach the job
        options=(("number-up", "1"), ("PageSize", "A4"), ("media", "A4"), ("fit-to-page", "true"), ("x", "")),
    )
    command = lp_command(job)
    assert command[:5] == ["lp", "-d", "Office", "-t", "Renewal letters"]
    assert command[-1] == str((tmp_path / "letters.pdf").resolve())
    assert _options(command) == {
        "media": "Letter",
        "print-scaling": "none",
        "fit-to-page": "false",
        "copies": "2",
        "collate": "false",
        "page-ranges": "1-3,5",
        "sides": "two-sided-long-edge",
        "print-color-mode": "monochrome",
        "number-up": "1",
    }


def test_one_copy_of_every_page_says_no_more_than_it_needs(tmp_path: Path) -> None:
    command = lp_command(PrintJob("Office", tmp_path / "a.pdf", "", 595.28, 841.89))
    assert command[4] == "a"  # no title: the file's name
    assert _options(command) == {"media": "A4", "print-scaling": "none", "fit-to-page": "false"}


class _Finished:
    def __init__(self, returncode: int, stdout: str = "", stderr: str = "") -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def test_the_job_id_comes_back_and_a_refusal_is_a_sentence(monkeypatch, tmp_path: Path) -> None:
    job = PrintJob("Office", tmp_path / "a.pdf", "Letters", 612, 792)
    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")
    seen: list[list[str]] = []

    def accept(command: list[str], **_kwargs: object) -> _Finished:
        seen.append(command)
        return _Finished(0, "request id is Office-42 (1 file(s))\n")

    monkeypatch.setattr(subprocess, "run", accept)
    reports: list[tuple[int, int]] = []
    assert send_to_cups(job, progress=lambda done, total: reports.append((done, total))) == "Office-42"
    assert seen == [lp_command(job)] and reports == [(0, 1), (1, 1)]

    monkeypatch.setattr(
        subprocess, "run", lambda *_a, **_k: _Finished(1, stderr="lp: The printer or class does not exist.")
    )
    with pytest.raises(
        UserError, match=r"The printer Office did not take the document: The printer or class"
    ):
        send_to_cups(job)

    def missing(*_a: object, **_k: object) -> None:
        raise FileNotFoundError("lp")

    monkeypatch.setattr(subprocess, "run", missing)
    with pytest.raises(UserError, match="needs CUPS's lp command"):
        send_to_cups(job)

    def hangs(*_a: object, **_k: object) -> None:
        raise subprocess.TimeoutExpired("lp", printing.LP_TIMEOUT_S)

    monkeypatch.setattr(subprocess, "run", hangs)
    with pytest.raises(UserError, match="did not answer"):
        send_to_cups(job)


class _FakeLibcups:
    """cupsPrintFile as libcups has it: a job number, or 0 and a reason in cupsLastErrorString."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.calls: list[tuple[bytes, bytes, bytes, dict[bytes, bytes]]] = []

    def cupsPrintFile(self, queue, path, title, count, options) -> int:
        self.calls.append((queue, path, title, {options[i].name: options[i].value for i in range(count)}))
        return self.number

    def cupsLastErrorString(self) -> bytes:
        return b"Unauthorized"


def test_without_lp_cups_own_library_takes_the_same_job(monkeypatch, tmp_path: Path) -> None:
    job = PrintJob("Office", tmp_path / "a.pdf", "Letters", 792, 612, page_ranges=((2, 2),))
    monkeypatch.setattr(printing.shutil, "which", lambda _name: None)
    monkeypatch.setattr(subprocess, "run", lambda *_a, **_k: pytest.fail("lp ran"))
    library = _FakeLibcups(17)
    monkeypatch.setattr(printing, "_libcups", lambda: library)
    assert printing.can_send_pdf_directly() or printing.sys.platform == "win32"
    assert send_to_cups(job) == "Office-17"
    ((queue, path, title, options),) = library.calls
    assert (queue, path, title) == (b"Office", str((tmp_path / "a.pdf").resolve()).encode(), b"Letters")
    expected = {name.encode(): value.encode() for name, value in printing.job_options(job)}
    assert options == expected and options[b"media"] == b"Letter" and options[b"page-ranges"] == b"2"

    monkeypatch.setattr(printing, "_libcups", lambda: _FakeLibcups(0))
    with pytest.raises(UserError, match="did not take the document: Unauthorized"):
        send_to_cups(job)
    monkeypatch.setattr(printing, "_libcups", lambda: None)
    with pytest.raises(UserError, match="needs CUPS"):
        send_to_cups(job)


def test_the_real_libcups_loads_where_qt_prints_through_cups() -> None:
    if printing.sys.platform == "win32" or printing.ctypes.util.find_library("cups") is None:
        pytest.skip("no libcups here (Windows prints without CUPS)")
    library = printing._libcups()
    assert library is not None and library.cupsPrintFile.restype is printing.ctypes.c_int


def test_a_cancelled_job_sends_nothing(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(subprocess, "run", lambda *_a, **_k: pytest.fail("lp ran"))
    with pytest.raises(Cancelled):
        send_to_cups(PrintJob("Office", tmp_path / "a.pdf", "", 612, 792), cancel=lambda: True)


def test_windows_has_no_lp_path(monkeypatch) -> None:
    monkeypatch.setattr(printing.sys, "platform", "win32")
    assert not printing.can_send_pdf_directly()
    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert printing.can_send_pdf_directly()
    monkeypatch.setattr(printing.shutil, "which", lambda _name: None)
    monkeypatch.setattr(printing, "_libcups", lambda: None)
    assert not printing.can_send_pdf_directly()
