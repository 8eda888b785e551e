mod animation;
pub(crate) mod calc;
mod css_input;
mod css_source;
mod custom_properties;
mod matched_style_cache;
pub mod math;
mod media_query;
pub(crate) mod properties;
mod raw_declaration;
pub(crate) mod selector;
mod sizing;
mod stylesheets;
mod supports;
mod tw;

pub use animation::{KeyframeRule, KeyframesRule};
pub(crate) use animation::{apply_stylesheet_animations, find_keyframes};
pub(crate) use calc::parse_calc_number_expression;
pub(crate) use css_input::{CssInput, CssNumber, CssUnexpected, CssValueSeed};
pub use css_source::{
  AnimationRule, AnimationStep, CssSource, CssSourceError, LayerRule, MediaRule, StyleRule,
  SupportsRule,
};
pub use custom_properties::CustomProperties;
pub(crate) use custom_properties::Registrations;
pub(crate) use matched_style_cache::{MatchedStyleCache, MatchedStyleKey};
pub(crate) use math::lerp;
pub(crate) use properties::unexpected_token;
pub use properties::*;
pub(crate) use raw_declaration::{RawDeclaration, RawDeclarationParser};
// Selector internals stay crate-private.
pub use selector::{MediaQueryList, PropertyRule, StyleSheet};
pub(crate) use sizing::FontUnits;
pub use sizing::SizingContext;
pub use stylesheets::*;
pub use tw::*;
