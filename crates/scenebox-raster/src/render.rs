//! One frame to pixels: the element tree as HTML, parsed by takumi, laid out and drawn with the
//! embedded fonts and the job's images, under the few author rules that make takumi's initial
//! values a browser's ([`BROWSER_DEFAULTS`]).

use std::sync::{Arc, OnceLock};

use scenebox_runtime::Node;
use takumi::prelude::{FromHtmlOptions, RenderOptions, StyleSheet, Viewport};

use crate::assets::Assets;
use crate::html::HtmlWriter;
use crate::warning::RasterWarning;

/// A drawn frame: `width × height` RGBA pixels, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// RGBA bytes, `width * height * 4` of them.
    pub rgba: Vec<u8>,
}

impl FrameImage {
    /// The frame as PNG bytes.
    pub fn png(&self) -> Result<Vec<u8>, RasterError> {
        let bitmap = takumi::prelude::Bitmap::from_raw(self.width, self.height, self.rgba.clone())
            .ok_or_else(|| RasterError::Draw("the pixel buffer has the wrong size".into()))?;
        let mut out = Vec::new();
        takumi::write_image(&bitmap, &mut out, takumi::prelude::OutputFormat::Png)
            .map_err(|e| RasterError::Encode(e.to_string()))?;
        Ok(out)
    }
}

/// Why a frame could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RasterError {
    /// The tree could not be turned into takumi nodes (nesting too deep).
    #[error("the element tree could not be laid out: {0}")]
    Tree(String),
    /// takumi failed to lay out or draw the frame.
    #[error("drawing the frame failed: {0}")]
    Draw(String),
    /// Encoding the image failed.
    #[error("encoding the image failed: {0}")]
    Encode(String),
}

/// Where takumi's initial values differ from a browser's, the browser's, as a stylesheet under
/// every frame (the scene's inline styles override it as they override a browser's defaults):
/// takumi's initial `box-sizing` is `border-box`, CSS's (and Chromium's) is `content-box` —
/// a `width: 400` box with `padding: 12` is 424 px wide in a browser. Tables and search inputs
/// keep `border-box`, as Chromium's UA stylesheet gives them.
pub const BROWSER_DEFAULTS: &str = "*,::before,::after{box-sizing:content-box}\
table,input[type=search]{box-sizing:border-box}";

/// [`BROWSER_DEFAULTS`], parsed once.
fn browser_defaults() -> Arc<StyleSheet> {
    static SHEET: OnceLock<Arc<StyleSheet>> = OnceLock::new();
    SHEET
        .get_or_init(|| Arc::new(StyleSheet::parse(BROWSER_DEFAULTS).unwrap_or_default()))
        .clone()
}

/// Draws `tree` at `width × height`, resolving images through `assets`; everything drawn
/// differently from what was written is added to `warnings`.
pub fn rasterize(
    tree: &Node,
    width: u32,
    height: u32,
    assets: &mut Assets,
    warnings: &mut Vec<RasterWarning>,
) -> Result<FrameImage, RasterError> {
    let html = HtmlWriter::new(assets, warnings).write(tree, width, height);
    let node = takumi::from_html(&html, FromHtmlOptions::default())
        .map_err(|e| RasterError::Tree(e.to_string()))?;
    let options = RenderOptions::builder()
        .viewport(Viewport::new((width, height)))
        .node(node)
        .fonts(crate::fonts::fonts())
        .images(assets.images().clone())
        .stylesheet(browser_defaults())
        .build();
    let bitmap = takumi::render(options).map_err(|e| RasterError::Draw(e.to_string()))?;
    Ok(FrameImage {
        width: bitmap.width(),
        height: bitmap.height(),
        rgba: bitmap.into_raw(),
    })
}
