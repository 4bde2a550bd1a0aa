"""Addresses in postal style, as USPS Publication 28 and Canada Post want them on letters and labels.

The delivery lines are upper case without punctuation, with the standard
abbreviations: street suffixes (Pub 28 appendix C1), directionals (appendix B)
and secondary unit designators (appendix C2), and the last line
"CITY ST ZIP+4" (Canada: "CITY PR  A1A 1A1", two spaces before the postal
code). The recipient's name and company keep their own spelling and case
unless asked otherwise: upper-casing "McDonald" or a Greek name loses letters.
A country line is added only when the mail crosses a border.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.errors import UserError
from app.domain.values import clean_text

_CANADA_CODE = re.compile(r"^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\s?(\d[ABCEGHJ-NPRSTV-Z]\d)$")
_PO_BOX = re.compile(r"^(?:P\s*O|POST\s+OFFICE)\s*BOX\s+(.+)$")


class AddressProblem(UserError):
    """An address the post could not deliver as it stands (it is listed, not printed)."""


@dataclass(frozen=True)
class MailingAddress:
    """Who and where, as stored; `postal_lines` turns it into what is printed."""

    name: str = ""
    company: str = ""
    street: str = ""
    street2: str = ""
    city: str = ""
    region: str = ""  # state or province: code or full name
    postal_code: str = ""
    country: str = "US"  # ISO code or a country's name


def _clean(value: str) -> str:
    """clean_text, with a shortcut for the plain ASCII most addresses are (labels run by the ten thousand)."""
    if value.isascii() and value.isprintable():
        return " ".join(value.split())
    return clean_text(value)


def country_code(country: str) -> str:
    """ "US", "usa", "United States" → "US"; unknown names come back upper-cased as given."""
    text = _clean(country).upper().replace(".", "")
    if not text:
        return "US"
    return COUNTRY_ALIASES.get(text, text)


def postal_lines(
    address: MailingAddress, *, sender_country: str = "US", upper_names: bool = False
) -> list[str]:
    """The lines to print, top to bottom; AddressProblem when the post could not deliver it."""
    destination = country_code(address.country)
    lines = _name_lines(address, upper_names)
    if destination == "US":
        lines += _us_lines(address)
    elif destination == "CA":
        lines += _canada_lines(address)
    else:
        lines += _foreign_lines(address)
    if destination != country_code(sender_country):
        lines.append(COUNTRY_NAMES.get(destination, destination).upper())
    return lines


def one_line(address: MailingAddress) -> str:
    """The site as people write it, for call sheets: "12 Oak Ave, Apt 2, Towson MD 21204"."""
    parts = [_clean(address.street), _clean(address.street2)]
    place = " ".join(_clean(p) for p in (address.city, address.region, address.postal_code) if _clean(p))
    return ", ".join(p for p in [*parts, place] if p)


def _name_lines(address: MailingAddress, upper: bool) -> list[str]:
    name, company = _clean(address.name), _clean(address.company)
    lines = [name] if name else []
    if company and company.casefold() != name.casefold():
        lines.append(company)
    return [line.upper() for line in lines] if upper else lines


def _street_and_city(address: MailingAddress) -> tuple[str, str, str]:
    """The parts every postal system needs, or the reason the address can't be mailed."""
    street, street2 = _clean(address.street), _clean(address.street2)
    city = _plain(address.city)
    if not street and not street2:
        raise AddressProblem("The address has no street or PO box.")
    if not city:
        raise AddressProblem("The address has no city.")
    return street, street2, city


def _us_lines(address: MailingAddress) -> list[str]:
    street, street2, city = _street_and_city(address)
    state = _lookup(address.region, STATES)
    if not state:
        given = _clean(address.region)
        raise AddressProblem(f"“{given}” is not a US state." if given else "The address has no state.")
    zip_code = format_zip(address.postal_code)
    return [*delivery_lines(street, street2), f"{city} {state} {zip_code}"]


