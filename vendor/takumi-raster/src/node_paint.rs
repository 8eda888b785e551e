//! Raster box decorations, compositing [`takumi_core::layout::decoration`] with tiny-skia.

use std::{collections::HashMap, sync::Arc};

use skrifa::{FontRef, MetadataProvider};
use takumi_core::{
  geometry::{ComputedLayout as Layout, Point, Rect, Size},
  layout::{
    decoration::ClipBox,
    inline::{PositionedGlyph, PositionedInlineRun},
  },
  paint_property::{ClipKind, ClipNode},
  painter::{
    BackgroundClipArea, BoxBorderPainter, BoxFrame, BoxPainter, CellArea, CellBackground,
    FillShape, GlyphDevice, GlyphFill, LayerBounds, PaintDevice, PendingOutline, ShadowShape,
    StripBackground, StrokeStyle, TableDecorations, TextClip,
  },
  resources::{font::FontError, glyph::ResolvedGlyph},
  scene::SceneBounds,
  shadow::SizedShadow,
  style::{Color, ImageScalingAlgorithm},
};
use tiny_skia::{IntRect, Pixmap};

use super::{
  BackgroundTile, BorderProperties, Canvas, CanvasViewport, ColorTile, Fill, PaintSource,
  RenderContext, SizedFontStyle, TileLayer, TileLayers, background_image_layers,
  collect_background_layers, draw_image, rasterize_layers,
};
use crate::{
  BlurType, CanvasSubcanvas, Command, Error, MaskSamplingOptions, PlacedMask, Placement, Result,
  Stroke, Style, alpha_mask, attenuate_alpha_by_mask, bitmap_coverage, blur_alpha_region_bytes,
  cached_glyph_mask, checked_area, draw_glyph, intersect_alpha_masks,
  layout::node::ImageData,
  placement_overlap, render_mask,
  style::{Affine, BlendMode},
  union_alpha_masks,
};

/// Paints a box's own decorations, bottom to top: outset shadows, background, through
/// `text_clip` when it has one, inset shadows, and border when `paints_border`.
pub(crate) fn draw_box_shell(
  context: &RenderContext,
  canvas: &mut Canvas,
  layout: Layout,
  text_clip: Option<&TextClip>,
  paints_border: bool,
) -> Result<()> {
  let painter = BoxPainter::new(context, layout);

  CanvasDevice::paint(canvas, context, |device| {
    painter.paint_normal_box_shadows(Point::ZERO, device);
  })?;
  draw_background(context, canvas, layout, text_clip)?;
  CanvasDevice::paint(canvas, context, |device| {
    painter.paint_inset_box_shadows(Point::ZERO, device);
  })?;
  if paints_border {
    draw_border(context, canvas, layout)?;
  }
  Ok(())
}

/// Paints a box's own decorations as its part in a table paints them.
pub(crate) fn draw_table_box_shell(
  context: &RenderContext,
  canvas: &mut Canvas,
  layout: Layout,
  text_clip: Option<&TextClip>,
  table: TableDecorations,
) -> Result<()> {
  match table {
    TableDecorations::None => draw_box_shell(context, canvas, layout, text_clip, true),
    TableDecorations::Cell {
      paints_border,
      clip: None,
    } => draw_box_shell(context, canvas, layout, text_clip, paints_border),
    TableDecorations::Cell {
      paints_border,
      clip: Some(clip),
    } => within_cell(canvas, context.transform, clip, |canvas| {
      draw_box_shell(context, canvas, layout, text_clip, paints_border)
    }),
    TableDecorations::Table {
      grid,
      grid_offset,
      paints_border,
      columns,
    } => {
      let mut grid_context = context.clone();

      grid_context.transform =
        context.transform * Affine::translation(grid_offset.x, grid_offset.y);
      draw_box_shell(&grid_context, canvas, grid, text_clip, paints_border)?;

      for column in columns {
        for background in column.cells {
          draw_cell_background(
            &column.context,
            canvas,
            context.transform,
            layout,
            background,
          )?;
        }
      }
      Ok(())
    }
    TableDecorations::Part { cells } => {
      let painter = BoxPainter::new(context, layout);

      CanvasDevice::paint(canvas, context, |device| {
        painter.paint_normal_box_shadows(Point::ZERO, device);
      })?;
      for background in cells {
        draw_cell_background(context, canvas, context.transform, layout, background)?;
      }
      CanvasDevice::paint(canvas, context, |device| {
        painter.paint_inset_box_shadows(Point::ZERO, device);
      })
    }
  }
}

/// Draws the background of `context`, a table part, over `background.area` inside its cell, both
/// placed under `transform` relative to `layout`, the box painting it.
fn draw_cell_background(
  context: &RenderContext,
  canvas: &mut Canvas,
  transform: Affine,
  layout: Layout,
  background: CellBackground,
) -> Result<()> {
  let at = background.area.offset;
  let mut part_context = context.clone();

  part_context.transform = transform * Affine::translation(at.x, at.y);
  let part_layout = Layout {
    location: layout.location + at,
    size: background.area.size,
    border: Rect::default(),
    padding: Rect::default(),
  };

  within_cell(canvas, transform, background.cell, |canvas| {
    draw_background(&part_context, canvas, part_layout, None)
  })
}

/// Runs `paint` with the canvas masked to `cell`, placed under `transform`.
fn within_cell(
  canvas: &mut Canvas,
  transform: Affine,
  cell: CellArea,
  paint: impl FnOnce(&mut Canvas) -> Result<()>,
) -> Result<()> {
  let clip = ClipNode {
    parent: None,
    transform: transform * Affine::translation(cell.offset.x, cell.offset.y),
    kind: ClipKind::Shape(FillShape::Rect(cell.size)),
    owner: Vec::new(),
  };
  let Some(mask) = PlacedMask::of_clip(&clip, canvas.viewport()) else {
    return Ok(());
  };

  canvas.push_mask(mask);
  let result = paint(canvas);

  canvas.pop_mask();
  result
}

