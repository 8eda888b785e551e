//! Canvas operations and image blending.

mod blit;
mod composite;
mod gradient;
mod mask;
mod paint_source;
mod skia;

use std::{
  borrow::Cow,
  io,
  mem::{replace, take},
  sync::Arc,
};

use blit::{blit_paint_source_translation, blit_translucent_translation};
pub(crate) use blit::{overlay_image, overlay_sampled_paint_source, placement_overlap};
pub(crate) use gradient::try_overlay_gradient_tile;
use mask::MaskStackEntry;
pub(crate) use mask::{
  CanvasViewport, MaskView, NodeMasks, PlacedMask, alpha_mask, attenuate_alpha_by_mask,
  cull_bounds, intersect_alpha_masks, render_mask, union_alpha_masks,
};
pub(crate) use paint_source::{
  BilinearAxis, BilinearColumns, BoxAxis, PaintSource, RowSource, SamplingFootprint,
  interpolate_with_footprint,
};
use takumi_core::{
  geometry::{Point, Size},
  resources::image_buffer::demultiply_pixel,
};
use tiny_skia::{
  BlendMode as TinyBlendMode, FilterQuality as TinyFilterQuality, Mask as TinyMask, Pixmap,
  PixmapMut, PixmapPaint, PixmapRef, Transform as TinyTransform,
};

use crate::{
  BackgroundTile, Bitmap, BorderProperties, Placement, Result,
  blend::*,
  error::Error,
  simd::Simd,
  style::{Affine, BlendMode, Color, ImageScalingAlgorithm},
};

/// The largest pixel buffer allocated, 1 GiB, which fits wasm's 32-bit `usize`.
const MAX_BUFFER_PIXELS: u64 = 1 << 28;

/// The byte length of a `width * height` buffer, `None` when empty or past [`MAX_BUFFER_PIXELS`].
#[inline]
pub(crate) fn checked_area(width: u32, height: u32, bytes_per_pixel: u32) -> Option<usize> {
  let pixels = u64::from(width).saturating_mul(u64::from(height));

  (pixels > 0 && pixels <= MAX_BUFFER_PIXELS)
    .then(|| (pixels * u64::from(bytes_per_pixel)) as usize)
}

/// Root and offscreen canvases above this pixel count are refused: 8192 × 8192,
/// or 256 MiB at 4 bytes per pixel.
const MAX_PIXMAP_PIXELS: u64 = 64 << 20;

pub(crate) fn within_pixmap_pixel_budget(size: Size<u32>) -> bool {
  u64::from(size.width) * u64::from(size.height) <= MAX_PIXMAP_PIXELS
}

#[derive(Clone, Copy)]
pub(crate) struct SamplingOptions {
  pub logical_to_source: Affine,
  pub algorithm: ImageScalingAlgorithm,
}

#[derive(Clone, Copy)]
pub(crate) struct MaskSamplingOptions {
  pub canvas_to_source: Affine,
  pub sample_bias: Point<f32>,
  pub algorithm: ImageScalingAlgorithm,
}

#[derive(Clone, Copy)]
pub(crate) struct OverlayOptions {
  pub border: BorderProperties,
  pub transform: Affine,
  pub algorithm: ImageScalingAlgorithm,
  pub mode: BlendMode,
}

impl OverlayOptions {
  /// The offset of an unbordered overlay that lands on whole pixels.
  fn whole_pixel_translation(&self) -> Option<Point<f32>> {
    if !self.border.is_zero() {
      return None;
    }

    whole_pixel_translation(self.transform)
  }
}

/// The offset of a transform that only moves by whole pixels.
fn whole_pixel_translation(transform: Affine) -> Option<Point<f32>> {
  (transform.only_translation() && transform.x.fract() == 0.0 && transform.y.fract() == 0.0)
    .then_some(Point {
      x: transform.x,
      y: transform.y,
    })
}

/// The active pixmap with the canvas's combined constraint mask.
pub(crate) struct DrawTarget<'a, 'p> {
  pub pixmap: &'a mut PixmapMut<'p>,
  pub combined_mask: Option<MaskView<'a>>,
}

