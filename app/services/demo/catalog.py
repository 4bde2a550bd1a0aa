"""What the demo business sells and the work it records: the catalog, repairs and visit findings.

Plain data only, drawn from by app.services.demo.rows (the catalog) and
app.services.demo.jobs (sales, repairs and visits). The equipment found at
customers' sites, whoever installed it, is in app.services.demo.data.
"""

from __future__ import annotations

from typing import NamedTuple

# ---------------------------------------------------------------- the catalog


class Item(NamedTuple):
    """A catalog row. `model` is the start of the model number of what we install from it."""

    kind: str  # equipment | plan | add_on | product | bundle | service
    name: str
    price: int  # whole dollars, today's list price
    equipment_kind: str = ""
    brand: str = ""
    ladder: str = ""
    tier: int | None = None
    goes_with: str = ""
    renewal_months: int | None = None
    visits_per_year: int | None = None
    model: str = ""
    discount_bp: int = 0
    active: bool = True
    notes: str = ""


def _unit(  # an equipment line of the catalog
    name: str, price: int, kind: str, brand: str, model: str, ladder: str = "", tier: int | None = None,
    active: bool = True, notes: str = "",
) -> Item:  # fmt: skip
    return Item("equipment", name, price, kind, brand, ladder, tier, model=model, active=active, notes=notes)


CATALOG = (
    _unit("80% gas furnace", 3800, "Furnace", "Carrier", "58SB0B", "Furnace", 1),
    _unit("96% high-efficiency furnace", 5400, "Furnace", "Carrier", "59TP6B", "Furnace", 2),
    _unit("Modulating variable-speed furnace", 7200, "Furnace", "Carrier", "59MN7B", "Furnace", 3),
    _unit("14 SEER2 central air conditioner", 4200, "Central AC", "Carrier", "24SCA4", "Central AC", 1),
    _unit("16 SEER2 two-stage central air conditioner", 6300, "Central AC", "Carrier", "24ACC6",
               "Central AC", 2),
    _unit("Variable-speed central air conditioner (20+ SEER2)", 8900, "Central AC", "Carrier", "24VNA9",
               "Central AC", 3),
    _unit("Heat pump, single stage", 5500, "Heat pump", "Carrier", "25SCA5", "Heat pump", 1),
    _unit("Heat pump, two stage", 7800, "Heat pump", "Carrier", "25HCE6", "Heat pump", 2),
    _unit("Cold-climate variable-speed heat pump", 10500, "Heat pump", "Carrier", "25VNA8", "Heat pump", 3),
    _unit("Cast-iron gas boiler", 7500, "Boiler", "Burnham", "ES2-", "Boiler", 1),
    _unit("Condensing combi boiler", 11000, "Boiler", "Navien", "NCB-", "Boiler", 2),
    _unit("Water heater (tank), 40 gal gas", 1400, "Water heater", "Bradford White", "RG240T6N-",
               "Water heating", 1),
    _unit("Water heater (tank), 50 gal high-recovery", 2100, "Water heater", "Bradford White", "RG250H6N-",
               "Water heating", 2),
    _unit("Tankless water heater", 3400, "Tankless water heater", "Navien", "NPE-", "Water heating", 3),
    _unit("Sump pump", 650, "Sump pump", "Zoeller", "M", "Sump pump", 1),
    _unit("Sump pump with battery backup", 1250, "Sump pump", "Zoeller", "BB", "Sump pump", 2),
    _unit("Water softener", 2200, "Water softener", "Kinetico", "K5-"),
    _unit("Ductless mini-split, single zone", 4500, "Mini-split", "Mitsubishi", "MSZ-GL", "Mini-split", 1),
    _unit("Ductless mini-split, multi zone", 9800, "Mini-split", "Mitsubishi", "MXZ-SM", "Mini-split", 2),
    _unit("Commercial rooftop unit", 14500, "Rooftop unit", "Carrier", "48FC-"),
    _unit("13 SEER central air conditioner", 3600, "Central AC", "Carrier", "24AAA3", active=False,
               notes="No longer sold: below the 2023 efficiency minimum."),
    Item("plan", "Comfort Club", 189, renewal_months=12, visits_per_year=2,
         notes="Spring cooling and fall heating tune-ups, 15% off repairs, no overtime charges."),
    Item("plan", "Plumbing Protection Plan", 129, renewal_months=12, visits_per_year=1,
         notes="Yearly water heater flush and plumbing inspection, 10% off repairs."),
    Item("plan", "Total Home Club", 299, renewal_months=12, visits_per_year=3,
         notes="Comfort Club and Plumbing Protection together."),
    Item("plan", "Commercial Maintenance Agreement", 1200, renewal_months=12, visits_per_year=4,
         notes="Quarterly maintenance per site, priority response."),
    Item("add_on", "UV air purifier", 650, goes_with="Furnace"),
    Item("add_on", "Whole-home humidifier", 850, goes_with="Furnace"),
    Item("add_on", "Media air filter cabinet", 420, goes_with="Furnace"),
    Item("add_on", "Smart thermostat", 350, goes_with="Central AC"),
    Item("add_on", "Surge protector", 275, goes_with="Central AC"),
    Item("add_on", "Hard-start kit", 240, goes_with="Heat pump"),
    Item("add_on", "Expansion tank", 225, goes_with="Water heater"),
    Item("add_on", "Leak detector with automatic shut-off", 480, goes_with="Water heater"),
    Item("add_on", "Condensate pump", 260, goes_with="Mini-split"),
    Item("service", "Diagnostic service call", 129),
    Item("service", "Precision tune-up (non-member)", 149),
    Item("service", "Repair", 0, notes="Priced per job."),
    Item("service", "Permit, removal and haul-away", 250),
    Item("service", "Duct cleaning", 495),
    Item("service", "Drain cleaning", 275),
    Item("bundle", "Comfort Upgrade Package", 12150, discount_bp=800,
         notes="High-efficiency furnace, two-stage AC, smart thermostat and UV purifier, 8% off together."),
    Item("product", "Hybrid heat-pump water heater", 3900, "Water heater", "Rheem", model="PROPH50T2"),
    Item("product", "Smart water-leak sensor kit", 189, "Water heater", "Moen"),
)  # fmt: skip
# The bundle's contents, by item name (quantity 1 each).
BUNDLE_CONTENTS = (
    "96% high-efficiency furnace",
    "16 SEER2 two-stage central air conditioner",
    "Smart thermostat",
    "UV air purifier",
)
# New products: (name, launched this many days before today, quantity available).
NEW_PRODUCTS = {"Hybrid heat-pump water heater": (45, 24), "Smart water-leak sensor kit": (20, 150)}

