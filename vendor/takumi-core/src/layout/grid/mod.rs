//! Blink's grid layout algorithm and the placement and track sizing it runs.

pub(crate) mod grid_area;
pub(crate) mod grid_data;
pub(crate) mod grid_item;
pub(crate) mod grid_layout_algorithm;
pub(crate) mod grid_line_resolver;
pub(crate) mod grid_placement;
pub(crate) mod grid_style;
pub(crate) mod grid_track_collection;
pub(crate) mod grid_track_sizing_algorithm;