/// The canvas as a [`PaintDevice`].
pub(crate) struct CanvasDevice<'c> {
  pub(crate) canvas: &'c mut Canvas,
  pub(crate) transform: Affine,
  pub(crate) algorithm: ImageScalingAlgorithm,
  /// Each open clip.
  pub(crate) clips: Vec<CanvasClip>,
  /// Each open layer and the opacity it composites at, or `None` when it could not open.
  layers: Vec<Option<(CanvasSubcanvas, f32)>>,
  /// The shadow every draw becomes while one is open.
  shadow: Option<SizedShadow>,
  /// The span background strips already rasterized, reused on every line.
  strip_tiles: HashMap<(usize, u32, u32, u32, u32), Option<BackgroundTile>>,
  /// The first error a draw hit.
  error: Option<Error>,
}

/// A clip the canvas device holds: a shape's coverage, and whether draws keep to it or avoid it.
pub(crate) struct CanvasClip {
  coverage: Vec<u8>,
  placement: Placement,
  out: bool,
  /// Opened inside a text shadow, so it clips what casts the shadow, moved with it, before the
  /// blur, as Blink draws a text shadow's content into a `DropShadowPaintFilter` layer.
  casts_shadow: bool,
}

impl<'c> CanvasDevice<'c> {
  pub(crate) fn new(
    canvas: &'c mut Canvas,
    transform: Affine,
    algorithm: ImageScalingAlgorithm,
  ) -> Self {
    Self {
      canvas,
      transform,
      algorithm,
      clips: Vec::new(),
      layers: Vec::new(),
      shadow: None,
      strip_tiles: HashMap::new(),
      error: None,
    }
  }

  /// Whether a solid tile paints a `size` rectangle under the translation `transform` (the
  /// device's transform included) as its coverage would: whole pixels at a whole-pixel offset.
  fn tiles_whole_pixels(size: Size<f32>, transform: Affine) -> bool {
    size.width.fract() == 0.0
      && size.height.fract() == 0.0
      && transform.x.fract() == 0.0
      && transform.y.fract() == 0.0
  }

  /// The canvas as a device for the box `context` paints.
  pub(crate) fn of(canvas: &'c mut Canvas, context: &RenderContext) -> Self {
    Self::new(
      canvas,
      context.transform,
      context.style.misc_inherited_data.image_rendering,
    )
  }

  /// Surfaces the first error a draw hit.
  pub(crate) fn finish(self) -> Result<()> {
    self.error.map_or(Ok(()), Err)
  }

  /// Runs `paint` against `canvas` for the box `context` paints, surfacing the first error a
  /// draw hit.
  pub(crate) fn paint(
    canvas: &'c mut Canvas,
    context: &RenderContext,
    paint: impl FnOnce(&mut Self),
  ) -> Result<()> {
    let mut device = Self::of(canvas, context);

    paint(&mut device);
    device.finish()
  }

  /// Rasterizes `shape` under `transform`, culled to the canvas.
  fn coverage(&self, shape: &FillShape, style: Style, transform: Affine) -> (Vec<u8>, Placement) {
    let device = self.transform * transform;

    if let FillShape::Rect(size) = shape
      && style.stroke().is_none()
      && device.only_translation()
      && [size.width, size.height, device.x, device.y]
        .iter()
        .all(|value| value.fract() == 0.0)
    {
      let placement = SceneBounds::of_rect(*size, device)
        .and_then(|bounds| self.canvas.viewport().clamp_bounds(bounds, 0))
        .unwrap_or_default();

      return (
        vec![u8::MAX; placement.width as usize * placement.height as usize],
        placement,
      );
    }

    render_mask(
      &shape.to_commands(),
      Some(self.transform * transform),
      Some(style),
      Some(self.canvas.viewport()),
    )
  }

  /// Limits `coverage` to the open clips that `casts_shadow` selects, or `None` when nothing is
  /// left.
  fn clipped(
    &self,
    coverage: (Vec<u8>, Placement),
    casts_shadow: bool,
  ) -> Option<(Vec<u8>, Placement)> {
    self
      .clips
      .iter()
      .filter(|clip| clip.casts_shadow == casts_shadow)
      .try_fold(coverage, |(mut mask, placement), clip| {
        if clip.out {
          attenuate_alpha_by_mask(&mut mask, placement, &clip.coverage, clip.placement);

          return Some((mask, placement));
        }

        intersect_alpha_masks(&mask, placement, &clip.coverage, clip.placement)
      })
  }

  /// Opens a clip to `shape`, or out of it when `out` is set.
  fn open_clip(&mut self, shape: &FillShape, transform: Affine, out: bool, aliased: bool) {
    let transform = match self.shadow {
      Some(shadow) => Affine::translation(shadow.offset_x, shadow.offset_y) * transform,
      None => transform,
    };
    let (mut coverage, placement) =
      self.coverage(shape, Fill::from(shape.rule()).into(), transform);

    if aliased {
      // A straight edge covers at least half a pixel exactly when it covers the pixel's centre.
      coverage
        .iter_mut()
        .for_each(|alpha| *alpha = if *alpha >= 128 { u8::MAX } else { 0 });
    }
    self.push_clip_coverage(coverage, placement, out);
  }

