//! Configuration of the runtime: sandbox limits, retry policy, host data and video settings.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Which artifact a render runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// `new Function(jsCode)()` with browser-like `window` globals.
    Phase1,
    /// `new Function('Remotion', 'Extras', wrappedJs)(Remotion, Extras)`.
    Param,
}

impl Model {
    /// `phase1` / `param`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phase1 => "phase1",
            Self::Param => "param",
        }
    }

    /// The matching compiler artifact.
    pub fn artifact_model(self) -> scenebox_compile::ArtifactModel {
        match self {
            Self::Phase1 => scenebox_compile::ArtifactModel::Phase1,
            Self::Param => scenebox_compile::ArtifactModel::Param,
        }
    }
}

impl std::str::FromStr for Model {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "phase1" => Ok(Self::Phase1),
            "param" => Ok(Self::Param),
            other => Err(format!(
                "unknown model '{other}' (expected phase1 or param)"
            )),
        }
    }
}

/// Remotion's video settings for the composition.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoConfig {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: f64,
    /// Length in frames.
    pub duration_in_frames: u32,
}

impl VideoConfig {
    /// Largest width or height accepted (Chromium's own limit for a page screenshot is 16,384).
    pub const MAX_SIDE: u32 = 16_384;
    /// Highest frame rate accepted.
    pub const MAX_FPS: f64 = 1000.0;
    /// Longest composition accepted, in frames.
    pub const MAX_DURATION: u32 = 1_000_000;

    /// An error naming the first setting out of range: a size of 1 to [`Self::MAX_SIDE`]
    /// pixels, a finite frame rate above 0 and at most [`Self::MAX_FPS`], and a duration of 1
    /// to [`Self::MAX_DURATION`] frames.
    pub fn check(&self) -> Result<(), InvalidVideoConfig> {
        let side = 1..=Self::MAX_SIDE;
        if !side.contains(&self.width) || !side.contains(&self.height) {
            return Err(InvalidVideoConfig(format!(
                "a video of {}x{} pixels: width and height must be 1 to {}",
                self.width,
                self.height,
                Self::MAX_SIDE
            )));
        }
        if !(self.fps.is_finite() && self.fps > 0.0 && self.fps <= Self::MAX_FPS) {
            return Err(InvalidVideoConfig(format!(
                "a video at {} fps: the frame rate must be above 0 and at most {}",
                self.fps,
                Self::MAX_FPS
            )));
        }
        if !(1..=Self::MAX_DURATION).contains(&self.duration_in_frames) {
            return Err(InvalidVideoConfig(format!(
                "a video of {} frames: the duration must be 1 to {} frames",
                self.duration_in_frames,
                Self::MAX_DURATION
            )));
        }
        Ok(())
    }
}

/// Video settings out of range, with a message naming the setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidVideoConfig(pub String);

impl Default for VideoConfig {
    fn default() -> Self {
        Self {
            width: 1920,
            height: 1080,
            fps: 30.0,
            duration_in_frames: 150,
        }
    }
}

/// When to try a failed render again in a fresh isolate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetryPolicy {
    /// Extra attempts after the first (default 1).
    pub max_retries: u32,
    /// Retry only transient errors (`Timeout`, `OutOfMemory`, `Crashed`); deterministic JS
    /// errors are never retried (default true).
    pub transient_only: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 1,
            transient_only: true,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            transient_only: true,
        }
    }
}

/// Sandbox limits for one scene job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// V8 heap limit per isolate in bytes (default 256 MB).
    pub heap_bytes: usize,
    /// Total ArrayBuffer memory per isolate in bytes (default 64 MB).
    pub array_buffer_bytes: usize,
    /// Time allowed for evaluating the scene module or rendering one frame (default 2 s).
    pub frame_time: Duration,
    /// Time allowed for a whole job (default 30 s).
    pub scene_time: Duration,
    /// Microtask/timer rounds allowed for one frame to settle (default 100,000).
    pub max_settle_rounds: u32,
    /// Largest element tree accepted for a frame (default 200,000 nodes).
    pub max_nodes: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            heap_bytes: 256 * 1024 * 1024,
            array_buffer_bytes: 64 * 1024 * 1024,
            frame_time: Duration::from_secs(2),
            scene_time: Duration::from_secs(30),
            max_settle_rounds: 100_000,
            max_nodes: 200_000,
        }
    }
}

/// Data the host gives scenes: avatar URLs and Iconify icon sets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HostData {
    /// `BazaarAvatars`: name → URL.
    pub avatars: BTreeMap<String, String>,
    /// Iconify JSON icon sets by prefix (`mdi` → the JSON text of the set).
    pub icon_sets: BTreeMap<String, String>,
}

impl HostData {
    /// Loads every `*.json` Iconify set in `dir` (the prefix is the file stem).
    pub fn load_icon_sets(&mut self, dir: &std::path::Path) -> std::io::Result<usize> {
        let mut count = 0;
        for entry in std::fs::read_dir(dir)? {
            let path: PathBuf = entry?.path();
            if path.extension().is_some_and(|e| e == "json") {
                let prefix = path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                self.icon_sets
                    .insert(prefix, std::fs::read_to_string(&path)?);
                count += 1;
            }
        }
        Ok(count)
    }
}

/// Everything a runtime needs besides the scene itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuntimeConfig {
    /// Sandbox limits.
    pub limits: Limits,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// Host data (avatars, icons).
    pub host: HostData,
}
