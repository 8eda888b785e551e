//! The Chromium reference: the frame written for a browser (every declaration, fonts mapped to
//! the faces takumi picks, a whole document), font stacks resolved as takumi resolves them, the
//! harness's frame choice and report, and a real Chromium screenshot that matches takumi's
//! frame.

use scenebox_raster::chromium::Chromium;
use scenebox_raster::fidelity::{
    compare_frame, frames_to_compare, report_html, spread, FrameResult, Summary, Targets,
};
use scenebox_raster::fonts::browser_font_family;
use scenebox_raster::{rasterize, Assets, HtmlWriter};
use serde_json::json;

use crate::{boxed, pixel, tree};

#[test]
fn font_stacks_resolve_to_the_faces_takumi_picks() {
    // The resolved families, then the standard (serif) face, then every embedded family.
    assert_eq!(
        browser_font_family("sans-serif"),
        "\"Inter\",\"Noto Serif\",\"Roboto\",\"Open Sans\",\"Montserrat\",\"Poppins\",\"Lato\",\"Playfair Display\",\"Space Grotesk\",\"JetBrains Mono\""
    );
    assert!(browser_font_family("'Playfair Display', Georgia, serif")
        .starts_with("\"Playfair Display\",\"Noto Serif\",\"Inter\","));
    // Unknown families and generics without a face are skipped, as takumi skips them: a stack
    // of them alone is drawn in the standard serif face.
    assert!(browser_font_family("system-ui, -apple-system, Helvetica")
        .starts_with("\"Noto Serif\",\"Inter\","));
    assert!(browser_font_family("Helvetica, sans-serif").starts_with("\"Inter\",\"Noto Serif\","));
    assert!(
        browser_font_family("monospace").starts_with("\"JetBrains Mono\",\"Noto Serif\",\"Inter\"")
    );
    assert!(browser_font_family("Open   Sans, sans-serif").starts_with("\"Open Sans\",\"Inter\""));
    // A quoted generic keyword is a family name, not the generic.
    assert!(browser_font_family("\"sans-serif\"").starts_with("\"Noto Serif\","));
    assert_eq!(browser_font_family("inherit"), "inherit");
}

#[test]
fn the_browser_page_keeps_every_declaration_and_maps_fonts() {
    let tree = tree(json!({"type": "#root", "props": {}, "children": [
        {"type": "div", "props": {"style": {
            "transform": "rotateY(30deg) perspective(200px)", "color": "not-a-colour",
            "fontFamily": "Roboto, sans-serif", "width": 10
        }}, "children": [{"type": "#text", "text": "a < b"}]},
        {"type": "img", "props": {"src": "https://example.com/x.png", "style": {"width": 40, "height": 30}}, "children": []}
    ]}));
    let mut assets = Assets::default();
    let mut warnings = Vec::new();
    let takumi = HtmlWriter::new(&mut assets, &mut warnings).write(&tree, 320, 200);
    assert!(!takumi.contains("rotateY") && !takumi.contains("<html"));
    let mut browser_warnings = Vec::new();
    let page = HtmlWriter::new(&mut assets, &mut browser_warnings)
        .for_browser("@font-face{font-family:X}", None)
        .write(&tree, 320, 200);
    assert!(page.starts_with("<!doctype html><html><head><meta charset=\"utf-8\"><style>"));
    assert!(page.contains("@font-face{font-family:X}"));
    assert!(page.contains("html,body{margin:0;padding:0;background-color:#fff}"));
    assert!(
        page.contains("transform:rotateY(30deg) perspective(200px);"),
        "{page}"
    );
    assert!(page.contains("color:not-a-colour;"));
    assert!(
        page.contains("font-family:&quot;Roboto&quot;,&quot;Inter&quot;"),
        "{page}"
    );
    assert!(page.contains("width:320px;height:200px"));
    assert!(page.contains("a &lt; b"));
    // The same placeholder box for the remote image.
    assert!(page.contains("background-color:#d4d4d8"), "{page}");
    assert!(page.ends_with("</div></body></html>"));
}

