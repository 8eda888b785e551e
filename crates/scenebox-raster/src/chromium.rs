//! Headless Chromium as the reference renderer of the fidelity harness: a frame's element tree
//! written as a whole HTML document ([`HtmlWriter::for_browser`]: every declaration, the
//! embedded fonts as `@font-face` files, the same placeholder boxes) and screenshot by
//! `chromium --headless --screenshot` at exactly the frame's size.
//!
//! Each screenshot is one short-lived browser process with its own profile directory, so any
//! number can run at once. The flags are the ones that matter for pixels in Remotion's own
//! renderer (`--font-render-hinting=none`, `--force-color-profile=srgb`, device scale 1), plus
//! a virtual-time budget so web fonts have loaded before the page is captured and
//! `--run-all-compositor-stages-before-draw`, without which a large transformed layer can be
//! captured before all its tiles are drawn (a band of page background where content belongs).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use scenebox_runtime::Node;

use crate::assets::Assets;
use crate::html::HtmlWriter;
use crate::render::FrameImage;

/// The browser binaries looked for on `PATH`, in order.
const BINARIES: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// The environment variable naming the browser binary to use instead.
pub const CHROMIUM_ENV: &str = "SCENEBOX_CHROMIUM";

/// How long one screenshot may take.
const TIMEOUT: Duration = Duration::from_secs(90);

/// Why Chromium could not draw a frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChromiumError {
    /// No browser binary was found.
    #[error(
        "chromium was not found (looked for {0} on PATH and ${CHROMIUM_ENV}); install Debian's \
         `chromium` package (scripts/setup-system.sh does)"
    )]
    NotFound(String),
    /// A file of the page could not be written or read.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The browser could not be started.
    #[error("starting {binary}: {message}")]
    Spawn {
        /// The binary.
        binary: String,
        /// What went wrong.
        message: String,
    },
    /// The browser ended without writing the screenshot.
    #[error("chromium failed ({status}) without a screenshot: {stderr}")]
    Failed {
        /// How the process ended.
        status: String,
        /// The end of its standard error.
        stderr: String,
    },
    /// The browser took longer than the limit and was killed.
    #[error("chromium took longer than {0} s and was stopped")]
    Timeout(u64),
    /// The screenshot is not a PNG this decoder reads.
    #[error("the screenshot could not be decoded: {0}")]
    Decode(String),
    /// The screenshot does not have the frame's size.
    #[error("the screenshot is {0}×{1}, not the frame's {2}×{3}")]
    WrongSize(u32, u32, u32, u32),
}

/// A headless Chromium ready to draw frames, with its working directory (fonts, pages,
/// screenshots, profiles).
pub struct Chromium {
    binary: PathBuf,
    dir: PathBuf,
    font_faces: String,
    next: AtomicU64,
}

impl Chromium {
    /// Finds the browser (`$SCENEBOX_CHROMIUM`, else `chromium`, `chromium-browser` or
    /// `google-chrome` on `PATH`) and writes the embedded fonts under `work_dir` (created; the
    /// caller removes it).
    pub fn new(work_dir: &Path) -> Result<Self, ChromiumError> {
        let binary = find_binary()?;
        let dir = std::path::absolute(work_dir).map_err(|e| io_error(work_dir, e))?;
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        let fonts = dir.join("fonts");
        let font_faces = crate::fonts::write_font_files(&fonts).map_err(|e| io_error(&fonts, e))?;
        Ok(Self {
            binary,
            dir,
            font_faces,
            next: AtomicU64::new(0),
        })
    }

    /// The browser binary in use.
    pub fn binary(&self) -> &Path {
        &self.binary
    }

    /// Draws `tree` at `width × height` as a browser does: the document
    /// [`HtmlWriter::for_browser`] writes, images resolved through `assets` (local files from
    /// `asset_dir`, the directory `assets` reads).
    pub fn render(
        &self,
        tree: &Node,
        width: u32,
        height: u32,
        assets: &mut Assets,
        asset_dir: Option<&Path>,
    ) -> Result<FrameImage, ChromiumError> {
        let mut warnings = Vec::new();
        let html = HtmlWriter::new(assets, &mut warnings)
            .for_browser(&self.font_faces, asset_dir)
            .write(tree, width, height);
        self.screenshot(&html, width, height)
    }