  /// Opens a clip to `coverage` at `placement`, or out of it when `out` is set.
  fn push_clip_coverage(&mut self, coverage: Vec<u8>, placement: Placement, out: bool) {
    self.clips.push(CanvasClip {
      coverage,
      placement,
      out,
      casts_shadow: self.shadow.is_some(),
    });
  }

  /// Paints `coverage` in `color`, limited to the open clips.
  fn draw_coverage(&mut self, coverage: (Vec<u8>, Placement), color: Color) {
    if let Some((mask, placement)) = self.clipped(coverage, false) {
      self
        .canvas
        .draw_mask(&mask, placement, color, BlendMode::Normal);
    }
  }

  /// Paints `commands`, filled or stroked as `style` under `transform`, in `color` blurred as a CSS
  /// shadow of `blur_radius` blurs.
  fn draw_blurred(
    &mut self,
    commands: &[Command],
    style: Style,
    transform: Affine,
    blur_radius: f32,
    color: Color,
  ) {
    // Skia's blur mask filter maps its sigma through the CTM (`SkMatrix::mapRadius`). A `text-fit`
    // scale on the run comes from the painter, which scales the shadow it passes.
    let blur_radius = blur_radius * self.transform.uniform_scale();
    let transform = self.transform * transform;
    let coverage = render_mask(
      commands,
      Some(transform),
      Some(style),
      Some(self.shadow_viewport(blur_radius)),
    );

    self.draw_blurred_coverage(coverage, blur_radius, color);
  }

  /// The canvas viewport grown by how far a shadow of `blur_radius` blurs.
  fn shadow_viewport(&self, blur_radius: f32) -> CanvasViewport {
    let reach = BlurType::Shadow.extent(blur_radius);

    self.canvas.viewport().inflate(reach, reach)
  }

  /// Paints `coverage` in `color`, blurred as a CSS shadow of `blur_radius` blurs.
  fn draw_blurred_coverage(
    &mut self,
    (mask, placement): (Vec<u8>, Placement),
    blur_radius: f32,
    color: Color,
  ) {
    let Some((mask, placement)) = self.clipped((mask, placement), true) else {
      return;
    };

    if mask.is_empty() {
      return;
    }
    if blur_radius <= 0.0 {
      return self.draw_coverage((mask, placement), color);
    }

    let padding = BlurType::Shadow.extent(blur_radius) as u32;
    let width = placement.width.saturating_add(padding * 2);
    let height = placement.height.saturating_add(padding * 2);

    if checked_area(width, height, 1).is_none() {
      return;
    }

    let padded = Placement {
      left: placement.left - padding as i32,
      top: placement.top - padding as i32,
      width,
      height,
    };
    let Some(overlap) = placement_overlap(padded, self.canvas.viewport().placement()) else {
      return;
    };
    let region = Placement {
      left: overlap.lhs_offset.x as i32,
      top: overlap.lhs_offset.y as i32,
      ..overlap.placement
    };
    let source = Placement {
      left: padding as i32,
      top: padding as i32,
      ..placement
    };
    let blurred = blur_alpha_region_bytes(
      &mask,
      source,
      Size { width, height },
      region,
      blur_radius,
      BlurType::Shadow,
    );

    self.draw_coverage((blurred, overlap.placement), color);
  }

  /// Paints the shadow the open `shadow` casts from `commands` drawn as `style` under `transform`.
  fn draw_shadow_of(
    &mut self,
    shadow: SizedShadow,
    commands: &[Command],
    style: Style,
    transform: Affine,
  ) {
    self.draw_blurred(
      commands,
      style,
      Affine::translation(shadow.offset_x, shadow.offset_y) * transform,
      shadow.blur_radius,
      shadow.color,
    );
  }

  /// The part of the viewport a layer within `bounds` covers, all of it when `bounds` is unknown.
  fn layer_placement(&self, bounds: Option<LayerBounds>) -> Placement {
    let viewport = self.canvas.viewport();

    bounds
      .and_then(|bounds| SceneBounds::of_rect(bounds.size, self.transform * bounds.transform))
      .and_then(|bounds| viewport.clamp_bounds(bounds, 1))
      .unwrap_or_else(|| viewport.placement())
  }

  /// Paints what `content` draws within `bounds` only where `mask` draws, as a `DstIn` layer keeps
  /// it.
  fn with_painted_mask(
    &mut self,
    bounds: Option<LayerBounds>,
    mask: impl FnOnce(&mut Self),
    content: impl FnOnce(&mut Self),
  ) {
    let placement = self.layer_placement(bounds);
    let subcanvas = match self.canvas.begin_subcanvas(placement) {
      Ok(subcanvas) => subcanvas,
      Err(error) => {
        self.error.get_or_insert(error);
        return;
      }
    };

    mask(self);

    let painted = self.canvas.take_subcanvas(subcanvas);

    self.push_clip_coverage(alpha_mask(painted.data()), placement, false);
    content(self);
    self.clips.pop();
  }

