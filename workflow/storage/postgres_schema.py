"""The workspace schema on PostgreSQL, as numbered migrations. Append only: a released one is never edited.

SQLite's fifteen migrations (workflow/storage/migrations.py) record how files made by older Tandems
got to today's schema, backfills included. A PostgreSQL workspace has no such past, so its first
migration is that schema's end state in PostgreSQL's words; changes from now on are appended here
and to migrations.py alike. The engine (workflow/storage/postgres_engine.py) runs each script once,
in a transaction under an advisory lock, and records it in tandem_schema.

What differs from SQLite, and why:

- Text that is compared or sorted (names, timestamps, hashes, the glossary's Korean) is COLLATE "C",
  so it orders byte for byte as SQLite's BINARY does, whatever locale the database was made with:
  ISO timestamps compare as text, and a copied workspace exports in the same order. The four texts
  searched without regard to case (a segment's Korean, a revision's English, a memory unit's two
  sides) keep the database's collation, under which ILIKE folds more than ASCII, as FTS5's trigram
  index did.
- pg_trgm's GIN indexes replace the FTS5 trigram tables: they find text inside Korean words and
  need no triggers to keep them.
- terms and audit_log get their ids from the code (next_term_id, and the hash chain, which hashes
  the id), so they have no identity: an insert that names no id is refused rather than numbered by
  a sequence that max(id) + 1 would run into. Every other id is an identity; after a copy that kept
  a workspace's ids, tandem_sync_identities() moves each sequence past them.
- The memory's pair is kept unique by the digests of its two texts: a B-tree entry holds at most
  2704 bytes, which a paragraph of Korean with its English can exceed; a hash index finds a pair's
  Korean, which has no such limit.
- History refuses TRUNCATE as well as UPDATE and DELETE (SQLite has no TRUNCATE).
- instr, group_concat and json_extract are SQLite's names for what the shared SQL calls.
"""

from __future__ import annotations

# Tables whose rows are history: (table, message, whether a delete is refused too). The messages are
# SQLite's; approvals and sign-offs refuse only updates there, and so here.
APPEND_ONLY = (
    ("revisions", "revisions are append-only", True),
    ("audit_log", "the audit log is append-only", True),
    ("term_revisions", "term revisions are append-only", True),
    ("approvals", "approvals are append-only", False),
    ("signoffs", "sign-offs are append-only", False),
    ("conflicts", "conflicts are append-only", True),
    ("conflict_resolutions", "conflict resolutions are append-only", True),
    ("assignments", "assignments are append-only", True),
    ("deadlines", "deadlines are append-only", True),
    ("publications", "publications are append-only", True),
)

# SQLite's trigger names, so an error names the same trigger on both engines.
_TRIGGER_PREFIX = {"audit_log": "audit"}


def _append_only_triggers() -> str:
    statements = []
    for table, message, deletes in APPEND_ONLY:
        prefix = _TRIGGER_PREFIX.get(table, table)
        quoted = "'" + message.replace("'", "''") + "'"
        if deletes:
            statements += [
                f"CREATE TRIGGER {prefix}_append_only_update BEFORE UPDATE ON {table}"
                f" FOR EACH ROW EXECUTE FUNCTION tandem_append_only({quoted});",
                f"CREATE TRIGGER {prefix}_append_only_delete BEFORE DELETE ON {table}"
                f" FOR EACH ROW EXECUTE FUNCTION tandem_append_only({quoted});",
                f"CREATE TRIGGER {prefix}_append_only_truncate BEFORE TRUNCATE ON {table}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION tandem_append_only({quoted});",
            ]
        else:
            statements.append(f"CREATE TRIGGER {prefix}_append_only BEFORE UPDATE ON {table}"
                              f" FOR EACH ROW EXECUTE FUNCTION tandem_append_only({quoted});")
    return "\n".join(statements)


ROLES = "'translator', 'editor', 'terminologist', 'admin'"

