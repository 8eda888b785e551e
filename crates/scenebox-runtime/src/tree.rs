//! The per-frame element tree: the contract between the runtime and its consumers
//! (comparison, rasteriser). Host elements with their props as written (style objects keep
//! numbers as numbers), text nodes, nothing executable. Serialises as
//! `{"type", "props", "children"}` and `{"type": "#text", "text"}`.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A node of a frame's element tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A host element (`div`, `svg`, `img`, …; the root is `#root`).
    Element {
        /// The host tag.
        tag: String,
        /// Props as the scene wrote them, minus functions, `key`, `ref` and `children`.
        props: Map<String, Value>,
        /// Child nodes in order.
        children: Vec<Node>,
    },
    /// Text content (adjacent text merged).
    Text(String),
}

impl Node {
    /// The tag of an element, `#text` for text.
    pub fn tag(&self) -> &str {
        match self {
            Node::Element { tag, .. } => tag,
            Node::Text(_) => "#text",
        }
    }

    /// All text of this subtree, concatenated in document order.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        match self {
            Node::Text(text) => out.push_str(text),
            Node::Element { children, .. } => children.iter().for_each(|c| c.collect_text(out)),
        }
    }

    /// Number of nodes in this subtree, itself included.
    pub fn node_count(&self) -> usize {
        match self {
            Node::Text(_) => 1,
            Node::Element { children, .. } => {
                1 + children.iter().map(Node::node_count).sum::<usize>()
            }
        }
    }

    /// Canonical JSON: the serialised tree with every object's keys sorted, no whitespace.
    /// Two trees are equal exactly when their canonical JSON is.
    pub fn canonical_json(&self) -> String {
        let value = serde_json::to_value(self).unwrap_or(Value::Null);
        let mut out = String::with_capacity(1024);
        write_canonical(&value, &mut out);
        out
    }

    /// `blake3:<hex>` of [`Node::canonical_json`]: a stable per-frame hash.
    pub fn hash(&self) -> String {
        format!(
            "blake3:{}",
            blake3::hash(self.canonical_json().as_bytes()).to_hex()
        )
    }
}

/// Writes `value` as JSON with object keys sorted (recursively).
pub fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The wire shape of a node.
#[derive(Serialize, Deserialize)]
struct WireNode {
    #[serde(rename = "type")]
    tag: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    props: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    children: Option<Vec<Node>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct ElementRef<'a> {
            #[serde(rename = "type")]
            tag: &'a str,
            props: &'a Map<String, Value>,
            children: &'a [Node],
        }
        #[derive(Serialize)]
        struct TextRef<'a> {
            #[serde(rename = "type")]
            tag: &'static str,
            text: &'a str,
        }
        match self {
            Node::Element {
                tag,
                props,
                children,
            } => ElementRef {
                tag,
                props,
                children,
            }
            .serialize(serializer),
            Node::Text(text) => TextRef { tag: "#text", text }.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = WireNode::deserialize(deserializer)?;
        if wire.tag == "#text" {
            return wire
                .text
                .map(Node::Text)
                .ok_or_else(|| D::Error::custom("a #text node without text"));
        }
        Ok(Node::Element {
            tag: wire.tag,
            props: wire.props.unwrap_or_default(),
            children: wire.children.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_and_hashes_independently_of_key_order() {
        let a: Node = serde_json::from_value(json!({
            "type": "div", "props": {"style": {"opacity": 0.5, "color": "red"}},
            "children": [{"type": "#text", "text": "hi"}]
        }))
        .unwrap();
        let b: Node = serde_json::from_value(json!({
            "children": [{"text": "hi", "type": "#text"}],
            "props": {"style": {"color": "red", "opacity": 0.5}}, "type": "div"
        }))
        .unwrap();
        assert_eq!(a.hash(), b.hash());
        assert_eq!(a.text_content(), "hi");
        assert_eq!(a.node_count(), 2);
        let back = serde_json::to_value(&a).unwrap();
        assert_eq!(back["props"]["style"]["opacity"], json!(0.5));
        assert_eq!(
            a.canonical_json(),
            r##"{"children":[{"text":"hi","type":"#text"}],"props":{"style":{"color":"red","opacity":0.5}},"type":"div"}"##
        );
    }
}
