use std::{borrow::Cow, sync::Arc};

use smallvec::SmallVec;

use takumi_core::{
  geometry::{ComputedLayout as Layout, Point, Size, transformed_rect_extents},
  paint_property::{ClipKind, ClipNode},
  painter::{BackgroundClipArea, FillShape},
  resources::glyph_cache::{glyph_mask, max_entry_bytes},
  scene::SceneBounds,
};
use tiny_skia::{IntSize, Mask as TinyMask, Transform as TinyTransform};
use xxhash_rust::xxh3::Xxh3;

use crate::{
  BorderProperties, BoxMask, Command, Fill, Placement, RenderContext, Result, Style, checked_area,
  create_mask, mul_div_255, placement_overlap, style::Affine,
};

pub(crate) enum NodeMaskAction {
  Shell(TinyMask),
  SkipRendering,
}

#[derive(Clone, Copy)]
pub(crate) struct CanvasViewport {
  pub(crate) origin: Point<i32>,
  pub(crate) size: Size<u32>,
}

impl CanvasViewport {
  /// A viewport for coordinates already localized to a buffer's own origin.
  pub(crate) fn local(size: Size<u32>) -> Self {
    Self {
      origin: Point { x: 0, y: 0 },
      size,
    }
  }

  pub(crate) fn right(self) -> i32 {
    self.origin.x + self.size.width as i32
  }

  pub(crate) fn bottom(self) -> i32 {
    self.origin.y + self.size.height as i32
  }

  pub(crate) fn placement(self) -> Placement {
    Placement {
      left: self.origin.x,
      top: self.origin.y,
      width: self.size.width,
      height: self.size.height,
    }
  }

  /// The pixels the viewport covers.
  pub(crate) fn bounds(self) -> SceneBounds {
    SceneBounds {
      left: self.origin.x,
      top: self.origin.y,
      right: self.right(),
      bottom: self.bottom(),
    }
  }

  /// A viewport over the pixels `bounds` covers, or `None` when they cover none.
  pub(crate) fn covering(bounds: SceneBounds) -> Option<Self> {
    (!bounds.is_empty()).then(|| Self {
      origin: Point {
        x: bounds.left,
        y: bounds.top,
      },
      size: Size {
        width: bounds.right.abs_diff(bounds.left),
        height: bounds.bottom.abs_diff(bounds.top),
      },
    })
  }

  pub(crate) fn intersects(self, bounds: SceneBounds) -> bool {
    !bounds.is_empty()
      && bounds.right > self.origin.x
      && bounds.bottom > self.origin.y
      && bounds.left < self.right()
      && bounds.top < self.bottom()
  }

  /// Whether any pixel of `placement` lies in the viewport.
  pub(crate) fn overlaps(self, placement: Placement) -> bool {
    self.intersects(SceneBounds {
      left: placement.left,
      top: placement.top,
      right: placement.right(),
      bottom: placement.bottom(),
    })
  }

  /// The part of `bounds`, grown by `padding` on every side, inside the viewport.
  pub(crate) fn clamp_bounds(self, bounds: SceneBounds, padding: i32) -> Option<Placement> {
    Placement::from_bounds(
      (bounds.left - padding).max(self.origin.x),
      (bounds.top - padding).max(self.origin.y),
      (bounds.right + padding).min(self.right()),
      (bounds.bottom + padding).min(self.bottom()),
    )
  }

  /// Grows the viewport for masks that move before landing, capped so `i32` math cannot wrap.
  pub(crate) fn inflate(self, margin_x: f32, margin_y: f32) -> Self {
    const MAX_MARGIN: f32 = (1 << 20) as f32;
    let margin_x = margin_x.ceil().clamp(0.0, MAX_MARGIN) as u32;
    let margin_y = margin_y.ceil().clamp(0.0, MAX_MARGIN) as u32;

    Self {
      origin: Point {
        x: (self.origin.x - margin_x as i32).max(0),
        y: (self.origin.y - margin_y as i32).max(0),
      },
      size: Size {
        width: self.size.width.saturating_add(margin_x * 2),
        height: self.size.height.saturating_add(margin_y * 2),
      },
    }
  }
}

/// The masks a node's `mask-image` lays over the box and its descendants.
#[derive(Default)]
pub(crate) struct NodeMasks {
  pub(crate) shell: SmallVec<[TinyMask; 2]>,
}