M001_WORKSPACE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- SQLite's functions that the shared SQL calls. instr is plain SQL over strpos, so the planner
-- inlines it; group_concat skips NULLs and gives NULL for none, as SQLite's does.
CREATE FUNCTION instr(haystack text, needle text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN strpos(haystack, needle);
CREATE FUNCTION tandem_group_concat_step(so_far text, value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN so_far || ',' || value;
CREATE AGGREGATE group_concat(text) (
    SFUNC = tandem_group_concat_step, STYPE = text,
    COMBINEFUNC = tandem_group_concat_step, PARALLEL = SAFE
);
-- The value at a path ('$.a.b', '$.a[0]') of a JSON text. Always text, where SQLite's gives a
-- number for a number: compare it with CAST(? AS TEXT), which both engines answer alike.
CREATE FUNCTION json_extract(document text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN document::jsonb #>> array_remove(
        string_to_array(regexp_replace(substr(path, 2), '\\[(\\d+)\\]', '.\\1', 'g'), '.'), '');

-- What the memory's unique pair is keyed on. convert_to is only STABLE (it reads the encoding
-- name), but a database's encoding never changes, so the digest of a text is fixed.
CREATE FUNCTION tandem_digest(value text) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN sha256(convert_to(value, 'UTF8'));

-- History is evidence: the database itself refuses to rewrite it, whatever the caller. The error
-- is an integrity violation (class 23), as SQLite's RAISE(ABORT) is a constraint error.
CREATE FUNCTION tandem_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'restrict_violation';
END
$$;

-- After rows were copied in with their ids (`tandem migrate-to`), each identity's next value is
-- past the largest id its table holds, so the next row the database numbers collides with none.
CREATE FUNCTION tandem_sync_identities() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    col record;
BEGIN
    FOR col IN SELECT c.relname AS tab, a.attname AS name
               FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
               WHERE c.relnamespace = current_schema()::regnamespace AND a.attidentity <> ''
    LOOP
        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) + 1, false) FROM %I',
                       quote_ident(col.tab), col.name, col.name, col.tab);
    END LOOP;
END
$$;

