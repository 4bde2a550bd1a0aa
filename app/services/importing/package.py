"""Workbooks from writers other than Excel, put in Excel's own package shape before they are read.

Excel and openpyxl write the workbook at `xl/workbook.xml`, relationship targets with forward
slashes, and the spreadsheet namespace as the default one. Other writers differ, and Excel opens
their files all the same: the Open XML SDK puts a prefix on every element
(`<x:worksheet xmlns:x="…/main">`, `<x:sheetData>`), Windows tools write part names and targets
with back-slashes (`xl\\worksheets\\sheet1.xml`) or a leading slash, and a workbook need not be
under `xl/` at all. python-calamine and the importer's own scans of the sheet XML expect Excel's
shape, and refused such files as "empty" or "not an Excel workbook".

`find_main` locates the workbook wherever the package's relationships put it; `needs_rebuilding`
tells whether the package differs from Excel's shape; `rebuild` writes, in memory, the same
workbook, sheets, shared strings and styles under their usual names with the prefix taken off.
A package already in Excel's shape is read as it is (rebuilding costs a pass over every sheet).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from defusedxml import ElementTree

MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_DOCUMENT = "/officeDocument"
SHEET_MAIN_TYPES = (
    "spreadsheetml.sheet.main+xml",
    "spreadsheetml.template.main+xml",
    "ms-excel.sheet.macroEnabled.main+xml",
    "ms-excel.template.macroEnabled.main+xml",
    "ms-excel.addin.macroEnabled.main+xml",
)
BINARY_MAIN_TYPE = "ms-excel.sheet.binary.macroEnabled.main"
_HEAD = 4096
# The root element of a part, prefixed, with the prefix bound to the spreadsheet namespace.
_PREFIXED_ROOT = re.compile(
    rb"<([A-Za-z_][\w.-]*):[A-Za-z]+\b[^>]*?\sxmlns:\1\s*=\s*[\"']" + re.escape(MAIN_NS) + rb"[\"']"
)
_DEFAULT_NS = re.compile(rb"\sxmlns\s*=")
_CHUNK = 1024 * 1024
_KEPT_RELATIONSHIPS = ("/worksheet", "/sharedStrings", "/styles")
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def normal_name(name: str) -> str:
    """A part name as Excel writes it: forward slashes, no leading slash, no "." or ".." steps."""
    name = name.replace("\\", "/").lstrip("/")
    return posixpath.normpath(name).lstrip("/") if name else name


@dataclass(frozen=True)
class Relationship:
    rel_id: str
    kind: str  # the end of its Type: "/worksheet", "/sharedStrings", ...
    part: str  # the target, as a normal name that exists in the package ("" when it does not)
    exact: bool  # found the way Excel's readers resolve it, under its exact entry name


class Package:
    """A zip package looked up by normal part name (OPC names are compared without regard to case)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.infos: dict[str, zipfile.ZipInfo] = {}
        self.clean = True  # every entry is named as Excel names it
        for info in archive.infolist():
            if info.is_dir():
                continue
            normal = normal_name(info.filename)
            self.clean = self.clean and normal == info.filename
            self.infos.setdefault(normal.casefold(), info)

    def info(self, name: str) -> zipfile.ZipInfo | None:
        return self.infos.get(normal_name(name).casefold())

    def read(self, name: str) -> bytes:
        info = self.info(name)
        if info is None:
            raise KeyError(name)
        return self.archive.read(info)

    def head(self, name: str) -> bytes:
        info = self.info(name)
        if info is None:
            return b""
        with self.archive.open(info) as part:
            return part.read(_HEAD)

    def exists_exactly(self, name: str) -> bool:
        info = self.info(name)
        return info is not None and info.filename == name

    def relationships(self, source: str) -> list[Relationship]:
        """The relationships of the part `source` ("" for the package itself), targets resolved."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        try:
            root = ElementTree.fromstring(self.read(rels_name))
        except (KeyError, ElementTree.ParseError):
            return []
        found = []
        for rel in root.iter(_PACKAGE_RELS):
            if rel.get("TargetMode", "") == "External":
                continue
            target = rel.get("Target", "")
            kind = rel.get("Type", "")
            kind = kind[kind.rfind("/") :]
            found.append(Relationship(rel.get("Id", ""), kind, *self._resolve(folder, target)))
        return found

    def _resolve(self, folder: str, target: str) -> tuple[str, bool]:
        """A target is relative to its source's folder, or absolute from the root when it starts with "/";
        some writers put a root-relative path without the slash: tried last."""
        forward = target.replace("\\", "/")
        standard = forward.lstrip("/") if forward.startswith("/") else posixpath.join(folder, forward)
        standard = posixpath.normpath(standard) if standard else standard
        if self.info(standard) is not None:
            return normal_name(standard), forward == target and self.exists_exactly(standard)
        if self.info(forward) is not None:
            return normal_name(forward), False
        return "", False

    def content_types(self) -> dict[str, str]:
        """Part name → its content type, from the Override entries of [Content_Types].xml."""
        try:
            root = ElementTree.fromstring(self.read("[Content_Types].xml"))
        except (KeyError, ElementTree.ParseError):
            return {}
        return {
            normal_name(item.get("PartName", "")).casefold(): item.get("ContentType", "")
            for item in root.iter(f"{_CONTENT_TYPES}Override")
        }


def find_main(package: Package) -> tuple[str, str]:
    """(the workbook's part name, "xlsx" or "xlsb"), or ("", "") when the package holds no workbook."""
    types = package.content_types()
    candidates = [r.part for r in package.relationships("") if r.kind == _OFFICE_DOCUMENT and r.part]
    candidates += [name for name, kind in types.items() if _main_kind(kind, name)]
    candidates += ["xl/workbook.xml", "xl/workbook.bin"]
    for name in candidates:
        info = package.info(name)
        if info is None:
            continue
        kind = _main_kind(types.get(normal_name(name).casefold(), ""), name)
        if kind:
            return normal_name(info.filename), kind
    return "", ""


def _main_kind(content_type: str, name: str) -> str:
    """A workbook by its content type; by its usual name when [Content_Types].xml does not say."""
    base = posixpath.basename(normal_name(name)).lower()
    if content_type.endswith(SHEET_MAIN_TYPES) or (not content_type and base == "workbook.xml"):
        return "xlsx"
    if content_type.endswith(BINARY_MAIN_TYPE) or (not content_type and base == "workbook.bin"):
        return "xlsb"
    return ""


def prefix_of(head: bytes) -> bytes:
    """The prefix a part's root element gives the spreadsheet namespace (b"" when it uses it as default)."""
    match = _PREFIXED_ROOT.search(head)
    return match.group(1) if match else b""


def needs_rebuilding(package: Package, main: str) -> bool:
    """Whether anything of the workbook, its sheets, shared strings or styles differs from Excel's shape."""
    if not package.clean or main != "xl/workbook.xml" or not package.exists_exactly(main):
        return True
    parts = [main]
    for rel in package.relationships(main):
        if rel.kind in _KEPT_RELATIONSHIPS:
            if not rel.exact:
                return True
            parts.append(rel.part)
    return any(prefix_of(package.head(part)) for part in parts)


def rebuild(source: str | IO[bytes]) -> bytes:
    """The package in Excel's shape, as the bytes of a new zip (deflated, quickly: it is read once)."""
    with zipfile.ZipFile(source) as archive:
        package = Package(archive)
        main, _kind = find_main(package)
        relationships = [r for r in package.relationships(main) if r.kind in _KEPT_RELATIONSHIPS and r.part]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            names, rels, overrides = {}, [], []
            sheets = 0
            for rel in relationships:
                if rel.kind == "/worksheet":
                    sheets += 1
                    name, kind = f"worksheets/sheet{sheets}.xml", "worksheet"
                elif rel.kind == "/sharedStrings":
                    name, kind = "sharedStrings.xml", "sharedStrings"
                else:
                    name, kind = "styles.xml", "styles"
                if name in names.values():  # a second styles or shared strings part: Excel reads one
                    continue
                names[rel.part] = name
                rels.append(
                    f'<Relationship Id="{_attr(rel.rel_id)}" Target="{name}" '
                    f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships{rel.kind}"/>'
                )
                overrides.append(f'<Override PartName="/xl/{name}" ContentType="{_CT}.{kind}+xml"/>')
            for part, name in names.items():
                with target.open(f"xl/{name}", "w", force_zip64=True) as handle:
                    for chunk in _unprefixed(package, part):
                        handle.write(chunk)
            kept = {r.rel_id for r in relationships if r.part in names}
            target.writestr("xl/workbook.xml", _sheets_kept(b"".join(_unprefixed(package, main)), kept))
            target.writestr(
                "xl/_rels/workbook.xml.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(rels)
                + "</Relationships>",
            )
            target.writestr(
                "_rels/.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/officeDocument"/></Relationships>',
            )
            target.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
                + "".join(overrides)
                + "</Types>",
            )
    return out.getvalue()


