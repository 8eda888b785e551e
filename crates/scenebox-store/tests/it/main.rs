//! Integration tests of `scenebox-store`. Every store test runs on both backends: a temp-file
//! SQLite database and a fresh schema on the local PostgreSQL server.

mod support;

mod backfill;
mod compile_on_write;
mod connect;
mod events;
mod exports;
mod import_export;
mod migrations;
mod storage;
