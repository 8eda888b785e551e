//! The pixel layouts frames go to ffmpeg in, and the conversion from the raster's RGBA.
//!
//! For the 4:2:0 codecs (H.264, VP9) the raster threads convert each frame to planar YUV 4:2:0
//! themselves, in parallel, instead of piping RGBA for ffmpeg to convert: ffmpeg's conversion
//! runs on one thread ahead of the encoder (about 5 ms a 1080p frame on this machine) and RGBA
//! is 2.7 times the bytes through the pipe. The conversion is ffmpeg's default for
//! `-pix_fmt yuv420p` from RGB: BT.601 coefficients, limited range (Y 16–235, Cb/Cr 16–240),
//! each chroma sample from its 2×2 block of pixels; alpha is dropped, as ffmpeg drops it.

use std::borrow::Cow;

/// A frame's pixel layout on ffmpeg's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PixelFormat {
    /// Interleaved 8-bit RGBA, as drawn.
    Rgba,
    /// Planar 8-bit YUV 4:2:0 (Y, then Cb and Cr at half width and height, rounded up).
    Yuv420p,
}

impl PixelFormat {
    /// ffmpeg's name for it (`-pix_fmt`).
    pub fn ffmpeg_name(self) -> &'static str {
        match self {
            Self::Rgba => "rgba",
            Self::Yuv420p => "yuv420p",
        }
    }

    /// The bytes of one `width` × `height` frame.
    pub fn frame_bytes(self, width: u32, height: u32) -> usize {
        let (width, height) = (width as usize, height as usize);
        match self {
            Self::Rgba => width * height * 4,
            Self::Yuv420p => width * height + 2 * width.div_ceil(2) * height.div_ceil(2),
        }
    }

    /// `rgba` (a `width` × `height` frame, `width * height * 4` bytes; pixels missing from a
    /// shorter buffer come out black, extra bytes are ignored) in this layout, reusing its
    /// buffer when it already is.
    pub fn convert_rgba(self, rgba: Vec<u8>, width: u32, height: u32) -> Vec<u8> {
        match self {
            Self::Rgba => rgba,
            Self::Yuv420p => rgba_to_yuv420p(&rgba, width as usize, height as usize),
        }
    }

    /// `rgba` (as for [`PixelFormat::convert_rgba`]) in this layout.
    pub fn from_rgba(self, rgba: &[u8], width: u32, height: u32) -> Cow<'_, [u8]> {
        match self {
            Self::Rgba => Cow::Borrowed(rgba),
            Self::Yuv420p => Cow::Owned(rgba_to_yuv420p(rgba, width as usize, height as usize)),
        }
    }
}

// BT.601 limited range in 16-bit fixed point: Y = 16 + 219/255 (0.299 R + 0.587 G + 0.114 B),
// Cb = 128 + 224/255 (B - Y') / 1.772, Cr = 128 + 224/255 (R - Y') / 1.402.
const Y_R: i32 = 16829;
const Y_G: i32 = 33039;
const Y_B: i32 = 6416;
const CB_R: i32 = -9714;
const CB_G: i32 = -19070;
const CB_B: i32 = 28784;
const CR_R: i32 = 28784;
const CR_G: i32 = -24103;
const CR_B: i32 = -4681;