impl NodeMasks {
  /// The node's mask-image, or `None` when it hides the node entirely.
  pub(crate) fn of(
    context: &RenderContext,
    layout: Layout,
    transform: Affine,
    viewport: CanvasViewport,
  ) -> Result<Option<Self>> {
    let mut masks = Self::default();

    let Some(inverse_transform) = transform.invert() else {
      return Ok(None);
    };

    if let Some(mask) = create_mask(context, layout)? {
      if !masks.add(mask_image_mask(
        &mask,
        transform,
        inverse_transform,
        viewport,
      )) {
        return Ok(None);
      }

      let border = BorderProperties::from_context(context, layout.size, layout.border);
      if !border.is_zero()
        && let Some(shape) = BackgroundClipArea::BorderBox(border).shape(layout.size)
        && !masks.add(shape_mask(&shape, context, viewport))
      {
        return Ok(None);
      }
    }

    Ok(Some(masks))
  }

  /// Adds the mask `action` makes, reporting false when it hides the node.
  fn add(&mut self, action: NodeMaskAction) -> bool {
    match action {
      NodeMaskAction::Shell(mask) => self.shell.push(mask),
      NodeMaskAction::SkipRendering => return false,
    }

    true
  }

  /// How many masks the node pushes.
  pub(crate) fn len(&self) -> usize {
    self.shell.len()
  }
}

/// A mask over part of the canvas: `mask`'s pixels from `origin`, in the coordinates of the
/// viewport origin. Everything outside it is masked out.
pub(crate) struct PlacedMask {
  pub(crate) mask: TinyMask,
  pub(crate) origin: Point<i32>,
}

impl PlacedMask {
  /// `mask` over the whole of `viewport`.
  pub(crate) fn covering(viewport: CanvasViewport, mask: TinyMask) -> Self {
    Self {
      mask,
      origin: viewport.origin,
    }
  }

  /// The region `clip` keeps, over the pixels it covers alone, or `None` for an empty viewport.
  pub(crate) fn of_clip(clip: &ClipNode, viewport: CanvasViewport) -> Option<Self> {
    let (ClipKind::Shape(shape) | ClipKind::ClipPath(shape)) = &clip.kind else {
      return None;
    };
    IntSize::from_wh(viewport.size.width, viewport.size.height)?;

    let (mask, placement) = render_mask(
      &shape.to_commands(),
      Some(clip.transform),
      Some(Fill::from(shape.rule()).into()),
      Some(viewport),
    );
    // The mask is culled to the viewport, so its placement starts inside it.
    let covered = IntSize::from_wh(placement.width, placement.height)
      .and_then(|size| TinyMask::from_vec(mask, size));

    Some(match covered {
      Some(mask) => Self {
        mask,
        origin: Point {
          x: placement.left,
          y: placement.top,
        },
      },
      // A clip that covers no pixel masks out everything.
      None => Self::covering(viewport, TinyMask::new(1, 1)?),
    })
  }
}

/// A shape as a viewport mask over the box and its descendants.
fn shape_mask(
  shape: &FillShape,
  context: &RenderContext,
  viewport: CanvasViewport,
) -> NodeMaskAction {
  let (mask, placement) = render_mask(
    &shape.to_commands(),
    Some(context.transform),
    Some(Fill::from(shape.rule()).into()),
    Some(viewport),
  );

  if placement.width == 0 || placement.height == 0 {
    return NodeMaskAction::SkipRendering;
  }

  viewport_mask(viewport, mask.into(), placement)
    .map_or(NodeMaskAction::SkipRendering, NodeMaskAction::Shell)
}

/// The `mask-image` layers as a viewport mask over the box and its descendants.
fn mask_image_mask(
  mask: &BoxMask,
  transform: Affine,
  inverse_transform: Affine,
  viewport: CanvasViewport,
) -> NodeMaskAction {
  if mask.alpha.is_empty() {
    return NodeMaskAction::SkipRendering;
  }

  let size = mask.size.map(|size| size as f32);
  let Some(placement) = transformed_placement(mask.offset, size, transform) else {
    return NodeMaskAction::SkipRendering;
  };
  let full_mask = if transform.is_identity() && mask.offset == Point::ZERO {
    viewport_mask(
      viewport,
      Cow::Borrowed(&mask.alpha),
      Placement {
        left: 0,
        top: 0,
        width: mask.size.width,
        height: mask.size.height,
      },
    )
  } else {
    let inverse_transform = Affine::translation(-mask.offset.x, -mask.offset.y) * inverse_transform;

    rasterize_constraint_mask(viewport, placement, |x, y| {
      sample_overflow_alpha(
        Point { x: 0, y: 0 },
        Point {
          x: mask.size.width,
          y: mask.size.height,
        },
        inverse_transform,
        Some((&mask.alpha, mask.size.width)),
        x,
        y,
      )
    })
  };

  full_mask.map_or(NodeMaskAction::SkipRendering, NodeMaskAction::Shell)
}

