"""The vocabularies of the demo business: a heating, cooling and plumbing company in the Baltimore area.

Plain data only; app.services.demo draws from it. Names, streets, cities and
ZIP codes are real-looking on purpose (the demo is for showing the app to an
owner), but every person, phone number and e-mail is made up. What the business
itself sells and the work it records (catalog, repairs, visit findings) are in
app.services.demo.catalog.
"""

from __future__ import annotations

from typing import NamedTuple

# ---------------------------------------------------------------- people and places

FIRST_NAMES = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Karen", "Charles", "Sarah",
    "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Sandra", "Anthony", "Betty", "Mark", "Ashley",
    "Donald", "Emily", "Steven", "Kimberly", "Andrew", "Margaret", "Paul", "Donna", "Joshua", "Michelle",
    "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "Timothy", "Deborah", "Ronald", "Stephanie",
    "George", "Rebecca", "Jason", "Sharon", "Edward", "Laura", "Jeffrey", "Cynthia", "Ryan", "Dorothy",
    "Jacob", "Amy", "Gary", "Kathleen", "Nicholas", "Angela", "Eric", "Shirley", "Jonathan", "Brenda",
    "Stephen", "Emma", "Larry", "Anna", "Justin", "Pamela", "Scott", "Nicole", "Brandon", "Samantha",
    "Benjamin", "Katherine", "Samuel", "Christine", "Gregory", "Debra", "Alexander", "Rachel", "Patrick",
    "Carolyn", "Frank", "Janet", "Raymond", "Maria", "Jack", "Olivia", "Dennis", "Heather", "Jerry",
    "Helen", "Tyler", "Catherine", "Aaron", "Diane", "Jose", "Julie", "Adam", "Victoria", "Nathan", "Joyce",
    "Henry", "Lauren", "Zachary", "Kelly", "Douglas", "Christina", "Peter", "Ruth", "Kyle", "Joan",
    "Terrence", "Latoya", "Darnell", "Keisha", "Andre", "Tamika", "Marcus", "Ebony", "Jamal", "Aaliyah",
    "Carlos", "Rosa", "Luis", "Carmen", "Miguel", "Ana", "Raj", "Priya", "Wei", "Mei", "Hyun", "Ji-woo",
    "Tuan", "Linh", "Kwame", "Ama", "Dmitri", "Irina", "Tomasz", "Agnieszka", "Giuseppe", "Francesca",
)  # fmt: skip

LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
    "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill",
    "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins",
    "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed",
    "Bailey", "Bell", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett",
    "Gray", "James", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Washington",
    "Jefferson", "Coleman", "Simmons", "Butler", "Bryant", "Alexander", "Russell", "Griffin", "Hayes",
    "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez",
    "Torres", "Rivera", "Flores", "Kim", "Lee", "Park", "Choi", "Nguyen", "Tran", "Chen", "Wang", "Liu",
    "Patel", "Shah", "Singh", "Kumar", "Okafor", "Mensah", "Adeyemi", "Kowalski", "Nowak", "Wojcik",
    "Schmidt", "Wagner", "Becker", "Schneider", "O'Brien", "O'Connor", "O'Neill", "McAllister",
    "McCormick", "Russo", "Esposito", "Romano", "DiPietro", "Caruso", "Papadopoulos", "Goldberg", "Cohen",
    "Levy", "Rosen", "Katz", "Van Dyke", "St. Clair", "Smith-Jones", "Dorsey", "Calvert", "Carroll",
    "Howard-Bey", "Fitzgerald", "Sullivan", "Brennan", "Gallagher", "Kovacs", "Horvath", "Ivanov",
)  # fmt: skip

