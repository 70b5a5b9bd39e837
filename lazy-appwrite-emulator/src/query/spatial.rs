//! Geometry for point, line and polygon columns and the spatial query methods, computed
//! in Rust because SQLite has no GIS functions.
//!
//! Appwrite 1.8 runs these queries on MariaDB (utopia-php/database 5.2, `MariaDB.php`
//! `handleSpatialQueries`): every method takes the **first** query value, turns it into WKT
//! (`SQL::convertArrayToWKT`) and compares it with the stored geometry using
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
//! its `not…` form matches that row. `ST_Crosses` is NULL when the column holds a polygon or
//! the query geometry is a point (MariaDB's documented behaviour).
//!
//! The relations follow the OGC DE-9IM definitions. They are evaluated by classifying sample
//! points of the arrangement of both geometries (every vertex and segment intersection, the
//! midpoint of every piece between them, and points just off both sides of every polygon
//! edge piece) as interior, boundary or exterior of each geometry. Coordinates are compared
//! with a tolerance of 1e-9 (degrees), and, as PHP writes them into WKT with 14 significant
//! digits, they are rounded to 14 significant digits first.
//!
//! [`register`] installs the SQLite function `appwrite_spatial(method, stored, operand)` the
//! SQL layer calls for a spatial filter; it answers 1, 0 or NULL.

use rusqlite::Connection;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use serde_json::Value;

use super::parse::Method;
use crate::php;

/// Name of the SQLite function [`register`] installs.
pub const SQL_FUNCTION: &str = "appwrite_spatial";
/// Radius Appwrite passes to `ST_Distance_Sphere` (utopia `Database::EARTH_RADIUS`), metres.
pub const EARTH_RADIUS: f64 = 6_371_000.0;
/// Distance below which two points count as the same point (degrees).
const EPS: f64 = 1e-9;

/// A coordinate pair `(x, y)` = `(longitude, latitude)`.
pub type Pt = (f64, f64);

/// A single geometry.
#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    /// `[x, y]`.
    Point(Pt),
    /// `[[x, y], …]`, at least two points.
    Line(Vec<Pt>),
    /// `[[[x, y], …], …]`: a shell and optional holes, every ring closed.
    Polygon(Vec<Vec<Pt>>),
}

impl Geometry {
    /// Topological dimension: 0, 1 or 2.
    fn dim(&self) -> u8 {
        match self {
            Geometry::Point(_) => 0,
            Geometry::Line(_) => 1,
            Geometry::Polygon(_) => 2,
        }
    }

    /// Every vertex (ring vertices included).
    fn vertices(&self) -> Vec<Pt> {
        match self {
            Geometry::Point(p) => vec![*p],
            Geometry::Line(points) => points.clone(),
            Geometry::Polygon(rings) => rings.iter().flatten().copied().collect(),
        }
    }

    /// Every segment of non-zero length (line pieces or ring edges).
    fn segments(&self) -> Vec<(Pt, Pt)> {
        let chains: Vec<&Vec<Pt>> = match self {
            Geometry::Point(_) => Vec::new(),
            Geometry::Line(points) => vec![points],
            Geometry::Polygon(rings) => rings.iter().collect(),
        };
        chains
            .into_iter()
            .flat_map(|chain| chain.windows(2).map(|w| (w[0], w[1])))
            .filter(|(a, b)| dist(*a, *b) > 0.0)
            .collect()
    }

    /// Bounding box `(min x, min y, max x, max y)`.
    fn bbox(&self) -> (f64, f64, f64, f64) {
        let mut b = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for (x, y) in self.vertices() {
            b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
        }
        b
    }
}

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
    let meters = params.get(2) == Some(&&Value::Bool(true));
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

// ---------------------------------------------------------------------------------------------
// Planar geometry.

fn sub(a: Pt, b: Pt) -> Pt {
    (a.0 - b.0, a.1 - b.1)
}

fn cross(a: Pt, b: Pt) -> f64 {
    a.0 * b.1 - a.1 * b.0
}

fn dot(a: Pt, b: Pt) -> f64 {
    a.0 * b.0 + a.1 * b.1
}

