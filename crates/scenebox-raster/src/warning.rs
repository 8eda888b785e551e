//! What the rasteriser could not draw as written: the element path, the property (or `src`,
//! `element`, `font-family`), the value and what happened instead.

use serde::{Deserialize, Serialize};

/// One thing drawn differently from what the scene asked for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RasterWarning {
    /// Where in the element tree (`#root>0>div:1>h1`).
    pub path: String,
    /// The property, attribute or kind of thing.
    pub property: String,
    /// The value as written.
    pub value: String,
    /// What happened instead.
    pub message: String,
}

impl RasterWarning {
    /// A warning about `property: value` at `path`.
    pub fn new(path: &str, property: &str, value: &str, message: &str) -> Self {
        Self {
            path: path.to_string(),
            property: property.to_string(),
            value: value.to_string(),
            message: message.to_string(),
        }
    }
}

impl std::fmt::Display for RasterWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}: {}: {}",
            self.path, self.property, self.value, self.message
        )
    }
}
