"""Identity the database checks (issue 18): the PostgreSQL migration that makes every Tandem user a
login role of its own, sets the author of every row from the role a statement runs as, and refuses
approvals, sign-offs, segment states, glossary decisions and user administration to roles whose
Tandem user lacks the Tandem role that workflow.access gives them.

Who is who. A Tandem user is the PostgreSQL role of the same name (`tandem users add` makes it, LOGIN
and without a password: the password is set by a database administrator or with psql's \\password,
never through Tandem). A role already on the server (another workspace made it) is joined, not made.
Every user role is a member of the workspace's group role, "tandem@<database>", which holds the
privileges Tandem needs: reading everything but password and invitation hashes, inserting, and
updating only the columns Tandem updates (UPDATABLE below). Roles are per server and a workspace is
one database, so the group is what makes a role a user of this workspace and not another.

Who acts. A statement acts as current_user: for a person's own connection that is their login
(session_user), and nobody can become someone else without being a member of their role, which
PostgreSQL checks. Tandem's use cases resolve who acts in one place (workflow.access.Actors),
which calls act_as: SET LOCAL ROLE to that user for the rest of the transaction. The workspace's
owner (the role that ran this migration, and any login that is a member of it: `tandem serve`'s, a
database administrator's) is trusted: user roles are granted to it as they are made, so it acts as
any of them the same way, and when it acts as nobody (a copy by `tandem migrate-to`, setting a
workspace up) the checks below step aside, as they must for a role that could drop them anyway. An
admin acting as someone (`--as`) on their own login needs the database's say too: a membership a
database administrator grants. Every audit entry records session_user as db_login, so an entry
written while acting as someone names the login that did it.

Authors. On rows that name who made them (AUTHORS below), a missing author is filled in with the
acting user, and an author other than the acting user is refused unless the login could act as
that user anyway (the trusted owner, or a member of their role): refused rather than rewritten,
because the audit chain hashes user_id (a rewritten entry would fail `tandem verify`), because the
client would go on believing what it sent, and because a refusal is evidence where a quiet fix
hides the attempt.

Rules. The Tandem roles each rule needs come from workflow.access.database_rules(), so the rule
lives there once; the migration writes them into tandem_rules, which the triggers read. Where that
table changes, append a migration of rules_sql() to refresh the rules of existing workspaces.
"""

from __future__ import annotations

from workflow.access import database_rules

# Rows and the column naming who made them (a comment's resolved_by is checked as it is set).
AUTHORS = (
    ("documents", "created_by"),
    ("revisions", "author_id"),
    ("audit_log", "user_id"),
    ("terms", "created_by"),
    ("term_revisions", "author_id"),
    ("dismissals", "user_id"),
    ("comments", "author_id"),
    ("approvals", "user_id"),
    ("signoffs", "user_id"),
    ("conflicts", "opened_by"),
    ("conflict_resolutions", "resolved_by"),
    ("os_logins", "mapped_by"),
    ("invitations", "created_by"),
    ("assignments", "assigned_by"),
    ("deadlines", "set_by"),
    ("publications", "published_by"),
)

# The columns Tandem updates (every UPDATE in workflow/storage/store_*.py; tests check the list
# against them): a user role may update these and nothing else, so a translator cannot rewrite a
# segment's Korean or a document's title behind the application's back.
UPDATABLE = {
    "documents": ("updated_at",),
    "segments": ("state", "align_note"),
    "comments": ("resolved_by", "resolved_at"),
    "notifications": ("seen_at",),
    "users": ("password_hash", "disabled_at", "demo"),
    "invitations": ("used_at",),
    "os_logins": ("user_id", "mapped_by", "mapped_at"),
    "tm_units": ("document_id", "segment_id", "author", "approver", "created_at", "origin"),
}
DELETABLE = ("os_logins",)

# Columns no user role reads (a password's or an invitation's hash): only the owner's connections
# (`tandem serve` checking a login) read them. The login tickets `tandem serve` writes for itself
# are not the users' at all, and the schema's version and rules are theirs to read, not to write.
HIDDEN = {
    "users": ("password_hash",),
    "invitations": ("code_hash",),
}
OWNER_ONLY = ("serve_tickets",)
READ_ONLY = ("tandem_schema", "tandem_rules")