/// Euclidean distance, as MariaDB computes it (`sqrt(dx² + dy²)`).
fn dist(a: Pt, b: Pt) -> f64 {
    let (dx, dy) = sub(a, b);
    (dx * dx + dy * dy).sqrt()
}

fn lerp(s: (Pt, Pt), t: f64) -> Pt {
    (s.0.0 + (s.1.0 - s.0.0) * t, s.0.1 + (s.1.1 - s.0.1) * t)
}

/// Parameter of the point of segment `s` nearest to `p`, in `[0, 1]`.
fn param(s: (Pt, Pt), p: Pt) -> f64 {
    let r = sub(s.1, s.0);
    let len2 = dot(r, r);
    if len2 == 0.0 {
        return 0.0;
    }
    (dot(sub(p, s.0), r) / len2).clamp(0.0, 1.0)
}

/// Distance from `p` to segment `s`.
fn seg_dist(p: Pt, s: (Pt, Pt)) -> f64 {
    dist(p, lerp(s, param(s, p)))
}

fn same(a: Pt, b: Pt) -> bool {
    dist(a, b) <= EPS
}

/// How two segments meet.
enum Meet {
    None,
    Point(Pt),
    Overlap(Pt, Pt),
}

fn meet(a: (Pt, Pt), b: (Pt, Pt)) -> Meet {
    let r = sub(a.1, a.0);
    let s = sub(b.1, b.0);
    let denom = cross(r, s);
    let scale = dot(r, r).sqrt() * dot(s, s).sqrt();
    if denom.abs() <= 1e-12 * scale {
        // Parallel: collinear when b's end points lie on a's supporting line.
        let len2 = dot(r, r);
        let off_line = |p: Pt| cross(sub(p, a.0), r).abs() / len2.sqrt() > EPS;
        if off_line(b.0) || off_line(b.1) {
            return Meet::None;
        }
        let t0 = dot(sub(b.0, a.0), r) / len2;
        let t1 = dot(sub(b.1, a.0), r) / len2;
        let lo = t0.min(t1).max(0.0);
        let hi = t0.max(t1).min(1.0);
        let (p, q) = (lerp(a, lo), lerp(a, hi));
        if lo > hi && !same(p, q) {
            return Meet::None;
        }
        return if same(p, q) {
            Meet::Point(p)
        } else {
            Meet::Overlap(p, q)
        };
    }
    let qp = sub(b.0, a.0);
    let t = cross(qp, s) / denom;
    let u = cross(qp, r) / denom;
    let p = lerp(a, t.clamp(0.0, 1.0));
    let q = lerp(b, u.clamp(0.0, 1.0));
    if same(p, q) {
        Meet::Point(p)
    } else {
        Meet::None
    }
}

/// Where a point lies relative to a geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loc {
    Interior = 0,
    Boundary = 1,
    Exterior = 2,
}

/// Where `p` lies relative to `g`, whose segments are `segments`.
fn locate(g: &Geometry, segments: &[(Pt, Pt)], p: Pt) -> Loc {
    match g {
        Geometry::Point(q) => {
            if same(p, *q) {
                Loc::Interior
            } else {
                Loc::Exterior
            }
        }
        Geometry::Line(points) => {
            let on = segments.iter().any(|s| seg_dist(p, *s) <= EPS)
                || points.iter().any(|q| same(p, *q));
            if !on {
                return Loc::Exterior;
            }
            let (first, last) = (points[0], points[points.len() - 1]);
            let closed = same(first, last);
            if !closed && (same(p, first) || same(p, last)) {
                Loc::Boundary
            } else {
                Loc::Interior
            }
        }
        Geometry::Polygon(rings) => {
            if segments.iter().any(|s| seg_dist(p, *s) <= EPS) {
                return Loc::Boundary;
            }
            let mut inside = false;
            for ring in rings {
                for w in ring.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    if (a.1 > p.1) != (b.1 > p.1) {
                        let x = a.0 + (p.1 - a.1) * (b.0 - a.0) / (b.1 - a.1);
                        if p.0 < x {
                            inside = !inside;
                        }
                    }
                }
            }
            if inside { Loc::Interior } else { Loc::Exterior }
        }
    }
}

