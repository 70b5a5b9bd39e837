//! Geometry for point, line and polygon columns and the spatial query methods, computed
//! in Rust because SQLite has no GIS functions.
//!
//! Appwrite runs these queries on MariaDB: every method takes the **first** query value,
//! turns it into WKT and compares it with the stored geometry using
//!
//! | method | MariaDB |
//! |---|---|
//! | `equal` / `notEqual` | `[NOT] ST_Equals(column, g)` |
//! | `contains` / `notContains` | `[NOT] ST_Contains(column, g)`, boundary-inclusive on MariaDB (a line contains its end points) |
//! | `intersects`, `crosses`, `overlaps`, `touches` and their `not…` forms | `[NOT] ST_Intersects / ST_Crosses / ST_Overlaps / ST_Touches(column, g)` |
//! | `distanceEqual` / `…NotEqual` / `…GreaterThan` / `…LessThan` with `[g, d, meters]` | `ST_Distance(column, g) {=,!=,>,<} d`, or with `meters === true` `ST_Distance_Sphere(column, g, 6371000)` (points only) |
//!
//! MariaDB computes in the plane (SRID 4326 does not make it geodesic); only
//! `ST_Distance_Sphere` works on the sphere. A predicate on a NULL column (or on a query
//! geometry MariaDB cannot build, such as an unclosed ring) is NULL, so neither a method nor
//! its `not…` form matches that row.
//!
//! **A planar distance stays NULL.** MariaDB 10.11's `ST_Distance` sets its NULL flag when
//! it meets a NULL column and never clears it, so within one statement it answers NULL for
//! that row *and every row it evaluates after it* (`ST_Distance_Sphere` and the predicates
//! clear the flag on each row). MariaDB reads an Appwrite table in `$sequence` order (its
//! primary key; these filters use no index) and evaluates the WHERE conditions left to
//! right, stopping at the first one that settles the answer. So a planar distance filter
//! matches no row after the first row that reaches it with a NULL column (recorded in
//! `tests/recordings/*/tour-spatial.jsonl`, 1.8.1 seq 1587 and 1.9.6 seq 1585:
//! `distanceLessThan` 2 from (3,3) on a polygon column finds only `g1`, the row before the
//! first NULL, not the later `g4` at √2 nor `gx11`, which contains the point). The SQL
//! layer builds that condition ([`null_sticks`] tells which filters need it). `ST_Crosses` is NULL when the column holds a polygon or
//! the query geometry is a point (MariaDB's documented behaviour).
//!
//! The relations and distances themselves are in [`super::geometry`]. As PHP writes
//! coordinates into WKT with 14 significant digits, they are rounded to 14 significant
//! digits first.
//!
//! [`register`] installs the SQLite function `appwrite_spatial(method, stored, operand)` the
//! SQL layer calls for a spatial filter; it answers 1, 0 or NULL.

use rusqlite::Connection;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use serde_json::Value;

use super::geometry::*;
use super::parse::Method;
use crate::php;

/// Name of the SQLite function [`register`] installs.
pub const SQL_FUNCTION: &str = "appwrite_spatial";
/// Radius Appwrite passes to `ST_Distance_Sphere`, in metres.
pub const EARTH_RADIUS: f64 = 6_371_000.0;
// ---------------------------------------------------------------------------------------------
// Reading geometries.

/// A stored value (validated, normalised JSON coordinates) as a geometry; the shape is told
/// by nesting depth.
pub fn parse_stored(value: &Value) -> Option<Geometry> {
    let items = value.as_array()?;
    let point = |v: &Value| -> Option<Pt> {
        match v.as_array()?.as_slice() {
            [x, y] => Some((php14(x.as_f64()?), php14(y.as_f64()?))),
            _ => None,
        }
    };
    if let Some(p) = point(value) {
        return Some(Geometry::Point(p));
    }
    if items.first().and_then(point).is_some() {
        return items
            .iter()
            .map(point)
            .collect::<Option<_>>()
            .map(Geometry::Line);
    }
    items
        .iter()
        .map(|ring| {
            ring.as_array()?
                .iter()
                .map(point)
                .collect::<Option<Vec<_>>>()
        })
        .collect::<Option<Vec<_>>>()
        .map(Geometry::Polygon)
}

/// The query geometry could not be turned into WKT (`Unrecognized geometry array format`
/// and friends): a database exception, so a `500` on Appwrite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unrecognized;

