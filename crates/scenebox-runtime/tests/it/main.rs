//! Integration tests of scenebox-runtime.
