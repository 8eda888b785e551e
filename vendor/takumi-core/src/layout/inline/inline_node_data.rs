//! Blink's [`InlineNodeData`](https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/core/layout/inline/inline_node_data.h),
//! with `InlineItemsData` folded in.

use std::{
  cell::{Cell, OnceCell, RefCell},
  fmt::{self, Debug, Formatter},
  ops::Range,
  rc::Rc,
};

use rustc_hash::FxHashMap;

use super::{
  inline_break_token::BreakTokenStyle,
  inline_item::{InlineItem, InlineItemType, InlineItems, LayoutObject},
  inline_item_segment::InlineItemSegments,
};
use crate::{
  context::BoxId,
  context::RenderContext,
  font_style::SizedFontStyle,
  fonts::{font::Font, font_description::FontDescription},
  layout::min_max_sizes::MinMaxSizes,
  style::Direction as TextDirection,
  text::{
    bidi_paragraph::BidiParagraph,
    character::{LINE_FEED, is_8bit},
    line_break_iterator::{BreakOptions, LineBreakIterator},
  },
};

/// Blink's `InlineNodeData`, without first-line items, SVG text, ruby, initial letters, or text
/// emphasis.
#[derive(Debug, Default)]
pub(crate) struct InlineNodeData<'c> {
  pub(crate) text_content: String,
  pub(crate) items: InlineItems<'c>,
  /// The runs of `text_content`, when it has more than one.
  pub(crate) segments: Option<InlineItemSegments>,
  pub(crate) has_non_orc_16bit: bool,
  pub(crate) is_bidi_enabled: bool,
  pub(crate) base_direction: TextDirection,
  pub(crate) has_floats: bool,
  pub(crate) has_out_of_flow_positioned: bool,
  pub(crate) is_bisect_line_break_disabled: bool,
  pub(crate) is_score_line_break_disabled: bool,
  pub(crate) fonts: StyleFonts,
  /// The soft wrap opportunities of `text_content` per break type, which every line breaking pass
  /// shares.
  pub(crate) break_opportunities: RefCell<FxHashMap<BreakOptions, Rc<[bool]>>>,
  /// Where each paragraph after a line feed starts, and the direction its first strong character
  /// gives it, for `unicode-bidi: plaintext`.
  pub(crate) plaintext_paragraphs: OnceCell<Vec<(usize, TextDirection)>>,
  /// The min-content and max-content sizes, kept once no box inside can make them depend on the
  /// available space.
  pub(crate) min_max_sizes: Cell<Option<MinMaxSizes>>,
  /// The first item each inline box's style belongs to, which names it in a break token.
  pub(crate) break_token_styles: OnceCell<FxHashMap<BoxId, usize>>,
  /// The open tag of the box enclosing each close tag's box, absent for the block's own children.
  pub(crate) close_tag_parents: OnceCell<FxHashMap<usize, usize>>,
}

impl<'c> InlineNodeData<'c> {
  /// The base direction `unicode-bidi: plaintext` gives the paragraph `offset` is in, or none in
  /// the first paragraph, whose direction the block's bidi paragraph resolved. Computed once, as
  /// each line's line breaker asks again.
  pub(crate) fn plaintext_paragraph_direction(&self, offset: usize) -> Option<TextDirection> {
    let paragraphs = self.plaintext_paragraphs.get_or_init(|| {
      // Latin-1 text has no right-to-left character.
      if is_8bit(&self.text_content) {
        return Vec::new();
      }

      self
        .text_content
        .match_indices(LINE_FEED)
        .map(|(line_feed, _)| {
          let start = line_feed + LINE_FEED.len_utf8();
          let direction = BidiParagraph::base_direction_for_string(
            &self.text_content[start..],
            Some(|c| c == LINE_FEED),
          );

          // UAX #9 rules P2 and P3 make a paragraph without a strong character left-to-right.
          (start, direction.unwrap_or(TextDirection::Ltr))
        })
        .collect()
    });
    let index = paragraphs.partition_point(|&(start, _)| start <= offset);

    index.checked_sub(1).map(|index| paragraphs[index].1)
  }

  /// An iterator over the soft wrap opportunities of `text_content` under `options`, computed
  /// once.
  pub(crate) fn break_iterator(&self, options: BreakOptions) -> LineBreakIterator<'_> {
    let breakable = Rc::clone(
      self
        .break_opportunities
        .borrow_mut()
        .entry(options)
        .or_insert_with(|| LineBreakIterator::opportunities(&self.text_content, options)),
    );

