"""The day's work from the command line: today's calls and their outcomes, and campaigns.

    calls [--date D] [--json]                      the day's calls, with the opportunity ids to log
    log-call OPPORTUNITY OUTCOME [--by NAME]       one call's outcome (no_answer, left_message, booked…)
    campaigns [--json]                             every campaign, newest first
    campaign-new NAME --kind K [audience options] [--offer TEXT] [--dry-run] [--json]
    campaign-print ID OUT_DIR [--postcards] [--callsheet] [--no-letters] [--no-labels]
    campaign-sent ID [--on D]                      record it as sent (one contact per recipient)
    campaign-results ID [--json]                   what it brought in

The same services as the GUI's Today's calls and Campaigns pages; app.cli parses, opens the
database and turns errors into exit codes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.domain import clock
from app.domain.formatting import long_date, number, time_text
from app.domain.i18n import t, translated
from app.domain.kinds import OpportunityKind
from app.domain.respect import CALL_OUTCOMES

EXIT_OK = 0


def add_parsers(commands: Any, date_type: Callable[[str], Any]) -> None:
    calls = commands.add_parser("calls", help="the day's calls in order, with why now")
    calls.add_argument("--date", type=date_type, help="YYYY-MM-DD (default today)")
    calls.add_argument("--json", action="store_true", help="one JSON document on stdout")

    log_call = commands.add_parser("log-call", help="record how a call went")
    log_call.add_argument("opportunity", type=int, help="the opportunity the call was about (see `calls`)")
    log_call.add_argument("outcome", choices=sorted(CALL_OUTCOMES))
    log_call.add_argument("--by", default="", help="who made the call")

    campaigns = commands.add_parser("campaigns", help="every campaign, newest first")
    campaigns.add_argument("--json", action="store_true", help="one JSON document on stdout")

    new = commands.add_parser("campaign-new", help="a campaign for an audience (see who it reaches first)")
    new.add_argument("name")
    new.add_argument("--kind", choices=list(OpportunityKind), help="customers with an open opportunity of it")
    new.add_argument("--channel", choices=["mail", "call"], default="mail")
    new.add_argument("--segment", default="")
    new.add_argument("--equipment", default="", help="customers with this kind of equipment")
    new.add_argument("--city", default="")
    new.add_argument("--zip", default="", help="the start of the ZIP code, e.g. 212")
    new.add_argument("--due-from", type=date_type)
    new.add_argument("--due-to", type=date_type)
    new.add_argument("--offer", default="", help='what the letters offer, e.g. "$20 off a spring tune-up"')
    new.add_argument("--offer-ends", type=date_type)
    new.add_argument("--dry-run", action="store_true", help="say who it would reach; create nothing")
    new.add_argument("--json", action="store_true", help="one JSON document on stdout")

    print_ = commands.add_parser("campaign-print", help="a campaign's letters, labels, postcards, call sheet")
    print_.add_argument("campaign", type=int)
    print_.add_argument("out_dir", type=Path)
    print_.add_argument("--no-letters", action="store_true")
    print_.add_argument("--no-labels", action="store_true")
    print_.add_argument("--postcards", action="store_true")
    print_.add_argument("--callsheet", action="store_true")

    sent = commands.add_parser("campaign-sent", help="record a campaign as sent")
    sent.add_argument("campaign", type=int)
    sent.add_argument("--on", type=date_type, help="the day it went out (default today)")

    results = commands.add_parser("campaign-results", help="what a campaign brought in")
    results.add_argument("campaign", type=int)
    results.add_argument("--json", action="store_true", help="one JSON document on stdout")


def _json(value: object) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def _cmd_calls(args: argparse.Namespace) -> int:
    from app.services.queue import plan_from_now

    day = args.date or clock.today()
    plan = plan_from_now(day)
    if args.json:
        _json(
            [
                {
                    "customer_id": e.customer_id,
                    "customer": e.name,
                    "phone": e.phones[0][1] if e.phones else "",
                    "suggested_time": e.suggested_time.strftime("%H:%M"),
                    "reasons": [
                        {"opportunity_id": r.opportunity_id, "kind": r.kind, "reason": r.reason}
                        for r in e.reasons
                    ],
                }
                for e in plan.entries
            ]
        )
    else:
        for e in plan.entries:
            phone = e.phones[0][1] if e.phones else ""
            first = e.reasons[0] if e.reasons else None
            why = f"#{first.opportunity_id} {translated(first.reason)}" if first else ""
            sys.stdout.write(f"{time_text(e.suggested_time):>8}  {e.name:<32} {phone:<16} {why}\n")
    calls, waiting = number(len(plan.entries)), number(plan.waiting)
    sys.stderr.write(
        t("{calls} calls for {day}; {waiting} wait for the next days", calls=calls, day=long_date(day),
          waiting=waiting) + "\n"
    )  # fmt: skip
    return EXIT_OK


def _cmd_log_call(args: argparse.Namespace) -> int:
    from app.services.queue import log_outcome

    logged = log_outcome(args.opportunity, args.outcome, by_whom=args.by)
    next_try = t("; offered again on {day}", day=logged.next_try.isoformat()) if logged.next_try else ""
    outcome = t(args.outcome.replace("_", " "))
    sys.stderr.write(
        t("Logged: {outcome}, opportunity now {status}{next_try}.", outcome=outcome, status=t(logged.status),
          next_try=next_try) + "\n"
    )  # fmt: skip
    return EXIT_OK


def _campaign_json(campaign: Any) -> dict[str, object]:
    return {
        "id": campaign.id,
        "name": campaign.name,
        "kind": campaign.kind,
        "channel": campaign.channel,
        "status": campaign.status,
        "recipients": campaign.recipients,
        "excluded": campaign.excluded,
        "offer": campaign.offer,
        "sent_on": campaign.sent_on.isoformat() if campaign.sent_on else None,
    }


def _cmd_campaigns(args: argparse.Namespace) -> int:
    from app.services.campaigns import list_campaigns

    found = list_campaigns()
    if args.json:
        _json([_campaign_json(c) for c in found])
        return EXIT_OK
    for c in found:
        sent = c.sent_on.isoformat() if c.sent_on else t("not sent")
        sys.stdout.write(
            f"{c.id:>5}  {c.name:<40} {t('{count} recipients', count=f'{c.recipients:>6}')}  {sent}\n"
        )
    return EXIT_OK


def _cmd_campaign_new(args: argparse.Namespace) -> int:
    from app.domain.campaigns import AudienceCriteria
    from app.services.campaigns import create_campaign, get_campaign, preview_audience

    criteria = AudienceCriteria(
        kind=args.kind,
        segment=args.segment,
        equipment_kind=args.equipment,
        city=args.city,
        postal_prefix=args.zip,
        due_from=args.due_from,
        due_to=args.due_to,
        channel=args.channel,
    )
    preview = preview_audience(criteria)
    left_out = ", ".join(f"{translated(reason)}: {count}" for reason, count in preview.by_reason.items())
    sys.stderr.write(
        t(
            "{included} would get it; {excluded} left out",
            included=preview.included,
            excluded=preview.excluded,
        )
        + (f" ({left_out})" if left_out else "")
        + ".\n"
    )
    if args.dry_run:
        if args.json:
            _json(
                {"included": preview.included, "excluded": preview.excluded, "by_reason": preview.by_reason}
            )
        return EXIT_OK
    campaign_id = create_campaign(
        args.name, criteria, args.channel, offer=args.offer, offer_ends=args.offer_ends
    )
    campaign = get_campaign(campaign_id)
    if args.json:
        _json(_campaign_json(campaign))
    sys.stderr.write(
        t("Campaign {id} created: {count} recipients.", id=campaign_id, count=campaign.recipients) + "\n"
    )
    return EXIT_OK


def _cmd_campaign_print(args: argparse.Namespace) -> int:
    from app.services.campaigns import print_campaign

    args.out_dir.mkdir(parents=True, exist_ok=True)
    printed = print_campaign(
        args.campaign,
        args.out_dir,
        letters=not args.no_letters,
        labels=not args.no_labels,
        postcards=args.postcards,
        callsheet=args.callsheet,
    )
    for name, result in printed.items():
        sys.stderr.write(
            t("{name}: {path} ({count} printed)", name=t(name), path=result.path, count=result.printed) + "\n"
        )
        for warning in getattr(result, "warnings", ()):
            sys.stderr.write(f"  {warning}\n")
    return EXIT_OK


def _cmd_campaign_sent(args: argparse.Namespace) -> int:
    from app.services.campaigns import mark_campaign_sent

    contacts = mark_campaign_sent(args.campaign, args.on)
    sys.stderr.write(t("Marked as sent: {count} contacts recorded.", count=contacts) + "\n")
    return EXIT_OK


def _cmd_campaign_results(args: argparse.Namespace) -> int:
    from app.services.campaigns import campaign_results

    results = campaign_results(args.campaign)
    values = {
        "campaign": _campaign_json(results.campaign),
        "recipients": results.recipients,
        "responses": results.responses,
        "won_opportunities": results.won_opportunities,
        "sales": results.sales,
        "revenue": str(results.revenue),
        "excluded_by_reason": results.excluded_by_reason,
    }
    if args.json:
        _json(values)
    else:
        sys.stdout.write(
            t("{recipients} recipients, {responses} responded, {sales} sales, revenue {revenue}",
              recipients=results.recipients, responses=results.responses, sales=results.sales,
              revenue=results.revenue) + "\n"
        )  # fmt: skip
    return EXIT_OK


WORK_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "calls": _cmd_calls,
    "log-call": _cmd_log_call,
    "campaigns": _cmd_campaigns,
    "campaign-new": _cmd_campaign_new,
    "campaign-print": _cmd_campaign_print,
    "campaign-sent": _cmd_campaign_sent,
    "campaign-results": _cmd_campaign_results,
}
# Commands that read opportunities: brought up to date first (app.cli).
READS_DERIVED = {"calls", "campaign-new", "campaign-print", "campaign-results"}
