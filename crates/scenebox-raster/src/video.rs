//! Frames into a video file with `ffmpeg` (a child process fed raw frames on stdin in the
//! codec's [`PixelFormat`], local audio tracks mixed in). The video is
//! written to a temporary name beside the target and renamed only when ffmpeg succeeds, so a
//! failed or abandoned export leaves no half-written file.

use std::io::{Read, Write};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::str::FromStr;

use crate::audio::{filter_graph, AudioTrack};
use crate::pixel_format::PixelFormat;

/// The video codecs `scenebox export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// H.264 (libx264, yuv420p): `.mp4`.
    H264,
    /// VP9 (libvpx-vp9, yuv420p): `.webm`.
    Vp9,
    /// ProRes 422 HQ (prores_ks): `.mov`.
    Prores,
}

impl FromStr for Codec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "h264" => Ok(Self::H264),
            "vp9" => Ok(Self::Vp9),
            "prores" => Ok(Self::Prores),
            other => Err(format!(
                "unknown codec '{other}' (expected h264, vp9 or prores)"
            )),
        }
    }
}

impl Codec {
    /// The name `FromStr` reads (`h264`, `vp9`, `prores`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::H264 => "h264",
            Self::Vp9 => "vp9",
            Self::Prores => "prores",
        }
    }

    /// The file extension of the container it is written in.
    pub fn extension(self) -> &'static str {
        match self {
            Self::H264 => "mp4",
            Self::Vp9 => "webm",
            Self::Prores => "mov",
        }
    }

    /// The container's media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::H264 => "video/mp4",
            Self::Vp9 => "video/webm",
            Self::Prores => "video/quicktime",
        }
    }

    /// The constant rate factors the encoder takes, best quality first (ProRes takes none).
    pub fn crf_range(self) -> Option<RangeInclusive<u32>> {
        match self {
            Self::H264 => Some(0..=51),
            Self::Vp9 => Some(0..=63),
            Self::Prores => None,
        }
    }

    /// An error unless `crf` is one this codec takes (ffmpeg would clamp or ignore it).
    pub fn check_crf(self, crf: Option<u32>) -> Result<(), String> {
        match (crf, self.crf_range()) {
            (None, _) => Ok(()),
            (Some(crf), Some(range)) if range.contains(&crf) => Ok(()),
            (Some(crf), Some(range)) => Err(format!(
                "crf {crf} is out of {}'s range {}–{}",
                self.as_str(),
                range.start(),
                range.end()
            )),
            (Some(_), None) => Err(format!("{} takes no crf", self.as_str())),
        }
    }

    /// An error unless `target`'s extension names a container this codec is written in:
    /// `.mp4` (H.264, VP9), `.mov` (H.264, ProRes), `.mkv` (all three) or `.webm` (VP9).
    pub fn check_container(self, target: &Path) -> Result<(), String> {
        Container::for_codec(target, self).map(|_| ())
    }

    /// The layout frames are sent in: 4:2:0 for the codecs that encode 4:2:0 (converted by the
    /// caller, see [`PixelFormat`]), RGBA for ProRes 4:2:2 (ffmpeg converts).
    pub fn input_format(self) -> PixelFormat {
        match self {
            Self::H264 | Self::Vp9 => PixelFormat::Yuv420p,
            Self::Prores => PixelFormat::Rgba,
        }
    }

    /// ffmpeg's encoder arguments, with `crf` where the codec takes one.
    fn arguments(self, crf: Option<u32>) -> Vec<String> {
        let list: &[&str] = match self {
            Self::H264 => &[
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
            ],
            Self::Vp9 => &[
                "-c:v",
                "libvpx-vp9",
                "-b:v",
                "0",
                "-row-mt",
                "1",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                "-pix_fmt",
                "yuv420p",
            ],
            Self::Prores => &[
                "-c:v",
                "prores_ks",
                "-profile:v",
                "3",
                "-pix_fmt",
                "yuv422p10le",
            ],
        };
        let mut args: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        let default_crf = match self {
            Self::H264 => Some(18),
            Self::Vp9 => Some(32),
            Self::Prores => None,
        };
        if let Some(crf) = default_crf.map(|d| crf.unwrap_or(d)) {
            args.extend(["-crf".to_string(), crf.to_string()]);
        }
        args
    }
}

/// The file formats a video is written in, named by the target's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Mp4,
    Mov,
    Mkv,
    Webm,
}

impl Container {
    /// The container `target`'s extension names, if it holds `codec`; otherwise why not.
    fn for_codec(target: &Path, codec: Codec) -> Result<Self, String> {
        let extension = target.extension().and_then(|e| e.to_str()).unwrap_or("");
        let container = match extension {
            "mp4" => Self::Mp4,
            "mov" => Self::Mov,
            "mkv" => Self::Mkv,
            "webm" => Self::Webm,
            _ => {
                return Err(format!(
                    "{}: a video file ends in .mp4, .mov, .mkv or .webm",
                    target.display()
                ))
            }
        };
        let holds = match container {
            Self::Mp4 => matches!(codec, Codec::H264 | Codec::Vp9),
            Self::Mov => matches!(codec, Codec::H264 | Codec::Prores),
            Self::Mkv => true,
            Self::Webm => codec == Codec::Vp9,
        };
        if holds {
            Ok(container)
        } else {
            Err(format!(
                "{}: {} cannot be written in a .{extension} file (it goes in .{})",
                target.display(),
                codec.as_str(),
                codec.extension()
            ))
        }
    }

