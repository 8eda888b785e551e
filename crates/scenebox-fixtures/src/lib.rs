//! The repository's fixture corpora (`fixtures/scenes`, `fixtures/invalid`, `fixtures/hostile`)
//! for tests and benchmarks: each fixture's file stem, TSX and header comments; and
//! [`postgres::PgSchema`], a fresh schema on the local PostgreSQL server for one test; and
//! [`video::probe_video`], what ffprobe reads from a video a test wrote.

pub mod postgres;
pub mod video;

use std::path::{Path, PathBuf};

/// The repository's `fixtures/` directory.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// One fixture file.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// File name without `.tsx` (`title-card-spring`).
    pub stem: String,
    /// File name (`title-card-spring.tsx`).
    pub name: String,
    /// The TSX source.
    pub tsx: String,
}

impl Fixture {
    /// The value of a `// key: value` line in the leading comment block.
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
    load_dir(&fixtures_dir().join(corpus))
}

/// Every `.tsx` file of a directory, sorted by name.
pub fn load_dir(dir: &Path) -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "tsx"))
        .collect();
    paths.sort();
    paths.iter().map(|path| read(path)).collect()
}

/// The fixture `fixtures/<corpus>/<stem>.tsx`.
pub fn fixture(corpus: &str, stem: &str) -> Fixture {
    read(&fixtures_dir().join(corpus).join(format!("{stem}.tsx")))
}

fn read(path: &Path) -> Fixture {
    Fixture {
        stem: path
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned(),
        name: path
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned(),
        tsx: std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}