/// The intersection matrix of two geometries: for each (location in `a`, location in `b`),
/// the highest dimension of a sample found there (`None`: empty).
struct Matrix([[Option<u8>; 3]; 3]);

impl Matrix {
    fn get(&self, a: Loc, b: Loc) -> Option<u8> {
        self.0[a as usize][b as usize]
    }

    fn has(&self, a: Loc, b: Loc) -> bool {
        self.get(a, b).is_some()
    }

    fn intersects(&self) -> bool {
        use Loc::{Boundary as B, Interior as I};
        self.has(I, I) || self.has(I, B) || self.has(B, I) || self.has(B, B)
    }

    /// Every point of `b` lies in `a` (interior or boundary).
    fn covers(&self) -> bool {
        use Loc::{Boundary as B, Exterior as E, Interior as I};
        self.intersects() && !self.has(E, I) && !self.has(E, B)
    }
}

/// Samples the arrangement of `a` and `b` and classifies every sample in both.
fn relate(a: &Geometry, b: &Geometry) -> Matrix {
    let mut m = Matrix([[None; 3]; 3]);
    // Disjoint bounding boxes: only the exteriors meet the other geometry.
    let (ba, bb) = (a.bbox(), b.bbox());
    if ba.0 > bb.2 + EPS || bb.0 > ba.2 + EPS || ba.1 > bb.3 + EPS || bb.1 > ba.3 + EPS {
        let inner = |g: &Geometry| {
            if g.dim() == 0 {
                Loc::Interior
            } else {
                Loc::Boundary
            }
        };
        m.0[Loc::Interior as usize][Loc::Exterior as usize] = Some(a.dim());
        m.0[Loc::Exterior as usize][Loc::Interior as usize] = Some(b.dim());
        m.0[inner(a) as usize][Loc::Exterior as usize].get_or_insert(0);
        m.0[Loc::Exterior as usize][inner(b) as usize].get_or_insert(0);
        return m;
    }
    let (sa, sb) = (a.segments(), b.segments());
    // A point on either side needs no arrangement: locate it in the other geometry.
    if let Geometry::Point(p) = b {
        return point_matrix(a, &sa, *p, false);
    }
    if let Geometry::Point(p) = a {
        return point_matrix(b, &sb, *p, true);
    }
    let mut samples: Vec<(Pt, u8)> = Vec::new();
    let mut cuts_a: Vec<Vec<f64>> = sa.iter().map(|_| vec![0.0, 1.0]).collect();
    let mut cuts_b: Vec<Vec<f64>> = sb.iter().map(|_| vec![0.0, 1.0]).collect();
    for v in a.vertices().into_iter().chain(b.vertices()) {
        samples.push((v, 0));
    }
    for (i, s) in sa.iter().enumerate() {
        for (j, t) in sb.iter().enumerate() {
            let points = match meet(*s, *t) {
                Meet::None => continue,
                Meet::Point(p) => vec![p],
                Meet::Overlap(p, q) => vec![p, q],
            };
            for p in points {
                samples.push((p, 0));
                cuts_a[i].push(param(*s, p));
                cuts_b[j].push(param(*t, p));
            }
        }
    }
    // Vertices of one geometry lying on the other's segments (points have no segments).
    for (segments, cuts, other) in [(&sa, &mut cuts_a, b), (&sb, &mut cuts_b, a)] {
        for v in other.vertices() {
            for (i, s) in segments.iter().enumerate() {
                if seg_dist(v, *s) <= EPS {
                    cuts[i].push(param(*s, v));
                }
            }
        }
    }
    let all: Vec<(Pt, Pt)> = sa.iter().chain(sb.iter()).copied().collect();
    let mut record = |la: Loc, lb: Loc, d: u8| {
        let cell = &mut m.0[la as usize][lb as usize];
        *cell = Some(cell.map_or(d, |c| c.max(d)));
    };
    for (p, d) in samples {
        record(locate(a, &sa, p), locate(b, &sb, p), d);
    }
    for (first, segments, cuts) in [(true, &sa, &mut cuts_a), (false, &sb, &mut cuts_b)] {
        let polygon = if first { a.dim() == 2 } else { b.dim() == 2 };
        for (s, ts) in segments.iter().zip(cuts.iter_mut()) {
            ts.sort_by(f64::total_cmp);
            ts.dedup_by(|x, y| (*x - *y).abs() <= f64::EPSILON);
            for w in ts.windows(2) {
                let (p, q) = (lerp(*s, w[0]), lerp(*s, w[1]));
                if same(p, q) {
                    continue;
                }
                let mid = lerp(*s, (w[0] + w[1]) / 2.0);
                let (la, lb) = (locate(a, &sa, mid), locate(b, &sb, mid));
                record(la, lb, 1);
                if !polygon {
                    continue;
                }
                // The faces on both sides of a polygon's edge piece: its own interior and
                // exterior. Both lie in the exterior of a line or point, and, off a polygon's
                // boundary, where the midpoint lies in that polygon; on it, look just off
                // both sides.
                let other_is_polygon = if first { b.dim() == 2 } else { a.dim() == 2 };
                let other = match (other_is_polygon, if first { lb } else { la }) {
                    (false, _) => Loc::Exterior,
                    (true, at) => at,
                };
                if other != Loc::Boundary {
                    for own in [Loc::Interior, Loc::Exterior] {
                        if first {
                            record(own, other, 2);
                        } else {
                            record(other, own, 2);
                        }
                    }
                    continue;
                }
                let gap = all
                    .iter()
                    .map(|t| seg_dist(mid, *t))
                    .filter(|d| *d > EPS)
                    .fold(dist(p, q) / 2.0, f64::min);
                let delta = gap / 2.0;
                if delta > 100.0 * EPS {
                    let (dx, dy) = sub(q, p);
                    let len = dist(p, q);
                    let n = (-dy / len * delta, dx / len * delta);
                    for side in [(mid.0 + n.0, mid.1 + n.1), (mid.0 - n.0, mid.1 - n.1)] {
                        record(locate(a, &sa, side), locate(b, &sb, side), 2);
                    }
                }
            }
        }
    }
    m
}