# (first name, last name, the ASCII local part of their e-mail): names that are not plain ASCII,
# so every screen, export and PDF meets accents and other scripts.
INTERNATIONAL_NAMES = (
    ("José", "Núñez", "jose.nunez"),
    ("María José", "Peña", "mariajose.pena"),
    ("Văn An", "Nguyễn", "an.nguyen"),
    ("Thị Hương", "Trần", "huong.tran"),
    ("Ольга", "Петрова", "olga.petrova"),
    ("Дмитрий", "Соколов", "d.sokolov"),
    ("伟", "王", "wang.wei"),
    ("秀英", "李", "li.xiuying"),
    ("민준", "김", "minjun.kim"),
    ("François", "Lefèvre", "f.lefevre"),
    ("Chloé", "Dubois", "chloe.dubois"),
    ("Björn", "Lindqvist", "bjorn.lindqvist"),
    ("Łukasz", "Wiśniewski", "lukasz.w"),
    ("Siobhán", "Ó Briain", "siobhan.obriain"),
    ("Jürgen", "Schröder", "j.schroeder"),
    ("Zoë", "Gonçalves", "zoe.goncalves"),
    ("Andrés", "Ibáñez", "andres.ibanez"),
    ("Αλέξανδρος", "Παπαδόπουλος", "alex.papadopoulos"),
    ("Renée", "Gagné", "renee.gagne"),
    ("Müge", "Yılmaz", "muge.yilmaz"),
)

EMAIL_DOMAINS = (
    ("gmail.com", 34), ("comcast.net", 14), ("verizon.net", 9), ("yahoo.com", 12), ("aol.com", 5),
    ("hotmail.com", 5), ("outlook.com", 8), ("icloud.com", 10), ("jhu.edu", 1), ("msn.com", 2),
)  # fmt: skip


class City(NamedTuple):
    name: str
    region: str
    zips: tuple[str, ...]
    weight: int


# The service area: Baltimore City and the counties around it.
CITIES = (
    City("Baltimore", "MD", ("21201", "21202", "21205", "21206", "21209", "21210", "21211", "21212", "21213",
                             "21214", "21215", "21216", "21217", "21218", "21223", "21224", "21229",
                             "21230", "21231", "21239"), 30),
    City("Towson", "MD", ("21204", "21286"), 6),
    City("Parkville", "MD", ("21234",), 4),
    City("Perry Hall", "MD", ("21128",), 3),
    City("Nottingham", "MD", ("21236",), 2),
    City("Rosedale", "MD", ("21237",), 2),
    City("Essex", "MD", ("21221",), 2),
    City("Middle River", "MD", ("21220",), 2),
    City("Dundalk", "MD", ("21222",), 3),
    City("Catonsville", "MD", ("21228",), 4),
    City("Halethorpe", "MD", ("21227",), 2),
    City("Pikesville", "MD", ("21208",), 3),
    City("Owings Mills", "MD", ("21117",), 3),
    City("Reisterstown", "MD", ("21136",), 2),
    City("Randallstown", "MD", ("21133",), 2),
    City("Cockeysville", "MD", ("21030",), 2),
    City("Timonium", "MD", ("21093",), 2),
    City("Ellicott City", "MD", ("21042", "21043"), 5),
    City("Columbia", "MD", ("21044", "21045", "21046"), 5),
    City("Elkridge", "MD", ("21075",), 2),
    City("Glen Burnie", "MD", ("21060", "21061"), 4),
    City("Pasadena", "MD", ("21122",), 3),
    City("Severna Park", "MD", ("21146",), 2),
    City("Linthicum Heights", "MD", ("21090",), 1),
    City("Odenton", "MD", ("21113",), 2),
    City("Annapolis", "MD", ("21401", "21403", "21409"), 3),
    City("Bel Air", "MD", ("21014", "21015"), 3),
    City("Abingdon", "MD", ("21009",), 2),
    City("Fallston", "MD", ("21047",), 1),
    City("Westminster", "MD", ("21157", "21158"), 2),
    City("Eldersburg", "MD", ("21784",), 2),
    City("Hampstead", "MD", ("21074",), 1),
)  # fmt: skip

# Where a few landlords live while renting out a house here: New England ZIP codes start with 0,
# which is what breaks a spreadsheet that stores ZIPs as numbers.
FAR_AWAY_CITIES = (
    City("Boston", "MA", ("02116", "02130"), 1),
    City("Providence", "RI", ("02906",), 1),
    City("Hartford", "CT", ("06105",), 1),
    City("Portland", "ME", ("04101",), 1),
    City("Burlington", "VT", ("05401",), 1),
    City("Manchester", "NH", ("03104",), 1),
    City("Princeton", "NJ", ("08540",), 1),
)
FAR_AWAY_AREA_CODES = {
    "MA": "617",
    "RI": "401",
    "CT": "860",
    "ME": "207",
    "VT": "802",
    "NH": "603",
    "NJ": "609",
}

