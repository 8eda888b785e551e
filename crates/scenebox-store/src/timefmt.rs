//! Timestamps: the fixed RFC 3339 text SQLite stores (UTC, microseconds, so text order is time
//! order) and the microsecond precision both backends keep.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// The current UTC time at microsecond precision (what both databases store).
pub fn now() -> OffsetDateTime {
    truncate_to_micros(OffsetDateTime::now_utc())
}

/// `t` in UTC with the sub-microsecond part dropped, so it round-trips through either backend.
pub fn truncate_to_micros(t: OffsetDateTime) -> OffsetDateTime {
    let t = t.to_offset(UtcOffset::UTC);
    let micros = t.nanosecond() / 1_000;
    t.replace_nanosecond(micros * 1_000)
        .expect("a nanosecond value below 10^9")
}

/// `2024-01-01T00:00:00.000000Z`: the text SQLite stores for a timestamp.
pub(crate) fn to_sqlite_text(t: OffsetDateTime) -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
    truncate_to_micros(t)
        .format(&format)
        .expect("a UTC timestamp formats")
}

/// Reads a timestamp stored as text: RFC 3339, and leniently the `YYYY-MM-DD HH:MM:SS[.f][±hh]`
/// forms older tools write (no offset means UTC).
pub(crate) fn parse_text(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    let text = text.trim();
    match OffsetDateTime::parse(text, &Rfc3339) {
        Ok(t) => Ok(t),
        Err(first) => {
            let mut fixed = text.replacen(' ', "T", 1);
            let tail = &fixed[fixed.find('T').map_or(0, |i| i + 1)..];
            let has_offset = tail.ends_with('Z') || tail.contains('+') || tail.contains('-');
            if !has_offset {
                fixed.push('Z');
            } else if fixed.len() >= 3 && fixed.as_bytes()[fixed.len() - 3] != b':' {
                let sign = fixed.len() - 3;
                if matches!(fixed.as_bytes()[sign], b'+' | b'-') {
                    fixed.push_str(":00");
                }
            }
            OffsetDateTime::parse(&fixed, &Rfc3339).map_err(|_| first)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sqlite_text_is_fixed_width_utc() {
        let t = datetime!(2024-03-05 06:07:08.123456789 +02:00);
        assert_eq!(to_sqlite_text(t), "2024-03-05T04:07:08.123456Z");
        assert_eq!(
            parse_text(&to_sqlite_text(t)).unwrap(),
            truncate_to_micros(t)
        );
    }

    #[test]
    fn lenient_forms_parse() {
        let want = datetime!(2024-03-05 04:07:08 UTC);
        for text in [
            "2024-03-05T04:07:08Z",
            "2024-03-05 04:07:08",
            "2024-03-05 04:07:08+00",
            "2024-03-05 06:07:08+02:00",
        ] {
            assert_eq!(parse_text(text).unwrap(), want, "{text}");
        }
    }
}
