"""Office mode: pointing the app at a shared PostgreSQL server, and edits that don't overwrite each other.

`test_connection` answers the setup page's "Test" button in one sentence. The office
profile is this computer's memory of the server (host, port, database, user) in
office-profile.json in the app's data folder; its password is kept in the operating
system's password store (Windows Credential Manager, the macOS Keychain, a Secret
Service keyring on Linux) through `keyring`, never in a file, a log or on screen. A
start with `--office`, or with the profile's address without a password, connects with it.

The `*_if_unchanged` functions save a record of a customer only if nobody changed
that customer since the editor opened it (the customer's version, which every
change of theirs raises): the second of two people editing the same customer is
told about the first instead of silently overwriting it.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlsplit

from app.domain.errors import UserError
from app.domain.office import EXAMPLE_ADDRESS, OfficeProfile, hide_password, is_server_address, split_password
from app.domain.records import columns_of
from app.infra.files import write_atomically
from app.paths import default_data_dir
from app.persistence import db as database_files
from app.persistence import office as repository
from app.persistence import records as records_repository
from app.services.records import Draft, Snapshot

log = logging.getLogger(__name__)

EXAMPLE_URL = EXAMPLE_ADDRESS
PROFILE_FILE = "office-profile.json"
KEYRING_SERVICE = "Customers for Life: office server"
NO_PASSWORD_STORE = (
    "This computer has no password store the app can use (such as Windows Credential Manager, "
    "the macOS Keychain or GNOME Keyring), so the office password can't be kept on it."
)
STORE_REFUSED = "This computer's password store refused the office password; unlock it and try again."
NO_PROFILE = (
    "No office server is saved on this computer yet. Start the app without --office, "
    "then save the server's address on the “Your data” page."
)


def test_connection(url: str, password: str | None = None) -> str:
    """Try the server once and say, in one sentence, whether the app can use it.

    `password`: one typed beside the address; without it, the password in the address, else
    the saved profile's from the password store.
    """
    url = url.strip()
    if not is_server_address(url):
        return f"That is not a PostgreSQL address; it should look like {EXAMPLE_URL}."
    where = _where(url)
    try:
        facts = repository.probe_postgres(url, password or password_for(url))
    except repository.ConnectionProblem as problem:
        return _problem_sentence(problem.kind, where, unquote(urlsplit(url).path.lstrip("/")))
    except UserError as error:  # the password store could not be asked
        return error.message
    except Exception:  # a malformed address (bad port number and the like)
        return f"That address can't be used; it should look like {EXAMPLE_URL}."
    server = f"Connected to PostgreSQL {facts.server_version} on {where}"
    if facts.application:
        if (facts.schema_version or 0) > database_files.schema_version():
            return (
                f"{server}, but its data was written by a newer version of Customers for Life; "
                "install that version on this computer first."
            )
        return f"{server}; the database “{facts.database}” holds {facts.customers or 0:,} customers."
    if facts.tables:
        return f"{server}, but the database “{facts.database}” belongs to another program; use an empty one."
    return f"{server}; the database “{facts.database}” is empty and ready for Customers for Life."


def _where(url: str) -> str:
    """host:port, never the user name or password."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    try:
        port = parts.port or 5432
    except ValueError:
        port = 5432
    return f"{host}:{port}"


def profile_path(folder: Path | None = None) -> Path:
    """The profile belongs to this computer, not to a database: the app's own data folder."""
    return (folder or default_data_dir()) / PROFILE_FILE


