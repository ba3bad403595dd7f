//! Output: printers over the model types. The pipeline never asks which printer is in use;
//! the command picks one. The outline is for people (colour only on a terminal, untrusted
//! text escaped); JSON Lines are for scripts (exact text, never coloured).

pub mod diff;
pub mod json;
pub mod outline;
pub mod style;
pub mod table;

use std::io;

/// Whether an I/O error means the reader went away (`zhengce … | head`): not an error.
pub fn is_broken_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
}