struct AlphaOverlap {
  placement: Placement,
  lhs_stride: usize,
  rhs_stride: usize,
  lhs_origin: usize,
  rhs_origin: usize,
}

impl AlphaOverlap {
  fn new(lhs: Placement, rhs: Placement) -> Option<Self> {
    let overlap = placement_overlap(lhs, rhs)?;
    let lhs_stride = lhs.width as usize;
    let rhs_stride = rhs.width as usize;
    Some(Self {
      lhs_origin: overlap.lhs_offset.y as usize * lhs_stride + overlap.lhs_offset.x as usize,
      rhs_origin: overlap.rhs_offset.y as usize * rhs_stride + overlap.rhs_offset.x as usize,
      lhs_stride,
      rhs_stride,
      placement: overlap.placement,
    })
  }
}

pub(crate) fn intersect_alpha_masks(
  lhs: &[u8],
  lhs_placement: Placement,
  rhs: &[u8],
  rhs_placement: Placement,
) -> Option<(Vec<u8>, Placement)> {
  let overlap = AlphaOverlap::new(lhs_placement, rhs_placement)?;
  let width = overlap.placement.width as usize;
  let height = overlap.placement.height as usize;

  let mut mask = vec![0; width * height];
  for (row_index, mask_row) in mask.chunks_exact_mut(width).enumerate() {
    let lhs_row_start = overlap.lhs_origin + row_index * overlap.lhs_stride;
    let rhs_row_start = overlap.rhs_origin + row_index * overlap.rhs_stride;
    let lhs_row = &lhs[lhs_row_start..lhs_row_start + width];
    let rhs_row = &rhs[rhs_row_start..rhs_row_start + width];

    if lhs_row.iter().all(|&alpha| alpha == 0) || rhs_row.iter().all(|&alpha| alpha == 0) {
      continue;
    }

    for index in 0..width {
      mask_row[index] = mul_div_255(lhs_row[index], rhs_row[index]);
    }
  }

  Some((mask, overlap.placement))
}

/// `masks` drawn over one another, in the placement they span together, or `None` when none
/// covers anything.
pub(crate) fn union_alpha_masks(
  masks: Vec<(Arc<Vec<u8>>, Placement)>,
) -> Option<(Vec<u8>, Placement)> {
  let mut masks: Vec<_> = masks
    .into_iter()
    .filter(|(mask, placement)| !mask.is_empty() && placement.width > 0 && placement.height > 0)
    .collect();
  let placement = masks
    .iter()
    .map(|(_, placement)| *placement)
    .reduce(|lhs, rhs| {
      Placement::from_bounds(
        lhs.left.min(rhs.left),
        lhs.top.min(rhs.top),
        lhs.right().max(rhs.right()),
        lhs.bottom().max(rhs.bottom()),
      )
      .unwrap_or(lhs)
    })?;

  if masks.len() == 1 {
    let (mask, placement) = masks.swap_remove(0);

    return Some((Arc::unwrap_or_clone(mask), placement));
  }

  let mut union = vec![0u8; placement.width as usize * placement.height as usize];

  for (mask, mask_placement) in &masks {
    let Some(overlap) = AlphaOverlap::new(placement, *mask_placement) else {
      continue;
    };
    let width = overlap.placement.width as usize;

    for row_index in 0..overlap.placement.height as usize {
      let union_start = overlap.lhs_origin + row_index * overlap.lhs_stride;
      let mask_start = overlap.rhs_origin + row_index * overlap.rhs_stride;

      for (covered, &alpha) in union[union_start..union_start + width]
        .iter_mut()
        .zip(&mask[mask_start..mask_start + width])
      {
        *covered =
          (u16::from(*covered) + u16::from(alpha) - u16::from(mul_div_255(*covered, alpha))) as u8;
      }
    }
  }

  Some((union, placement))
}

