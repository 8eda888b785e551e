//! scenebox change 2 (SCENEBOX.md): blurs an alpha mask whose long runs of identical rows or
//! columns — the straight sides of a box shadow's shape — are cut down to the blur's reach first,
//! and copies the middle of each run back out afterwards.
//!
//! Exact, not an approximation: every output pixel of the blur depends only on the input pixels
//! within `reach` of it (the same bound `blur_alpha_region` crops by), the passes do the same
//! integer arithmetic wherever they are, and a cut run keeps `reach` identical lines on both sides
//! of its middle, so every neighbourhood an output pixel reads is the one it read before, and every
//! output line inside the run equals the run's middle.

use std::ops::Range;

/// Lines a cut has to save before it is worth copying the mask.
const MIN_LINES_SAVED: usize = 16;

/// Blurs the `width`×`height` row-major `mask` in place with `blur`, whose output pixels depend
/// only on input pixels within `reach` of them, on a smaller copy when the mask has long runs of
/// identical rows or columns.
pub(crate) fn blur_with_runs_cut(
  mask: &mut [u8],
  width: usize,
  height: usize,
  reach: usize,
  blur: impl FnOnce(&mut [u8], usize, usize),
) {
  if width == 0 || height == 0 || mask.len() != width * height {
    return blur(mask, width, height);
  }
  let differs = differing_columns(mask, width);
  let columns = Cut::of(longest_run(width, |x| !differs[x]), reach);
  let rows = Cut::of(
    longest_run(height, |y| {
      mask[y * width..(y + 1) * width] == mask[(y - 1) * width..y * width]
    }),
    reach,
  );
  if columns.is_none() && rows.is_none() {
    return blur(mask, width, height);
  }
  let columns = columns.unwrap_or(Cut::NONE);
  let rows = rows.unwrap_or(Cut::NONE);
  let (cut_width, cut_height) = (width - columns.removed, height - rows.removed);

  let mut cut = Vec::with_capacity(cut_width * cut_height);
  for y in (0..height).filter(|&y| rows.keeps(y)) {
    let row = &mask[y * width..(y + 1) * width];
    cut.extend(columns.kept_ranges(width).flat_map(|range| &row[range]));
  }
  blur(&mut cut, cut_width, cut_height);

  for (y, row) in mask.chunks_exact_mut(width).enumerate() {
    columns.expand(&cut[rows.source(y) * cut_width..][..cut_width], row);
  }
}

/// For each column, whether it differs from the column before it in any row (column 0 always does).
fn differing_columns(mask: &[u8], width: usize) -> Vec<bool> {
  let mut differs = vec![false; width];
  if let Some(first) = differs.first_mut() {
    *first = true;
  }
  for row in mask.chunks_exact(width) {
    for ((differs, &pixel), &before) in differs[1..].iter_mut().zip(&row[1..]).zip(row) {
      *differs |= pixel != before;
    }
  }
  differs
}

/// The longest range of `count` lines in which every line after the first is identical to the
/// line before it (`same_as_before(i)` for `i` ≥ 1).
fn longest_run(count: usize, mut same_as_before: impl FnMut(usize) -> bool) -> Range<usize> {
  let (mut best, mut start) = (0..0, 0);
  for line in 1..=count {
    if line == count || !same_as_before(line) {
      if line - start > best.len() {
        best = start..line;
      }
      start = line;
    }
  }
  best
}

/// A run of identical lines cut to `2 * reach + 1` of them: lines `keep_to..resume` are left out.
#[derive(Clone, Copy)]
struct Cut {
  /// The first line left out (the run's middle is the line before it).
  keep_to: usize,
  /// The first line kept after the left-out ones.
  resume: usize,
  /// How many lines are left out.
  removed: usize,
}

impl Cut {
  const NONE: Self = Self {
    keep_to: 0,
    resume: 0,
    removed: 0,
  };

  /// The cut of `run` for a blur of `reach`, `None` when it would not save enough.
  fn of(run: Range<usize>, reach: usize) -> Option<Self> {
    let kept = 2 * reach + 1;
    let removed = run.len().checked_sub(kept)?;
    (removed >= MIN_LINES_SAVED).then(|| Self {
      keep_to: run.start + reach + 1,
      resume: run.end - reach,
      removed,
    })
  }

  fn keeps(&self, line: usize) -> bool {
    !(self.keep_to..self.resume).contains(&line)
  }

  /// The ranges of `0..count` the cut keeps.
  fn kept_ranges(&self, count: usize) -> impl Iterator<Item = Range<usize>> {
    [0..self.keep_to, self.resume..count].into_iter()
  }

  /// Writes the whole `line` from its `cut` form: the kept parts copied, the left-out part filled
  /// with the run's middle (what [`Cut::source`] gives for each pixel).
  fn expand(&self, cut: &[u8], line: &mut [u8]) {
    let (head, rest) = line.split_at_mut(self.keep_to);
    let (middle, tail) = rest.split_at_mut(self.resume - self.keep_to);

    head.copy_from_slice(&cut[..self.keep_to]);
    if let Some(&run) = head.last() {
      middle.fill(run);
    }
    tail.copy_from_slice(&cut[self.keep_to..]);
  }

  /// The line of the cut mask that line `line` of the whole one equals after the blur.
  fn source(&self, line: usize) -> usize {
    if line < self.keep_to {
      line
    } else if line < self.resume {
      self.keep_to - 1
    } else {
      line - self.removed
    }
  }
}