impl<'a> DrawTarget<'a, '_> {
  pub(crate) fn size(&self) -> Size<u32> {
    Size {
      width: self.pixmap.width(),
      height: self.pixmap.height(),
    }
  }

  pub(crate) fn resolve_combined_mask(&mut self) -> Option<Cow<'a, TinyMask>> {
    let size = self.size();
    self.combined_mask.and_then(|mask| mask.resolve(size))
  }

  /// Blit-level coordinates are already localized, so the cull rect is the
  /// pixmap itself.
  pub(crate) fn viewport(&self) -> CanvasViewport {
    CanvasViewport::local(self.size())
  }
}

/// A canvas that can be used to draw images onto.
pub(crate) struct Canvas {
  image: Pixmap,
  origin: Point<i32>,
  constraint_mask_stack: Vec<MaskStackEntry>,
}

pub(crate) struct CanvasSubcanvas {
  image: Pixmap,
  origin: Option<Point<i32>>,
  constraint_mask_stack: Option<Vec<MaskStackEntry>>,
  offset: Point<i32>,
}

enum SubcanvasClips {
  Inherit,
  Output,
}

impl Canvas {
  /// A canvas of `size`, or `None` when the pixmap cannot be allocated.
  pub(crate) fn try_new(size: Size<u32>) -> Option<Self> {
    if !within_pixmap_pixel_budget(size) {
      return None;
    }

    let image = Pixmap::new(size.width, size.height)?;
    Some(Self {
      image,
      origin: Point { x: 0, y: 0 },
      constraint_mask_stack: Vec::new(),
    })
  }

  /// The canvas painting the area of a scene that starts at `origin`.
  #[cfg(feature = "pages")]
  pub(crate) fn with_origin(self, origin: Point<i32>) -> Self {
    Self { origin, ..self }
  }

  /// Test-only infallible constructor, falling back to 1x1 when `size` cannot be
  /// allocated. Production code uses [`Canvas::try_new`] and surfaces the error.
  #[cfg(test)]
  pub(crate) fn new(size: Size<u32>) -> Self {
    Self::try_new(size).unwrap_or_else(|| {
      Self::try_new(Size {
        width: 1,
        height: 1,
      })
      .expect("1x1 pixmap always allocates")
    })
  }

  fn acquire_offscreen(size: Size<u32>) -> Result<Pixmap> {
    if !within_pixmap_pixel_budget(size) {
      return Err(Error::InvalidViewport);
    }

    Pixmap::new(size.width, size.height).ok_or_else(dimension_mismatch)
  }

  /// Keeps the output clip on the parent device, as Skia's `internalSaveLayer` does.
  pub(crate) fn begin_effect_subcanvas(&mut self, bounds: Placement) -> Result<CanvasSubcanvas> {
    self.begin_subcanvas_with_clips(bounds, SubcanvasClips::Output)
  }

  pub(crate) fn begin_subcanvas(&mut self, bounds: Placement) -> Result<CanvasSubcanvas> {
    self.begin_subcanvas_with_clips(bounds, SubcanvasClips::Inherit)
  }

  fn begin_subcanvas_with_clips(
    &mut self,
    bounds: Placement,
    clips: SubcanvasClips,
  ) -> Result<CanvasSubcanvas> {
    let image = Self::acquire_offscreen(Size {
      width: bounds.width,
      height: bounds.height,
    })?;

    if bounds == self.viewport().placement() {
      return Ok(CanvasSubcanvas {
        image: replace(&mut self.image, image),
        origin: None,
        constraint_mask_stack: match clips {
          SubcanvasClips::Inherit => None,
          SubcanvasClips::Output => Some(take(&mut self.constraint_mask_stack)),
        },
        offset: Point { x: 0, y: 0 },
      });
    }

    let offset = Point {
      x: bounds.left - self.origin.x,
      y: bounds.top - self.origin.y,
    };
    let origin = Point {
      x: bounds.left,
      y: bounds.top,
    };
    let constraint_mask_stack = match clips {
      SubcanvasClips::Inherit => self.constraint_mask_stack.clone(),
      SubcanvasClips::Output => Vec::new(),
    };

    Ok(CanvasSubcanvas {
      image: replace(&mut self.image, image),
      origin: Some(replace(&mut self.origin, origin)),
      constraint_mask_stack: Some(replace(
        &mut self.constraint_mask_stack,
        constraint_mask_stack,
      )),
      offset,
    })
  }

