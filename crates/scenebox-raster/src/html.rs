//! A frame's element tree as HTML for takumi's `from_html`: host elements with their styles
//! written as React-DOM writes them, text escaped, `<svg>` subtrees with SVG attribute names,
//! images resolved offline. Every style declaration takumi cannot parse is left out and
//! reported as a [`RasterWarning`] naming the property, the value and the element path, so one
//! style never fails a frame.
//!
//! The same writer also writes the frame for a browser ([`HtmlWriter::for_browser`], the
//! Chromium reference of the fidelity harness): a whole document with the embedded fonts as
//! `@font-face` rules, *every* declaration the scene wrote (so what takumi leaves out shows up
//! as a difference), `font-family` stacks rewritten to the faces takumi resolves them to, and
//! the same placeholder boxes and images.

use std::path::{Path, PathBuf};

use scenebox_runtime::Node;
use serde_json::{Map, Value};

use crate::assets::{Assets, ImageRef};
use crate::css::declarations;
use crate::warning::RasterWarning;

/// SVG attributes React keeps in camelCase; every other camelCase SVG prop is written in
/// kebab-case (`strokeWidth` → `stroke-width`).
const SVG_CAMEL_ATTRIBUTES: &[&str] = &[
    "viewBox",
    "preserveAspectRatio",
    "gradientUnits",
    "gradientTransform",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "clipPathUnits",
    "maskUnits",
    "maskContentUnits",
    "markerWidth",
    "markerHeight",
    "markerUnits",
    "refX",
    "refY",
    "stdDeviation",
    "spreadMethod",
    "textLength",
    "lengthAdjust",
    "startOffset",
    "pathLength",
    "filterUnits",
    "primitiveUnits",
    "baseFrequency",
    "numOctaves",
    "tableValues",
    "kernelMatrix",
    "edgeMode",
    "xChannelSelector",
    "yChannelSelector",
    "diffuseConstant",
    "specularExponent",
    "surfaceScale",
];

/// Props that are not attributes.
const SKIPPED_PROPS: &[&str] = &["children", "dangerouslySetInnerHTML", "key", "ref"];

/// Who reads the HTML.
enum Reader {
    /// takumi's `from_html`: a fragment, only the declarations takumi parses.
    Takumi,
    /// A browser: a whole document, every declaration, fonts mapped to the embedded faces.
    Browser {
        /// The `@font-face` rules of the embedded faces.
        font_faces: String,
        /// Where local images are read from (as `file://` URLs).
        asset_dir: Option<PathBuf>,
    },
}

/// Writes frames as HTML.
pub struct HtmlWriter<'a> {
    assets: &'a mut Assets,
    warnings: &'a mut Vec<RasterWarning>,
    out: String,
    reader: Reader,
}

impl<'a> HtmlWriter<'a> {
    /// A writer resolving images through `assets` and reporting to `warnings`.
    pub fn new(assets: &'a mut Assets, warnings: &'a mut Vec<RasterWarning>) -> Self {
        Self {
            assets,
            warnings,
            out: String::with_capacity(8 * 1024),
            reader: Reader::Takumi,
        }
    }

    /// Writes for a browser instead of takumi: a whole document whose `<head>` holds
    /// `font_faces` (the rules [`crate::fonts::write_font_files`] returns) and whose page has
    /// no margin and takumi's default font; every style declaration is kept, `font-family`
    /// stacks are rewritten by [`crate::fonts::browser_font_family`], and local images load
    /// from `asset_dir` (the directory [`Assets`] reads them from) as `file://` URLs.
    pub fn for_browser(mut self, font_faces: &str, asset_dir: Option<&Path>) -> Self {
        self.reader = Reader::Browser {
            font_faces: font_faces.to_string(),
            asset_dir: asset_dir.map(Path::to_path_buf),
        };
        self
    }

    /// The HTML of `tree` (a `#root` element, or any node) in a `width`×`height` page.
    pub fn write(mut self, tree: &Node, width: u32, height: u32) -> String {
        if let Reader::Browser { font_faces, .. } = &self.reader {
            let page = format!(
                "<!doctype html><html><head><meta charset=\"utf-8\"><style>\n{font_faces}\
html,body{{margin:0;padding:0;background-color:#fff}}\
body{{font-family:{}}}</style></head><body>",
                crate::fonts::browser_font_family("sans-serif")
            );
            self.out.push_str(&page);
        }
        // The page clips to the frame. takumi's canvas is the frame already, and takumi draws
        // an `overflow` clip as a coverage mask that every paint inside it goes through (the
        // slower masked path of each gradient, fill and composite), so only a browser, whose
        // page could be larger, gets the clip.
        let clip = match self.reader {
            Reader::Browser { .. } => "overflow:hidden;",
            Reader::Takumi => "",
        };
        self.out.push_str(&format!(
            "<div style=\"position:relative;width:{width}px;height:{height}px;{clip}background-color:#fff\">"
        ));
        match tree {
            Node::Element { tag, children, .. } if tag == "#root" => {
                for (i, child) in children.iter().enumerate() {
                    self.node(child, &format!("#root>{i}"), false);
                }
            }
            other => self.node(other, "#root", false),
        }
        self.out.push_str("</div>");
        if matches!(self.reader, Reader::Browser { .. }) {
            self.out.push_str("</body></html>");
        }
        self.out
    }