pub(crate) fn attenuate_alpha_by_mask(
  dst: &mut [u8],
  dst_placement: Placement,
  mask: &[u8],
  mask_placement: Placement,
) {
  let Some(overlap) = AlphaOverlap::new(dst_placement, mask_placement) else {
    return;
  };
  let width = overlap.placement.width as usize;

  for row_index in 0..overlap.placement.height as usize {
    let dst_row_start = overlap.lhs_origin + row_index * overlap.lhs_stride;
    let mask_row_start = overlap.rhs_origin + row_index * overlap.rhs_stride;
    let dst_row = &mut dst[dst_row_start..dst_row_start + width];
    let mask_row = &mask[mask_row_start..mask_row_start + width];

    if mask_row.iter().all(|&alpha| alpha == 0) {
      continue;
    }

    for (alpha, &mask_alpha) in dst_row.iter_mut().zip(mask_row) {
      *alpha = mul_div_255(*alpha, 255 - mask_alpha);
    }
  }
}

fn copy_mask_into_canvas(
  canvas_mask: &mut TinyMask,
  canvas_origin: Point<i32>,
  mask: &[u8],
  placement: Placement,
) {
  let canvas_left = canvas_origin.x;
  let canvas_top = canvas_origin.y;
  let canvas_right = canvas_left + canvas_mask.width() as i32;
  let canvas_bottom = canvas_top + canvas_mask.height() as i32;
  let start_x = placement.left.max(canvas_left);
  let start_y = placement.top.max(canvas_top);
  let end_x = (placement.left + placement.width as i32).min(canvas_right);
  let end_y = (placement.top + placement.height as i32).min(canvas_bottom);

  if start_x >= end_x || start_y >= end_y {
    return;
  }

  let stride = canvas_mask.width() as usize;
  let data = canvas_mask.data_mut();
  let copy_width = (end_x - start_x) as usize;
  for global_y in start_y..end_y {
    let src_y = (global_y - placement.top) as usize;
    let dst_start = (global_y - canvas_top) as usize * stride + (start_x - canvas_left) as usize;
    let src_start = src_y * placement.width as usize + (start_x - placement.left) as usize;
    data[dst_start..dst_start + copy_width]
      .copy_from_slice(&mask[src_start..src_start + copy_width]);
  }
}

/// `mask` at `placement` as a mask covering `viewport`, reusing its buffer when they coincide.
fn viewport_mask(
  viewport: CanvasViewport,
  mask: Cow<'_, [u8]>,
  placement: Placement,
) -> Option<TinyMask> {
  if placement == viewport.placement() {
    let size = IntSize::from_wh(placement.width, placement.height)?;

    return TinyMask::from_vec(mask.into_owned(), size);
  }

  let mut full_mask = TinyMask::new(viewport.size.width, viewport.size.height)?;
  copy_mask_into_canvas(&mut full_mask, viewport.origin, &mask, placement);
  Some(full_mask)
}

fn rasterize_constraint_mask(
  viewport: CanvasViewport,
  placement: Placement,
  alpha_at: impl Fn(u32, u32) -> u8,
) -> Option<TinyMask> {
  let mut mask = TinyMask::new(viewport.size.width, viewport.size.height)?;

  let start_x = placement.left.max(viewport.origin.x);
  let start_y = placement.top.max(viewport.origin.y);
  let end_x = (placement.left + placement.width as i32).min(viewport.right());
  let end_y = (placement.top + placement.height as i32).min(viewport.bottom());
  if start_x >= end_x || start_y >= end_y {
    return Some(mask);
  }

  let data = mask.data_mut();
  let stride = viewport.size.width as usize;
  for global_y in start_y..end_y {
    let row = (global_y - viewport.origin.y) as usize * stride;
    for global_x in start_x..end_x {
      data[row + (global_x - viewport.origin.x) as usize] =
        alpha_at(global_x as u32, global_y as u32);
    }
  }
  Some(mask)
}

fn transformed_placement(
  origin: Point<f32>,
  size: Size<f32>,
  transform: Affine,
) -> Option<Placement> {
  let (left, top, right, bottom) = transformed_rect_extents(origin, size, transform)?;
  Placement::from_bounds(
    left.floor() as i32,
    top.floor() as i32,
    right.ceil() as i32,
    bottom.ceil() as i32,
  )
}