/// A query value as utopia's `convertArrayToWKT` reads it: `[x, y]` is a point, `[[x, y], …]`
/// a linestring, `[[[x, y], …], …]` a polygon (a JSON object with keys `"0"…` counts as a
/// list). Returns the WKT type name and the geometry, `None` when MariaDB's
/// `ST_GeomFromText` would give NULL (a linestring of one point, an unclosed or too short
/// ring).
pub fn parse_query_geometry(
    value: &Value,
) -> Result<(&'static str, Option<Geometry>), Unrecognized> {
    let items = php_list(value).ok_or(Unrecognized)?;
    // point [x, y]
    if items.len() == 2
        && let (Some(x), Some(y)) = (php::numeric(items[0]), php::numeric(items[1]))
    {
        return Ok(("point", Some(Geometry::Point((php14(x), php14(y))))));
    }
    let first = items.first().copied().ok_or(Unrecognized)?;
    let first_list = php_list(first);
    let pair = |v: &Value| -> Result<Pt, Unrecognized> {
        match php_list(v).as_deref() {
            Some([x, y]) => match (php::numeric(x), php::numeric(y)) {
                (Some(x), Some(y)) => Ok((php14(x), php14(y))),
                _ => Err(Unrecognized),
            },
            _ => Err(Unrecognized),
        }
    };
    // linestring [[x1, y1], [x2, y2], …]
    if let Some(list) = &first_list
        && list.len() == 2
        && php::numeric(list[0]).is_some()
    {
        let points = items
            .iter()
            .map(|p| pair(p))
            .collect::<Result<Vec<_>, _>>()?;
        let valid = points.len() >= 2;
        return Ok(("linestring", valid.then_some(Geometry::Line(points))));
    }
    // polygon [[[x1, y1], …], …]
    if let Some(list) = &first_list
        && list
            .first()
            .and_then(|p| php_list(p))
            .is_some_and(|p| p.len() == 2)
    {
        let mut rings = Vec::with_capacity(items.len());
        for ring in &items {
            let points = php_list(ring).ok_or(Unrecognized)?;
            rings.push(
                points
                    .iter()
                    .map(|p| pair(p))
                    .collect::<Result<Vec<_>, _>>()?,
            );
        }
        let valid = rings.iter().all(|r| r.len() >= 4 && r.first() == r.last());
        return Ok(("polygon", valid.then_some(Geometry::Polygon(rings))));
    }
    Err(Unrecognized)
}

/// The members of a PHP list: a JSON array, or an object whose keys are `"0"…"n-1"`.
fn php_list(value: &Value) -> Option<Vec<&Value>> {
    match value {
        Value::Array(items) => Some(items.iter().collect()),
        Value::Object(map) => (0..map.len())
            .map(|i| map.get(&i.to_string()))
            .collect::<Option<Vec<_>>>(),
        _ => None,
    }
}

/// A float as PHP writes it into a string (`precision` 14): 14 significant digits.
fn php14(f: f64) -> f64 {
    if !f.is_finite() || f == 0.0 {
        return f;
    }
    format!("{f:.13e}").parse().unwrap_or(f)
}

// ---------------------------------------------------------------------------------------------
// Query operands.

/// What a spatial filter compares the column with.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A geometry (`None`: MariaDB would get NULL for it).
    Shape(Option<Geometry>),
    /// `[geometry, distance, meters]` of the distance methods.
    Distance {
        /// The geometry (`None` as above).
        shape: Option<Geometry>,
        /// The distance (`None`: SQL NULL, nothing matches).
        distance: Option<f64>,
        /// Geodesic metres (`meters === true`) rather than planar degrees.
        meters: bool,
    },
}

/// True for the distance methods, whose value is `[geometry, distance, meters]`.
fn is_distance(method: Method) -> bool {
    matches!(
        method,
        Method::DistanceEqual
            | Method::DistanceNotEqual
            | Method::DistanceGreaterThan
            | Method::DistanceLessThan
    )
}

/// True for the methods MariaDB's adapter can run on a spatial column; anything else
/// (`isNull`, `lessThan`, `startsWith`, …) ends in "Unknown spatial query method" (a 500).
pub fn supports(method: Method) -> bool {
    method.is_spatial()
        || matches!(
            method,
            Method::Equal | Method::NotEqual | Method::Contains | Method::NotContains
        )
}

