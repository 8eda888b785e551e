//! Export jobs: queued, claimed by one worker at a time, progress renewing the claim, a dead
//! worker's job taken over after the lease, a lost claim never overwriting the new owner, and
//! jobs given up after too many abandoned attempts.

use std::time::Duration;

use scenebox_store::{ExportOutcome, ExportState, NewExport};
use serde_json::json;
use uuid::Uuid;

use crate::support::{both, tick, TestDb};

both!(
    a_job_runs_once_from_queue_to_done,
    a_dead_workers_job_is_taken_over,
    a_lost_claim_writes_nothing,
    jobs_are_given_up_after_max_attempts,
    released_jobs_go_back_to_the_queue,
);

const LEASE: Duration = Duration::from_secs(60);

fn new_export(frames: u32) -> NewExport {
    NewExport {
        scene_id: Uuid::new_v4(),
        options: json!({"codec": "h264", "frames": "all"}),
        frames_total: frames,
    }
}

async fn a_job_runs_once_from_queue_to_done(db: TestDb) {
    let store = db.store().await;
    let queued = store.create_export(&new_export(30)).await.unwrap();
    assert_eq!(queued.state, ExportState::Queued);
    assert_eq!(
        (queued.frames_total, queued.frames_done, queued.attempts),
        (30, 0, 0)
    );
    assert_eq!(queued.options["codec"], "h264");

    let claimed = store.claim_export("a", LEASE, 3).await.unwrap().unwrap();
    assert_eq!(claimed.id, queued.id);
    assert_eq!(claimed.state, ExportState::Running);
    assert_eq!(claimed.claimed_by.as_deref(), Some("a"));
    assert_eq!(claimed.attempts, 1);
    // Nobody else gets it while the claim is live.
    assert!(store.claim_export("b", LEASE, 3).await.unwrap().is_none());

    assert!(store.export_progress(queued.id, "a", 12).await.unwrap());
    let running = store.get_export(queued.id).await.unwrap().unwrap();
    assert_eq!(running.frames_done, 12);
    assert!(running.claimed_at.unwrap() >= claimed.claimed_at.unwrap());

    let done = ExportOutcome::Done {
        output_file: format!("{}.mp4", queued.id),
        output_bytes: 12345,
        warnings: json!([{"property": "transform"}]),
    };
    assert!(store.finish_export(queued.id, "a", &done).await.unwrap());
    let finished = store.get_export(queued.id).await.unwrap().unwrap();
    assert_eq!(finished.state, ExportState::Done);
    assert_eq!(finished.frames_done, 30);
    assert_eq!(finished.output_bytes, Some(12345));
    assert_eq!(finished.output_file, Some(format!("{}.mp4", queued.id)));
    assert_eq!(finished.warnings.unwrap()[0]["property"], "transform");
    assert!(finished.finished_at.is_some());
    // A finished job is never claimed again.
    assert!(store
        .claim_export("b", Duration::ZERO, 3)
        .await
        .unwrap()
        .is_none());
    assert!(store.get_export(Uuid::new_v4()).await.unwrap().is_none());
}

async fn a_dead_workers_job_is_taken_over(db: TestDb) {
    let store = db.store().await;
    let first = store.create_export(&new_export(10)).await.unwrap();
    let second = store.create_export(&new_export(10)).await.unwrap();
    // Oldest first.
    let dead = store.claim_export("dead", LEASE, 3).await.unwrap().unwrap();
    assert_eq!(dead.id, first.id);
    assert!(store.export_progress(first.id, "dead", 4).await.unwrap());

    // Within the lease, the next worker gets the other job.
    let live = store.claim_export("live", LEASE, 3).await.unwrap().unwrap();
    assert_eq!(live.id, second.id);

    // The dead worker never renews; once its claim is older than the lease it is taken over
    // and starts from frame 0.
    tick().await;
    let rescued = store
        .claim_export("rescue", Duration::from_millis(1), 3)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rescued.id, first.id);
    assert_eq!(rescued.attempts, 2);
    assert_eq!(rescued.frames_done, 0);
    assert_eq!(rescued.claimed_by.as_deref(), Some("rescue"));
}

async fn a_lost_claim_writes_nothing(db: TestDb) {
    let store = db.store().await;
    let job = store.create_export(&new_export(10)).await.unwrap();
    store.claim_export("slow", LEASE, 3).await.unwrap().unwrap();
    tick().await;
    store
        .claim_export("fast", Duration::from_millis(1), 3)
        .await
        .unwrap()
        .unwrap();
    // The slow worker wakes up: its progress and result are refused.
    assert!(!store.export_progress(job.id, "slow", 9).await.unwrap());
    let failed = ExportOutcome::Failed {
        error: json!({"kind": "Encode"}),
        warnings: json!([]),
    };
    assert!(!store.finish_export(job.id, "slow", &failed).await.unwrap());
    assert!(!store.release_export(job.id, "slow").await.unwrap());
    let current = store.get_export(job.id).await.unwrap().unwrap();
    assert_eq!(current.state, ExportState::Running);
    assert_eq!(current.claimed_by.as_deref(), Some("fast"));
    assert_eq!(current.frames_done, 0);

    // The owner's failure is recorded.
    assert!(store.finish_export(job.id, "fast", &failed).await.unwrap());
    let current = store.get_export(job.id).await.unwrap().unwrap();
    assert_eq!(current.state, ExportState::Failed);
    assert_eq!(current.error.unwrap()["kind"], "Encode");
}

async fn jobs_are_given_up_after_max_attempts(db: TestDb) {
    let store = db.store().await;
    let job = store.create_export(&new_export(10)).await.unwrap();
    let stale = Duration::from_millis(1);
    for worker in ["w1", "w2"] {
        tick().await;
        let claimed = store.claim_export(worker, stale, 2).await.unwrap().unwrap();
        assert_eq!(claimed.id, job.id);
    }
    tick().await;
    // Two abandoned attempts of at most two: failed, not claimed a third time.
    assert!(store.claim_export("w3", stale, 2).await.unwrap().is_none());
    let given_up = store.get_export(job.id).await.unwrap().unwrap();
    assert_eq!(given_up.state, ExportState::Failed);
    assert_eq!(given_up.attempts, 2);
    assert_eq!(given_up.error.unwrap()["kind"], "Abandoned");
}

async fn released_jobs_go_back_to_the_queue(db: TestDb) {
    let store = db.store().await;
    let job = store.create_export(&new_export(10)).await.unwrap();
    store
        .claim_export("stopping", LEASE, 3)
        .await
        .unwrap()
        .unwrap();
    assert!(store.release_export(job.id, "stopping").await.unwrap());
    let queued = store.get_export(job.id).await.unwrap().unwrap();
    assert_eq!(queued.state, ExportState::Queued);
    assert_eq!((queued.attempts, queued.claimed_by), (0, None));
    let next = store.claim_export("next", LEASE, 3).await.unwrap().unwrap();
    assert_eq!((next.id, next.attempts), (job.id, 1));
}
