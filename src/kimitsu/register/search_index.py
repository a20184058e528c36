"""SQLite's search index of the register (the bigrams of each entry's ``search_text``, see
migration 0004 and ``selectors.search_index_q``): its table, the triggers that keep it in step,
and its repair.

The triggers live on ``register_entry``. On SQLite, Django rebuilds a table for most schema
changes (a new table, the rows copied, the old one dropped) and the triggers go with the old one;
a later migration on the register would so leave the index behind the table without a word. After
every ``migrate``, ``ensure`` puts back missing triggers and rebuilds the index from the table (a
contentless FTS5 table forgets a row only when told exactly what it held, so it is rebuilt whole
rather than patched).
"""

TABLE = "register_entry_grams"
TRIGGERS = {
    "register_entry_grams_insert": """CREATE TRIGGER register_entry_grams_insert
    AFTER INSERT ON register_entry BEGIN
      INSERT INTO register_entry_grams(rowid, grams)
      VALUES (NEW.id, kimitsu_bigram_tokens(NEW.search_text));
    END""",
    "register_entry_grams_update": """CREATE TRIGGER register_entry_grams_update
    AFTER UPDATE OF search_text ON register_entry
    WHEN OLD.search_text IS NOT NEW.search_text BEGIN
      INSERT INTO register_entry_grams(register_entry_grams, rowid, grams)
      VALUES ('delete', OLD.id, kimitsu_bigram_tokens(OLD.search_text));
      INSERT INTO register_entry_grams(rowid, grams)
      VALUES (NEW.id, kimitsu_bigram_tokens(NEW.search_text));
    END""",
    "register_entry_grams_delete": """CREATE TRIGGER register_entry_grams_delete
    AFTER DELETE ON register_entry BEGIN
      INSERT INTO register_entry_grams(register_entry_grams, rowid, grams)
      VALUES ('delete', OLD.id, kimitsu_bigram_tokens(OLD.search_text));
    END""",
}
CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "grams, content='', detail=none, tokenize='ascii')"
)
REBUILD = [
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('delete-all')",
    f"INSERT INTO {TABLE}(rowid, grams) "
    "SELECT id, kimitsu_bigram_tokens(search_text) FROM register_entry",
]
MIGRATION = ("register", "0004_search_fts_sqlite")


def install(cursor) -> None:
    """The table, its triggers, and every entry in it."""
    cursor.execute(CREATE_TABLE)
    for name, sql in TRIGGERS.items():
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(sql)
    for sql in REBUILD:
        cursor.execute(sql)


def uninstall(cursor) -> None:
    for name in TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def missing_triggers(cursor) -> set[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'register_entry'"
    )
    return set(TRIGGERS) - {row[0] for row in cursor.fetchall()}


def ensure(connection) -> bool:
    """On SQLite, with migration 0004 applied: reinstall the index if a trigger is missing.
    True if it had to."""
    if connection.vendor != "sqlite":
        return False
    from django.db import transaction
    from django.db.migrations.recorder import MigrationRecorder

    if (
        not MigrationRecorder(connection)
        .migration_qs.filter(app=MIGRATION[0], name=MIGRATION[1])
        .exists()
    ):
        return False
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if not missing_triggers(cursor):
            return False
        install(cursor)
    return True