/// Planar YUV 4:2:0 of an RGBA frame. Odd sizes repeat the last column and row into the last
/// chroma block.
fn rgba_to_yuv420p(rgba: &[u8], width: usize, height: usize) -> Vec<u8> {
    let (chroma_width, chroma_height) = (width.div_ceil(2), height.div_ceil(2));
    let mut out = vec![0u8; width * height + 2 * chroma_width * chroma_height];
    if width == 0 || height == 0 {
        return out;
    }
    let stride = width * 4;
    let padded;
    let rgba = match rgba.get(..height * stride) {
        Some(frame) => frame,
        None => {
            padded = [rgba, &vec![0; height * stride - rgba.len()]].concat();
            &padded
        }
    };
    let (luma, chroma) = out.split_at_mut(width * height);
    let (cb, cr) = chroma.split_at_mut(chroma_width * chroma_height);
    for (((rows, luma_rows), cb_row), cr_row) in rgba
        .chunks_exact(2 * stride)
        .zip(luma.chunks_exact_mut(2 * width))
        .zip(cb.chunks_exact_mut(chroma_width))
        .zip(cr.chunks_exact_mut(chroma_width))
    {
        let (top, bottom) = rows.split_at(stride);
        let (luma_top, luma_bottom) = luma_rows.split_at_mut(width);
        row_pair(top, bottom, luma_top, luma_bottom, cb_row, cr_row);
    }
    if height % 2 == 1 {
        // The last row pairs with itself; its luma is written once.
        let last = &rgba[(height - 1) * stride..];
        let mut scratch = vec![0u8; width];
        let luma_last = &mut luma[(height - 1) * width..];
        let at = (chroma_height - 1) * chroma_width;
        row_pair(
            last,
            last,
            luma_last,
            &mut scratch,
            &mut cb[at..],
            &mut cr[at..],
        );
    }
    out
}

#[inline(always)]
fn luma_of(r: i32, g: i32, b: i32) -> u8 {
    ((Y_R * r + Y_G * g + Y_B * b + (16 << 16) + (1 << 15)) >> 16) as u8
}

/// Luma of two rows and the chroma of their 2×2 blocks (`chroma_*` as long as the blocks).
fn row_pair(
    top: &[u8],
    bottom: &[u8],
    luma_top: &mut [u8],
    luma_bottom: &mut [u8],
    chroma_b: &mut [u8],
    chroma_r: &mut [u8],
) {
    let blocks = top
        .chunks_exact(8)
        .zip(bottom.chunks_exact(8))
        .zip(
            luma_top
                .chunks_exact_mut(2)
                .zip(luma_bottom.chunks_exact_mut(2)),
        )
        .zip(chroma_b.iter_mut().zip(chroma_r.iter_mut()));
    for (((t, b), (lt, lb)), (u, v)) in blocks {
        let px = |p: &[u8], i: usize| (p[i] as i32, p[i + 1] as i32, p[i + 2] as i32);
        let (r0, g0, b0) = px(t, 0);
        let (r1, g1, b1) = px(t, 4);
        let (r2, g2, b2) = px(b, 0);
        let (r3, g3, b3) = px(b, 4);
        lt[0] = luma_of(r0, g0, b0);
        lt[1] = luma_of(r1, g1, b1);
        lb[0] = luma_of(r2, g2, b2);
        lb[1] = luma_of(r3, g3, b3);
        let (r, g, b) = (r0 + r1 + r2 + r3, g0 + g1 + g2 + g3, b0 + b1 + b2 + b3);
        *u = chroma(CB_R, CB_G, CB_B, r, g, b);
        *v = chroma(CR_R, CR_G, CR_B, r, g, b);
    }
    let width = luma_top.len();
    if width % 2 == 1 {
        // The last column pairs with itself.
        let x = width - 1;
        let px = |p: &[u8]| (p[4 * x] as i32, p[4 * x + 1] as i32, p[4 * x + 2] as i32);
        let ((r0, g0, b0), (r2, g2, b2)) = (px(top), px(bottom));
        luma_top[x] = luma_of(r0, g0, b0);
        luma_bottom[x] = luma_of(r2, g2, b2);
        let (r, g, b) = (2 * (r0 + r2), 2 * (g0 + g2), 2 * (b0 + b2));
        let c = width / 2;
        chroma_b[c] = chroma(CB_R, CB_G, CB_B, r, g, b);
        chroma_r[c] = chroma(CR_R, CR_G, CR_B, r, g, b);
    }
}

/// A chroma sample from the sums of a block's four pixels (4× the mean: 18 bits of shift).
#[inline(always)]
fn chroma(kr: i32, kg: i32, kb: i32, r: i32, g: i32, b: i32) -> u8 {
    ((kr * r + kg * g + kb * b + (128 << 18) + (1 << 17)) >> 18) as u8
}
