"""Letter templates edited or created by the owner (the shipped ones stay in resources/letters)."""

import datetime

from peewee import CharField, DateTimeField, Model, TextField


def up(migrator, db):
    class LetterTemplate(Model):
        name = CharField(primary_key=True)
        data_json = TextField()
        updated_at = DateTimeField(default=datetime.datetime.now)

        class Meta:
            database = db
            table_name = "letter_template"

    db.create_tables([LetterTemplate])
