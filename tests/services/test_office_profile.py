"""The office profile: the server's address saved on this computer, its password in the password store,
and the password out of every screen, message and log line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import pytest
from keyring.errors import PasswordDeleteError

from app.domain.errors import UserError
from app.domain.office import OfficeProfile, hide_password, redact_passwords, split_password
from app.logs import setup_logging
from app.services import office

SECRET = "s3cr:et@/pw"  # every character a URL would need escaped


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A password store that lives only as long as the test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@contextmanager
def password_store(backend: keyring.backend.KeyringBackend) -> Iterator[None]:
    """`backend` as the password store, then the one there was before."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def use_own_data_folder(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data folder of the test's own: the profile is never the user's nor another test's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("LOCALAPPDATA", str(home))


@pytest.fixture
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    use_own_data_folder(tmp_path / "home", monkeypatch)
    store = MemoryKeyring()
    with password_store(store):
        yield store


@pytest.fixture
def no_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """What a headless Linux box has: no password store at all."""
    use_own_data_folder(tmp_path / "home", monkeypatch)
    with password_store(keyring.backends.fail.Keyring()):
        yield


def test_a_saved_profile_keeps_the_address_and_the_password_goes_to_the_password_store(
    memory_keyring: MemoryKeyring,
) -> None:
    saved = office.save_profile("postgresql://ann@db.office.lan:5433/customers", SECRET)
    assert saved.address() == "postgresql://ann@db.office.lan:5433/customers"
    on_disk = office.profile_path().read_text(encoding="utf-8")
    assert SECRET not in on_disk
    assert json.loads(on_disk) == {
        "host": "db.office.lan", "port": 5433, "database": "customers", "user": "ann",
        "remembers_password": True,
    }  # fmt: skip
    assert list(memory_keyring.passwords.values()) == [SECRET]
    # Starting on that address (or with --office) finds the password; another address doesn't get it.
    assert office.saved_profile_address() == saved.address()
    assert office.password_for("postgresql://ann@DB.office.lan:5433/customers") == SECRET
    assert office.password_for("postgresql://bob@db.office.lan:5433/customers") is None
    assert office.password_for("postgresql://ann:typed@db.office.lan:5433/customers") is None


def test_a_password_pasted_inside_the_address_is_stored_not_written(memory_keyring: MemoryKeyring) -> None:
    office.save_profile("postgresql://ann:pasted@server/customers")
    assert "pasted" not in office.profile_path().read_text(encoding="utf-8")
    assert office.password_for("postgresql://ann@server:5432/customers") == "pasted"
    # Saving the same server again without a password keeps the one it has.
    office.save_profile("postgresql://ann@server/customers")
    assert office.password_for("postgresql://ann@server/customers") == "pasted"
    # Another server: the old password is forgotten with the old profile.
    office.save_profile("postgresql://ann@newserver/customers", "fresh")
    assert sorted(memory_keyring.passwords.values()) == ["fresh"]
    office.forget_profile()
    assert memory_keyring.passwords == {} and office.load_profile() is None
    with pytest.raises(UserError, match="No office server is saved"):
        office.saved_profile_address()


def test_without_a_password_store_saving_says_so_in_a_sentence(no_keyring: None) -> None:
    with pytest.raises(UserError) as refused:
        office.save_profile("postgresql://ann@server/customers", SECRET)
    assert refused.value.message == office.NO_PASSWORD_STORE
    assert office.load_profile() is None  # nothing half-saved
    # A server that asks for no password still works without a password store.
    office.save_profile("postgresql://ann@server/customers")
    assert office.password_for("postgresql://ann@server/customers") is None


def test_a_profile_whose_password_cant_be_read_is_said_so(memory_keyring: MemoryKeyring) -> None:
    office.save_profile("postgresql://ann@server/customers", SECRET)
    keyring.set_keyring(keyring.backends.fail.Keyring())  # the store went away (another session)
    with pytest.raises(UserError, match="no password store"):
        office.password_for("postgresql://ann@server/customers")
    sentence = office.test_connection("postgresql://ann@server/customers")
    assert sentence == office.NO_PASSWORD_STORE


@pytest.mark.parametrize(
    "address, message",
    [
        ("mysql://ann@server/customers", "not a PostgreSQL address"),
        ("postgresql://server/customers", "needs a user name"),
        ("postgresql://ann@server/", "needs a database"),
        ("postgresql://ann@server:port/customers", "port"),
    ],
)
def test_an_incomplete_address_is_refused(memory_keyring, address: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        office.save_profile(address, SECRET)
    assert memory_keyring.passwords == {}


def test_an_address_never_shows_its_password() -> None:
    assert hide_password("postgresql://ann:s3cret@db.local:5433/cfl") == "postgresql://ann@db.local:5433/cfl"
    assert hide_password("postgresql://ann:p@ss@db.local/cfl") == "postgresql://ann@db.local/cfl"
    assert hide_password("/home/ann/customers.sqlite3") == "/home/ann/customers.sqlite3"
    assert split_password("postgresql://ann:p%40ss@db/cfl") == ("postgresql://ann@db/cfl", "p@ss")
    assert (
        redact_passwords("could not open postgresql://ann:s3cret@db/cfl or postgres://bo:x@y:1/z, sorry")
        == "could not open postgresql://ann@db/cfl or postgres://bo@y:1/z, sorry"
    )
    profile = OfficeProfile.from_address("postgresql://ann%40shop@db/north%20side")
    assert (profile.user, profile.database) == ("ann@shop", "north side")
    assert OfficeProfile.from_address(profile.address()) == profile  # the address reads back the same


def test_the_log_never_holds_a_password_even_in_a_traceback(tmp_path: Path) -> None:
    log_path = setup_logging(tmp_path)
    try:
        raise RuntimeError("cannot use postgresql://ann:s3cret@db/cfl")
    except RuntimeError:
        logging.getLogger("test").warning("opening postgresql://ann:s3cret@db/cfl failed", exc_info=True)
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = log_path.read_text(encoding="utf-8")
    assert "opening postgresql://ann@db/cfl failed" in written and "cannot use postgresql://ann@db" in written
    assert "s3cret" not in written
