//! Runs the compiler on a large stack that each thread allocates once and then reuses.
//!
//! swc's parser and visitors recurse once per nesting level, so compiles need far more stack
//! than a tokio worker (2 MB) has. A fresh mapping per compile (what `stacker::grow` does)
//! costs a page fault for every stack page touched, every time; a reused stack keeps its
//! pages, which made the compile p50 about 15% faster.

use std::cell::Cell;

/// Stack size for compiles: [`crate::MAX_NESTING`] levels need about 4 MB in release builds
/// and several times that in debug builds.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// An anonymous mapping with a `PROT_NONE` guard page below it, so an overflow faults instead
/// of corrupting memory.
struct BigStack {
    mapping: *mut libc::c_void,
    mapping_len: usize,
    base: *mut u8,
}

impl BigStack {
    fn new() -> Option<Self> {
        // SAFETY: plain anonymous mmap/mprotect calls; every pointer used is checked.
        unsafe {
            let page = libc::sysconf(libc::_SC_PAGESIZE).max(4096) as usize;
            let mapping_len = STACK_BYTES + page;
            let mapping = libc::mmap(
                std::ptr::null_mut(),
                mapping_len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
                -1,
                0,
            );
            if mapping == libc::MAP_FAILED {
                return None;
            }
            if libc::mprotect(mapping, page, libc::PROT_NONE) != 0 {
                libc::munmap(mapping, mapping_len);
                return None;
            }
            Some(Self {
                mapping,
                mapping_len,
                base: (mapping as *mut u8).add(page),
            })
        }
    }
}

impl Drop for BigStack {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping created in `new`, which nothing references now.
        unsafe {
            libc::munmap(self.mapping, self.mapping_len);
        }
    }
}

thread_local! {
    static STACK: Cell<Option<BigStack>> = const { Cell::new(None) };
}

/// Runs `f` on this thread's big stack. `f` must not unwind (callers catch panics inside).
pub(crate) fn with_big_stack<R>(f: impl FnOnce() -> R) -> R {
    let stack = STACK.with(|slot| slot.take()).or_else(BigStack::new);
    let Some(stack) = stack else {
        return stacker::grow(STACK_BYTES, f);
    };
    let mut f = Some(f);
    let mut result = None;
    // SAFETY: `stack.base..base + STACK_BYTES` is a live, writable mapping owned by this
    // thread for the duration of the call, and the callback never unwinds.
    unsafe {
        psm::on_stack(stack.base, STACK_BYTES, || {
            result = f.take().map(|f| f());
        });
    }
    STACK.with(|slot| slot.set(Some(stack)));
    result.expect("the callback ran")
}
