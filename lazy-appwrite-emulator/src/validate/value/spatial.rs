//! Point / linestring / polygon validation (utopia-php/database `Spatial`), WKT parsing.

use super::{ColumnKind, Map, Value, json_number};
use crate::error::catalogue::spatial as messages;
use crate::php;

/// Validates a spatial value and returns it as JSON coordinates (numbers; a polygon given
/// as a single ring is wrapped in a ring list). The error is the validator's message.
pub(super) fn validate(kind: ColumnKind, value: &Value) -> Result<Value, String> {
    match value {
        Value::String(s) => {
            if !is_wkt_prefixed(s) {
                return Err(String::new());
            }
            let parsed = wkt::parse(s).ok_or_else(|| messages::wkt_invalid().to_owned())?;
            if parsed.0 != kind {
                return Err(messages::wkt_other_kind(
                    &kind.type_name().to_ascii_uppercase(),
                ));
            }
            validate(kind, &parsed.1)
        }
        Value::Array(_) | Value::Object(_) => match kind {
            ColumnKind::Point => point(value),
            ColumnKind::Line => line(value),
            _ => polygon(value),
        },
        _ => Err(messages::not_array_or_wkt().to_owned()),
    }
}

/// Appwrite's WKT check: the string starts with `POINT(`, `LINESTRING(` or `POLYGON(`.
fn is_wkt_prefixed(s: &str) -> bool {
    let t = s.trim_start().to_ascii_uppercase();
    ["POINT", "LINESTRING", "POLYGON"].iter().any(|kw| {
        t.strip_prefix(kw)
            .is_some_and(|rest| rest.trim_start().starts_with('('))
    })
}

/// The members of a PHP array (a JSON list, or an object's values).
fn members(value: &Value) -> Option<Vec<&Value>> {
    match value {
        Value::Array(items) => Some(items.iter().collect()),
        Value::Object(map) => Some(map.values().collect()),
        _ => None,
    }
}

/// `$value[$i]` of a PHP array: a list index, or an object's key `"i"`.
fn at(value: &Value, i: usize) -> Option<&Value> {
    match value {
        Value::Array(items) => items.get(i),
        Value::Object(map) => get_key(map, i),
        _ => None,
    }
}

fn get_key(map: &Map<String, Value>, i: usize) -> Option<&Value> {
    map.get(&i.to_string())
}

fn coordinate(x: f64, y: f64) -> Result<(), String> {
    if !(-180.0..=180.0).contains(&x) {
        return Err(messages::longitude_out_of_range(&php::float_string(x)));
    }
    if !(-90.0..=90.0).contains(&y) {
        return Err(messages::latitude_out_of_range(&php::float_string(y)));
    }
    Ok(())
}

fn pair(x: f64, y: f64) -> Value {
    Value::Array(vec![json_number(x), json_number(y)])
}

fn point(value: &Value) -> Result<Value, String> {
    let count = members(value).map_or(0, |m| m.len());
    if count != 2 {
        return Err(messages::point_not_a_pair().to_owned());
    }
    let (Some(x), Some(y)) = (
        at(value, 0).and_then(php::numeric),
        at(value, 1).and_then(php::numeric),
    ) else {
        return Err(messages::point_not_numeric().to_owned());
    };
    coordinate(x, y)?;
    Ok(pair(x, y))
}

fn line(value: &Value) -> Result<Value, String> {
    let points = members(value).unwrap_or_default();
    if points.len() < 2 {
        return Err(messages::line_too_short().to_owned());
    }
    let mut out = Vec::with_capacity(points.len());
    for (index, p) in points.into_iter().enumerate() {
        if members(p).is_none_or(|m| m.len() != 2) {
            return Err(messages::line_point_not_a_pair().to_owned());
        }
        let (Some(x), Some(y)) = (
            at(p, 0).and_then(php::numeric),
            at(p, 1).and_then(php::numeric),
        ) else {
            return Err(messages::line_point_not_numeric().to_owned());
        };
        coordinate(x, y).map_err(|m| messages::line_point_invalid(index, &m))?;
        out.push(pair(x, y));
    }
    Ok(Value::Array(out))
}

