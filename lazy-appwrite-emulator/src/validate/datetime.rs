//! Datetimes: parsing what Appwrite accepts and writing the server's format
//! (`YYYY-MM-DDTHH:MM:SS.mmm+00:00`, always UTC, milliseconds truncated).

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

pub use crate::error::catalogue::validators::DATETIME_DESCRIPTION;

/// Earliest accepted instant, 1000-01-01 00:00:00 UTC.
const MIN_UTC: DateTime = jiff::civil::date(1000, 1, 1).at(0, 0, 0, 0);
/// Latest accepted instant, 9999-12-31 23:59:59 UTC.
const MAX_UTC: DateTime = jiff::civil::date(9999, 12, 31).at(23, 59, 59, 0);

/// Parses a datetime the way Appwrite accepts it and returns it in the server's format, in UTC.
///
/// Accepts `YYYY-MM-DD`, `YYYY-MM`, a time `HH:MM[:SS[.fraction]]` after a `T` or spaces, and an
/// optional zone: `Z`, `±HH`, `±HHMM`, `±HH:MM`, `UTC±HH:MM`, or a time zone name such as
/// `America/New_York` or `UTC`; RFC 2822 strings are accepted too. Without a zone the time is
/// UTC. The year must have four digits, the date and time must exist (no February 30, no
/// `27:30:10`; `24:MM` and second `60` roll over as in PHP), and the instant must lie within
/// 1000-01-01 00:00:00 … 9999-12-31 23:59:59 UTC. Returns `None` otherwise.
///
/// `"1975-06-12 14:12:55+02:00"` → `"1975-06-12T12:12:55.000+00:00"`.
pub fn parse_datetime(input: &str) -> Option<String> {
    let utc = parse_utc(input)?;
    (MIN_UTC..=MAX_UTC).contains(&utc).then(|| format_utc(utc))
}

/// The current time in the server's format. Successive calls never give the same
/// millisecond: a real server is slow enough that two write requests never share one, and
/// `$createdAt` orders must not tie where Appwrite's would not. A request takes it once:
/// the rows of one bulk write share it, as on Appwrite.
pub fn now() -> String {
    format_unix_ms(unique_now_ms())
}

/// The current time in unix milliseconds.
pub fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

/// The current time in unix milliseconds, one past the last one handed out if the clock
/// has not moved on. It never goes back, so a row written later never looks older (under
/// more than a thousand writes a second it runs ahead of the wall clock for a while).
fn unique_now_ms() -> i64 {
    use std::sync::atomic::{AtomicI64, Ordering};
    static LAST: AtomicI64 = AtomicI64::new(0);
    let now = now_ms();
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = now.max(last + 1);
        match LAST.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

/// Unix milliseconds in the server's format (clamped to the representable range).
pub fn format_unix_ms(ms: i64) -> String {
    let timestamp = Timestamp::from_millisecond(ms).unwrap_or(if ms < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    });
    format_timestamp(timestamp)
}

/// Writes an instant as `YYYY-MM-DDTHH:MM:SS.mmm+00:00`.
fn format_timestamp(timestamp: Timestamp) -> String {
    format_utc(Offset::UTC.to_datetime(timestamp))
}

/// Writes a UTC civil datetime as `YYYY-MM-DDTHH:MM:SS.mmm+00:00`.
fn format_utc(dt: DateTime) -> String {
    let year = dt.year();
    let year = if year < 0 {
        format!("-{:04}", -i32::from(year))
    } else {
        format!("{year:04}")
    };
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+00:00",
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        dt.millisecond()
    )
}

/// Parses `input` to a UTC civil datetime (no range check). Civil datetimes are used rather
/// than [`Timestamp`]s because jiff's timestamps end on 9999-12-30.
fn parse_utc(input: &str) -> Option<DateTime> {
    let trimmed = input.trim_matches(|c: char| c.is_ascii_whitespace());
    if trimmed.is_empty() || !trimmed.is_ascii() {
        return None;
    }
    parse_iso_like(trimmed).or_else(|| parse_rfc2822(trimmed))
}

/// RFC 2822 (`Thu, 12 Jun 1975 14:12:55 +0200`), only with a 4-digit year.
fn parse_rfc2822(input: &str) -> Option<DateTime> {
    if !has_four_digit_run(input) {
        return None;
    }
    let zoned = jiff::fmt::rfc2822::parse(input).ok()?;
    Some(Offset::UTC.to_datetime(zoned.timestamp()))
}

/// True when `s` holds a run of exactly four digits (Appwrite's 4-digit-year rule).
fn has_four_digit_run(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4)
}

