"""One rotating log file in the data folder, for the CLI and the GUI alike.

Log lines name operations and counts, never a customer's name, phone or address; and never an
office server's password, even inside an error's text or a traceback (the formatter takes it out).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.domain.office import redact_passwords

LOG_FILE = "customers-for-life.log"


def setup_logging(data_dir: Path, *, verbose: bool = False) -> Path:
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(NoPasswordsFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_cfl", False)]:
        root.removeHandler(old)
        old.close()
    handler._cfl = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("peewee").setLevel(logging.WARNING)
    _restrict_to_user(path)
    return path


class NoPasswordsFormatter(logging.Formatter):
    """A line as logging would write it, with any postgresql:// password taken out of the whole of it."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_passwords(super().format(record))


def _restrict_to_user(path: Path) -> None:
    """The log may name files and counts: keep it readable by the owner only."""
    try:
        path.touch(exist_ok=True)
        path.chmod(0o600)
    except OSError:
        pass  # Windows ACLs already keep %LOCALAPPDATA% private