fn sample_overflow_alpha(
  from: Point<u32>,
  to: Point<u32>,
  inverse_transform: Affine,
  border_radius_mask: Option<(&[u8], u32)>,
  x: u32,
  y: u32,
) -> u8 {
  let Some(original_point) = transformed_mask_point(inverse_transform, from, to, x, y) else {
    return 0;
  };

  if let Some((mask, mask_width)) = border_radius_mask {
    let mask_x = original_point.x - from.x;
    let mask_y = original_point.y - from.y;
    return mask[(mask_y * mask_width + mask_x) as usize];
  }

  u8::MAX
}

fn transformed_mask_point(
  inverse_transform: Affine,
  from: Point<u32>,
  to: Point<u32>,
  x: u32,
  y: u32,
) -> Option<Point<u32>> {
  let (original_x, original_y) = inverse_transform.transform_point(x as f32, y as f32);
  if original_x < 0.0 || original_y < 0.0 {
    return None;
  }

  let original_point = Point {
    x: original_x as u32,
    y: original_y as u32,
  };
  let is_contained = original_point.x >= from.x
    && original_point.x < to.x
    && original_point.y >= from.y
    && original_point.y < to.y;
  is_contained.then_some(original_point)
}

/// The alpha channel of RGBA `pixels`, as an 8-bit mask.
pub(crate) fn alpha_mask(pixels: &[u8]) -> Vec<u8> {
  pixels
    .as_chunks::<4>()
    .0
    .iter()
    .map(|pixel| pixel[3])
    .collect()
}

/// `cull` rejects a mask outside it and cuts an oversized one to it with a halo, as Blink's
/// `ClipPathClipper::PaintClipPath` clips by the cull rect.
pub(crate) fn render_mask(
  paths: &[Command],
  transform: Option<Affine>,
  style: Option<Style>,
  cull: Option<CanvasViewport>,
) -> (Vec<u8>, Placement) {
  rasterize_mask(paths, transform, style.unwrap_or_default(), cull).unwrap_or_default()
}

/// Whether a fill of `size` at `transform` fits the glyph cache: its rasterized bounds, a byte a
/// pixel, within [`max_entry_bytes`].
fn fits_glyph_cache(size: Size<f32>, transform: Affine) -> bool {
  transformed_placement(Point::ZERO, size, transform).is_some_and(|placement| {
    u64::from(placement.width) * u64::from(placement.height) <= max_entry_bytes()
  })
}

/// [`render_mask`] of `paths`, cached when it [fits](fits_glyph_cache).
pub(crate) fn render_cached_mask(
  paths: &[Command],
  size: Size<f32>,
  transform: Affine,
  cull: CanvasViewport,
) -> (Arc<Vec<u8>>, Placement) {
  let render = || render_mask(paths, Some(transform), None, Some(cull));

  if !fits_glyph_cache(size, transform) {
    let (mask, placement) = render();

    return (Arc::new(mask), placement);
  }

  let Affine { a, b, c, d, x, y } = transform;

  let mut hasher = Xxh3::new();

  hasher.update(b"filled-shape");
  hasher.update(&Command::digest(paths).to_le_bytes());
  for value in [a, b, c, d, x, y] {
    hasher.update(&value.to_bits().to_le_bytes());
  }
  for value in [cull.origin.x, cull.origin.y] {
    hasher.update(&value.to_le_bytes());
  }
  for value in [cull.size.width, cull.size.height] {
    hasher.update(&value.to_le_bytes());
  }
  glyph_mask(hasher.digest(), render)
}

/// `[left, top, right, bottom]` cut to `cull` once they cover too many pixels to rasterize whole,
/// or `None` when they lie wholly outside it.
pub(crate) fn cull_bounds(
  [mut left, mut top, mut right, mut bottom]: [i32; 4],
  cull: Option<CanvasViewport>,
) -> Option<Placement> {
  // Cutting the mask to the cull rect shifts anti-aliasing, so only an oversized mask is cut.
  const CULL_THRESHOLD_PIXELS: u64 = 1 << 24;
  // The halo keeps the clip edge off the visible pixels.
  const CULL_HALO: i32 = 8;

  let full_pixels = (right.saturating_sub(left).max(0) as u64)
    .saturating_mul(bottom.saturating_sub(top).max(0) as u64);

  if let Some(cull) = cull {
    if right <= cull.origin.x
      || bottom <= cull.origin.y
      || left >= cull.right()
      || top >= cull.bottom()
    {
      return None;
    }

    if full_pixels > CULL_THRESHOLD_PIXELS {
      left = left.max((cull.origin.x).saturating_sub(CULL_HALO));
      top = top.max((cull.origin.y).saturating_sub(CULL_HALO));
      right = right.min(cull.right().saturating_add(CULL_HALO));
      bottom = bottom.min(cull.bottom().saturating_add(CULL_HALO));
    }
  }

  Placement::from_bounds(left, top, right, bottom)
}

