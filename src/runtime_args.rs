//! Command-line options shared by the commands that execute scenes: video settings, props,
//! host data (avatars, icons) and sandbox limits.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_runtime::{HostData, RuntimeConfig, VideoConfig};

/// Video settings of the composition.
#[derive(Args, Clone, Debug)]
pub struct VideoArgs {
    /// Width in pixels.
    #[arg(long, default_value_t = 1920)]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 1080)]
    pub height: u32,
    /// Frames per second.
    #[arg(long, default_value_t = 30.0)]
    pub fps: f64,
    /// Duration in frames.
    #[arg(long, default_value_t = 150)]
    pub duration: u32,
    /// Props for the scene component, as JSON.
    #[arg(long, default_value = "{}")]
    pub props: String,
}

impl VideoArgs {
    /// The video config, or an error naming the setting out of range (a width of 0, say,
    /// which Remotion would only reject from inside the isolate, as if the scene had failed).
    pub fn video(&self) -> Result<VideoConfig> {
        let video = VideoConfig {
            width: self.width,
            height: self.height,
            fps: self.fps,
            duration_in_frames: self.duration,
        };
        video.check().context("--width/--height/--fps/--duration")?;
        Ok(video)
    }

    /// The parsed props: a JSON object, as a component's props are (and as the HTTP API
    /// requires).
    pub fn props(&self) -> Result<serde_json::Value> {
        let props: serde_json::Value =
            serde_json::from_str(&self.props).context("--props is not valid JSON")?;
        anyhow::ensure!(
            props.is_object(),
            "--props must be a JSON object (`{{\"title\": \"Hi\"}}`), got {props}"
        );
        Ok(props)
    }
}

/// Host data and sandbox limits.
#[derive(Args, Clone, Debug)]
pub struct SandboxArgs {
    /// Avatars for `window.BazaarAvatars`: a JSON file mapping names to URLs, or a directory of
    /// images (`<name>.png|jpg|webp|gif|svg`) that frames are drawn with.
    #[arg(long, value_name = "FILE|DIR")]
    pub avatars: Option<PathBuf>,
    /// Directory of Iconify JSON icon sets (`mdi.json`, …) for `IconifyIcon`.
    #[arg(long, value_name = "DIR")]
    pub icons: Option<PathBuf>,
    /// V8 heap limit per isolate, in MB.
    #[arg(long, default_value_t = 256)]
    pub heap_mb: usize,
    /// Time limit per frame (and for evaluating the scene), in ms.
    #[arg(long, default_value_t = 2000)]
    pub frame_timeout_ms: u64,
    /// Time limit per scene job, in ms.
    #[arg(long, default_value_t = 30000)]
    pub scene_timeout_ms: u64,
    /// Extra attempts for transient failures (Timeout, OutOfMemory, Crashed).
    #[arg(long, default_value_t = 1)]
    pub retries: u32,
}

impl SandboxArgs {
    /// `--avatars` when it names a directory of avatar images.
    pub fn avatar_dir(&self) -> Option<PathBuf> {
        self.avatars.clone().filter(|path| path.is_dir())
    }

    /// The runtime configuration these options describe.
    pub fn config(&self) -> Result<RuntimeConfig> {
        let mut host = HostData::default();
        if let Some(dir) = self.avatar_dir() {
            host.avatars = scenebox_raster::avatar_map(&dir)
                .with_context(|| format!("reading avatars from {}", dir.display()))?;
        } else if let Some(path) = &self.avatars {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            host.avatars = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a JSON object of strings", path.display()))?;
        }
        if let Some(dir) = &self.icons {
            host.load_icon_sets(dir)
                .with_context(|| format!("reading icon sets from {}", dir.display()))?;
        }
        let mut config = RuntimeConfig {
            host,
            ..Default::default()
        };
        config.limits.heap_bytes = self.heap_mb * 1024 * 1024;
        config.limits.frame_time = Duration::from_millis(self.frame_timeout_ms);
        config.limits.scene_time = Duration::from_millis(self.scene_timeout_ms);
        config.retry.max_retries = self.retries;
        Ok(config)
    }
}
