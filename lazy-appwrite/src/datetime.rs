//! Appwrite's datetimes: `YYYY-MM-DDTHH:MM:SS.mmm+00:00`, always UTC, milliseconds.
//!
//! [`Timestamp`] holds one as the server wrote it and converts to Unix milliseconds, and,
//! with the `chrono` or `time` feature, to `chrono::DateTime<Utc>` or
//! `time::OffsetDateTime`. The `chrono_format` and `time_format` modules let a row field
//! of those types use the server's exact format through `#[serde(with = …)]`.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use lazy_appwrite_core::datetime::format_millis;
pub(crate) use lazy_appwrite_core::datetime::parse_millis;
use lazy_appwrite_core::text::shown;

/// A point in time as Appwrite writes it, e.g. `2024-05-01T12:00:00.000+00:00`.
///
/// Timestamps read from the server keep the server's text, even one this crate cannot
/// parse (then [`Timestamp::unix_millis`] is `None`); decoding never fails on the format.
/// Timestamps made here are always in the server's format.
///
/// ```
/// use lazy_appwrite::Timestamp;
///
/// let t = Timestamp::parse("2024-05-01 14:00:00+02:00")?;
/// assert_eq!(t.as_str(), "2024-05-01T12:00:00.000+00:00");
/// assert_eq!(t.unix_millis(), Some(1_714_564_800_000));
/// assert_eq!(Timestamp::from_unix_millis(1_714_564_800_000), t);
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp(String);

impl Timestamp {
    /// The current time, to the millisecond.
    ///
    /// ```
    /// let now = lazy_appwrite::Timestamp::now();
    /// assert!(now.as_str().ends_with("+00:00"));
    /// ```
    pub fn now() -> Self {
        let millis = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
        };
        Self::from_unix_millis(millis)
    }

    /// The time `millis` milliseconds after 1970-01-01T00:00:00Z.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Timestamp::from_unix_millis(1_500).as_str(),
    ///     "1970-01-01T00:00:01.500+00:00");
    /// ```
    pub fn from_unix_millis(millis: i64) -> Self {
        Self(format_millis(millis))
    }

    /// Parses an ISO-8601 date or datetime (`YYYY-MM-DD`, optional `T` or space and
    /// `HH:MM[:SS[.fraction]]`, optional `Z` or `±HH:MM` offset; no offset means UTC) and
    /// returns it in the server's format.
    ///
    /// ```
    /// use lazy_appwrite::Timestamp;
    /// assert_eq!(Timestamp::parse("2024-01-01")?.as_str(), "2024-01-01T00:00:00.000+00:00");
    /// assert!(Timestamp::parse("2024-02-30T00:00:00Z").is_err());
    /// assert!(Timestamp::parse("27:30:10").is_err());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self> {
        parse_millis(text)
            .map(Self::from_unix_millis)
            .ok_or_else(|| Error::invalid(format!("`{}` is not a datetime", shown(text))))
    }

    /// Milliseconds since 1970-01-01T00:00:00Z, if the text is a datetime.
    ///
    /// ```
    /// let t = lazy_appwrite::Timestamp::from_unix_millis(-1);
    /// assert_eq!(t.as_str(), "1969-12-31T23:59:59.999+00:00");
    /// assert_eq!(t.unix_millis(), Some(-1));
    /// ```
    pub fn unix_millis(&self) -> Option<i64> {
        parse_millis(&self.0)
    }

    /// Keeps text from the server as it is, parsed or not.
    pub(crate) fn from_server(text: String) -> Self {
        Self(text)
    }

    /// The text, as the server wrote it or in the server's format.
    ///
    /// ```
    /// assert_eq!(lazy_appwrite::Timestamp::from_unix_millis(0).as_str(),
    ///     "1970-01-01T00:00:00.000+00:00");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The time as `chrono::DateTime<Utc>`, if the text is a datetime.
    ///
    /// ```
    /// # #[cfg(feature = "chrono")] {
    /// let t = lazy_appwrite::Timestamp::from_unix_millis(1000);
    /// assert_eq!(t.to_chrono().unwrap().timestamp_millis(), 1000);
    /// # }
    /// ```
    #[cfg(feature = "chrono")]
    pub fn to_chrono(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::from_timestamp_millis(self.unix_millis()?)
    }

    /// The time as `time::OffsetDateTime` (UTC), if the text is a datetime.
    ///
    /// ```
    /// # #[cfg(feature = "time")] {
    /// let t = lazy_appwrite::Timestamp::from_unix_millis(1000);
    /// assert_eq!(t.to_offset_date_time().unwrap().unix_timestamp(), 1);
    /// # }
    /// ```
    #[cfg(feature = "time")]
    pub fn to_offset_date_time(&self) -> Option<time::OffsetDateTime> {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.unix_millis()?) * 1_000_000)
            .ok()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", self.0)
    }
}

