/*
 * schema: the migrations. See schema.h and docs/schema.md.
 *
 * Codes are stored as the words of the contracts (need levels, contact,
 * statuses, event kinds), not as enum numbers, so the database reads the
 * same as the CSV files and survives a reordering of the C enums. CHECK
 * constraints guard the small closed sets (sex, need levels, contact,
 * roles, record type, event origin); statuses and event kinds are left to
 * the domain's name tables because they may grow.
 */
#include "store/schema.h"

/* Closed sets are spelled as OR-chains, not IN lists: SQLite evaluates an
 * IN list of three or more constants through a temporary b-tree built on
 * every row, which made bulk inserts several times slower. NULL (unknown)
 * passes either way. */
#define NEED_CHECK(c) \
	"CHECK (" c " = 'none' OR " c " = 'low' OR " c " = 'medium' OR " c " = 'high')"
#define CONTACT_CHECK "CHECK (contact = 'none' OR contact = 'letterbox' OR contact = 'direct')"

static const char V1_SQL[] =
	"CREATE TABLE schema_version (\n"
	"  version INTEGER NOT NULL\n"
	");\n"
	"CREATE TABLE partners (\n"
	"  code TEXT PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  is_host INTEGER NOT NULL CHECK (is_host IN (0, 1)),\n"
	"  spoke TEXT\n"
	");\n"
	/* records.md: exactly one host. A partial unique index says "at most
	 * one" in both SQLite and PostgreSQL. */
	"CREATE UNIQUE INDEX partners_one_host ON partners (is_host) WHERE is_host = 1;\n"
	"CREATE TABLE users (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  email TEXT UNIQUE NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role = 'la_social_worker' OR role = 'la_adm'\n"
	"    OR role = 'family_finder' OR role = 'assessment_worker' OR role = 'panel_adviser'\n"
	"    OR role = 'raa_adm' OR role = 'support_worker' OR role = 'manager'\n"
	"    OR role = 'board' OR role = 'admin'),\n"
	"  partner TEXT REFERENCES partners (code),\n"
	"  pw_hash TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  disabled INTEGER NOT NULL DEFAULT 0,\n"
	"  failed_logins INTEGER NOT NULL DEFAULT 0,\n"
	"  locked_until TEXT\n"
	");\n"
	/* One id namespace for children and households, so an events.csv
	 * `record` is never ambiguous. */
	"CREATE TABLE records (\n"
	"  id TEXT PRIMARY KEY,\n"
	"  type TEXT NOT NULL CHECK (type IN ('child', 'adopter')),\n"
	/* the record's partner again, so that reading events (the biggest
	 * table) in a partner's scope needs one indexed join, not three */
	"  partner TEXT NOT NULL REFERENCES partners (code)\n"
	");\n"
	"CREATE INDEX records_partner ON records (partner, id);\n"
	"CREATE TABLE sibling_groups (\n"
	"  id TEXT PRIMARY KEY,\n"
	"  partner TEXT NOT NULL REFERENCES partners (code)\n"
	");\n"
	"CREATE TABLE children (\n"
	"  id TEXT PRIMARY KEY REFERENCES records (id),\n"
	"  partner TEXT NOT NULL REFERENCES partners (code),\n"
	"  la_child_id TEXT,\n"
	"  first_name TEXT,\n"
	"  last_name TEXT,\n"
	"  sex TEXT CHECK (sex = 'M' OR sex = 'F' OR sex = 'U'),\n"
	"  dob TEXT,\n"
	"  ethnicity TEXT,\n"
	"  sibling_group TEXT REFERENCES sibling_groups (id),\n"
	"  disability TEXT " NEED_CHECK("disability") ",\n"
	"  health TEXT " NEED_CHECK("health") ",\n"
	"  development TEXT " NEED_CHECK("development") ",\n"
	"  behaviour TEXT " NEED_CHECK("behaviour") ",\n"
	"  contact TEXT " CONTACT_CHECK ",\n"
	"  birth_postcode_district TEXT,\n"
	"  early_permanence INTEGER NOT NULL DEFAULT 0 CHECK (early_permanence IN (0, 1)),\n"
	"  base_status TEXT,\n"
	"  profile_updated TEXT,\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE adopters (\n"
	"  id TEXT PRIMARY KEY REFERENCES records (id),\n"
	"  partner TEXT NOT NULL REFERENCES partners (code),\n"
	"  name TEXT,\n"
	"  applicants INTEGER CHECK (applicants IN (1, 2)),\n"
	"  postcode_district TEXT,\n"
	"  min_age_months INTEGER,\n"
	"  max_age_months INTEGER,\n"
	"  max_children INTEGER CHECK (max_children BETWEEN 1 AND 4),\n"
	"  disability TEXT " NEED_CHECK("disability") ",\n"
	"  health TEXT " NEED_CHECK("health") ",\n"
	"  development TEXT " NEED_CHECK("development") ",\n"
	"  behaviour TEXT " NEED_CHECK("behaviour") ",\n"
	"  contact TEXT " CONTACT_CHECK ",\n"
	"  early_permanence INTEGER CHECK (early_permanence IN (0, 1)),\n"
	"  ethnicity TEXT,\n"
	"  base_status TEXT,\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE events (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  record TEXT NOT NULL REFERENCES records (id),\n"
	/* the record's type, which never changes: whole-region reads then
	 * need no join (the store checks it matches the record) */
	"  type TEXT NOT NULL CHECK (type = 'child' OR type = 'adopter'),\n"
	"  kind TEXT NOT NULL,\n"
	"  date TEXT NOT NULL CHECK (date LIKE '____-__-__'),\n"
	"  adopter TEXT REFERENCES adopters (id),\n"
	"  detail TEXT,\n"
	"  origin TEXT NOT NULL CHECK (origin = 'event' OR origin = 'column' OR origin = 'mirror'),\n"
	"  supersedes INTEGER REFERENCES events (id),\n"
	"  mirror_of INTEGER REFERENCES events (id),\n"
	"  recorded_by TEXT,\n"
	"  recorded_at TEXT NOT NULL\n"
	");\n"
	/* A journey is read as (record, date, id): this index is that order. */
	"CREATE INDEX events_journey ON events (record, date, id);\n"
	"CREATE TABLE settings (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE closures (\n"
	"  date TEXT PRIMARY KEY CHECK (date LIKE '____-__-__'),\n"
	"  name TEXT\n"
	");\n";

