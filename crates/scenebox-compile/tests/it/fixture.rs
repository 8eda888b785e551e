//! The fixture corpora, shared with the other crates' tests.

pub use scenebox_fixtures::{load, Fixture};
