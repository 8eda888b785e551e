//! Integration tests of `scenebox-compile` (one test binary; one module per concern).

mod cache;
mod corpus;
mod fixture;
mod globals;
mod invalid;
mod node_phase1;
mod pgo_training;
mod robustness;
mod source_map;
