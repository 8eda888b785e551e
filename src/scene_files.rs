//! Finds the scene files a command was pointed at: one `.tsx` file, or every `.tsx` file in a
//! directory (sorted, not recursive).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// A scene file and its TSX.
pub struct SceneFile {
    /// The path as given or found.
    pub path: PathBuf,
    /// The file's contents.
    pub tsx: String,
}

impl SceneFile {
    /// The file stem (`foo` for `dir/foo.tsx`), used to name output files.
    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "scene".to_string())
    }

    /// The name errors use for this scene: its path.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

/// Reads `path` (a `.tsx` file) or every `.tsx` file directly inside it (a directory).
pub fn read_scene_files(path: &Path) -> Result<Vec<SceneFile>> {
    let paths = if path.is_dir() {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("reading directory {}", path.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "tsx") && p.is_file())
            .collect();
        paths.sort();
        if paths.is_empty() {
            bail!("{} contains no .tsx files", path.display());
        }
        paths
    } else {
        vec![path.to_path_buf()]
    };
    paths
        .into_iter()
        .map(|path| {
            let tsx = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            Ok(SceneFile { path, tsx })
        })
        .collect()
}