/// The matrix of geometry `g` (segments `segments`) against point `p`; `transposed` when
/// the point is the first geometry.
fn point_matrix(g: &Geometry, segments: &[(Pt, Pt)], p: Pt, transposed: bool) -> Matrix {
    let mut m = Matrix([[None; 3]; 3]);
    let mut set = |x: Loc, y: Loc, d: u8| {
        let (i, j) = if transposed { (y, x) } else { (x, y) };
        let cell = &mut m.0[i as usize][j as usize];
        *cell = Some(cell.map_or(d, |c| c.max(d)));
    };
    let at = locate(g, segments, p);
    set(at, Loc::Interior, 0);
    match g {
        Geometry::Point(_) => {
            if at == Loc::Exterior {
                set(Loc::Interior, Loc::Exterior, 0);
            }
        }
        Geometry::Line(points) => {
            set(Loc::Interior, Loc::Exterior, 1);
            let closed = same(points[0], points[points.len() - 1]);
            if !closed {
                // Two end points: at least one lies off the point.
                set(Loc::Boundary, Loc::Exterior, 0);
            }
        }
        Geometry::Polygon(_) => {
            set(Loc::Interior, Loc::Exterior, 2);
            set(Loc::Boundary, Loc::Exterior, 1);
        }
    }
    m
}

/// `ST_Intersects`: the geometries share a point.
pub fn intersects(a: &Geometry, b: &Geometry) -> bool {
    relate(a, b).intersects()
}

/// `ST_Equals`: the same point set.
pub fn equals(a: &Geometry, b: &Geometry) -> bool {
    let m = relate(a, b);
    use Loc::{Boundary as B, Exterior as E, Interior as I};
    m.covers() && !m.has(I, E) && !m.has(B, E)
}

/// MariaDB's boundary-inclusive `ST_Contains`: every point of `b` lies in `a`.
pub fn contains(a: &Geometry, b: &Geometry) -> bool {
    relate(a, b).covers()
}

