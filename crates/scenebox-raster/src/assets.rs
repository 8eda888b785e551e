//! Images, offline: `data:` URIs as they are, local files from the asset directory (Remotion's
//! `staticFile`) decoded once per job, and anything remote drawn as a neutral placeholder box
//! (never fetched).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use takumi::prelude::ImageSource;

/// How an `<img src>` is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageRef {
    /// Draw the image under this `src` (a `data:` URI, or a key of [`Assets::images`]).
    Source(String),
    /// Draw a placeholder box; the reason goes into the warning.
    Placeholder(String),
}

/// The images of one job.
#[derive(Default)]
pub struct Assets {
    dir: Option<PathBuf>,
    images: HashMap<Arc<str>, ImageSource>,
    missing: HashMap<String, String>,
}

impl Assets {
    /// Images resolved against `dir` (none: every local image is a placeholder).
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            ..Self::default()
        }
    }

    /// The decoded local images, keyed by the `src` the HTML uses.
    pub fn images(&self) -> &HashMap<Arc<str>, ImageSource> {
        &self.images
    }

    /// How to draw `src`; local files are read and decoded on first use.
    pub fn resolve(&mut self, src: &str) -> ImageRef {
        let src = src.trim();
        if src.is_empty() {
            return ImageRef::Placeholder("the image has no src".into());
        }
        if src.starts_with("data:") {
            return ImageRef::Source(src.to_string());
        }
        if src.contains("://") || src.starts_with("//") {
            return ImageRef::Placeholder(
                "a remote image is never fetched (no network); drawn as a placeholder box".into(),
            );
        }
        if self.images.contains_key(src) {
            return ImageRef::Source(src.to_string());
        }
        if let Some(reason) = self.missing.get(src) {
            return ImageRef::Placeholder(reason.clone());
        }
        match self.load(src) {
            Ok(image) => {
                self.images.insert(Arc::from(src), image);
                ImageRef::Source(src.to_string())
            }
            Err(reason) => {
                self.missing.insert(src.to_string(), reason.clone());
                ImageRef::Placeholder(reason)
            }
        }
    }

    fn load(&self, src: &str) -> Result<ImageSource, String> {
        let Some(dir) = &self.dir else {
            return Err("no asset directory was given (--assets DIR)".into());
        };
        let relative = src.split(['?', '#']).next().unwrap_or(src);
        let relative = relative.trim_start_matches('/');
        let relative = relative.strip_prefix("public/").unwrap_or(relative);
        if relative.split('/').any(|part| part == "..") {
            return Err("the path leaves the asset directory".into());
        }
        let path = dir.join(relative);
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("{} could not be read: {e}", path.display()))?;
        ImageSource::from_bytes(&bytes)
            .map_err(|e| format!("{} could not be decoded: {e}", path.display()))
    }
}
