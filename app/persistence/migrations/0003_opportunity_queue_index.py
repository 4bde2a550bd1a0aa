"""An index for the follow-up queue: every customer's workable opportunities added up from the index alone.

The queue adds up, per customer, the due dates and values of their open (or awake) opportunities.
Read through this covering index in customer order, that takes 0.13 s at 250,000 opportunities
(100,000 customers) instead of 0.4–0.8 s through the table; see app/persistence/queue.py.
"""


def up(migrator, db):
    db.execute_sql(
        "CREATE INDEX opportunity_queue ON opportunity "
        "(customer_id, status, due_on, value_cents, kind, snoozed_until)"
    )