/// `ST_Touches`: they meet, but their interiors do not.
pub fn touches(a: &Geometry, b: &Geometry) -> bool {
    let m = relate(a, b);
    use Loc::{Boundary as B, Interior as I};
    !m.has(I, I) && (m.has(I, B) || m.has(B, I) || m.has(B, B))
}

/// `ST_Crosses`: NULL when `a` is a polygon or `b` a point; line/line: the interiors meet in
/// points only; otherwise `a`'s interior meets both `b`'s interior and its exterior.
pub fn crosses(a: &Geometry, b: &Geometry) -> Option<bool> {
    if a.dim() == 2 || b.dim() == 0 {
        return None;
    }
    let m = relate(a, b);
    use Loc::{Exterior as E, Interior as I};
    Some(if a.dim() == 1 && b.dim() == 1 {
        m.get(I, I) == Some(0)
    } else {
        m.has(I, I) && m.has(I, E)
    })
}

/// `ST_Overlaps`: same dimension, the interiors meet in that dimension, and each has points
/// outside the other.
pub fn overlaps(a: &Geometry, b: &Geometry) -> bool {
    if a.dim() != b.dim() {
        return false;
    }
    let m = relate(a, b);
    use Loc::{Exterior as E, Interior as I};
    let interiors = if a.dim() == 1 {
        m.get(I, I) == Some(1)
    } else {
        m.has(I, I)
    };
    interiors && m.has(I, E) && m.has(E, I)
}

/// `ST_Distance`: the planar minimum distance (0 when they meet).
pub fn distance(a: &Geometry, b: &Geometry) -> f64 {
    if intersects(a, b) {
        return 0.0;
    }
    let (va, vb) = (a.vertices(), b.vertices());
    let (sa, sb) = (a.segments(), b.segments());
    let mut best = f64::INFINITY;
    for p in &va {
        for q in &vb {
            best = best.min(dist(*p, *q));
        }
        for s in &sb {
            best = best.min(seg_dist(*p, *s));
        }
    }
    for q in &vb {
        for s in &sa {
            best = best.min(seg_dist(*q, *s));
        }
    }
    best
}

