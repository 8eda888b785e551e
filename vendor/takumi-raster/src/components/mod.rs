mod blur;
mod shadow;

pub(crate) use blur::*;
pub(crate) use shadow::*;
pub(crate) use takumi_core::layout::border::BorderProperties;
