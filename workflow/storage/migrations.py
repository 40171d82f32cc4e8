"""Numbered schema migrations. Append only: a released migration is never edited.

PRAGMA user_version records how many have been applied; each script runs in its own transaction
together with the user_version bump, so a failed migration leaves the file as it was.
"""

from __future__ import annotations

ROLES_CHECK = "role IN ('translator', 'editor', 'terminologist', 'admin')"
KINDS_CHECK = "kind IN ('title', 'heading', 'caption', 'paragraph')"
STATES_CHECK = "state IN ('empty', 'draft', 'translated', 'approved', 'rejected')"


M001_CORE = f"""
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE user_roles (
            user_id INTEGER NOT NULL REFERENCES users(id),
            role TEXT NOT NULL CHECK ({ROLES_CHECK}),
            PRIMARY KEY (user_id, role)
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]',
            source_name TEXT NOT NULL,
            source_checksum TEXT NOT NULL,
            source_encoding TEXT NOT NULL,
            english_name TEXT,
            english_checksum TEXT,
            segmentation TEXT NOT NULL CHECK (segmentation IN ('paragraph', 'sentence')),
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            block INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK ({KINDS_CHECK}),
            source_text TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'empty' CHECK ({STATES_CHECK}),
            align_score REAL,
            align_note TEXT,
            UNIQUE (document_id, position)
        );
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segments(id),
            text TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES users(id),
            role TEXT NOT NULL CHECK ({ROLES_CHECK}),
            created_at TEXT NOT NULL,
            parent_id INTEGER REFERENCES revisions(id),
            content_hash TEXT NOT NULL
        );
        CREATE INDEX revisions_by_segment ON revisions (segment_id, id);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_id INTEGER REFERENCES users(id),
            action TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id),
            segment_id INTEGER REFERENCES segments(id),
            detail TEXT NOT NULL DEFAULT '{{}}'
        );
        CREATE INDEX audit_by_document ON audit_log (document_id, id);
        -- History is evidence: the database itself refuses to rewrite it, whatever the caller.
        CREATE TRIGGER revisions_append_only_update BEFORE UPDATE ON revisions
            BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
        CREATE TRIGGER revisions_append_only_delete BEFORE DELETE ON revisions
            BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
        CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

TERM_STATUS_CHECK = "status IN ('proposed', 'approved', 'rejected', 'deprecated')"

# A term is its revisions: the newest is the entry as it stands; every change says who and why.
M002_GLOSSARY = f"""
        CREATE TABLE terms (
            id INTEGER PRIMARY KEY,
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL
        );
        CREATE TABLE term_revisions (
            id INTEGER PRIMARY KEY,
            term_id INTEGER NOT NULL REFERENCES terms(id),
            ko TEXT NOT NULL,
            en TEXT NOT NULL,
            ko_variants TEXT NOT NULL DEFAULT '[]',
            en_variants TEXT NOT NULL DEFAULT '[]',
            en_forbidden TEXT NOT NULL DEFAULT '[]',
            pos TEXT NOT NULL DEFAULT '',
            domain TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK ({TERM_STATUS_CHECK}),
            case_sensitive INTEGER NOT NULL DEFAULT 0 CHECK (case_sensitive IN (0, 1)),
            author_id INTEGER NOT NULL REFERENCES users(id),
            role TEXT NOT NULL CHECK ({ROLES_CHECK}),
            created_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            parent_id INTEGER REFERENCES term_revisions(id)
        );
        CREATE INDEX term_revisions_by_term ON term_revisions (term_id, id);
        CREATE TRIGGER term_revisions_append_only_update BEFORE UPDATE ON term_revisions
            BEGIN SELECT RAISE(ABORT, 'term revisions are append-only'); END;
        CREATE TRIGGER term_revisions_append_only_delete BEFORE DELETE ON term_revisions
            BEGIN SELECT RAISE(ABORT, 'term revisions are append-only'); END;
"""

# A dismissal holds while the texts it was made for are unchanged (text_hash of source + target).
M003_REVIEW = """
        CREATE TABLE dismissals (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segments(id),
            finding_key TEXT NOT NULL,
            check_id TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX dismissals_by_segment ON dismissals (segment_id, text_hash);
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segments(id),
            author_id INTEGER NOT NULL REFERENCES users(id),
            kind TEXT NOT NULL CHECK (kind IN ('note', 'query')),
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            resolved_by INTEGER REFERENCES users(id),
            resolved_at TEXT
        );
        CREATE INDEX comments_by_segment ON comments (segment_id, id);
