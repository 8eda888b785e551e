//! Images, offline: data URIs and local files are drawn; remote URLs and missing files become
//! neutral placeholder boxes with a warning; avatars come from the avatar directory.

use base64::Engine;
use scenebox_raster::{rasterize, Assets};
use serde_json::json;

use crate::{boxed, pixel, tree};

/// A 4×4 PNG of one colour, drawn by the rasteriser itself.
fn png(color: &str) -> Vec<u8> {
    let image = rasterize(
        &boxed(json!({"position": "absolute", "left": 0, "top": 0, "width": 4, "height": 4, "backgroundColor": color})),
        4,
        4,
        &mut Assets::default(),
        &mut Vec::new(),
    )
    .unwrap();
    image.png().unwrap()
}

fn image_at(src: &str) -> scenebox_runtime::Node {
    tree(json!({"type": "#root", "props": {}, "children": [
        {"type": "img", "props": {"src": src, "style": {"position": "absolute", "left": 0, "top": 0, "width": 30, "height": 30}}, "children": []}
    ]}))
}

#[test]
fn data_uris_and_local_files_are_drawn() {
    let uri = format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png("#00ff00"))
    );
    let mut warnings = Vec::new();
    let image = rasterize(
        &image_at(&uri),
        60,
        60,
        &mut Assets::default(),
        &mut warnings,
    )
    .unwrap();
    assert_eq!(pixel(&image, 15, 15)[..3], [0, 255, 0]);
    assert!(warnings.is_empty(), "{warnings:?}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("logo.png"), png("#0000ff")).unwrap();
    let mut assets = Assets::new(Some(dir.path().to_path_buf()));
    let image = rasterize(&image_at("/logo.png"), 60, 60, &mut assets, &mut warnings).unwrap();
    assert_eq!(pixel(&image, 15, 15)[..3], [0, 0, 255]);
    assert_eq!(
        assets.images().len(),
        1,
        "decoded once and kept for the job"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn remote_and_missing_images_are_placeholders_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let mut assets = Assets::new(Some(dir.path().to_path_buf()));
    for (src, reason) in [
        ("https://example.com/photo.jpg", "never fetched"),
        ("/missing.png", "could not be read"),
        ("/../etc/passwd", "leaves the asset directory"),
    ] {
        let mut warnings = Vec::new();
        let image = rasterize(&image_at(src), 60, 60, &mut assets, &mut warnings).unwrap();
        assert_eq!(
            pixel(&image, 15, 15)[..3],
            [0xd4, 0xd4, 0xd8],
            "{src}: a neutral box"
        );
        assert_eq!(
            pixel(&image, 45, 45)[..3],
            [255, 255, 255],
            "{src}: of the element's size"
        );
        assert_eq!(warnings.len(), 1, "{src}: {warnings:?}");
        assert_eq!(warnings[0].property, "src");
        assert_eq!(warnings[0].value, src);
        assert!(
            warnings[0].message.contains(reason),
            "{}",
            warnings[0].message
        );
    }
}

#[test]
fn avatars_are_drawn_from_the_avatar_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("asian-woman.png"), png("#ff0000")).unwrap();
    std::fs::write(dir.path().join("old man.png"), png("#00ff00")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not an image").unwrap();

    // The map `window.BazaarAvatars` gets: one URL per image, names URI-encoded.
    let map = scenebox_raster::avatar_map(dir.path()).unwrap();
    assert_eq!(
        map.into_iter().collect::<Vec<_>>(),
        vec![
            (
                "asian-woman".to_string(),
                "scenebox://avatar/asian-woman".to_string()
            ),
            (
                "old man".to_string(),
                "scenebox://avatar/old%20man".to_string()
            ),
        ]
    );

    let mut assets = Assets::default();
    assets.set_avatars(Some(dir.path().to_path_buf()));
    for (src, rgb) in [
        ("scenebox://avatar/asian-woman", [255, 0, 0]),
        ("scenebox://avatar/old%20man", [0, 255, 0]),
    ] {
        let mut warnings = Vec::new();
        let image = rasterize(&image_at(src), 60, 60, &mut assets, &mut warnings).unwrap();
        assert_eq!(pixel(&image, 15, 15)[..3], rgb, "{src}");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    // A name the map lacks (the runtime hands out `scenebox://avatar/<name>` and warns) is a
    // placeholder naming the avatar, as is any avatar when no directory was given.
    for mut assets in [assets, Assets::default()] {
        let mut warnings = Vec::new();
        let src = "scenebox://avatar/white-man";
        let image = rasterize(&image_at(src), 60, 60, &mut assets, &mut warnings).unwrap();
        assert_eq!(pixel(&image, 15, 15)[..3], [0xd4, 0xd4, 0xd8]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0]
                .message
                .contains("avatar `white-man` is not in the avatar map"),
            "{}",
            warnings[0].message
        );
    }
}
