"""Matching by keys: every word and every beginning of a word, in GIN indexes.

A prefix query ("kopriv:*") makes PostgreSQL merge the index entries of
every word that starts so before intersecting them with the query's other
words: a search for "Ниш 1234" read all 80,000 entries of "nis…" at 100,000
organisations. Each beginning of a word is now a key of its own, looked up
exactly. ``document`` keeps the weighted words, for ranking only.

Existing rows get their keys from their stored vectors, in SQL (KEYS_SQL,
what search.services.word_keys writes; tests/search/test_services.py
compares the two). Rows stay in the table's pages up to 8 kB instead of
being compressed or moved to TOAST from 2 kB: a search reads each candidate's
vectors, and decompressing them cost more than the reading.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

# The keys of the stored vector ``v``; 20 is search.normalise.MAX_KEY_LENGTH when this was written.
KEYS_SQL = """
    array_to_tsvector(tsvector_to_array(v) || coalesce(array(
        SELECT left(lexeme, length) FROM unnest(tsvector_to_array(v)) AS lexeme,
        generate_series(2, least(length(lexeme) - 1, 20)) AS length
    ), '{}'))
"""


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_scheduled_publication"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_document"),
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_title"),
        migrations.AddField(
            model_name="searchentry",
            name="keys",
            field=django.contrib.postgres.search.SearchVectorField(default="", verbose_name="keys"),
            preserve_default=False,
        ),
        migrations.RenameField(model_name="searchentry", old_name="title_document", new_name="title_keys"),
        migrations.AlterField(
            model_name="searchentry",
            name="title_keys",
            field=django.contrib.postgres.search.SearchVectorField(verbose_name="title keys"),
        ),
        migrations.RunSQL(
            [
                "UPDATE search_searchentry SET keys = ({}), title_keys = ({})".format(
                    KEYS_SQL.replace("(v)", "(document)"), KEYS_SQL.replace("(v)", "(title_keys)")
                ),
                "ALTER TABLE search_searchentry SET (toast_tuple_target = 8160)",
            ],
            reverse_sql=["ALTER TABLE search_searchentry RESET (toast_tuple_target)"],
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(fields=["keys"], name="search_entry_keys"),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(fields=["title_keys"], name="search_entry_title_keys"),
        ),
    ]
