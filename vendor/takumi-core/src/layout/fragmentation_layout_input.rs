//! Blink's [`FragmentationLayoutInput`](https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/core/layout/fragmentation_layout_input.h),
//! empty without the `fragmentation` feature.

#[cfg(feature = "fragmentation")]
use std::rc::Rc;

#[cfg(feature = "fragmentation")]
use crate::layout::{
  block_break_token::BlockBreakToken,
  early_break::EarlyBreak,
  fragmentation_utils::{fragment_index, is_break_inside},
};

/// Where a child resumes, as Blink's `BlockChildIterator::Entry` gives it.
#[cfg(feature = "fragmentation")]
pub(crate) type ChildBreakToken = Option<Rc<BlockBreakToken>>;
#[cfg(not(feature = "fragmentation"))]
pub(crate) type ChildBreakToken = ();

/// Where a layout resumes the box, and where it has to break.
#[derive(Debug, Clone, Default)]
pub(crate) struct FragmentationLayoutInput {
  #[cfg(feature = "fragmentation")]
  pub(crate) break_token: Option<Rc<BlockBreakToken>>,
  #[cfg(feature = "fragmentation")]
  pub(crate) early_break: Option<Rc<EarlyBreak>>,
}

impl FragmentationLayoutInput {
  /// Whether the layout resumes a box an earlier fragment started, which keeps the out-of-flow
  /// boxes that fragment positioned.
  pub(crate) fn resumes_box(&self) -> bool {
    #[cfg(feature = "fragmentation")]
    return is_break_inside(self.break_token.as_deref());
    #[cfg(not(feature = "fragmentation"))]
    return false;
  }

  /// The fragment of the box a cached layout of it stands in for, none when the layout has a
  /// breakpoint to honor or repeats the box, as Blink's `CachedLayoutResult` declines both.
  pub(crate) fn cached_fragment_index(&self) -> Option<usize> {
    #[cfg(feature = "fragmentation")]
    return (self.early_break.is_none()
      && self
        .break_token
        .as_deref()
        .is_none_or(|token| !token.is_repeated))
    .then(|| fragment_index(self.break_token.as_deref()));
    #[cfg(not(feature = "fragmentation"))]
    return Some(0);
  }

  /// Where the layout resumes the box, which a cached layout must have resumed at too.
  pub(crate) fn child_break_token(&self) -> ChildBreakToken {
    #[cfg(feature = "fragmentation")]
    return self.break_token.clone();
  }

  /// Whether the layout resumes the box at `break_token`.
  pub(crate) fn resumes_at(&self, break_token: &ChildBreakToken) -> bool {
    #[cfg(feature = "fragmentation")]
    return self.break_token == *break_token;
    #[cfg(not(feature = "fragmentation"))]
    {
      let () = break_token;

      true
    }
  }

  /// The input resuming at the same break token with no breakpoint to honor, as Blink's `Relayout`
  /// passes it without one.
  #[cfg(feature = "fragmentation")]
  pub(crate) fn without_early_break(&self) -> Self {
    Self {
      break_token: self.break_token.clone(),
      early_break: None,
    }
  }

  /// Whether the layout starts the box afresh with no breakpoint to honor, which a cached layout
  /// stands in for.
  pub(crate) fn is_fresh(&self) -> bool {
    #[cfg(feature = "fragmentation")]
    return self.break_token.is_none() && self.early_break.is_none();
    #[cfg(not(feature = "fragmentation"))]
    return true;
  }
}