def _canada_lines(address: MailingAddress) -> list[str]:
    street, street2, city = _street_and_city(address)
    province = _lookup(address.region, PROVINCES)
    if not province:
        given = _clean(address.region)
        raise AddressProblem(
            f"“{given}” is not a Canadian province." if given else "The address has no province."
        )
    code = _clean(address.postal_code).upper()
    match = _CANADA_CODE.match(code)
    if not match:
        raise AddressProblem(f"“{code}” is not a Canadian postal code (like K1A 0B1).")
    return [*delivery_lines(street, street2), f"{city} {province}  {match.group(1)} {match.group(2)}"]


def _foreign_lines(address: MailingAddress) -> list[str]:
    # Each country orders its last line its own way: print it as the customer gave it.
    lines = [_clean(address.street), _clean(address.street2)]
    place = " ".join(_clean(p) for p in (address.postal_code, address.city, address.region) if _clean(p))
    lines.append(place)
    lines = [line for line in lines if line]
    if len(lines) < 2:
        raise AddressProblem("The address needs a street and a town.")
    return lines


def format_zip(text: str) -> str:
    digits = "".join(ch for ch in _clean(text) if ch.isdigit())
    if len(digits) == 5:
        return digits
    if len(digits) == 9:
        return f"{digits[:5]}-{digits[5:]}"
    given = _clean(text)
    raise AddressProblem(
        f"ZIP code “{given}” is not 5 or 9 digits." if given else "The address has no ZIP code."
    )


def delivery_lines(street: str, street2: str = "") -> list[str]:
    """The delivery address line(s): the unit joins the street line when it fits (Pub 28 §213)."""
    main = postal_street(street) if street else ""
    extra = postal_street(street2, secondary=True) if street2 else ""
    if not main:
        return [extra]
    if not extra:
        return [main]
    if _is_unit(extra) and len(main) + 1 + len(extra) <= 40:
        return [f"{main} {extra}"]
    # A unit that does not fit, or a line such as "C/O", goes on the line above the delivery line.
    return [extra, main]


def postal_street(text: str, *, secondary: bool = False) -> str:
    """ "123 north Main Street, Apt. 4" → "123 N MAIN ST APT 4"."""
    words = _words(text)
    if not words:
        return ""
    po_box = _PO_BOX.match(" ".join(words))
    if po_box:
        return f"PO BOX {po_box.group(1)}"
    if secondary:
        unit = _unit_words(words)
        if unit is not None:
            return " ".join(unit)
    start = _unit_start(words)
    primary, unit_words = words[:start], words[start:]
    primary = _abbreviate_primary(primary)
    unit = _unit_words(unit_words) if unit_words else []
    return " ".join(primary + (unit or unit_words))


def _words(text: str) -> list[str]:
    text = _clean(text).upper()
    text = re.sub(r"#\s*", "# ", text)  # Pub 28: a space between "#" and the unit number
    text = re.sub(r"[.,;:]", " ", text)
    return text.split()


def _unit_start(words: list[str]) -> int:
    """Where the secondary unit begins in a street line (after a number and a name at least)."""
    for index in range(2, len(words)):
        word = words[index]
        if word == "#":
            return index
        if word not in UNIT_DESIGNATORS:
            continue
        if index + 1 < len(words) and _looks_like_unit_number(words[index + 1]):
            return index
        # "REAR" or "PH" alone, at the very end ("12 OLD LOWER RD" keeps its name).
        if index == len(words) - 1 and UNIT_DESIGNATORS[word] in UNITS_WITHOUT_NUMBER:
            return index
    return len(words)


def _looks_like_unit_number(word: str) -> bool:
    """ "4", "2B", "B", "12-A": a unit's number or letter, not another street word."""
    return any(ch.isdigit() for ch in word) or len(word) == 1


def _unit_words(words: list[str]) -> list[str] | None:
    first = words[0]
    if first == "#":
        return words
    if first in UNIT_DESIGNATORS:
        return [UNIT_DESIGNATORS[first], *words[1:]]
    return None


def _is_unit(line: str) -> bool:
    first = line.split()[0]
    return first == "#" or first in UNIT_DESIGNATORS.values()


