//! Integration tests of the export service: a real server on a loopback port (in this process,
//! so each test picks its limits), driven over HTTP with reqwest.

mod backfill;
mod exports;
mod flags;
mod hostile;
mod limits;
mod ops;
mod render;
mod scenes;
mod support;
