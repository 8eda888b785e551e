//! One sandboxed V8 isolate for one scene job: created from the start-up snapshot with a heap
//! limit, a capped ArrayBuffer allocator, no code generation from strings, no WebAssembly or
//! shared memory. Also the small set of V8 calls the job needs: compile the scene function,
//! call host functions, drain microtasks.
//!
//! The isolate is a plain V8 isolate (deno_core's `v8`), not a `JsRuntime`: a scene job needs
//! no ops, modules or event loop, and without them an isolate starts about 1 ms sooner and
//! nothing of Deno exists in it for scene code to reach.

use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use deno_core::{serde_v8, v8};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::array_buffer::capped_allocator;
use crate::config::Limits;
use crate::snapshot::{snapshot_isolate_params, HOST_DATA_INDEX};

/// A JS exception (or termination) caught by the host.
#[derive(Debug, Clone)]
pub(crate) struct JsFailure {
    /// `Error: message` as V8 reports it, or why execution stopped.
    pub message: String,
    /// The `stack` property of the thrown value, when it is an Error.
    pub stack: Option<String>,
    /// Execution was terminated (watchdog or heap limit), not thrown.
    pub terminated: bool,
}

/// The host API functions of the bundle (see js/src/entry.js).
#[derive(Clone, Copy)]
pub(crate) enum HostFn {
    InstallDeterminism,
    CreateExtras,
    CreateWindow,
    Mount,
    RenderFrame,
    Step,
    ReadFrame,
    SetLimits,
}

impl HostFn {
    const ALL: [HostFn; 8] = [
        HostFn::InstallDeterminism,
        HostFn::CreateExtras,
        HostFn::CreateWindow,
        HostFn::Mount,
        HostFn::RenderFrame,
        HostFn::Step,
        HostFn::ReadFrame,
        HostFn::SetLimits,
    ];

    fn js_name(self) -> &'static str {
        match self {
            HostFn::InstallDeterminism => "installDeterminism",
            HostFn::CreateExtras => "createExtras",
            HostFn::CreateWindow => "createWindow",
            HostFn::Mount => "mount",
            HostFn::RenderFrame => "renderFrame",
            HostFn::Step => "step",
            HostFn::ReadFrame => "readFrame",
            HostFn::SetLimits => "setLimits",
        }
    }
}

/// Opens a handle scope and enters the isolate's context as `$scope`.
macro_rules! context_scope {
    ($scope:ident, $isolate:expr) => {
        v8::scope!(let handles, &mut $isolate.isolate);
        let context = v8::Local::new(handles, &$isolate.context);
        let $scope = &mut v8::ContextScope::new(handles, context);
    };
}

/// What the near-heap-limit callback needs; boxed so V8 can hold a pointer to it.
struct HeapWatch {
    /// Set by the ArrayBuffer allocator when it refused memory.
    buffer_refused: Arc<AtomicBool>,
    /// Set when the heap limit stopped the scene.
    out_of_memory: Arc<AtomicBool>,
    handle: v8::IsolateHandle,
}

/// V8 calls this near the heap limit instead of aborting the process.
unsafe extern "C" fn near_heap_limit(data: *mut c_void, current: usize, _initial: usize) -> usize {
    // SAFETY: `data` is the `HeapWatch` boxed in the `SceneIsolate` that owns the isolate,
    // which outlives every callback.
    let watch = unsafe { &*(data as *const HeapWatch) };
    if watch.buffer_refused.swap(false, Ordering::SeqCst) {
        // The ArrayBuffer cap refused memory: the scene gets its RangeError, the heap itself
        // is fine.
        return current;
    }
    // Stop the scene instead of letting V8 abort the process; the extra room lets the
    // termination unwind.
    watch.out_of_memory.store(true, Ordering::SeqCst);
    watch.handle.terminate_execution();
    current.saturating_mul(2)
}

