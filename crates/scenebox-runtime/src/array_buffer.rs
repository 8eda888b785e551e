//! An ArrayBuffer allocator with a hard cap: ArrayBuffer memory lives outside the V8 heap,
//! so the heap limit does not bound it. Past the cap an allocation fails and V8 throws
//! `RangeError: Array buffer allocation failed` inside the scene.

use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use deno_core::v8;

/// Bytes handed out and the cap, shared by V8 through the allocator's handle.
struct Budget {
    used: AtomicUsize,
    cap: usize,
    refused: Arc<AtomicBool>,
}

impl Budget {
    fn reserve(&self, len: usize) -> bool {
        let granted = self
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(len).filter(|total| *total <= self.cap)
            })
            .is_ok();
        if !granted {
            // V8 answers a refused allocation with a last-resort GC that reaches the
            // near-heap-limit callback; this flag tells it the heap is not the problem.
            self.refused.store(true, Ordering::SeqCst);
        }
        granted
    }

    fn release(&self, len: usize) {
        self.used.fetch_sub(len, Ordering::AcqRel);
    }
}

unsafe extern "C" fn allocate(budget: &Budget, len: usize) -> *mut c_void {
    if !budget.reserve(len) {
        return std::ptr::null_mut();
    }
    // SAFETY: calloc of a non-zero size (V8 may ask for 0; calloc(1) keeps the pointer valid).
    let ptr = unsafe { libc::calloc(len.max(1), 1) };
    if ptr.is_null() {
        budget.release(len);
    }
    ptr
}

unsafe extern "C" fn allocate_uninitialized(budget: &Budget, len: usize) -> *mut c_void {
    if !budget.reserve(len) {
        return std::ptr::null_mut();
    }
    // SAFETY: malloc of a non-zero size.
    let ptr = unsafe { libc::malloc(len.max(1)) };
    if ptr.is_null() {
        budget.release(len);
    }
    ptr
}

unsafe extern "C" fn free(budget: &Budget, data: *mut c_void, len: usize) {
    // SAFETY: `data` came from calloc/malloc above (V8 returns what it was given).
    unsafe { libc::free(data) };
    budget.release(len);
}

unsafe extern "C" fn drop(budget: *const Budget) {
    // SAFETY: the pointer is the `Box::into_raw` of `capped_allocator`, dropped once by V8.
    unsafe { std::mem::drop(Box::from_raw(budget as *mut Budget)) };
}

static VTABLE: v8::RustAllocatorVtable<Budget> = v8::RustAllocatorVtable {
    allocate,
    allocate_uninitialized,
    free,
    drop,
};

/// An allocator that refuses ArrayBuffer memory beyond `cap` bytes in total, setting
/// `refused` whenever it does.
pub(crate) fn capped_allocator(
    cap: usize,
    refused: Arc<AtomicBool>,
) -> v8::UniqueRef<v8::Allocator> {
    let budget = Box::into_raw(Box::new(Budget {
        used: AtomicUsize::new(0),
        cap,
        refused,
    }));
    // SAFETY: `budget` is a valid heap pointer that V8 releases through `VTABLE.drop`.
    unsafe { v8::new_rust_allocator(budget, &VTABLE) }
}
