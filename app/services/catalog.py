"""The Catalog page's use cases: list, save and delete items and segments; the default catalog.

The default catalog of a heating, cooling and plumbing shop ships as data
(resources/catalog/default_catalog.json, prices in dollars) and goes into an empty
catalog. It is only loaded on its own into a database that has customers: a new, empty
database is left empty so that the demo business (which brings its own catalog) can
still go into it. `load_default_catalog()` loads it on request at any time the catalog
is empty.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from app.domain.catalog import CatalogItemDraft, CatalogItemRow, SegmentDraft, SegmentRow
from app.domain.errors import UserError
from app.domain.i18n import t
from app.persistence import bulk
from app.persistence import catalog as repository

DEFAULT_CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "default_catalog.json"


def read_catalog_file(
    path: Path = DEFAULT_CATALOG,
) -> tuple[list[CatalogItemDraft], dict[str, list[str]], list[SegmentDraft]]:
    """Items (validated), bundle contents by name, and segments from a catalog file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UserError(f"The catalog file {path} cannot be read ({error}).") from error
    items, bundles = [], {}
    for entry in document.get("items", []):
        values = dict(entry)
        contents = values.pop("bundle_items", [])
        draft = CatalogItemDraft(**values).validated()
        items.append(draft)
        if contents:
            bundles[draft.name] = list(contents)
    names = {item.name for item in items}
    for bundle, contents in bundles.items():
        unknown = [name for name in contents if name not in names]
        if unknown:
            raise UserError(f"The catalog file {path}: bundle “{bundle}” holds unknown items {unknown}.")
    segments = [
        SegmentDraft(s["name"], s.get("pitch", ""), "\n".join(s.get("talking_points", []))).validated()
        for s in document.get("segments", [])
    ]
    return items, bundles, segments


def load_default_catalog(path: Path = DEFAULT_CATALOG) -> int:
    """Fill an empty catalog with the default one (and the default segments if there are none).

    Returns how many items went in: 0 when the catalog already had items.
    """
    if not repository.is_empty():
        return 0
    items, bundles, segments = read_catalog_file(path)
    if path == DEFAULT_CATALOG:  # the shipped words, in the owner's language (see _said)
        items = [replace(d, name=t(d.name), ladder=t(d.ladder), notes=t(d.notes)) for d in items]
        bundles = {t(bundle): [t(name) for name in names] for bundle, names in bundles.items()}
        segments = [_said(segment) for segment in segments]
    return repository.insert_default(items, bundles, segments)


def shipped_segments() -> list[SegmentDraft]:
    """The segments the app ships (the default catalog's), in the owner's language: the demo's too."""
    return [_said(segment) for segment in read_catalog_file()[2]]


def _said(segment: SegmentDraft) -> SegmentDraft:
    """A shipped segment as an owner who reads Spanish would have typed it (app_<language>/catalog.toml).
    The shipped items' equipment kinds are not translated: the customers' equipment is matched on them."""
    points = "\n".join(map(t, segment.talking_points.splitlines()))
    return replace(segment, name=t(segment.name), pitch=t(segment.pitch), talking_points=points)


def default_catalog_needed() -> bool:
    """True when `ensure_default_catalog` would write: the catalog is empty and there are customers."""
    return not bulk.is_empty(["customer"]) and repository.is_empty()


def ensure_default_catalog() -> int:
    """The default catalog, when the catalog is empty and the database has customers (see the module note)."""
    if not default_catalog_needed():
        return 0
    return load_default_catalog()


def list_catalog() -> list[CatalogItemRow]:
    ensure_default_catalog()
    return repository.list_items()


def save_catalog_item(draft: CatalogItemDraft) -> int:
    """Validate and store (a new item when draft.id is None); returns its id."""
    return repository.save_item(draft.validated())


def delete_catalog_item(item_id: int) -> None:
    """Delete an item nothing refers to (a UserError says what uses it otherwise)."""
    repository.delete_item(item_id)


def list_segments_full() -> list[SegmentRow]:
    """Segments with their pitch, talking points (one per line) and how many customers are in each."""
    return repository.list_segments()


def save_segment(draft: SegmentDraft) -> int:
    return repository.save_segment(draft.validated())


def delete_segment(segment_id: int) -> None:
    repository.delete_segment(segment_id)