  /// Draws `run`'s glyphs filled as `fill` says, or their shadow while one is open.
  fn draw_glyphs(
    &mut self,
    run: &PositionedInlineRun,
    style: &SizedFontStyle,
    fill: GlyphFill,
    frame: BoxFrame,
  ) -> Result<()> {
    let glyph_run = &run.glyph_run;
    let local = run.transform(frame.translation());
    let offset = run.glyph_offset(frame.layout);
    let (color, stroke_color) = match fill {
      GlyphFill::Mask => (Color::black(), Color::black()),
      GlyphFill::Text => (glyph_run.brush.color, glyph_run.brush.stroke_color),
    };
    // A span may set `-webkit-text-stroke` for itself, so it comes off the run.
    let stroke = (glyph_run.brush.stroke_width, stroke_color);
    let placed = |glyph: &PositionedGlyph| Point {
      x: offset.x + glyph.x,
      y: offset.y + glyph.y,
    };

    // Approximate: one shadow per run, where Blink's `DropShadowPaintFilter` covers a fragment.
    if let Some(shadow) = self.shadow {
      // Skia's blur mask filter maps its sigma through the CTM (`SkMatrix::mapRadius`).
      let blur_radius = shadow.blur_radius * self.transform.uniform_scale();
      let viewport = self.shadow_viewport(blur_radius);
      let cast = self.transform * Affine::translation(shadow.offset_x, shadow.offset_y);
      let text_stroke = (stroke.0 > 0.0).then(|| {
        let mut text_stroke = Stroke::new(stroke.0);

        text_stroke.join = style.parent.misc_inherited_data.stroke_linejoin.into();
        text_stroke
      });
      let mut coverages = Vec::with_capacity(glyph_run.glyphs.len());

      for glyph in &glyph_run.glyphs {
        let at = placed(glyph);
        let transform = cast * local * Affine::translation(at.x, at.y);

        match run.resolved_glyphs.get(&glyph.id).map(AsRef::as_ref) {
          Some(ResolvedGlyph::Outline(outline)) => {
            let signature = outline.cache_signature();

            coverages.push(cached_glyph_mask(
              signature,
              outline.paths(),
              transform,
              None,
            ));
            if let Some(text_stroke) = text_stroke {
              coverages.push(cached_glyph_mask(
                signature,
                outline.paths(),
                transform,
                Some(text_stroke),
              ));
            }
          }
          Some(ResolvedGlyph::Bitmap(bitmap)) => {
            coverages.extend(
              bitmap_coverage(bitmap, transform, viewport)
                .map(|(mask, placement)| (Arc::new(mask), placement)),
            );
          }
          None => {}
        }
      }

      // The cached masks are uncropped, so one wholly outside would only widen the union.
      coverages.retain(|(_, placement)| viewport.overlaps(*placement));

      if let Some(coverage) = union_alpha_masks(coverages) {
        self.draw_blurred_coverage(coverage, blur_radius, shadow.color);
      }

      return Ok(());
    }

    let transform = self.transform * local;
    let font = FontRef::from_index(glyph_run.font_data(), glyph_run.font_index)
      .map_err(|_| FontError::InvalidFontIndex)?;
    let palettes = font.color_palettes();
    let palette = palettes.get(0);

    for glyph in &glyph_run.glyphs {
      if let Some(content) = run.resolved_glyphs.get(&glyph.id) {
        draw_glyph(
          content,
          self.canvas,
          style,
          stroke,
          transform,
          placed(glyph),
          color,
          palette.as_ref(),
        )?;
      }
    }

    Ok(())
  }

  /// Fills `shape` under `transform` with `source`, whose pixels `box_to_source` finds from the
  /// box's coordinates, sampled with `algorithm`.
  pub(crate) fn fill_shape_with_source(
    &mut self,
    shape: &FillShape,
    transform: Affine,
    source: PaintSource<'_>,
    box_to_source: Affine,
    algorithm: ImageScalingAlgorithm,
  ) {
    let Some(canvas_to_box) = self.transform.invert() else {
      return;
    };
    let coverage = self.coverage(shape, Fill::from(shape.rule()).into(), transform);
    let Some((mask, placement)) = self.clipped(coverage, false) else {
      return;
    };

    self.canvas.composite_mask_source(
      &mask,
      placement,
      source,
      MaskSamplingOptions {
        canvas_to_source: box_to_source * canvas_to_box,
        sample_bias: Point { x: 0.5, y: 0.5 },
        algorithm,
      },
      BlendMode::Normal,
    );
  }
}