/// A sandboxed isolate with the host bundle loaded.
pub(crate) struct SceneIsolate {
    // Handles first: fields drop in order, and handles must go before their isolate.
    functions: Vec<v8::Global<v8::Function>>,
    remotion: v8::Global<v8::Value>,
    context: v8::Global<v8::Context>,
    isolate: v8::OwnedIsolate,
    out_of_memory: Arc<AtomicBool>,
    _heap_watch: Box<HeapWatch>,
}

impl SceneIsolate {
    /// A fresh isolate from the snapshot with `limits` applied.
    pub fn new(limits: &Limits) -> Result<Self, String> {
        keep_read_only_heap();
        let buffer_refused = Arc::new(AtomicBool::new(false));
        let create_params = snapshot_isolate_params()
            .heap_limits(0, limits.heap_bytes)
            .array_buffer_allocator(capped_allocator(
                limits.array_buffer_bytes,
                buffer_refused.clone(),
            ))
            .allow_atomics_wait(false);
        let mut isolate = v8::Isolate::new(create_params);
        // Microtasks run only when the host drains them (as in the snapshot's warm-up).
        isolate.set_microtasks_policy(v8::MicrotasksPolicy::Explicit);
        let out_of_memory = Arc::new(AtomicBool::new(false));
        let heap_watch = Box::new(HeapWatch {
            buffer_refused,
            out_of_memory: out_of_memory.clone(),
            handle: isolate.thread_safe_handle(),
        });
        isolate.add_near_heap_limit_callback(
            near_heap_limit,
            &*heap_watch as *const HeapWatch as *mut c_void,
        );
        let context = {
            v8::scope!(let scope, &mut isolate);
            let context = v8::Context::new(scope, Default::default());
            v8::Global::new(scope, context)
        };
        let (functions, remotion) = lock_down(&mut isolate, &context)?;
        Ok(SceneIsolate {
            functions,
            remotion,
            context,
            isolate,
            out_of_memory,
            _heap_watch: heap_watch,
        })
    }

    /// A handle the watchdog can use to stop this isolate's JS.
    pub fn thread_safe_handle(&mut self) -> v8::IsolateHandle {
        self.isolate.thread_safe_handle()
    }

    /// Whether the heap limit was reached.
    pub fn out_of_memory(&self) -> bool {
        self.out_of_memory.load(Ordering::SeqCst)
    }

    /// `SceneboxHost.Remotion`.
    pub fn remotion(&self) -> v8::Global<v8::Value> {
        self.remotion.clone()
    }

    /// Calls a host function with `args`.
    pub fn call_host(
        &mut self,
        function: HostFn,
        args: &[v8::Global<v8::Value>],
    ) -> Result<v8::Global<v8::Value>, JsFailure> {
        let function = self.functions[function as usize].clone();
        self.call(&function, args)
    }

    /// Calls `function` with `undefined` as `this`.
    pub fn call(
        &mut self,
        function: &v8::Global<v8::Function>,
        args: &[v8::Global<v8::Value>],
    ) -> Result<v8::Global<v8::Value>, JsFailure> {
        context_scope!(scope, self);
        v8::tc_scope!(let tc, scope);
        let function = v8::Local::new(tc, function);
        let args: Vec<v8::Local<v8::Value>> = args.iter().map(|a| v8::Local::new(tc, a)).collect();
        let receiver = v8::undefined(tc).into();
        match function.call(tc, receiver, &args) {
            Some(value) => Ok(v8::Global::new(tc, value)),
            None => Err(caught(tc)),
        }
    }