    /// ffmpeg's name for it (`-f`).
    fn ffmpeg_format(self) -> &'static str {
        match self {
            Self::Mp4 => "mp4",
            Self::Mov => "mov",
            Self::Mkv => "matroska",
            Self::Webm => "webm",
        }
    }
}

/// The checks of [`VideoEncoder::check_target`], and the container they found.
fn checked_container(
    target: &Path,
    codec: Codec,
    crf: Option<u32>,
) -> Result<Container, VideoError> {
    let container = Container::for_codec(target, codec)
        .and_then(|container| codec.check_crf(crf).map(|()| container))
        .map_err(VideoError::Settings)?;
    match target.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(VideoError::NoOutputDirectory(dir.to_path_buf())),
        _ => Ok(container),
    }
}

/// Starts ffmpeg with transparent huge pages off (`PR_SET_THP_DISABLE`, kept across exec). x264
/// asks for them for its large buffers, and the kernel then zeroes 2 MB at every first touch of
/// memory that the encoder frees and allocates again frame after frame: about a tenth of the
/// whole export's CPU time in perf (`clear_page_erms` under `do_huge_pmd_anonymous_page`).
/// Without them an export of saas-dashboard-large took 9–20 % less CPU time and 2–7 % less wall
/// time (three rounds interleaved; phone-mockup-notifications was unchanged); the video is
/// byte-identical. On a kernel without the option ffmpeg runs as before.
fn without_transparent_huge_pages(command: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: runs in the forked child before exec; prctl is async-signal-safe and touches
        // nothing but the child's own flag.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = command;
}

/// Widens the pipe frames go through to 1 MB (Linux's default cap for an unprivileged process;
/// it is 64 KB): a 1080p frame is 3 MB, and through 64 KB each one took some fifty writes,
/// each waking ffmpeg to read 64 KB. Where the kernel refuses, the pipe stays as it was.
fn widen_pipe(pipe: &ChildStdin) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: F_SETPIPE_SZ only resizes the pipe behind this open descriptor.
        unsafe {
            libc::fcntl(pipe.as_raw_fd(), libc::F_SETPIPE_SZ, 1 << 20);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = pipe;
}

/// What to encode.
#[derive(Debug, Clone, PartialEq)]
pub struct VideoSettings {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: f64,
    /// The codec.
    pub codec: Codec,
    /// Constant rate factor (quality; lower is better), where the codec takes one.
    pub crf: Option<u32>,
    /// How many frames will be written (the audio is cut to their length).
    pub frames: usize,
    /// `<Audio>` tracks to mix in (none: a silent video without an audio stream).
    pub audio: Vec<AudioTrack>,
}

