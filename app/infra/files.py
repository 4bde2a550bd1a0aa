"""Writing a file so that nobody ever sees half of it: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import UserError


def write_atomically(
    path: Path, write: Callable[[str], object], suffix: str = ".partial", in_use_hint: str = ""
) -> None:
    """`write(temporary)` fills a temporary file beside `path`, which then replaces `path` in one step.

    On any failure the temporary file is removed and `path` is left as it was; a file another program
    holds open (Windows refuses the rename) is a UserError, with `in_use_hint` naming the likely program.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=suffix, dir=path.parent)
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, path)
    except PermissionError as error:
        Path(temporary).unlink(missing_ok=True)
        hint = f" ({in_use_hint})" if in_use_hint else ""
        raise UserError(f"{path.name} is open in another program{hint}; close it and save again.") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