def _abbreviate_primary(words: list[str]) -> list[str]:
    words = list(words)
    start = 1 if words and words[0][0].isdigit() else 0
    # A post-directional ("... ST NW") needs a name and a suffix before it.
    if len(words) - start >= 3 and words[-1] in DIRECTIONALS and words[-2] in STREET_SUFFIXES:
        words[-1] = DIRECTIONALS[words[-1]]
        end = len(words) - 1
    else:
        end = len(words)
    # The suffix is the last word, and only when a street name comes before it ("COURT ST").
    if end - start >= 2 and words[end - 1] in STREET_SUFFIXES:
        words[end - 1] = STREET_SUFFIXES[words[end - 1]]
        name_end = end - 1
    else:
        name_end = end
    # A pre-directional is abbreviated only when a name follows it ("N MAIN ST", but "NORTH ST").
    if name_end - start >= 2 and words[start] in DIRECTIONALS:
        words[start] = DIRECTIONALS[words[start]]
    return words


def _table(text: str) -> dict[str, str]:
    """ "STANDARD variant variant; ..." → {word: STANDARD}, the standard mapping to itself too."""
    table = {}
    for entry in text.split(";"):
        words = entry.split()
        if words:
            table.update({word: words[0] for word in words})
    return table


def _named_table(text: str) -> dict[str, str]:
    """ "MD Maryland; ..." → {"MARYLAND": "MD", ...}."""
    table = {}
    for entry in text.split(";"):
        code, _, names = entry.strip().partition(" ")
        for name in names.split("/"):
            table[name.strip().upper()] = code
    return table