STREETS = (
    "Charles St", "St Paul St", "Calvert St", "York Rd", "Harford Rd", "Belair Rd", "Loch Raven Blvd",
    "Joppa Rd", "Frederick Rd", "Edmondson Ave", "Liberty Heights Ave", "Reisterstown Rd", "Park Heights Ave",
    "Falls Rd", "Roland Ave", "Cold Spring Ln", "Northern Pkwy", "Eastern Ave", "Boston St", "Fleet St",
    "Light St", "Greenmount Ave", "Dulaney Valley Rd", "Providence Rd", "Taylor Ave", "Putty Hill Ave",
    "Merritt Blvd", "Wise Ave", "Holabird Ave", "Windsor Mill Rd", "Old Court Rd", "Greenspring Ave",
    "Stevenson Rd", "Ritchie Hwy", "Crain Hwy", "Mountain Rd", "Old Annapolis Rd", "Montgomery Rd",
    "Rolling Rd", "Ingleside Ave", "Wilkens Ave", "Hollins Ferry Rd", "Dogwood Rd", "Liberty Rd",
    "Bel Air Rd", "Emmorton Rd", "Main St", "Church Ln", "Oak Ave", "Maple Ave", "Elm St", "Chestnut St",
    "Hickory Ave", "Walnut Ave", "Cedar Ln", "Poplar Hill Rd", "Dogwood Ln", "Magnolia Ave", "Linden Ave",
    "Sycamore Rd", "Willow Ave", "Forest Park Ave", "Overbrook Rd", "Kenwood Ave", "Glenmore Ave",
    "Elmora Ave", "Hamilton Ave", "Woodbourne Ave", "Tunbridge Rd", "Gittings Ave", "Regester Ave",
    "Ridgely Rd", "Pot Spring Rd", "Seminary Ave", "Bellona Ave", "Yorkshire Dr", "Stoneleigh Rd",
    "Chatham Rd", "Hillside Rd", "Brookside Dr", "Meadowood Dr", "Fox Chase Rd", "Quail Run", "Deer Park Rd",
    "Shady Nook Ave", "Harbor View Dr", "Bay Shore Dr", "Patapsco Ave", "Gunpowder Rd", "Severn Ln",
    "Chesapeake Ave", "Calvert Ct", "Ellicott Mills Dr", "Columbia Pike", "Little Patuxent Pkwy",
)  # fmt: skip
APARTMENTS = ("Apt 1", "Apt 2", "Apt 2B", "Apt 3A", "Unit 4", "Unit 12", "Fl 2", "Rear")
SUITES = ("Suite 100", "Suite 110", "Suite 200", "Suite 210", "Ste B", "Unit 5")

HOUSEHOLD_NOTES = (
    "Gate code 4512#", "Dog in the back yard: call before going around the house.",
    "Prefers a text the day before.", "Spanish-speaking: ask for Maria.", "Hard of hearing: speak up.",
    "Park on the street; the driveway is shared.", "Key under the side-door mat for visits.",
    "Works nights; no calls before noon.", "Very particular about shoe covers.", "Pays by check on site.",
)  # fmt: skip
SITE_NOTES = (
    "Furnace in the attic: access through the hallway closet.",
    "Basement door on the left side of the house.", "Crawl space access from the garage.",
    "Water heater in the utility closet by the kitchen.",
    "Tight basement stairs: a two-person carry.", "Tenant occupied: call the tenant to schedule.",
    "Condenser behind the fence; the gate sticks.", "Roof access by the ladder at the rear.",
)  # fmt: skip
DO_NOT_SERVICE_NOTES = (
    "Unpaid invoice from a repair; do not schedule until it is settled.",
    "Threatened a technician; the owner decided not to service again.",
)

# ---------------------------------------------------------------- businesses

BUSINESS_PLACES = (
    "Chesapeake", "Patapsco", "Gunpowder", "Harbor", "Fells Point", "Hampden", "Canton", "Federal Hill",
    "Old Line", "Charm City", "Loch Raven", "Severn", "Greenspring", "Roland Park", "Bayside", "Tidewater",
    "Calvert", "Susquehanna", "Oriole", "Mount Vernon", "Druid Hill", "Herring Run", "Jones Falls",
)  # fmt: skip
BUSINESS_TYPES = (
    "Dental", "Family Dentistry", "Pediatrics", "Veterinary Clinic", "Deli", "Bakery", "Pizza",
    "Crab House", "Auto Repair", "Hardware", "Florist", "Insurance Agency", "Law Office", "CPA Group",
    "Barbershop", "Nail Salon", "Yoga Studio", "Child Care Center", "Baptist Church", "Brewing Co.",
    "Printing", "Dry Cleaners", "Tavern", "Physical Therapy", "Chiropractic", "Animal Hospital",
)  # fmt: skip
# Customers with several sites: (type, how each site is labelled).
MULTI_SITE_TYPES = (
    ("Property Management", "building"),
    ("Restaurant Group", "location"),
    ("Dental Group", "office"),
    ("Self Storage", "facility"),
    ("Senior Living", "residence"),
    ("Early Learning Centers", "center"),
)
BUSINESS_MAILBOXES = ("info", "office", "service", "facilities", "accounts", "manager")

