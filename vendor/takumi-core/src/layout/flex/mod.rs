//! Flexbox layout: Blink's flex layout algorithm and the line breaking and flexing it runs.

pub(crate) mod flex_item;
#[cfg(feature = "fragmentation")]
pub(crate) mod flex_item_iterator;
pub(crate) mod flex_layout_algorithm;
pub(crate) mod flex_line_breaker;
pub(crate) mod line_flexer;