/// A byte cursor over an ASCII string.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn skip_spaces(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Reads between `min` and `max` digits (stops after `max`); `None` if fewer than `min`.
    fn digits(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        let mut value: u32 = 0;
        let mut count = 0;
        while count < max {
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {
                    value = value * 10 + u32::from(b - b'0');
                    count += 1;
                    self.pos += 1;
                }
                _ => break,
            }
        }
        (count >= min).then_some((value, count))
    }

    fn rest(&self) -> &'a str {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        std::str::from_utf8(rest).unwrap_or_default()
    }
}

/// The zone part of an input.
enum Zone {
    Offset(Offset),
    Named(TimeZone),
}

/// ISO 8601 / SQL-style datetimes with an optional zone.
fn parse_iso_like(input: &str) -> Option<DateTime> {
    let mut cur = Cursor {
        bytes: input.as_bytes(),
        pos: 0,
    };

    // Date: exactly four year digits, then month and optional day (1–2 digits each).
    let (year, _) = cur.digits(4, 4)?;
    if matches!(cur.peek(), Some(b) if b.is_ascii_digit()) || !cur.eat(b'-') {
        return None;
    }
    let (month, _) = cur.digits(1, 2)?;
    let day = if cur.eat(b'-') {
        cur.digits(1, 2)?.0
    } else {
        1
    };
    let date = Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;

    // Time: after `T`, or after spaces when a digit follows.
    let has_time = cur.eat(b'T')
        || cur.eat(b't')
        || (cur.skip_spaces() > 0 && matches!(cur.peek(), Some(b) if b.is_ascii_digit()));
    let time = if has_time {
        parse_time(&mut cur)?
    } else {
        SignedDuration::ZERO
    };

    // Zone: the rest of the input.
    cur.skip_spaces();
    let zone = if cur.at_end() {
        Zone::Offset(Offset::UTC)
    } else {
        parse_zone(cur.rest())?
    };

    let civil: DateTime = date
        .to_datetime(jiff::civil::Time::midnight())
        .checked_add(time)
        .ok()?;
    let offset = match zone {
        Zone::Offset(offset) => offset,
        Zone::Named(tz) => {
            // jiff's timestamps end on 9999-12-30, so near that end look the offset up two
            // days earlier (zone rules that far out are the zone's fixed POSIX rule).
            let earlier = civil.checked_sub(SignedDuration::from_hours(48)).ok();
            let instant = tz
                .to_timestamp(civil)
                .ok()
                .or_else(|| earlier.and_then(|dt| tz.to_timestamp(dt).ok()))?;
            tz.to_offset(instant)
        }
    };
    civil
        .checked_sub(SignedDuration::from_secs(i64::from(offset.seconds())))
        .ok()
}

/// `HH:MM[:SS[.fraction]]` as a duration since midnight. Hours up to 24 and second 60 are
/// accepted (PHP rolls them over); anything larger is rejected.
fn parse_time(cur: &mut Cursor<'_>) -> Option<SignedDuration> {
    let (hour, _) = cur.digits(1, 2)?;
    if !cur.eat(b':') {
        return None;
    }
    let (minute, _) = cur.digits(1, 2)?;
    let mut second = 0;
    let mut nanos: u32 = 0;
    if cur.eat(b':') {
        second = cur.digits(1, 2)?.0;
        if cur.eat(b'.') || cur.eat(b',') {
            let start = cur.pos;
            while matches!(cur.peek(), Some(b) if b.is_ascii_digit()) {
                cur.pos += 1;
            }
            let frac = cur.bytes.get(start..cur.pos).unwrap_or_default();
            if frac.is_empty() {
                return None;
            }
            for i in 0..9 {
                let digit = frac.get(i).map_or(0, |b| u32::from(b - b'0'));
                nanos = nanos * 10 + digit;
            }
        }
    }
    if hour > 24 || minute > 59 || second > 60 {
        return None;
    }
    let seconds = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Some(SignedDuration::new(seconds, i32::try_from(nanos).ok()?))
}

/// `Z`, `±HH[[:]MM]`, `UTC±…`/`GMT±…`, or a time zone name.
fn parse_zone(text: &str) -> Option<Zone> {
    let text = text.trim_end_matches([' ', '\t']);
    if text.eq_ignore_ascii_case("z") {
        return Some(Zone::Offset(Offset::UTC));
    }
    if text.starts_with(['+', '-']) {
        return parse_offset(text).map(Zone::Offset);
    }
    let upper = text.get(..3).map(str::to_ascii_uppercase);
    if matches!(upper.as_deref(), Some("UTC" | "GMT"))
        && text
            .get(3..)
            .is_some_and(|rest| rest.starts_with(['+', '-']))
    {
        return parse_offset(text.get(3..)?).map(Zone::Offset);
    }
    let name_ok = text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'));
    if !name_ok || !text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    TimeZone::get(text).ok().map(Zone::Named)
}