  /// Ends `subcanvas` without compositing it, returning what was painted into it.
  pub(crate) fn take_subcanvas(&mut self, subcanvas: CanvasSubcanvas) -> Pixmap {
    let CanvasSubcanvas {
      image,
      origin,
      constraint_mask_stack,
      ..
    } = subcanvas;
    let painted = replace(&mut self.image, image);

    self.restore_subcanvas_state(origin, constraint_mask_stack);
    painted
  }

  pub(crate) fn composite_subcanvas(
    &mut self,
    subcanvas: CanvasSubcanvas,
    mode: BlendMode,
    opacity: f32,
  ) {
    let CanvasSubcanvas {
      image,
      origin,
      constraint_mask_stack,
      offset,
    } = subcanvas;

    if opacity <= 0.0 {
      // `image` is the parent pixmap the subcanvas replaced, so it goes back even
      // when nothing the group painted is kept.
      self.image = image;
      self.restore_subcanvas_state(origin, constraint_mask_stack);
      return;
    }

    let mut isolated_image = replace(&mut self.image, image);
    self.restore_subcanvas_state(origin, constraint_mask_stack);
    self.clip_layer(&mut isolated_image, offset);

    // A fully opaque subcanvas lands whole-pixel over the parent, so it copies
    // row by row; tiny-skia would take the same draw through its pipeline.
    if opacity == 1.0 && mode == BlendMode::Normal {
      blit_paint_source_translation(
        &mut self.image.as_mut(),
        PaintSource::Pixmap(isolated_image.as_ref()),
        Point {
          x: offset.x as f32,
          y: offset.y as f32,
        },
        mode,
        None,
      );
      return;
    }

    if mode == BlendMode::Normal {
      blit_translucent_translation(
        &mut self.image.as_mut(),
        isolated_image.as_ref(),
        offset,
        opacity,
      );
      return;
    }

    let Ok(blend_mode) = TinyBlendMode::try_from(mode) else {
      let alpha = (opacity * f32::from(u8::MAX)).round() as u8;

      for pixel in bytemuck::cast_slice_mut::<_, [u8; 4]>(isolated_image.data_mut()) {
        *pixel = scale_premultiplied_pixel(*pixel, alpha);
      }

      blit_paint_source_translation(
        &mut self.image.as_mut(),
        PaintSource::Pixmap(isolated_image.as_ref()),
        Point {
          x: offset.x as f32,
          y: offset.y as f32,
        },
        mode,
        None,
      );
      return;
    };
    let paint = PixmapPaint {
      opacity,
      blend_mode,
      quality: TinyFilterQuality::Nearest,
    };

    self.image.draw_pixmap(
      offset.x,
      offset.y,
      isolated_image.as_ref(),
      &paint,
      TinyTransform::identity(),
      None,
    );
  }