impl FromStr for Timestamp {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        Self::parse(text)
    }
}

impl From<Timestamp> for serde_json::Value {
    fn from(t: Timestamp) -> Self {
        serde_json::Value::String(t.0)
    }
}

impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Self {
        let millis = match time.duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
        };
        Self::from_unix_millis(millis)
    }
}

#[cfg(feature = "chrono")]
impl From<chrono::DateTime<chrono::Utc>> for Timestamp {
    fn from(time: chrono::DateTime<chrono::Utc>) -> Self {
        Self::from_unix_millis(time.timestamp_millis())
    }
}

#[cfg(feature = "time")]
impl From<time::OffsetDateTime> for Timestamp {
    fn from(time: time::OffsetDateTime) -> Self {
        let millis = time.unix_timestamp_nanos().div_euclid(1_000_000);
        Self::from_unix_millis(i64::try_from(millis).unwrap_or(i64::MAX))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

/// `#[serde(with = "lazy_appwrite::datetime::chrono_format")]` for a
/// `chrono::DateTime<Utc>` field: written in the server's format, read from any ISO-8601.
///
/// ```
/// # #[cfg(feature = "chrono")] {
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Event {
///     #[serde(with = "lazy_appwrite::datetime::chrono_format")]
///     at: chrono::DateTime<chrono::Utc>,
/// }
/// let e: Event = serde_json::from_str(r#"{"at":"2024-01-01T00:00:00.000+00:00"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"at":"2024-01-01T00:00:00.000+00:00"}"#);
/// # }
/// ```
#[cfg(feature = "chrono")]
pub mod chrono_format {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};

    use super::Timestamp;

    /// Writes the server's format.
    pub fn serialize<S: Serializer>(time: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        Timestamp::from(*time).serialize(s)
    }

    /// Reads any ISO-8601 datetime.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_millis(&text)
            .and_then(DateTime::from_timestamp_millis)
            .ok_or_else(|| D::Error::custom(format!("`{text}` is not a datetime")))
    }

    /// The same for `Option<DateTime<Utc>>` (`null` is `None`).
    pub mod option {
        use super::*;

        /// Writes the server's format, or `null`.
        pub fn serialize<S: Serializer>(
            time: &Option<DateTime<Utc>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            time.map(Timestamp::from).serialize(s)
        }

        /// Reads any ISO-8601 datetime, or `null`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(text) => super::super::parse_millis(&text)
                    .and_then(DateTime::from_timestamp_millis)
                    .map(Some)
                    .ok_or_else(|| D::Error::custom(format!("`{text}` is not a datetime"))),
            }
        }
    }
}

