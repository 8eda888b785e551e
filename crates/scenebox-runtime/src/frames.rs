//! Which frames to render: `all`, `a..b` (end exclusive), `every:N`, `N` or `a,b,c`.

use std::str::FromStr;

/// A frame selection, resolved against a composition's duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameSelection {
    /// Every frame of the composition.
    All,
    /// `start..end`, end exclusive.
    Range(u32, u32),
    /// Every Nth frame from 0.
    Every(u32),
    /// Exactly these frames.
    List(Vec<u32>),
}

impl FrameSelection {
    /// The frames, in order, limited to `0..duration`.
    pub fn resolve(&self, duration: u32) -> Vec<u32> {
        match self {
            Self::All => (0..duration).collect(),
            Self::Range(start, end) => (*start..(*end).min(duration)).collect(),
            Self::Every(step) => (0..duration).step_by((*step).max(1) as usize).collect(),
            Self::List(frames) => frames.iter().copied().filter(|f| *f < duration).collect(),
        }
    }

    /// [`FrameSelection::resolve`], or an error when no frame of `0..duration` is selected
    /// (`500..510` of a 150-frame scene), so a job is not answered with an empty success.
    pub fn resolve_some(&self, duration: u32) -> Result<Vec<u32>, NoFramesSelected> {
        let frames = self.resolve(duration);
        if frames.is_empty() {
            return Err(NoFramesSelected { duration });
        }
        Ok(frames)
    }
}

/// A frame selection that selects no frame of the composition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no frames selected within 0..{duration}")]
pub struct NoFramesSelected {
    /// The composition's length in frames.
    pub duration: u32,
}

impl FromStr for FrameSelection {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let number = |t: &str| {
            t.trim()
                .parse::<u32>()
                .map_err(|_| format!("'{t}' is not a frame number"))
        };
        let s = s.trim();
        if s == "all" {
            return Ok(Self::All);
        }
        if let Some(step) = s.strip_prefix("every:") {
            let step = number(step)?;
            return if step == 0 {
                Err("every:N needs N > 0".into())
            } else {
                Ok(Self::Every(step))
            };
        }
        if let Some((start, end)) = s.split_once("..") {
            let (start, end) = (number(start)?, number(end)?);
            return if start < end {
                Ok(Self::Range(start, end))
            } else {
                Err(format!("empty frame range {s}"))
            };
        }
        let frames = s.split(',').map(number).collect::<Result<Vec<_>, _>>()?;
        Ok(Self::List(frames))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_resolves() {
        assert_eq!(
            "all".parse::<FrameSelection>().unwrap().resolve(3),
            vec![0, 1, 2]
        );
        assert_eq!(
            "2..5".parse::<FrameSelection>().unwrap().resolve(4),
            vec![2, 3]
        );
        assert_eq!(
            "every:50".parse::<FrameSelection>().unwrap().resolve(150),
            vec![0, 50, 100]
        );
        assert_eq!("7".parse::<FrameSelection>().unwrap().resolve(10), vec![7]);
        assert_eq!(
            "0,30,90".parse::<FrameSelection>().unwrap().resolve(60),
            vec![0, 30]
        );
        assert!("5..5".parse::<FrameSelection>().is_err());
        assert!("x".parse::<FrameSelection>().is_err());
        assert!("every:0".parse::<FrameSelection>().is_err());
    }
}
