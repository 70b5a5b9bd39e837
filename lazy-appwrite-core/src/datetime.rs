//! Appwrite's datetimes as text: the ISO-8601 subset the server takes, read into Unix
//! milliseconds, and the calendar arithmetic behind it.

/// The time `millis` milliseconds after 1970-01-01T00:00:00Z in the server's format,
/// `YYYY-MM-DDTHH:MM:SS.mmm+00:00`.
///
/// ```
/// assert_eq!(lazy_appwrite_core::datetime::format_millis(1_500), "1970-01-01T00:00:01.500+00:00");
/// ```
pub fn format_millis(millis: i64) -> String {
    let days = millis.div_euclid(86_400_000);
    let in_day = millis.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    let (h, m, s, ms) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    );
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{ms:03}+00:00")
}

/// Parses the ISO-8601 subset (`YYYY-MM-DD`, optional `T` or space and
/// `HH:MM[:SS[.fraction]]`, optional `Z` or `±HH:MM` offset; no offset means UTC) into Unix milliseconds.
///
/// Surrounding ASCII whitespace (space, tab, line feed, form feed, carriage return) is
/// ignored, as Appwrite's datetime parser ignores it. Any other whitespace, such as a
/// no-break space, an ideographic space or a vertical tab, makes the text not a datetime:
/// the server refuses it too.
///
/// ```
/// use lazy_appwrite_core::datetime::parse_millis;
/// assert_eq!(parse_millis("1970-01-01T00:00:01.5Z"), Some(1_500));
/// assert_eq!(parse_millis("2024-02-30"), None);
/// ```
pub fn parse_millis(text: &str) -> Option<i64> {
    let mut p = Cursor {
        s: text.trim_ascii().as_bytes(),
        i: 0,
    };
    let year = p.digits(4)?;
    p.expect(b'-')?;
    let month = p.digits(2)?;
    p.expect(b'-')?;
    let day = p.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let (mut h, mut m, mut s, mut ms) = (0, 0, 0, 0);
    let mut offset_minutes = 0;
    if matches!(p.peek(), Some(b'T' | b't' | b' ')) {
        p.i += 1;
        h = p.digits(2)?;
        p.expect(b':')?;
        m = p.digits(2)?;
        if p.peek() == Some(b':') {
            p.i += 1;
            s = p.digits(2)?;
            if matches!(p.peek(), Some(b'.' | b',')) {
                p.i += 1;
                let start = p.i;
                let mut scale = 100;
                while let Some(d) = p.peek().filter(u8::is_ascii_digit) {
                    ms += i64::from(d - b'0') * scale;
                    scale /= 10;
                    p.i += 1;
                }
                if p.i == start {
                    return None;
                }
            }
        }
        if h > 23 || m > 59 || s > 59 {
            return None;
        }
        match p.peek() {
            Some(b'Z' | b'z') => p.i += 1,
            Some(sign @ (b'+' | b'-')) => {
                p.i += 1;
                let oh = p.digits(2)?;
                if p.peek() == Some(b':') {
                    p.i += 1;
                }
                let om = if p.peek().is_some() { p.digits(2)? } else { 0 };
                if oh > 23 || om > 59 {
                    return None;
                }
                offset_minutes = (oh * 60 + om) * if sign == b'-' { -1 } else { 1 };
            }
            _ => {}
        }
    }
    if p.i != p.s.len() {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400_000 + ((h * 60 + m - offset_minutes) * 60 + s) * 1000 + ms)
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    fn digits(&mut self, n: usize) -> Option<i64> {
        let digits = self.s.get(self.i..self.i + n)?;
        let mut value = 0;
        for &d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            value = value * 10 + i64::from(d - b'0');
        }
        self.i += n;
        Some(value)
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day count since 1970-01-01.
///
/// ```
/// assert_eq!(lazy_appwrite_core::datetime::civil_from_days(31), (1970, 2, 1));
/// ```
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}
