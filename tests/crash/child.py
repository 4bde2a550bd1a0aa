"""The child process of the crash tests: set up, arm the crash point, run one operation.

    python tests/crash/child.py OPERATION DATABASE ARGS_JSON

With tests/crash/crashpoint.c preloaded and CFL_CRASH_AT=N, the process kills itself
(SIGKILL) before the Nth file-system write of the operation; with N = 0 it runs to the
end and prints {"steps": total} on stdout. Only the part inside `armed()` counts, so
opening the database and other set-up never move the step numbers.

To add an operation: write `def op_NAME(database: Path, args: dict,
armed) -> None` that sets up unarmed and runs the operation inside `with armed():`,
and add it to OPERATIONS; then add a test beside test_crash.py's.
"""

from __future__ import annotations

import ctypes
import datetime
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

Armed = Callable[[], AbstractContextManager[None]]
_steps: list[int] = []


@contextmanager
def armed() -> Iterator[None]:
    library = ctypes.CDLL(None)
    library.cfl_crash_disarm.restype = ctypes.c_long
    library.cfl_crash_arm(ctypes.c_long(int(os.environ.get("CFL_CRASH_AT", "0"))))
    try:
        yield
    finally:
        _steps.append(library.cfl_crash_disarm())


def op_demo(database: Path, args: dict, armed: Armed) -> None:
    from app.persistence.db import open_database
    from app.services.demo import build_demo

    open_database(database)
    today = datetime.date.fromisoformat(args["today"])
    with armed():
        build_demo(customers=args["customers"], seed=args["seed"], today=today)


def op_migrate(database: Path, args: dict, armed: Armed) -> None:
    from app.persistence.db import open_database

    with armed():
        open_database(database, backup_dir=Path(args["backups"]))


def op_create(database: Path, args: dict, armed: Armed) -> None:
    """The very first start: a new, empty database file is created and migrated."""
    from app.persistence.db import open_database

    with armed():
        open_database(database)


def op_merge(database: Path, args: dict, armed: Armed) -> None:
    from app.persistence.db import open_database
    from app.services.records import merge_customers

    open_database(database)
    with armed():
        merge_customers(args["keep"], args["duplicate"])


def op_backup(database: Path, args: dict, armed: Armed) -> None:
    from app.persistence.db import open_database
    from app.services.backups import make_backup

    open_database(database)
    with armed():
        make_backup(Path(args["folder"]), label="daily")


def op_restore(database: Path, args: dict, armed: Armed) -> None:
    from app.persistence.db import open_database
    from app.services.backups import restore_backup

    open_database(database)
    with armed():
        restore_backup(Path(args["backup"]), folder=Path(args["folder"]))


def op_import(database: Path, args: dict, armed: Armed) -> None:
    from app.persistence.db import open_database
    from app.services.importing.engine import run_import

    open_database(database)
    with armed():
        run_import(Path(args["file"]))


def op_two_commits(database: Path, args: dict, armed: Armed) -> None:
    """A deliberately wrong operation (two transactions), to prove the sweep catches one."""
    from app.persistence.db import open_database
    from app.persistence.tables import Segment, database_proxy

    open_database(database)
    with armed():
        for half in ("first", "second"):
            with database_proxy.atomic():
                Segment.insert_many([{"name": f"{half} {i}"} for i in range(200)]).execute()


OPERATIONS: dict[str, Callable[[Path, dict, Armed], None]] = {
    "demo": op_demo,
    "create": op_create,
    "migrate": op_migrate,
    "merge": op_merge,
    "backup": op_backup,
    "restore": op_restore,
    "import": op_import,
    "two_commits": op_two_commits,
}


def main() -> None:
    operation, database, args = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    OPERATIONS[operation](database, args, armed)
    from app.persistence.db import close_database

    close_database()
    sys.stdout.write(json.dumps({"steps": _steps[0] if _steps else 0}) + "\n")


if __name__ == "__main__":
    main()