    /// Compiles scene code as a function body (V8's CompileFunction: scene code itself cannot
    /// generate code from strings) with `parameters`, and `extension` as a `with`-like scope
    /// (Phase 1's browser `window`).
    pub fn compile_function(
        &mut self,
        code: &str,
        resource_name: &str,
        parameters: &[&str],
        extension: Option<&v8::Global<v8::Value>>,
    ) -> Result<v8::Global<v8::Function>, JsFailure> {
        context_scope!(scope, self);
        v8::tc_scope!(let tc, scope);
        let (Some(source_text), Some(name)) = (
            v8::String::new(tc, code),
            v8::String::new(tc, resource_name),
        ) else {
            return Err(failure("the scene code is too large for V8"));
        };
        let origin = script_origin(tc, name);
        let mut source = v8::script_compiler::Source::new(source_text, Some(&origin));
        let mut params = Vec::with_capacity(parameters.len());
        for parameter in parameters {
            params.push(
                v8::String::new(tc, parameter)
                    .ok_or_else(|| failure("allocating a string failed"))?,
            );
        }
        let mut extensions = Vec::new();
        if let Some(extension) = extension {
            let object: v8::Local<v8::Object> = v8::Local::new(tc, extension)
                .try_into()
                .map_err(|_| failure("the Phase 1 window is not an object"))?;
            extensions.push(object);
        }
        let compiled = v8::script_compiler::compile_function(
            tc,
            &mut source,
            &params,
            &extensions,
            v8::script_compiler::CompileOptions::EagerCompile,
            v8::script_compiler::NoCacheReason::NoReason,
        );
        match compiled {
            Some(function) => Ok(v8::Global::new(tc, function)),
            None => Err(caught(tc)),
        }
    }

    /// Runs every queued microtask.
    pub fn perform_microtask_checkpoint(&mut self) {
        context_scope!(scope, self);
        scope.perform_microtask_checkpoint();
    }

    /// Converts a Rust value into a JS value.
    pub fn value_to_js<T: Serialize>(
        &mut self,
        value: &T,
    ) -> Result<v8::Global<v8::Value>, String> {
        context_scope!(scope, self);
        let local = serde_v8::to_v8(scope, value).map_err(|e| e.to_string())?;
        Ok(v8::Global::new(scope, local))
    }

    /// Converts a JS value into a Rust value through `JSON.stringify` (much faster than
    /// walking a large object with serde_v8).
    pub fn json_value<T: DeserializeOwned>(
        &mut self,
        value: &v8::Global<v8::Value>,
    ) -> Result<T, String> {
        let json = {
            context_scope!(scope, self);
            let local = v8::Local::new(scope, value);
            v8::json::stringify(scope, local)
                .ok_or("JSON.stringify failed")?
                .to_rust_string_lossy(scope)
        };
        serde_json::from_str(&json).map_err(|e| e.to_string())
    }

    /// Converts a JS value into a Rust value.
    pub fn value_from_js<T: DeserializeOwned>(
        &mut self,
        value: &v8::Global<v8::Value>,
    ) -> Result<T, String> {
        context_scope!(scope, self);
        let local = v8::Local::new(scope, value);
        serde_v8::from_v8(scope, local).map_err(|e| e.to_string())
    }
}

/// Keeps V8's read-only heap (the immutable maps, strings and builtins every isolate from the
/// snapshot shares) alive for the whole process. V8 frees it when the last isolate made from
/// the snapshot is disposed, and jobs run one isolate at a time per worker: without an
/// isolate that outlives them, every new isolate deserialised the read-only heap again. One
/// idle isolate, made once and never disposed (a few MB), keeps it shared.
fn keep_read_only_heap() {
    static KEEPER: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    KEEPER.get_or_init(|| {
        let keeper = v8::Isolate::new(snapshot_isolate_params());
        // SAFETY: the keeper was entered on creation and is the current isolate of this
        // thread; it is exited here and never used (or dropped) again.
        unsafe { keeper.exit() };
        std::mem::forget(keeper);
    });
}

