"""Every owner-facing error of app/ reads Spanish when the owner reads Spanish.

A `UserError` is raised with an English sentence (the message id) and shown through
`i18n.translated` (ui/messages.py, the command line). This test reads app/ with `ast`, writes a
sample of every sentence given as a string literal or an f-string (its fields filled with values
of the shape they take: a path, an amount, a date, a field's label…), and asks the Spanish catalog
for it. A new sentence without its Spanish fails here, named by file and line; its Spanish goes in
resources/translations/app_es/ (errors.toml, or the file of its part of the app).

Sentences raised through `t()` or the importer's `Said` are translated where they are written, and
a message kept in a module-level constant is checked through that constant.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.domain import i18n
from app.domain.errors import UserError

APP = Path(__file__).resolve().parents[1] / "app"

# A field's sample by what its expression says it is (the first rule that matches wins). The
# values are English, as the code writes them where the owner's language is not yet applied.
SAMPLES: tuple[tuple[str, str], ...] = (
    # Fields that hold one of a few English phrases, sampled as one of them.
    (r"^hint$", " (Excel?)"),
    (r"^whose$", "on this referral"),
    (r"part for part in owing", "Acme Remodeling owes you $1,234.50"),
    (r"^what$", "number"),
    # Fields of a kind, by the name or the function that writes them.
    (r"format_money", "$1,234.50"),
    (r"short_date", "12/15/2026"),
    (r"long_date", "December 15, 2026"),
    (r"count_text\(\w+, 'year'\)", "3 years"),
    (r"percent_text", "120"),
    (r"^(MAX_\w+|LP_TIMEOUT_S|low|high|batch_id|number)$", "200"),
    (r"\.join\(", "first, second"),
    (r"^(label|self\.label)$", "Notes"),
    (r"capitalize\(\)", "Job value"),
    (r"path\.name|\.name$", "Ann Smith"),
    (r"^(path|out|live|folder|location)(\.parent)?$", "/home/dana/Customers for Life/customers.sqlite3"),
    (r"strerror|^reason$", "Permission denied"),
    (r"hide_password", "postgresql://dana@office/cfl"),
    (r"^status$", "won"),
)
DEFAULT_SAMPLE = "Sample"
# Sentences whose Spanish waits on another file, by their English: common.toml's earlier pattern
# "{label:text}: choose {choices}." reads them first and keeps the choices in English; once it says
# {choices:text}, errors.toml's messages for these choices apply and they leave this list.
WAITING = {
    "Notes: choose job value, profit or a fixed fee.",
    "Notes: choose the direction the terms cover.",
}
WORD = re.compile(r"[A-Za-z’']+")
KEPT_NAMES = ("Customers for Life",)  # the product's name reads the same in Spanish


@dataclass(frozen=True)
class Raised:
    where: str  # "app/services/backups.py:145"
    parts: tuple[str | None, ...]  # the literal text, None where a field goes
    samples: tuple[str, ...]  # one per field

    @property
    def english(self) -> str:
        fields = iter(self.samples)
        return "".join(part if part is not None else next(fields) for part in self.parts)

    @property
    def phrases(self) -> list[str]:
        """Every run of three words of the sentence's own text, which its Spanish must not keep."""
        runs = []
        for part in self.parts:
            for name in KEPT_NAMES:
                part = (part or "").replace(name, "|")
            words = list(WORD.finditer(part))
            runs += [part[a.start() : c.end()] for a, _b, c in zip(words, words[1:], words[2:], strict=False)]
        return [run for run in runs if "|" not in run]


def _sample(field: ast.FormattedValue) -> str:
    source = ast.unparse(field.value)
    spec = ast.unparse(field.format_spec) if field.format_spec else ""
    if "," in spec:
        return "1,000"
    return next((value for rule, value in SAMPLES if re.search(rule, source)), DEFAULT_SAMPLE)


