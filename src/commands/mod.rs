//! One module per `scenebox` subcommand.

pub mod compile;