/// Forbids code generation from strings in `context` and looks up the host API the snapshot
/// kept for the host (the global `SceneboxHost` is gone, see [`crate::snapshot`]): its
/// functions and `SceneboxHost.Remotion`.
#[allow(clippy::type_complexity)]
fn lock_down(
    isolate: &mut v8::OwnedIsolate,
    context: &v8::Global<v8::Context>,
) -> Result<(Vec<v8::Global<v8::Function>>, v8::Global<v8::Value>), String> {
    v8::scope!(let handles, isolate);
    let context = v8::Local::new(handles, context);
    let scope = &mut v8::ContextScope::new(handles, context);
    // Per context, not part of the snapshot.
    context.set_allow_generation_from_strings(false);
    remove_globals(scope, context)?;
    let host = scope
        .get_context_data_from_snapshot_once::<v8::Object>(HOST_DATA_INDEX)
        .map_err(|e| format!("the snapshot holds no host object: {e:?}"))?;
    let mut functions = Vec::with_capacity(HostFn::ALL.len());
    for f in HostFn::ALL {
        let key = v8::String::new(scope, f.js_name()).ok_or("allocating a string failed")?;
        let value = host
            .get(scope, key.into())
            .ok_or_else(|| format!("SceneboxHost.{} is missing", f.js_name()))?;
        let function: v8::Local<v8::Function> = value
            .try_into()
            .map_err(|_| format!("SceneboxHost.{} is not a function", f.js_name()))?;
        functions.push(v8::Global::new(scope, function));
    }
    let key = v8::String::new(scope, "Remotion").ok_or("allocating a string failed")?;
    let remotion = host
        .get(scope, key.into())
        .ok_or("SceneboxHost.Remotion is missing")?;
    Ok((functions, v8::Global::new(scope, remotion)))
}

/// The origin of a classic script (or function body) named `name`, as stack traces show it.
pub(crate) fn script_origin<'s>(
    scope: &v8::PinScope<'s, '_>,
    name: v8::Local<'s, v8::String>,
) -> v8::ScriptOrigin<'s> {
    v8::ScriptOrigin::new(
        scope,
        name.into(),
        0,
        0,
        false,
        0,
        None,
        false,
        false,
        false,
        None,
    )
}

/// Globals V8 installs in every context that scene code must not have.
const REMOVED_GLOBALS: [&str; 4] = ["WebAssembly", "SharedArrayBuffer", "Atomics", "Temporal"];

/// Deletes [`REMOVED_GLOBALS`] from the global object; one that cannot be deleted is pinned
/// to `undefined` (read-only, non-configurable) instead.
fn remove_globals(
    scope: &mut v8::PinScope<'_, '_>,
    context: v8::Local<'_, v8::Context>,
) -> Result<(), String> {
    let global = context.global(scope);
    for name in REMOVED_GLOBALS {
        let key = v8::String::new(scope, name).ok_or("allocating a string failed")?;
        global.delete(scope, key.into());
        if global.has(scope, key.into()) == Some(true) {
            let undefined = v8::undefined(scope).into();
            let attributes = v8::PropertyAttribute::READ_ONLY | v8::PropertyAttribute::DONT_DELETE;
            if global.define_own_property(scope, key.into(), undefined, attributes) != Some(true) {
                return Err(format!("could not remove the global {name}"));
            }
        }
    }
    Ok(())
}

fn failure(message: &str) -> JsFailure {
    JsFailure {
        message: message.to_string(),
        stack: None,
        terminated: false,
    }
}

/// Reads what a TryCatch caught.
pub(crate) fn caught(
    tc: &mut v8::PinnedRef<'_, v8::TryCatch<'_, '_, v8::HandleScope<'_>>>,
) -> JsFailure {
    if tc.has_terminated() {
        return JsFailure {
            message: "execution terminated".to_string(),
            stack: None,
            terminated: true,
        };
    }
    let Some(exception) = tc.exception() else {
        return failure("a call failed without an exception");
    };
    let message = tc
        .message()
        .map(|m| m.get(tc).to_rust_string_lossy(tc))
        .unwrap_or_else(|| exception.to_rust_string_lossy(tc));
    let stack = exception
        .is_object()
        .then(|| exception.to_object(tc))
        .flatten()
        .and_then(|object| {
            let key = v8::String::new(tc, "stack")?;
            object.get(tc, key.into())
        })
        .filter(|stack| stack.is_string())
        .map(|stack| stack.to_rust_string_lossy(tc));
    JsFailure {
        message,
        stack,
        terminated: false,
    }
}
