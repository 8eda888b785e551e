pub(crate) use crate::shadow::SizedShadow;