# Tables whose writes are user administration (the "users" rule), and the triggers' events there.
ADMINISTERED = ("users", "user_roles", "os_logins", "invitations")


def rules_sql() -> str:
    """Statements that make tandem_rules hold database_rules() exactly."""
    rows = sorted((rule, role.value) for rule, roles in database_rules().items() for role in roles)
    values = ",\n    ".join(f"('{rule}', '{role}')" for rule, role in rows)
    return f"DELETE FROM tandem_rules;\nINSERT INTO tandem_rules (rule, role) VALUES\n    {values};\n"


_SETUP = r"""
-- The trigger functions below run with this schema, then pg_temp, as their search path: a table
-- called users that a role makes in pg_temp, or a function in a schema of its own, is never what
-- they read. The helpers they call have no SET clause of their own (each one costs a change of the
-- path per row); they run inside the triggers' path, and called directly they deceive no one but
-- their caller. Nobody but the owner makes objects in the workspace's schema.
SELECT set_config('search_path', quote_ident(current_schema()) || ', pg_temp', true);
DO $$
BEGIN
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
EXCEPTION WHEN insufficient_privilege THEN
    NULL;
END
$$;

CREATE TABLE tandem_rules (
    rule text COLLATE "C" NOT NULL,
    role text COLLATE "C" NOT NULL,
    PRIMARY KEY (rule, role)
);

-- The login each audit entry was written through (the admin's or the server's, where one acts as
-- its user): the database's own record, which the client cannot choose.
ALTER TABLE audit_log ADD COLUMN db_login text COLLATE "C" DEFAULT session_user;

-- The workspace's group role: made here, or found left behind by a dropped database of the same
-- name, whose members are no users of this one.
DO $$
DECLARE
    grp text := 'tandem@' || current_database();
    member text;
BEGIN
    WHILE octet_length(grp) > 63 LOOP
        grp := left(grp, -1);
    END LOOP;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = grp) THEN
        FOR member IN SELECT m.rolname FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member
                      JOIN pg_roles g ON g.oid = a.roleid WHERE g.rolname = grp LOOP
            EXECUTE format('REVOKE %I FROM %I', grp, member);
        END LOOP;
    ELSE
        EXECUTE format('CREATE ROLE %I NOLOGIN', grp);
    END IF;
    EXECUTE format('CREATE FUNCTION tandem_group() RETURNS text LANGUAGE sql IMMUTABLE RETURN %L', grp);
END
$$;

-- The owner of the workspace's tables: whoever is a member of it may drop every check below, so
-- it is trusted to act as nobody, and as anyone. (A body in SQL's own words is bound to its tables
-- when made, whatever the caller's path.)
CREATE FUNCTION tandem_trusted() RETURNS boolean LANGUAGE sql STABLE
    RETURN pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'users'::regclass), 'MEMBER');

-- The checks step aside for the trusted owner acting as nobody (tandem_act_as sets tandem.acting).
CREATE FUNCTION tandem_unchecked() RETURNS boolean LANGUAGE sql STABLE
    RETURN CASE WHEN coalesce(current_setting('tandem.acting', true), '') = '' THEN tandem_trusted() ELSE false END;

CREATE FUNCTION tandem_refuse(message text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = message, ERRCODE = 'insufficient_privilege';
END
$$;

-- The Tandem user this statement acts as: the one named as current_user, enabled.
CREATE FUNCTION tandem_actor() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    me record;
BEGIN
    SELECT id, disabled_at INTO me FROM users WHERE name = current_user::text;
    IF NOT FOUND THEN
        PERFORM tandem_refuse(format('%s is not a user of this workspace', current_user));
    ELSIF me.disabled_at IS NOT NULL THEN
        PERFORM tandem_refuse(format('%s is disabled in this workspace', current_user));
    END IF;
    RETURN me.id;
END
$$;

-- The author a row gets: the acting user where it names none; the one it names where that is the
-- acting user, or one this login could act as anyway (the trusted owner, a member of their role).
CREATE FUNCTION tandem_author_of(given bigint, what text, hashed boolean) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    me bigint := tandem_actor();
    other text;
BEGIN
    IF given IS NULL THEN
        IF hashed THEN
            -- The chain hashes user_id as the client computed it: filled in here, the entry would
            -- no longer match its own hash.
            PERFORM tandem_refuse('an audit entry names the user who acted');
        END IF;
        RETURN me;
    END IF;
    IF given <> me AND NOT tandem_trusted() THEN
        SELECT name INTO other FROM users WHERE id = given;
        IF other IS NULL OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = other)
           OR NOT pg_has_role(session_user, other, 'MEMBER') THEN
            PERFORM tandem_refuse(format('%s cannot record %s as made by %s: the database takes the author '
                                         'from the login', current_user, what, coalesce(other, given::text)));
        END IF;
    END IF;
    RETURN given;
END
$$;

-- Refused unless the user holds one of the Tandem roles the rule names.
CREATE FUNCTION tandem_require(who bigint, wanted text, doing text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM user_roles r JOIN tandem_rules t ON t.role = r.role
                   WHERE r.user_id = who AND t.rule = wanted) THEN
        PERFORM tandem_refuse(format('%s cannot %s: that needs the %s role',
            coalesce((SELECT name FROM users WHERE id = who), who::text), doing,
            coalesce((SELECT string_agg(role, ' or ' ORDER BY role) FROM tandem_rules WHERE rule = wanted),
                     'no')));
    END IF;
END
$$;

-- Refused unless the user holds the role a row says they acted in.
CREATE FUNCTION tandem_require_role(who bigint, held text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM user_roles WHERE user_id = who AND role = held) THEN
        PERFORM tandem_refuse(format('%s does not hold the %s role a row names',
            coalesce((SELECT name FROM users WHERE id = who), who::text), held));
    END IF;
END
$$;

CREATE FUNCTION tandem_check_state() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT tandem_unchecked() THEN
        PERFORM tandem_require(tandem_actor(), 'state:' || NEW.state, 'make segments ' || NEW.state);
    END IF;
    RETURN NEW;
END
$$;

-- Users, their roles, logins and invitations are the admins'; a user changes only their own
-- password, and redeems only their own invitation.
CREATE FUNCTION tandem_check_admin() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    me bigint;
BEGIN
    IF tandem_unchecked() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    me := tandem_actor();
    IF TG_OP = 'UPDATE' THEN
        -- Fields by name: the function serves tables of different columns.
        IF TG_TABLE_NAME = 'users' AND (to_jsonb(OLD) ->> 'id')::bigint = me
           AND (to_jsonb(NEW) - 'password_hash') = (to_jsonb(OLD) - 'password_hash') THEN
            RETURN NEW;
        END IF;
        IF TG_TABLE_NAME = 'invitations' AND (to_jsonb(OLD) ->> 'user_id')::bigint = me
           AND (to_jsonb(NEW) - 'used_at') = (to_jsonb(OLD) - 'used_at') THEN
            RETURN NEW;
        END IF;
    END IF;
    PERFORM tandem_require(me, 'users', 'manage users');
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- A notification is seen by the person it is for.
CREATE FUNCTION tandem_check_seen() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT tandem_unchecked() AND OLD.user_id <> tandem_actor() THEN
        PERFORM tandem_refuse(format('%s cannot mark another user''s notifications seen', current_user));
    END IF;
    RETURN NEW;
END
$$;

-- The rest of the transaction as `person`'s role (Python's act_as). No SET clause here: one would
-- undo the SET LOCAL as the function returns, so every name is pg_catalog's, spelled out. A user
-- without a role of their own (one made before the database knew its users) is left to the row
-- checks, which refuse them all but the owner.
CREATE FUNCTION tandem_act_as(person text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = person) THEN
        RETURN false;
    END IF;
    EXECUTE pg_catalog.format('SET LOCAL ROLE %I', person);
    PERFORM pg_catalog.set_config('tandem.acting', person, true);
    RETURN true;
END
$$;

-- `tandem users add`: the user's login role, made or joined to this workspace. Runs as the owner
-- (who may create roles), for the owner's logins and this workspace's admins only.
CREATE FUNCTION tandem_add_login(person text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    owner oid := (SELECT relowner FROM pg_class WHERE oid = 'users'::regclass);
    owner_name text := (SELECT rolname FROM pg_roles WHERE oid = owner);
    existing record;
BEGIN
    IF NOT tandem_trusted() AND NOT EXISTS (
            SELECT FROM users u JOIN user_roles r ON r.user_id = u.id
            JOIN tandem_rules t ON t.role = r.role AND t.rule = 'users'
            WHERE u.name = session_user::text AND u.disabled_at IS NULL) THEN
        PERFORM tandem_refuse(format('%s cannot add logins: only an admin of this workspace can', session_user));
    END IF;
    IF NOT EXISTS (SELECT FROM users WHERE name = person) THEN
        PERFORM tandem_refuse(format('%s is not a user of this workspace', person));
    END IF;
    IF octet_length(person) > 63 OR person LIKE 'pg\_%' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_name', MESSAGE = format(
            '%s cannot be a PostgreSQL login (at most 63 bytes, not beginning pg_)', person);
    END IF;
    SELECT oid, rolsuper, rolreplication, rolbypassrls INTO existing FROM pg_roles WHERE rolname = person;
    IF NOT FOUND THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN', person);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- made at this moment by another workspace on the server
        END;
        SELECT oid, rolsuper, rolreplication, rolbypassrls INTO existing FROM pg_roles WHERE rolname = person;
    END IF;
    IF existing.rolsuper OR existing.rolreplication OR existing.rolbypassrls
       OR pg_has_role(existing.oid, owner, 'MEMBER') THEN
        RETURN;  -- a login that can already do everything here needs nothing from this workspace
    END IF;
    EXECUTE format('GRANT %I TO %I', tandem_group(), person);
    IF NOT (SELECT rolsuper FROM pg_roles WHERE oid = owner) THEN
        BEGIN
            EXECUTE format('GRANT %I TO %I', person, owner_name);
        EXCEPTION WHEN insufficient_privilege THEN
            -- A role another owner made (PostgreSQL 16 and later): the workspace's server cannot
            -- act as this user until a database administrator grants that.
            RAISE NOTICE 'the workspace owner cannot act as %: GRANT % TO %', person, quote_ident(person),
                quote_ident(owner_name);
        END;
    END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION tandem_add_login(text) FROM PUBLIC;
"""