def _raised(argument: ast.expr, constants: dict[str, str], where: str) -> Raised | None:
    if isinstance(argument, ast.Name) and argument.id in constants:
        return Raised(where, (constants[argument.id],), ())
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return Raised(where, (argument.value,), ())
    if not isinstance(argument, ast.JoinedStr):
        return None  # t(), Said(), a message passed along: translated where it was written
    parts: list[str | None] = []
    samples = []
    for value in argument.values:
        if isinstance(value, ast.FormattedValue):
            parts.append(None)
            samples.append(_sample(value))
        else:
            parts.append(str(value.value))  # type: ignore[attr-defined]
    if not any(re.search(r"[A-Za-z]{2}", part) for part in parts if part):
        return None  # only fields and punctuation ("{label}: {problem}"): its parts are checked where written
    return Raised(where, tuple(parts), tuple(samples))


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "sentence" (or implicitly joined lines), by name."""
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    constants[target.id] = node.value.value
    return constants


def raised_errors(root: Path = APP) -> Iterator[Raised]:
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _module_constants(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == UserError.__name__
                and node.args
            ):
                where = f"{path.relative_to(root.parent)}:{node.lineno}"
                found = _raised(node.args[0], constants, where)
                if found is not None:
                    yield found


def _untranslated(raised: Raised) -> str | None:
    """Why the sentence does not read Spanish, or None when it does."""
    shown = i18n.translated(raised.english)
    if shown == raised.english:
        return "no Spanish"
    kept = [phrase for phrase in raised.phrases if phrase in shown]
    return f"still English: “{kept[0]}” in “{shown}”" if kept else None


def test_every_user_error_reads_spanish(spanish: None) -> None:
    found = list(raised_errors())
    assert len(found) > 150  # the scan still sees app/'s errors
    checked = [r for r in found if r.english not in WAITING]
    missing = [f"{r.where}: {r.english}  ({why})" for r in checked if (why := _untranslated(r))]
    assert not missing, (
        f"{len(missing)} owner-facing errors have no Spanish; add them to "
        "resources/translations/app_es/ (errors.toml or the file of their part):\n" + "\n".join(missing)
    )


def test_the_scan_fills_fields_with_samples_of_their_shape() -> None:
    tree = ast.parse('raise UserError(f"{label}: {format_money(x)} is more than {MAX_TEXT} {n:,}")')
    call = next(node for node in ast.walk(tree) if isinstance(node, ast.Call))
    raised = _raised(call.args[0], {}, "here")
    assert raised is not None
    assert raised.english == "Notes: $1,234.50 is more than 200 1,000"
    assert _raised(ast.parse('f"{a}: {b}"', mode="eval").body, {}, "here") is None


def test_an_error_without_spanish_is_named(spanish: None) -> None:
    unknown = Raised("app/x.py:1", ("Frobnicate the widget before ", None, "."), ("Sample",))
    assert _untranslated(unknown) == "no Spanish"


def test_nothing_to_mail_reads_spanish_reasons_and_all(spanish: None) -> None:
    """Built in pieces (not a literal the scan can read): checked by its own sentences."""
    from app.domain.campaigns import Excluded
    from app.services.mailings import nothing_to_print

    assert nothing_to_print("check_in", []).in_owners_language() == (
        "Nada que imprimir: no se puede enviar correo a ningún cliente con contacto de seguimiento pendiente."
    )
    assert nothing_to_print(None, []).in_owners_language() == (
        "Nada que imprimir: no se puede enviar correo a ningún cliente registrado."
    )
    excluded = [
        Excluded(1, "Ann Smith", "asked not to be mailed"),
        Excluded(2, "Bob Jones", "asked not to be mailed"),
        Excluded(3, "Kim Lee", "snoozed until March 3, 2027"),
    ]
    refused = nothing_to_print("maintenance_due", excluded)
    assert str(refused) == (
        "Nothing to print: no customer due for maintenance may be mailed; left out: "
        "asked not to be mailed (2), snoozed until March 3, 2027 (1)."
    )
    assert refused.in_owners_language() == (
        "Nada que imprimir: no se puede enviar correo a ningún cliente con mantenimiento pendiente; "
        "excluidos: pidió no recibir correo postal (2), pospuesta hasta el 3 de marzo de 2027 (1)."
    )


def test_a_choice_of_two_reads_spanish_choices_and_all(spanish: None) -> None:
    """ "Paper size: choose US Letter or A4." names the choices as the Settings page does, joined by "o"."""
    import dataclasses

    import pytest

    from app.domain.settings import BusinessSettings

    with pytest.raises(UserError) as refused:
        dataclasses.replace(BusinessSettings(), paper_size="legal").validated()
    assert refused.value.in_owners_language() == "Tamaño de papel: elija Carta (EE. UU.) o A4."