/// Why a video could not be written.
#[derive(Debug, thiserror::Error)]
pub enum VideoError {
    /// ffmpeg is not installed.
    #[error("ffmpeg was not found on PATH; install it (Debian: `apt-get install ffmpeg`, or ./scripts/setup-system.sh)")]
    FfmpegMissing,
    /// ffmpeg failed.
    #[error("ffmpeg failed: {0}")]
    Ffmpeg(String),
    /// The codec, its settings and the file's container do not go together (a `.avi` file, VP9
    /// in `.mov`, a crf out of range).
    #[error("{0}")]
    Settings(String),
    /// The directory the video is to be written in does not exist (checked before ffmpeg
    /// starts, whose own message would only say that writing its input failed).
    #[error("the output directory {} does not exist", .0.display())]
    NoOutputDirectory(PathBuf),
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// An ffmpeg process being fed frames.
pub struct VideoEncoder {
    child: Option<Child>,
    stdin: Option<ChildStdin>,
    stderr: Option<std::thread::JoinHandle<String>>,
    partial: PathBuf,
    target: PathBuf,
    input: PixelFormat,
    width: u32,
    height: u32,
}

impl VideoEncoder {
    /// Starts ffmpeg writing `target` (through a temporary file beside it).
    pub fn start(target: &Path, settings: &VideoSettings) -> Result<Self, VideoError> {
        let container = checked_container(target, settings.codec, settings.crf)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "video".into());
        let partial = target.with_file_name(format!(".{name}.partial-{}", std::process::id()));
        let input = settings.codec.input_format();
        let mut command = Command::new("ffmpeg");
        command
            .args([
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "rawvideo",
                "-pix_fmt",
                input.ffmpeg_name(),
            ])
            .args(["-s", &format!("{}x{}", settings.width, settings.height)])
            .args(["-r", &settings.fps.to_string(), "-i", "-"]);
        for track in &settings.audio {
            command.arg("-i").arg(&track.path);
        }
        if !settings.audio.is_empty() {
            let length = settings.frames as f64 / settings.fps;
            let codec = if container == Container::Webm {
                "libopus"
            } else {
                "aac"
            };
            command
                .args(["-filter_complex", &filter_graph(&settings.audio, length)])
                .args([
                    "-map", "0:v", "-map", "[aout]", "-c:a", codec, "-b:a", "192k",
                ]);
        }
        without_transparent_huge_pages(&mut command);
        command
            .args(settings.codec.arguments(settings.crf))
            .args([
                "-r",
                &settings.fps.to_string(),
                "-f",
                container.ffmpeg_format(),
            ])
            .arg(&partial)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = match command.spawn() {
            Ok(child) => child,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(VideoError::FfmpegMissing)
            }
            Err(e) => return Err(e.into()),
        };
        let stdin = child.stdin.take();
        if let Some(pipe) = &stdin {
            widen_pipe(pipe);
        }
        let stderr = child.stderr.take().map(|mut stderr| {
            std::thread::spawn(move || {
                let mut text = String::new();
                let _ = stderr.read_to_string(&mut text);
                text
            })
        });
        Ok(Self {
            child: Some(child),
            stdin,
            stderr,
            partial,
            target: target.to_path_buf(),
            input,
            width: settings.width,
            height: settings.height,
        })
    }

    /// What [`VideoEncoder::start`] checks before ffmpeg starts, for callers that want to
    /// know before they compute any frame: `target`'s container holds `codec`, `crf` is in the
    /// codec's range, and `target`'s directory exists.
    pub fn check_target(target: &Path, codec: Codec, crf: Option<u32>) -> Result<(), VideoError> {
        checked_container(target, codec, crf).map(|_| ())
    }

    /// The process id of the running ffmpeg (`None` once finished), for monitoring.
    pub fn encoder_process_id(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// An error unless `frame` is one whole frame of this video in `format`.
    fn check_size(&self, format: PixelFormat, frame: &[u8]) -> Result<(), VideoError> {
        let expected = format.frame_bytes(self.width, self.height);
        if frame.len() == expected {
            return Ok(());
        }
        Err(VideoError::Ffmpeg(format!(
            "a {} frame of {} bytes where {expected} ({}x{}) were expected",
            format.ffmpeg_name(),
            frame.len(),
            self.width,
            self.height
        )))
    }

    /// The layout [`VideoEncoder::write_frame`] takes (the codec's
    /// [`Codec::input_format`]).
    pub fn input_format(&self) -> PixelFormat {
        self.input
    }

    /// Sends one frame of RGBA pixels, converted to the input format here.
    pub fn write_rgba(&mut self, rgba: &[u8]) -> Result<(), VideoError> {
        // Checked before converting: the conversion pads a short buffer with black.
        self.check_size(PixelFormat::Rgba, rgba)?;
        let frame = self.input.from_rgba(rgba, self.width, self.height);
        self.write_frame(&frame)
    }

    /// Sends one frame already in [`VideoEncoder::input_format`] (what the raster threads
    /// prepare, see [`PixelFormat::convert_rgba`]).
    pub fn write_frame(&mut self, frame: &[u8]) -> Result<(), VideoError> {
        self.check_size(self.input, frame)?;
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| VideoError::Ffmpeg("already finished".into()))?;
        if let Err(error) = stdin.write_all(frame) {
            // ffmpeg ending early breaks the pipe: what it said is the cause, the broken pipe
            // only how it showed here.
            let message = self.fail();
            return Err(VideoError::Ffmpeg(if message.is_empty() {
                format!("writing a frame to it: {error}")
            } else {
                format!("{message} (writing a frame to it: {error})")
            }));
        }
        Ok(())
    }

    /// Closes the input, waits for ffmpeg and moves the file into place.
    pub fn finish(mut self) -> Result<PathBuf, VideoError> {
        drop(self.stdin.take());
        let status = match self.child.take() {
            Some(mut child) => child.wait()?,
            None => return Err(VideoError::Ffmpeg("already finished".into())),
        };
        let stderr = self
            .stderr
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default();
        if !status.success() {
            let _ = std::fs::remove_file(&self.partial);
            return Err(VideoError::Ffmpeg(format!("{status}: {}", stderr.trim())));
        }
        std::fs::rename(&self.partial, &self.target)?;
        Ok(self.target.clone())
    }

    /// Stops ffmpeg, removes the partial file and returns what ffmpeg said.
    fn fail(&mut self) -> String {
        drop(self.stdin.take());
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_file(&self.partial);
        self.stderr
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default()
            .trim()
            .to_string()
    }
}

impl Drop for VideoEncoder {
    /// An encoder dropped before [`VideoEncoder::finish`] (a failed frame, an error) leaves no
    /// file behind.
    fn drop(&mut self) {
        if self.child.is_some() {
            self.fail();
        }
    }
}
