//! The HTTP handlers, one module per resource; each is annotated for the OpenAPI document.

pub mod backfill;
pub mod exports;
pub mod flags;
pub mod ops;
pub mod render;
pub mod scenes;

/// A timestamp as RFC 3339 text, the way every view writes times.
pub(crate) fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
