"""Is a file in a risky place for a live database: a network drive or a synced folder?

A sync client (OneDrive, Dropbox, Google Drive, iCloud) copies a file while SQLite is
half-way through writing it, and a network file system's locks are not to be trusted,
so either can damage a database that is in use. Both are good places for backups.
Found by path (the sync clients' folder names, and the OneDrive folder the Windows
environment names), and by the drive's type: GetDriveType on Windows, the mount's
file system on Linux.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Folder names of the sync clients people have (a path inside one is synced file by file, which
# can tear a live database apart: the sync copies the file while SQLite is half-way through a write).
SYNCED_FOLDERS = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "iclouddrive",
    "mobile documents",  # macOS iCloud Drive: ~/Library/Mobile Documents/com~apple~CloudDocs
    "com~apple~clouddocs",
    "box",
    "box sync",
    "pcloud drive",
    "mega",
    "nextcloud",
    "owncloud",
    "sync.com",
)
SYNC_ENVIRONMENT = ("OneDrive", "OneDriveConsumer", "OneDriveCommercial")
NETWORK_FILE_SYSTEMS = ("nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "fuse.sshfs", "afs", "9p", "davfs")
DRIVE_REMOTE = 4  # GetDriveTypeW
MOUNTS_FILE = Path("/proc/mounts")


def location_warning(path: Path) -> str | None:
    """Why this file is in a risky place for a live database (network or synced folder), or None."""
    path = Path(path).expanduser().absolute()
    synced = _synced_folder(path)
    if synced:
        return (
            f"The database is in a {synced} folder ({path.parent}). A synced folder can damage a "
            "database that is in use; keep the database on this computer's own disk and put your "
            "backups there instead."
        )
    if _on_network(path):
        return (
            f"The database is on a network drive ({path.parent}). A network drive can damage a database "
            "that is in use; keep the database on this computer's own disk, or use office mode (PostgreSQL)."
        )
    return None


def _synced_folder(path: Path) -> str | None:
    for variable in SYNC_ENVIRONMENT:
        root = os.environ.get(variable)
        if root and _is_within(path, Path(root)):
            return "OneDrive"
    for part in path.parts[:-1]:
        lowered = part.lower()
        for name in SYNCED_FOLDERS:
            # "OneDrive - Contoso", "Dropbox (Personal)", "Google Drive" are all this client's folder.
            if lowered == name or lowered.startswith((name + " ", name + "-", name + "(")):
                return {"my drive": "Google Drive", "mobile documents": "iCloud Drive"}.get(
                    name, part.split(" - ")[0].split(" (")[0]
                )
    return None


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root.expanduser().absolute())
        return True
    except ValueError:
        return False


def _on_network(path: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):  # a UNC path: \\server\share
        return True
    if sys.platform == "win32":
        return _windows_drive_is_remote(path)
    return _mount_type(path) in NETWORK_FILE_SYSTEMS


def _windows_drive_is_remote(path: Path) -> bool:
    import ctypes

    drive = path.drive
    if not drive:
        return False
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


def _mount_type(path: Path) -> str:
    """The file system type of the mount holding `path` (Linux; "" elsewhere)."""
    try:
        lines = MOUNTS_FILE.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    best, kind = "", ""
    text = str(path)
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind
