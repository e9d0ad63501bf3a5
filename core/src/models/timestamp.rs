//! Timestamps as VRChat writes them, parsed on demand.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A timestamp kept exactly as received and parsed only when asked.
///
/// VRChat writes `2019-08-24T14:15:22Z`, `…22.000Z` and offsets without a colon such as
/// `+0000`. A timestamp that does not parse never fails a response: [`Timestamp::unix_millis`]
/// returns `None` and the text stays available.
///
/// ```
/// use vrchat_invite_core::Timestamp;
/// let t = Timestamp::new("2021-01-01T00:00:00.000Z");
/// assert_eq!(t.unix_millis(), Some(1_609_459_200_000));
/// assert_eq!(Timestamp::new("2021-01-01T01:00:00+0100").unix_millis(), Some(1_609_459_200_000));
/// assert_eq!(Timestamp::new("yesterday").unix_millis(), None);
/// ```
#[derive(Debug, Default, PartialEq, Eq, Hash)]
pub struct Timestamp(String);

impl Clone for Timestamp {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }

    /// Reuses this timestamp's buffer.
    fn clone_from(&mut self, source: &Self) {
        self.0.clone_from(&source.0);
    }
}

impl Timestamp {
    /// Wraps the text of a timestamp; never fails.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// A timestamp for `millis` since the Unix epoch, written `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    pub fn from_unix_millis(millis: i64) -> Self {
        let days = millis.div_euclid(86_400_000);
        let rest = millis.rem_euclid(86_400_000);
        let (year, month, day) = civil_from_days(days);
        Self(format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
            rest / 3_600_000,
            rest / 60_000 % 60,
            rest / 1000 % 60,
            rest % 1000
        ))
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Milliseconds since the Unix epoch, or `None` when the text is not a timestamp.
    pub fn unix_millis(&self) -> Option<i64> {
        parse_rfc3339(self.0.as_bytes())
    }

    /// The timestamp as a `SystemTime`, or `None` when the text is not a timestamp.
    pub fn to_system_time(&self) -> Option<SystemTime> {
        let millis = self.unix_millis()?;
        let magnitude = Duration::from_millis(millis.unsigned_abs());
        if millis >= 0 {
            UNIX_EPOCH.checked_add(magnitude)
        } else {
            UNIX_EPOCH.checked_sub(magnitude)
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    /// Accepts any string, and `null` as an empty timestamp.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self(
            Option::<String>::deserialize(deserializer)?.unwrap_or_default(),
        ))
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn digits(&mut self, count: usize) -> Option<i64> {
        let mut value = 0i64;
        for _ in 0..count {
            let digit = self.peek().filter(u8::is_ascii_digit)?;
            value = value * 10 + i64::from(digit - b'0');
            self.at += 1;
        }
        Some(value)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }
}

/// Parses `YYYY-MM-DD[T ]HH:MM:SS[.frac](Z|±HH:MM|±HHMM)` into Unix milliseconds.
fn parse_rfc3339(bytes: &[u8]) -> Option<i64> {
    let mut c = Cursor { bytes, at: 0 };
    let year = c.digits(4)?;
    c.expect(b'-')?;
    let month = c.digits(2)?;
    c.expect(b'-')?;
    let day = c.digits(2)?;
    match c.peek()? {
        b'T' | b't' | b' ' => c.at += 1,
        _ => return None,
    }
    let hour = c.digits(2)?;
    c.expect(b':')?;
    let minute = c.digits(2)?;
    c.expect(b':')?;
    let second = c.digits(2)?;
    let mut millis = 0;
    if c.peek() == Some(b'.') {
        c.at += 1;
        let start = c.at;
        while c.peek().is_some_and(|b| b.is_ascii_digit()) {
            let digit = i64::from(c.peek()? - b'0');
            let place = c.at - start;
            if place < 3 {
                millis += digit * [100, 10, 1].get(place)?;
            }
            c.at += 1;
        }
        if c.at == start {
            return None;
        }
    }
    let offset_minutes = match c.peek()? {
        b'Z' | b'z' => {
            c.at += 1;
            0
        }
        sign @ (b'+' | b'-') => {
            c.at += 1;
            let hours = c.digits(2)?;
            if c.peek() == Some(b':') {
                c.at += 1;
            }
            let minutes = c.digits(2)?;
            let total = hours * 60 + minutes;
            if sign == b'-' { -total } else { total }
        }
        _ => return None,
    };
    if c.at != bytes.len() {
        return None;
    }
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !valid {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_shape_seen_in_traffic() {
        let expected = Some(1_566_656_122_000);
        for text in [
            "2019-08-24T14:15:22Z",
            "2019-08-24T14:15:22.000Z",
            "2019-08-24T14:15:22+0000",
            "2019-08-24T14:15:22+00:00",
            "2019-08-24T16:15:22+0200",
            "2019-08-24T12:15:22-02:00",
        ] {
            assert_eq!(Timestamp::new(text).unix_millis(), expected, "{text}");
        }
        assert_eq!(
            Timestamp::new("2019-08-24T14:15:22.5Z").unix_millis(),
            Some(1_566_656_122_500)
        );
    }

    #[test]
    fn rejects_without_failing() {
        for text in [
            "",
            "2019-02-30T00:00:00Z",
            "2019-08-24",
            "2019-08-24T14:15:22",
            "2019-08-24T14:15:22Zjunk",
            "2019-08-24T14:15:22.Z",
        ] {
            assert_eq!(Timestamp::new(text).unix_millis(), None, "{text}");
        }
    }

    #[test]
    fn writes_what_it_reads() {
        for millis in [0, 1_609_459_200_000, 951_782_400_123, -86_400_000] {
            assert_eq!(
                Timestamp::from_unix_millis(millis).unix_millis(),
                Some(millis)
            );
        }
        assert_eq!(
            Timestamp::from_unix_millis(0).as_str(),
            "1970-01-01T00:00:00.000Z"
        );
    }
}
