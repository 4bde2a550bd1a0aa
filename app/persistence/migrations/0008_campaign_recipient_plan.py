"""A campaign recipient remembers the service plan its letter is about.

A renewal campaign can reach a plan before the opportunity engine has raised its renewal
(the owner mails everyone whose plan ends next month; the engine raises renewals only
`renewal_notice_days` ahead), so the recipient's opportunity may be empty: the plan says
which term the letter was about, for printing it again and for attributing the renewal.
"""

from peewee import ForeignKeyField, Model


def up(migrator, db):
    class ServicePlan(Model):  # frozen: only what the foreign key needs
        class Meta:
            database = db
            table_name = "service_plan"

    # A foreign key column comes with its index (every foreign key is indexed).
    migrator.migrate(
        migrator.add_column(
            "campaign_recipient",
            "plan_id",
            ForeignKeyField(ServicePlan, field=ServicePlan.id, null=True, on_delete="SET NULL"),
        ),
    )