impl PaintDevice for CanvasDevice<'_> {
  fn transform(&self) -> Affine {
    self.transform
  }

  fn fill_shape(&mut self, shape: &FillShape, color: Color, transform: Affine) {
    if let Some(shadow) = self.shadow {
      return self.draw_shadow_of(
        shadow,
        &shape.to_commands(),
        Fill::from(shape.rule()).into(),
        transform,
      );
    }

    // A solid fill under a transform that does more than translate is drawn as its shape's
    // coverage in the colour rather than as a colour tile resampled through the transform
    // (scenebox patch, SCENEBOX.md).
    let device_transform = self.transform * transform;
    let tiled = self.clips.is_empty() && device_transform.only_translation();
    let (border, size, offset) = match shape {
      FillShape::Rect(size) if tiled && Self::tiles_whole_pixels(*size, device_transform) => {
        (BorderProperties::default(), *size, Point::ZERO)
      }
      FillShape::RoundedRect {
        border,
        size,
        offset,
      } if tiled => (*border, *size, *offset),
      _ => {
        let coverage = self.coverage(shape, Fill::from(shape.rule()).into(), transform);

        return self.draw_coverage(coverage, color);
      }
    };
    if size.width <= 0.0 || size.height <= 0.0 {
      return;
    }
    let tile = ColorTile::new(color, size.width as u32, size.height as u32);

    self.canvas.overlay_image(
      &BackgroundTile::Color(tile),
      border,
      device_transform * Affine::translation(offset.x, offset.y),
      self.algorithm,
      BlendMode::Normal,
    );
  }

  fn stroke_shape(&mut self, shape: &FillShape, stroke: &StrokeStyle, transform: Affine) {
    if let Some(shadow) = self.shadow {
      return self.draw_shadow_of(
        shadow,
        &shape.to_commands(),
        Style::Stroke(stroke.into()),
        transform,
      );
    }

    let coverage = self.coverage(shape, Style::Stroke(stroke.into()), transform);

    self.draw_coverage(coverage, stroke.color);
  }

  fn push_clip(&mut self, shape: &FillShape, transform: Affine) {
    self.open_clip(shape, transform, false, false);
  }

  fn push_clip_out(&mut self, shape: &FillShape, transform: Affine) {
    self.open_clip(shape, transform, true, false);
  }

  fn push_aliased_clip(&mut self, shape: &FillShape, transform: Affine) {
    self.open_clip(shape, transform, false, true);
  }

  fn push_aliased_clip_out(&mut self, shape: &FillShape, transform: Affine) {
    self.open_clip(shape, transform, true, true);
  }

  fn with_border_mask(
    &mut self,
    border: &BorderProperties,
    size: Size<f32>,
    origin: Point<f32>,
    content: impl FnOnce(&mut Self),
  ) {
    self.with_painted_mask(
      Some(LayerBounds {
        size,
        transform: Affine::translation(origin.x, origin.y),
      }),
      |device| BoxBorderPainter::new(border, size).paint(origin, device),
      content,
    );
  }

  fn pop_clip(&mut self) {
    self.clips.pop();
  }

  fn begin_layer(&mut self, opacity: f32, bounds: Option<LayerBounds>) {
    let placement = self.layer_placement(bounds);
    let layer = match self.canvas.begin_subcanvas(placement) {
      Ok(subcanvas) => Some((subcanvas, opacity)),
      Err(error) => {
        self.error.get_or_insert(error);
        None
      }
    };

    self.layers.push(layer);
  }

  fn end_layer(&mut self) {
    if let Some(Some((subcanvas, opacity))) = self.layers.pop() {
      self
        .canvas
        .composite_subcanvas(subcanvas, BlendMode::Normal, opacity);
    }
  }

  fn fill_shadow(&mut self, shape: &ShadowShape, shadow: &SizedShadow, transform: Affine) {
    let fill = shape.fill_shape();

    self.draw_shadow_of(
      *shadow,
      &fill.to_commands(),
      Fill::from(fill.rule()).into(),
      transform,
    );
  }
}

impl GlyphDevice for CanvasDevice<'_> {
  fn fill_background_layers(
    &mut self,
    background: &StripBackground<'_>,
    clip: &FillShape,
    transform: Affine,
  ) {
    let context = background.context;
    // The strip rasterizes on the device pixel grid, so its layers land where they snapped.
    let origin = background.strip.origin;
    let fraction = Point {
      x: origin.x - origin.x.floor(),
      y: origin.y - origin.y.floor(),
    };
    let size = Size {
      width: (background.strip.layout.size.width + fraction.x).ceil() as u32,
      height: (background.strip.layout.size.height + fraction.y).ceil() as u32,
    };
    let key = (
      background.id,
      size.width,
      size.height,
      fraction.x.to_bits(),
      fraction.y.to_bits(),
    );
    let tile = match self.strip_tiles.remove(&key) {
      Some(tile) => tile,
      None => background_image_layers(&background.background, context)
        .and_then(|layers| {
          rasterize_layers(
            layers,
            size,
            context,
            BorderProperties::default(),
            Affine::translation(fraction.x, fraction.y),
          )
        })
        .unwrap_or_else(|error| {
          self.error.get_or_insert(error);
          None
        }),
    };

    if let Some(tile) = &tile {
      self.fill_shape_with_source(
        clip,
        transform,
        tile.into(),
        Affine::translation(-origin.x.floor(), -origin.y.floor()),
        context.style.misc_inherited_data.image_rendering,
      );
    }
    self.strip_tiles.insert(key, tile);
  }

  fn fill_text_clip(
    &mut self,
    background: &StripBackground<'_>,
    clip: &FillShape,
    transform: Affine,
    mask: &mut dyn FnMut(&mut dyn GlyphDevice),
  ) {
    let bounds = match clip {
      FillShape::Rect(size) => Some(LayerBounds {
        size: *size,
        transform,
      }),
      _ => None,
    };

    self.with_painted_mask(
      bounds,
      |device| mask(device),
      |device| background.fill(clip, transform, device),
    );
  }

  fn begin_shadow(&mut self, shadow: &SizedShadow) {
    self.shadow = Some(*shadow);
  }

  fn end_shadow(&mut self) {
    self.shadow = None;
  }

  fn draw_glyph_run(
    &mut self,
    run: &PositionedInlineRun,
    style: &SizedFontStyle,
    fill: GlyphFill,
    frame: BoxFrame,
  ) {
    if let Err(error) = self.draw_glyphs(run, style, fill, frame) {
      self.error.get_or_insert(error);
    }
  }
}

