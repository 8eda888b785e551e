//! The process's fonts: the vendored faces registered once, and which families they cover.
//! Takumi loads no system fonts, so a family the scene asks for is either one of these or
//! falls back (by generic family, else to the default sans-serif, Inter) with a warning.

use std::sync::OnceLock;

use serde::Serialize;
use takumi::prelude::{FontResource, FontSource, Fonts, GenericFamily};

use crate::font_files::FACES;

/// One embedded face, as [`embedded_faces`] lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FaceInfo {
    /// The CSS family name.
    pub family: &'static str,
    /// `sans-serif`, `serif` or `monospace` when this family is that generic's default.
    pub generic: Option<&'static str>,
    /// The weight (400, 700, …).
    pub weight: u16,
    /// Whether the face is italic.
    pub italic: bool,
    /// The file under `crates/scenebox-raster/fonts/`.
    pub path: &'static str,
    /// Its size in bytes.
    pub bytes: usize,
}

/// Every embedded face.
pub fn embedded_faces() -> Vec<FaceInfo> {
    FACES
        .iter()
        .map(|face| FaceInfo {
            family: face.family,
            generic: face.generic,
            weight: face.weight,
            italic: face.italic,
            path: face.path,
            bytes: face.bytes.len(),
        })
        .collect()
}

/// The registered fonts, built on first use (a failure to register a face is a bug in the
/// vendored files, reported by the test suite; the face is skipped).
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut fonts = Fonts::default();
        for face in FACES {
            let mut resource = FontResource::new(FontSource::from_static(face.bytes));
            if let Some(generic) = face.generic.and_then(|g| g.parse::<GenericFamily>().ok()) {
                resource = resource.generic_family(generic);
            }
            let _ = fonts.register(resource);
        }
        fonts
    })
}

/// Whether `family` (a name from a `font-family` stack, quotes removed) is drawn as asked:
/// an embedded family or a generic keyword.
pub fn is_available(family: &str) -> bool {
    let generic = matches!(
        family.to_ascii_lowercase().as_str(),
        "sans-serif"
            | "serif"
            | "monospace"
            | "system-ui"
            | "ui-sans-serif"
            | "ui-serif"
            | "ui-monospace"
            | "cursive"
            | "fantasy"
            | "emoji"
            | "inherit"
            | "initial"
            | "unset"
    );
    generic || FACES.iter().any(|f| f.family.eq_ignore_ascii_case(family))
}
