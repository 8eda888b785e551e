//! One watchdog thread for the whole process: it terminates JS execution in an isolate whose
//! deadline passed (a synchronous `for(;;){}` cannot be interrupted any other way).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Instant;

use deno_core::v8;

struct Entry {
    id: u64,
    deadline: Instant,
    isolate: v8::IsolateHandle,
    fired: Arc<AtomicBool>,
}

#[derive(Default)]
struct State {
    next_id: u64,
    entries: Vec<Entry>,
    /// When the watchdog thread wakes up next on its own (`None`: only when notified).
    wakes_at: Option<Instant>,
}

struct Watchdog {
    state: Mutex<State>,
    wake: Condvar,
}

fn watchdog() -> &'static Watchdog {
    static WATCHDOG: OnceLock<&'static Watchdog> = OnceLock::new();
    WATCHDOG.get_or_init(|| {
        let dog: &'static Watchdog = Box::leak(Box::new(Watchdog {
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
        }));
        std::thread::Builder::new()
            .name("scenebox-watchdog".into())
            .spawn(move || dog.run())
            .expect("spawning the watchdog thread");
        dog
    })
}

impl Watchdog {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn run(&self) {
        let mut state = self.lock();
        loop {
            let now = Instant::now();
            state.entries.retain(|entry| {
                if entry.deadline <= now {
                    entry.fired.store(true, Ordering::SeqCst);
                    entry.isolate.terminate_execution();
                    false
                } else {
                    true
                }
            });
            let next = state.entries.iter().map(|e| e.deadline).min();
            state.wakes_at = next;
            state = match next {
                Some(deadline) => {
                    let wait = deadline.saturating_duration_since(Instant::now());
                    self.wake
                        .wait_timeout(state, wait)
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
                None => self.wake.wait(state).unwrap_or_else(|p| p.into_inner()),
            };
        }
    }
}

/// A deadline on one isolate; disarmed when dropped.
pub(crate) struct Deadline {
    id: u64,
    fired: Arc<AtomicBool>,
}

impl Deadline {
    /// Terminates `isolate`'s running JS at `deadline` unless dropped first.
    pub fn arm(isolate: v8::IsolateHandle, deadline: Instant) -> Self {
        let dog = watchdog();
        let fired = Arc::new(AtomicBool::new(false));
        let mut state = dog.lock();
        state.next_id += 1;
        let id = state.next_id;
        state.entries.push(Entry {
            id,
            deadline,
            isolate,
            fired: fired.clone(),
        });
        // Waking the thread costs a context switch on the job's core: only when it would
        // otherwise sleep past this deadline. (Deadlines are armed stage after stage, each
        // later than the last, so the thread usually wakes once per frame limit, finds the
        // earlier deadlines disarmed and sleeps until the earliest one left.)
        let wake = state.wakes_at.is_none_or(|at| deadline < at);
        drop(state);
        if wake {
            dog.wake.notify_one();
        }
        Self { id, fired }
    }

    /// Whether the watchdog terminated the isolate for this deadline.
    pub fn fired(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let dog = watchdog();
        dog.lock().entries.retain(|e| e.id != self.id);
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::Deadline;
    use crate::config::Limits;
    use crate::isolate::SceneIsolate;

    /// The watchdog is woken only for a deadline earlier than the one it sleeps toward: an
    /// endless loop under a short deadline armed after a long one must still be stopped on time.
    #[test]
    fn an_earlier_deadline_wakes_a_watchdog_sleeping_toward_a_later_one() {
        let limits = Limits::default();
        let mut idle = SceneIsolate::new(&limits).unwrap();
        let far = Deadline::arm(
            idle.thread_safe_handle(),
            Instant::now() + Duration::from_secs(60),
        );
        let mut looping = SceneIsolate::new(&limits).unwrap();
        let endless = looping
            .compile_function("for (;;) {}", "loop.js", &[], None)
            .unwrap();
        let started = Instant::now();
        let near = Deadline::arm(
            looping.thread_safe_handle(),
            started + Duration::from_millis(100),
        );
        let failure = looping.call(&endless, &[]).unwrap_err();
        let elapsed = started.elapsed();
        assert!(failure.terminated, "{}", failure.message);
        assert!(near.fired());
        assert!(!far.fired());
        assert!(elapsed >= Duration::from_millis(100), "{elapsed:?}");
        // Bounded by the test run, not a timing target: a watchdog left asleep would only
        // wake after 60 s.
        assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
    }
}
