//! deno_core schedules V8's delayed tasks on a tokio runtime, so isolates are created and
//! driven inside one: each thread keeps its own current-thread runtime.

/// Runs `f` inside this thread's tokio runtime context.
pub(crate) fn with_tokio<R>(f: impl FnOnce() -> R) -> R {
    thread_local! {
        static TOKIO: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("building a tokio runtime");
    }
    TOKIO.with(|runtime| {
        let _entered = runtime.enter();
        f()
    })
}
