//! Images, offline: `data:` URIs as they are, local files from the asset directory (Remotion's
//! `staticFile`) and avatars from the avatar directory (`scenebox://avatar/<name>`, the URLs
//! [`avatar_map`] gives `window.BazaarAvatars`) decoded once per job, and anything remote or
//! missing drawn as a neutral placeholder box (never fetched).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
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
    avatars: Option<PathBuf>,
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

    /// Resolves `scenebox://avatar/<name>` against the image files of `dir` (see
    /// [`avatar_map`]); without one every avatar is a placeholder.
    pub fn set_avatars(&mut self, dir: Option<PathBuf>) {
        self.avatars = dir;
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
        if src.contains("://") && !src.starts_with(AVATAR_SCHEME) || src.starts_with("//") {
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
        if let Some(name) = src.strip_prefix(AVATAR_SCHEME) {
            return self.load_avatar(&percent_decode(name));
        }
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
        decode(&path, &bytes)
    }

    fn load_avatar(&self, name: &str) -> Result<ImageSource, String> {
        let missing = || format!("avatar `{name}` is not in the avatar map (--avatars DIR)");
        let Some(dir) = &self.avatars else {
            return Err(missing());
        };
        let path = avatar_files(dir)
            .map_err(|e| format!("{} could not be listed: {e}", dir.display()))?
            .remove(name)
            .ok_or_else(missing)?;
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("{} could not be read: {e}", path.display()))?;
        decode(&path, &bytes)
    }
}

/// The URL prefix of avatars: `scenebox://avatar/<name, URI-encoded>`.
pub const AVATAR_SCHEME: &str = "scenebox://avatar/";

/// `window.BazaarAvatars` for a directory of avatar images: each image file `<name>.<ext>`
/// (PNG, JPEG, WebP, GIF or SVG) becomes avatar `name` with the URL
/// `scenebox://avatar/<name>`, which [`Assets`] draws from that file.
pub fn avatar_map(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    Ok(avatar_files(dir)?
        .into_keys()
        .map(|name| {
            let url = format!("{AVATAR_SCHEME}{}", percent_encode(&name));
            (name, url)
        })
        .collect())
}

/// Avatar name → image file in `dir`.
fn avatar_files(dir: &Path) -> std::io::Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let image = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "png" | "jpg" | "jpeg" | "webp" | "gif" | "svg"
            )
        });
        if let (true, Some(stem)) = (image, path.file_stem().and_then(|s| s.to_str())) {
            files.insert(stem.to_string(), path.clone());
        }
    }
    Ok(files)
}

fn decode(path: &Path, bytes: &[u8]) -> Result<ImageSource, String> {
    ImageSource::from_bytes(bytes)
        .map_err(|e| format!("{} could not be decoded: {e}", path.display()))
}

/// `encodeURIComponent`, as the runtime writes avatar names into URLs.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The inverse of [`percent_encode`]; malformed escapes are kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
