"""The opportunity engine on PostgreSQL: its candidate queries, closing queries and writes are the
same SQL as on SQLite (app/persistence/raw_sql.py), so its tests are run again here."""

from __future__ import annotations

import threading

from app.persistence.tables import Opportunity
from app.services.opportunities import recompute_opportunities
from tests.persistence.test_opportunity_engine import (  # noqa: F401
    TODAY,
    _a_bit_of_everything,
    catalog,
    test_a_17_year_old_furnace_typed_in_today_is_a_replacement_due_today,
    test_a_dismissed_replacement_comes_back_only_at_the_next_threshold,
    test_a_maintenance_visit_raised_late_is_won_by_a_visit_typed_in_with_its_real_date,
    test_a_new_product_goes_to_the_best_customers_first_as_far_as_it_lasts,
    test_a_recompute_with_nothing_new_writes_nothing,
    test_a_replaced_unit_closes_its_replacement,
    test_after_write_runs_last_inside_the_transaction,
    test_an_open_replacement_is_brought_up_to_date_by_the_next_threshold,
    test_check_in_and_follow_up_close_when_someone_talks_with_them,
    test_maintenance_due_and_won_when_the_visit_is_made,
    test_nothing_is_raised_for_removed_unknown_or_unserved_equipment,
    test_one_add_on_at_a_time_the_next_after_a_no,
    test_other_sites_of_a_customer_who_buys_at_one,
    test_recompute_is_all_or_nothing_when_cancelled,
    test_renewal_from_45_days_before_and_won_when_renewed,
    test_replacement_is_raised_once_with_its_reason_value_and_due,
    test_the_open_list_and_status_changes,
    test_the_sql_works_out_the_same_threshold_as_the_rules,
    test_upgrade_and_warranty,
    test_what_falls_due_on_a_day_the_engine_runs_keeps_that_day,
)


def test_two_office_pcs_recomputing_at_once_raise_everything_once(db, catalog) -> None:  # noqa: F811
    """Both find the same opportunities missing; the second waits for the first (an advisory lock),
    then finds them written: no broken unique key, nothing raised twice."""
    _a_bit_of_everything(catalog)
    start = threading.Barrier(2)
    results: list[object] = []

    def office_pc() -> None:  # each thread has a connection of its own, as another PC has
        try:
            start.wait()
            results.append(recompute_opportunities(today=TODAY).total_raised)
        except Exception as error:  # whatever went wrong, the assertion shows it
            results.append(error)
        finally:
            db.database.close()

    pcs = [threading.Thread(target=office_pc) for _ in range(2)]
    for pc in pcs:
        pc.start()
    for pc in pcs:
        pc.join(timeout=60)
    raised = Opportunity.select().count()
    assert sorted(results, key=str) == [0, raised] and raised >= 9