  /// Keeps only what the current clips let through of a layer placed at `offset`, as Skia's
  /// `restore` draws a layer through the clip it was saved in.
  fn clip_layer(&self, layer: &mut Pixmap, offset: Point<i32>) {
    let Some(entry) = self.constraint_mask_stack.last() else {
      return;
    };
    let clip = MaskView {
      mask: &entry.mask,
      origin: entry.origin,
      canvas_origin: self.origin,
    };
    let width = layer.width() as usize;
    let pixels = bytemuck::cast_slice_mut::<_, [u8; 4]>(layer.data_mut());

    for (y, row) in pixels.chunks_exact_mut(width).enumerate() {
      let (first, alphas) = clip.row(offset.y + y as i32, offset.x).covered(width);
      let (outside, rest) = row.split_at_mut(first);
      let (inside, past) = rest.split_at_mut(alphas.len());

      outside.fill([0; 4]);
      past.fill([0; 4]);

      let (pixel_runs, pixel_tail) = inside.as_chunks_mut::<MASK_RUN>();
      let (alpha_runs, alpha_tail) = alphas.as_chunks::<MASK_RUN>();

      for (pixels, alphas) in pixel_runs.iter_mut().zip(alpha_runs) {
        match u64::from_ne_bytes(*alphas) {
          u64::MAX => {}
          0 => pixels.fill([0; 4]),
          _ => scale_by_alphas(pixels, alphas),
        }
      }
      scale_by_alphas(pixel_tail, alpha_tail);
    }
  }

  pub(crate) fn has_no_constraint_mask(&self) -> bool {
    self.constraint_mask_stack.is_empty()
  }

  pub(crate) fn push_mask(&mut self, mask: PlacedMask) {
    let PlacedMask { mask, origin } = self.intersect_with_constraint_mask(mask);

    self.constraint_mask_stack.push(MaskStackEntry {
      mask: Arc::new(mask),
      origin,
    });
  }

  pub(crate) fn pop_mask(&mut self) {
    self.constraint_mask_stack.pop();
  }

  pub(crate) fn into_inner(self) -> Result<Bitmap> {
    let (width, height) = (self.image.width(), self.image.height());
    let mut data = self.image.take();
    demultiply_rgba_in_place(&mut data);

    Bitmap::from_raw(width, height, data).ok_or_else(dimension_mismatch)
  }

  pub(crate) fn with_pixmap<R>(&mut self, f: impl FnOnce(&mut Pixmap) -> R) -> R {
    f(&mut self.image)
  }

  /// Copies the pixels under `region`, which must lie inside the pixmap.
  pub(crate) fn read_region(&self, region: Placement) -> Vec<u8> {
    let row_bytes = region.width as usize * 4;
    let canvas_width = self.image.width() as usize;
    let canvas_raw = self.image.data();
    let mut raw = vec![0; row_bytes * region.height as usize];

    for (y, dest_row) in raw.chunks_exact_mut(row_bytes).enumerate() {
      let src_start = ((region.top as usize + y) * canvas_width + region.left as usize) * 4;
      dest_row.copy_from_slice(&canvas_raw[src_start..src_start + row_bytes]);
    }

    raw
  }

  /// Writes `raw` back over `region`, the inverse of [`Self::read_region`].
  pub(crate) fn write_region(&mut self, region: Placement, raw: &[u8]) {
    let row_bytes = region.width as usize * 4;
    let canvas_width = self.image.width() as usize;
    let canvas_raw = self.image.data_mut();

    for (y, src_row) in raw.chunks_exact(row_bytes).enumerate() {
      let dst_start = ((region.top as usize + y) * canvas_width + region.left as usize) * 4;
      canvas_raw[dst_start..dst_start + row_bytes].copy_from_slice(src_row);
    }
  }

  pub(crate) fn draw_mask(
    &mut self,
    mask: &[u8],
    placement: Placement,
    color: Color,
    mode: BlendMode,
  ) {
    let placement = self.localize_placement(placement);
    self.with_overlay_state(|target| {
      blit::draw_mask(
        target.pixmap,
        mask,
        placement,
        color.0,
        mode,
        target.combined_mask,
      );
    });
  }

  pub(crate) fn composite_mask_source(
    &mut self,
    mask: &[u8],
    placement: Placement,
    source: PaintSource<'_>,
    sampling: MaskSamplingOptions,
    mode: BlendMode,
  ) {
    let placement = self.localize_placement(placement);
    let sampling = self.localize_mask_sampling(sampling);
    self.with_overlay_state(|target| {
      composite::source(
        target.pixmap,
        mask,
        source,
        composite::Options {
          placement,
          sampling,
          mode,
          combined_mask: target.combined_mask,
        },
      );
    });
  }