CREATE TABLE users (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name text COLLATE "C" NOT NULL UNIQUE,
    display_name text COLLATE "C" NOT NULL,
    created_at text COLLATE "C" NOT NULL,
    password_hash text COLLATE "C",
    disabled_at text COLLATE "C",
    demo integer NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
);
CREATE TABLE documents (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    title text COLLATE "C" NOT NULL,
    tags text COLLATE "C" NOT NULL DEFAULT '[]',
    source_name text COLLATE "C" NOT NULL,
    source_checksum text COLLATE "C" NOT NULL,
    source_encoding text COLLATE "C" NOT NULL,
    english_name text COLLATE "C",
    english_checksum text COLLATE "C",
    segmentation text COLLATE "C" NOT NULL CHECK (segmentation IN ('paragraph', 'sentence')),
    created_by bigint NOT NULL REFERENCES users(id),
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL
);
CREATE TABLE segments (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    position integer NOT NULL,
    block integer NOT NULL,
    kind text COLLATE "C" NOT NULL CHECK (kind IN ('title', 'heading', 'caption', 'paragraph')),
    source_text text NOT NULL,
    state text COLLATE "C" NOT NULL DEFAULT 'empty'
        CHECK (state IN ('empty', 'draft', 'translated', 'approved', 'rejected')),
    align_score double precision,
    align_note text COLLATE "C",
    locked integer NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    max_length integer CHECK (max_length IS NULL OR max_length >= 0),
    UNIQUE (document_id, position)
);
CREATE TABLE revisions (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    segment_id bigint NOT NULL REFERENCES segments(id),
    text text NOT NULL,
    author_id bigint NOT NULL REFERENCES users(id),
    role text COLLATE "C" NOT NULL CHECK (role IN (@ROLES@)),
    created_at text COLLATE "C" NOT NULL,
    parent_id bigint REFERENCES revisions(id),
    content_hash text COLLATE "C" NOT NULL,
    aside integer NOT NULL DEFAULT 0 CHECK (aside IN (0, 1)),
    merge_parent_id bigint REFERENCES revisions(id)
);
CREATE INDEX revisions_by_segment ON revisions (segment_id, id);
CREATE INDEX revisions_current ON revisions (segment_id, aside, id);
CREATE TABLE audit_log (
    id bigint PRIMARY KEY,
    at text COLLATE "C" NOT NULL,
    user_id bigint REFERENCES users(id),
    action text COLLATE "C" NOT NULL,
    document_id bigint REFERENCES documents(id),
    segment_id bigint REFERENCES segments(id),
    detail text COLLATE "C" NOT NULL DEFAULT '{}',
    prev_hash text COLLATE "C" NOT NULL DEFAULT '',
    hash text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_document ON audit_log (document_id, id);

CREATE TABLE terms (
    id bigint PRIMARY KEY,
    created_by bigint NOT NULL REFERENCES users(id),
    created_at text COLLATE "C" NOT NULL
);
CREATE TABLE term_revisions (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    term_id bigint NOT NULL REFERENCES terms(id),
    ko text COLLATE "C" NOT NULL,
    en text COLLATE "C" NOT NULL,
    ko_variants text COLLATE "C" NOT NULL DEFAULT '[]',
    en_variants text COLLATE "C" NOT NULL DEFAULT '[]',
    en_forbidden text COLLATE "C" NOT NULL DEFAULT '[]',
    pos text COLLATE "C" NOT NULL DEFAULT '',
    domain text COLLATE "C" NOT NULL DEFAULT '',
    note text COLLATE "C" NOT NULL DEFAULT '',
    status text COLLATE "C" NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'deprecated')),
    case_sensitive integer NOT NULL DEFAULT 0 CHECK (case_sensitive IN (0, 1)),
    author_id bigint NOT NULL REFERENCES users(id),
    role text COLLATE "C" NOT NULL CHECK (role IN (@ROLES@)),
    created_at text COLLATE "C" NOT NULL,
    reason text COLLATE "C" NOT NULL,
    parent_id bigint REFERENCES term_revisions(id),
    one_rendering integer NOT NULL DEFAULT 0 CHECK (one_rendering IN (0, 1))
);
CREATE INDEX term_revisions_by_term ON term_revisions (term_id, id);

CREATE TABLE dismissals (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    segment_id bigint NOT NULL REFERENCES segments(id),
    finding_key text COLLATE "C" NOT NULL,
    check_id text COLLATE "C" NOT NULL,
    text_hash text COLLATE "C" NOT NULL,
    user_id bigint NOT NULL REFERENCES users(id),
    reason text COLLATE "C" NOT NULL,
    created_at text COLLATE "C" NOT NULL
);
CREATE INDEX dismissals_by_segment ON dismissals (segment_id, text_hash);
CREATE TABLE comments (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    segment_id bigint NOT NULL REFERENCES segments(id),
    author_id bigint NOT NULL REFERENCES users(id),
    kind text COLLATE "C" NOT NULL CHECK (kind IN ('note', 'query')),
    text text COLLATE "C" NOT NULL,
    created_at text COLLATE "C" NOT NULL,
    resolved_by bigint REFERENCES users(id),
    resolved_at text COLLATE "C",
    parent_id bigint REFERENCES comments(id)
);
CREATE INDEX comments_by_segment ON comments (segment_id, id);
CREATE INDEX comments_by_parent ON comments (parent_id);