/// Why a spatial filter fails when it is run (after validation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperandError {
    /// The geometry cannot be turned into WKT: a database exception (500).
    Unrecognized,
    /// `meters` between non-points: `400 general_query_invalid` with this message.
    Query(String),
}

/// Reads the first value of a spatial filter on a column of type `column_type` (`point`,
/// `linestring`, `polygon`), as utopia's MariaDB adapter does when it builds the SQL.
pub fn operand(method: Method, column_type: &str, value: &Value) -> Result<Operand, OperandError> {
    if !is_distance(method) {
        let (_, shape) = parse_query_geometry(value).map_err(|_| OperandError::Unrecognized)?;
        return Ok(Operand::Shape(shape));
    }
    let params = php_list(value).ok_or(OperandError::Unrecognized)?;
    let geometry = params.first().ok_or(OperandError::Unrecognized)?;
    let (wkt_type, shape) =
        parse_query_geometry(geometry).map_err(|_| OperandError::Unrecognized)?;
    let distance = match params.get(1) {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(f64::from(u8::from(*b))),
        // MariaDB casts a non-numeric string to 0.
        Some(v @ (Value::Number(_) | Value::String(_))) => Some(php::numeric(v).unwrap_or(0.0)),
        Some(_) => return Err(OperandError::Unrecognized),
    };
    let meters = in_meters(&params);
    if meters && (wkt_type != "point" || column_type != "point") {
        return Err(OperandError::Query(format!(
            "Distance in meters is not supported between {column_type} and {wkt_type}"
        )));
    }
    Ok(Operand::Distance {
        shape,
        distance,
        meters,
    })
}

/// True when the distance parameters `[geometry, distance, meters]` ask for metres: only a
/// literal `true` does (utopia tests `=== true`); anything else is planar degrees.
fn in_meters(params: &[&Value]) -> bool {
    params.get(2) == Some(&&Value::Bool(true))
}

/// True when the filter runs MariaDB's planar `ST_Distance`, whose NULL answer sticks: a
/// distance method whose operand (the JSON text of its first value) does not ask for metres.
/// See the module documentation; the SQL layer builds the condition.
pub fn null_sticks(method: Method, operand: &str) -> bool {
    is_distance(method)
        && serde_json::from_str::<Value>(operand)
            .ok()
            .as_ref()
            .and_then(php_list)
            .is_some_and(|params| !in_meters(&params))
}