# ---------------------------------------------------------------- segments and sources

# The segments are the app's shipped ones (app.services.catalog.shipped_segments), in this order:
SEGMENT_RETIREE, SEGMENT_FAMILY, SEGMENT_LANDLORD, SEGMENT_COMMERCIAL, SEGMENT_PROFESSIONAL = 1, 2, 3, 4, 5

# (source, first year it makes sense relative to founding, weight)
SOURCES = (
    ("Yellow Pages", -99, 3), ("Yard sign", -99, 4), ("Neighbor", -99, 10),
    ("Repeat customer's friend", -99, 6), ("Truck wrap", -99, 2), ("Google", 3, 14), ("Angi", 6, 3),
    ("Yelp", 5, 2), ("Nextdoor", 12, 4),
    ("Facebook", 9, 3), ("Home show", -99, 1), ("Direct mail", -99, 2), ("Website", 4, 5),
)  # fmt: skip

CALL_WINDOWS = (
    ("08:00", "12:00"), ("09:00", "11:00"), ("12:00", "17:00"), ("13:00", "16:00"),
    ("17:00", "19:30"), ("08:00", "10:00"), ("10:00", "14:00"), ("16:00", "19:00"),
)  # fmt: skip

# ---------------------------------------------------------------- staff

# (name, first and last year of employment counted from the founding year)
TECHNICIANS = (
    ("Mike Dorsey", 0, 99), ("Tony Russo", 0, 9), ("Jamal Carter", 2, 99), ("Luis Ortega", 4, 15),
    ("Kevin O'Neill", 6, 99), ("Brandon Fitzgerald", 9, 99), ("DeShawn Miles", 11, 99),
    ("Eric Nguyen", 13, 99), ("Sam Kowalski", 15, 99), ("Héctor Ramírez", 17, 99),
)  # fmt: skip
OFFICE_STAFF = (
    ("Donna Reyes", 0, 99),
    ("Linda Park", 0, 10),
    ("Tasha Greene", 7, 99),
    ("Megan Walsh", 14, 99),
)
COMFORT_ADVISORS = (("Rick Calloway", 0, 99), ("Steve Brandt", 8, 99))

# ---------------------------------------------------------------- equipment found at sites


class Line(NamedTuple):
    """One kind of equipment we find at sites: its lifespan and who makes it."""

    kind: str
    life_min: int
    life_max: int
    brands: tuple[str, ...]
    sizes: tuple[str, ...]  # the capacity part of a model number (BTU/1000, tons, gallons)


LINES = {
    line.kind: line
    for line in (
        Line("Furnace", 15, 20, ("Carrier", "Trane", "Lennox", "Goodman", "Bryant", "York", "Rheem", "Amana"),
             ("040", "060", "080", "100", "120")),
        Line("Central AC", 12, 17,
             ("Carrier", "Trane", "Lennox", "Goodman", "Bryant", "York", "Rheem", "Ruud"),
             ("18", "24", "30", "36", "42", "48", "60")),
        Line("Heat pump", 10, 15, ("Carrier", "Trane", "Lennox", "Goodman", "Rheem", "Bryant", "Daikin"),
             ("24", "30", "36", "42", "48", "60")),
        Line("Boiler", 20, 30, ("Burnham", "Weil-McLain", "Navien", "Buderus", "Peerless", "Lochinvar"),
             ("075", "105", "140", "175")),
        Line("Water heater", 8, 12, ("AO Smith", "Bradford White", "Rheem", "State"), ("40", "50", "75")),
        Line("Tankless water heater", 18, 20, ("Rinnai", "Navien", "Noritz", "Rheem"), ("160", "180", "199")),
        Line("Sump pump", 7, 10, ("Zoeller", "Liberty", "Wayne"), ("33", "50", "75")),
        Line("Water softener", 10, 15, ("Kinetico", "Fleck", "Pentair"), ("32", "40", "48")),
        Line("Mini-split", 15, 20, ("Mitsubishi", "Daikin", "Fujitsu", "LG"), ("09", "12", "15", "18")),
        Line("Rooftop unit", 15, 20, ("Carrier", "Trane", "York", "Lennox"), ("D04", "D06", "D08", "D12")),
    )
}  # fmt: skip