  pub(crate) fn overlay_sampled_pixmap(
    &mut self,
    source: PixmapRef<'_>,
    size: Size<u32>,
    border: BorderProperties,
    transform: Affine,
    sampling: SamplingOptions,
    mode: BlendMode,
  ) {
    let transform = self.localize_transform(transform);
    self.with_overlay_state(|target| {
      overlay_sampled_paint_source(
        target,
        PaintSource::from(source),
        size,
        OverlayOptions {
          border,
          transform,
          algorithm: sampling.algorithm,
          mode,
        },
        sampling,
      );
    });
  }

  pub(crate) fn size(&self) -> Size<u32> {
    Size {
      width: self.image.width(),
      height: self.image.height(),
    }
  }

  pub(crate) fn viewport(&self) -> CanvasViewport {
    CanvasViewport {
      origin: self.origin,
      size: self.size(),
    }
  }

  /// Overlays an image onto the canvas with optional border radius.
  pub(crate) fn overlay_image<'a, I: Into<PaintSource<'a>>>(
    &mut self,
    image: I,
    border: BorderProperties,
    transform: Affine,
    algorithm: ImageScalingAlgorithm,
    mode: BlendMode,
  ) {
    let transform = self.localize_transform(transform);
    self.with_overlay_state(|target| {
      overlay_image(
        target,
        image,
        OverlayOptions {
          border,
          transform,
          algorithm,
          mode,
        },
      );
    });
  }

  pub(crate) fn overlay_background_tile_direct(
    &mut self,
    tile: &BackgroundTile,
    translation: Point<f32>,
    mode: BlendMode,
  ) -> bool {
    let localized_translation = Point {
      x: translation.x - self.origin.x as f32,
      y: translation.y - self.origin.y as f32,
    };

    self.with_overlay_state(|target| {
      try_overlay_gradient_tile(
        target.pixmap,
        tile,
        localized_translation,
        mode,
        target.combined_mask,
      )
    })
  }

  fn with_overlay_state<R>(&mut self, f: impl FnOnce(&mut DrawTarget<'_, '_>) -> R) -> R {
    let combined_mask = self.constraint_mask_stack.last();
    let combined_mask = combined_mask.map(|entry| MaskView {
      mask: entry.mask.as_ref(),
      origin: entry.origin,
      canvas_origin: self.origin,
    });
    let mut pixmap = self.image.as_mut();
    let mut target = DrawTarget {
      pixmap: &mut pixmap,
      combined_mask,
    };
    f(&mut target)
  }

  fn intersect_with_constraint_mask(&self, mut placed: PlacedMask) -> PlacedMask {
    let Some(previous) = self.constraint_mask_stack.last() else {
      return placed;
    };

    let previous = MaskView {
      mask: previous.mask.as_ref(),
      origin: previous.origin,
      canvas_origin: self.origin,
    };
    let mask_width = placed.mask.width() as usize;
    let left = placed.origin.x - self.origin.x;
    let top = placed.origin.y - self.origin.y;

    for (y, row) in placed
      .mask
      .data_mut()
      .chunks_exact_mut(mask_width)
      .enumerate()
    {
      let (first, lefts) = previous.row(top + y as i32, left).covered(mask_width);
      let (outside, rest) = row.split_at_mut(first);
      let (inside, past) = rest.split_at_mut(lefts.len());

      outside.fill(0);
      past.fill(0);

      let (right_runs, right_tail) = inside.as_chunks_mut::<MASK_RUN>();
      let (left_runs, left_tail) = lefts.as_chunks::<MASK_RUN>();

      for (rights, lefts) in right_runs.iter_mut().zip(left_runs) {
        if u64::from_ne_bytes(*rights) != 0 && u64::from_ne_bytes(*lefts) != u64::MAX {
          intersect_alphas(rights, lefts);
        }
      }
      intersect_alphas(right_tail, left_tail);
    }
    placed
  }

  fn localize_transform(&self, transform: Affine) -> Affine {
    Affine::translation(-(self.origin.x as f32), -(self.origin.y as f32)) * transform
  }