/// Evaluates `method` on a stored geometry: `Some(true)` matches, `None` is SQL NULL.
pub fn evaluate(method: Method, stored: &Geometry, operand: &Operand) -> Option<bool> {
    match operand {
        Operand::Shape(shape) => {
            let g = shape.as_ref()?;
            let negated = matches!(
                method,
                Method::NotEqual
                    | Method::NotContains
                    | Method::NotIntersects
                    | Method::NotCrosses
                    | Method::NotOverlaps
                    | Method::NotTouches
            );
            let positive = match method {
                Method::Equal | Method::NotEqual => equals(stored, g),
                Method::Contains | Method::NotContains => contains(stored, g),
                Method::Intersects | Method::NotIntersects => intersects(stored, g),
                Method::Crosses | Method::NotCrosses => crosses(stored, g)?,
                Method::Overlaps | Method::NotOverlaps => overlaps(stored, g),
                Method::Touches | Method::NotTouches => touches(stored, g),
                _ => return None,
            };
            Some(positive != negated)
        }
        Operand::Distance {
            shape,
            distance,
            meters,
        } => {
            let g = shape.as_ref()?;
            let want = (*distance)?;
            let d = if *meters {
                match (stored, g) {
                    (Geometry::Point(a), Geometry::Point(b)) => {
                        sphere_distance(*a, *b, EARTH_RADIUS)
                    }
                    _ => return None,
                }
            } else {
                self::distance(stored, g)
            };
            Some(match method {
                Method::DistanceEqual => d == want,
                Method::DistanceNotEqual => d != want,
                Method::DistanceGreaterThan => d > want,
                Method::DistanceLessThan => d < want,
                _ => return None,
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The SQLite function.

/// Installs `appwrite_spatial(method, stored, operand)` on `conn`: `stored` is a spatial
/// column's JSON text, `operand` the JSON text of the filter's first value; the answer is 1,
/// 0 or NULL (NULL column, unusable geometry, or an undefined predicate).
///
/// Also installs the [`ORDER_COLLATION`] collation.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_collation(ORDER_COLLATION, compare_stored)?;
    conn.create_scalar_function(
        SQL_FUNCTION,
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        sql_function,
    )
}

/// A stored polygon as Appwrite reads it back: its WKT split at every comma, so the rings
/// run together into one and each later ring's first point loses its `x` (PHP reads
/// `"(1"` as 0) (tour-spatial.jsonl 1.8.1 seq 1577). A single ring reads back unchanged.
pub fn polygon_as_read(stored: &Value) -> Value {
    let Some(rings) = stored.as_array().filter(|rings| rings.len() > 1) else {
        return stored.clone();
    };
    let mut points = Vec::new();
    for (i, ring) in rings.iter().enumerate() {
        let Some(ring) = ring.as_array() else {
            return stored.clone();
        };
        for (j, point) in ring.iter().enumerate() {
            match point.as_array().map(Vec::as_slice) {
                Some([_, y]) if i > 0 && j == 0 => {
                    points.push(Value::Array(vec![0.into(), y.clone()]))
                }
                _ => points.push(point.clone()),
            }
        }
    }
    Value::Array(vec![Value::Array(points)])
}

/// The SQLite collation ORDER BY applies to spatial columns.
pub const ORDER_COLLATION: &str = "APPWRITE_WKB";

/// The geometry as MariaDB stores it after the SRID: little-endian WKB.
fn wkb(geometry: &Geometry) -> Vec<u8> {
    fn coords(out: &mut Vec<u8>, points: &[Pt]) {
        for (x, y) in points {
            out.extend_from_slice(&x.to_le_bytes());
            out.extend_from_slice(&y.to_le_bytes());
        }
    }
    fn count(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }
    let mut out = vec![1u8];
    match geometry {
        Geometry::Point(p) => {
            out.extend_from_slice(&1u32.to_le_bytes());
            coords(&mut out, &[*p]);
        }
        Geometry::Line(points) => {
            out.extend_from_slice(&2u32.to_le_bytes());
            count(&mut out, points.len());
            coords(&mut out, points);
        }
        Geometry::Polygon(rings) => {
            out.extend_from_slice(&3u32.to_le_bytes());
            count(&mut out, rings.len());
            for ring in rings {
                count(&mut out, ring.len());
                coords(&mut out, ring);
            }
        }
    }
    out
}

/// Compares two stored spatial values (JSON text) as MariaDB orders a geometry column: by
/// the stored bytes, whose coordinates are little-endian doubles (tour-spatial.jsonl 1.8.1
/// seq 1616: `[5, 5]` before `[10, 5]` before `[100, -45]` before `[12.4964, 41.9028]`).
pub fn compare_stored(a: &str, b: &str) -> std::cmp::Ordering {
    let bytes = |text: &str| {
        serde_json::from_str::<Value>(text)
            .ok()
            .as_ref()
            .and_then(parse_stored)
            .map(|g| wkb(&g))
    };
    match (bytes(a), bytes(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// The parsed constant arguments of one `appwrite_spatial` call site.
struct Prepared {
    method: Option<Method>,
    operand: Option<Operand>,
}

fn sql_function(ctx: &Context<'_>) -> rusqlite::Result<Option<bool>> {
    // Both constant arguments are parsed once per statement and kept with the operand.
    let prepared = ctx.get_or_create_aux(2, |raw: ValueRef<'_>| {
        let method = ctx.get_raw(0).as_str().ok().and_then(Method::parse);
        let operand = match (method, raw) {
            (Some(method), ValueRef::Text(bytes)) => serde_json::from_slice::<Value>(bytes)
                .ok()
                // The column type only matters for the `meters` check, made when planning.
                .and_then(|v| operand(method, "point", &v).ok()),
            _ => None,
        };
        Ok::<_, rusqlite::Error>(Prepared { method, operand })
    })?;
    let (Some(method), Some(operand)) = (prepared.method, prepared.operand.as_ref()) else {
        return Ok(None);
    };
    let stored = match ctx.get_raw(1) {
        ValueRef::Text(bytes) => serde_json::from_slice::<Value>(bytes).ok(),
        _ => None,
    };
    let Some(stored) = stored.as_ref().and_then(parse_stored) else {
        return Ok(None);
    };
    Ok(evaluate(method, &stored, operand))
}

#[cfg(test)]
#[path = "spatial_tests.rs"]
mod tests;
