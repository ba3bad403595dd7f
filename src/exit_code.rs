//! Exit codes, in one place, like grep and diff:
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | success: every input was read (`search`: something was found; `diff`: no differences) |
//! | 1 | `search`: nothing was found; `diff`: the documents differ |
//! | 2 | an error: a bad argument, or at least one input that could not be read (the others are still processed) |
//!
//! Warnings (numbering gaps, excluded text) never change the exit code.

/// Everything worked.
pub const SUCCESS: i32 = 0;
/// Nothing matched / the inputs differ.
pub const NO_MATCH: i32 = 1;
/// An error occurred.
pub const ERROR: i32 = 2;