    LineBreakIterator::with_opportunities(&self.text_content, breakable, options)
  }

  /// Whether only text and inline boxes lay out inside, with no atomic inline, block, float,
  /// positioned box, or marker sized against the available space.
  pub(crate) fn holds_only_text(&self) -> bool {
    self.items.iter().all(|item| {
      matches!(
        item.item_type,
        InlineItemType::Text
          | InlineItemType::Control
          | InlineItemType::OpenTag
          | InlineItemType::CloseTag
          | InlineItemType::BidiControl
      )
    })
  }

  /// Blink's `HasFloatingOrOutOfFlowPositioned`.
  pub(crate) fn has_floating_or_out_of_flow_positioned(&self) -> bool {
    self.has_floats || self.has_out_of_flow_positioned
  }

  /// How a break token names `context`, the style of `block` or of an inline box inside.
  pub(crate) fn break_token_style(
    &self,
    context: &RenderContext,
    block: &RenderContext,
  ) -> BreakTokenStyle {
    if context.box_id() == block.box_id() {
      return BreakTokenStyle::Block;
    }

    let styles = self.break_token_styles.get_or_init(|| {
      let mut styles = FxHashMap::default();

      for (index, item) in self.items.iter().enumerate() {
        if let Some(layout_object) = item.layout_object {
          styles
            .entry(layout_object.context().box_id())
            .or_insert(index);
        }
      }
      styles
    });

    styles
      .get(&context.box_id())
      .map_or(BreakTokenStyle::Block, |&index| {
        BreakTokenStyle::Item(index)
      })
  }

  /// The style a break token's `style` names, inside `block`.
  pub(crate) fn break_token_context(
    &self,
    style: BreakTokenStyle,
    block: &'c RenderContext,
  ) -> &'c RenderContext {
    match style {
      BreakTokenStyle::Block => block,
      BreakTokenStyle::Item(index) => self.items[index]
        .layout_object
        .map_or(block, LayoutObject::context),
    }
  }

  /// The style an item after the close tag at `index` takes: the box enclosing that tag's box,
  /// else `block`, as Blink reads `LayoutObject::Parent`.
  pub(crate) fn parent_context(&self, index: usize, block: &'c RenderContext) -> &'c RenderContext {
    let parents = self.close_tag_parents.get_or_init(|| {
      let mut open_tags = Vec::new();
      let mut parents = FxHashMap::default();

      for (index, item) in self.items.iter().enumerate() {
        match item.item_type {
          InlineItemType::OpenTag => open_tags.push(index),
          InlineItemType::CloseTag => {
            open_tags.pop();
            if let Some(&parent) = open_tags.last() {
              parents.insert(index, parent);
            }
          }
          _ => {}
        }
      }
      parents
    });

    parents
      .get(&index)
      .and_then(|&parent| self.items[parent].layout_object)
      .map_or(block, LayoutObject::context)
  }

  /// Blink's `GetOpenTagItems`: the tags `items[range]` leaves open.
  pub(crate) fn open_tag_items(&self, range: Range<usize>) -> Vec<&InlineItem<'c>> {
    let mut open_items = Vec::new();

    for item in &self.items[range] {
      match item.item_type {
        InlineItemType::OpenTag => open_items.push(item),
        InlineItemType::CloseTag => {
          open_items.pop();
        }
        _ => {}
      }
    }

    open_items
  }
}

/// The font of each style the context shapes with: Blink's `ComputedStyle::GetFont`.
#[derive(Default)]
pub(crate) struct StyleFonts {
  fonts: RefCell<FxHashMap<BoxId, Rc<Font>>>,
}

impl StyleFonts {
  pub(crate) fn get(&self, context: &RenderContext) -> Rc<Font> {
    let mut fonts = self.fonts.borrow_mut();
    let font = fonts.entry(context.box_id()).or_insert_with(|| {
      let description = FontDescription::new(&SizedFontStyle::from_style(&context.style, context));

      Rc::new(context.font(description))
    });

    Rc::clone(font)
  }
}

impl Debug for StyleFonts {
  fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
    f.debug_struct("StyleFonts")
      .field("len", &self.fonts.borrow().len())
      .finish()
  }
}
