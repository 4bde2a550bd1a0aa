"""Documents benchmark: letters, labels and a call sheet from the demo business.

    python benchmarks/bench_documents.py [--customers 10000] [--db PATH] [--keep]

Targets (2-core machine), timing the rendering only (reading the rows is not timed):
- 1,000 personalised letters in one PDF within 2.5x the time a bare reportlab canvas takes to draw
  the same 1,000 pages of static text (the same lines, in the same embedded fonts), in the same run;
- 30-up labels (Avery 5160) for 10,000 addresses within 5 s;
- a 2,000-customer call sheet within 3 s.
rl_accel (reportlab's C accelerator) is used when installed; the report says whether it was.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.postal import MailingAddress  # noqa: E402
from app.persistence import tables as t  # noqa: E402
from app.services.database import open_app_database  # noqa: E402
from app.services.demo import build_demo  # noqa: E402
from app.services.documents import callsheet, fonts, labels, letters, text  # noqa: E402
from app.services.documents.letter_templates import shipped_templates  # noqa: E402
from app.services.settings import load_settings  # noqa: E402

TODAY = datetime.date(2026, 3, 3)


def _customers(limit: int) -> list[tuple]:
    query = (
        t.Customer.select(
            t.Customer.id,
            t.Customer.first_name,
            t.Customer.last_name,
            t.Customer.company,
            t.Customer.display_name,
            t.Customer.phone,
            t.Customer.phone_mobile,
            t.Site.street,
            t.Site.street2,
            t.Site.city,
            t.Site.region,
            t.Site.postal_code,
            t.Site.country,
            t.Site.id,
        )
        .join(t.Site, on=(t.Site.customer == t.Customer.id))
        .where(t.Site.is_billing == True)  # noqa: E712
        .order_by(t.Customer.id)
        .limit(limit)
        .tuples()
    )
    return list(query)


def _letters(rows: list[tuple]) -> list[letters.LetterData]:
    found = []
    for cid, first, last, company, display, _p, _m, street, street2, city, region, code, country, _s in rows:
        address = MailingAddress(
            display, company if company != display else "", street, street2, city, region, code, country
        )
        fields = {
            "first_name": first,
            "last_name": last,
            "display_name": display,
            "plan_name": "Comfort Club",
            "plan_end_date": TODAY + datetime.timedelta(days=30 + cid % 20),
            "offer": "Renew by the end of the month and your first visit is on us",
        }
        found.append(letters.LetterData(f"Customer {cid}", address, fields))
    return found


def bench_letters(rows: list[tuple], out: Path) -> dict:
    settings = load_settings()
    template = shipped_templates()["renewal"]
    records = _letters(rows[:1000])
    # Warm-up: the three fonts are read from disk once per process (≈0.35 s), before either timing.
    for name in (fonts.REGULAR, fonts.BOLD, fonts.CJK):
        fonts.font(name)
    letters.render_letters(records[:5], out, settings, template, day=TODAY)
    started = time.perf_counter()
    result = letters.render_letters(records, out, settings, template, day=TODAY)
    seconds = time.perf_counter() - started
    # The baseline: the same lines of one letter, drawn 1,000 times with drawString and nothing else.
    layout = letters.layout_for(settings)
    sample = letters.layout_letter(
        records[0], layout, template, settings, letters.business_values(settings, TODAY)
    )
    from reportlab.pdfgen.canvas import Canvas

    timings = {}
    for name, font_of in (("same_fonts", lambda line: line.font), ("helvetica", lambda line: "Helvetica")):
        started = time.perf_counter()
        canvas = Canvas(str(out.with_suffix(f".{name}.pdf")), pagesize=layout.page, pageCompression=1)
        for _ in range(1000):
            for line in sample[0].lines:
                canvas.setFont(font_of(line), line.size)
                canvas.drawString(line.x, line.y, line.text)
            canvas.showPage()
        canvas.save()
        timings[name] = time.perf_counter() - started
    return {
        "letters": result.printed,
        "pages": result.pages,
        "exceptions": len(result.exceptions),
        "seconds": round(seconds, 3),
        "bare_canvas_same_fonts_seconds": round(timings["same_fonts"], 3),
        "bare_canvas_helvetica_seconds": round(timings["helvetica"], 3),
        "ratio_to_same_fonts": round(seconds / timings["same_fonts"], 2),
        "ratio_to_helvetica": round(seconds / timings["helvetica"], 2),
        "target_ratio": 2.5,
        "file_mb": round(out.stat().st_size / 1e6, 2),
    }


def bench_labels(rows: list[tuple], out: Path) -> dict:
    addresses = [
        labels.AddressLabel(f"Customer {r[0]}", MailingAddress(r[4], r[3] if r[3] != r[4] else "", *r[7:13]))
        for r in rows[:10_000]
    ]
    started = time.perf_counter()
    result = labels.render_labels(addresses, out, sheet="avery5160")
    return {
        "addresses": len(addresses),
        "printed": result.printed,
        "pages": result.pages,
        "exceptions": len(result.exceptions),
        "seconds": round(time.perf_counter() - started, 3),
        "target_seconds": 5.0,
    }


def _call_entries(rows: list[tuple]) -> list[callsheet.CallSheetEntry]:
    site_ids = [r[13] for r in rows]
    owned: dict[int, list[callsheet.OwnedItem]] = {}
    equipment = (
        t.Equipment.select(
            t.Equipment.site, t.Equipment.kind, t.Equipment.brand, t.Equipment.model, t.Equipment.installed_on
        )
        .where(t.Equipment.site.in_(site_ids), t.Equipment.removed_on.is_null())
        .tuples()
    )
    for site, kind, brand, model, installed in equipment:
        age = (TODAY.year - installed.year) if installed else None
        owned.setdefault(site, []).append(
            callsheet.OwnedItem(f"{kind}, {brand} {model}".strip(", "), installed, age)
        )
    entries = []
    for cid, _f, _l, _c, display, phone, mobile, street, _street2, city, region, code, _country, site in rows:
        phones = tuple(
            p for p in (callsheet.Phone("Home", phone), callsheet.Phone("Mobile", mobile)) if p.number
        )
        items = owned.get(site, [])
        reasons = tuple(
            callsheet.CallReason(
                f"{i.description} installed {i.installed_on:%B %Y}, {i.age_years} "
                "years old; this kind lasts 15–20 years"
            )
            for i in items[:2]
            if i.installed_on
        )
        entries.append(
            callsheet.CallSheetEntry(  # by name: the entry has grown fields since this was written
                key=f"Customer {cid}",
                name=display,
                phones=phones,
                address=f"{street}, {city} {region} {code}",
                call_at=datetime.time(17, 30),
                call_times="9:00 AM–5:30 PM, 7:30–8:30 PM",
                window="5:30–8:30 PM",
                reasons=reasons,
                owns=tuple(items),
                last_contact=callsheet.LastContact(TODAY - datetime.timedelta(days=40), "call", "left msg"),
                segment="Young family",
                pitch="Comfort and clean air for the kids",
                talking_points="Safety first\nFinancing available\nBook before the rush",
            )
        )
    return entries


def bench_callsheet(rows: list[tuple], out: Path) -> dict:
    entries = _call_entries(rows[:2000])
    settings = load_settings()
    started = time.perf_counter()
    result = callsheet.render_callsheet(entries, out, settings, day=TODAY)
    return {
        "customers": len(entries),
        "printed": result.printed,
        "pages": result.pages,
        "seconds": round(time.perf_counter() - started, 3),
        "target_seconds": 3.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--db")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="cfl-bench-docs-"))
    db = args.db or str(scratch / "bench.sqlite3")
    open_app_database(db, Path(db).parent)
    if not t.Customer.select().exists():
        print(f"building a demo database of {args.customers:,} customers...", file=sys.stderr)
        build_demo(customers=args.customers, seed=1, today=TODAY)
    rows = _customers(max(args.customers, 10_000))
    text.wrap("warm", fonts.REGULAR, 10, 100)
    try:
        import reportlab.lib.rl_accel as accel

        accelerated = bool(getattr(accel, "_c_funcs", None))
    except ImportError:
        accelerated = False
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(),
            "rl_accel": accelerated,
        },
        "letters": bench_letters(rows, scratch / "letters.pdf"),
        "labels": bench_labels(rows, scratch / "labels.pdf"),
        "callsheet": bench_callsheet(rows, scratch / "calls.pdf"),
    }
    print(json.dumps(report, indent=2))
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    ok = (
        report["letters"]["ratio_to_same_fonts"] <= 2.5
        and report["labels"]["seconds"] <= 5
        and report["callsheet"]["seconds"] <= 3
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
