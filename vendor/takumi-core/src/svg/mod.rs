//! SVG documents styled through takumi's cascade and laid out to drawing ops, after Blink's
//! `SVGImage`.

mod approx_eq;
mod element;
#[cfg(feature = "svg-raster")]
pub(crate) mod filter;
mod layout;
mod length;
mod markup;
mod style;
#[cfg(test)]
mod tests;

use std::{
  collections::{BTreeMap, HashMap},
  sync::Arc,
};

#[cfg(feature = "svg-raster")]
use self::filter::SvgFilter;
use self::{element::SvgElementKind, markup::Markup};
use crate::{
  context::RenderContext,
  geometry::Size,
  html::markup::parse_svg_image,
  layout::node::{MAXIMUM_DOM_TREE_DEPTH, Node, NodeKind},
  resources::{
    font::FontsSnapshot,
    image::{ImageError, SvgOp},
    svg_size::{SvgSize, SvgSizeError},
  },
  style::{Color, Display, IntrinsicSizing, Lang, Style, StyleDeclarationBlock, StyleSheet},
};

const XLINK_NAMESPACE: &str = "http://www.w3.org/1999/xlink";
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";

/// The box an SVG document draws in, which its root element inherits from.
#[derive(Clone, Copy)]
pub(crate) enum SvgHost<'a> {
  /// An image, whose root inherits only the `color` of the box.
  Image {
    current_color: Color,
    fonts: Option<&'a FontsSnapshot>,
  },
  /// An inline `svg` element. Approximate: selectors do not match across its HTML ancestors.
  Inline(&'a RenderContext),
}

impl SvgHost<'_> {
  /// An image in a box whose `color` is black.
  const BLACK: Self = Self::Image {
    current_color: Color([0, 0, 0, 255]),
    fonts: None,
  };
}

impl<'a> SvgHost<'a> {
  /// The fonts the document's text draws with.
  fn fonts(self) -> Option<&'a FontsSnapshot> {
    match self {
      Self::Image { fonts, .. } => fonts,
      Self::Inline(context) => Some(context.fonts()),
    }
  }
}

/// Where an element sits in the document, in the preorder the selector matcher numbers nodes by.
#[derive(Debug)]
pub(super) struct ElementEntry {
  pub(super) kind: SvgElementKind,
  pub(super) parent: Option<usize>,
  pub(super) children: Vec<usize>,
}

/// An SVG document parsed into takumi nodes, ready to resolve styles and lay out.
#[derive(Debug)]
pub(crate) struct SvgDocument {
  pub(super) root: Node,
  pub(super) elements: Vec<ElementEntry>,
  pub(super) stylesheet: Arc<StyleSheet>,
  /// The element an `id` names for `use`, which takes the first of several.
  first_ids: HashMap<Box<str>, usize>,
  /// The element an `id` names for every other reference, which takes the last.
  pub(super) last_ids: HashMap<Box<str>, usize>,
  pub(super) size: SvgSize,
  /// The size of the canvas, which the extent of the content gives when the root sets none.
  canvas: Size<f32>,
  mentions_current_color: bool,
  has_color: bool,
}

impl SvgDocument {
  /// Parses SVG markup, whose root must be an `svg` element.
  pub(crate) fn parse(markup: &str) -> Result<Self, ImageError> {
    let dom = parse_svg_image(markup);
    let root = dom
      .document()
      .children()
      .find(|node| node.element().is_some())
      .ok_or_else(|| ImageError::svg_parse(SvgSizeError::InvalidRoot))?;

    Self::build(root)
  }

  /// The document of an inline `svg` element, every attribute of it and of its descendants kept in
  /// their attribute maps.
  pub(crate) fn from_element(root: &Node) -> Result<Self, ImageError> {
    Self::build(root)
  }