pub(crate) fn draw_background(
  context: &RenderContext,
  canvas: &mut Canvas,
  layout: Layout,
  text_clip: Option<&TextClip>,
) -> Result<()> {
  let painter = BoxPainter::new(context, layout);
  let background = painter.background();
  let mut device = CanvasDevice::of(canvas, context);

  // A blending layer mixes with the layers and color beneath it and nothing behind the box, so
  // the whole background composites in one tile, color included.
  let isolated = background
    .layers
    .iter()
    .any(|layer| layer.blend_mode != BlendMode::Normal);

  if !isolated && !matches!(background.clip, BackgroundClipArea::BorderArea(_)) {
    painter.background_color(Point::ZERO, &mut device);
  }

  // Layers composite in a pixmap over the snapped border box, where their tiles land on pixels.
  let size = background.size.map(|size| size as u32);
  let offset = background.offset;
  let into_frame = Affine::translation(-offset.x, -offset.y);
  let frame_transform = context.transform * Affine::translation(offset.x, offset.y);

  match background.clip {
    BackgroundClipArea::BorderBox(border_radius) if isolated => {
      if let Some(tile) = rasterize_layers(
        collect_background_layers(&background, context)?,
        size,
        context,
        BorderProperties::default(),
        into_frame,
      )? {
        canvas.overlay_image(
          &tile,
          border_radius,
          frame_transform,
          context.style.misc_inherited_data.image_rendering,
          BlendMode::Normal,
        );
      }
    }
    BackgroundClipArea::BorderBox(border_radius) => {
      let layers = background_image_layers(&background, context)?;

      if border_radius.is_zero() && layers.iter().all(TileLayer::blits) {
        blit_background_tiles(&layers, background.border_box(), context, canvas);
      } else if let Some(layer) = single_solid_color_layer(&layers, background.border_box(), canvas)
      {
        let transform = context.transform * Affine::translation(layer.x, layer.y);
        canvas.overlay_image(
          layer.tile,
          border_radius,
          transform,
          context.style.misc_inherited_data.image_rendering,
          layer.blend_mode,
        );
      } else if let Some(tile) = rasterize_layers(
        layers,
        size,
        context,
        BorderProperties::default(),
        into_frame,
      )? {
        canvas.overlay_image(
          &tile,
          border_radius,
          frame_transform,
          context.style.misc_inherited_data.image_rendering,
          BlendMode::Normal,
        );
      }
    }
    BackgroundClipArea::Inner(clip) => {
      let layers = if isolated {
        collect_background_layers(&background, context)?
      } else {
        background_image_layers(&background, context)?
      };

      draw_clipped_background(clip, offset, layers, context, canvas)?;
    }
    BackgroundClipArea::BorderArea(_) => {
      let tile = rasterize_layers(
        collect_background_layers(&background, context)?,
        size,
        context,
        BorderProperties::default(),
        into_frame,
      )?;

      if let Some(tile) = &tile
        && let Some(shape) = background.clip.shape(background.size)
      {
        let algorithm = context.style.misc_inherited_data.image_rendering;
        let at = Affine::translation(offset.x, offset.y);

        match background.clip.border_mask() {
          Some(mask) => device.with_border_mask(&mask, background.size, offset, |device| {
            device.fill_shape_with_source(
              &FillShape::Rect(background.size),
              at,
              tile.into(),
              into_frame,
              algorithm,
            );
          }),
          None => device.fill_shape_with_source(&shape, at, tile.into(), into_frame, algorithm),
        }
      }
    }
    BackgroundClipArea::Text => {
      if let Some(text_clip) = text_clip {
        let mut device = CanvasDevice::of(canvas, context);

        text_clip.paint_background(Point::ZERO, &mut device)?;
        device.finish()?;
      }
    }
  }

  Ok(())
}

/// Blits each tile of `layers`, cutting the ones that cross the edge of `border_box` to it.
fn blit_background_tiles(
  layers: &[TileLayer],
  border_box: Rect<f32>,
  context: &RenderContext,
  canvas: &mut Canvas,
) {
  let algorithm = context.style.misc_inherited_data.image_rendering;

  for layer in layers {
    let (width, height) = layer.tile.dimensions();
    let mut cuts: Vec<(IntRect, Pixmap)> = Vec::new();

    for y in &layer.ys {
      for x in &layer.xs {
        let Some(part) = layer.visible_part(*x, *y, border_box) else {
          continue;
        };
        let transform = layer.tile_transform(context.transform, *x, *y);

        if part.width() != width || part.height() != height {
          let cut = match cuts.iter().position(|(cut, _)| *cut == part) {
            Some(index) => &cuts[index].1,
            None => {
              let Some(pixmap) = layer.tile.cut(part) else {
                continue;
              };

              cuts.push((part, pixmap));
              &cuts[cuts.len() - 1].1
            }
          };

          canvas.overlay_image(
            cut,
            BorderProperties::default(),
            transform * Affine::translation(part.x() as f32, part.y() as f32),
            algorithm,
            layer.blend_mode,
          );
          continue;
        }

        if transform.only_translation()
          && canvas.overlay_background_tile_direct(
            &layer.tile,
            Point {
              x: transform.x,
              y: transform.y,
            },
            layer.blend_mode,
          )
        {
          continue;
        }

        canvas.overlay_image(
          &layer.tile,
          BorderProperties::default(),
          transform,
          algorithm,
          layer.blend_mode,
        );
      }
    }
  }
}

fn draw_clipped_background(
  clip: ClipBox,
  offset: Point<f32>,
  layers: TileLayers,
  context: &RenderContext,
  canvas: &mut Canvas,
) -> Result<()> {
  let at = offset + clip.offset;

  if let Some(tile) = rasterize_layers(
    layers,
    clip.size.map(|size| size as u32),
    context,
    clip.border,
    Affine::translation(-at.x, -at.y),
  )? {
    canvas.overlay_image(
      &tile,
      BorderProperties::default(),
      context.transform * Affine::translation(at.x, at.y),
      context.style.misc_inherited_data.image_rendering,
      BlendMode::Normal,
    );
  }

  Ok(())
}

pub(crate) fn draw_border(
  context: &RenderContext,
  canvas: &mut Canvas,
  layout: Layout,
) -> Result<()> {
  CanvasDevice::paint(canvas, context, |device| {
    BoxPainter::new(context, layout).paint_border(Point::ZERO, device);
  })
}

/// A box's outline and the device state it paints with, kept until the box's children are done.
pub(crate) struct DeferredOutline {
  outline: PendingOutline,
  transform: Affine,
  algorithm: ImageScalingAlgorithm,
}