fn rasterize_mask(
  paths: &[Command],
  transform: Option<Affine>,
  style: Style,
  cull: Option<CanvasViewport>,
) -> Option<(Vec<u8>, Placement)> {
  let mut path = Command::build_path(paths)?;

  if let Some(stroke) = style.stroke() {
    if let Some(dash) = &stroke.dash
      && let Some(dashed_path) = path.dash(dash, 1.0)
    {
      path = dashed_path;
    }

    path = path.stroke(&stroke, 1.0)?;
  }

  if let Some(transform) = transform {
    path = path.transform(transform.into())?;
  }

  let bounds = path.compute_tight_bounds()?;
  let Placement {
    left,
    top,
    width,
    height,
  } = cull_bounds(
    [
      bounds.left().floor() as i32,
      bounds.top().floor() as i32,
      bounds.right().ceil() as i32,
      bounds.bottom().ceil() as i32,
    ],
    cull,
  )?;
  let size = IntSize::from_wh(width, height)?;
  let buffer = vec![0; checked_area(width, height, 1)?];
  let mut mask = TinyMask::from_vec(buffer, size)?;
  let local_path = path.transform(TinyTransform::from_translate(-(left as f32), -(top as f32)))?;
  mask.fill_path(
    &local_path,
    style.fill_rule(),
    true,
    TinyTransform::identity(),
  );

  Some((
    mask.take(),
    Placement {
      left,
      top,
      width,
      height,
    },
  ))
}

#[derive(Clone)]
pub(crate) struct MaskStackEntry {
  pub(crate) mask: Arc<TinyMask>,
  pub(crate) origin: Point<i32>,
}

#[derive(Clone, Copy)]
pub(crate) struct MaskView<'a> {
  pub(crate) mask: &'a TinyMask,
  pub(crate) origin: Point<i32>,
  pub(crate) canvas_origin: Point<i32>,
}

impl<'a> MaskView<'a> {
  #[inline]
  pub(crate) fn row(&self, canvas_y: i32, canvas_x_start: i32) -> MaskRow<'a> {
    let local_y = canvas_y + self.canvas_origin.y - self.origin.y;
    let mask_width = self.mask.width() as i32;
    let mask_height = self.mask.height() as i32;
    if local_y < 0 || local_y >= mask_height {
      return MaskRow::EMPTY;
    }
    let local_x_start = canvas_x_start + self.canvas_origin.x - self.origin.x;
    let row_offset = local_y as usize * self.mask.width() as usize;
    MaskRow {
      data: self.mask.data(),
      row_offset,
      local_x_start,
      mask_width,
    }
  }

  /// The combined constraint mask for the pixmap, cropped when the viewport differs.
  pub(crate) fn resolve(self, size: Size<u32>) -> Option<Cow<'a, TinyMask>> {
    if self.origin == self.canvas_origin
      && self.mask.width() == size.width
      && self.mask.height() == size.height
    {
      return Some(Cow::Borrowed(self.mask));
    }

    self.materialize(size).map(Cow::Owned)
  }

  fn materialize(self, size: Size<u32>) -> Option<TinyMask> {
    let mut cropped = TinyMask::from_vec(
      vec![0; (size.width as usize) * (size.height as usize)],
      IntSize::from_wh(size.width, size.height)?,
    )?;

    let offset = Point {
      x: self.canvas_origin.x - self.origin.x,
      y: self.canvas_origin.y - self.origin.y,
    };
    let src_width = self.mask.width() as i32;
    let src_height = self.mask.height() as i32;
    let start_x = offset.x.max(0);
    let start_y = offset.y.max(0);
    let end_x = (offset.x + size.width as i32).min(src_width);
    let end_y = (offset.y + size.height as i32).min(src_height);
    if start_x >= end_x || start_y >= end_y {
      return Some(cropped);
    }

    let src = self.mask.data();
    let dst = cropped.data_mut();
    if start_x == 0
      && start_y == 0
      && end_x == src_width
      && end_y == src_height
      && src_width as u32 == size.width
      && src_height as u32 == size.height
    {
      dst.copy_from_slice(src);
      return Some(cropped);
    }

    let dst_width = size.width as usize;
    let src_width = src_width as usize;
    let copy_width = (end_x - start_x) as usize;
    let dst_x_start = (start_x - offset.x) as usize;
    for src_y in start_y..end_y {
      let dst_y = (src_y - offset.y) as usize;
      let src_row = src_y as usize * src_width + start_x as usize;
      let dst_row = dst_y * dst_width + dst_x_start;
      dst[dst_row..dst_row + copy_width].copy_from_slice(&src[src_row..src_row + copy_width]);
    }

    Some(cropped)
  }
}

