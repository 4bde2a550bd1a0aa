"""Who is who: duplicates within the file and against the database.

The same phone, the same e-mail, or the same name at the same street and ZIP
(or town) make one customer; so do rows with the same customer number of the
exporting program, and QuickBooks "Customer:Job" rows of one customer. A name
alone never does. Names and streets that are alike but not the same (rapidfuzz)
are *uncertain*: listed for the owner to decide, and kept apart until they do.
All keys are compared through dicts and blocks (ZIP + house number), never by
comparing every row with every other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from app.services.importing import addresses as addr
from app.services.importing.rows import RowData

NAME_SURE = 100
NAME_UNSURE = 85
STREET_UNSURE = 85
MAX_BLOCK = 50  # candidates compared per ZIP + house number


@dataclass(frozen=True)
class UncertainMatch:
    """A customer (saved, or an earlier row of the file) who may be the same as this row."""

    customer_id: int | None  # a saved customer
    excel_row: int | None  # or an earlier row of the file
    name: str
    address: str
    reason: str
    score: int


@dataclass(slots=True)
class Keys:
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    name_key: str  # exact form of the name, "" when there is none
    name_text: str  # for fuzzy comparison
    places: tuple[tuple[str, str, str], ...]  # (street key, ZIP5 or town key, house number)
    refs: tuple[str, ...] = ()  # keys that tie rows of one file only (program numbers, QuickBooks jobs)
    fingerprint: str = ""
    exact_keys: list[str] | None = None  # computed once: grouping and matching both need them

    def exact(self) -> list[str]:
        if self.exact_keys is not None:
            return self.exact_keys
        found = [f"p:{p}" for p in self.phones] + [f"e:{e}" for e in self.emails]
        if self.name_key:
            found += [
                f"n:{self.name_key}|{street}|{place}" for street, place, _ in self.places if street and place
            ]
        self.exact_keys = found
        return found


def name_key(first: str, last: str, company: str) -> str:
    if first or last:
        return f"{addr.key(first)}|{addr.key(last)}"
    return f"c|{addr.key(company)}" if company else ""


def name_text(first: str, last: str, company: str) -> str:
    return " ".join(p for p in (first, last) if p).lower() or company.lower()


def places_of(sites: Iterable[dict]) -> tuple[tuple[str, str, str], ...]:
    found = []
    for site in sites:
        street = addr.street_key(site.get("street", ""))
        if not street:
            continue
        place = (site.get("postal_code") or "")[:5] or addr.key(site.get("city", ""))
        number = street.split(" ", 1)[0]
        found.append((street, place, number if number.isdigit() else ""))
    return tuple(found)


def keys_of(row: RowData) -> Keys:
    c = row.customer
    first, last, company = c.get("first_name", ""), c.get("last_name", ""), c.get("company", "")
    refs = tuple(r for r in (f"r:{row.ref}" if row.ref else "",) if r)
    return Keys(
        tuple(n for _, n in row.phones),
        tuple(row.emails),
        name_key(first, last, company),
        name_text(first, last, company),
        places_of(row.sites),
        refs,
        row.fingerprint,
    )


# ----------------------------------------------------------------------------- within the file


def group_rows(all_keys: list[Keys | None], use_qb: bool, qb_keys: list[str]) -> list[int]:
    """For each row, the index of the first row of its group (itself when it stands alone)."""
    parent = list(range(len(all_keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for index, keys in enumerate(all_keys):
        if keys is None:
            continue
        tied = keys.exact() + list(keys.refs)
        if use_qb and qb_keys[index]:
            tied.append(f"q:{qb_keys[index]}")
        for key in tied:
            other = first_with.setdefault(key, index)
            if other != index:
                a, b = find(other), find(index)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(len(all_keys))]


# ----------------------------------------------------------------------------- against the database


@dataclass
class Saved:
    """The database's customers as keys: exact keys → ids, and blocks for fuzzy comparison."""

    by_key: dict[str, int] = field(default_factory=dict)
    fingerprints: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    blocks: dict[tuple[str, str], list[tuple[int, str, str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, customers: list[tuple], sites: list[tuple]) -> Saved:
        saved = cls()
        people: dict[int, tuple[str, str]] = {}
        for cid, first, last, company, shown, *contacts in customers:
            saved.names[cid] = shown
            people[cid] = (name_key(first, last, company), name_text(first, last, company))
            for index, value in enumerate(contacts):
                if value:
                    saved.by_key.setdefault(f"{'p' if index < 3 else 'e'}:{value}", cid)
        for _sid, cid, street, _street2, city, _region, postal, _billing in sites:
            if cid not in people:
                continue
            exact, fuzzy_name = people[cid]
            for street_key, place, house in places_of(
                [{"street": street, "postal_code": postal, "city": city}]
            ):
                if exact:
                    saved.by_key.setdefault(f"n:{exact}|{street_key}|{place}", cid)
                block = saved.blocks.setdefault((place, house), [])
                if len(block) < MAX_BLOCK:
                    block.append((cid, fuzzy_name, street_key, f"{street}, {city} {postal}".strip(", ")))
        return saved

    def match(self, group_keys: list[Keys]) -> tuple[int | None, str]:
        """The saved customer these rows are, and a warning when they point at more than one."""
        if not self.by_key and not self.fingerprints:  # an empty database: the first import
            return None, ""
        votes: Counter[int] = Counter()
        for keys in group_keys:
            for key in keys.exact():
                if (cid := self.by_key.get(key)) is not None:
                    votes[cid] += 1
        if not votes:
            known = [self.fingerprints.get(k.fingerprint) for k in group_keys]
            return next((cid for cid in known if cid is not None), None), ""
        ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
        if len(ranked) > 1:
            others = ", ".join(self.names.get(cid, str(cid)) for cid, _ in ranked[1:4])
            return ranked[0][0], f"also resembles {others}; matched to {self.names.get(ranked[0][0])}"
        return ranked[0][0], ""

    def uncertain(self, keys: Keys) -> UncertainMatch | None:
        if not self.blocks:
            return None
        return _best_alike(
            keys, (self.blocks.get((place, house), []) for _, place, house in keys.places), True
        )


class FileBlocks:
    """Earlier groups of the file by ZIP + house number, for finding alike names among them."""

    def __init__(self) -> None:
        self.blocks: dict[tuple[str, str], list[tuple[int, str, str, str]]] = {}

    def uncertain(self, keys: Keys) -> UncertainMatch | None:
        return _best_alike(
            keys, (self.blocks.get((place, house), []) for _, place, house in keys.places), False
        )

    def add(self, excel_row: int, keys: Keys, sites: list[dict]) -> None:
        """`sites` are the row's own: the address is put in words only for an uncertain match."""
        for street, place, house in keys.places:
            block = self.blocks.setdefault((place, house), [])
            if len(block) < MAX_BLOCK:
                block.append((excel_row, keys.name_text, street, sites))


def _best_alike(
    keys: Keys, blocks: Iterable[list[tuple[int, str, str, str]]], saved: bool
) -> UncertainMatch | None:
    if not keys.name_text:
        return None
    best: UncertainMatch | None = None
    for block in blocks:
        for ident, other_name, other_street, where in block:
            name_score = fuzz.token_sort_ratio(keys.name_text, other_name)
            if name_score < NAME_UNSURE:
                continue
            street_score = max(fuzz.ratio(street, other_street) for street, _, _ in keys.places)
            if street_score < STREET_UNSURE:
                continue
            score = int(min(name_score, street_score))
            if best is None or score > best.score:
                reason = (
                    f"a similar name ({name_score:.0f}% alike) at a similar address "
                    f"({street_score:.0f}% alike)"
                    if score < NAME_SURE
                    else "the same name at the same address"
                )
                best = UncertainMatch(
                    ident if saved else None,
                    None if saved else ident,
                    other_name.title(),
                    where if isinstance(where, str) else one_line(where),
                    reason,
                    score,
                )
    return best


def one_line(sites: list[dict]) -> str:
    """The first site's address on one line."""
    if not sites:
        return ""
    site = sites[0]
    parts = (
        site.get("street", ""),
        site.get("city", ""),
        site.get("region", ""),
        site.get("postal_code", ""),
    )
    return ", ".join(p for p in parts if p)