CREATE TABLE approvals (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    segment_id bigint NOT NULL REFERENCES segments(id),
    revision_id bigint NOT NULL REFERENCES revisions(id),
    user_id bigint NOT NULL REFERENCES users(id),
    role text COLLATE "C" NOT NULL CHECK (role IN (@ROLES@)),
    created_at text COLLATE "C" NOT NULL
);
CREATE INDEX approvals_by_segment ON approvals (segment_id, id);
CREATE TABLE signoffs (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    user_id bigint NOT NULL REFERENCES users(id),
    role text COLLATE "C" NOT NULL CHECK (role IN ('translator', 'editor')),
    created_at text COLLATE "C" NOT NULL,
    content_hash text COLLATE "C" NOT NULL,
    revisions text COLLATE "C" NOT NULL
);
CREATE INDEX signoffs_by_document ON signoffs (document_id, id);

CREATE TABLE tm_units (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    source_text text NOT NULL,
    target_text text NOT NULL,
    document_id bigint REFERENCES documents(id),
    segment_id bigint REFERENCES segments(id),
    author text COLLATE "C" NOT NULL DEFAULT '',
    approver text COLLATE "C" NOT NULL DEFAULT '',
    created_at text COLLATE "C" NOT NULL,
    origin text COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX tm_units_pair ON tm_units (tandem_digest(source_text), tandem_digest(target_text));
CREATE INDEX tm_units_by_source ON tm_units USING hash (source_text);

CREATE TABLE document_interchange (
    document_id bigint PRIMARY KEY REFERENCES documents(id),
    format text COLLATE "C" NOT NULL CHECK (format IN ('xliff12', 'xliff2')),
    version text COLLATE "C" NOT NULL,
    source_lang text COLLATE "C" NOT NULL,
    target_lang text COLLATE "C",
    original text COLLATE "C" NOT NULL
);
CREATE TABLE segment_interchange (
    segment_id bigint PRIMARY KEY REFERENCES segments(id),
    unit_id text COLLATE "C" NOT NULL,
    codes text COLLATE "C" NOT NULL DEFAULT '[]',
    file_state text COLLATE "C"
);
CREATE TABLE file_authors (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    revision_id bigint UNIQUE REFERENCES revisions(id),
    comment_id bigint UNIQUE REFERENCES comments(id),
    name text COLLATE "C" NOT NULL,
    CHECK ((revision_id IS NULL) <> (comment_id IS NULL))
);

CREATE TABLE conflicts (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    segment_id bigint NOT NULL REFERENCES segments(id),
    base_id bigint REFERENCES revisions(id),
    theirs_id bigint NOT NULL REFERENCES revisions(id),
    mine_id bigint NOT NULL REFERENCES revisions(id),
    opened_by bigint NOT NULL REFERENCES users(id),
    opened_at text COLLATE "C" NOT NULL
);
CREATE INDEX conflicts_by_segment ON conflicts (segment_id, id);
CREATE TABLE conflict_resolutions (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    conflict_id bigint NOT NULL UNIQUE REFERENCES conflicts(id),
    revision_id bigint NOT NULL REFERENCES revisions(id),
    resolved_by bigint NOT NULL REFERENCES users(id),
    resolved_at text COLLATE "C" NOT NULL
);

CREATE TABLE os_logins (
    login text COLLATE "C" PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users(id),
    mapped_by bigint REFERENCES users(id),
    mapped_at text COLLATE "C" NOT NULL
);
CREATE INDEX os_logins_by_user ON os_logins (user_id);
CREATE TABLE invitations (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users(id),
    code_hash text COLLATE "C" NOT NULL,
    created_by bigint NOT NULL REFERENCES users(id),
    created_at text COLLATE "C" NOT NULL,
    expires_at text COLLATE "C" NOT NULL,
    used_at text COLLATE "C"
);
CREATE INDEX invitations_by_user ON invitations (user_id);

-- A context is a word or a sentence window of at most about 400 characters
-- (glossaries/morphology.py), well inside a B-tree entry, so the key holds the text itself.
CREATE TABLE word_decisions (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind text COLLATE "C" NOT NULL CHECK (kind IN ('compound', 'noun')),
    context text COLLATE "C" NOT NULL,
    span_start integer NOT NULL,
    span_end integer NOT NULL,
    version integer NOT NULL,
    answer integer NOT NULL CHECK (answer IN (0, 1))
);
CREATE UNIQUE INDEX word_decisions_key ON word_decisions (context, span_start, span_end, kind, version);
CREATE TABLE word_decision_sweeps (
    version integer PRIMARY KEY,
    swept_at text COLLATE "C" NOT NULL
);
-- A new workspace holds no Korean, so no word has a decision to make: it is swept, as SQLite's
-- migration 12 marks it, and imports keep it so (a copy brings its own rows instead: migrate-to).
INSERT INTO word_decision_sweeps (version, swept_at)
    VALUES (1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));

