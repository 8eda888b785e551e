//! Migrations: they apply on top of Phase-1-shaped data without changing a value, and no
//! migration file ever drops, retypes or renames anything.

use std::path::{Path, PathBuf};

use scenebox_store::{CompileStatus, Migrations, StoreOptions};
use time::macros::datetime;
use uuid::uuid;

use crate::support::{both, TestDb};

const ORIGINAL_COLUMNS: &str = "SELECT CAST(id AS TEXT), CAST(project_id AS TEXT), name, \
     CAST(\"order\" AS TEXT), tsx_code, CAST(props AS TEXT), CAST(duration AS TEXT), \
     CAST(created_at AS TEXT), CAST(updated_at AS TEXT), js_code, CAST(js_compiled_at AS TEXT), \
     compilation_error FROM scenes ORDER BY id";

/// Phase 1 rows with every column filled (the same literals work on both backends).
const PHASE1_ROWS: &str = r#"
INSERT INTO scenes (id, project_id, name, "order", tsx_code, props, duration, created_at,
    updated_at, js_code, js_compiled_at, compilation_error) VALUES
('11111111-1111-4111-8111-111111111111', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'Intro ''quoted'' ✓', 0,
 'export default function A() { return <div>"hi" ✓</div>; }', '{"title": "Hi", "n": [1, 2.5, null]}',
 240, '2024-05-01T10:00:00.123456Z', '2024-05-02T11:30:00.654321Z',
 'const A = () => window.React.createElement("div"); return A;', '2024-05-01T10:00:01.000001Z',
 'an old error kept for the record'),
('22222222-2222-4222-8222-222222222222', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'Outro', 1,
 'import { AbsoluteFill } from "remotion";
export default function B() { return <AbsoluteFill />; }', '{}',
 150, '2024-05-03T00:00:00.000000Z', '2024-05-03T00:00:00.000000Z',
 'return function B() {};', '2024-05-03T00:00:00.500000Z', ''),
('33333333-3333-4333-8333-333333333333', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', '', -7,
 'export default () => null;', '[1, {"deep": {"x": "y"}}]',
 1, '2023-12-31T23:59:59.999999Z', '2024-01-01T00:00:00.000000Z',
 '', '2024-01-01T00:00:00.000001Z', 'Syntax error at 1:1');
"#;

both!(
    phase1_rows_survive_later_migrations,
    phase1_table_from_production_is_adopted
);

/// 0001 applied through sqlx's migrator, Phase 1 rows inserted, then every later migration.
async fn phase1_rows_survive_later_migrations(db: TestDb) {
    let store = db
        .store_with(StoreOptions {
            migrations: Migrations::UpTo(1),
            ..StoreOptions::default()
        })
        .await;
    let applied = db
        .text_rows("SELECT CAST(version AS TEXT) FROM _sqlx_migrations ORDER BY version")
        .await;
    assert_eq!(applied, vec![vec![Some("1".to_string())]]);
    db.exec(PHASE1_ROWS).await;
    let before = db.text_rows(ORIGINAL_COLUMNS).await;

    store.migrate().await.expect("the later migrations apply");

    let applied = db
        .text_rows("SELECT CAST(version AS TEXT) FROM _sqlx_migrations ORDER BY version")
        .await;
    assert_eq!(
        applied.len(),
        scenebox_store::migrator(store.backend()).iter().count()
    );
    assert_original_values_unchanged(&db, before).await;
    assert_phase1_rows_read_back(&store).await;
}

/// The production case: the table exists (made by running 0001's SQL by hand, no migration
/// history), holds rows, and the store is pointed at it.
async fn phase1_table_from_production_is_adopted(db: TestDb) {
    let dir = migrations_dir().join(match db.kind {
        crate::support::Kind::Sqlite => "sqlite",
        crate::support::Kind::Postgres => "postgres",
    });
    let first = std::fs::read_to_string(dir.join("0001_phase1_scenes.sql")).unwrap();
    db.exec(&first).await;
    db.exec(PHASE1_ROWS).await;
    let before = db.text_rows(ORIGINAL_COLUMNS).await;

    let store = db.store().await;

    assert_original_values_unchanged(&db, before).await;
    assert_phase1_rows_read_back(&store).await;
}

async fn assert_original_values_unchanged(db: &TestDb, before: Vec<Vec<Option<String>>>) {
    assert_eq!(before.len(), 3);
    assert!(
        before.iter().flatten().all(Option::is_some),
        "every column was filled"
    );
    let after = db.text_rows(ORIGINAL_COLUMNS).await;
    assert_eq!(before, after, "no original value changed");
}

