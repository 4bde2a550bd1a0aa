"""Who is who: duplicates within the file and against the database.

The same phone, the same e-mail, or the same name at the same street and ZIP
(or town) make one customer; so do rows with the same customer number of the
exporting program, and QuickBooks "Customer:Job" rows of one customer. A name
alone never does. Names and streets that are alike but not the same (rapidfuzz)
are *uncertain*: listed for the owner to decide, and kept apart until they do.
All keys are compared through dicts and blocks (ZIP + house number), never by
comparing every row with every other.

A shared phone or e-mail alone is not the same person when the names say otherwise:
an office's info@ mailbox or a household's landline is shared by people who are
customers of their own (96 of 302 contact names vanished when such rows were merged).
Rows whose phone or e-mail is the same but whose names are different people
(`same_customer`) are kept apart and listed as uncertain, so the owner can still put
them together. People of one business (the same company named on both rows) are its
contacts: one customer, the others named in its notes (merging.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from app.domain.said import Said
from app.services.importing import addresses as addr
from app.services.importing.cleaning import same_person, shown_phone
from app.services.importing.rows import RowData

NAME_SURE = 100
MAX_PEOPLE = 20  # different people compared per shared phone or e-mail (a mailbox of a whole office)
COMPANY_SAME = 90  # two company names this alike are one business ("Acme Inc" and "Acme Inc.")
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
    who: tuple[str, str, str] = ("", "", "")  # first, last, company: whether a shared contact is one person

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
        street = addr.street_and_unit_key(site.get("street", ""), site.get("street2", ""))
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
        who=(first, last, company),
    )


def same_customer(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Whether two rows sharing a phone or an e-mail may be one customer, by their names (first, last,
    company): the same person written two ways, a person and the business they are with, or two people
    of one named business (its contacts). Two different people, or two different businesses, are not."""
    first_a, last_a, company_a = a
    first_b, last_b, company_b = b
    person_a, person_b = bool(first_a or last_a), bool(first_b or last_b)
    one_business = bool(company_a and company_b) and _same_company(company_a, company_b)
    if person_a and person_b:
        return one_business or same_person(first_a, last_a, first_b, last_b)
    if company_a and company_b:
        return one_business
    return True  # a person and a business (their employer, their landlord) with nothing that says otherwise


def _same_company(a: str, b: str) -> bool:
    key_a, key_b = addr.key(a), addr.key(b)
    return key_a == key_b or fuzz.token_sort_ratio(a.lower(), b.lower()) >= COMPANY_SAME


@dataclass(frozen=True, slots=True)
class KeptApart:
    """Two rows of the file with the same phone or e-mail kept apart, their names being different people."""

    row: int  # index of the later row
    other: int  # index of the earlier row holding the same phone or e-mail
    key: str  # "p:+14105550101" or "e:info@example.com"


def shared_what(key: str, region: str = "US") -> str:
    """ "the phone (410) 555-0101" or "the e-mail info@example.com", for a kept-apart pair."""
    kind, _, value = key.partition(":")
    if kind == "p":
        return Said("the phone {number}", number=shown_phone(value, region))
    return Said("the e-mail {address}", address=value)


# ----------------------------------------------------------------------------- within the file


def group_rows(
    all_keys: list[Keys | None], use_qb: bool, qb_keys: list[str]
) -> tuple[list[int], list[KeptApart]]:
    """For each row, the index of the first row of its group (itself when it stands alone); and the rows
    that share a phone or e-mail with an earlier one but were kept apart because the names differ."""
    parent = list(range(len(all_keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_with: dict[str, int] = {}
    # A phone or e-mail held by different people: each person's first row (a list only where it is needed).
    people: dict[str, list[int]] = {}
    apart: list[KeptApart] = []
    for index, keys in enumerate(all_keys):
        if keys is None:
            continue
        tied = keys.exact() + list(keys.refs)
        if use_qb and qb_keys[index]:
            tied.append(f"q:{qb_keys[index]}")
        for key in tied:
            other = first_with.setdefault(key, index)
            if other == index:
                continue
            if key[0] not in "pe" or same_customer(all_keys[other].who, keys.who):  # type: ignore[union-attr]
                union(other, index)
                continue
            holders = people.setdefault(key, [other])
            joined = next(
                (h for h in holders[1:] if same_customer(all_keys[h].who, keys.who)),  # type: ignore[union-attr]
                None,
            )
            if joined is not None:
                union(joined, index)
                continue
            apart.append(KeptApart(index, other, key))
            if len(holders) < MAX_PEOPLE:
                holders.append(index)
    parents = [find(i) for i in range(len(all_keys))]
    return parents, [pair for pair in apart if parents[pair.row] != parents[pair.other]]


# ----------------------------------------------------------------------------- against the database


@dataclass
class Saved:
    """The database's customers as keys: exact keys → ids, and blocks for fuzzy comparison."""

    by_key: dict[str, int] = field(default_factory=dict)
    also: dict[str, list[int]] = field(default_factory=dict)  # a phone or e-mail several customers have
    fingerprints: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    who: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    blocks: dict[tuple[str, str], list[tuple[int, str, str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, customers: list[tuple], sites: list[tuple]) -> Saved:
        saved = cls()
        people: dict[int, tuple[str, str]] = {}
        for cid, first, last, company, shown, *contacts in customers:
            saved.names[cid] = shown
            saved.who[cid] = (first, last, company)
            people[cid] = (name_key(first, last, company), name_text(first, last, company))
            for index, value in enumerate(contacts):
                if value:
                    key = f"{'p' if index < 3 else 'e'}:{value}"
                    if saved.by_key.setdefault(key, cid) != cid:
                        saved.also.setdefault(key, []).append(cid)
        for _sid, cid, street, street2, city, _region, postal, _billing in sites:
            if cid not in people:
                continue
            exact, fuzzy_name = people[cid]
            for street_key, place, house in places_of(
                [{"street": street, "street2": street2, "postal_code": postal, "city": city}]
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
                for cid in self._holders(key):
                    if key[0] not in "pe" or same_customer(self.who[cid], keys.who):
                        votes[cid] += 1
        if not votes:
            known = [self.fingerprints.get(k.fingerprint) for k in group_keys]
            return next((cid for cid in known if cid is not None), None), ""
        ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
        if len(ranked) > 1:
            others = ", ".join(self.names.get(cid, str(cid)) for cid, _ in ranked[1:4])
            return ranked[0][0], Said(
                "also resembles {others}; matched to {name}", others=others, name=self.names.get(ranked[0][0])
            )
        return ranked[0][0], ""

    def _holders(self, key: str) -> list[int]:
        cid = self.by_key.get(key)
        if cid is None:
            return []
        return [cid, *self.also.get(key, ())]

    def shared_contact(self, keys: Keys, region: str = "US") -> UncertainMatch | None:
        """A saved customer with this row's phone or e-mail and another person's name: maybe the same
        customer (the owner decides), kept apart until they say so."""
        for key in keys.exact():
            if key[0] not in "pe":
                continue
            for cid in self._holders(key):
                if not same_customer(self.who[cid], keys.who):
                    reason = Said("{shared} but another name", shared=shared_what(key, region))
                    return UncertainMatch(cid, None, self.names.get(cid, ""), "", reason, 0)
        return None

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
                    Said(
                        "a similar name ({name:.0f}% alike) at a similar address ({street:.0f}% alike)",
                        name=name_score,
                        street=street_score,
                    )
                    if score < NAME_SURE
                    else Said("the same name at the same address")
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