# Installed for "Central AC" tier 1 before this many years ago: the old 13 SEER line.
OLD_AC = "13 SEER central air conditioner"
OLD_AC_CUTOFF_YEARS = 3

# ---------------------------------------------------------------- repairs and visits

# (what was wrong, what we did, price range in dollars) per kind of equipment.
REPAIRS = {
    "Furnace": (("No heat", "Replaced hot-surface igniter", 180, 350),
                ("No heat", "Cleaned flame sensor", 150, 220),
                ("Furnace short-cycling", "Replaced pressure switch", 220, 420),
                ("Loud noise from furnace", "Replaced inducer motor", 450, 900),
                ("Blower not running", "Replaced blower capacitor", 160, 280)),
    "Central AC": (("AC not cooling", "Replaced run capacitor", 170, 320),
                   ("AC not cooling", "Replaced contactor", 190, 350),
                   ("AC not cooling", "Found and repaired refrigerant leak; recharged", 450, 900),
                   ("Water around the furnace", "Cleared clogged condensate drain", 150, 260)),
    "Heat pump": (("Heat pump iced over", "Replaced defrost control board", 350, 650),
                  ("No heat", "Replaced reversing valve solenoid", 300, 550),
                  ("Not cooling", "Replaced run capacitor", 170, 320)),
    "Boiler": (("No heat upstairs", "Replaced circulator pump", 450, 850),
               ("Boiler leaking", "Replaced pressure relief valve", 200, 380),
               ("No heat", "Replaced expansion tank", 300, 520)),
    "Water heater": (("No hot water", "Replaced thermocouple", 150, 260),
                     ("Not enough hot water", "Replaced gas control valve", 380, 650),
                     ("Rotten-egg smell in hot water", "Replaced anode rod", 200, 350),
                     ("Water heater dripping", "Replaced T&P valve", 160, 280)),
    "Tankless water heater": (("Hot water runs cold", "Descaled heat exchanger", 250, 400),
                              ("Error code 003", "Replaced flow sensor", 300, 520)),
    "Sump pump": (("Sump pump not running", "Replaced float switch", 180, 320),),
    "Water softener": (("Hard water again", "Rebuilt control valve", 250, 480),),
    "Mini-split": (("Mini-split not cooling", "Cleaned indoor coil and blower wheel", 200, 380),
                   ("Mini-split dripping", "Cleared condensate line", 150, 260)),
    "Rooftop unit": (("Store too warm", "Replaced condenser fan motor", 450, 900),
                     ("Rooftop unit not heating", "Replaced gas valve", 400, 850),
                     ("Noisy rooftop unit", "Replaced belt and adjusted pulley", 180, 320)),
}  # fmt: skip

# The kinds of equipment a heating, cooling or water visit looks at.
HEATING = ("Furnace", "Heat pump", "Boiler", "Rooftop unit")
COOLING = ("Central AC", "Heat pump", "Mini-split", "Rooftop unit")
WATER = ("Water heater", "Tankless water heater")

FINDINGS_HEATING = (
    "Fall tune-up: cleaned burners and flame sensor, checked heat exchanger, replaced filter.",
    "Fall tune-up: all readings normal; CO 0 ppm.",
    "Fall tune-up: igniter showing wear; recommended replacement next visit.",
    "Fall tune-up: heat exchanger shows rust; recommended replacement estimate.",
    "Fall tune-up: tightened wiring, lubricated blower motor.",
)
FINDINGS_COOLING = (
    "Spring tune-up: cleaned condenser coil, checked refrigerant charge, all normal.",
    "Spring tune-up: capacitor reading low; replaced under plan.",
    "Spring tune-up: refrigerant slightly low; monitor for a leak.",
    "Spring tune-up: flushed condensate line, replaced filter.",
    "Spring tune-up: unit is aging; recommended planning a replacement.",
)
FINDINGS_WATER = (
    "Flushed water heater tank; anode rod 50% left.",
    "Plumbing inspection: no leaks found; pressure 62 psi.",
    "Flushed tankless unit and cleaned inlet filter.",
    "Plumbing inspection: expansion tank waterlogged; recommended replacement.",
)
FINDINGS_COMMERCIAL = (
    "Quarterly maintenance: changed filters and belts, checked economizer.",
    "Quarterly maintenance: cleaned coils, all readings normal.",
    "Quarterly maintenance: compressor amps high; monitoring.",
)