/// `ST_Distance_Sphere(a, b, radius)`: the haversine distance between two `(lon, lat)`
/// points in degrees, in the unit of `radius`.
pub fn sphere_distance(a: Pt, b: Pt, radius: f64) -> f64 {
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * radius * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn g(v: Value) -> Geometry {
        parse_query_geometry(&v).unwrap().1.unwrap()
    }

    fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> Geometry {
        g(json!([[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]))
    }

    #[test]
    fn reads_query_geometries_like_convert_array_to_wkt() {
        assert_eq!(
            parse_query_geometry(&json!([1, "2.5"])),
            Ok(("point", Some(Geometry::Point((1.0, 2.5)))))
        );
        assert_eq!(
            parse_query_geometry(&json!([[1, 2], [3, 4]])).unwrap().0,
            "linestring"
        );
        assert_eq!(
            parse_query_geometry(&json!([[[0, 0], [1, 0], [1, 1], [0, 0]]]))
                .unwrap()
                .0,
            "polygon"
        );
        // A one-point line and an unclosed ring are valid WKT that MariaDB turns into NULL.
        assert_eq!(
            parse_query_geometry(&json!([[1, 2]])),
            Ok(("linestring", None))
        );
        assert_eq!(
            parse_query_geometry(&json!([[[0, 0], [1, 0], [1, 1], [0, 1]]])),
            Ok(("polygon", None))
        );
        for bad in [
            json!([]),
            json!(["a", "b", "c"]),
            json!([[1, 2], [3]]),
            json!([[[0, 0], [1, "x"]]]),
            json!({"a": 1, "b": 2}),
            json!([true, false]),
        ] {
            assert_eq!(parse_query_geometry(&bad), Err(Unrecognized), "{bad}");
        }
        assert_eq!(
            parse_query_geometry(&json!({"0": 1, "1": 2})).unwrap().1,
            Some(Geometry::Point((1.0, 2.0)))
        );
    }

    #[test]
    fn reads_stored_values() {
        assert_eq!(
            parse_stored(&json!([1, 2])),
            Some(Geometry::Point((1.0, 2.0)))
        );
        assert_eq!(
            parse_stored(&json!([[1, 2], [3, 4]])),
            Some(Geometry::Line(vec![(1.0, 2.0), (3.0, 4.0)]))
        );
        assert!(matches!(
            parse_stored(&json!([[[0, 0], [1, 0], [1, 1], [0, 0]]])),
            Some(Geometry::Polygon(_))
        ));
        assert_eq!(parse_stored(&json!("x")), None);
        // 14 significant digits, as PHP interpolates floats into WKT.
        assert_eq!(
            parse_stored(&json!([0.30000000000000004, 1])),
            Some(Geometry::Point((0.3, 1.0)))
        );
    }

    #[test]
    fn points() {
        let p = g(json!([6, 6]));
        assert!(equals(&p, &g(json!([6.0, 6.0]))));
        assert!(!equals(&p, &g(json!([1, 1]))));
        assert!(intersects(&p, &g(json!([6, 6]))));
        assert!(!intersects(&p, &g(json!([1, 1]))));
        assert!(contains(&p, &g(json!([6, 6]))));
        assert!(!touches(&p, &g(json!([6, 6]))));
        assert!(!overlaps(&p, &g(json!([6, 6]))));
        assert_eq!(crosses(&p, &g(json!([6, 6]))), None);
        assert_eq!(crosses(&p, &g(json!([[0, 0], [9, 9]]))), Some(false));
        assert_eq!(distance(&g(json!([5, 5])), &g(json!([6, 6]))), 2f64.sqrt());
        assert_eq!(distance(&g(json!([7, 6])), &g(json!([6, 6]))), 1.0);
    }

    #[test]
    fn lines() {
        let line = g(json!([[1, 1], [1.1, 1.1], [2, 2]]));
        // Boundary-inclusive contains: vertices, end points, interior points.
        assert!(contains(&line, &g(json!([1.1, 1.1]))));
        assert!(contains(&line, &g(json!([1, 1]))));
        assert!(contains(&line, &g(json!([1.5, 1.5]))));
        assert!(!contains(&line, &g(json!([1, 2]))));
        assert!(contains(&line, &g(json!([[1.2, 1.2], [1.8, 1.8]]))));
        assert!(!contains(&line, &g(json!([[1.2, 1.2], [2.5, 2.5]]))));
        // Crossing in one point.
        let x = g(json!([[1, 2], [2, 1]]));
        assert_eq!(crosses(&line, &x), Some(true));
        assert!(intersects(&line, &x));
        assert!(!touches(&line, &x));
        assert!(!overlaps(&line, &x));
        // Apart.
        let apart = g(json!([[0, 1], [0, 2]]));
        assert_eq!(crosses(&line, &apart), Some(false));
        assert!(!intersects(&line, &apart));
        assert_eq!(distance(&line, &apart), 1.0);
        // Meeting at an end point: touches, does not cross.
        let end = g(json!([[2, 2], [3, 1]]));
        assert!(touches(&line, &end));
        assert_eq!(crosses(&line, &end), Some(false));
        // A shared stretch: overlaps, does not cross.
        let along = g(json!([[1.5, 1.5], [3, 3]]));
        assert!(overlaps(&line, &along));
        assert_eq!(crosses(&line, &along), Some(false));
        assert!(!touches(&line, &along));
        // The same path, differently split and reversed, is equal.
        assert!(equals(
            &g(json!([[0, 0], [2, 2]])),
            &g(json!([[2, 2], [1, 1], [0, 0]]))
        ));
        assert!(!equals(
            &g(json!([[0, 0], [2, 2]])),
            &g(json!([[0, 0], [1, 1]]))
        ));
        // A line crossing into a polygon.
        let sq = square(0.0, 0.0, 10.0, 10.0);
        assert_eq!(crosses(&g(json!([[5, 5], [15, 5]])), &sq), Some(true));
        assert_eq!(crosses(&g(json!([[2, 2], [8, 8]])), &sq), Some(false));
        assert_eq!(crosses(&sq, &g(json!([[5, 5], [15, 5]]))), None);
        // A line along a polygon's edge touches it.
        assert!(touches(&g(json!([[0, 0], [10, 0]])), &sq));
        assert!(touches(&g(json!([[10, 5], [20, 5]])), &sq));
    }

    #[test]
    fn polygons() {
        let sq = square(0.0, 0.0, 10.0, 10.0);
        assert!(contains(&sq, &g(json!([5, 5]))));
        assert!(contains(&sq, &g(json!([0, 5]))), "boundary-inclusive");
        assert!(!contains(&sq, &g(json!([15, 15]))));
        assert!(contains(&sq, &square(2.0, 2.0, 8.0, 8.0)));
        assert!(contains(&sq, &sq.clone()));
        assert!(!contains(&square(2.0, 2.0, 8.0, 8.0), &sq));
        assert!(intersects(&sq, &g(json!([0, 0]))));
        assert!(intersects(&sq, &g(json!([[0, 10], [20, 10]]))));
        assert!(!intersects(&sq, &g(json!([60, 60]))));
        // Partly overlapping squares.
        let shifted = square(5.0, 5.0, 12.0, 12.0);
        assert!(overlaps(&sq, &shifted));
        assert!(!touches(&sq, &shifted));
        assert!(!overlaps(&sq, &square(60.0, 60.0, 70.0, 70.0)));
        assert!(
            !overlaps(&sq, &square(2.0, 2.0, 8.0, 8.0)),
            "containment is not overlap"
        );
        assert!(!overlaps(&sq, &sq.clone()));
        // Sharing a corner or an edge: touches.
        let corner = square(10.0, 10.0, 20.0, 20.0);
        assert!(touches(&sq, &corner));
        assert!(touches(&sq, &square(10.0, 0.0, 20.0, 10.0)));
        assert!(touches(&square(20.0, 20.0, 30.0, 30.0), &corner));
        assert!(!touches(&sq, &square(60.0, 60.0, 70.0, 70.0)));
        assert!(touches(&sq, &g(json!([10, 5]))));
        assert!(!touches(&sq, &g(json!([5, 5]))));
        // Edges that partly coincide: touching when the interiors stay apart, overlapping
        // when they meet too.
        assert!(touches(&sq, &square(10.0, 5.0, 20.0, 15.0)));
        assert!(!overlaps(&sq, &square(10.0, 5.0, 20.0, 15.0)));
        assert!(overlaps(&sq, &square(5.0, 0.0, 15.0, 10.0)));
        assert!(!touches(&sq, &square(5.0, 0.0, 15.0, 10.0)));
        // Lines against a polygon: inside, along the edge, through a corner.
        assert!(contains(&sq, &g(json!([[2, 2], [8, 8]]))));
        assert!(
            contains(&sq, &g(json!([[0, 0], [10, 0]]))),
            "boundary-inclusive"
        );
        assert!(!contains(&sq, &g(json!([[5, 5], [15, 5]]))));
        assert_eq!(crosses(&g(json!([[-5, -5], [5, 5]])), &sq), Some(true));
        assert!(touches(&g(json!([[10, 10], [15, 20]])), &sq));
        assert!(!intersects(&g(json!([[11, 0], [11, 10]])), &sq));
        // Equality ignores the starting vertex and orientation.
        let rotated = g(json!([[[10, 10], [0, 10], [0, 0], [10, 0], [10, 10]]]));
        assert!(equals(&sq, &rotated));
        assert!(!equals(&sq, &shifted));
        // Holes are outside.
        let donut = g(json!([
            [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
            [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
        ]));
        assert!(!contains(&donut, &g(json!([5, 5]))));
        assert!(contains(&donut, &g(json!([2, 2]))));
        assert!(!intersects(&donut, &g(json!([5, 5]))));
        // Distances.
        assert_eq!(distance(&sq, &g(json!([5, 5]))), 0.0);
        assert_eq!(distance(&sq, &g(json!([13, 14]))), 5.0);
        assert_eq!(distance(&sq, &square(20.0, 0.0, 30.0, 10.0)), 10.0);
        // An L shape containing a small rectangle, not the notch.
        let l = g(json!([[
            [0, 0],
            [0, 20],
            [20, 20],
            [20, 15],
            [15, 15],
            [15, 5],
            [20, 5],
            [20, 0],
            [0, 0]
        ]]));
        assert!(contains(&l, &square(5.0, 5.0, 10.0, 10.0)));
        assert!(!contains(&l, &g(json!([17, 10]))));
        assert!(contains(&l, &g(json!([10, 10]))));
    }

    #[test]
    fn geodesic_distance() {
        // 0.009 degrees of longitude at the equator is about 1 km.
        let d = sphere_distance((0.0, 0.0), (0.009, 0.0), EARTH_RADIUS);
        assert!((d - 1000.75).abs() < 0.01, "{d}");
        assert_eq!(
            sphere_distance((10.0, 20.0), (10.0, 20.0), EARTH_RADIUS),
            0.0
        );
        // Paris to London, about 343.5 km.
        let d = sphere_distance((2.3522, 48.8566), (-0.1276, 51.5072), EARTH_RADIUS);
        assert!((d - 343_500.0).abs() < 1_000.0, "{d}");
    }

    #[test]
    fn operands_and_evaluation() {
        let point = g(json!([0.009, 0]));
        let op = operand(
            Method::DistanceLessThan,
            "point",
            &json!([[0, 0], 1500, true]),
        )
        .unwrap();
        assert_eq!(evaluate(Method::DistanceLessThan, &point, &op), Some(true));
        let op = operand(
            Method::DistanceLessThan,
            "point",
            &json!([[0, 0], 500, true]),
        )
        .unwrap();
        assert_eq!(evaluate(Method::DistanceLessThan, &point, &op), Some(false));
        // Without `meters` the distance is in degrees.
        let op = operand(
            Method::DistanceLessThan,
            "point",
            &json!([[0, 0], 0.01, false]),
        )
        .unwrap();
        assert_eq!(evaluate(Method::DistanceLessThan, &point, &op), Some(true));
        assert_eq!(
            operand(
                Method::DistanceEqual,
                "linestring",
                &json!([[0, 0], 1, true])
            ),
            Err(OperandError::Query(
                "Distance in meters is not supported between linestring and point".into()
            ))
        );
        assert_eq!(
            operand(
                Method::DistanceEqual,
                "point",
                &json!([[[0, 0], [1, 1]], 1, true])
            ),
            Err(OperandError::Query(
                "Distance in meters is not supported between point and linestring".into()
            ))
        );
        assert_eq!(
            operand(Method::Intersects, "point", &json!(["x", "y", "z"])),
            Err(OperandError::Unrecognized)
        );
        assert_eq!(
            operand(Method::DistanceEqual, "point", &json!([[0, 0], [1], false])),
            Err(OperandError::Unrecognized)
        );
        // Negations are NULL where the predicate is.
        let poly = square(0.0, 0.0, 1.0, 1.0);
        let op = operand(Method::NotCrosses, "polygon", &json!([[0, 0], [2, 2]])).unwrap();
        assert_eq!(evaluate(Method::NotCrosses, &poly, &op), None);
        let op = operand(Method::NotIntersects, "polygon", &json!([5, 5])).unwrap();
        assert_eq!(evaluate(Method::NotIntersects, &poly, &op), Some(true));
        // An unusable query geometry matches nothing either way.
        let op = operand(Method::NotEqual, "polygon", &json!([[1, 1]])).unwrap();
        assert_eq!(evaluate(Method::NotEqual, &poly, &op), None);
    }

    #[test]
    fn sql_function() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let call = |method: &str, stored: Option<&str>, operand: &str| -> Option<bool> {
            conn.query_row(
                "SELECT appwrite_spatial(?1, ?2, ?3)",
                rusqlite::params![method, stored, operand],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(call("intersects", Some("[1,1]"), "[1,1]"), Some(true));
        assert_eq!(call("notIntersects", Some("[1,1]"), "[1,1]"), Some(false));
        assert_eq!(call("intersects", None, "[1,1]"), None);
        assert_eq!(
            call("distanceEqual", Some("[7,6]"), "[[6,6],1,false]"),
            Some(true)
        );
        assert_eq!(call("bogus", Some("[7,6]"), "[6,6]"), None);
    }
}
