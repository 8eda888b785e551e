//! Style objects are written the way React-DOM writes them.

use scenebox_raster::css::{css_property_name, css_value, declarations};
use serde_json::json;

#[test]
fn names_and_units_follow_react_dom() {
    assert_eq!(css_property_name("backgroundColor"), "background-color");
    assert_eq!(css_property_name("WebkitMaskImage"), "-webkit-mask-image");
    assert_eq!(css_property_name("msTransform"), "-ms-transform");
    assert_eq!(css_property_name("--accent"), "--accent");
    assert_eq!(css_value("width", &json!(120)), Some("120px".into()));
    assert_eq!(css_value("marginTop", &json!(-2.5)), Some("-2.5px".into()));
    assert_eq!(css_value("width", &json!(0)), Some("0".into()));
    for unitless in [
        "opacity",
        "zIndex",
        "flex",
        "fontWeight",
        "lineHeight",
        "flexGrow",
    ] {
        assert_eq!(
            css_value(unitless, &json!(2)),
            Some("2".into()),
            "{unitless}"
        );
    }
    assert_eq!(css_value("width", &json!("50%")), Some("50%".into()));
    assert_eq!(css_value("width", &json!(null)), None);
    assert_eq!(css_value("width", &json!(true)), None);
    let style = json!({"position": "absolute", "left": 10, "opacity": 0.5, "color": null});
    assert_eq!(
        declarations(style.as_object().unwrap()),
        vec![
            ("position".to_string(), "absolute".to_string()),
            ("left".to_string(), "10px".to_string()),
            ("opacity".to_string(), "0.5".to_string()),
        ]
    );
}
