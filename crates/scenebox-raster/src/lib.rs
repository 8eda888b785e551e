//! `scenebox-raster`: draws the runtime's per-frame element trees into pixels with takumi (a
//! layout and text engine ported from Chromium's Blink; no browser) and encodes frames into
//! video with ffmpeg.
//!
//! * [`rasterize`] draws one tree: the tree is written as HTML with React-DOM's style rules
//!   ([`css`]), every declaration takumi cannot parse left out with a [`RasterWarning`]
//!   (a frame never fails because of one style), images resolved offline ([`Assets`]), text
//!   set in the embedded fonts ([`fonts`]).
//! * [`VideoEncoder`] streams frames into ffmpeg (YUV 4:2:0 converted by the raster threads,
//!   [`PixelFormat`], or RGBA), mixes local `<Audio>` tracks ([`audio_tracks`]: start, trim,
//!   volume) and leaves no half-written file; [`draw_and_encode`] draws a whole video on a
//!   pool of raster threads, in frame order.

mod assets;
mod audio;
pub mod chromium;
pub mod css;
pub mod fidelity;
mod font_files;
pub mod fonts;
mod html;
mod pipeline;
mod pixel_format;
mod render;
pub mod ssim;
mod video;
mod warning;

pub use assets::{avatar_map, Assets, ImageRef, AVATAR_SCHEME};
pub use audio::{audio_tracks, AudioTrack};
pub use html::HtmlWriter;
pub use pipeline::{draw_and_encode, draw_frames, DrawOptions, ExportError};
pub use pixel_format::PixelFormat;
pub use render::{rasterize, FrameImage, RasterError};
pub use video::{Codec, VideoEncoder, VideoError, VideoSettings};
pub use warning::RasterWarning;
