"""Referrals remember when the job was won and whether the owner changed the commission, and why.

won_on: the day the commission was earned (it falls due 30 days later). commission_overridden: the
amount was set by hand, so a later change of job value leaves it alone. commission_reason: why.
"""

from peewee import BooleanField, DateField, TextField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("referral", "won_on", DateField(null=True)),
        migrator.add_column("referral", "commission_overridden", BooleanField(default=False)),
        migrator.add_column("referral", "commission_reason", TextField(default="")),
    )
