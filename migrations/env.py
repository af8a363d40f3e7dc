import logging
from logging.config import fileConfig

from flask import current_app

from alembic import context

# this is the Alembic Config object, which provides
# access to the values within the .ini file in use.
config = context.config

# Interpret the config file for Python logging.
# This line sets up loggers basically.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger('alembic.env')


def get_engine():
    try:
        # this works with Flask-SQLAlchemy<3 and Alchemical
        return current_app.extensions['migrate'].db.engine
    except (TypeError, AttributeError):
        # this works with Flask-SQLAlchemy>=3
        return current_app.extensions['migrate'].db.engine


def get_engine_url():
    try:
        return get_engine().url.render_as_string(hide_password=False).replace(
            '%', '%%')
    except AttributeError:
        return str(get_engine().url).replace('%', '%%')


# add your model's MetaData object here
# for 'autogenerate' support
# from myapp import mymodel
# target_metadata = mymodel.Base.metadata
config.set_main_option('sqlalchemy.url', get_engine_url())
target_db = current_app.extensions['migrate'].db

# other values from the config, defined by the needs of env.py,
# can be acquired:
# my_important_option = config.get_main_option("my_important_option")
# ... etc.


def get_metadata():
    if hasattr(target_db, 'metadatas'):
        return target_db.metadatas[None]
    return target_db.metadata


def run_migrations_offline():
    """Run migrations in 'offline' mode.

    This configures the context with just a URL
    and not an Engine, though an Engine is acceptable
    here as well.  By skipping the Engine creation
    we don't even need a DBAPI to be available.

    Calls to context.execute() here emit the given string to the
    script output.

    """
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url, target_metadata=get_metadata(), literal_binds=True
    )

    with context.begin_transaction():
        context.run_migrations()


def render_item(type_, obj, autogen_context):
    """Migrations never import the app: the UTC column type is written as a plain DateTime."""
    if type_ == "type" and type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def include_object(obj, name, type_, reflected, compare_to):
    """Indexes made for one engine only (`Index(...).ddl_if(dialect=...)`) are compared on that engine only."""
    if type_ == "table" and reflected and "_fts" in name:
        return False  # the search tables outside the models: SQLite's FTS5 tables, their shadow, vocabulary and state
        # tables (portal/core/fulltext.py, search_words.py), PostgreSQL's word tables (search_words.py)
    ddl_if = getattr(obj, "_ddl_if", None)
    if type_ == "index" and ddl_if is not None and ddl_if.dialect:
        return context.get_bind().dialect.name == ddl_if.dialect
    return True


def _restore_search_triggers(connection):
    """A batch migration that rebuilt `procedure` or `feedback` (CREATE new, copy, DROP old, RENAME) dropped the
    triggers that keep its FTS5 search table (portal/core/fulltext.py) and the tag of its words
    (portal/core/search_words.py) current; put back those whose tables exist at this revision. The rows kept their
    ids and text, so the index itself is still right."""
    from portal.core import search_words
    from portal.feedback.models import PUBLIC_ANSWERS
    from portal.procedures.search_index import PROCEDURES

    tables = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for index in (PROCEDURES, PUBLIC_ANSWERS):
        if index.fts in tables:
            for statement in index.sqlite_create()[1:]:  # the triggers (CREATE TRIGGER IF NOT EXISTS)
                connection.exec_driver_sql(statement)
        if f"{index.fts}_state" in tables:  # 0035
            for statement in search_words.sqlite_triggers(index.table, index.source):
                connection.exec_driver_sql(statement)


def run_migrations_online():
    """Run migrations in 'online' mode.

    In this scenario we need to create an Engine
    and associate a connection with the context.

    """

    # this callback is used to prevent an auto-migration from being generated
    # when there are no changes to the schema
    # reference: http://alembic.zzzcomputing.com/en/latest/cookbook.html
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, 'autogenerate', False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info('No changes in schema detected.')

    conf_args = current_app.extensions['migrate'].configure_args
    if conf_args.get("process_revision_directives") is None:
        conf_args["process_revision_directives"] = process_revision_directives

    connectable = get_engine()

    with connectable.connect() as connection:
        conf_args.setdefault("render_item", render_item)
        conf_args.setdefault("include_object", include_object)
        context.configure(
            connection=connection,
            target_metadata=get_metadata(),
            **conf_args
        )

        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a SQLite table (CREATE new, copy, DROP old, RENAME). With foreign keys on,
            # the DROP deletes every ON DELETE CASCADE child row (a case's trail, ratings, apologies …), so
            # they are off while migrating — set outside any transaction, where SQLite honours it — and the
            # result is checked before they are switched back on.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    _restore_search_triggers(connection)
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left rows whose foreign keys point nowhere: {broken[:5]}")
            if connection.in_transaction():  # the check's own read transaction (SQLite: DDL is not transactional)
                connection.commit()
        finally:
            if sqlite:
                if connection.in_transaction():
                    connection.rollback()
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
