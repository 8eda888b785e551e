//! Events round-trip on both backends, and the daily report gives the same numbers from each.

use std::collections::BTreeMap;

use scenebox_store::{percentile, DailyReport, Event, EventKind, Store};
use time::macros::datetime;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::support::{both, Kind, TestDb};

both!(events_round_trip, daily_report_counts);

async fn events_round_trip(db: TestDb) {
    let store = db.store().await;
    let scene = Uuid::new_v4();
    let full = Event {
        id: None,
        at: datetime!(2024-07-01 12:00:00.123456 UTC),
        scene_id: Some(scene),
        kind: EventKind::Execute,
        model: Some("param".into()),
        duration_ms: 148.25,
        input_bytes: Some(2_701),
        output_bytes: Some(9_000_000_000),
        error_class: Some("Timeout".into()),
        retries: 1,
        detail: Some(serde_json::json!({"frame": 42, "attempts": [{"ok": false}, {"ok": true}]})),
    };
    let bare = Event {
        at: datetime!(2024-07-01 12:00:00.123457 UTC),
        ..Event::new(EventKind::Other("render".into()), 0.5)
    };
    let fallback = Event {
        // Stored at microsecond precision, in UTC.
        at: datetime!(2024-07-01 14:00:00.999999999 +02:00),
        ..Event::new(EventKind::Fallback, 3.0)
    };
    let outside = Event {
        at: datetime!(2024-07-02 00:00:00 UTC),
        ..Event::new(EventKind::Compile, 1.0)
    };
    let mut ids = Vec::new();
    for event in [&full, &bare, &fallback, &outside] {
        ids.push(store.record_event(event).await.unwrap());
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]));

    let got = store
        .events_between(
            datetime!(2024-07-01 00:00 UTC),
            datetime!(2024-07-02 00:00 UTC),
        )
        .await
        .unwrap();
    let want = vec![
        Event {
            id: Some(ids[0]),
            ..full
        },
        Event {
            id: Some(ids[1]),
            ..bare
        },
        Event {
            id: Some(ids[2]),
            at: datetime!(2024-07-01 12:00:00.999999 UTC),
            ..fallback
        },
    ];
    assert_eq!(got, want);
    assert_eq!(
        store.scene_events(scene).await.unwrap(),
        vec![want[0].clone()]
    );
    // JSON shape for reports and APIs.
    let json = serde_json::to_value(&want[0]).unwrap();
    assert_eq!(json["kind"], "execute");
    assert_eq!(json["at"], "2024-07-01T12:00:00.123456Z");
}

fn event(
    at: OffsetDateTime,
    kind: EventKind,
    model: Option<&str>,
    ms: f64,
    error: Option<&str>,
    retries: i32,
) -> Event {
    Event {
        id: None,
        at,
        scene_id: Some(Uuid::new_v4()),
        kind,
        model: model.map(str::to_string),
        duration_ms: ms,
        input_bytes: None,
        output_bytes: None,
        error_class: error.map(str::to_string),
        retries,
        detail: None,
    }
}

/// Two days of events plus two outside the reported range.
fn report_events() -> Vec<Event> {
    use EventKind::{Compile, Execute, Fallback};
    let day1 = datetime!(2024-06-01 00:00 UTC);
    let day2 = datetime!(2024-06-02 00:00 UTC);
    let hours = |h: i64| time::Duration::hours(h);
    vec![
        event(
            day1 - time::Duration::microseconds(1),
            Compile,
            None,
            999.0,
            None,
            0,
        ),
        event(day1, Compile, Some("both"), 1.0, None, 0),
        event(day1 + hours(1), Compile, Some("both"), 2.0, None, 0),
        event(
            day1 + hours(2),
            Compile,
            Some("phase1"),
            10.0,
            Some("Syntax"),
            0,
        ),
        event(day1 + hours(3), Compile, Some("both"), 4.0, None, 0),
        event(day1 + hours(4), Compile, Some("both"), 3.0, None, 0),
        event(day1 + hours(5), Execute, Some("phase1"), 150.0, None, 0),
        event(
            day1 + hours(6),
            Execute,
            Some("phase1"),
            2000.0,
            Some("Timeout"),
            1,
        ),
        event(day1 + hours(7), Execute, Some("phase1"), 160.0, None, 0),
        event(day1 + hours(8), Execute, Some("param"), 140.0, None, 0),
        event(day1 + hours(9), Execute, None, 140.0, Some("Render"), 0),
        event(
            day2 - time::Duration::microseconds(1),
            Fallback,
            Some("param"),
            0.0,
            None,
            2,
        ),
        event(day2, Compile, Some("both"), 5.5, None, 0),
        event(
            day2 + hours(23),
            Execute,
            Some("param"),
            1.0,
            Some("OutOfMemory"),
            1,
        ),
        event(day2 + hours(24), Compile, None, 999.0, None, 0),
    ]
}

async fn report_of(store: &Store) -> Vec<DailyReport> {
    for event in report_events() {
        store.record_event(&event).await.unwrap();
    }
    store
        .daily_report(
            datetime!(2024-06-01 00:00 UTC),
            datetime!(2024-06-03 00:00 UTC),
        )
        .await
        .unwrap()
}

async fn daily_report_counts(db: TestDb) {
    let store = db.store().await;
    let report = report_of(&store).await;
    let counts = |pairs: &[(&str, u64)]| -> BTreeMap<String, u64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    let want = vec![
        DailyReport {
            day: "2024-06-01".into(),
            compiles: 5,
            compile_failures: 1,
            compile_ms_p50: Some(3.0),
            compile_ms_p95: percentile(&[1.0, 2.0, 3.0, 4.0, 10.0], 95.0),
            executions: counts(&[("param", 1), ("phase1", 3), ("unknown", 1)]),
            execution_errors: counts(&[("phase1", 1), ("unknown", 1)]),
            fallbacks: 1,
            retries: 3,
        },
        DailyReport {
            day: "2024-06-02".into(),
            compiles: 1,
            compile_failures: 0,
            compile_ms_p50: Some(5.5),
            compile_ms_p95: Some(5.5),
            executions: counts(&[("param", 1)]),
            execution_errors: counts(&[("param", 1)]),
            fallbacks: 0,
            retries: 1,
        },
    ];
    assert_eq!(report, want);
    assert!((report[0].compile_ms_p95.unwrap() - 8.8).abs() < 1e-9);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json[0]["execution_errors"]["phase1"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn daily_report_is_the_same_on_both_backends() {
    let (sqlite, postgres) = (
        TestDb::new(Kind::Sqlite).await,
        TestDb::new(Kind::Postgres).await,
    );
    let from_sqlite = report_of(&sqlite.store().await).await;
    let from_postgres = report_of(&postgres.store().await).await;
    assert_eq!(from_sqlite.len(), 2);
    assert_eq!(from_sqlite, from_postgres);
    assert_eq!(
        serde_json::to_string(&from_sqlite).unwrap(),
        serde_json::to_string(&from_postgres).unwrap()
    );
}