"""

# Approvals and sign-offs name exactly what they bound: a revision, or the document's texts by hash.
# Validity is computed (the bound text is still the current text), never stored, so it cannot drift.
M004_SIGNOFF = f"""
        CREATE TABLE approvals (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segments(id),
            revision_id INTEGER NOT NULL REFERENCES revisions(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            role TEXT NOT NULL CHECK ({ROLES_CHECK}),
            created_at TEXT NOT NULL
        );
        CREATE INDEX approvals_by_segment ON approvals (segment_id, id);
        CREATE TABLE signoffs (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            role TEXT NOT NULL CHECK (role IN ('translator', 'editor')),
            created_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            revisions TEXT NOT NULL
        );
        CREATE INDEX signoffs_by_document ON signoffs (document_id, id);
        CREATE TRIGGER approvals_append_only BEFORE UPDATE ON approvals
            BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;
        CREATE TRIGGER signoffs_append_only BEFORE UPDATE ON signoffs
            BEGIN SELECT RAISE(ABORT, 'sign-offs are append-only'); END;
"""

# Translation memory: one row per distinct Korean/English pair. People are stored as names, not
# user ids, because imported units come from translators who were never users of this workspace.
# The trigram FTS5 index (external content, kept by triggers in the writer's own transaction)
# finds Korean inside words and gives the fuzzy lookup its candidates.
M005_TM = """
        CREATE TABLE tm_units (
            id INTEGER PRIMARY KEY,
            source_text TEXT NOT NULL,
            target_text TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id),
            segment_id INTEGER REFERENCES segments(id),
            author TEXT NOT NULL DEFAULT '',
            approver TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            origin TEXT NOT NULL
        );
        CREATE UNIQUE INDEX tm_units_pair ON tm_units (source_text, target_text);
        CREATE VIRTUAL TABLE tm_fts USING fts5(
            source_text, target_text, content='tm_units', content_rowid='id', tokenize='trigram'
        );
        CREATE TRIGGER tm_units_ai AFTER INSERT ON tm_units BEGIN
            INSERT INTO tm_fts (rowid, source_text, target_text)
                VALUES (new.id, new.source_text, new.target_text);
        END;
        CREATE TRIGGER tm_units_ad AFTER DELETE ON tm_units BEGIN
            INSERT INTO tm_fts (tm_fts, rowid, source_text, target_text)
                VALUES ('delete', old.id, old.source_text, old.target_text);
        END;
        CREATE TRIGGER tm_units_au AFTER UPDATE OF source_text, target_text ON tm_units BEGIN
            INSERT INTO tm_fts (tm_fts, rowid, source_text, target_text)
                VALUES ('delete', old.id, old.source_text, old.target_text);
            INSERT INTO tm_fts (rowid, source_text, target_text)
                VALUES (new.id, new.source_text, new.target_text);
        END;
"""

# What an imported XLIFF file needs to be written back faithfully: the file's identity per document,
# the unit id, inline codes (tokens in the text stand for them) and the file's own state word per
# segment, and the names of authors in the file who are not users here (revision or comment).
M006_INTERCHANGE = """
        CREATE TABLE document_interchange (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            format TEXT NOT NULL CHECK (format IN ('xliff12', 'xliff2')),
            version TEXT NOT NULL,
            source_lang TEXT NOT NULL,
            target_lang TEXT,
            original TEXT NOT NULL
        );
        CREATE TABLE segment_interchange (
            segment_id INTEGER PRIMARY KEY REFERENCES segments(id),
            unit_id TEXT NOT NULL,
            codes TEXT NOT NULL DEFAULT '[]',
            file_state TEXT
        );
        CREATE TABLE file_authors (
            id INTEGER PRIMARY KEY,
            revision_id INTEGER UNIQUE REFERENCES revisions(id),
            comment_id INTEGER UNIQUE REFERENCES comments(id),
            name TEXT NOT NULL,
            CHECK ((revision_id IS NULL) <> (comment_id IS NULL))
        );
