//! React style objects to CSS declarations, the way React-DOM writes them: camelCase names to
//! kebab-case (vendor prefixes included), numbers get `px` except for the unitless properties,
//! custom properties (`--x`) untouched, `null`/`undefined`/booleans dropped.

use serde_json::{Map, Value};

/// The properties React-DOM writes numbers for without a unit.
const UNITLESS: &[&str] = &[
    "animationIterationCount",
    "aspectRatio",
    "borderImageOutset",
    "borderImageSlice",
    "borderImageWidth",
    "boxFlex",
    "boxFlexGroup",
    "boxOrdinalGroup",
    "columnCount",
    "columns",
    "flex",
    "flexGrow",
    "flexPositive",
    "flexShrink",
    "flexNegative",
    "flexOrder",
    "gridArea",
    "gridRow",
    "gridRowEnd",
    "gridRowSpan",
    "gridRowStart",
    "gridColumn",
    "gridColumnEnd",
    "gridColumnSpan",
    "gridColumnStart",
    "fontWeight",
    "lineClamp",
    "lineHeight",
    "opacity",
    "order",
    "orphans",
    "scale",
    "tabSize",
    "widows",
    "zIndex",
    "zoom",
    "fillOpacity",
    "floodOpacity",
    "stopOpacity",
    "strokeDasharray",
    "strokeDashoffset",
    "strokeMiterlimit",
    "strokeOpacity",
    "strokeWidth",
];

/// `backgroundColor` → `background-color`, `WebkitMaskImage` → `-webkit-mask-image`,
/// `msTransform` → `-ms-transform`; `--custom` stays.
pub fn css_property_name(name: &str) -> String {
    if name.starts_with("--") {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 4);
    if name.starts_with("ms") && name[2..].starts_with(|c: char| c.is_ascii_uppercase()) {
        out.push('-');
    }
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The CSS text of one style value, or `None` when React-DOM would write nothing.
pub fn css_value(name: &str, value: &Value) -> Option<String> {
    match value {
        Value::Null | Value::Bool(_) | Value::Array(_) | Value::Object(_) => None,
        Value::String(text) => {
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_string())
        }
        Value::Number(number) => {
            let n = number.as_f64()?;
            if n == 0.0 || UNITLESS.contains(&name) || name.starts_with("--") {
                Some(format_number(n))
            } else {
                Some(format!("{}px", format_number(n)))
            }
        }
    }
}

/// Numbers as JavaScript prints them (`1`, `0.5`, `1e-7`), which is what React-DOM writes.
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Every declaration of a style object, in the object's order: `(property, value)`.
pub fn declarations(style: &Map<String, Value>) -> Vec<(String, String)> {
    style
        .iter()
        .filter_map(|(name, value)| Some((css_property_name(name), css_value(name, value)?)))
        .collect()
}