# ---------------------------------------------------------------- partners


class PartnerSpec(NamedTuple):
    business: str
    trade: str
    contact: str
    rate_bp: int
    cap: int | None  # whole dollars
    direction: str
    job_types: tuple[str, ...]
    job_value: tuple[int, int]  # whole dollars, what a job of theirs is usually worth


PARTNERS = (
    PartnerSpec("Keystone Kitchen & Bath", "Remodeler", "Dana Whitfield", 1500, 2500, "both",
                ("Kitchen remodel", "Bathroom remodel", "Basement finishing"), (8000, 60000)),
    PartnerSpec("FreshStep Carpet Care", "Carpet cleaner", "Omar Haddad", 1000, None, "both",
                ("Carpet cleaning",), (200, 900)),
    PartnerSpec("Green Thumb Landscaping", "Landscaper", "Carla Mendes", 1200, None, "both",
                ("Landscape design", "Lawn care contract"), (1000, 15000)),
    PartnerSpec("Bright Line Electric", "Electrician", "Tom Brannigan", 1500, 1000, "both",
                ("Panel upgrade", "Generator install", "EV charger install"), (400, 12000)),
    PartnerSpec("Summit Roofing", "Roofer", "Bill Kaczmarek", 1000, 1500, "both",
                ("Roof replacement", "Roof repair"), (600, 25000)),
    PartnerSpec("Bay Pest Solutions", "Pest control", "Rhonda Fields", 2000, None, "to_partner",
                ("Pest control plan", "Termite treatment"), (150, 1500)),
    PartnerSpec("Blue Crab Pool Service", "Pool service", "Nick Stavros", 1500, None, "to_partner",
                ("Pool opening", "Pool heater referral"), (400, 5000)),
    PartnerSpec("Chesapeake Painting Co.", "Painter", "Alicia Moreno", 1200, 1200, "both",
                ("Interior painting", "Exterior painting"), (1500, 12000)),
    PartnerSpec("Clearview Windows & Doors", "Windows and doors", "Greg Lutz", 1000, 2000, "both",
                ("Window replacement", "Entry door"), (3000, 20000)),
    PartnerSpec("Harbor Home Inspections", "Home inspector", "Priya Raman", 1800, None, "from_partner",
                ("Home inspection",), (3000, 12000)),
    PartnerSpec("Tidewater Realty Group", "Real estate agent", "Marcus Bell", 2000, 750, "from_partner",
                ("Home sale",), (3000, 12000)),
    PartnerSpec("Old Line Insulation", "Insulation", "Jenny Cho", 1300, None, "both",
                ("Attic insulation", "Air sealing"), (1500, 6000)),
)  # fmt: skip
# Job-type terms that override a partner's default rate: (partner business, job type, rate_bp, cap dollars).
PARTNER_TERMS = (
    ("Keystone Kitchen & Bath", "Bathroom remodel", 1000, 1500),
    ("Bright Line Electric", "Generator install", 1200, 1500),
    ("Summit Roofing", "Roof repair", 1500, None),
)
PAYMENT_METHODS = ("Check", "ACH", "Zelle", "Check", "Cash")

# ---------------------------------------------------------------- touches

# Outcomes as app.domain.records.TOUCH_OUTCOMES spells them.
CALL_OUTCOMES = ("talked", "talked", "no answer", "left message", "left message", "booked", "not interested")
REPLACEMENT_CALL_OUTCOMES = ("booked", "talked", "not interested", "left message", "no answer")
MARKETING = (
    # (month, day, channel, reason)
    (3, 10, "mail", "Spring AC tune-up special postcard"),
    (9, 8, "email", "Fall furnace safety check e-mail"),
    (12, 1, "mail", "Holiday thank-you card"),
    (6, 2, "email", "Summer newsletter: beat the heat"),
)