_SHEET_ENTRY = re.compile(rb"<sheet\b[^>]*?/>|<sheet\b[^>]*>.*?</sheet>", re.DOTALL)
_REL_ID = re.compile(rb"\s[\w.-]+:id\s*=\s*[\"']([^\"']*)[\"']")


def _sheets_kept(workbook: bytes, kept: set[str]) -> bytes:
    """The workbook's list of sheets without those whose part was left out (chart sheets, dialogs):
    a sheet whose relationship is missing would make the reader refuse the whole workbook."""

    def entry(match: re.Match[bytes]) -> bytes:
        rel = _REL_ID.search(match.group(0))
        return match.group(0) if rel and rel.group(1).decode("utf-8", "replace") in kept else b""

    return _SHEET_ENTRY.sub(entry, workbook)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _unprefixed(package: Package, part: str) -> Iterator[bytes]:
    """The part's bytes with the spreadsheet namespace made the default one, chunk by chunk.

    `<x:c>` becomes `<c>`; the prefix stays declared too, for any attribute that uses it. A part
    that also declares a default namespace of its own is copied as it is: taking the prefix off
    would move its elements into that other namespace.
    """
    info = package.info(part)
    assert info is not None  # resolved from the package's own relationships
    with package.archive.open(info) as handle:
        head = handle.read(_HEAD)
        prefix = prefix_of(head)
        if not prefix or _DEFAULT_NS.search(head):
            yield head
            while chunk := handle.read(_CHUNK):
                yield chunk
            return
        tags = re.compile(rb"<(/?)" + re.escape(prefix) + rb":")
        declaration = re.compile(rb"\sxmlns:" + re.escape(prefix) + rb"\s*=\s*[\"']" + re.escape(MAIN_NS))
        head = declaration.sub(lambda m: b' xmlns="' + MAIN_NS + b'"' + m.group(0), head, count=1)
        carry = head
        while True:
            chunk = handle.read(_CHUNK)
            data = carry + chunk
            if not chunk:
                yield tags.sub(rb"<\1", data)
                return
            # Hold back from the last "<": a tag cut in two at the chunk's end is joined first.
            cut = data.rfind(b"<")
            cut = cut if cut > 0 else len(data)
            yield tags.sub(rb"<\1", data[:cut])
            carry = data[cut:]
