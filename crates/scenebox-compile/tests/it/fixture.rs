//! Loads the fixture corpora and reads their header comments.

use std::path::{Path, PathBuf};

/// The repository's `fixtures/` directory.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A fixture file.
pub struct Fixture {
    pub name: String,
    pub tsx: String,
}

impl Fixture {
    /// The value of a `// key: value` header line.
    pub fn header(&self, key: &str) -> Option<String> {
        let prefix = format!("// {key}:");
        self.tsx
            .lines()
            .take_while(|line| line.starts_with("//"))
            .find_map(|line| line.strip_prefix(&prefix).map(|v| v.trim().to_string()))
    }
}

/// Every `.tsx` file of `fixtures/<corpus>`, sorted by name.
pub fn load(corpus: &str) -> Vec<Fixture> {
    let dir = fixtures_dir().join(corpus);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "tsx"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| Fixture {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            tsx: std::fs::read_to_string(&path).unwrap(),
        })
        .collect()
}
