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
        drop(state);
        dog.wake.notify_one();
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
