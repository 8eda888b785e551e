#[cfg(any(feature = "png", feature = "gif", feature = "webp"))]
mod animated;
/// Font loading and processing functionality
pub mod font;
/// Glyph rasterization: shaped glyph ids to bitmaps or vector outlines.
pub mod glyph;
pub mod glyph_cache;
/// Image state and resource management
pub mod image;
/// Backend-agnostic decoded-image buffer
pub mod image_buffer;
pub(crate) mod image_decoder;
mod image_resampler;
#[cfg(feature = "svg-sizing")]
pub(crate) mod svg_size;
/// `@font-face` `unicode-range` coverage
pub mod unicode_range;
