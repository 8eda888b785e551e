//! The store from the command line: import → backfill → report on the embedded SQLite, and
//! several real `scenebox backfill` processes on one PostgreSQL, one of them killed mid-run.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::scenebox;

fn psql(sql: &str) -> String {
    for user in ["postgres", "root"] {
        let output = Command::new("psql")
            .args([
                "-h",
                "127.0.0.1",
                "-U",
                user,
                "-d",
                "test",
                "-At",
                "-c",
                sql,
            ])
            .output()
            .expect("psql (the PostgreSQL client) is installed");
        if output.status.success() {
            return String::from_utf8_lossy(&output.stdout).trim().to_string();
        }
    }
    panic!("psql could not run `{sql}` on 127.0.0.1:5432/test");
}

#[test]
fn import_backfill_and_report_on_the_embedded_default() {
    let dir = std::env::temp_dir().join(format!("scenebox-store-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("scenebox.db");
    let db = db.to_str().unwrap();
    let html = dir.join("report.html");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--database-url", db]);
        let output = scenebox(&all);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(run(&["import", "fixtures/scenes"]).contains("imported 59 of 59"));
    assert!(run(&["backfill", "--dry-run", "--quiet"]).contains("would have compiled 59"));
    assert!(run(&["backfill", "--quiet", "--batch-size", "20"])
        .contains("compiled 59, skipped 0, failed 0 in 3 batch(es)"));
    assert!(
        run(&["backfill", "--quiet"]).contains("compiled 0"),
        "a second run finds nothing left"
    );
    assert!(run(&["diff", "--db", "--frames", "0"]).contains("no regressions"));
    let report: serde_json::Value =
        serde_json::from_str(&run(&["report", "--json", "--out", html.to_str().unwrap()])).unwrap();
    let storage = &report["storage"];
    let report = &report["days"];
    assert_eq!(report[0]["compiles"], 59);
    assert_eq!(
        report[0]["executions"],
        serde_json::json!({"param": 59, "phase1": 59}),
        "one event per execution attempt"
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.matches("<svg").count() >= 4);
    assert!(page.contains("Storage") && page.contains("TSX KiB by day of creation"));
    let tsx_bytes: usize = scenebox_fixtures::load("scenes")
        .iter()
        .map(|f| f.tsx.len())
        .sum();
    assert_eq!(storage["scenes"], 59);
    assert_eq!(storage["tsx_bytes"], tsx_bytes);
    assert_eq!(
        storage["phase1_artifacts"], 59,
        "the backfill wrote Phase 1 artifacts"
    );
    assert_eq!(
        storage["param_artifacts"], 0,
        "the backfill writes no version 2"
    );
    assert!(storage["phase1_ratio_p50"].as_f64().unwrap() > 0.5);
    assert!(storage["database_bytes"].as_u64().unwrap() > tsx_bytes as u64);
    let export = run(&["export", "--jsonl"]);
    let rows: Vec<serde_json::Value> = export
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 59);
    assert!(rows
        .iter()
        .all(|r| r["js_code"].is_string() && r["compile_meta"]["backfilled"] == true));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn several_backfill_processes_on_postgres_compile_every_scene_once_even_when_one_is_killed() {
    let schema = format!("sbx_cli_{}", std::process::id());
    psql(&format!("CREATE SCHEMA {schema}"));
    let url =
        format!("postgres://postgres@127.0.0.1:5432/test?options=-c%20search_path%3D{schema}");
    let url = if psql("SELECT current_user") == "root" {
        url.replace("postgres@", "root@")
    } else {
        url
    };

    // 3,000 distinct scenes (so every one really compiles), as JSONL.
    let scenes = scenebox_fixtures::load("scenes");
    let jsonl = std::env::temp_dir().join(format!("{schema}.jsonl"));
    let lines: Vec<String> = (0..3000)
        .map(|i| {
            let tsx = format!("// copy {i}\n{}", scenes[i % scenes.len()].tsx);
            serde_json::json!({"name": format!("scene-{i}"), "tsx_code": tsx}).to_string()
        })
        .collect();
    std::fs::write(&jsonl, lines.join("\n")).unwrap();
    let output = scenebox(&["import", jsonl.to_str().unwrap(), "--database-url", &url]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let worker = |id: &str| {
        Command::new(env!("CARGO_BIN_EXE_scenebox"))
            .args([
                "backfill",
                "--quiet",
                "--batch-size",
                "25",
                "--lease-seconds",
                "2",
                "--worker-id",
                id,
                "--database-url",
                &url,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut victim = worker("victim");
    let mut others = vec![worker("w1"), worker("w2")];
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        victim.try_wait().unwrap().is_none(),
        "the victim must still be working when it is killed"
    );
    victim.kill().unwrap(); // SIGKILL, mid-run
    victim.wait().unwrap();
    for child in &mut others {
        assert!(child.wait().unwrap().success());
    }
    // The victim's last claims expire after the lease; a new worker finishes them.
    std::thread::sleep(Duration::from_millis(2100));
    let mut finisher = worker("finisher");
    assert!(finisher.wait().unwrap().success());

    let count = |sql: &str| {
        psql(&format!("SET search_path = {schema}; {sql}"))
            .lines()
            .last()
            .unwrap()
            .to_string()
    };
    assert_eq!(count("SELECT count(*) FROM scenes"), "3000", "nothing lost");
    assert_eq!(
        count("SELECT count(*) FROM scenes WHERE js_code IS NULL"),
        "0",
        "every scene compiled"
    );
    assert_eq!(
        count("SELECT count(*) FROM scenes WHERE compile_meta->>'backfilled' = 'true'"),
        "3000"
    );
    assert_eq!(
        count("SELECT count(*) FROM (SELECT scene_id FROM events WHERE kind = 'compile' GROUP BY scene_id HAVING count(*) > 1) twice"),
        "0",
        "no scene compiled twice"
    );
    assert_eq!(
        count("SELECT count(DISTINCT scene_id) FROM events WHERE kind = 'compile'"),
        "3000"
    );
    psql(&format!("DROP SCHEMA {schema} CASCADE"));
    std::fs::remove_file(jsonl).unwrap();
}

/// The storage figures of `scenebox report --json` after importing and backfilling the fixture
/// corpus into the database at `url`.
fn corpus_storage(url: &str) -> serde_json::Value {
    for args in [
        &["import", "fixtures/scenes"][..],
        &["flags", "set", "metrics", "on"],
        &["backfill", "--quiet"],
    ] {
        let mut all = args.to_vec();
        all.extend(["--database-url", url]);
        let output = scenebox(&all);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let output = scenebox(&["report", "--json", "--database-url", url]);
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["storage"].clone()
}

#[test]
fn storage_figures_are_the_same_on_sqlite_and_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = corpus_storage(dir.path().join("scenebox.db").to_str().unwrap());
    let schema = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(scenebox_fixtures::postgres::PgSchema::create());
    let postgres = corpus_storage(&schema.url);
    for (name, value) in sqlite.as_object().unwrap() {
        if name != "database_bytes" {
            assert_eq!(
                &postgres[name], value,
                "`{name}` differs between SQLite and PostgreSQL"
            );
        }
    }
    assert_eq!(sqlite["scenes"], 59);
    assert!(postgres["database_bytes"].as_u64().unwrap() > 0);
    let ratio = sqlite["phase1_ratio_p50"].as_f64().unwrap();
    assert!((0.5..5.0).contains(&ratio), "JS/TSX p50 {ratio}");
}
