//! The process's fonts: the vendored faces registered once, and which families they cover.
//! Takumi loads no system fonts, so a family the scene asks for is either one of these or
//! falls back (by generic family, else to the default sans-serif, Inter) with a warning.
//!
//! For the Chromium reference ([`crate::fidelity`]) the same faces are written out as files
//! with `@font-face` rules ([`write_font_files`]), and every `font-family` stack is rewritten
//! into the families takumi resolves it to ([`browser_font_family`]), so a browser with its own
//! system fonts draws the text in the very faces takumi does.

use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;
use takumi::prelude::{FontOverride, FontResource, FontSource, FontStyle, Fonts, GenericFamily};

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
///
/// Each face is registered under the manifest's family, weight and style — what an
/// `@font-face` rule declares in a browser — not the names inside the file: the fontsource
/// static instances of variable fonts carry their source's default instance name (Montserrat's
/// files all say "Montserrat Thin", Space Grotesk's "Space Grotesk Light", Poppins 500
/// "Poppins Medium"), under which `font-family: Montserrat` would never find them.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut fonts = Fonts::default();
        for face in FACES {
            let mut resource = FontResource::new(FontSource::from_static(face.bytes))
                .override_info(FontOverride {
                    family_name: Some(face.family.into()),
                    weight: Some(f32::from(face.weight)),
                    style: Some(if face.italic {
                        FontStyle::italic()
                    } else {
                        FontStyle::normal()
                    }),
                    ..FontOverride::default()
                });
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

/// `font-family` as a browser must read it to pick the faces takumi picks for `stack`. Takumi
/// follows Blink: each family of the stack is looked up among the embedded faces only — an
/// embedded family is itself, `sans-serif`/`serif`/`monospace` are the faces registered for
/// them (Inter, Noto Serif, JetBrains Mono), every other name or generic (`system-ui`, `Arial`,
/// …) matches nothing and is skipped — and the list always ends with the standard font, the
/// `serif` face (so a stack of unknown names alone is drawn in Noto Serif, as Chromium draws
/// it in Times); a character none of those has comes from the first embedded family that has
/// it, in registration order. The result lists exactly that: the resolved families, the serif
/// face, then every embedded family. CSS-wide keywords (`inherit`, …) stay as they are.
pub fn browser_font_family(stack: &str) -> String {
    let trimmed = stack.trim();
    if matches!(
        trimmed.to_ascii_lowercase().as_str(),
        "inherit" | "initial" | "unset" | "revert" | "revert-layer"
    ) {
        return trimmed.to_string();
    }
    let mut families: Vec<&'static str> = Vec::new();
    let mut push = |family: &'static str| {
        if !families.contains(&family) {
            families.push(family);
        }
    };
    for name in family_names(trimmed) {
        let resolved = FACES.iter().find(|face| {
            if name.quoted {
                face.family.eq_ignore_ascii_case(&name.text)
            } else {
                face.family.eq_ignore_ascii_case(&name.text)
                    || face
                        .generic
                        .is_some_and(|g| g.eq_ignore_ascii_case(&name.text))
            }
        });
        if let Some(face) = resolved {
            push(face.family);
        }
    }
    for face in FACES.iter().filter(|face| face.generic == Some("serif")) {
        push(face.family);
    }
    for face in FACES {
        push(face.family);
    }
    families
        .iter()
        .map(|family| format!("\"{family}\""))
        .collect::<Vec<_>>()
        .join(",")
}

/// One family of a `font-family` list: its name, and whether it was a quoted string (a quoted
/// `"serif"` is a family name, not the generic).
struct FamilyName {
    text: String,
    quoted: bool,
}

/// The names of a `font-family` list: quoted strings unquoted, runs of identifiers joined by
/// single spaces.
fn family_names(stack: &str) -> Vec<FamilyName> {
    let mut names = Vec::new();
    for part in split_outside_quotes(stack) {
        let part = part.trim();
        let quoted = part.len() >= 2
            && (part.starts_with('"') && part.ends_with('"')
                || part.starts_with('\'') && part.ends_with('\''));
        let text = if quoted {
            part[1..part.len() - 1].to_string()
        } else {
            part.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        if !text.is_empty() {
            names.push(FamilyName { text, quoted });
        }
    }
    names
}

/// `text` split at the commas outside quotes.
fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, ',') => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Writes every embedded face under `dir` (its path under `fonts/`) and returns the
/// `@font-face` rules that load them from there (family, weight, style; `font-display: block`,
/// so a screenshot never shows a fallback face).
pub fn write_font_files(dir: &Path) -> std::io::Result<String> {
    let mut css = String::new();
    for face in FACES {
        let path = dir.join(face.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, face.bytes)?;
        css.push_str(&format!(
            "@font-face{{font-family:\"{}\";font-weight:{};font-style:{};font-display:block;src:url(\"{}\") format(\"woff2\")}}\n",
            face.family,
            face.weight,
            if face.italic { "italic" } else { "normal" },
            file_url(&path),
        ));
    }
    Ok(css)
}

/// The `file://` URL of an absolute path, percent-encoding what a URL cannot hold.
pub(crate) fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}
