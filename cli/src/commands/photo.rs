//! Reading `--photo FILE` into a checked PNG.

use std::path::Path;

use vrchat_invite_core::invite::Png;

use crate::describe::input_error;
use crate::failure::Failure;

/// Reads `path` and checks it is a PNG within VRChat's size limit.
pub(crate) fn read_png(path: &Path) -> Result<Png, Failure> {
    let bytes =
        std::fs::read(path).map_err(|error| Failure::file("read the photo", path, &error))?;
    Png::new(bytes).map_err(|error| {
        let failure = input_error(&error);
        Failure::new(failure.exit(), format!("{}: {failure}", path.display()))
    })
}
