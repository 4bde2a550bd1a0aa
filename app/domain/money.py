"""Money is Decimal in the domain and integer cents in the database; never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.domain import formatting
from app.domain.errors import UserError

CENT = Decimal("0.01")


def from_cents(cents: int | None) -> Decimal:
    return (Decimal(cents or 0) / 100).quantize(CENT)


def to_cents(amount: Decimal) -> int:
    """Whole cents, rounding half away from zero (the way an invoice rounds)."""
    return int(amount.quantize(CENT, rounding=ROUND_HALF_UP) * 100)


def parse_money(text: str | int | Decimal, field: str = "amount", *, allow_negative: bool = False) -> Decimal:
    """Read "1,234.50", "$99" or "(12.00)" into a Decimal, or say what is wrong."""
    if isinstance(text, Decimal | int):
        amount = Decimal(text)
    else:
        cleaned = text.strip().replace(",", "").replace("$", "").replace(" ", "")
        negative = cleaned.startswith("(") and cleaned.endswith(")")
        cleaned = cleaned.strip("()")
        if not cleaned:
            return Decimal("0.00")
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise UserError(f"{field.capitalize()}: “{text}” is not an amount of money.", field) from None
        if negative:
            amount = -amount
    if not amount.is_finite():
        raise UserError(f"{field.capitalize()}: “{text}” is not an amount of money.", field)
    if amount < 0 and not allow_negative:
        raise UserError(f"{field.capitalize()} cannot be negative.", field)
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal) -> str:
    """ "$1,234.50", "-$12.00" (app.domain.formatting, the one way amounts read)."""
    return formatting.money(amount)