CREATE TABLE serve_tickets (
    token_hash text COLLATE "C" PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users(id),
    expires_at text COLLATE "C" NOT NULL
);

CREATE TABLE interchange_files (
    document_id bigint PRIMARY KEY REFERENCES documents(id),
    data bytea NOT NULL
);

CREATE TABLE user_roles (
    user_id bigint NOT NULL REFERENCES users(id),
    role text COLLATE "C" NOT NULL CHECK (role IN (@ROLES@, 'desk')),
    PRIMARY KEY (user_id, role)
);
CREATE TABLE assignments (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    role text COLLATE "C" NOT NULL CHECK (role IN ('translator', 'editor')),
    user_id bigint REFERENCES users(id),
    assigned_by bigint REFERENCES users(id),
    assigned_at text COLLATE "C" NOT NULL
);
CREATE INDEX assignments_by_document ON assignments (document_id, role, id);
CREATE TABLE deadlines (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    due_at text COLLATE "C",
    priority text COLLATE "C" NOT NULL DEFAULT 'normal' CHECK (priority IN ('breaking', 'normal', 'feature')),
    set_by bigint REFERENCES users(id),
    set_at text COLLATE "C" NOT NULL
);
CREATE INDEX deadlines_by_document ON deadlines (document_id, id);
CREATE TABLE notifications (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users(id),
    kind text COLLATE "C" NOT NULL,
    document_id bigint REFERENCES documents(id),
    segment_id bigint REFERENCES segments(id),
    detail text COLLATE "C" NOT NULL DEFAULT '{}',
    created_at text COLLATE "C" NOT NULL,
    seen_at text COLLATE "C"
);
CREATE INDEX notifications_by_user ON notifications (user_id, seen_at, id);
CREATE TABLE publications (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    published_by bigint NOT NULL REFERENCES users(id),
    published_at text COLLATE "C" NOT NULL,
    revisions text COLLATE "C" NOT NULL,
    content_hash text COLLATE "C" NOT NULL,
    correction text COLLATE "C"
);
CREATE INDEX publications_by_document ON publications (document_id, id);

-- Substring search (ILIKE) inside Korean words, and the memory's fuzzy lookup. A text of three
-- characters or more narrows the rows to read; under three there is no trigram, so the whole index
-- matches and every row is rechecked, which is why the shared SQL scans for those instead.
CREATE INDEX segments_source_trgm ON segments USING gin (source_text gin_trgm_ops);
CREATE INDEX revisions_text_trgm ON revisions USING gin (text gin_trgm_ops);
CREATE INDEX tm_units_source_trgm ON tm_units USING gin (source_text gin_trgm_ops);
CREATE INDEX tm_units_target_trgm ON tm_units USING gin (target_text gin_trgm_ops);
""".replace("@ROLES@", ROLES) + _append_only_triggers() + "\n"

MIGRATIONS: tuple[str, ...] = (M001_WORKSPACE,)
from workflow.storage.postgres_identity import M002_IDENTITY  # noqa: E402 - identity the database checks
MIGRATIONS += (M002_IDENTITY,)