impl DeferredOutline {
  /// The outline of the box `context` paints at `layout`, or `None` when it paints none.
  pub(crate) fn of(context: &RenderContext, layout: Layout) -> Option<Self> {
    Some(Self {
      outline: BoxPainter::new(context, layout).pending_outline(Point::ZERO)?,
      transform: context.transform,
      algorithm: context.style.misc_inherited_data.image_rendering,
    })
  }

  pub(crate) fn paint(&self, canvas: &mut Canvas) -> Result<()> {
    let mut device = CanvasDevice::new(canvas, self.transform, self.algorithm);

    self.outline.paint(&mut device);
    device.finish()
  }
}

struct SolidColorLayer<'a> {
  tile: &'a BackgroundTile,
  x: f32,
  y: f32,
  blend_mode: BlendMode,
}

fn single_solid_color_layer<'a>(
  layers: &'a [TileLayer],
  area: Rect<f32>,
  canvas: &Canvas,
) -> Option<SolidColorLayer<'a>> {
  if !canvas.has_no_constraint_mask() {
    return None;
  }
  let [layer] = layers else {
    return None;
  };
  if !matches!(layer.tile, BackgroundTile::Color(_)) {
    return None;
  }
  if layer.xs.len() != 1 || layer.ys.len() != 1 || !layer.blits() || !layer.fits(area) {
    return None;
  }
  Some(SolidColorLayer {
    tile: &layer.tile,
    x: layer.xs[0],
    y: layer.ys[0],
    blend_mode: layer.blend_mode,
  })
}

pub(crate) fn draw_image_node_content(
  image: &ImageData,
  context: &RenderContext,
  canvas: &mut Canvas,
  layout: Layout,
) -> Result<()> {
  let Ok(image_source) = image.src.resolve(context) else {
    return Ok(());
  };

  draw_image(&image_source, context, canvas, layout)
}

#[cfg(test)]
mod tests {
  use takumi_core::{
    geometry::{Point, Rect, Size},
    layout::border::BorderProperties,
    painter::{BoxBorderPainter, StrokeStyle},
    style::{Affine, BorderStyle, Color, ImageScalingAlgorithm, Sides, SpacePair},
  };

  use super::CanvasDevice;
  use crate::{Canvas, Cap, Stroke};

  fn paint_border(
    border: BorderProperties,
    canvas: &mut Canvas,
    size: Size<f32>,
    transform: Affine,
  ) {
    let mut device = CanvasDevice::new(canvas, transform, ImageScalingAlgorithm::Auto);

    BoxBorderPainter::new(&border, size).paint(Point::ZERO, &mut device);
  }

  fn test_border(style: BorderStyle, width: f32) -> BorderProperties {
    BorderProperties {
      width: Rect {
        top: width,
        right: width,
        bottom: width,
        left: width,
      },
      color: Rect {
        top: Color([255, 0, 0, 255]),
        right: Color([255, 0, 0, 255]),
        bottom: Color([255, 0, 0, 255]),
        left: Color([255, 0, 0, 255]),
      },
      radius: Sides([SpacePair::from_single(0.0); 4]),
      style: Rect {
        top: style,
        right: style,
        bottom: style,
        left: style,
      },
      image_rendering: ImageScalingAlgorithm::Auto,
      collapsed: false,
      shape: Sides::default(),
    }
  }

  #[test]
  fn solid_border_draws_continuous_edge() {
    let mut canvas = Canvas::new(Size {
      width: 48,
      height: 48,
    });

    paint_border(
      test_border(BorderStyle::Solid, 4.0),
      &mut canvas,
      Size {
        width: 48.0,
        height: 48.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));
    assert!((8..40).all(|x| image.get_pixel(x, 2)[3] > 0));
  }

  #[test]
  fn hidden_border_does_not_draw() {
    let mut canvas = Canvas::new(Size {
      width: 24,
      height: 24,
    });

    paint_border(
      test_border(BorderStyle::Hidden, 4.0),
      &mut canvas,
      Size {
        width: 24.0,
        height: 24.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));
    assert!(image.pixels().all(|pixel| pixel[3] == 0));
  }

  #[test]
  fn dashed_border_draws_pattern() {
    let mut canvas = Canvas::new(Size {
      width: 48,
      height: 48,
    });

    paint_border(
      test_border(BorderStyle::Dashed, 4.0),
      &mut canvas,
      Size {
        width: 48.0,
        height: 48.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));

    let row: Vec<u8> = (0..48).map(|x| image.get_pixel(x, 2)[3]).collect();
    let has_opaque = row.iter().any(|&a| a > 0);
    let has_transparent = row.iter().skip(8).take(32).any(|&a| a == 0);

    assert!(has_opaque, "Dashed border should have opaque pixels");
    assert!(
      has_transparent,
      "Dashed border should have transparent gaps"
    );
  }

  #[test]
  fn dotted_border_draws_pattern() {
    let mut canvas = Canvas::new(Size {
      width: 48,
      height: 48,
    });

    paint_border(
      test_border(BorderStyle::Dotted, 4.0),
      &mut canvas,
      Size {
        width: 48.0,
        height: 48.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));

    let row: Vec<u8> = (0..48).map(|x| image.get_pixel(x, 2)[3]).collect();
    let has_opaque = row.iter().any(|&a| a > 0);
    let has_transparent = row.iter().skip(8).take(32).any(|&a| a == 0);

    assert!(has_opaque, "Dotted border should have opaque pixels");
    assert!(
      has_transparent,
      "Dotted border should have transparent gaps"
    );
  }