"""

# Concurrent saves (workflow/editing.py, workflow/merge.py). A save based on an older revision keeps
# the saver's text as an "aside" revision (kept, never the segment's current text), then either a
# merge revision naming both parents, or a conflict naming base, theirs and mine. A resolution is a
# new row; whether a conflict is open is computed from the rows, never stored as a flag to update.
# base_id is NULL when both people began typing into a segment that had no text yet (EMPTY_BASE).
M007_CONFLICTS = """
        ALTER TABLE revisions ADD COLUMN aside INTEGER NOT NULL DEFAULT 0 CHECK (aside IN (0, 1));
        ALTER TABLE revisions ADD COLUMN merge_parent_id INTEGER REFERENCES revisions(id);
        CREATE INDEX revisions_current ON revisions (segment_id, aside, id);
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segments(id),
            base_id INTEGER REFERENCES revisions(id),
            theirs_id INTEGER NOT NULL REFERENCES revisions(id),
            mine_id INTEGER NOT NULL REFERENCES revisions(id),
            opened_by INTEGER NOT NULL REFERENCES users(id),
            opened_at TEXT NOT NULL
        );
        CREATE INDEX conflicts_by_segment ON conflicts (segment_id, id);
        CREATE TABLE conflict_resolutions (
            id INTEGER PRIMARY KEY,
            conflict_id INTEGER NOT NULL UNIQUE REFERENCES conflicts(id),
            revision_id INTEGER NOT NULL REFERENCES revisions(id),
            resolved_by INTEGER NOT NULL REFERENCES users(id),
            resolved_at TEXT NOT NULL
        );
        CREATE TRIGGER conflicts_append_only_update BEFORE UPDATE ON conflicts
            BEGIN SELECT RAISE(ABORT, 'conflicts are append-only'); END;
        CREATE TRIGGER conflicts_append_only_delete BEFORE DELETE ON conflicts
            BEGIN SELECT RAISE(ABORT, 'conflicts are append-only'); END;
        CREATE TRIGGER conflict_resolutions_append_only_update BEFORE UPDATE ON conflict_resolutions
            BEGIN SELECT RAISE(ABORT, 'conflict resolutions are append-only'); END;
        CREATE TRIGGER conflict_resolutions_append_only_delete BEFORE DELETE ON conflict_resolutions
            BEGIN SELECT RAISE(ABORT, 'conflict resolutions are append-only'); END;
"""

# The audit log becomes a hash chain (workflow/audit.py). Entries written before this migration are
# chained now, in id order, by tandem_audit_hash (a Python function every connection registers);
# the append-only trigger is lifted only for that one backfill, inside this transaction.
M008_AUDIT_CHAIN = """
        ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
        ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
        CREATE TEMP TABLE audit_order (
            n INTEGER PRIMARY KEY, id INTEGER, at TEXT, user_id INTEGER, action TEXT,
            document_id INTEGER, segment_id INTEGER, detail TEXT
        );
        INSERT INTO audit_order
            SELECT ROW_NUMBER() OVER (ORDER BY id), id, at, user_id, action, document_id, segment_id, detail
            FROM audit_log;
        CREATE TEMP TABLE audit_hashes AS
            WITH RECURSIVE chain (n, id, prev, h) AS (
                SELECT n, id, '', tandem_audit_hash('', id, at, user_id, action, document_id, segment_id, detail)
                    FROM audit_order WHERE n = 1
                UNION ALL
                SELECT o.n, o.id, c.h,
                       tandem_audit_hash(c.h, o.id, o.at, o.user_id, o.action, o.document_id, o.segment_id, o.detail)
                    FROM chain c JOIN audit_order o ON o.n = c.n + 1
            )
            SELECT id, prev, h FROM chain;
        CREATE INDEX audit_hashes_by_id ON audit_hashes (id);
        DROP TRIGGER audit_append_only_update;
        UPDATE audit_log SET
            prev_hash = (SELECT prev FROM audit_hashes WHERE audit_hashes.id = audit_log.id),
            hash = (SELECT h FROM audit_hashes WHERE audit_hashes.id = audit_log.id);
        CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        DROP TABLE audit_order;
        DROP TABLE audit_hashes;