    /// Screenshots the HTML document `html` in a `width × height` window.
    pub fn screenshot(
        &self,
        html: &str,
        width: u32,
        height: u32,
    ) -> Result<FrameImage, ChromiumError> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let page = self.dir.join(format!("page-{n}.html"));
        let shot = self.dir.join(format!("page-{n}.png"));
        let profile = self.dir.join(format!("profile-{n}"));
        std::fs::write(&page, html).map_err(|e| io_error(&page, e))?;
        let result = self.run(&page, &shot, &profile, width, height);
        let _ = std::fs::remove_file(&page);
        let _ = std::fs::remove_file(&shot);
        let _ = std::fs::remove_dir_all(&profile);
        let png = result?;
        let image = decode_png(&png)?;
        if (image.width, image.height) != (width, height) {
            return Err(ChromiumError::WrongSize(
                image.width,
                image.height,
                width,
                height,
            ));
        }
        Ok(image)
    }

    /// Runs the browser once; the screenshot's bytes.
    fn run(
        &self,
        page: &Path,
        shot: &Path,
        profile: &Path,
        width: u32,
        height: u32,
    ) -> Result<Vec<u8>, ChromiumError> {
        let stderr_path = profile.with_extension("stderr");
        let stderr = std::fs::File::create(&stderr_path).map_err(|e| io_error(&stderr_path, e))?;
        let mut child = Command::new(&self.binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--font-render-hinting=none",
                "--force-color-profile=srgb",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--mute-audio",
                "--virtual-time-budget=5000",
                "--run-all-compositor-stages-before-draw",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--window-size={width},{height}"))
            .arg(format!("--screenshot={}", shot.display()))
            .arg(crate::fonts::file_url(page))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|e| ChromiumError::Spawn {
                binary: self.binary.display().to_string(),
                message: e.to_string(),
            })?;
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let _ = std::fs::remove_file(&stderr_path);
                    return Err(ChromiumError::Timeout(TIMEOUT.as_secs()));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => {
                    return Err(ChromiumError::Spawn {
                        binary: self.binary.display().to_string(),
                        message: e.to_string(),
                    })
                }
            }
        };
        let log = std::fs::read_to_string(&stderr_path).unwrap_or_default();
        let _ = std::fs::remove_file(&stderr_path);
        match std::fs::read(shot) {
            Ok(bytes) if !bytes.is_empty() => Ok(bytes),
            _ => Err(ChromiumError::Failed {
                status: status.to_string(),
                stderr: tail(&log, 2000),
            }),
        }
    }
}

/// The browser binary: `$SCENEBOX_CHROMIUM`, else the first of [`BINARIES`] on `PATH`.
fn find_binary() -> Result<PathBuf, ChromiumError> {
    if let Some(binary) = std::env::var_os(CHROMIUM_ENV).filter(|b| !b.is_empty()) {
        let binary = PathBuf::from(binary);
        return if binary.is_file() {
            Ok(binary)
        } else {
            Err(ChromiumError::NotFound(binary.display().to_string()))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    BINARIES
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| ChromiumError::NotFound(BINARIES.join(", ")))
}

/// Decodes a PNG into RGBA pixels (RGB, grey and palette images expanded, 16 bits cut to 8).
pub fn decode_png(bytes: &[u8]) -> Result<FrameImage, ChromiumError> {
    let decode = |e: png::DecodingError| ChromiumError::Decode(e.to_string());
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(decode)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| ChromiumError::Decode("the image is too large".into()))?;
    let mut buffer = vec![0; size];
    let info = reader.next_frame(&mut buffer).map_err(decode)?;
    buffer.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buffer,
        png::ColorType::Rgb => buffer
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => buffer
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => buffer.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        other => {
            return Err(ChromiumError::Decode(format!(
                "unexpected colour type {other:?}"
            )))
        }
    };
    Ok(FrameImage {
        width: info.width,
        height: info.height,
        rgba,
    })
}

fn io_error(path: &Path, error: std::io::Error) -> ChromiumError {
    ChromiumError::Io {
        path: path.display().to_string(),
        message: error.to_string(),
    }
}

/// The last `max` bytes of `text` (on a character boundary).
fn tail(text: &str, max: usize) -> String {
    let start = text.len().saturating_sub(max);
    let start = (start..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    text[start..].trim().to_string()
}