  #[test]
  fn thin_dotted_border_draws_square_dots() {
    let stroke = Stroke::from(&StrokeStyle::border(
      Color::black(),
      2.0,
      BorderStyle::Dotted.dash_pattern(2.0, 48.0, false),
    ));
    let Some(dash_pattern) = stroke.dash else {
      unreachable!("thin dotted stroke should produce a dash pattern");
    };

    assert_eq!(stroke.cap, Cap::Butt);
    assert_eq!(dash_pattern.intervals, [2.0, 2.0]);
  }

  #[test]
  fn dashed_border_top_only_draws_pattern() {
    let mut canvas = Canvas::new(Size {
      width: 48,
      height: 48,
    });
    let mut border = test_border(BorderStyle::Dashed, 0.0);
    border.width.top = 4.0;

    paint_border(
      border,
      &mut canvas,
      Size {
        width: 48.0,
        height: 48.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));
    let top_row: Vec<u8> = (8..40).map(|x| image.get_pixel(x, 2)[3]).collect();

    assert!(
      top_row.iter().any(|&alpha| alpha > 0),
      "Top dashed side should contain opaque pixels"
    );
    assert!(
      top_row.contains(&0),
      "Top dashed side should contain transparent gaps"
    );
    assert_eq!(
      image.get_pixel(24, 45)[3],
      0,
      "Bottom side should stay transparent for top-only dashed border"
    );
    assert_eq!(
      image.get_pixel(2, 24)[3],
      0,
      "Left side should stay transparent for top-only dashed border"
    );
    assert_eq!(
      image.get_pixel(45, 24)[3],
      0,
      "Right side should stay transparent for top-only dashed border"
    );
  }

  #[test]
  fn dotted_border_left_only_draws_pattern() {
    let mut canvas = Canvas::new(Size {
      width: 48,
      height: 48,
    });
    let mut border = test_border(BorderStyle::Dotted, 0.0);
    border.width.left = 4.0;

    paint_border(
      border,
      &mut canvas,
      Size {
        width: 48.0,
        height: 48.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));
    let left_column: Vec<u8> = (8..40).map(|y| image.get_pixel(2, y)[3]).collect();

    assert!(
      left_column.iter().any(|&alpha| alpha > 0),
      "Left dotted side should contain opaque pixels"
    );
    assert!(
      left_column.contains(&0),
      "Left dotted side should contain transparent gaps"
    );
    assert_eq!(
      image.get_pixel(24, 2)[3],
      0,
      "Top side should stay transparent for left-only dotted border"
    );
    assert_eq!(
      image.get_pixel(45, 24)[3],
      0,
      "Right side should stay transparent for left-only dotted border"
    );
    assert_eq!(
      image.get_pixel(24, 45)[3],
      0,
      "Bottom side should stay transparent for left-only dotted border"
    );
  }

  #[test]
  fn solid_fast_path_skips_hidden_side_with_positive_width() {
    let mut canvas = Canvas::new(Size {
      width: 48,
      height: 48,
    });
    let mut border = test_border(BorderStyle::Solid, 4.0);
    border.style.top = BorderStyle::Hidden;

    paint_border(
      border,
      &mut canvas,
      Size {
        width: 48.0,
        height: 48.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));

    assert_eq!(
      image.get_pixel(24, 2)[3],
      0,
      "Hidden top side should stay transparent"
    );
    let right_band_has_ink = (44..48).any(|x| image.get_pixel(x, 24)[3] > 0);
    assert!(
      right_band_has_ink,
      "Visible right side should still be painted"
    );
  }

  #[test]
  fn double_fast_path_skips_hidden_side_with_positive_width() {
    let mut canvas = Canvas::new(Size {
      width: 48,
      height: 48,
    });
    let mut border = test_border(BorderStyle::Double, 6.0);
    border.style.top = BorderStyle::Hidden;

    paint_border(
      border,
      &mut canvas,
      Size {
        width: 48.0,
        height: 48.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));

    assert_eq!(
      image.get_pixel(24, 2)[3],
      0,
      "Hidden top side should stay transparent"
    );
    let right_band_has_ink = (42..48).any(|x| image.get_pixel(x, 24)[3] > 0);
    assert!(
      right_band_has_ink,
      "Visible right side should still be painted"
    );
  }

  #[test]
  fn solid_fallback_ignores_hidden_neighbor_widths() {
    let mut canvas = Canvas::new(Size {
      width: 64,
      height: 64,
    });
    let mut border = test_border(BorderStyle::Hidden, 0.0);
    border.style.top = BorderStyle::Solid;
    border.width.top = 8.0;
    border.style.right = BorderStyle::Dashed;
    border.width.right = 8.0;
    border.width.left = 24.0;

    paint_border(
      border,
      &mut canvas,
      Size {
        width: 64.0,
        height: 64.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));

    assert!(
      image.get_pixel(4, 3)[3] > 0,
      "Visible top side should not be clipped by hidden left width"
    );
    assert_eq!(
      image.get_pixel(3, 32)[3],
      0,
      "Hidden left side should stay transparent"
    );
  }

  #[test]
  fn oversized_solid_border_fills_without_panicking() {
    let mut canvas = Canvas::new(Size {
      width: 20,
      height: 20,
    });
    let border = test_border(BorderStyle::Solid, 40.0);

    paint_border(
      border,
      &mut canvas,
      Size {
        width: 20.0,
        height: 20.0,
      },
      Affine::IDENTITY,
    );

    let image = canvas
      .into_inner()
      .unwrap_or_else(|error| unreachable!("test canvas should be readable: {error}"));

    assert!(
      image.get_pixel(10, 10)[3] > 0,
      "Oversized border should still render a valid filled mask"
    );
  }
}
