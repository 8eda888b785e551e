use takumi_core::{
  geometry::{ComputedLayout as Layout, Point},
  layout::inline_box::{ReplacedInlineBox, resolve_inline_box},
};

use crate::{
  Canvas, CanvasDevice, DeferredOutline, RenderContext, Result, SizedFontStyle, draw_box_shell,
  layout::{
    inline::{InlineBoxItem, InlineBoxKind, ProcessedInlineSpan, VisualInlineBox},
    tree::RenderNode,
  },
  node_paint::draw_image_node_content,
  painter::{BoxFrame, OwnContent, PaintedInline},
  style::Affine,
};

pub(crate) fn draw_inline_box(
  inline_box: &VisualInlineBox,
  item: &InlineBoxItem<'_>,
  container: Layout,
  canvas: &mut Canvas,
  transform: Affine,
) -> Result<()> {
  let Some(ReplacedInlineBox { node, layout }) = resolve_inline_box(inline_box, item, container)
  else {
    return Ok(());
  };

  if !node.paints_own_box() {
    return Ok(());
  }

  let mut context = node.context.clone();

  context.transform = transform * Affine::translation(layout.location.x, layout.location.y);
  draw_box_shell(&context, canvas, layout, None, true)?;
  draw_own_content(node, &context, canvas, layout)?;
  if let Some(outline) = DeferredOutline::of(&context, layout) {
    outline.paint(canvas)?;
  }
  Ok(())
}

/// Draws the node's own image or inline content in `context`, then the inline boxes the content
/// places.
pub(crate) fn draw_own_content(
  node: &RenderNode,
  context: &RenderContext,
  canvas: &mut Canvas,
  layout: Layout,
) -> Result<()> {
  let content = OwnContent::of(node);

  if let OwnContent::Image(image) = content {
    return draw_image_node_content(image, context, canvas, layout);
  }

  let font_style = SizedFontStyle::from_style(&context.style, context);
  let Some(painted) = content.lay_out_inline(&font_style, layout) else {
    return Ok(());
  };
  let painted = painted?;

  draw_inline_layout(context, canvas, layout, &painted, &font_style)?;

  for positioned in painted
    .runs
    .inline_boxes
    .iter()
    .filter(|positioned| positioned.kind == InlineBoxKind::InFlow)
  {
    if let Some(ProcessedInlineSpan::Box(item)) = painted.spans.get(positioned.id as usize) {
      draw_inline_box(positioned, item, layout, canvas, context.transform)?;
    }
  }
  Ok(())
}

pub(crate) fn draw_inline_layout(
  context: &RenderContext,
  canvas: &mut Canvas,
  layout: Layout,
  painted: &PaintedInline<'_>,
  font_style: &SizedFontStyle,
) -> Result<()> {
  let mut device = CanvasDevice::of(canvas, context);

  painted.runs.paint(
    &painted.spans,
    font_style,
    BoxFrame::new(layout, Point::ZERO),
    &mut device,
  );
  device.finish()
}
