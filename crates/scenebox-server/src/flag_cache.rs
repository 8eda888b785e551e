//! The rollout switches as this process sees them: read from the store, kept for a short
//! interval, then read again — so a `scenebox flags set` on any machine reaches every running
//! server within that interval, without a restart.

use std::sync::Arc;
use std::time::{Duration, Instant};

use scenebox_store::{Flags, Store};
use tokio::sync::Mutex;

/// Flags read from the store at most once per `refresh`.
pub struct FlagCache {
    store: Store,
    refresh: Duration,
    current: Mutex<Option<(Instant, Arc<Flags>)>>,
}

impl FlagCache {
    /// A cache over `store`'s flags, re-read when older than `refresh`.
    pub fn new(store: Store, refresh: Duration) -> Self {
        Self {
            store,
            refresh,
            current: Mutex::new(None),
        }
    }

    /// The current flags. When the database does not answer, the last flags read are kept
    /// (a blip must not flip a switch); with none read yet, the error is returned.
    pub async fn get(&self) -> Result<Arc<Flags>, scenebox_store::StoreError> {
        let mut current = self.current.lock().await;
        if let Some((read_at, flags)) = current.as_ref() {
            if read_at.elapsed() < self.refresh {
                return Ok(flags.clone());
            }
        }
        match self.store.flags().await {
            Ok(flags) => {
                let flags = Arc::new(flags);
                *current = Some((Instant::now(), flags.clone()));
                Ok(flags)
            }
            Err(error) => {
                match current.as_ref() {
                    Some((_, flags)) => {
                        eprintln!("scenebox serve: re-reading flags failed, keeping the last ones: {error}");
                        Ok(flags.clone())
                    }
                    None => Err(error),
                }
            }
        }
    }
}
