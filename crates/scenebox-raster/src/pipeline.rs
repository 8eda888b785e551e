//! A whole video from a scene's element trees: a pool of raster threads draws frames in
//! parallel (each thread decodes an asset once and reuses it) and converts them to the
//! encoder's pixel format, and the calling thread writes them into the encoder strictly in
//! frame order. A frame whose tree equals the previous frame's (a held or finished animation)
//! is not drawn again: the previous pixels are written (the drawing is deterministic). A
//! failed frame, a failed encoder or a caller that asks to stop ends the job and leaves no
//! output file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

use scenebox_runtime::Node;

use crate::assets::Assets;
use crate::render::{rasterize, FrameImage, RasterError};
use crate::video::{VideoEncoder, VideoError, VideoSettings};
use crate::warning::RasterWarning;

/// How [`draw_and_encode`] runs.
#[derive(Debug, Clone, Default)]
pub struct DrawOptions {
    /// Raster threads (at least one).
    pub jobs: usize,
    /// Directory of the scene's local assets (`staticFile`, relative `<Img src>`).
    pub assets_dir: Option<PathBuf>,
    /// Avatar name → image file, for `scenebox://avatar/<name>` sources.
    pub avatars: Option<PathBuf>,
}

/// Why a video was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A frame could not be drawn.
    #[error("frame {frame}: {error}")]
    Frame {
        /// The frame number.
        frame: u32,
        /// What went wrong.
        error: RasterError,
    },
    /// The encoder failed.
    #[error(transparent)]
    Video(#[from] VideoError),
    /// The caller's progress callback asked to stop after `written` frames.
    #[error("stopped after {written} frames")]
    Stopped {
        /// Frames written before stopping.
        written: usize,
    },
}

/// Draws `trees` (frame number, tree) on `options.jobs` threads and feeds them to a new
/// encoder writing `output`, in order. `progress(frames_written)` runs on the calling thread
/// after each frame; returning `false` stops the job. Returns the distinct warnings.
pub fn draw_and_encode(
    trees: &[(u32, Node)],
    settings: &VideoSettings,
    output: &Path,
    options: &DrawOptions,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Vec<RasterWarning>, ExportError> {
    let mut encoder = VideoEncoder::start(output, settings)?;
    // `repeats[i]`: frame i's tree is frame i-1's, so its pixels are too.
    let repeats: Vec<bool> = (0..trees.len())
        .map(|i| i > 0 && trees[i].1 == trees[i - 1].1)
        .collect();
    let warnings = Mutex::new(Vec::new());
    let size = (settings.width, settings.height);
    let format = encoder.input_format();
    let prepare = |image: FrameImage| format.convert_rgba(image.rgba, image.width, image.height);
    let result = draw_parallel(
        trees,
        size,
        options,
        &repeats,
        &warnings,
        &prepare,
        |receiver| {
            let mut pending: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
            let mut written = 0;
            let mut previous: Option<Vec<u8>> = None;
            let mut write = |frame: &[u8], written: &mut usize| -> Result<(), ExportError> {
                encoder.write_frame(frame)?;
                *written += 1;
                if progress(*written) {
                    Ok(())
                } else {
                    Err(ExportError::Stopped { written: *written })
                }
            };
            for (index, frame) in receiver {
                pending.insert(index, frame?);
                loop {
                    if written < trees.len() && repeats[written] {
                        if let Some(frame) = &previous {
                            write(frame, &mut written)?;
                            continue;
                        }
                    }
                    let Some(frame) = pending.remove(&written) else {
                        break;
                    };
                    write(&frame, &mut written)?;
                    previous = Some(frame);
                }
            }
            if written != trees.len() {
                return Err(ExportError::Stopped { written });
            }
            Ok(())
        },
    );
    // On error the encoder is dropped here, which removes its partial file.
    result?;
    encoder.finish()?;
    let mut warnings = warnings.into_inner().unwrap_or_else(|p| p.into_inner());
    warnings.sort_by(|a, b| (&a.property, &a.value).cmp(&(&b.property, &b.value)));
    warnings
        .dedup_by(|a, b| a.property == b.property && a.value == b.value && a.message == b.message);
    Ok(warnings)
}

/// Draws every tree, in order, on `options.jobs` threads, with no encoder: the raster stage on
/// its own (what the export benchmarks time). Fails with the first frame that cannot be drawn.
pub fn draw_frames(
    trees: &[(u32, Node)],
    width: u32,
    height: u32,
    options: &DrawOptions,
) -> Result<Vec<FrameImage>, ExportError> {
    let warnings = Mutex::new(Vec::new());
    let skip = vec![false; trees.len()];
    draw_parallel(
        trees,
        (width, height),
        options,
        &skip,
        &warnings,
        &|image| image,
        |receiver| {
            let mut drawn: Vec<Option<FrameImage>> = vec![None; trees.len()];
            for (index, image) in receiver {
                drawn[index] = Some(image?);
            }
            Ok(drawn.into_iter().flatten().collect())
        },
    )
}

/// A frame as a raster thread hands it over: its index in the trees, and its pixels as
/// `prepare` left them.
type Drawn<T> = (usize, Result<T, ExportError>);

/// Draws the trees `skip` does not mark on `options.jobs` threads (each decoding an asset once
/// and reusing it, and passing each drawn frame through `prepare`), adding their warnings to
/// `warnings`, while `consume` takes the frames as they finish, in any order. The threads stop
/// handing out frames after a failure and once `consume` has returned (the receiver is gone).
#[allow(clippy::too_many_arguments)]
fn draw_parallel<T: Send, R>(
    trees: &[(u32, Node)],
    (width, height): (u32, u32),
    options: &DrawOptions,
    skip: &[bool],
    warnings: &Mutex<Vec<RasterWarning>>,
    prepare: &(dyn Fn(FrameImage) -> T + Sync),
    consume: impl FnOnce(mpsc::Receiver<Drawn<T>>) -> R,
) -> R {
    let jobs = options.jobs.max(1);
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::sync_channel::<Drawn<T>>(jobs * 2);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let next = &next;
            let mut assets = Assets::new(options.assets_dir.clone());
            assets.set_avatars(options.avatars.clone());
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some((frame, tree)) = trees.get(index) else {
                    return;
                };
                if skip[index] {
                    continue;
                }
                let mut found = Vec::new();
                let image = rasterize(tree, width, height, &mut assets, &mut found)
                    .map(prepare)
                    .map_err(|error| ExportError::Frame {
                        frame: *frame,
                        error,
                    });
                warnings
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .extend(found);
                let failed = image.is_err();
                if sender.send((index, image)).is_err() || failed {
                    // Stop handing out frames after a failure (or when the consumer is gone).
                    next.store(trees.len(), Ordering::SeqCst);
                    return;
                }
            });
        }
        drop(sender);
        consume(receiver)
    })
}
