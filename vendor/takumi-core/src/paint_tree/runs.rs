//! A laid-out run's text and glyphs, as the document describes them.

use std::{ops::Range, sync::Arc};

use super::outlines::{OutlineGlyph, RunOutline};
use crate::{
  geometry::{ComputedLayout, PathCommand, Point},
  layout::inline::{PositionedInlineRun, ProcessedInlineSpan},
  resources::glyph::{ResolvedBitmapGlyph, ResolvedGlyph},
  style::{Affine, Color},
};

/// Whether `c` is a bidi mark layout inserts rather than text the document holds.
fn is_bidi_mark(c: char) -> bool {
  matches!(c, '\u{200E}' | '\u{200F}')
}

/// How one glyph of a run paints.
pub(super) enum GlyphPaint<'g> {
  /// An outline filled with the run's colour, stroked by `embolden` for faux bold.
  Outline {
    /// The outline.
    paths: &'g [PathCommand],
    /// The faux-bold stroke width.
    embolden: Option<f32>,
  },
  /// Colour font layers, bottom first.
  Layers(Vec<(Color, &'g [PathCommand])>),
  /// An embedded bitmap, such as colour emoji.
  Bitmap(&'g ResolvedBitmapGlyph),
}

/// A glyph of a run and where it sits.
pub(super) struct PlacedGlyph<'g> {
  /// The glyph.
  pub(super) glyph: &'g Arc<ResolvedGlyph>,
  /// Maps the glyph's own space into the block's border box, the line's `text-fit` scale included.
  pub(super) transform: Affine,
  /// The glyph's origin from the run's baseline start, before the line's scale.
  pub(super) offset: Point<f32>,
  /// How it paints.
  pub(super) paint: GlyphPaint<'g>,
}

impl PositionedInlineRun {
  /// The start of the run's baseline in the border box of the block at `layout`, before the
  /// line's `text-fit` scale.
  pub(super) fn origin(&self, layout: ComputedLayout) -> Point<f32> {
    let glyph_offset = self.glyph_offset(layout);

    Point {
      x: glyph_offset.x + self.glyph_run.offset,
      y: glyph_offset.y + self.glyph_run.baseline,
    }
  }

  /// The run's glyphs in the block at `layout`, in order.
  pub(super) fn placed_glyphs(
    &self,
    layout: ComputedLayout,
  ) -> impl Iterator<Item = PlacedGlyph<'_>> {
    self.each_glyph(layout).flatten()
  }

  /// Every glyph of the run in the block at `layout`, in order, `None` for one that did not
  /// resolve.
  fn each_glyph(&self, layout: ComputedLayout) -> impl Iterator<Item = Option<PlacedGlyph<'_>>> {
    let run_transform = self.transform(Affine::IDENTITY);
    let glyph_offset = self.glyph_offset(layout);
    let shaped = &self.glyph_run;

    shaped.glyphs.iter().map(move |glyph| {
      let resolved = self.resolved_glyphs.get(&glyph.id)?;
      let paint = match resolved.as_ref() {
        ResolvedGlyph::Outline(outline) => {
          let layers = self.resolve_color_layers(outline, shaped.brush.color);

          if layers.is_empty() {
            GlyphPaint::Outline {
              paths: outline.paths(),
              embolden: outline.embolden().filter(|embolden| *embolden > 0.0),
            }
          } else {
            GlyphPaint::Layers(layers)
          }
        }
        ResolvedGlyph::Bitmap(bitmap) => GlyphPaint::Bitmap(bitmap),
      };

      Some(PlacedGlyph {
        glyph: resolved,
        transform: run_transform
          * Affine::translation(glyph_offset.x + glyph.x, glyph_offset.y + glyph.y),
        offset: Point {
          x: glyph.x - shaped.offset,
          y: glyph.y - shaped.baseline,
        },
        paint,
      })
    })
  }

  /// The glyphs the run's colour fills, one entry per glyph of the run.
  pub(super) fn outline(&self, layout: ComputedLayout) -> RunOutline {
    self
      .each_glyph(layout)
      .map(|placed| {
        let placed = placed?;

        matches!(placed.paint, GlyphPaint::Outline { .. }).then(|| OutlineGlyph {
          glyph: Arc::clone(placed.glyph),
          offset: placed.offset,
        })
      })
      .collect()
  }

  /// The faux-bold stroke width the run's outlines take.
  pub(super) fn embolden(&self, layout: ComputedLayout) -> Option<f32> {
    self
      .placed_glyphs(layout)
      .find_map(|glyph| match glyph.paint {
        GlyphPaint::Outline { embolden, .. } => embolden,
        _ => None,
      })
  }

  /// Source order of the element the run's text belongs to.
  pub(super) fn element(&self, spans: &[ProcessedInlineSpan<'_>]) -> Option<usize> {
    let span_id = self.glyph_run.brush.source_span_id?;

    match spans.get(span_id as usize)? {
      ProcessedInlineSpan::Text { element, .. } => *element,
      _ => None,
    }
  }

  /// The run's text without the bidi marks layout inserts.
  pub(super) fn text(&self, text: &str, spans: &[ProcessedInlineSpan<'_>]) -> String {
    let (_, slice) = self.text_slice(text, spans);

    slice.chars().filter(|c| !is_bidi_mark(*c)).collect()
  }

  /// Where each glyph's cluster starts in [`Self::text`], in UTF-16 code units; every glyph is
  /// `None` when the shaper's clusters could not be matched to the glyphs.
  pub(super) fn glyph_clusters(
    &self,
    text: &str,
    spans: &[ProcessedInlineSpan<'_>],
  ) -> Vec<Option<u32>> {
    let clusters = &self.glyph_run.cluster_ranges;

    if clusters.len() != self.glyph_run.glyphs.len() {
      return vec![None; self.glyph_run.glyphs.len()];
    }

    let (start, slice) = self.text_slice(text, spans);
    let mut units = vec![0; slice.len() + 1];
    let mut count = 0;

    for (offset, c) in slice.char_indices() {
      units[offset] = count;
      if !is_bidi_mark(c) {
        count += c.len_utf16() as u32;
      }
    }
    units[slice.len()] = count;

    clusters
      .iter()
      .map(|cluster| {
        let offset = cluster.start.checked_sub(start)?;

        slice.is_char_boundary(offset).then(|| units[offset])
      })
      .collect()
  }

  /// The run's slice of `text` and the byte offset it starts at.
  fn text_slice<'t>(&self, text: &'t str, spans: &[ProcessedInlineSpan<'_>]) -> (usize, &'t str) {
    let Range { start, end } = self.text_range(spans);
    let end = end.min(text.len());
    let start = text.ceil_char_boundary(start.min(end));
    let end = text.floor_char_boundary(end);

    (start, &text[start..end])
  }

  /// The run's byte range narrowed to the span it was shaped for, since several spans can share
  /// one run.
  fn text_range(&self, spans: &[ProcessedInlineSpan<'_>]) -> Range<usize> {
    let range = self.glyph_run.text_range.clone();

    match self
      .glyph_run
      .brush
      .source_span_id
      .and_then(|id| spans.get(id as usize))
    {
      Some(ProcessedInlineSpan::Text { byte_range, .. }) => {
        range.start.max(byte_range.start)..range.end.min(byte_range.end)
      }
      _ => range,
    }
  }
}