def load_profile(folder: Path | None = None) -> OfficeProfile | None:
    """The saved office profile, or None (none saved, or a file that can't be read as one)."""
    path = profile_path(folder)
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
        return OfficeProfile(
            host=str(values["host"]),
            database=str(values["database"]),
            user=str(values["user"]),
            port=int(values["port"]),
            remembers_password=bool(values.get("remembers_password")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("the office profile %s can't be read (%s); ignoring it", path, type(error).__name__)
        return None


def save_profile(address: str, password: str | None = None, *, folder: Path | None = None) -> OfficeProfile:
    """Remember the server `address` names; its password (typed, or in the address) goes to the
    password store. Without a password, one remembered for the same server is kept.

    Nothing is saved when the password can't be stored (UserError saying why).
    """
    address, in_address = split_password(address)
    password = password or in_address
    profile = OfficeProfile.from_address(address)
    previous = load_profile(folder)
    same = previous is not None and previous.same_server(profile)
    if password:
        _store_password(profile, password)
        remembers = True
    else:
        remembers = same and previous is not None and previous.remembers_password
    if previous is not None and previous.remembers_password and not same:
        _forget_password(previous)  # the old server's password has no profile any more
    profile = dataclasses.replace(profile, remembers_password=remembers)
    values = {
        "host": profile.host,
        "port": profile.port,
        "database": profile.database,
        "user": profile.user,
        "remembers_password": profile.remembers_password,
    }
    path = profile_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(
            path, lambda temporary: Path(temporary).write_text(json.dumps(values, indent=2), encoding="utf-8")
        )
    except OSError as error:
        raise UserError(
            f"The office profile could not be saved in {path.parent}: {error.strerror}."
        ) from error
    log.info("office profile saved for %s", profile.address())
    return profile


def forget_profile(folder: Path | None = None) -> None:
    """Forget the saved server and its password."""
    profile = load_profile(folder)
    if profile is not None and profile.remembers_password:
        _forget_password(profile)
    profile_path(folder).unlink(missing_ok=True)


def saved_profile_address(folder: Path | None = None) -> str:
    """The saved server's address, without a password, to start on (`--office`)."""
    profile = load_profile(folder)
    if profile is None:
        raise UserError(NO_PROFILE)
    return profile.address()


def password_for(address: str, folder: Path | None = None) -> str | None:
    """The saved profile's password when `address` names its server and has no password of its own.

    None when there is nothing to add (then the driver's own sources, such as a .pgpass file,
    still apply); UserError when the password store can't be asked.
    """
    address, in_address = split_password(address)
    if in_address is not None:
        return None
    profile = load_profile(folder)
    if profile is None or not profile.remembers_password:
        return None
    try:
        asked = OfficeProfile.from_address(address)
    except UserError:
        return None
    if not profile.same_server(asked):
        return None
    return _read_password(profile)


def shown_location(location: str) -> str:
    """What a window may show of the open database: its file, or the server's address without a password."""
    return hide_password(location)


def _store_password(profile: OfficeProfile, password: str) -> None:
    store = _password_store()
    try:
        store.set_password(KEYRING_SERVICE, profile.key, password)
    except Exception as error:  # every backend fails in its own way (D-Bus, Win32, Keychain)
        raise _store_problem(error) from error


def _read_password(profile: OfficeProfile) -> str | None:
    store = _password_store()
    try:
        return store.get_password(KEYRING_SERVICE, profile.key)
    except Exception as error:  # every backend fails in its own way (D-Bus, Win32, Keychain)
        raise _store_problem(error) from error


def _forget_password(profile: OfficeProfile) -> None:
    store = _password_store()
    try:
        store.delete_password(KEYRING_SERVICE, profile.key)
    except Exception as error:  # already gone, or no store: nothing more to forget either way
        log.info("the office password was not in the password store (%s)", type(error).__name__)


def _password_store() -> ModuleType:
    # Importing keyring costs about 0.1 s (it looks up its backends): only when a password is needed.
    import keyring

    return keyring


def _store_problem(error: Exception) -> UserError:
    from keyring.errors import NoKeyringError

    log.warning("the password store failed: %s", type(error).__name__)
    if isinstance(error, NoKeyringError):
        return UserError(NO_PASSWORD_STORE)
    return UserError(STORE_REFUSED)


def _problem_sentence(kind: str, where: str, database: str) -> str:
    return {
        "login": f"The server at {where} refused the user name or password.",
        "no_database": (
            f"The server at {where} has no database named “{database}”; ask whoever runs it to create one."
        ),
        "refused": f"Nothing answered at {where}; check the address and that the server is running.",
        "unreachable": f"The server {where} could not be reached; check the address and the network.",
    }.get(kind, f"Could not connect to {where}; check the address, user name and password.")


def save_record_if_unchanged(row_id: int, draft: Draft, *, customer_id: int, customer_version: int) -> int:
    """Save an edited record unless its customer changed since `customer_version`; returns the new version."""
    columns = columns_of(draft.validated())
    with repository.customer_unchanged(customer_id, customer_version):
        records_repository.update_record(draft.TABLE, row_id, columns)
    return _version(customer_id)


def delete_record_if_unchanged(
    table: str, row_id: int, *, customer_id: int, customer_version: int
) -> tuple[Snapshot, int]:
    """Delete a record unless its customer changed meanwhile; returns the undo snapshot and new version."""
    with repository.customer_unchanged(customer_id, customer_version):
        snapshot = records_repository.delete_record(table, row_id)
    return snapshot, _version(customer_id)


def _version(customer_id: int) -> int:
    version = repository.customer_version(customer_id)
    if version is None:
        raise UserError("This customer no longer exists; someone deleted it.")
    return version