# What each table's insert checks besides its authors: plpgsql over `added`, the statement's new
# rows, by the distinct users (and roles) they name, so an import of 100,000 rows by one person is
# checked once, not 100,000 times.
_STATEMENT_RULES = {
    "approvals": """PERFORM tandem_require(user_id, 'approve', 'approve segments')
            FROM (SELECT DISTINCT user_id FROM added) d;
        PERFORM tandem_require_role(user_id, role) FROM (SELECT DISTINCT user_id, role FROM added) d;""",
    "signoffs": """PERFORM tandem_require(user_id, 'signoff:' || role, 'sign off as ' || role)
            FROM (SELECT DISTINCT user_id, role FROM added) d;""",
    "revisions": """PERFORM tandem_require_role(author_id, role)
            FROM (SELECT DISTINCT author_id, role FROM added) d;""",
    # Anyone proposes a new term; every other change to the glossary is its maintainers' decision.
    "term_revisions": """PERFORM tandem_require(author_id, 'glossary', 'decide glossary terms')
            FROM (SELECT DISTINCT author_id FROM added WHERE status <> 'proposed' OR parent_id IS NOT NULL) d;
        PERFORM tandem_require_role(author_id, role) FROM (SELECT DISTINCT author_id, role FROM added) d;""",
    "audit_log": """IF EXISTS (SELECT FROM added WHERE db_login IS DISTINCT FROM session_user) THEN
            PERFORM tandem_refuse('an audit entry records the login that wrote it');
        END IF;""",
}


