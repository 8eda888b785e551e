//! A compiler with a content-hash cache: the same TSX compiled again by the same compiler
//! version returns the stored artifacts without recompiling.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::artifact::CompiledScene;
use crate::error::CompileError;

/// Cache hit/miss counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Compiles answered from the cache.
    pub hits: u64,
    /// Compiles that ran the compiler.
    pub misses: u64,
    /// Entries held now.
    pub entries: usize,
}

/// Compiles scenes, caching successful results by content hash (the key also holds the
/// compiler version, so a new compiler never serves old artifacts). Cheap to share across
/// threads.
pub struct Compiler {
    capacity: usize,
    entries: Mutex<HashMap<blake3::Hash, Arc<CompiledScene>>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl Default for Compiler {
    fn default() -> Self {
        Self::new(4096)
    }
}

impl Compiler {
    /// A compiler whose cache holds at most `capacity` scenes (it is cleared when full).
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            entries: Mutex::new(HashMap::new()),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// Compiles `tsx`, or returns the cached artifacts of an identical earlier compile. A
    /// cached result keeps the scene name it was first compiled under; errors are not cached.
    pub fn compile(&self, scene: &str, tsx: &str) -> Result<Arc<CompiledScene>, CompileError> {
        let key = cache_key(tsx);
        if let Some(hit) = self.lock().get(&key).cloned() {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(hit);
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let compiled = Arc::new(crate::compile(scene, tsx)?);
        let mut entries = self.lock();
        if entries.len() >= self.capacity {
            entries.clear();
        }
        entries.insert(key, compiled.clone());
        Ok(compiled)
    }

    /// Hit/miss counters and the current size.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries: self.lock().len(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<blake3::Hash, Arc<CompiledScene>>> {
        // A poisoned cache only ever holds complete entries; keep using it.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn cache_key(tsx: &str) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(crate::COMPILER_VERSION.as_bytes());
    hasher.update(&[0]);
    hasher.update(tsx.as_bytes());
    hasher.finalize()
}