#[derive(Clone, Copy)]
pub(crate) struct MaskRow<'a> {
  data: &'a [u8],
  row_offset: usize,
  local_x_start: i32,
  mask_width: i32,
}

impl<'a> MaskRow<'a> {
  const EMPTY: Self = Self {
    data: &[],
    row_offset: 0,
    local_x_start: 0,
    mask_width: 0,
  };

  #[inline]
  pub(crate) fn alpha_at_offset(&self, offset: usize) -> u8 {
    let local_x = self.local_x_start + offset as i32;
    if local_x < 0 || local_x >= self.mask_width {
      return 0;
    }
    self.data[self.row_offset + local_x as usize]
  }

  #[inline]
  pub(crate) fn is_empty(&self) -> bool {
    self.data.is_empty()
  }

  /// Writes the alphas at offsets `start..start + out.len()` into `out`, zero outside the mask.
  pub(crate) fn write_alphas(&self, start: usize, out: &mut [u8]) {
    let (first, covered) = self.covered(start + out.len());
    let from = first.max(start);
    let to = (first + covered.len()).min(start + out.len());

    out.fill(0);
    if from < to {
      out[from - start..to - start].copy_from_slice(&covered[from - first..to - first]);
    }
  }

  /// The mask bytes under offsets `0..len`: the first covered offset and the bytes from there.
  /// Offsets outside them read as `0`.
  pub(crate) fn covered(&self, len: usize) -> (usize, &'a [u8]) {
    let start = self.local_x_start.max(0);
    let end = (self.local_x_start + len as i32).min(self.mask_width);

    if self.data.is_empty() || start >= end {
      return (0, &[]);
    }

    (
      (start - self.local_x_start) as usize,
      &self.data[self.row_offset + start as usize..self.row_offset + end as usize],
    )
  }
}

#[cfg(test)]
mod tests {
  use takumi_core::{
    layout::border::BorderProperties,
    style::{Angle, Sides, SpacePair},
  };

  use super::*;

  #[test]
  fn a_cached_mask_matches_a_fresh_one_and_is_reused() {
    let mut paths = Vec::new();
    let border = BorderProperties {
      radius: Sides([SpacePair { x: 9.5, y: 9.5 }; 4]),
      ..Default::default()
    };
    let size = Size::new(73.0, 41.0);

    border.append_mask_commands(&mut paths, size, Point::ZERO);

    let transform = Affine::translation(11.25, 7.75);
    let cull = CanvasViewport {
      origin: Point { x: 0, y: 0 },
      size: Size::new(200, 100),
    };
    let fresh = render_mask(&paths, Some(transform), None, Some(cull));
    let (first, placement) = render_cached_mask(&paths, size, transform, cull);
    let (second, _) = render_cached_mask(&paths, size, transform, cull);

    assert_eq!((first.as_slice(), placement), (fresh.0.as_slice(), fresh.1));
    assert!(Arc::ptr_eq(&first, &second));
  }

  #[test]
  fn the_cache_takes_a_fill_by_its_rasterized_bounds() {
    let strip = Size::new(1_000.0, 1.0);
    let widest = Size::new(max_entry_bytes() as f32, 1.0);

    assert!(fits_glyph_cache(Size::new(270.0, 70.0), Affine::IDENTITY));
    assert!(fits_glyph_cache(strip, Affine::IDENTITY));
    assert!(!fits_glyph_cache(strip, Affine::rotation(Angle::new(45.0))));
    assert!(fits_glyph_cache(widest, Affine::IDENTITY));
    assert!(!fits_glyph_cache(widest, Affine::translation(0.5, 0.5)));
  }

