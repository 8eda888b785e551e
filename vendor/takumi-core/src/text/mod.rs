//! Blink's `platform/text`.

pub(crate) mod bidi_data;
pub(crate) mod bidi_paragraph;
pub(crate) mod capitalize;
pub(crate) mod case_map;
pub(crate) mod character;
pub(crate) mod character_variants;
pub(crate) mod emoji_segmentation_category;
pub(crate) mod justification_opportunity;
pub(crate) mod line_break_iterator;
pub(crate) mod variation_sequence;
