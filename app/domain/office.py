"""An office server's address, and keeping its password out of sight.

A profile is what this computer remembers about the office's PostgreSQL server: host,
port, database and user, never the password (that goes to the operating system's
password store). An address as it may be shown, logged or put on a command line is the
URL without its password: `postgresql://ann@server:5432/customers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from app.domain.errors import UserError

DEFAULT_PORT = 5432
SCHEMES = ("postgresql", "postgres")
EXAMPLE_ADDRESS = "postgresql://user@server/database"
# user:password@ in any postgresql:// URL inside a longer text (a log line, an error message).
_PASSWORD_IN_TEXT = re.compile(r"(postgres(?:ql)?://[^\s:/@]*):[^\s/]*@")


def is_server_address(location: str) -> bool:
    return location.strip().lower().startswith(tuple(f"{scheme}://" for scheme in SCHEMES))


def hide_password(location: str) -> str:
    """A postgresql:// address as it may be shown on screen or logged: without its password."""
    if not is_server_address(location):
        return location
    return split_password(location)[0]


def split_password(location: str) -> tuple[str, str | None]:
    """The address without its password, and the password (None when it has none)."""
    parts = urlsplit(location.strip())
    if parts.password is None:
        return location.strip(), None
    user = f"{parts.username}@" if parts.username is not None else ""
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, f"{user}{host}", parts.path, parts.query, "")), unquote(parts.password)


def redact_passwords(text: str) -> str:
    """Any postgresql:// URL in `text` with its password taken out."""
    return _PASSWORD_IN_TEXT.sub(r"\1@", text)


@dataclass(frozen=True)
class OfficeProfile:
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    remembers_password: bool = False  # a password for it is in this computer's password store

    @classmethod
    def from_address(cls, address: str) -> OfficeProfile:
        """The profile an address names; UserError when it is not a complete server address."""
        address = address.strip()
        if not is_server_address(address):
            raise UserError(f"That is not a PostgreSQL address; it should look like {EXAMPLE_ADDRESS}.")
        parts = urlsplit(address)
        try:
            port = parts.port or DEFAULT_PORT
        except ValueError:
            raise UserError(f"The port in {hide_password(address)} is not a number.") from None
        profile = cls(
            host=unquote(parts.hostname or ""),
            database=unquote(parts.path.lstrip("/")),
            user=unquote(parts.username or ""),
            port=port,
        )
        named = (("server", profile.host), ("database", profile.database), ("user name", profile.user))
        missing = [what for what, value in named if not value]
        if missing:
            raise UserError(
                f"The address needs a {' and a '.join(missing)}; it should look like {EXAMPLE_ADDRESS}."
            )
        return profile

    def address(self) -> str:
        """The address without a password, as it is shown and put on a command line."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{quote(self.user, safe='')}@{host}:{self.port}/{quote(self.database, safe='')}"

    def same_server(self, other: OfficeProfile) -> bool:
        """The same database for the same user, whatever this computer remembers about its password."""
        return (self.host.lower(), self.port, self.database, self.user) == (
            other.host.lower(),
            other.port,
            other.database,
            other.user,
        )

    @property
    def key(self) -> str:
        """What the password is filed under in the password store."""
        return f"{self.user}@{self.host.lower()}:{self.port}/{self.database}"