/// `#[serde(with = "lazy_appwrite::datetime::time_format")]` for a `time::OffsetDateTime`
/// field: written in the server's format, read from any ISO-8601.
///
/// ```
/// # #[cfg(feature = "time")] {
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Event {
///     #[serde(with = "lazy_appwrite::datetime::time_format")]
///     at: time::OffsetDateTime,
/// }
/// let e: Event = serde_json::from_str(r#"{"at":"2024-01-01T02:00:00+02:00"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"at":"2024-01-01T00:00:00.000+00:00"}"#);
/// # }
/// ```
#[cfg(feature = "time")]
pub mod time_format {
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};
    use time::OffsetDateTime;

    use super::Timestamp;

    fn from_millis(millis: i64) -> Option<OffsetDateTime> {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000).ok()
    }

    /// Writes the server's format.
    pub fn serialize<S: Serializer>(time: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        Timestamp::from(*time).serialize(s)
    }

    /// Reads any ISO-8601 datetime.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_millis(&text)
            .and_then(from_millis)
            .ok_or_else(|| D::Error::custom(format!("`{text}` is not a datetime")))
    }

    /// The same for `Option<OffsetDateTime>` (`null` is `None`).
    pub mod option {
        use super::*;

        /// Writes the server's format, or `null`.
        pub fn serialize<S: Serializer>(
            time: &Option<OffsetDateTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            time.map(Timestamp::from).serialize(s)
        }

        /// Reads any ISO-8601 datetime, or `null`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<OffsetDateTime>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(text) => super::super::parse_millis(&text)
                    .and_then(from_millis)
                    .map(Some)
                    .ok_or_else(|| D::Error::custom(format!("`{text}` is not a datetime"))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_server_format() {
        for text in [
            "2020-10-15T06:38:00.000+00:00",
            "2024-02-29T23:59:59.999+00:00",
            "1000-01-01T00:00:00.000+00:00",
            "9999-12-31T23:59:59.000+00:00",
        ] {
            let t = Timestamp::parse(text).unwrap();
            assert_eq!(t.as_str(), text);
            assert_eq!(
                Timestamp::from_unix_millis(t.unix_millis().unwrap()).as_str(),
                text
            );
        }
    }

    #[test]
    fn converts_offsets_to_utc() {
        assert_eq!(
            Timestamp::parse("1975-06-12 14:12:55+02:00")
                .unwrap()
                .as_str(),
            "1975-06-12T12:12:55.000+00:00"
        );
        assert_eq!(
            Timestamp::parse("2024-01-01T00:00:00.5-0130")
                .unwrap()
                .as_str(),
            "2024-01-01T01:30:00.500+00:00"
        );
        assert_eq!(
            Timestamp::parse("2024-05-01T12:00:00Z")
                .unwrap()
                .unix_millis(),
            Some(1_714_564_800_000)
        );
    }

    #[test]
    fn refuses_nonsense() {
        for bad in [
            "",
            "2024",
            "2024-13-01",
            "2023-02-29",
            "2024-01-01T24:00",
            "2024-01-01T10:00:00x",
            "2024-01-01T10:00:00.",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_round_trip() {
        let t = Timestamp::parse("2024-05-01T12:00:00.250+00:00").unwrap();
        let dt = t.to_chrono().unwrap();
        assert_eq!(dt.timestamp_millis(), 1_714_564_800_250);
        assert_eq!(Timestamp::from(dt), t);
        #[derive(serde::Serialize, serde::Deserialize)]
        struct E {
            #[serde(with = "chrono_format")]
            at: chrono::DateTime<chrono::Utc>,
            #[serde(with = "chrono_format::option")]
            maybe: Option<chrono::DateTime<chrono::Utc>>,
        }
        let e: E =
            serde_json::from_str(r#"{"at":"2024-05-01 14:00:00.25+02:00","maybe":null}"#).unwrap();
        assert_eq!(e.at, dt);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"at":"2024-05-01T12:00:00.250+00:00","maybe":null}"#
        );
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_round_trip() {
        let t = Timestamp::parse("1969-07-20T20:17:40.000+00:00").unwrap();
        let odt = t.to_offset_date_time().unwrap();
        assert_eq!(odt.unix_timestamp(), -14_182_940);
        assert_eq!(Timestamp::from(odt), t);
        #[derive(serde::Serialize, serde::Deserialize)]
        struct E {
            #[serde(with = "time_format")]
            at: time::OffsetDateTime,
            #[serde(with = "time_format::option")]
            maybe: Option<time::OffsetDateTime>,
        }
        let e: E =
            serde_json::from_str(r#"{"at":"1969-07-20T20:17:40Z","maybe":"1969-07-20T20:17:40Z"}"#)
                .unwrap();
        assert_eq!(e.maybe, Some(odt));
        assert!(
            serde_json::to_string(&e)
                .unwrap()
                .contains("1969-07-20T20:17:40.000+00:00")
        );
    }

    #[test]
    fn deserializing_keeps_unknown_text() {
        let t: Timestamp = serde_json::from_str(r#""someday""#).unwrap();
        assert_eq!(t.as_str(), "someday");
        assert_eq!(t.unix_millis(), None);
    }
}
