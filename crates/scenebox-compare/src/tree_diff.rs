//! Finds the first place two element trees differ, as a JSON path into the tree.

use scenebox_runtime::Node;
use serde_json::Value;

/// Where two trees first differ: the path and both values there.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TreeDifference {
    /// JSON path from the root, e.g. `children[0].props.style.opacity`.
    pub path: String,
    /// The Phase 1 value at that path (`null` when absent).
    pub phase1: Value,
    /// The parameterized value at that path (`null` when absent).
    pub param: Value,
}

/// The first difference between `phase1` and `param` in document order, or `None` when equal.
pub fn first_difference(phase1: &Node, param: &Node) -> Option<TreeDifference> {
    let a = serde_json::to_value(phase1).unwrap_or(Value::Null);
    let b = serde_json::to_value(param).unwrap_or(Value::Null);
    walk(&a, &b, String::new())
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(a: &Value, b: &Value, path: String) -> Option<TreeDifference> {
    let differ = |path: String| {
        Some(TreeDifference {
            path,
            phase1: a.clone(),
            param: b.clone(),
        })
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x {
                let next = join(&path, key);
                match y.get(key) {
                    Some(other) => {
                        if let Some(found) = walk(value, other, next) {
                            return Some(found);
                        }
                    }
                    None => return walk(value, &Value::Null, next),
                }
            }
            y.iter()
                .find(|(key, _)| !x.contains_key(*key))
                .and_then(|(key, value)| walk(&Value::Null, value, join(&path, key)))
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                let next = format!("{path}[{i}]");
                match (x.get(i), y.get(i)) {
                    (Some(p), Some(q)) => {
                        if let Some(found) = walk(p, q, next) {
                            return Some(found);
                        }
                    }
                    (p, q) => {
                        return walk(p.unwrap_or(&Value::Null), q.unwrap_or(&Value::Null), next)
                    }
                }
            }
            None
        }
        _ if a == b => None,
        _ => differ(if path.is_empty() { "$".into() } else { path }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(v: Value) -> Node {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn reports_the_first_differing_path() {
        let a = node(json!({"type": "#root", "props": {}, "children": [
            {"type": "div", "props": {"style": {"opacity": 1}}, "children": [{"type": "#text", "text": "yes"}]}]}));
        let b = node(json!({"type": "#root", "props": {}, "children": [
            {"type": "div", "props": {"style": {"opacity": 1}}, "children": [{"type": "#text", "text": "no"}]}]}));
        let d = first_difference(&a, &b).unwrap();
        assert_eq!(d.path, "children[0].children[0].text");
        assert_eq!((d.phase1, d.param), (json!("yes"), json!("no")));
        assert_eq!(first_difference(&a, &a), None);
        let c = node(json!({"type": "#root", "props": {}, "children": []}));
        assert_eq!(first_difference(&a, &c).unwrap().path, "children[0]");
    }
}