"""

# Queries become threads (DESIGN §2: the editor asks, the translator answers, either closes it): a
# reply is a comment naming its thread's first comment. Concordance searches every document, so the
# Korean of segments and the English of revisions get the same trigram index as the TM (two-syllable
# Korean finds itself inside words). Revisions are append-only, so their index needs no update trigger.
M009_THREADS_CONCORDANCE = """
        ALTER TABLE comments ADD COLUMN parent_id INTEGER REFERENCES comments(id);
        CREATE INDEX comments_by_parent ON comments (parent_id);
        CREATE VIRTUAL TABLE segments_fts USING fts5(
            source_text, content='segments', content_rowid='id', tokenize='trigram'
        );
        INSERT INTO segments_fts (segments_fts) VALUES ('rebuild');
        CREATE TRIGGER segments_fts_ai AFTER INSERT ON segments BEGIN
            INSERT INTO segments_fts (rowid, source_text) VALUES (new.id, new.source_text);
        END;
        CREATE TRIGGER segments_fts_ad AFTER DELETE ON segments BEGIN
            INSERT INTO segments_fts (segments_fts, rowid, source_text) VALUES ('delete', old.id, old.source_text);
        END;
        CREATE TRIGGER segments_fts_au AFTER UPDATE OF source_text ON segments BEGIN
            INSERT INTO segments_fts (segments_fts, rowid, source_text) VALUES ('delete', old.id, old.source_text);
            INSERT INTO segments_fts (rowid, source_text) VALUES (new.id, new.source_text);
        END;
        CREATE VIRTUAL TABLE revisions_fts USING fts5(
            text, content='revisions', content_rowid='id', tokenize='trigram'
        );
        INSERT INTO revisions_fts (revisions_fts) VALUES ('rebuild');
        CREATE TRIGGER revisions_fts_ai AFTER INSERT ON revisions BEGIN
            INSERT INTO revisions_fts (rowid, text) VALUES (new.id, new.text);
        END;
"""

# A term may ask that an article keep to one of its renderings (term.inconsistent). Terms from before
# asked nothing of the kind: 0, so the warning stays off for them until a terminologist turns it on.
M010_ONE_RENDERING = """
        ALTER TABLE term_revisions ADD COLUMN one_rendering INTEGER NOT NULL DEFAULT 0
            CHECK (one_rendering IN (0, 1));
"""

# Identity (DESIGN §1): a person is established, not declared. An operating-system login is mapped to
# a user (os_logins); a browser login checks a password hash (argon2id, a PHC string, never the
# password); an invitation holds only a hash of its one-time code. A disabled user keeps every
# revision and sign-off but can no longer act or log in. Demo users (the demo workspace's desk) are
# free for anyone to act as. Users from before had none of these: no password, enabled, not demo.
M011_IDENTITY = """
        ALTER TABLE users ADD COLUMN password_hash TEXT;
        ALTER TABLE users ADD COLUMN disabled_at TEXT;
        ALTER TABLE users ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
        CREATE TABLE os_logins (
            login TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            mapped_by INTEGER REFERENCES users(id),
            mapped_at TEXT NOT NULL
        );
        CREATE INDEX os_logins_by_user ON os_logins (user_id);
        CREATE TABLE invitations (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            code_hash TEXT NOT NULL,
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT
        );
        CREATE INDEX invitations_by_user ON invitations (user_id);
"""

# The Korean morphology model's decisions (issue 15 §3, DESIGN §10): whether a glossary term found
# inside a Korean compound is a word of it, and whether a short term after a closing quote is a noun.
# They depend only on the Korean (the word, or the sentence around the term) and on the rules'
# version (glossaries.morphology.DECISIONS_VERSION), so they are made where Korean or the glossary
# changes and read by everyone else, who then never loads the model. A sweep row says every Korean
# text of the workspace (segments and memory) was decided under that version; imports and glossary
# changes keep it true from then on. An empty workspace is trivially swept under version 1, the one
# this migration was written for; a workspace that already holds Korean waits for its first sweep
# (workflow.word_decisions), and until then its decisions are made as they are first needed.
M012_WORD_DECISIONS = """
        CREATE TABLE word_decisions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('compound', 'noun')),
            context TEXT NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            version INTEGER NOT NULL,
            answer INTEGER NOT NULL CHECK (answer IN (0, 1))
        );
        CREATE UNIQUE INDEX word_decisions_key ON word_decisions (context, span_start, span_end, kind, version);
        CREATE TABLE word_decision_sweeps (
            version INTEGER PRIMARY KEY,
            swept_at TEXT NOT NULL
        );
        INSERT INTO word_decision_sweeps (version, swept_at)
            SELECT 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE NOT EXISTS (SELECT 1 FROM segments) AND NOT EXISTS (SELECT 1 FROM tm_units);
"""

# A browser session's app process learns its user from a one-time ticket the server writes here as it
# starts the process, not from its environment alone: naming a user to `python -m cli.serve` is then
# no way to become them (forging a ticket means writing to the file directly, which README says
# nothing on SQLite can prevent). Only the ticket's SHA-256 is kept; a ticket lives for a minute.
M013_SERVE_TICKETS = """
        CREATE TABLE serve_tickets (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            expires_at TEXT NOT NULL
        );