  fn localize_mask_sampling(&self, sampling: MaskSamplingOptions) -> MaskSamplingOptions {
    MaskSamplingOptions {
      canvas_to_source: sampling.canvas_to_source
        * Affine::translation(self.origin.x as f32, self.origin.y as f32),
      ..sampling
    }
  }

  fn localize_placement(&self, placement: Placement) -> Placement {
    Placement {
      left: placement.left - self.origin.x,
      top: placement.top - self.origin.y,
      ..placement
    }
  }

  fn restore_subcanvas_state(
    &mut self,
    origin: Option<Point<i32>>,
    constraint_mask_stack: Option<Vec<MaskStackEntry>>,
  ) {
    if let Some(origin) = origin {
      self.origin = origin;
    }
    if let Some(constraint_mask_stack) = constraint_mask_stack {
      self.constraint_mask_stack = constraint_mask_stack;
    }
  }
}

/// Undoes premultiplication in place, skipping runs whose alpha is uniform.
pub(crate) fn demultiply_rgba_in_place(data: &mut [u8]) {
  Simd::detect().edit_mixed_alpha_runs(data, |pixels| {
    pixels.iter_mut().for_each(demultiply_pixel);
  });
}

/// Mask bytes tested at once for a uniformly empty or full run.
pub(crate) const MASK_RUN: usize = 8;

/// `rights` narrowed to where `lefts` also covers, as two stacked clips keep.
fn intersect_alphas(rights: &mut [u8], lefts: &[u8]) {
  for (right, &left) in rights.iter_mut().zip(lefts) {
    if *right == 0 {
      continue;
    }

    *right = if left == u8::MAX {
      *right
    } else if *right == u8::MAX {
      left
    } else {
      ((left as u16 * *right as u16 + 128) >> 8) as u8
    };
  }
}

fn scale_by_alphas(pixels: &mut [[u8; 4]], alphas: &[u8]) {
  for (pixel, &alpha) in pixels.iter_mut().zip(alphas) {
    *pixel = scale_premultiplied_pixel(*pixel, alpha);
  }
}

fn dimension_mismatch() -> Error {
  Error::encode(io::Error::new(
    io::ErrorKind::InvalidData,
    "the canvas pixels do not match its dimensions",
  ))
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn checked_area_accepts_sane_dimensions() {
    assert_eq!(checked_area(1024, 1024, 1), Some(1024 * 1024));
    assert_eq!(checked_area(1024, 1024, 4), Some(4 * 1024 * 1024));
    assert_eq!(checked_area(16384, 16384, 1), Some(1 << 28));
  }

  /// The ceiling counts pixels, so a node far past the canvas budget still
  /// paints its 4-byte-per-pixel buffers.
  #[test]
  fn checked_area_accepts_a_node_larger_than_the_canvas() {
    assert_eq!(checked_area(9000, 9000, 4), Some(9000 * 9000 * 4));
    assert_eq!(checked_area(16384, 16384, 4), Some(1 << 30));
  }

  #[test]
  fn checked_area_rejects_empty() {
    assert_eq!(checked_area(0, 1024, 4), None);
    assert_eq!(checked_area(1024, 0, 4), None);
  }

  #[test]
  fn checked_area_rejects_u32_wrapping_products() {
    // `box-shadow: 0 0 100000px` on a large node produces ~1.5M px dimensions,
    // and `width: 100000px; height: 100000px` reaches the same range directly.
    assert_eq!(checked_area(1_500_000, 1_500_000, 1), None);
    assert_eq!(checked_area(100_000, 100_000, 4), None);
    assert_eq!(checked_area(u32::MAX, u32::MAX, 4), None);
    // Wraps to zero in `u32`, to a short buffer the caller would then overrun.
    assert_eq!(checked_area(1 << 16, 1 << 16, 4), None);
  }

  #[test]
  fn an_invisible_subcanvas_gives_the_parent_pixmap_back() {
    let mut canvas = Canvas::new(Size {
      width: 4,
      height: 4,
    });

    canvas.with_pixmap(|pixmap| pixmap.data_mut().fill(0xff));

    let subcanvas = canvas
      .begin_subcanvas(Placement {
        left: 0,
        top: 0,
        width: 2,
        height: 2,
      })
      .expect("the subcanvas pixmap allocates");

    canvas.composite_subcanvas(subcanvas, BlendMode::Normal, 0.0);

    let painted = canvas.into_inner().expect("the canvas converts");

    assert_eq!(painted.dimensions(), (4, 4));
    assert!(painted.as_raw().iter().all(|byte| *byte == 0xff));
  }
}

