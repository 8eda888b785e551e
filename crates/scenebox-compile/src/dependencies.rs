//! The closed set of dependencies a scene may use: the `window` globals of the browser app
//! and the npm modules that map onto them.

/// Window globals that the parameterized model passes in `Extras` (besides `Remotion`, which is
/// its own parameter).
pub const EXTRAS: &[&str] = &[
    "React",
    "IconifyIcon",
    "HeroiconsSolid",
    "HeroiconsOutline",
    "LucideIcons",
    "RemotionShapes",
    "Rough",
    "RemotionGoogleFonts",
    "BazaarAvatars",
];

/// Window globals the Phase 1 page provides but `Extras` does not.
pub const PHASE1_ONLY_GLOBALS: &[&str] = &["ReactDOM"];

/// The modules `import` may name, for error messages.
pub const ALLOWED_MODULES: &[&str] = &[
    "remotion",
    "react",
    "lucide-react",
    "@remotion/shapes",
    "@heroicons/react/24/solid",
    "@heroicons/react/24/outline",
    "@heroicons/react/20/solid",
    "@heroicons/react/16/solid",
    "@iconify/react",
    "roughjs",
    "@remotion/google-fonts/<Family>",
];

/// Where a known window global comes from in the parameterized model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobalSource {
    /// The `Remotion` parameter itself.
    Remotion,
    /// A property of the `Extras` parameter.
    Extra(&'static str),
}

/// Resolves a `window.<name>` (or free identifier) to its parameterized source, if it is a
/// known dependency.
pub fn global_source(name: &str) -> Option<GlobalSource> {
    if name == "Remotion" {
        return Some(GlobalSource::Remotion);
    }
    EXTRAS
        .iter()
        .find(|extra| **extra == name)
        .map(|extra| GlobalSource::Extra(extra))
}

/// What an allowed module's bindings are made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleBinding {
    /// Every import (default, namespace, named) reads the window global of that name.
    Global(&'static str),
    /// `@iconify/react`: `Icon`/`InlineIcon` are the `IconifyIcon` global.
    Iconify,
    /// `@remotion/google-fonts/<Family>`: `loadFont(opts)` calls
    /// `RemotionGoogleFonts.loadFont(family, opts)`; `fontFamily` is the family name.
    GoogleFont {
        /// The CSS family name, e.g. `Playfair Display`.
        family: String,
    },
}

/// Maps an import source onto the dependency it stands for, or `None` for an unknown module.
pub fn module_binding(source: &str) -> Option<ModuleBinding> {
    let global = match source {
        "remotion" => "Remotion",
        "react" => "React",
        "lucide-react" => "LucideIcons",
        "@remotion/shapes" => "RemotionShapes",
        "@heroicons/react/24/solid" | "@heroicons/react/20/solid" | "@heroicons/react/16/solid" => {
            "HeroiconsSolid"
        }
        "@heroicons/react/24/outline" => "HeroiconsOutline",
        "roughjs" | "roughjs/bundled/rough.esm" | "roughjs/bundled/rough.esm.js" => "Rough",
        "@iconify/react" => return Some(ModuleBinding::Iconify),
        other => {
            let module = other.strip_prefix("@remotion/google-fonts/")?;
            if module.is_empty() || !module.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            return Some(ModuleBinding::GoogleFont {
                family: family_from_module(module),
            });
        }
    };
    Some(ModuleBinding::Global(global))
}

/// `PlayfairDisplay` → `Playfair Display`, `JetBrainsMono` → `JetBrains Mono`,
/// `IBMPlexSans` → `IBM Plex Sans`.
fn family_from_module(module: &str) -> String {
    const SPECIAL: &[(&str, &str)] = &[
        ("JetBrainsMono", "JetBrains Mono"),
        ("PTSans", "PT Sans"),
        ("PTSerif", "PT Serif"),
        ("PTMono", "PT Mono"),
    ];
    if let Some((_, family)) = SPECIAL.iter().find(|(m, _)| *m == module) {
        return (*family).to_string();
    }
    let chars: Vec<char> = module.chars().collect();
    let mut family = String::with_capacity(module.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let starts_word = i > 0
            && ((c.is_ascii_uppercase()
                && (chars[i - 1].is_ascii_lowercase()
                    || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase())
                        && chars[i - 1].is_ascii_uppercase()))
                || (c.is_ascii_digit() && !chars[i - 1].is_ascii_digit()));
        if starts_word {
            family.push(' ');
        }
        family.push(c);
    }
    family
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_font_families_are_spelled_like_css() {
        let family = |m: &str| match module_binding(m) {
            Some(ModuleBinding::GoogleFont { family }) => family,
            other => panic!("{m}: {other:?}"),
        };
        assert_eq!(family("@remotion/google-fonts/Inter"), "Inter");
        assert_eq!(
            family("@remotion/google-fonts/PlayfairDisplay"),
            "Playfair Display"
        );
        assert_eq!(
            family("@remotion/google-fonts/IBMPlexSans"),
            "IBM Plex Sans"
        );
        assert_eq!(
            family("@remotion/google-fonts/JetBrainsMono"),
            "JetBrains Mono"
        );
        assert_eq!(
            family("@remotion/google-fonts/SpaceGrotesk"),
            "Space Grotesk"
        );
        assert!(module_binding("@remotion/google-fonts/../x").is_none());
        assert!(module_binding("framer-motion").is_none());
    }

    #[test]
    fn window_globals_resolve_to_parameters() {
        assert_eq!(global_source("Remotion"), Some(GlobalSource::Remotion));
        assert_eq!(
            global_source("LucideIcons"),
            Some(GlobalSource::Extra("LucideIcons"))
        );
        assert_eq!(global_source("ReactDOM"), None);
        assert_eq!(global_source("localStorage"), None);
    }
}