def _insert_triggers(table: str, column: str) -> str:
    """A row's missing author filled in as it is inserted (the only per-row work, and only where the
    author is missing), then the statement's authors and the table's rules checked once."""
    hashed = "true" if table == "audit_log" else "false"
    rule = f"\n        {_STATEMENT_RULES[table]}" if table in _STATEMENT_RULES else ""
    return f"""CREATE FUNCTION tandem_fill_{table}() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT tandem_unchecked() THEN
        NEW.{column} := tandem_author_of(NULL, '{table}', {hashed});
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tandem_fill BEFORE INSERT ON {table} FOR EACH ROW WHEN (NEW.{column} IS NULL)
    EXECUTE FUNCTION tandem_fill_{table}();
CREATE FUNCTION tandem_check_{table}() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT tandem_unchecked() THEN
        PERFORM tandem_author_of({column}, '{table}', {hashed}) FROM (SELECT DISTINCT {column} FROM added) d
            WHERE {column} IS NOT NULL;{rule}
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER tandem_check AFTER INSERT ON {table} REFERENCING NEW TABLE AS added FOR EACH STATEMENT
    EXECUTE FUNCTION tandem_check_{table}();
"""


def _triggers() -> str:
    parts = [_insert_triggers(table, column) for table, column in AUTHORS]
    parts.append("""CREATE FUNCTION tandem_resolve_comment() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT tandem_unchecked() THEN
        NEW.resolved_by := tandem_author_of(NEW.resolved_by, 'comments', false);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tandem_resolve BEFORE UPDATE OF resolved_by ON comments FOR EACH ROW
    WHEN (NEW.resolved_by IS NOT NULL AND NEW.resolved_by IS DISTINCT FROM OLD.resolved_by)
    EXECUTE FUNCTION tandem_resolve_comment();
CREATE TRIGGER tandem_rule BEFORE UPDATE OF state ON segments FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION tandem_check_state();
CREATE TRIGGER tandem_rule BEFORE UPDATE OF seen_at ON notifications FOR EACH ROW
    EXECUTE FUNCTION tandem_check_seen();
""")
    for table in ADMINISTERED:
        parts.append(f"CREATE TRIGGER tandem_rule BEFORE INSERT OR UPDATE OR DELETE ON {table}"
                     " FOR EACH ROW EXECUTE FUNCTION tandem_check_admin();\n")
    return "".join(parts)