/// `±H`, `±HH`, `±HHMM`, `±HH:MM`, `±H:MM`.
fn parse_offset(text: &str) -> Option<Offset> {
    let mut cur = Cursor {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let negative = match cur.peek() {
        Some(b'+') => false,
        Some(b'-') => true,
        _ => return None,
    };
    cur.pos += 1;
    let (hours, hour_digits) = cur.digits(1, 2)?;
    let has_minutes = cur.eat(b':') || (hour_digits == 2 && !cur.at_end());
    let minutes = if has_minutes { cur.digits(2, 2)?.0 } else { 0 };
    if !cur.at_end() || minutes > 59 {
        return None;
    }
    let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
    Offset::from_seconds(if negative { -seconds } else { seconds }).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse_datetime(s)
    }

    #[test]
    fn normalises_examples() {
        assert_eq!(
            p("1975-06-12 14:12:55+02:00").as_deref(),
            Some("1975-06-12T12:12:55.000+00:00")
        );
        assert_eq!(
            p("2020-10-15T06:38:00.000+00:00").as_deref(),
            Some("2020-10-15T06:38:00.000+00:00")
        );
        assert_eq!(
            p("2020-10-15").as_deref(),
            Some("2020-10-15T00:00:00.000+00:00")
        );
        assert_eq!(
            p("2020-10-15 06:38").as_deref(),
            Some("2020-10-15T06:38:00.000+00:00")
        );
        assert_eq!(
            p("2020-10-15T06:38").as_deref(),
            Some("2020-10-15T06:38:00.000+00:00")
        );
        assert_eq!(
            p("2020-10-15 06:38:01").as_deref(),
            Some("2020-10-15T06:38:01.000+00:00")
        );
        assert_eq!(
            p("2020-10-15T06:38:01Z").as_deref(),
            Some("2020-10-15T06:38:01.000+00:00")
        );
        assert_eq!(
            p("2020-10-15t06:38:01z").as_deref(),
            Some("2020-10-15T06:38:01.000+00:00")
        );
        assert_eq!(
            p("  2020-10-15 06:38:01  ").as_deref(),
            Some("2020-10-15T06:38:01.000+00:00")
        );
        assert_eq!(
            p("2020-1-5 6:8:9").as_deref(),
            Some("2020-01-05T06:08:09.000+00:00")
        );
        assert_eq!(
            p("2020-10").as_deref(),
            Some("2020-10-01T00:00:00.000+00:00")
        );
    }

    #[test]
    fn fractions_are_truncated_to_milliseconds() {
        assert_eq!(
            p("2020-10-15 06:38:01.1").as_deref(),
            Some("2020-10-15T06:38:01.100+00:00")
        );
        assert_eq!(
            p("2020-10-15 06:38:01.123456").as_deref(),
            Some("2020-10-15T06:38:01.123+00:00")
        );
        assert_eq!(
            p("2020-10-15 06:38:01.9999999999").as_deref(),
            Some("2020-10-15T06:38:01.999+00:00")
        );
        assert_eq!(
            p("2020-10-15 06:38:01,5").as_deref(),
            Some("2020-10-15T06:38:01.500+00:00")
        );
        assert_eq!(p("2020-10-15 06:38:01."), None);
    }

    #[test]
    fn offsets() {
        let expected = Some("2020-01-01T08:30:00.000+00:00".to_string());
        assert_eq!(p("2020-01-01T10:30:00+02:00"), expected);
        assert_eq!(p("2020-01-01T10:30:00+0200"), expected);
        assert_eq!(p("2020-01-01T10:30:00+02"), expected);
        assert_eq!(p("2020-01-01T10:30:00 +02:00"), expected);
        assert_eq!(p("2020-01-01T10:30:00 GMT+02:00"), expected);
        assert_eq!(p("2020-01-01T10:30:00 UTC+2"), expected);
        assert_eq!(
            p("2020-01-01T05:00:00-03:30").as_deref(),
            Some("2020-01-01T08:30:00.000+00:00")
        );
        // Crossing midnight and a date-only value with an offset.
        assert_eq!(
            p("2020-01-01 01:00:00+02:00").as_deref(),
            Some("2019-12-31T23:00:00.000+00:00")
        );
        assert_eq!(
            p("2020-01-01-05:00").as_deref(),
            Some("2020-01-01T05:00:00.000+00:00")
        );
        assert_eq!(p("2020-01-01T10:30:00+02:60"), None);
        assert_eq!(p("2020-01-01T10:30:00+2:3"), None);
        assert_eq!(p("2020-01-01T10:30:00+99:00"), None);
    }

    #[test]
    fn zone_names() {
        // Winter (EST, -05:00) and summer (EDT, -04:00).
        assert_eq!(
            p("2020-01-15 10:00:00 America/New_York").as_deref(),
            Some("2020-01-15T15:00:00.000+00:00")
        );
        assert_eq!(
            p("2020-07-15 10:00:00 America/New_York").as_deref(),
            Some("2020-07-15T14:00:00.000+00:00")
        );
        assert_eq!(
            p("2020-07-15 10:00 Europe/Paris").as_deref(),
            Some("2020-07-15T08:00:00.000+00:00")
        );
        assert_eq!(
            p("2020-07-15T10:00:00 UTC").as_deref(),
            Some("2020-07-15T10:00:00.000+00:00")
        );
        assert_eq!(
            p("2020-07-15T10:00:00 Asia/Kolkata").as_deref(),
            Some("2020-07-15T04:30:00.000+00:00")
        );
        assert_eq!(p("2020-07-15T10:00:00 Mars/Olympus"), None);
        assert_eq!(p("2020-07-15T10:00:00 America/New York"), None);
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            p("Thu, 12 Jun 1975 14:12:55 +0200").as_deref(),
            Some("1975-06-12T12:12:55.000+00:00")
        );
    }

    #[test]
    fn rejects_impossible_values() {
        for bad in [
            "2020-02-30",
            "2021-02-29",
            "2020-13-01",
            "2020-00-10",
            "2020-01-00",
            "2020-01-32",
            "2020-01-01 27:30:10",
            "2020-01-01 10:60:00",
            "2020-01-01 10:30:61",
            "2020-01-01 25:00",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
        assert!(p("2020-02-29").is_some());
    }

    #[test]
    fn rolls_over_like_php() {
        assert_eq!(
            p("2020-01-01 24:00:00").as_deref(),
            Some("2020-01-02T00:00:00.000+00:00")
        );
        assert_eq!(
            p("2020-01-01 23:59:60").as_deref(),
            Some("2020-01-02T00:00:00.000+00:00")
        );
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            " ",
            "now",
            "tomorrow",
            "abc",
            "20-01-01",
            "020-01-01",
            "12020-01-01",
            "2020",
            "2020/01/01",
            "2020-01-01 10",
            "2020-01-01T",
            "2020-01-01 10:00 xyz",
            "2020-01-01 10:00:00Zz",
            "2020-01-01 10:00:00+",
            "2020-01-01\u{e9}",
            "2020-01-01 10:00:00 +02:00 +03:00",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn range_limits() {
        assert_eq!(
            p("1000-01-01 00:00:00").as_deref(),
            Some("1000-01-01T00:00:00.000+00:00")
        );
        assert_eq!(
            p("9999-12-31 23:59:59").as_deref(),
            Some("9999-12-31T23:59:59.000+00:00")
        );
        assert_eq!(p("0999-12-31 23:59:59"), None);
        assert_eq!(p("9999-12-31 23:59:59.5"), None);
        // The range applies after conversion to UTC.
        assert_eq!(p("1000-01-01 00:30:00+01:00"), None);
        assert_eq!(p("9999-12-31 23:00:00-02:00"), None);
        assert_eq!(p("0001-01-01"), None);
        // Zone names work up to the very end of the range.
        assert_eq!(
            p("9999-12-31 23:00:00 Europe/Paris").as_deref(),
            Some("9999-12-31T22:00:00.000+00:00")
        );
        assert_eq!(p("9999-12-31 23:00:00 America/New_York"), None);
        assert_eq!(
            p("1000-01-01 12:00:00 Asia/Tokyo").as_deref(),
            Some("1000-01-01T02:41:01.000+00:00")
        );
    }

    #[test]
    fn format_helpers() {
        assert_eq!(format_unix_ms(0), "1970-01-01T00:00:00.000+00:00");
        assert_eq!(
            format_unix_ms(1_602_743_880_123),
            "2020-10-15T06:38:00.123+00:00"
        );
        assert_eq!(format_unix_ms(-1), "1969-12-31T23:59:59.999+00:00");
        // Extremes never panic.
        let _ = format_unix_ms(i64::MAX);
        let _ = format_unix_ms(i64::MIN);
        let n = now();
        assert_eq!(n.len(), 29);
        assert!(n.ends_with("+00:00"));
        assert_eq!(parse_datetime(&n).as_deref(), Some(n.as_str()));
        let ms = now_ms();
        assert!(ms > 1_600_000_000_000);
        assert_eq!(
            parse_datetime(&format_unix_ms(ms)),
            Some(format_unix_ms(ms))
        );
    }

    #[test]
    fn output_sorts_as_text() {
        let a = p("2020-01-01 10:00:00+05:00").unwrap();
        let b = p("2020-01-01 09:00:00").unwrap();
        assert!(a < b);
    }
}