  /// The document of the root element `root`, which must be an `svg` element.
  fn build<'a>(root: impl Markup<'a>) -> Result<Self, ImageError> {
    if root.element() != Some(("svg", true)) {
      return Err(ImageError::svg_parse(SvgSizeError::InvalidRoot));
    }

    let size = SvgSize::from_root(|name| root.attribute(name)).map_err(ImageError::svg_parse)?;
    let mut sheets = Vec::new();

    root.style_sheets(&mut sheets);

    let mut builder = TreeBuilder::default();
    let root_node = builder.element(root, "svg", true, None, 0);

    let mut document = Self {
      stylesheet: Arc::new(StyleSheet::parse_list_loosy(&sheets)),
      mentions_current_color: builder.mentions_current_color
        || sheets
          .iter()
          .any(|sheet| contains_ignore_case(sheet, "currentcolor")),
      has_color: root.attribute("color").is_some(),
      root: root_node,
      elements: builder.elements,
      first_ids: builder.first_ids,
      last_ids: builder.last_ids,
      canvas: Size::new(size.width, size.height),
      size,
    };

    document.canvas =
      layout::SvgLayout::new(&document, SvgHost::BLACK, document.declared_size()).canvas_size();

    Ok(document)
  }

  /// The size of the canvas in pixels.
  pub(crate) fn canvas_size(&self) -> (f32, f32) {
    (self.canvas.width, self.canvas.height)
  }

  pub(crate) fn intrinsic_sizing(&self) -> IntrinsicSizing {
    self.size.intrinsic
  }

  /// Whether the document holds a `text` element, which draws with the registered fonts.
  #[cfg(feature = "svg-raster")]
  pub(crate) fn has_text(&self) -> bool {
    self
      .elements
      .iter()
      .any(|element| element.kind == SvgElementKind::Text)
  }

  /// The displayed text of the `text` elements, each with its styled context; approximate, ignoring `use`.
  pub(crate) fn text_runs(&self, host: SvgHost<'_>) -> Vec<(RenderContext, &str)> {
    let styles = style::StyleResolver::new(self, host, self.canvas);

    self
      .elements
      .iter()
      .zip(self.nodes())
      .filter(|(element, _)| {
        element.kind == SvgElementKind::CharacterData && self.inside_text(element.parent)
      })
      .filter(|(element, _)| self.is_displayed(element.parent, &styles))
      .filter_map(|(element, node)| match (&node.kind, element.parent) {
        (NodeKind::Text(data), Some(parent)) => Some((styles.in_place(parent), data.text.as_str())),
        _ => None,
      })
      .collect()
  }

  /// Whether neither the element at `index` nor an ancestor has `display: none`.
  fn is_displayed(&self, mut index: Option<usize>, styles: &style::StyleResolver) -> bool {
    while let Some(current) = index {
      if styles.in_place(current).style.base_data.display == Display::None {
        return false;
      }

      index = self.elements[current].parent;
    }

    true
  }

  /// Whether the element at `index` or one of its ancestors is a `text` element.
  fn inside_text(&self, mut index: Option<usize>) -> bool {
    while let Some(current) = index {
      if self.elements[current].kind == SvgElementKind::Text {
        return true;
      }

      index = self.elements[current].parent;
    }

    false
  }

  /// Every node in the preorder the selector matcher numbers them by.
  fn nodes(&self) -> Vec<&Node> {
    let mut nodes = Vec::with_capacity(self.elements.len());
    let mut stack = vec![&self.root];

    while let Some(node) = stack.pop() {
      nodes.push(node);

      if let Some(children) = node.children() {
        stack.extend(children.iter().rev());
      }
    }

    nodes
  }

  /// The children of the node at `index` that are elements, text left out.
  fn element_children(&self, index: usize) -> Vec<usize> {
    self.elements[index]
      .children
      .iter()
      .copied()
      .filter(|child| self.elements[*child].kind != SvgElementKind::CharacterData)
      .collect()
  }

  /// Whether the rendering depends on the host `color`: the markup names `currentColor` and the
  /// root sets no `color` of its own.
  pub(crate) fn uses_current_color(&self) -> bool {
    self.mentions_current_color && !self.has_color
  }

  /// How many nodes the document retains, for cache weighing.
  pub(crate) fn node_count(&self) -> usize {
    self.elements.len()
  }

  /// The filter the element `id` names, laid out for content of `width` by `height`.
  #[cfg(feature = "svg-raster")]
  pub(crate) fn filter(&self, id: &str, width: f32, height: f32) -> Option<Arc<SvgFilter>> {
    layout::SvgLayout::new(self, SvgHost::BLACK, self.declared_size())
      .filter_by_id(id, width, height)
  }

  /// The drawing ops of the document drawn in `host` at `viewport`, in its coordinates.
  pub(crate) fn ops(&self, host: SvgHost<'_>, viewport: Size<f32>) -> Option<Vec<SvgOp>> {
    layout::SvgLayout::new(self, host, viewport).layout()
  }

  /// The size the root's `width`, `height`, and `viewBox` give, without a container.
  fn declared_size(&self) -> Size<f32> {
    Size::new(self.size.width, self.size.height)
  }
}

