//! The embedded fonts are exactly the vendored files, and every one registers.

use std::path::Path;

#[test]
fn the_embedded_faces_are_the_manifests_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let mut listed: Vec<(String, String, u64, bool)> = Vec::new();
    for family in manifest.as_array().unwrap() {
        for file in family["files"].as_array().unwrap() {
            listed.push((
                family["family"].as_str().unwrap().to_string(),
                file["path"].as_str().unwrap().to_string(),
                file["weight"].as_u64().unwrap(),
                file["style"] == "italic",
            ));
        }
    }
    let mut embedded: Vec<(String, String, u64, bool)> = scenebox_raster::fonts::embedded_faces()
        .into_iter()
        .map(|f| {
            (
                f.family.to_string(),
                f.path.to_string(),
                u64::from(f.weight),
                f.italic,
            )
        })
        .collect();
    listed.sort();
    embedded.sort();
    assert_eq!(
        embedded, listed,
        "src/font_files.rs is generated from fonts/manifest.json"
    );
    for face in scenebox_raster::fonts::embedded_faces() {
        let bytes = std::fs::read(dir.join(face.path)).unwrap();
        assert_eq!(bytes.len(), face.bytes, "{}", face.path);
    }
    for family in [
        "Inter",
        "Roboto",
        "Open Sans",
        "Montserrat",
        "Poppins",
        "Lato",
        "Playfair Display",
        "Space Grotesk",
        "JetBrains Mono",
    ] {
        assert!(scenebox_raster::fonts::is_available(family), "{family}");
    }
    assert!(!scenebox_raster::fonts::is_available("Comic Sans MS"));
    let generics: Vec<_> = scenebox_raster::fonts::embedded_faces()
        .into_iter()
        .filter_map(|f| f.generic.map(|g| (g, f.family)))
        .collect();
    assert!(generics.contains(&("sans-serif", "Inter")));
    assert!(generics.contains(&("serif", "Noto Serif")));
    assert!(generics.contains(&("monospace", "JetBrains Mono")));
}

/// Draws `text` in `family` at `weight`.
fn word(family: &str, weight: u32) -> scenebox_raster::FrameImage {
    let tree = crate::tree(
        serde_json::json!({"type": "#root", "props": {}, "children": [
            {"type": "div", "props": {"style": {
                "fontFamily": family, "fontWeight": weight, "fontSize": 40, "margin": 0
            }}, "children": [{"type": "#text", "text": "Quartz Mg 0123"}]}
        ]}),
    );
    scenebox_raster::rasterize(
        &tree,
        400,
        60,
        &mut scenebox_raster::Assets::default(),
        &mut Vec::new(),
    )
    .unwrap()
}

#[test]
fn every_family_is_found_by_its_css_name_at_every_weight() {
    // Some vendored files name themselves differently ("Montserrat Thin", "Poppins Medium",
    // "Space Grotesk Light"): each must still be drawn for `font-family: <family>`, not fall
    // back to the default sans-serif.
    for face in scenebox_raster::fonts::embedded_faces() {
        if face.family == "Inter" || face.italic {
            continue;
        }
        let weight = u32::from(face.weight);
        assert_ne!(
            word(&format!("'{}', sans-serif", face.family), weight),
            word("'No Such Family', sans-serif", weight),
            "{} {weight} falls back to the default",
            face.family
        );
    }
    // Weights are told apart within a family.
    assert_ne!(word("Poppins", 500), word("Poppins", 600));
    assert_ne!(word("Montserrat", 400), word("Montserrat", 700));
}
