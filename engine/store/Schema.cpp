#include "store/Schema.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet::schema {

// Times are INTEGER milliseconds since the epoch (UTC). JSON documents are
// TEXT. Every table of the store carries its environment.
const QList<QList<Step>> &migrations()
{
    using Only = Step::Only;
    static const QList<QList<Step>> all = {
        {
            // --- configuration ---
            u"CREATE TABLE environments (key TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE sources (key TEXT PRIMARY KEY, name TEXT NOT NULL, template TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0)"_s,
            // One row per (source, environment); `config` is the JSON object of SPEC 11
            // (token, settings, mappings) as the user wrote it, `token`/`write_key`/`api_key`
            // are copied out for lookup.
            u"CREATE TABLE source_configs (source TEXT NOT NULL, env TEXT NOT NULL, token TEXT NOT NULL UNIQUE,"
            " write_key TEXT, api_key TEXT, config TEXT NOT NULL, updated_at INTEGER NOT NULL,"
            " PRIMARY KEY (source, env))"_s,
            u"CREATE UNIQUE INDEX source_configs_write_key ON source_configs(write_key) WHERE write_key IS NOT NULL"_s,
            u"CREATE UNIQUE INDEX source_configs_api_key ON source_configs(api_key) WHERE api_key IS NOT NULL"_s,
            u"CREATE TABLE workflows (env TEXT NOT NULL, key TEXT NOT NULL, name TEXT, PRIMARY KEY (env, key))"_s,
            // Bumped on every configuration change so running engines reload.
            u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
            u"INSERT INTO meta (key, value) VALUES ('config_version', '0')"_s,

            // --- logs ---
            u"CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, received_at INTEGER NOT NULL,"
            " env TEXT NOT NULL, source TEXT NOT NULL, origin TEXT NOT NULL, event_type TEXT, timestamp TEXT,"
            " idempotency_key TEXT, verification_status TEXT NOT NULL, verification_reason TEXT,"
            " status TEXT NOT NULL, status_detail TEXT, method TEXT, path TEXT, query TEXT, headers TEXT NOT NULL,"
            " body BLOB, raw_body BLOB, content_encoding TEXT, preprocess_output TEXT, remote_address TEXT,"
            " size INTEGER NOT NULL DEFAULT 0, processing_ms REAL, replay_of TEXT, processed_at INTEGER)"_s,
            u"CREATE INDEX events_env ON events(env, seq)"_s,
            u"CREATE INDEX events_env_source ON events(env, source, seq)"_s,
            u"CREATE INDEX events_env_status ON events(env, status, seq)"_s,
            u"CREATE INDEX events_env_type ON events(env, event_type, seq)"_s,
            u"CREATE INDEX events_received ON events(received_at)"_s,
            // The processor's queue: events stored but not yet processed.
            u"CREATE INDEX events_pending ON events(seq) WHERE status = 'accepted'"_s,

            u"CREATE TABLE actions (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, event_id TEXT NOT NULL,"
            " env TEXT NOT NULL, source TEXT NOT NULL, event_type TEXT, action_type TEXT NOT NULL,"
            " mapping_index INTEGER, action_parameters TEXT, action_payload TEXT, action_result TEXT,"
            " status TEXT NOT NULL, error TEXT, error_parameter TEXT, executed_at INTEGER NOT NULL,"
            " duration_us INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE INDEX actions_event ON actions(event_id)"_s,
            u"CREATE INDEX actions_env ON actions(env, seq)"_s,
            u"CREATE INDEX actions_executed ON actions(executed_at)"_s,

            // Only processed events are recorded for replay (SPEC 10.3).
            u"CREATE TABLE idempotency (env TEXT NOT NULL, source TEXT NOT NULL, event_type TEXT NOT NULL,"
            " key TEXT NOT NULL, event_id TEXT NOT NULL, processed_at INTEGER NOT NULL,"
            " PRIMARY KEY (env, source, event_type, key))"_s,

            // --- the store (SPEC 9) ---
            u"CREATE TABLE users (env TEXT NOT NULL, id TEXT NOT NULL, name TEXT, email TEXT, phone_number TEXT,"
            " avatar TEXT, locale TEXT, timezone TEXT, properties TEXT NOT NULL DEFAULT '{}',"
            " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, updated_by_event TEXT,"
            " PRIMARY KEY (env, id))"_s,
            u"CREATE TABLE objects (env TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, name TEXT,"
            " properties TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
            " updated_by_event TEXT, PRIMARY KEY (env, collection, id))"_s,
            u"CREATE TABLE tenants (env TEXT NOT NULL, id TEXT NOT NULL, name TEXT,"
            " properties TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
            " updated_by_event TEXT, PRIMARY KEY (env, id))"_s,
            // recipient_collection is '' for a user recipient.
            u"CREATE TABLE subscriptions (env TEXT NOT NULL, collection TEXT NOT NULL, object_id TEXT NOT NULL,"
            " recipient_collection TEXT NOT NULL DEFAULT '', recipient_id TEXT NOT NULL,"
            " properties TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL, updated_by_event TEXT,"
            " PRIMARY KEY (env, collection, object_id, recipient_collection, recipient_id))"_s,
            u"CREATE TABLE audiences (env TEXT NOT NULL, key TEXT NOT NULL, created_at INTEGER NOT NULL,"
            " updated_by_event TEXT, PRIMARY KEY (env, key))"_s,
            // tenant is '' when the membership has no tenant.
            u"CREATE TABLE audience_members (env TEXT NOT NULL, audience TEXT NOT NULL, user_id TEXT NOT NULL,"
            " tenant TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, updated_by_event TEXT,"
            " PRIMARY KEY (env, audience, user_id, tenant))"_s,
            u"CREATE TABLE workflow_runs (env TEXT NOT NULL, id TEXT NOT NULL, workflow TEXT NOT NULL,"
            " recipients TEXT NOT NULL, actor TEXT, tenant TEXT, data TEXT, cancellation_key TEXT,"
            " status TEXT NOT NULL, created_at INTEGER NOT NULL, cancelled_at INTEGER, event_id TEXT,"
            " PRIMARY KEY (env, id))"_s,
            u"CREATE INDEX workflow_runs_cancel ON workflow_runs(env, workflow, cancellation_key)"_s,

            // --- PostgreSQL only: the body as JSONB for path filters (`--where`) ---
            // A body that is not JSON (a rejected request) has no JSONB copy;
            // the cast's error is caught here because a generated column
            // cannot catch it and the insert must not fail.
            {u"CREATE FUNCTION inlet_jsonb(t TEXT) RETURNS JSONB LANGUAGE plpgsql IMMUTABLE AS $$"
             " BEGIN RETURN t::jsonb; EXCEPTION WHEN others THEN RETURN NULL; END $$"_s,
             Only::Postgres},
            {u"CREATE FUNCTION inlet_jsonb(b BYTEA) RETURNS JSONB LANGUAGE plpgsql IMMUTABLE AS $$"
             " BEGIN RETURN convert_from(b, 'UTF8')::jsonb; EXCEPTION WHEN others THEN RETURN NULL; END $$"_s,
             Only::Postgres},
            {u"ALTER TABLE events ADD COLUMN body_json JSONB GENERATED ALWAYS AS (inlet_jsonb(body)) STORED"_s,
             Only::Postgres},
            // Containment (`@>`) narrows a path filter to candidate rows through this index.
            {u"CREATE INDEX events_body_json ON events USING GIN (body_json jsonb_path_ops)"_s, Only::Postgres},
        },
        {
            // Why a preprocess script produced no output (error or time-out).
            u"ALTER TABLE events ADD COLUMN preprocess_error TEXT"_s,
        },
        {
            // A word index of the event bodies for text search (FTS5 with
            // external content: the bodies are not stored twice). SearchIndex
            // fills it behind ingestion, up to meta 'fts_indexed_seq'.
            // SQLite only: PostgreSQL searches the body bytes directly.
            {u"CREATE VIRTUAL TABLE events_fts USING fts5(body, content='events', content_rowid='seq', detail=column)"_s,
             Only::Sqlite},
            {u"INSERT INTO meta (key, value) VALUES ('fts_indexed_seq', '0')"_s, Only::Sqlite},
            // PostgreSQL: a trigram index of the body text answers substring
            // search (LIKE '%text%'). pg_trgm ships with PostgreSQL but creating
            // it needs the CREATE privilege on the database: without it there
            // is no index and search reads every body (same results, slower).
            {u"CREATE FUNCTION inlet_text(b BYTEA) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$"
             " BEGIN RETURN convert_from(b, 'UTF8'); EXCEPTION WHEN others THEN RETURN NULL; END $$"_s,
             Only::Postgres},
            {u"DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;"
             " EXCEPTION WHEN others THEN RAISE NOTICE 'pg_trgm unavailable: %', SQLERRM; END $$"_s,
             Only::Postgres},
            {u"DO $$ DECLARE s name; BEGIN"
             " SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
             " WHERE e.extname = 'pg_trgm';"
             " IF s IS NOT NULL THEN"
             " EXECUTE format('CREATE INDEX events_body_trgm ON events USING GIN (inlet_text(body) %I.gin_trgm_ops)', "
             "s);"
             " END IF; END $$"_s,
             Only::Postgres},
        },
        {
            // Headers and body in a table of their own: processing updates an
            // event's status, which rewrote the whole row, and a row's
            // overflow pages with it (the body a second time per event, plus
            // PostgreSQL's JSONB copy computed again). Rows keep their seq.
            {u"CREATE TABLE event_bodies (seq INTEGER NOT NULL PRIMARY KEY, headers TEXT NOT NULL, body BLOB,"
             " raw_body BLOB)"_s,
             Only::Sqlite},
            {u"CREATE TABLE event_bodies (seq INTEGER NOT NULL PRIMARY KEY, headers TEXT NOT NULL, body BLOB,"
             " raw_body BLOB, body_json JSONB GENERATED ALWAYS AS (inlet_jsonb(body)) STORED)"_s,
             Only::Postgres},
            u"INSERT INTO event_bodies (seq, headers, body, raw_body) SELECT seq, headers, body, raw_body FROM events"_s,
            // SQLite: the word index names its content table, so it is made
            // again and refilled behind ingestion from the start.
            {u"DROP TABLE events_fts"_s, Only::Sqlite},
            {u"CREATE VIRTUAL TABLE events_fts USING fts5(body, content='event_bodies', content_rowid='seq',"
             " detail=column)"_s,
             Only::Sqlite},
            {u"UPDATE meta SET value = '0' WHERE key = 'fts_indexed_seq'"_s, Only::Sqlite},
            // SQLite drops a column by rewriting the table, once per column:
            // the table is rewritten once instead.
            {u"CREATE TABLE events_narrow (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
             " received_at INTEGER NOT NULL, env TEXT NOT NULL, source TEXT NOT NULL, origin TEXT NOT NULL,"
             " event_type TEXT, timestamp TEXT, idempotency_key TEXT, verification_status TEXT NOT NULL,"
             " verification_reason TEXT, status TEXT NOT NULL, status_detail TEXT, method TEXT, path TEXT,"
             " query TEXT, content_encoding TEXT, preprocess_output TEXT, remote_address TEXT,"
             " size INTEGER NOT NULL DEFAULT 0, processing_ms REAL, replay_of TEXT, processed_at INTEGER,"
             " preprocess_error TEXT)"_s,
             Only::Sqlite},
            {u"INSERT INTO events_narrow SELECT seq, id, received_at, env, source, origin, event_type, timestamp,"
             " idempotency_key, verification_status, verification_reason, status, status_detail, method, path,"
             " query, content_encoding, preprocess_output, remote_address, size, processing_ms, replay_of,"
             " processed_at, preprocess_error FROM events"_s,
             Only::Sqlite},
            {u"DROP TABLE events"_s, Only::Sqlite},
            {u"ALTER TABLE events_narrow RENAME TO events"_s, Only::Sqlite},
            {u"CREATE INDEX events_env ON events(env, seq)"_s, Only::Sqlite},
            {u"CREATE INDEX events_env_source ON events(env, source, seq)"_s, Only::Sqlite},
            {u"CREATE INDEX events_env_status ON events(env, status, seq)"_s, Only::Sqlite},
            {u"CREATE INDEX events_env_type ON events(env, event_type, seq)"_s, Only::Sqlite},
            {u"CREATE INDEX events_received ON events(received_at)"_s, Only::Sqlite},
            {u"CREATE INDEX events_pending ON events(seq) WHERE status = 'accepted'"_s, Only::Sqlite},
            // SQLite: the idempotency table keyed by its primary key alone
            // (WITHOUT ROWID): a processed event wrote its key twice, in the
            // table and in the key's index.
            {u"CREATE TABLE idempotency_keyed (env TEXT NOT NULL, source TEXT NOT NULL, event_type TEXT NOT NULL,"
             " key TEXT NOT NULL, event_id TEXT NOT NULL, processed_at INTEGER NOT NULL,"
             " PRIMARY KEY (env, source, event_type, key)) WITHOUT ROWID"_s,
             Only::Sqlite},
            {u"INSERT INTO idempotency_keyed SELECT env, source, event_type, key, event_id, processed_at"
             " FROM idempotency"_s,
             Only::Sqlite},
            {u"DROP TABLE idempotency"_s, Only::Sqlite},
            {u"ALTER TABLE idempotency_keyed RENAME TO idempotency"_s, Only::Sqlite},
            // Keys past the longest window are deleted hourly (IdempotencyKeys).
            u"CREATE INDEX idempotency_processed ON idempotency(processed_at)"_s,
            // PostgreSQL drops columns without a rewrite; their indexes
            // (JSONB containment, trigrams) go with them and are made again
            // on the new table.
            {u"ALTER TABLE events DROP COLUMN body_json, DROP COLUMN headers, DROP COLUMN body,"
             " DROP COLUMN raw_body"_s,
             Only::Postgres},
            {u"CREATE INDEX event_bodies_json ON event_bodies USING GIN (body_json jsonb_path_ops)"_s, Only::Postgres},
            {u"DO $$ DECLARE s name; BEGIN"
             " SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
             " WHERE e.extname = 'pg_trgm';"
             " IF s IS NOT NULL THEN"
             " EXECUTE format('CREATE INDEX event_bodies_trgm ON event_bodies USING GIN (inlet_text(body) "
             "%I.gin_trgm_ops)', s);"
             " END IF; END $$"_s,
             Only::Postgres},
        },
        {
            // An action's payload members copied whole from its event's body
            // are logged by reference to it: {member: body path}
            // (ActionRecord::payloadFromBody).
            u"ALTER TABLE actions ADD COLUMN payload_from_body TEXT"_s,
        },
        {
            // A run's data copied whole from its event's body, and long, is
            // kept as {body path} until retention deletes the body, which
            // copies it into `data` first (EventLog::deleteOlderThan finds
            // those runs through the partial index).
            u"ALTER TABLE workflow_runs ADD COLUMN data_from_body TEXT"_s,
            u"CREATE INDEX workflow_runs_from_body ON workflow_runs(event_id) WHERE data_from_body IS NOT NULL"_s,
        },
    };
    return all;
}

} // namespace inlet::schema