  #[test]
  fn a_row_covers_only_the_offsets_inside_the_mask() {
    let mask = TinyMask::from_vec((0..12).collect(), IntSize::from_wh(4, 3).unwrap()).unwrap();
    let view = |x: i32| MaskView {
      mask: &mask,
      origin: Point { x, y: 0 },
      canvas_origin: Point { x: 0, y: 0 },
    };

    assert_eq!(view(0).row(1, -2).covered(3), (2, &[4u8][..]));
    assert_eq!(view(0).row(1, 2).covered(5), (0, &[6u8, 7][..]));
    assert_eq!(view(0).row(3, 0).covered(4), (0, &[][..]));
    assert_eq!(view(10).row(0, 0).covered(4), (0, &[][..]));
  }

  fn attenuate_reference(alpha: u8, mask_alpha: u8) -> u8 {
    if mask_alpha == 0 {
      return alpha;
    }

    mul_div_255(alpha, 255 - mask_alpha)
  }

  #[test]
  fn attenuate_matches_the_branching_formula_for_every_pair() {
    let placement = Placement {
      left: 0,
      top: 0,
      width: 256,
      height: 256,
    };

    let mut dst: Vec<u8> = (0..256 * 256).map(|i| (i / 256) as u8).collect();
    let mask: Vec<u8> = (0..256 * 256).map(|i| (i % 256) as u8).collect();
    attenuate_alpha_by_mask(&mut dst, placement, &mask, placement);

    for (i, &alpha) in dst.iter().enumerate() {
      assert_eq!(
        alpha,
        attenuate_reference((i / 256) as u8, (i % 256) as u8),
        "index {i}"
      );
    }
  }

  #[test]
  fn intersect_alpha_masks_respects_overlap_placement() {
    let lhs = vec![
      0, 64, 0, 0, //
      0, 255, 0, 0, //
      0, 0, 0, 0, //
    ];
    let rhs = vec![
      0, 0, 0, //
      255, 255, 128, //
      0, 0, 0, //
    ];

    let lhs_placement = Placement {
      left: 0,
      top: 0,
      width: 4,
      height: 3,
    };
    let rhs_placement = Placement {
      left: 1,
      top: 0,
      width: 3,
      height: 3,
    };

    let Some((mask, placement)) = intersect_alpha_masks(&lhs, lhs_placement, &rhs, rhs_placement)
    else {
      unreachable!("should overlap");
    };
    assert_eq!(
      placement,
      Placement {
        left: 1,
        top: 0,
        width: 3,
        height: 3
      }
    );
    assert_eq!(mask[0], 0);
    assert_eq!(mask[3], 255);
    assert_eq!(mask[4], 0);
  }

  #[test]
  fn attenuate_alpha_by_mask_applies_overlap_only() {
    let mut dst = vec![
      255, 255, 255, //
      255, 255, 255, //
      255, 255, 255, //
    ];
    let mask = vec![
      0, 128, 0, //
      255, 0, 0, //
    ];

    let dst_placement = Placement {
      left: 0,
      top: 0,
      width: 3,
      height: 3,
    };
    let mask_placement = Placement {
      left: 1,
      top: 1,
      width: 3,
      height: 2,
    };

    attenuate_alpha_by_mask(&mut dst, dst_placement, &mask, mask_placement);

    assert_eq!(dst[0], 255);
    assert_eq!(dst[4], 255);
    assert_eq!(dst[5], mul_div_255(255, 255 - 128));
    assert_eq!(dst[7], 0);
  }

  #[test]
  fn a_mask_outside_the_cull_rect_is_skipped() {
    let cull = CanvasViewport {
      origin: Point { x: 100, y: 100 },
      size: Size {
        width: 50,
        height: 50,
      },
    };

    assert_eq!(cull_bounds([0, 0, 100, 200], Some(cull)), None);
    assert_eq!(cull_bounds([150, 120, 160, 130], Some(cull)), None);
    assert_eq!(
      cull_bounds([99, 99, 101, 101], Some(cull)),
      Placement::from_bounds(99, 99, 101, 101)
    );
    assert_eq!(
      cull_bounds([0, 0, 100, 200], None),
      Placement::from_bounds(0, 0, 100, 200)
    );
  }
}