#[cfg(test)]
mod demultiply_tests {
  use tiny_skia::PremultipliedColorU8;

  use super::demultiply_rgba_in_place;

  /// Integer rounding may differ from tiny-skia's float division, but only
  /// where the float lands within a rounding step of the true value.
  #[test]
  fn stays_within_one_step_of_tiny_skia() {
    for alpha in 0..=u8::MAX {
      for channel in 0..=alpha {
        let mut pixel = [channel, channel, channel, alpha];
        demultiply_rgba_in_place(&mut pixel);

        let float = PremultipliedColorU8::from_rgba(channel, channel, channel, alpha)
          .expect("a legal premultiplied colour")
          .demultiply();

        assert!(
          pixel[0].abs_diff(float.red()) <= 1,
          "channel {channel} at alpha {alpha}: {} vs {}",
          pixel[0],
          float.red()
        );
        assert_eq!(pixel[3], alpha);
      }
    }
  }

  fn reference(pixel: [u8; 4]) -> [u8; 4] {
    let alpha = pixel[3] as u32;

    if alpha == 255 || alpha == 0 {
      return pixel;
    }

    let channel = |c: u8| ((c as u32 * 510 + alpha) / (alpha * 2)) as u8;
    [
      channel(pixel[0]),
      channel(pixel[1]),
      channel(pixel[2]),
      pixel[3],
    ]
  }

  #[test]
  fn matches_the_per_pixel_formula_for_every_run_shape() {
    let alphas = [0u8, 1, 66, 128, 254, 255];

    for count in [0usize, 1, 15, 16, 17, 31, 32, 33] {
      for &alpha in &alphas {
        let mut uniform: Vec<[u8; 4]> = (0..count)
          .map(|i| {
            [
              11u8.min(alpha),
              17u8.min(alpha),
              (31 + i as u8).min(alpha),
              alpha,
            ]
          })
          .collect();
        let expected: Vec<[u8; 4]> = uniform.iter().map(|&p| reference(p)).collect();
        demultiply_rgba_in_place(bytemuck::cast_slice_mut(&mut uniform));
        assert_eq!(uniform, expected, "uniform alpha {alpha} count {count}");
      }

      let mut mixed: Vec<[u8; 4]> = (0..count)
        .map(|i| {
          let alpha = alphas[i % alphas.len()];
          [
            (i as u8).min(alpha),
            17u8.min(alpha),
            200u8.min(alpha),
            alpha,
          ]
        })
        .collect();
      let expected: Vec<[u8; 4]> = mixed.iter().map(|&p| reference(p)).collect();
      demultiply_rgba_in_place(bytemuck::cast_slice_mut(&mut mixed));
      assert_eq!(mixed, expected, "mixed count {count}");
      let mut clear_noise: Vec<[u8; 4]> = (0..count).map(|i| [i as u8, 7, 250, 0]).collect();
      let expected = clear_noise.clone();
      demultiply_rgba_in_place(bytemuck::cast_slice_mut(&mut clear_noise));
      assert_eq!(clear_noise, expected, "transparent noise count {count}");
    }
  }

  /// The exact halfway case: 11/66 is 42.5, which rounds up.
  #[test]
  fn rounds_a_half_step_up() {
    let mut pixel = [11, 11, 11, 66];
    demultiply_rgba_in_place(&mut pixel);

    assert_eq!(pixel[0], 43);
  }
}
