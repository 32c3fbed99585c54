-- The synews store: one SQLite database built from the dataset's TOML files.
--
-- Every command reads the dataset through it (kept in the cache folder, or built in memory
-- with --no-cache), and `synews db` writes a copy of it. docs/database.md documents every
-- table; this file is the only definition of the schema. Database schema version 2.
--
-- Conventions: ids are the dataset's ids (unique in a valid dataset; `synews db` writes only
-- valid ones); dates keep their EDTF text with `start`/`end` as ISO days (NULL: an open side;
-- an unknown side, as in "/2024-12", has the known side's days);
-- lists are JSON arrays, with a view per list for SQL; `file`/`line` say where an item is
-- defined. Columns after `line` are the store's own: which file a row came from, its place
-- in that file, day numbers and folded words that let queries use indexes.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;

-- The TOML files, in dataset order, with what tells whether one changed since it was read.
CREATE TABLE files (
    file_id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,                 -- absolute
    copy INTEGER NOT NULL,              -- 0; 1, 2 ... for a file given again (--data twice)
    position INTEGER NOT NULL,          -- order in the dataset, from 0
    size INTEGER,                       -- size, times and inode when read (NULL: not trusted)
    mtime_ns INTEGER,
    ctime_ns INTEGER,
    inode INTEGER,
    hash TEXT,                          -- BLAKE2b of the bytes that were parsed
    checked_ns INTEGER NOT NULL,        -- when it was read
    readable INTEGER NOT NULL,          -- 0: it could not be read or parsed at all
    title TEXT,                         -- its [meta], if it has one
    description TEXT,
    schema_version INTEGER,
    UNIQUE (path, copy)
);

-- Every problem and warning, with file, line, item and field: `rule` 0 for what a file
-- says on its own (found when it is read), 1 for what the rules across files found
-- (checked again after every change); `first_*` is where a duplicate id was first defined.
CREATE TABLE problems (
    rule INTEGER NOT NULL,
    file_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    line INTEGER,
    item TEXT,
    field TEXT,
    message TEXT NOT NULL,
    warning INTEGER NOT NULL,
    first_file_id INTEGER,
    first_line INTEGER
);
CREATE INDEX problems_file ON problems (file_id);

-- Ids of entries that were invalid (already reported): a reference to one is not also
-- reported as unknown. And the references those entries make, checked like any other.
CREATE TABLE invalid_ids (
    file_id INTEGER NOT NULL,
    kind TEXT NOT NULL,                 -- sources, people, events, claims
    id TEXT NOT NULL
);
CREATE INDEX invalid_ids_file ON invalid_ids (file_id);
CREATE TABLE loose_refs (
    file_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    line INTEGER,
    item TEXT NOT NULL,
    field TEXT NOT NULL,
    target TEXT NOT NULL,
    kind TEXT NOT NULL                  -- what the target must be: source, person, event
);
CREATE INDEX loose_refs_file ON loose_refs (file_id);

CREATE TABLE sources (
    id TEXT NOT NULL,
    outlet TEXT NOT NULL,
    title TEXT,
    published TEXT NOT NULL,
    published_start TEXT,
    published_end TEXT,
    kind TEXT NOT NULL,
    url TEXT,
    author TEXT,
    text_file TEXT,
    copy_of TEXT,                       -- the source this one reprints (wire, syndication)
    file TEXT NOT NULL,
    line INTEGER,
    file_id INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX sources_id ON sources (id);
CREATE INDEX sources_file ON sources (file_id, seq);

CREATE TABLE people (
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT,
    affiliation TEXT,
    kind TEXT NOT NULL,
    identity TEXT NOT NULL,
    identity_note TEXT,
    note TEXT,
    file TEXT NOT NULL,
    line INTEGER,
    aliases TEXT NOT NULL,              -- JSON array
    file_id INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX people_id ON people (id);
CREATE INDEX people_file ON people (file_id, seq);

CREATE TABLE events (
    id TEXT NOT NULL,
    date TEXT NOT NULL,
    date_display TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    approximate INTEGER NOT NULL,
    uncertain INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    source_id TEXT NOT NULL,
    note TEXT,
    file TEXT NOT NULL,
    line INTEGER,
    places TEXT NOT NULL,               -- JSON arrays
    actors TEXT NOT NULL,
    tags TEXT NOT NULL,
    sources TEXT NOT NULL,              -- JSON array of source ids, source_id first
    reports TEXT NOT NULL,              -- JSON array of objects (see the reports view)
    status TEXT,                        -- expected, cancelled; NULL: it happened
    contradicts TEXT NOT NULL,          -- JSON array of event or statement ids
    first_day INTEGER NOT NULL,         -- day numbers of start and end; open: -1, 1073741824
    last_day INTEGER NOT NULL,
    places_key TEXT NOT NULL,           -- each value's folded words run together, for filters
    actors_key TEXT NOT NULL,
    tags_key TEXT NOT NULL,
    file_id INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX events_id ON events (id);
CREATE INDEX events_file ON events (file_id, seq);
CREATE INDEX events_first ON events (first_day);
CREATE INDEX events_last ON events (last_day);
CREATE INDEX events_source ON events (source_id);
CREATE INDEX events_contradicting ON events (id) WHERE contradicts != '[]';
CREATE INDEX events_disputed ON events (id) WHERE reports != '[]' OR contradicts != '[]';

CREATE TABLE claims (
    id TEXT NOT NULL,
    speaker_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    context TEXT,
    date TEXT NOT NULL,
    date_display TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    approximate INTEGER NOT NULL,
    uncertain INTEGER NOT NULL,
    source_id TEXT NOT NULL,
    status TEXT,
    evidence_note TEXT,
    note TEXT,
    file TEXT NOT NULL,
    line INTEGER,
    topics TEXT NOT NULL,               -- JSON arrays
    about TEXT NOT NULL,
    evidence TEXT NOT NULL,
    sources TEXT NOT NULL,
    reports TEXT NOT NULL,
    contradicts TEXT NOT NULL,
    first_day INTEGER NOT NULL,
    last_day INTEGER NOT NULL,
    topics_key TEXT NOT NULL,
    file_id INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX claims_id ON claims (id);
CREATE INDEX claims_file ON claims (file_id, seq);
CREATE INDEX claims_first ON claims (first_day);
CREATE INDEX claims_last ON claims (last_day);
CREATE INDEX claims_speaker ON claims (speaker_id);
CREATE INDEX claims_source ON claims (source_id);
CREATE INDEX claims_contradicting ON claims (id) WHERE contradicts != '[]';
CREATE INDEX claims_disputed ON claims (id) WHERE reports != '[]' OR contradicts != '[]';

-- The chosen spelling of a place, actor, tag or topic, and the spellings outlets use.
CREATE TABLE names (
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- place, actor, tag, topic
    aliases TEXT NOT NULL,              -- JSON array
    file TEXT NOT NULL,
    line INTEGER,
    file_id INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX names_file ON names (file_id, seq);

-- The events a statement is about, and those that bear it out or refute it.
CREATE TABLE claim_about (
    claim_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    file_id INTEGER NOT NULL
);
CREATE INDEX claim_about_event ON claim_about (event_id);
CREATE INDEX claim_about_file ON claim_about (file_id);
CREATE TABLE claim_evidence (
    claim_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    file_id INTEGER NOT NULL
);
CREATE INDEX claim_evidence_event ON claim_evidence (event_id);
CREATE INDEX claim_evidence_file ON claim_evidence (file_id);

-- The other lists, one row per value, for SQL.
CREATE VIEW person_aliases AS
    SELECT people.id AS person_id, CAST(value.key AS INTEGER) AS position, value.value AS alias
    FROM people, json_each(people.aliases) AS value;
CREATE VIEW event_places AS
    SELECT events.id AS event_id, CAST(value.key AS INTEGER) AS position, value.value AS place
    FROM events, json_each(events.places) AS value;
CREATE VIEW event_actors AS
    SELECT events.id AS event_id, CAST(value.key AS INTEGER) AS position, value.value AS actor
    FROM events, json_each(events.actors) AS value;
CREATE VIEW event_tags AS
    SELECT events.id AS event_id, CAST(value.key AS INTEGER) AS position, value.value AS tag
    FROM events, json_each(events.tags) AS value;
CREATE VIEW claim_topics AS
    SELECT claims.id AS claim_id, CAST(value.key AS INTEGER) AS position, value.value AS topic
    FROM claims, json_each(claims.topics) AS value;

-- Every source of each event and statement, the first being its source_id.
CREATE VIEW item_sources AS
    SELECT 'event' AS item_kind, events.id AS item_id, CAST(value.key AS INTEGER) AS position,
           value.value AS source_id
    FROM events, json_each(events.sources) AS value
    UNION ALL
    SELECT 'claim', claims.id, CAST(value.key AS INTEGER), value.value
    FROM claims, json_each(claims.sources) AS value;

-- Pairs of items a curator marked as contradicting each other, as written (one row per
-- id in a `contradicts` list; the relation is symmetric).
CREATE VIEW item_contradicts AS
    SELECT 'event' AS item_kind, events.id AS item_id, CAST(value.key AS INTEGER) AS position,
           value.value AS other_id
    FROM events, json_each(events.contradicts) AS value
    UNION ALL
    SELECT 'claim', claims.id, CAST(value.key AS INTEGER), value.value
    FROM claims, json_each(claims.contradicts) AS value;
CREATE VIEW name_aliases AS
    SELECT names.name, names.kind, CAST(value.key AS INTEGER) AS position, value.value AS alias
    FROM names, json_each(names.aliases) AS value;

-- What each source reports of an event or a statement where it differs: its own date,
-- wording (a statement's exact words in that outlet), link and note.
CREATE VIEW reports AS
    SELECT 'event' AS item_kind, events.id AS item_id, CAST(value.key AS INTEGER) AS position,
           json_extract(value.value, '$.source') AS source_id,
           json_extract(value.value, '$.date') AS date,
           json_extract(value.value, '$.text') AS text,
           json_extract(value.value, '$.url') AS url,
           json_extract(value.value, '$.note') AS note
    FROM events, json_each(events.reports) AS value
    UNION ALL
    SELECT 'claim', claims.id, CAST(value.key AS INTEGER),
           json_extract(value.value, '$.source'), json_extract(value.value, '$.date'),
           json_extract(value.value, '$.text'), json_extract(value.value, '$.url'),
           json_extract(value.value, '$.note')
    FROM claims, json_each(claims.reports) AS value;

-- Each statement with its speaker's name and its source's outlet.
CREATE VIEW statements AS
    SELECT claims.id, claims.date, claims.date_display, claims.start, claims."end",
           people.name AS speaker_name, claims.speaker_id, claims.kind, claims.text,
           claims.context, claims.status, sources.outlet, claims.source_id
    FROM claims
    JOIN people ON people.id = claims.speaker_id
    JOIN sources ON sources.id = claims.source_id;

-- The full-text index of every event, statement and person: what `synews search` and
-- every --search ask. One document per item; its rowid is the item's rowid times 4 plus 1
-- (event), 2 (statement) or 3 (person). Columns: what the item is (an event's title, a
-- statement's text, a person's name), its body (summary, context, role), its labels
-- (places, actors and tags; topics; aliases), who said it (a statement's speaker: name,
-- aliases, role) and an event's note; then, not indexed, what a hit needs to be shown.
CREATE VIRTUAL TABLE search USING fts5 (
    title, body, labels, who, note,
    kind UNINDEXED, item_id UNINDEXED, first_day UNINDEXED, last_day UNINDEXED,
    speaker_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Merge index segments eight at a time rather than four: writing is faster, and reading
-- hardly slower at the sizes of an archive.
INSERT INTO search (search, rank) VALUES ('automerge', 8);

-- Documents not yet in `search`, with its columns: a store first built by a command that
-- does not search text keeps them here, and the first command that does moves them into
-- the index. Either every document is in `search` or every one is here; empty in a copy
-- made by `synews db`.
CREATE TABLE waiting_documents (
    rowid INTEGER PRIMARY KEY,
    title TEXT, body TEXT, labels TEXT, who TEXT, note TEXT,
    kind TEXT, item_id TEXT, first_day INTEGER, last_day INTEGER, speaker_id TEXT
);