# Pub 28 appendix C1: the standard suffix abbreviation first, then the spellings it replaces.
STREET_SUFFIXES = _table("""
    ALY ALLEY ALLEE ALLY; ANX ANNEX ANEX ANNX; ARC ARCADE; AVE AVENUE AV AVEN AVENU AVN AVNUE;
    BYU BAYOU BAYOO; BCH BEACH; BND BEND; BLF BLUFF BLUF; BLFS BLUFFS; BTM BOTTOM BOT BOTTM;
    BLVD BOULEVARD BOUL BOULV; BR BRANCH BRNCH; BRG BRIDGE BRDGE; BRK BROOK; BRKS BROOKS; BG BURG;
    BGS BURGS; BYP BYPASS BYPA BYPAS BYPS; CP CAMP CMP; CYN CANYON CANYN CNYN; CPE CAPE;
    CSWY CAUSEWAY CAUSWA; CTR CENTER CEN CENT CENTR CENTRE CNTER CNTR; CTRS CENTERS;
    CIR CIRCLE CIRC CIRCL CRCL CRCLE; CIRS CIRCLES; CLF CLIFF; CLFS CLIFFS; CLB CLUB; CMN COMMON;
    CMNS COMMONS; COR CORNER; CORS CORNERS; CRSE COURSE; CT COURT CRT; CTS COURTS; CV COVE;
    CVS COVES; CRK CREEK CRK; CRES CRESCENT CRSENT CRSNT; CRST CREST; XING CROSSING CRSSNG;
    XRD CROSSROAD; XRDS CROSSROADS; CURV CURVE; DL DALE; DM DAM; DV DIVIDE DIV DVD; DR DRIVE DRIV DRV;
    DRS DRIVES; EST ESTATE; ESTS ESTATES; EXPY EXPRESSWAY EXP EXPR EXPRESS EXPW; EXT EXTENSION EXTN EXTNSN;
    EXTS EXTENSIONS; FALL FALL; FLS FALLS; FRY FERRY FRRY; FLD FIELD; FLDS FIELDS; FLT FLAT; FLTS FLATS;
    FRD FORD; FRDS FORDS; FRST FOREST FORESTS; FRG FORGE FORG; FRGS FORGES; FRK FORK; FRKS FORKS;
    FT FORT FRT; FWY FREEWAY FREEWY FRWAY FRWY; GDN GARDEN GARDN GRDEN GRDN; GDNS GARDENS GRDNS;
    GTWY GATEWAY GATEWY GATWAY GTWAY; GLN GLEN; GLNS GLENS; GRN GREEN; GRNS GREENS; GRV GROVE GROV;
    GRVS GROVES; HBR HARBOR HARB HARBR HRBOR; HBRS HARBORS; HVN HAVEN; HTS HEIGHTS HT;
    HWY HIGHWAY HIGHWY HIWAY HIWY HWAY; HL HILL; HLS HILLS; HOLW HOLLOW HLLW HOLLOWS HOLWS;
    INLT INLET; IS ISLAND ISLND; ISS ISLANDS ISLNDS; ISLE ISLES; JCT JUNCTION JCTION JCTN JUNCTN JUNCTON;
    JCTS JUNCTIONS; KY KEY; KYS KEYS; KNL KNOLL KNOL; KNLS KNOLLS; LK LAKE; LKS LAKES; LAND LAND;
    LNDG LANDING LNDNG; LN LANE; LGT LIGHT; LGTS LIGHTS; LF LOAF; LCK LOCK; LCKS LOCKS; LDG LODGE LDGE LODG;
    LOOP LOOPS; MALL MALL; MNR MANOR; MNRS MANORS; MDW MEADOW; MDWS MEADOWS MEDOWS; MEWS MEWS; ML MILL;
    MLS MILLS; MSN MISSION MISSN MSSN; MTWY MOTORWAY; MT MOUNT MNT; MTN MOUNTAIN MNTAIN MNTN MOUNTIN MTIN;
    MTNS MOUNTAINS MNTNS; NCK NECK; ORCH ORCHARD ORCHRD; OVAL OVL; OPAS OVERPASS; PARK PARKS;
    PKWY PARKWAY PARKWY PKWAY PKY PARKWAYS PKWYS; PASS PASS; PSGE PASSAGE; PATH PATHS; PIKE PIKES;
    PNE PINE; PNES PINES; PL PLACE; PLN PLAIN; PLNS PLAINS; PLZ PLAZA PLZA; PT POINT; PTS POINTS;
    PRT PORT; PRTS PORTS; PR PRAIRIE PRR; RADL RADIAL RAD RADIEL; RAMP RAMP; RNCH RANCH RANCHES RNCHS;
    RPD RAPID; RPDS RAPIDS; RST REST; RDG RIDGE RDGE; RDGS RIDGES; RIV RIVER RVR RIVR; RD ROAD; RDS ROADS;
    RTE ROUTE; ROW ROW; RUE RUE; RUN RUN; SHL SHOAL; SHLS SHOALS; SHR SHORE SHOAR; SHRS SHORES SHOARS;
    SKWY SKYWAY; SPG SPRING SPNG SPRNG; SPGS SPRINGS SPNGS SPRNGS; SPUR SPURS; SQ SQUARE SQR SQRE SQU;
    SQS SQUARES SQRS; STA STATION STATN STN; STRA STRAVENUE STRAV STRAVEN STRAVN STRVN STRVNUE;
    STRM STREAM STREME; ST STREET STRT STR; STS STREETS; SMT SUMMIT SUMIT SUMITT; TER TERRACE TERR;
    TRWY THROUGHWAY; TRCE TRACE TRACES; TRAK TRACK TRACKS TRK TRKS; TRFY TRAFFICWAY; TRL TRAIL TRAILS TRLS;
    TRLR TRAILER TRLRS; TUNL TUNNEL TUNEL TUNLS TUNNELS TUNNL; TPKE TURNPIKE TRNPK TURNPK; UPAS UNDERPASS;
    UN UNION; UNS UNIONS; VLY VALLEY VALLY VLLY; VLYS VALLEYS; VIA VIADUCT VDCT VIADCT; VW VIEW;
    VWS VIEWS; VLG VILLAGE VILL VILLAG VILLG VILLIAGE; VLGS VILLAGES; VL VILLE; VIS VISTA VIST VST VSTA;
    WALK WALKS; WALL WALL; WAY WY; WAYS WAYS; WL WELL; WLS WELLS
""")
# Pub 28 appendix B.
DIRECTIONALS = _table("""
    N NORTH; S SOUTH; E EAST; W WEST; NE NORTHEAST; NW NORTHWEST; SE SOUTHEAST; SW SOUTHWEST
""")
# Pub 28 appendix C2.
UNIT_DESIGNATORS = _table("""
    APT APARTMENT; BSMT BASEMENT; BLDG BUILDING BLDNG; DEPT DEPARTMENT; FL FLOOR FLR; FRNT FRONT;
    HNGR HANGAR; KEY KEY; LBBY LOBBY; LOT LOT; LOWR LOWER; OFC OFFICE; PH PENTHOUSE; PIER PIER;
    REAR REAR; RM ROOM; SIDE SIDE; SLIP SLIP; SPC SPACE; STOP STOP; STE SUITE; TRLR TRAILER;
    UNIT UNIT; UPPR UPPER
""")
UNITS_WITHOUT_NUMBER = frozenset({"BSMT", "FRNT", "LBBY", "LOWR", "OFC", "PH", "REAR", "SIDE", "UPPR"})
STATES = _named_table("""
    AL Alabama; AK Alaska; AZ Arizona; AR Arkansas; CA California; CO Colorado; CT Connecticut;
    DE Delaware; DC District of Columbia/Washington DC; FL Florida; GA Georgia; HI Hawaii; ID Idaho;
    IL Illinois; IN Indiana; IA Iowa; KS Kansas; KY Kentucky; LA Louisiana; ME Maine; MD Maryland;
    MA Massachusetts; MI Michigan; MN Minnesota; MS Mississippi; MO Missouri; MT Montana; NE Nebraska;
    NV Nevada; NH New Hampshire; NJ New Jersey; NM New Mexico; NY New York; NC North Carolina;
    ND North Dakota; OH Ohio; OK Oklahoma; OR Oregon; PA Pennsylvania; RI Rhode Island;
    SC South Carolina; SD South Dakota; TN Tennessee; TX Texas; UT Utah; VT Vermont; VA Virginia;
    WA Washington; WV West Virginia; WI Wisconsin; WY Wyoming; AS American Samoa; GU Guam;
    MP Northern Mariana Islands; PR Puerto Rico; VI Virgin Islands/US Virgin Islands;
    FM Federated States of Micronesia/Micronesia; MH Marshall Islands; PW Palau;
    AA Armed Forces Americas; AE Armed Forces Europe; AP Armed Forces Pacific
""")
PROVINCES = _named_table("""
    AB Alberta; BC British Columbia/Colombie-Britannique; MB Manitoba; NB New Brunswick/Nouveau-Brunswick;
    NL Newfoundland and Labrador/Newfoundland/Terre-Neuve-et-Labrador; NS Nova Scotia/Nouvelle-Écosse;
    NT Northwest Territories/Territoires du Nord-Ouest; NU Nunavut; ON Ontario; PE Prince Edward Island/
    Île-du-Prince-Édouard; QC Quebec/Québec/PQ; SK Saskatchewan; YT Yukon
""")
COUNTRY_NAMES = {
    "US": "United States",
    "CA": "Canada",
    "MX": "Mexico",
    "GB": "United Kingdom",
    "IE": "Ireland",
    "DE": "Germany",
    "FR": "France",
    "ES": "Spain",
    "IT": "Italy",
}
COUNTRY_ALIASES = {
    **{name.upper(): code for code, name in COUNTRY_NAMES.items()},
    **{code: code for code in COUNTRY_NAMES},
    "USA": "US",
    "UNITED STATES OF AMERICA": "US",
    "AMERICA": "US",
    "UK": "GB",
    "GREAT BRITAIN": "GB",
    "ENGLAND": "GB",
    "CAN": "CA",
}


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[.,;:]", " ", _clean(text).upper()).split())


def _lookup(region: str, table: dict[str, str]) -> str:
    key = _plain(region)
    if key in table.values():
        return key
    return table.get(key, "")
