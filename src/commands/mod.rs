//! One module per `scenebox` subcommand.

pub mod bench;
pub mod compile;
pub mod diff;
pub mod render;
