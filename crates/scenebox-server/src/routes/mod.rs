//! The HTTP handlers, one module per resource; each is annotated for the OpenAPI document.

pub mod backfill;
pub mod flags;
pub mod ops;
pub mod render;
pub mod scenes;