"""

# What an agency's XLIFF needs to come back whole (issue 16). The file as imported (zlib-compressed)
# is the skeleton an export to its own version patches in place, so everything Tandem does not edit
# goes back as it came. A unit marked translate="no" is a locked segment (shown, never edited,
# checked or counted as untranslated); a length limit from the file (maxwidth, slr) is the segment's
# max_length in characters. (What an export gave the agency needs no table: revisions are
# append-only, so the document's newest revision id, written into the file, names every segment's
# text as exported; workflow/returns.py merges a returned file against that.)
M014_RETURNS = """
        CREATE TABLE interchange_files (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            data BLOB NOT NULL
        );
        ALTER TABLE segments ADD COLUMN locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1));
        ALTER TABLE segments ADD COLUMN max_length INTEGER CHECK (max_length IS NULL OR max_length >= 0);
"""

# The news desk (issue 17). Who holds a document next and by when: assignments and deadlines are
# append-only like everything a person decides here (the newest row per document and role, or per
# document, holds; the rows before it are the history an audit of reassignment reads). A `desk`
# role (the desk chief) may assign; user_roles is rebuilt because its CHECK names the roles.
# Notifications are rows per recipient, so nothing is lost while someone's app is closed; seen_at
# is the one column updated. A publication records exactly which revisions went out (and the
# correction note a change after publication asks for), so "published" is a fact, not a flag.
M015_DESK = """
        CREATE TABLE user_roles_new (
            user_id INTEGER NOT NULL REFERENCES users(id),
            role TEXT NOT NULL CHECK (role IN ('translator', 'editor', 'terminologist', 'admin', 'desk')),
            PRIMARY KEY (user_id, role)
        );
        INSERT INTO user_roles_new (user_id, role) SELECT user_id, role FROM user_roles;
        DROP TABLE user_roles;
        ALTER TABLE user_roles_new RENAME TO user_roles;
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            role TEXT NOT NULL CHECK (role IN ('translator', 'editor')),
            user_id INTEGER REFERENCES users(id),
            assigned_by INTEGER REFERENCES users(id),
            assigned_at TEXT NOT NULL
        );
        CREATE INDEX assignments_by_document ON assignments (document_id, role, id);
        CREATE TABLE deadlines (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            due_at TEXT,
            priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('breaking', 'normal', 'feature')),
            set_by INTEGER REFERENCES users(id),
            set_at TEXT NOT NULL
        );
        CREATE INDEX deadlines_by_document ON deadlines (document_id, id);
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            kind TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id),
            segment_id INTEGER REFERENCES segments(id),
            detail TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            seen_at TEXT
        );
        CREATE INDEX notifications_by_user ON notifications (user_id, seen_at, id);
        CREATE TABLE publications (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            published_by INTEGER NOT NULL REFERENCES users(id),
            published_at TEXT NOT NULL,
            revisions TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            correction TEXT
        );
        CREATE INDEX publications_by_document ON publications (document_id, id);
        CREATE TRIGGER assignments_append_only_update BEFORE UPDATE ON assignments
            BEGIN SELECT RAISE(ABORT, 'assignments are append-only'); END;
        CREATE TRIGGER assignments_append_only_delete BEFORE DELETE ON assignments
            BEGIN SELECT RAISE(ABORT, 'assignments are append-only'); END;
        CREATE TRIGGER deadlines_append_only_update BEFORE UPDATE ON deadlines
            BEGIN SELECT RAISE(ABORT, 'deadlines are append-only'); END;
        CREATE TRIGGER deadlines_append_only_delete BEFORE DELETE ON deadlines
            BEGIN SELECT RAISE(ABORT, 'deadlines are append-only'); END;
        CREATE TRIGGER publications_append_only_update BEFORE UPDATE ON publications
            BEGIN SELECT RAISE(ABORT, 'publications are append-only'); END;
        CREATE TRIGGER publications_append_only_delete BEFORE DELETE ON publications
            BEGIN SELECT RAISE(ABORT, 'publications are append-only'); END;
"""

MIGRATIONS: tuple[str, ...] = (M001_CORE, M002_GLOSSARY, M003_REVIEW, M004_SIGNOFF, M005_TM, M006_INTERCHANGE,
                              M007_CONFLICTS, M008_AUDIT_CHAIN, M009_THREADS_CONCORDANCE, M010_ONE_RENDERING,
                              M011_IDENTITY, M012_WORD_DECISIONS, M013_SERVE_TICKETS,
                              M014_RETURNS, M015_DESK)
