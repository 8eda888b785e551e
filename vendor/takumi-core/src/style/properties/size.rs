use std::fmt;

use crate::style::{
  Animatable, Color, FromCss, Length, MakeComputed, ParseResult, SizingContext, ToCss, discrete,
  tw::{Namespace, TailwindPropertyParser},
  unexpected_token,
};
use cssparser::{Parser, Token, match_ignore_ascii_case};

/// Represents a `width`/`height` value: a `<length-percentage>`, `auto`, or a CSS Sizing Level 3
/// keyword. `fit-content(<length-percentage>)` is invalid here, as Chrome leaves it to grid tracks.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Size {
  /// A `<length-percentage>` or `auto`.
  Length(Length),
  /// `min-content`: the largest minimum content contribution.
  MinContent,
  /// `max-content`: the size that takes no soft wrap opportunity.
  MaxContent,
  /// `fit-content`: `max(min-content, min(max-content, stretch))`.
  FitContent,
  /// `stretch`: the size the box takes when it fills the available space.
  Stretch,
}

impl Default for Size {
  fn default() -> Self {
    Self::auto()
  }
}

impl Size {
  /// Whether it is a negative length, which a sizing property rejects.
  pub(crate) fn is_negative(self) -> bool {
    matches!(self, Self::Length(length) if length.is_negative())
  }

  /// An automatic size.
  pub const fn auto() -> Self {
    Self::Length(Length::Auto)
  }

  /// A zero length.
  pub const fn zero() -> Self {
    Self::Length(Length::zero())
  }

  /// Whether the value leaves the size to the layout algorithm.
  pub fn is_auto(self) -> bool {
    matches!(self, Self::Length(Length::Auto))
  }

  /// The length this value carries, if it is one.
  pub fn as_length(self) -> Option<Length> {
    match self {
      Self::Length(length) => Some(length),
      _ => None,
    }
  }
}

impl From<Length> for Size {
  fn from(length: Length) -> Self {
    Self::Length(length)
  }
}

impl MakeComputed for Size {
  fn make_computed(&mut self, sizing: &SizingContext) {
    if let Self::Length(length) = self {
      length.make_computed(sizing);
    }
  }
}

impl Animatable for Size {
  fn interpolate(
    &mut self,
    from: &Self,
    to: &Self,
    progress: f32,
    sizing: &SizingContext,
    current_color: Color,
  ) {
    *self = match (from, to) {
      (Self::Length(from), Self::Length(to)) => Self::Length(Length::interpolated(
        from,
        to,
        progress,
        sizing,
        current_color,
      )),
      _ => discrete(from, to, progress),
    };
  }
}

impl<'i> FromCss<'i> for Size {
  const VALID_TOKENS: &'static [&'static str] = &[
    "<length>",
    "min-content",
    "max-content",
    "fit-content",
    "stretch",
  ];

  fn from_css(input: &mut Parser<'i>) -> ParseResult<'i, Self> {
    if let Ok(keyword) = input.try_parse(parse_sizing_keyword) {
      return Ok(keyword);
    }

    Length::from_css(input).map(Self::Length)
  }
}

fn parse_sizing_keyword<'i>(input: &mut Parser<'i>) -> ParseResult<'i, Size> {
  let token = input.next()?.clone();

  match &token {
    Token::Ident(ident) => match_ignore_ascii_case! {ident,
      "min-content" => Ok(Size::MinContent),
      "max-content" => Ok(Size::MaxContent),
      "fit-content" => Ok(Size::FitContent),
      "stretch" => Ok(Size::Stretch),
      _ => Err(unexpected_token!(Size, &token)),
    },
    _ => Err(unexpected_token!(Size, &token)),
  }
}

impl ToCss for Size {
  fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
    match self {
      Self::Length(length) => length.to_css(dest),
      Self::MinContent => dest.write_str("min-content"),
      Self::MaxContent => dest.write_str("max-content"),
      Self::FitContent => dest.write_str("fit-content"),
      Self::Stretch => dest.write_str("stretch"),
    }
  }
}

impl TailwindPropertyParser for Size {
  const NAMESPACES: &'static [Namespace] = Length::NAMESPACES;

  fn parse_tw(token: &str) -> Option<Self> {
    match_ignore_ascii_case! {token,
      "min" => return Some(Self::MinContent),
      "max" => return Some(Self::MaxContent),
      "fit" => return Some(Self::FitContent),
      _ => {}
    }

    Length::parse_tw(token).map(Self::Length)
  }
}

#[cfg(test)]
mod tests {
  use super::*;
  use crate::style::FromCssStr;

  #[test]
  fn parses_lengths_and_auto() {
    for (css, expected) in [
      ("auto", Size::Length(Length::Auto)),
      ("100px", Size::Length(Length::Px(100.0))),
      ("50%", Size::Length(Length::Percentage(50.0))),
    ] {
      let parsed = Size::from_css_str(css).unwrap();

      assert_eq!(parsed, expected, "{css}");
      assert_eq!(parsed.to_css_string(), css);
    }
  }

  #[test]
  fn parses_the_sizing_keywords() {
    for (css, expected) in [
      ("min-content", Size::MinContent),
      ("max-content", Size::MaxContent),
      ("fit-content", Size::FitContent),
      ("stretch", Size::Stretch),
    ] {
      let parsed = Size::from_css_str(css).unwrap();

      assert_eq!(parsed, expected, "{css}");
      assert_eq!(parsed.to_css_string(), css);
    }

    // Chrome leaves `fit-content()` to grid tracks.
    assert!(Size::from_css_str("fit-content(20rem)").is_err());
    assert!(Size::from_css_str("fit-content(50%)").is_err());
    assert!(Size::from_css_str("content").is_err());
  }

  #[test]
  fn parses_the_tailwind_keywords() {
    assert_eq!(Size::parse_tw("min"), Some(Size::MinContent));
    assert_eq!(Size::parse_tw("max"), Some(Size::MaxContent));
    assert_eq!(Size::parse_tw("fit"), Some(Size::FitContent));
    assert_eq!(
      Size::parse_tw("full"),
      Some(Size::Length(Length::Percentage(100.0)))
    );
  }
}
