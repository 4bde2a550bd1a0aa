"""Campaigns: choose an audience, print everything for it together, mark it sent, see what it brought in.

The flow the Campaigns page follows:
1. `preview_audience(criteria)`: how many would get it, how many the respect rules leave
   out and why, and a sample, while the owner adjusts the criteria;
2. `create_campaign(name, criteria, channel)`: the audience is stored, included and
   excluded recipients alike (with their reason), as it stands that day;
3. `print_campaign(id, folder)`: letters, labels, postcards and a call sheet for the included
   recipients, in the same order. The rules are checked again first (someone may have asked
   for no mail since), and whoever is left out then, or whose letter could not be printed,
   is marked excluded with the reason, so that nobody is recorded as mailed who was not;
4. `mark_campaign_sent(id, day)`: one touch per included recipient, in one transaction;
5. `campaign_results(id)`: sales and won opportunities attributed to it (the rule is in
   app.domain.campaigns), the response rate and the revenue.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import replace
from pathlib import Path

from app.domain import clock
from app.domain.campaigns import (
    ATTRIBUTION_DAYS,
    SAMPLE_SIZE,
    UNPRINTABLE,
    AudienceCriteria,
    AudiencePreview,
    CampaignResults,
    CampaignSummary,
    Recipient,
    count_reasons,
    money_of,
)
from app.domain.errors import UserError
from app.domain.opportunities import long_date
from app.domain.postal import one_line
from app.domain.respect import call_times_text, callable_periods, first_call_time, may_contact, window_text
from app.domain.values import clean_text, years_between
from app.persistence import campaigns as repository
from app.services.cancel import Cancelled
from app.services.documents.callsheet import (
    CallReason,
    CallSheetEntry,
    LastContact,
    OwnedItem,
    Phone,
    render_callsheet,
)
from app.services.documents.common import BatchResult, Cancel, Progress
from app.services.documents.labels import label_offset, render_labels
from app.services.documents.letter_templates import template_for
from app.services.documents.letters import render_letters
from app.services.documents.postcards import render_postcards
from app.services.mailings import address_label, letter_data, select_audience, template_name
from app.services.settings import load_settings

DOCUMENTS = ("letters", "labels", "postcards", "callsheet")


def preview_audience(criteria: AudienceCriteria, today: datetime.date | None = None) -> AudiencePreview:
    """What a campaign with these criteria would reach today, and who it would leave out, by reason."""
    today = today or clock.today()
    audience = select_audience(criteria, today=today)
    return AudiencePreview(
        criteria=criteria.validated(),
        included=len(audience.included),
        excluded=len(audience.excluded),
        by_reason=count_reasons((item.reason, 1) for item in audience.excluded),
        sample=tuple(audience.included[:SAMPLE_SIZE]),
        excluded_sample=tuple(audience.excluded[:SAMPLE_SIZE]),
    )


def create_campaign(
    name: str,
    criteria: AudienceCriteria,
    channel: str = "mail",
    *,
    offer: str = "",
    offer_ends: datetime.date | None = None,
    template: str | None = None,
    today: datetime.date | None = None,
) -> int:
    """Store the campaign and its audience as it stands today; returns its id."""
    today = today or clock.today()
    name = clean_text(name)
    if not name:
        raise UserError("Campaign name: give the campaign a name.", "name")
    criteria = replace(criteria, channel=channel).validated()
    chosen_template = template_for(template or template_name(criteria.kind))  # refuses an unknown one
    audience = select_audience(criteria, today=today)
    if not audience.included:
        raise UserError("Nobody in this audience may be contacted; change the criteria.")
    rows = [(r.customer_id, r.opportunity_id, r.plan_id, True, "") for r in audience.included]
    rows += [(item.customer_id, None, None, False, item.reason) for item in audience.excluded]
    stored = {
        "criteria": criteria.to_dict(),
        "offer": clean_text(offer),
        "offer_ends": offer_ends.isoformat() if offer_ends else None,
        "template": chosen_template.name,
    }
    return repository.insert_campaign(
        name=name,
        purpose=criteria.kind or "",
        channel=criteria.channel,
        audience_json=json.dumps(stored),
        recipients=rows,
    )


def list_campaigns() -> list[CampaignSummary]:
    """Every campaign, newest first, with its recipients and exclusions counted."""
    return [_summary(row) for row in repository.campaign_rows()]


def get_campaign(campaign_id: int) -> CampaignSummary:
    rows = repository.campaign_rows(campaign_id)
    if not rows:
        raise UserError("This campaign no longer exists.")
    return _summary(rows[0])


def _summary(row: tuple) -> CampaignSummary:
    id_, name, purpose, channel, audience_json, created_at, sent_on, status, included, excluded = row
    stored = json.loads(audience_json or "{}")
    return CampaignSummary(
        id=id_,
        name=name,
        kind=purpose or None,
        channel=channel,
        status=status,
        created_at=created_at,
        sent_on=sent_on,
        recipients=int(included),
        excluded=int(excluded),
        criteria=AudienceCriteria.from_dict(stored.get("criteria", {})),
        offer=stored.get("offer") or "",
        template=stored.get("template") or template_name(purpose or None),
        offer_ends=_date(stored.get("offer_ends")),
    )


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


# ---------------------------------------------------------------- printing


def print_campaign(
    campaign_id: int,
    out_dir: Path,
    *,
    letters: bool = True,
    labels: bool = True,
    postcards: bool = False,
    callsheet: bool = False,
    sheet: str = "avery5160",
    start_at: int = 1,
    postcard_size: str = "4x6",
    today: datetime.date | None = None,
    progress: Progress = None,
    cancel: Cancel = None,
) -> dict[str, BatchResult]:
    """The campaign's documents in `out_dir` ("<name>-letters.pdf"...), by document name."""
    today = today or clock.today()
    campaign = get_campaign(campaign_id)
    wanted = [name for name, on in zip(DOCUMENTS, (letters, labels, postcards, callsheet), strict=True) if on]
    if not wanted:
        raise UserError("Choose at least one thing to print: letters, labels, postcards or a call sheet.")
    out_dir = Path(out_dir)
    settings = load_settings()
    # Who may still have it: checked again today, unless it went out already (then it is a reprint).
    audience = select_audience(
        campaign.criteria,
        today=today,
        settings=settings,
        campaign_id=campaign_id,
        marketing=None if campaign.sent_on is None else False,
    )
    if campaign.sent_on is None:
        repository.exclude_recipients(campaign_id, [(e.customer_id, e.reason) for e in audience.excluded])
    recipients = audience.included
    if not recipients:
        raise UserError("Nobody in this campaign may be contacted any more; nothing was printed.")
    template = template_for(campaign.template)
    records = [
        letter_data(r, today, offer=campaign.offer, offer_ends=campaign.offer_ends) for r in recipients
    ]
    stem = _file_stem(campaign.name)
    results: dict[str, BatchResult] = {}
    for index, document in enumerate(wanted):
        if cancel is not None and cancel():
            raise Cancelled()
        out = out_dir / f"{stem}-{document}.pdf"
        step = _step_progress(progress, index, len(wanted))
        if document == "letters":
            results[document] = render_letters(
                records, out, settings, template, day=today, progress=step, cancel=cancel
            )
        elif document == "postcards":
            results[document] = render_postcards(
                records, out, settings, template, size=postcard_size, day=today, progress=step, cancel=cancel
            )
        elif document == "labels":
            results[document] = render_labels(
                [address_label(r) for r in recipients], out, sheet=sheet, start_at=start_at,
                offset_mm=label_offset(settings), sender_country=settings.country or "US",
                progress=step, cancel=cancel,
            )  # fmt: skip
        else:
            results[document] = _print_callsheet(recipients, out, today, step, cancel)
    if campaign.sent_on is None:
        _exclude_unprinted(campaign_id, recipients, results)
    return results