    fn node(&mut self, node: &Node, path: &str, in_svg: bool) {
        match node {
            Node::Text(text) => escape_into(&mut self.out, text, false),
            Node::Element {
                tag,
                props,
                children,
            } => {
                let path = format!("{path}>{tag}");
                let in_svg = in_svg || tag == "svg";
                if tag == "img" {
                    return self.image(props, &path);
                }
                if matches!(tag.as_str(), "audio" | "script" | "style" | "template") {
                    return;
                }
                if !is_tag_name(tag) {
                    self.warnings.push(RasterWarning::new(
                        &path,
                        "element",
                        tag,
                        "not an element name; its subtree is drawn inside a div",
                    ));
                }
                let name = if is_tag_name(tag) {
                    tag.as_str()
                } else {
                    "div"
                };
                self.out.push('<');
                self.out.push_str(name);
                self.attributes(props, &path, in_svg);
                self.out.push('>');
                for (i, child) in children.iter().enumerate() {
                    self.node(child, &format!("{path}:{i}"), in_svg);
                }
                self.out.push_str("</");
                self.out.push_str(name);
                self.out.push('>');
            }
        }
    }

    fn attributes(&mut self, props: &Map<String, Value>, path: &str, in_svg: bool) {
        for (name, value) in props {
            if SKIPPED_PROPS.contains(&name.as_str()) {
                continue;
            }
            if name == "style" {
                if let Value::Object(style) = value {
                    let css = self.style(style, path);
                    if !css.is_empty() {
                        self.attribute("style", &css);
                    }
                }
                continue;
            }
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(true) => String::new(),
                _ => continue,
            };
            let attribute = attribute_name(name, in_svg);
            if !is_attribute_name(&attribute) {
                continue;
            }
            if attribute == "font-family" && matches!(self.reader, Reader::Browser { .. }) {
                self.attribute(&attribute, &crate::fonts::browser_font_family(&text));
            } else {
                self.attribute(&attribute, &text);
            }
        }
    }

    fn attribute(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value, true);
        self.out.push('"');
    }

    /// The CSS text of a style object: for takumi only what it parses, for a browser every
    /// declaration (font stacks mapped).
    fn style(&mut self, style: &Map<String, Value>, path: &str) -> String {
        let mut css = String::new();
        for (property, value) in declarations(style) {
            if let Reader::Browser { .. } = self.reader {
                let value = if property == "font-family" {
                    crate::fonts::browser_font_family(&value)
                } else {
                    value
                };
                css.push_str(&format!("{property}:{value};"));
                continue;
            }
            let declaration = format!("{property}:{value}");
            if declaration
                .parse::<takumi::prelude::StyleDeclarationBlock>()
                .is_err()
            {
                self.warnings.push(RasterWarning::new(
                    path,
                    &property,
                    &value,
                    "takumi cannot draw this value; the declaration is left out",
                ));
                continue;
            }
            css.push_str(&declaration);
            css.push(';');
        }
        css
    }

    fn image(&mut self, props: &Map<String, Value>, path: &str) {
        let src = props.get("src").and_then(Value::as_str).unwrap_or_default();
        match self.assets.resolve(src) {
            ImageRef::Source(key) => {
                let src = match &self.reader {
                    Reader::Browser {
                        asset_dir: Some(dir),
                        ..
                    } if !key.starts_with("data:") => {
                        crate::fonts::file_url(&dir.join(asset_path(&key)))
                    }
                    _ => key,
                };
                let mut image = props.clone();
                image.insert("src".into(), Value::String(src));
                self.out.push_str("<img");
                self.attributes(&image, path, false);
                self.out.push('>');
            }
            ImageRef::Placeholder(reason) => {
                self.warnings
                    .push(RasterWarning::new(path, "src", src, &reason));
                // A neutral box of the element's size, in the element's place.
                let mut placeholder = props.clone();
                placeholder.remove("src");
                let mut style = props
                    .get("style")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                style
                    .entry("backgroundColor")
                    .or_insert_with(|| Value::String("#d4d4d8".into()));
                for (key, css) in [("width", "width"), ("height", "height")] {
                    if let Some(value) = props.get(key) {
                        style.entry(css).or_insert_with(|| value.clone());
                    }
                }
                placeholder.insert("style".into(), Value::Object(style));
                self.out.push_str("<div");
                self.attributes(&placeholder, path, false);
                self.out.push_str("></div>");
            }
        }
    }
}

/// The path under the asset directory a local `src` names (as [`Assets`] reads it).
fn asset_path(src: &str) -> &str {
    let relative = src.split(['?', '#']).next().unwrap_or(src);
    let relative = relative.trim_start_matches('/');
    relative.strip_prefix("public/").unwrap_or(relative)
}

/// The attribute a React prop writes.
fn attribute_name(prop: &str, in_svg: bool) -> String {
    match prop {
        "className" => "class".into(),
        "htmlFor" => "for".into(),
        "xlinkHref" => "href".into(),
        _ if prop.starts_with("data-") || prop.starts_with("aria-") => prop.into(),
        _ if in_svg && !SVG_CAMEL_ATTRIBUTES.contains(&prop) => crate::css::css_property_name(prop),
        _ if in_svg => prop.into(),
        _ => prop.to_ascii_lowercase(),
    }
}

fn is_tag_name(tag: &str) -> bool {
    tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn is_attribute_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

pub(crate) fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}
