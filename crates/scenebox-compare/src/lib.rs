//! `scenebox-compare`: proves, scene by scene and frame by frame, where the Phase 1 and the
//! parameterized execution models agree and where they don't, and says why.
//!
//! * [`compare`] renders both artifacts of a scene and classifies the pair ([`Status`]) with the
//!   first differing frame and JSON path, or both typed errors.
//! * [`ShadowRunner`] answers with the primary model and runs the other beside it
//!   ([`ExecutionMode`]: `phase1 | param | shadow | param_with_fallback`), handing comparisons
//!   to a [`ShadowSink`]; a parameterized failure under `param_with_fallback` is answered by
//!   Phase 1 ([`Fallback`]).
//! * [`Summary`] tallies a corpus run; [`smoke`] is the staging smoke test's sampling and
//!   per-scene check.

mod compare;
mod shadow;
pub mod smoke;
mod summary;
mod tree_diff;

pub use compare::{
    classify, compare, CompareRequest, Comparison, FirstDifference, ModelSummary, Status,
};
pub use shadow::{Execution, ExecutionMode, Fallback, ShadowRunner, ShadowSink};
pub use summary::Summary;
pub use tree_diff::{first_difference, TreeDifference};