def _file_stem(name: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-")
    return stem[:60] or "campaign"


def _step_progress(progress: Progress, index: int, steps: int) -> Progress:
    """Progress of one document as a share of the whole job (each document counts the same)."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        progress(index * 1000 + (done * 1000 // total if total else 1000), steps * 1000)

    return report


def _exclude_unprinted(
    campaign_id: int, recipients: list[Recipient], results: dict[str, BatchResult]
) -> None:
    """A recipient whose letter, postcard or label could not be printed was not mailed: say so."""
    by_key = {r.key: r.customer_id for r in recipients}
    failed: dict[int, str] = {}
    for document, result in results.items():
        if document == "callsheet":
            continue
        for issue in result.exceptions:
            if issue.key in by_key:
                failed.setdefault(by_key[issue.key], UNPRINTABLE + issue.reason.rstrip("."))
    repository.exclude_recipients(campaign_id, sorted(failed.items()))


def _print_callsheet(
    recipients: list[Recipient], out: Path, today: datetime.date, progress: Progress, cancel: Cancel
) -> BatchResult:
    """The recipients who may be called, with what the call is about (a letter followed up by phone)."""
    reachable = [r for r in recipients if r.has_phone and may_contact(r.flags, "call")]
    if not reachable:
        raise UserError("Nobody in this campaign may be called (no phone, or they asked not to be called).")
    owned, latest = repository.call_details([r.customer_id for r in reachable], today)
    settings = load_settings()
    entries = [
        _call_entry(r, owned.get(r.customer_id, []), latest.get(r.customer_id), today, settings.quiet_hours)
        for r in reachable
    ]
    return render_callsheet(entries, out, settings, day=today, progress=progress, cancel=cancel)


def _call_entry(
    recipient: Recipient,
    owned: list[tuple],
    last: tuple | None,
    today: datetime.date,
    quiet_hours: tuple[tuple[str, str], ...],
) -> CallSheetEntry:
    reason = recipient.reason or _plan_reason(recipient) or "Campaign follow-up"
    value = money_of(recipient.value_cents) if recipient.value_cents else None
    return CallSheetEntry(
        key=recipient.key,
        name=recipient.name,
        phones=tuple(Phone(label, number) for label, number in recipient.phones),
        address=one_line(recipient.site or recipient.mailing_address()),
        # When to call, as the day's call sheet says it: the first allowed time, and the others.
        call_at=first_call_time(quiet_hours, *recipient.call_window),
        call_times=call_times_text(callable_periods(quiet_hours, *recipient.call_window)),
        window=window_text(*recipient.call_window),
        reasons=(CallReason(reason, value=value),),
        owns=tuple(
            OwnedItem(
                " ".join(p for p in (kind, brand, model) if p), on, years_between(on, today) if on else None
            )
            for kind, brand, model, on in owned
        ),
        last_contact=LastContact(*last) if last and last[0] else None,
        segment=recipient.segment,
        talking_points=recipient.talking_points,
    )


def _plan_reason(recipient: Recipient) -> str:
    if not recipient.plan_ends:
        return ""
    return f"{recipient.plan_name} ends {long_date(recipient.plan_ends)}"


# ---------------------------------------------------------------- sending and results


def mark_campaign_sent(campaign_id: int, sent_on: datetime.date | None = None) -> int:
    """Record that the campaign went out on `sent_on`: one touch per included recipient (channel,
    marketing or not, the campaign, the reason), all in one transaction. Returns the touches written.

    A call campaign only starts its results window: its calls are logged one by one from the
    queue (a touch with the real outcome), not all at once as if everyone had been reached."""
    sent_on = sent_on or clock.today()
    campaign = get_campaign(campaign_id)
    if campaign.sent_on is not None:
        raise UserError(f"“{campaign.name}” was marked as sent on {long_date(campaign.sent_on)} already.")
    # Whoever is still included was printed and mailed: no rule is applied again (it went out).
    # Calls are not made all at once: each is logged with its outcome from the queue as it happens.
    recipients = []
    if campaign.channel != "call":
        recipients = select_audience(
            campaign.criteria, today=sent_on, campaign_id=campaign_id, check=False
        ).included
    touches = [(r.customer_id, r.opportunity_id, _touch_reason(campaign.name, r)) for r in recipients]
    written = repository.mark_sent(
        campaign_id,
        sent_on=sent_on,
        happened_at=datetime.datetime.combine(sent_on, datetime.time(9, 0)),
        channel=campaign.channel,
        is_marketing=campaign.criteria.is_marketing,
        touches=touches,
    )
    if not written:
        raise UserError(f"“{campaign.name}” was marked as sent already.")
    return len(touches)


def _touch_reason(name: str, recipient: Recipient) -> str:
    reason = recipient.reason or _plan_reason(recipient)
    return f"{name}: {reason}" if reason else name


def campaign_results(campaign_id: int) -> CampaignResults:
    """What the campaign brought in: attributed sales and won opportunities, response rate, revenue."""
    campaign = get_campaign(campaign_id)
    sent_on = campaign.sent_on
    until = (sent_on or clock.today()) + datetime.timedelta(days=ATTRIBUTION_DAYS)
    sales = repository.attributed_sales(campaign_id, sent_on, until)
    won = repository.won_opportunities(campaign_id, campaign.kind, sent_on, until) if sent_on else []
    recorded = {opportunity for *_, opportunity in sales if opportunity is not None}
    won_value = sum(int(cents or 0) for id_, _, cents in won if id_ not in recorded)
    responders = {customer for _, customer, *_ in sales} | {customer for _, customer, _ in won}
    return CampaignResults(
        campaign=campaign,
        recipients=campaign.recipients if sent_on else 0,
        excluded_by_reason=count_reasons(repository.exclusion_counts(campaign_id)),
        responses=len(responders),
        won_opportunities=len(won),
        won_value=money_of(won_value),
        sales=len(sales),
        sales_total=money_of(sum(int(cents or 0) for _, _, cents, _ in sales)),
        window_ends=until if sent_on else None,
    )