#[test]
fn frames_and_samples_are_chosen_deterministically() {
    assert_eq!(frames_to_compare(150, 2), vec![75, 135]);
    assert_eq!(frames_to_compare(150, 1), vec![75]);
    assert_eq!(frames_to_compare(150, 3), vec![75, 105, 135]);
    assert_eq!(frames_to_compare(1, 2), vec![0]);
    assert!(frames_to_compare(0, 2).is_empty());
    let items: Vec<u32> = (0..59).collect();
    let sample = spread(&items, 12);
    assert_eq!(sample.len(), 12);
    assert_eq!(sample[0], 0);
    assert!(sample.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(spread(&items, 100), items);
}

#[test]
fn the_summary_sorts_worst_first_and_checks_the_targets() {
    let result = |scene: &str, ssim: f64| FrameResult {
        scene: scene.into(),
        frame: 1,
        ssim,
        warnings: Vec::new(),
        error: None,
    };
    let summary = Summary::new(
        vec![result("a", 0.99), result("b", 0.95), result("c", 1.0)],
        Targets::default(),
        "Chromium",
    );
    assert_eq!(summary.results[0].scene, "b");
    assert!((summary.mean - 0.98).abs() < 1e-9 && summary.min == 0.95);
    assert!(summary.passed);
    let failing = Summary::new(
        vec![result("a", 0.99), result("b", 0.92)],
        Targets::default(),
        "",
    );
    assert!(!failing.passed);
    let mut explanations = scenebox_raster::fidelity::Explanations::new();
    explanations.insert("b".into(), "3D <transform>".into());
    let html = report_html(&failing, &[], &explanations);
    assert!(html.contains("3D &lt;transform&gt;") && html.contains("targets not met"));
}

#[test]
fn chromium_draws_the_same_frame_as_takumi() {
    let work = tempfile::tempdir().unwrap();
    let chromium =
        Chromium::new(work.path()).expect("chromium (scripts/setup-system.sh installs it)");
    let tree = tree(json!({"type": "#root", "props": {}, "children": [
        {"type": "div", "props": {"style": {
            "position": "absolute", "left": 40, "top": 30, "width": 200, "height": 100,
            "backgroundColor": "#2563eb", "borderRadius": 12
        }}, "children": []},
        {"type": "h1", "props": {"style": {
            "position": "absolute", "left": 40, "top": 150, "margin": 0, "fontSize": 48,
            "fontFamily": "Playfair Display, serif", "fontWeight": 700
        }}, "children": [{"type": "#text", "text": "Fidelity"}]}
    ]}));
    let mut assets = Assets::default();
    let ours = rasterize(&tree, 480, 270, &mut assets, &mut Vec::new()).unwrap();
    let theirs = chromium.render(&tree, 480, 270, &mut assets, None).unwrap();
    assert_eq!((theirs.width, theirs.height), (480, 270));
    assert_eq!(pixel(&theirs, 140, 80)[..3], [0x25, 0x63, 0xeb]);
    assert_eq!(pixel(&theirs, 400, 20)[..3], [255, 255, 255]);
    let comparison = compare_frame(&ours, &theirs).unwrap();
    assert!(comparison.ssim > 0.97, "SSIM {}", comparison.ssim);

    // A box only Chromium draws (takumi has no 3D transforms) is a difference.
    let moved = boxed(json!({
        "position": "absolute", "left": 100, "top": 60, "width": 200, "height": 120,
        "backgroundColor": "#111", "transform": "perspective(300px) rotateY(50deg)"
    }));
    let ours = rasterize(&moved, 480, 270, &mut assets, &mut Vec::new()).unwrap();
    let theirs = chromium
        .render(&moved, 480, 270, &mut assets, None)
        .unwrap();
    assert!(compare_frame(&ours, &theirs).unwrap().ssim < 0.97);
}

#[test]
fn a_missing_chromium_is_a_clear_error() {
    // SCENEBOX_CHROMIUM pointing nowhere stands in for a machine without the browser.
    let work = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "fidelity::missing_chromium_child",
            "--nocapture",
            "--ignored",
        ])
        .env(
            scenebox_raster::chromium::CHROMIUM_ENV,
            work.path().join("nope"),
        )
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
#[ignore = "run by a_missing_chromium_is_a_clear_error in a child process"]
fn missing_chromium_child() {
    let work = tempfile::tempdir().unwrap();
    let error = Chromium::new(work.path()).err().expect("no browser");
    assert!(
        error.to_string().contains("chromium was not found"),
        "{error}"
    );
}