fn contains_ignore_case(text: &str, needle: &str) -> bool {
  text
    .as_bytes()
    .windows(needle.len())
    .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Builds the node tree and the element table together, numbering each node as the matcher will.
#[derive(Default)]
struct TreeBuilder {
  elements: Vec<ElementEntry>,
  first_ids: HashMap<Box<str>, usize>,
  last_ids: HashMap<Box<str>, usize>,
  mentions_current_color: bool,
}

impl TreeBuilder {
  /// The node for `markup` and its subtree, none for a comment or an instruction, or a subtree
  /// that nests too deep.
  fn node<'a>(
    &mut self,
    markup: impl Markup<'a>,
    parent: Option<usize>,
    depth: usize,
  ) -> Option<Node> {
    if depth >= MAXIMUM_DOM_TREE_DEPTH {
      return None;
    }

    if let Some((name, is_svg)) = markup.element() {
      return Some(self.element(markup, name, is_svg, parent, depth));
    }

    let text = markup.text()?;

    self.push_entry(SvgElementKind::CharacterData, parent);
    Some(Node::text(text))
  }

  fn push_entry(&mut self, kind: SvgElementKind, parent: Option<usize>) -> usize {
    let index = self.elements.len();

    self.elements.push(ElementEntry {
      kind,
      parent,
      children: Vec::new(),
    });

    if let Some(parent) = parent {
      self.elements[parent].children.push(index);
    }

    index
  }

  fn element<'a>(
    &mut self,
    markup: impl Markup<'a>,
    name: &str,
    is_svg: bool,
    parent: Option<usize>,
    depth: usize,
  ) -> Node {
    let kind = if is_svg {
      SvgElementKind::from_tag(name)
    } else {
      SvgElementKind::Unknown
    };
    let index = self.push_entry(kind, parent);
    let mut node = Node::container([]).with_tag_name(name);
    let mut attributes = BTreeMap::new();
    let mut href = None;

    for (namespace, name, value) in markup.attributes() {
      match (namespace, name) {
        (None, "class") => {
          node = node.with_class_name(value);
        }
        (None, "id") => {
          node = node.with_id(value);
          self.first_ids.entry(value.into()).or_insert(index);
          self.last_ids.insert(value.into(), index);
        }
        (None, "style") => {
          self.mentions_current_color |= contains_ignore_case(value, "currentcolor");
          node = node.with_style(Style::from(StyleDeclarationBlock::parse_loosy(value)));
        }
        (Some(XLINK_NAMESPACE), "href") => {
          href.get_or_insert(value);
        }
        (None, "href") => {
          href = Some(value);
        }
        (Some(XML_NAMESPACE), "space") => {
          attributes.insert("xml:space".into(), value.into());
        }
        (Some(XML_NAMESPACE), "lang") | (None, "lang") => {
          if let Ok(lang) = Lang::parse(value) {
            node = node.with_lang(lang);
          }
        }
        (None, name) => {
          self.mentions_current_color |= contains_ignore_case(value, "currentcolor");
          attributes.insert(name.into(), value.into());
        }
        _ => {}
      }
    }

    if let Some(href) = href {
      attributes.insert("href".into(), href.into());
    }

    if let Some(preset) = kind.preset(parent.is_none()) {
      node = node.with_preset(preset);
    }

    node.metadata.presentation = kind.presentation(&attributes);

    if !attributes.is_empty() {
      node = node.with_attributes(attributes);
    }

    let children = markup
      .children()
      .filter_map(|child| self.node(child, Some(index), depth + 1))
      .collect();

    node.kind = NodeKind::Container { children };
    node
  }
}