async fn assert_phase1_rows_read_back(store: &scenebox_store::Store) {
    let first = store
        .get_scene(uuid!("11111111-1111-4111-8111-111111111111"))
        .await
        .unwrap()
        .expect("the Phase 1 row");
    assert_eq!(
        first.project_id,
        uuid!("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa")
    );
    assert_eq!(first.name.as_deref(), Some("Intro 'quoted' ✓"));
    assert_eq!(first.order, Some(0));
    assert_eq!(
        first.tsx_code,
        "export default function A() { return <div>\"hi\" ✓</div>; }"
    );
    assert_eq!(
        first.props,
        Some(serde_json::json!({"title": "Hi", "n": [1, 2.5, null]}))
    );
    assert_eq!(first.duration, 240);
    assert_eq!(first.created_at, datetime!(2024-05-01 10:00:00.123456 UTC));
    assert_eq!(first.updated_at, datetime!(2024-05-02 11:30:00.654321 UTC));
    assert_eq!(
        first.js_compiled_at,
        Some(datetime!(2024-05-01 10:00:01.000001 UTC))
    );
    assert_eq!(
        first.compilation_error.as_deref(),
        Some("an old error kept for the record")
    );
    // The added columns hold their defaults.
    assert_eq!(first.compilation_version, 1);
    assert_eq!(first.compile_meta, None);
    assert_eq!(first.param_js_code, None);
    assert_eq!(first.param_compilation_version, None);
    assert_eq!(first.param_compile_meta, None);
    assert_eq!(first.content_hash, None);
    assert_eq!(first.backfill_claimed_by, None);
    assert_eq!(first.status(), CompileStatus::Compiled);
    let all = store.list_scenes(&Default::default()).await.unwrap();
    assert_eq!(all.len(), 3);
    // Already compiled in Phase 1: nothing for the backfill.
    assert_eq!(store.backfill_status().await.unwrap().pending, 0);
}

fn migrations_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations")
}

/// The forbidden operations in `sql`: DROP, RENAME, and ALTER … TYPE, as whole tokens outside
/// comments, string literals and quoted identifiers.
fn forbidden_operations(sql: &str) -> Vec<String> {
    let code = strip_comments_and_quotes(sql);
    let mut found = Vec::new();
    for statement in code.split(';') {
        let tokens: Vec<String> = statement
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|t| !t.is_empty())
            .map(str::to_ascii_uppercase)
            .collect();
        for word in ["DROP", "RENAME"] {
            if tokens.iter().any(|t| t == word) {
                found.push(word.to_string());
            }
        }
        if tokens.iter().any(|t| t == "ALTER") && tokens.iter().any(|t| t == "TYPE") {
            found.push("ALTER … TYPE".to_string());
        }
    }
    found
}

/// `sql` with comments, '…' literals and "…" identifiers blanked out.
fn strip_comments_and_quotes(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '-' if chars.peek() == Some(&'-') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                out.push('\n');
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                out.push(' ');
            }
            '\'' | '"' => {
                // A doubled quote inside is an escaped quote: closing and reopening is the same.
                for inner in chars.by_ref() {
                    if inner == c {
                        break;
                    }
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn the_migration_check_matches_tokens_not_substrings() {
    assert!(forbidden_operations("ALTER TABLE scenes ADD COLUMN dropped_at TEXT").is_empty());
    assert!(forbidden_operations("CREATE TABLE renamed_things (type_name text)").is_empty());
    assert!(forbidden_operations("-- we never DROP anything\nCREATE INDEX i ON t (x)").is_empty());
    assert!(
        forbidden_operations("/* RENAME later */ SELECT 'drop table x', \"rename\"").is_empty()
    );
    assert_eq!(forbidden_operations("drop index scenes_idx"), ["DROP"]);
    assert_eq!(
        forbidden_operations("ALTER TABLE a RENAME TO b"),
        ["RENAME"]
    );
    assert_eq!(
        forbidden_operations("alter table s alter column x type bigint"),
        ["ALTER … TYPE"]
    );
    assert_eq!(
        forbidden_operations("ALTER TABLE s ALTER COLUMN x SET DATA TYPE text;"),
        ["ALTER … TYPE"]
    );
    assert_eq!(
        forbidden_operations("ALTER TABLE t DROP COLUMN c"),
        ["DROP"]
    );
}

#[test]
fn migrations_are_additive_only() {
    let mut checked = 0;
    for backend in ["sqlite", "postgres"] {
        let dir = migrations_dir().join(backend);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let sql = std::fs::read_to_string(&path).unwrap();
            let found = forbidden_operations(&sql);
            assert!(found.is_empty(), "{}: {found:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 8, "found the migration files ({checked})");
}

#[test]
fn both_backends_have_the_same_migrations() {
    let names = |backend: &str| {
        let mut names: Vec<String> = std::fs::read_dir(migrations_dir().join(backend))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("sqlite"), names("postgres"));
}
