use std::fmt;

use cssparser::{BasicParseErrorKind, ParseError as CssParseError, Parser};

use crate::style::{
  Animatable, Color, FromCss, MakeComputed, ParseResult, SizingContext, ToCss, lerp,
};

/// `tab-size` as a number of spaces. Naive: no `<length>`, and tabs expand to spaces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TabSize(f32);

impl Default for TabSize {
  fn default() -> Self {
    Self(8.0)
  }
}

impl From<f32> for TabSize {
  /// Sanitizes to the parser's invariant: non-negative and finite (NaN and
  /// negative become 0, values above the expansion cap clamp to it).
  fn from(spaces: f32) -> Self {
    Self(spaces.max(0.0).min(Self::MAX_SPACES as f32))
  }
}

impl TabSize {
  /// Caps expansion so a hostile `tab-size` can't multiply text length unboundedly.
  const MAX_SPACES: usize = 512;

  pub(crate) fn spaces(&self) -> usize {
    (self.0.round().max(0.0) as usize).min(Self::MAX_SPACES)
  }
}

impl MakeComputed for TabSize {}

impl Animatable for TabSize {
  fn interpolate(
    &mut self,
    from: &Self,
    to: &Self,
    progress: f32,
    _sizing: &SizingContext,
    _current_color: Color,
  ) {
    self.0 = lerp(from.0, to.0, progress);
  }
}

impl<'i> FromCss<'i> for TabSize {
  fn from_css(input: &mut Parser<'i>) -> ParseResult<'i, Self> {
    let value = input.expect_number()?;

    if value < 0.0 {
      return Err(CssParseError::from_basic_kind(
        BasicParseErrorKind::QualifiedRuleInvalid,
      ));
    }

    Ok(Self(value))
  }

  const VALID_TOKENS: &'static [&'static str] = &["<number>"];
}

impl ToCss for TabSize {
  fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
    self.0.to_css(dest)
  }
}

#[cfg(test)]
mod tests {
  use super::*;
  use crate::style::FromCssStr;

  #[test]
  fn test_parse_tab_size() {
    assert_eq!(TabSize::from_css_str("4"), Ok(TabSize(4.0)));
    assert_eq!(TabSize::from_css_str("2.5"), Ok(TabSize(2.5)));
    assert_eq!(TabSize::from_css_str("0"), Ok(TabSize(0.0)));
  }

  #[test]
  fn test_parse_tab_size_invalid() {
    assert!(TabSize::from_css_str("-1").is_err());
    assert!(TabSize::from_css_str("4px").is_err());
    assert!(TabSize::from_css_str("auto").is_err());
  }

  #[test]
  fn test_tab_size_spaces_rounds() {
    assert_eq!(TabSize(2.5).spaces(), 3);
    assert_eq!(TabSize::default().spaces(), 8);
  }

  #[test]
  fn test_tab_size_spaces_capped() {
    assert_eq!(TabSize(1e9).spaces(), TabSize::MAX_SPACES);
  }

  #[test]
  fn test_tab_size_from_sanitizes() {
    assert_eq!(TabSize::from(-3.0), TabSize(0.0));
    assert_eq!(TabSize::from(f32::NAN), TabSize(0.0));
    assert_eq!(
      TabSize::from(f32::INFINITY),
      TabSize(TabSize::MAX_SPACES as f32)
    );
    assert_eq!(TabSize::from(4.0), TabSize(4.0));
  }
}
