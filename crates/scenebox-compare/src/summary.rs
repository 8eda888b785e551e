//! Totals of a comparison run over a corpus.

use serde::{Deserialize, Serialize};

use crate::compare::{Comparison, Status};

/// Counts per status (the `summary` object of `scenebox diff --json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Scenes compared.
    pub scenes: usize,
    /// `identical` scenes.
    pub identical: usize,
    /// `differs` scenes.
    pub differs: usize,
    /// `phase1_only_fails` scenes.
    pub phase1_only_fails: usize,
    /// `param_only_fails` scenes.
    pub param_only_fails: usize,
    /// `both_fail` scenes.
    pub both_fail: usize,
    /// Retries over both models.
    pub retries: u32,
}

impl Summary {
    /// Tallies `comparisons`.
    pub fn of(comparisons: &[Comparison]) -> Self {
        let mut summary = Summary {
            scenes: comparisons.len(),
            ..Default::default()
        };
        for c in comparisons {
            match c.status {
                Status::Identical => summary.identical += 1,
                Status::Differs => summary.differs += 1,
                Status::Phase1OnlyFails => summary.phase1_only_fails += 1,
                Status::ParamOnlyFails => summary.param_only_fails += 1,
                Status::BothFail => summary.both_fail += 1,
            }
            summary.retries += c.phase1.retries + c.param.retries;
        }
        summary
    }

    /// Scenes where the parameterized model regresses (differs, or fails where Phase 1 works).
    pub fn regressions(&self) -> usize {
        self.differs + self.param_only_fails
    }
}