def _grants() -> str:
    """The group's privileges, in one DO block: the group's name is the database's."""
    lines = [
        "EXECUTE format('GRANT USAGE ON SCHEMA %s TO %s', sch, grp);",
        "EXECUTE format('GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA %s TO %s', sch, grp);",
        "EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %s TO %s', sch, grp);",
        # Tables a later migration makes are read and written as these are; it names its updates.
        "EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT SELECT, INSERT ON TABLES TO %s', sch, grp);",
        "EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT USAGE ON SEQUENCES TO %s', sch, grp);",
        f"EXECUTE format('REVOKE ALL ON {', '.join(OWNER_ONLY + READ_ONLY)} FROM %s', grp);",
        f"EXECUTE format('GRANT SELECT ON {', '.join(READ_ONLY)} TO %s', grp);",
        "EXECUTE format('GRANT EXECUTE ON FUNCTION tandem_add_login(text) TO %s', grp);",
    ]
    for table, hidden in HIDDEN.items():
        names = ", ".join(f"'{c}'" for c in hidden)
        lines += [
            f"SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO shown FROM pg_attribute"
            f" WHERE attrelid = '{table}'::regclass AND attnum > 0 AND NOT attisdropped"
            f" AND attname NOT IN ({names});",
            f"EXECUTE format('REVOKE SELECT ON {table} FROM %s', grp);",
            f"EXECUTE format('GRANT SELECT (%s) ON {table} TO %s', shown, grp);",
        ]
    for table, columns in UPDATABLE.items():
        lines.append(f"EXECUTE format('GRANT UPDATE ({', '.join(columns)}) ON {table} TO %s', grp);")
    for table in DELETABLE:
        lines.append(f"EXECUTE format('GRANT DELETE ON {table} TO %s', grp);")
    body = "\n".join("    " + line for line in lines)
    return f"""DO $$
DECLARE
    grp text := quote_ident(tandem_group());
    sch text := quote_ident(current_schema());
    shown text;
BEGIN
{body}
    -- Only this workspace's users connect (where the migration's role owns the database).
    BEGIN
        EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', current_database());
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %s', current_database(), grp);
    EXCEPTION WHEN insufficient_privilege THEN
        NULL;
    END;
END
$$;
"""


M002_IDENTITY = _SETUP + rules_sql() + _triggers() + _grants()