/* History is never lost (journeys.md): corrections are new events that
 * supersede, so the database itself refuses to change or drop one. */
static const char V1_SQLITE[] =
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events\n"
	"BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;\n"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events\n"
	"BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;\n";

/* The audit log: who read or changed what, and when. Each row carries a
 * SHA-256 hash over the previous row's hash and its own fields (computed
 * by the store), so any edit or removal inside the chain is detectable
 * even by someone who bypasses raa. */
static const char V2_SQL[] =
	"CREATE TABLE audit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  action TEXT NOT NULL,\n"
	"  record TEXT,\n"
	"  detail TEXT,\n"
	"  ip TEXT,\n"
	"  hash TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX audit_record ON audit (record, id);\n";

static const char V2_SQLITE[] =
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	"BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
	"BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;\n";

/* Panels (docs/panels.md): a central list of members, panel dates with
 * attendance, and an agenda of items carrying the recommendation. Panels
 * are regional, so these tables have no partner column: an item's
 * visibility to an LA comes from the records it names. A member's `role`
 * is the seat they fill; chairing is separate (`chair`) because the chair
 * is usually also an independent member or a social worker. */
static const char V3_SQL[] =
	"CREATE TABLE panel_members (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role = 'social_worker' OR role = 'medical_adviser'\n"
	"    OR role = 'independent' OR role = 'other'),\n"
	"  chair TEXT CHECK (chair = 'chair' OR chair = 'vice_chair'),\n"
	"  qualified TEXT CHECK (qualified LIKE '____-__-__'),\n"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE panels (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  date TEXT NOT NULL CHECK (date LIKE '____-__-__'),\n"
	"  name TEXT,\n"
	"  location TEXT,\n"
	"  minutes TEXT,\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX panels_date ON panels (date, id);\n"
	"CREATE TABLE panel_attendance (\n"
	"  panel INTEGER NOT NULL REFERENCES panels (id),\n"
	"  member INTEGER NOT NULL REFERENCES panel_members (id),\n"
	"  PRIMARY KEY (panel, member)\n"
	");\n"
	"CREATE TABLE panel_items (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  panel INTEGER NOT NULL REFERENCES panels (id),\n"
	"  kind TEXT NOT NULL CHECK (kind = 'approval' OR kind = 'match'\n"
	"    OR kind = 'should_be_placed'),\n"
	"  adopter TEXT REFERENCES adopters (id),\n"
	/* one title per line: PAR, CPR, APR, medical report ... */
	"  papers TEXT,\n"
	"  recommendation TEXT CHECK (recommendation = 'yes' OR recommendation = 'no'),\n"
	"  reasons TEXT,\n"
	"  recommended_by TEXT,\n"
	"  recommended_at TEXT,\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX panel_items_panel ON panel_items (panel, id);\n"
	/* a match item names the child's whole unit (siblings placed together) */
	"CREATE TABLE panel_item_children (\n"
	"  item INTEGER NOT NULL REFERENCES panel_items (id),\n"
	"  child TEXT NOT NULL REFERENCES children (id),\n"
	"  PRIMARY KEY (item, child)\n"
	");\n"
	"CREATE INDEX panel_item_children_child ON panel_item_children (child);\n";
/* Derived data (a region's snapshot for the reports) is cached against the
 * data's version: the newest event's id and the number of records (events
 * are append-only and records are never deleted without the counter
 * moving), and a counter that triggers move on with every other change.
 * Inserts, by far the most frequent writes, so cost nothing extra. */
static const char V4_SQL[] =
	"CREATE TABLE data_changes (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  n INTEGER NOT NULL\n"
	");\n"
	"INSERT INTO data_changes (id, n) VALUES (1, 0);\n"
	"CREATE TABLE derived_cache (\n"
	"  name TEXT PRIMARY KEY,\n"
	"  changes INTEGER NOT NULL,\n"
	"  last_event INTEGER NOT NULL,\n"
	"  records INTEGER NOT NULL,\n"
	"  data BLOB NOT NULL\n"
	");\n";

static const char V4_SQLITE[] =
	"CREATE TRIGGER data_changes_partners_insert AFTER INSERT ON partners\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_partners_update AFTER UPDATE ON partners\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_partners_delete AFTER DELETE ON partners\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_records_update AFTER UPDATE ON records\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_records_delete AFTER DELETE ON records\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_sibling_groups_update AFTER UPDATE ON sibling_groups\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_sibling_groups_delete AFTER DELETE ON sibling_groups\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_children_update AFTER UPDATE ON children\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_children_delete AFTER DELETE ON children\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_adopters_update AFTER UPDATE ON adopters\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n"
	"CREATE TRIGGER data_changes_adopters_delete AFTER DELETE ON adopters\n"
	"BEGIN UPDATE data_changes SET n = n + 1 WHERE id = 1; END;\n";

/* An agenda item taken off the agenda is withdrawn, not deleted: its id
 * is never given to another item (an open page or an audit entry naming it
 * stays unambiguous), and the agenda as first set stays on record. */
static const char V5_SQL[] = "ALTER TABLE panel_items ADD COLUMN withdrawn_at TEXT;\n";

const struct schema_migration SCHEMA_MIGRATIONS[] = {
	{ "create partners, users, records, events, settings and closures", V1_SQL, V1_SQLITE },
	{ "create the hash-chained audit log", V2_SQL, V2_SQLITE },
	{ "create panel members, panels, attendance and agenda items", V3_SQL, NULL },
	{ "version the data for caches of derived figures", V4_SQL, V4_SQLITE },
	{ "withdraw agenda items instead of deleting them", V5_SQL, NULL },
};

const size_t SCHEMA_MIGRATION_COUNT = sizeof SCHEMA_MIGRATIONS / sizeof SCHEMA_MIGRATIONS[0];

int schema_latest(void)
{
	return (int)SCHEMA_MIGRATION_COUNT;
}
