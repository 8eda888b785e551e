//! Integration tests of `scenebox-runtime` (one test binary; one module per concern).

mod api;
mod corpus;
mod hostile;
mod oracle;
mod pool;
mod support;