fn polygon(value: &Value) -> Result<Value, String> {
    let rings = members(value).unwrap_or_default();
    if rings.is_empty() {
        return Err(messages::polygon_without_rings().to_owned());
    }
    // A bare ring (list of points) is accepted as a polygon with one ring.
    let single_ring = at(value, 0).is_some_and(|first| {
        members(first).is_some_and(|m| m.len() == 2)
            && at(first, 0).and_then(php::numeric).is_some()
            && at(first, 1).and_then(php::numeric).is_some()
    });
    let rings: Vec<&Value> = if single_ring { vec![value] } else { rings };
    let mut out = Vec::with_capacity(rings.len());
    for (r, ring) in rings.into_iter().enumerate() {
        let points = members(ring).unwrap_or_default();
        if points.is_empty() {
            return Err(messages::ring_not_a_list(r));
        }
        if points.len() < 4 {
            return Err(messages::ring_too_short(r));
        }
        let mut ring_out = Vec::with_capacity(points.len());
        let mut coords = Vec::with_capacity(points.len());
        for (index, p) in points.into_iter().enumerate() {
            if members(p).is_none_or(|m| m.len() != 2) {
                return Err(messages::ring_point_not_a_pair(index, r));
            }
            let (Some(x), Some(y)) = (
                at(p, 0).and_then(php::numeric),
                at(p, 1).and_then(php::numeric),
            ) else {
                return Err(messages::ring_point_not_numeric(index, r));
            };
            coordinate(x, y).map_err(|m| messages::ring_point_invalid(index, r, &m))?;
            coords.push((x, y));
            ring_out.push(pair(x, y));
        }
        if coords.first() != coords.last() {
            return Err(messages::ring_not_closed(r));
        }
        out.push(Value::Array(ring_out));
    }
    Ok(Value::Array(out))
}

mod wkt {
    //! A small WKT reader for `POINT`, `LINESTRING` and `POLYGON` (2-D only).

    use super::super::{ColumnKind, Value};

    /// The geometry kind and its JSON coordinates, or `None` when not well-formed.
    pub(in super::super) fn parse(s: &str) -> Option<(ColumnKind, Value)> {
        let mut p = Parser {
            bytes: s.as_bytes(),
            pos: 0,
        };
        p.spaces();
        let word = p.word().to_ascii_uppercase();
        let result = match word.as_str() {
            "POINT" => {
                p.expect(b'(')?;
                let (x, y) = p.coord()?;
                p.expect(b')')?;
                (ColumnKind::Point, pair(x, y))
            }
            "LINESTRING" => (ColumnKind::Line, p.coord_list()?),
            "POLYGON" => {
                p.expect(b'(')?;
                let mut rings = vec![p.coord_list()?];
                while p.eat(b',') {
                    rings.push(p.coord_list()?);
                }
                p.expect(b')')?;
                (ColumnKind::Polygon, Value::Array(rings))
            }
            _ => return None,
        };
        p.spaces();
        (p.pos == p.bytes.len()).then_some(result)
    }

    fn pair(x: f64, y: f64) -> Value {
        Value::Array(vec![Value::from(x), Value::from(y)])
    }

    struct Parser<'a> {
        bytes: &'a [u8],
        pos: usize,
    }

    impl Parser<'_> {
        fn spaces(&mut self) {
            while self
                .bytes
                .get(self.pos)
                .is_some_and(u8::is_ascii_whitespace)
            {
                self.pos += 1;
            }
        }

        fn word(&mut self) -> String {
            let start = self.pos;
            while self
                .bytes
                .get(self.pos)
                .is_some_and(u8::is_ascii_alphabetic)
            {
                self.pos += 1;
            }
            String::from_utf8_lossy(self.bytes.get(start..self.pos).unwrap_or_default())
                .into_owned()
        }

        fn eat(&mut self, b: u8) -> bool {
            self.spaces();
            if self.bytes.get(self.pos) == Some(&b) {
                self.pos += 1;
                true
            } else {
                false
            }
        }

        fn expect(&mut self, b: u8) -> Option<()> {
            self.eat(b).then_some(())
        }

        fn number(&mut self) -> Option<f64> {
            self.spaces();
            let start = self.pos;
            while self.bytes.get(self.pos).is_some_and(|b| {
                b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E')
            }) {
                self.pos += 1;
            }
            let text = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
            let has_digit = text.bytes().any(|b| b.is_ascii_digit());
            text.parse::<f64>()
                .ok()
                .filter(|f| has_digit && f.is_finite())
        }

        fn coord(&mut self) -> Option<(f64, f64)> {
            Some((self.number()?, self.number()?))
        }

        fn coord_list(&mut self) -> Option<Value> {
            self.expect(b'(')?;
            let (x, y) = self.coord()?;
            let mut points = vec![pair(x, y)];
            while self.eat(b',') {
                let (x, y) = self.coord()?;
                points.push(pair(x, y));
            }
            self.expect(b')')?;
            Some(Value::Array(points))
        }
    }
}
