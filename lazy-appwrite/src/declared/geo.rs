//! Values of spatial columns: [`Point`], [`Line`] and [`Polygon`], as Appwrite writes them
//! (`[longitude, latitude]`, lists of those, lists of closed rings).

use serde::{Deserialize, Serialize};

/// A point, `[longitude, latitude]` on the wire.
///
/// ```
/// use lazy_appwrite::schema::Point;
/// let p = Point::new(2.35, 48.85);
/// assert_eq!(serde_json::to_string(&p)?, "[2.35,48.85]");
/// assert_eq!(serde_json::from_str::<Point>("[2.35,48.85]")?, p);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(from = "[f64; 2]", into = "[f64; 2]")]
pub struct Point {
    /// Longitude, −180 to 180.
    pub lon: f64,
    /// Latitude, −90 to 90.
    pub lat: f64,
}

impl Point {
    /// The point at `lon`, `lat`.
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// Whether both coordinates are finite and within their ranges.
    ///
    /// ```
    /// assert!(!lazy_appwrite::schema::Point::new(181.0, 0.0).is_valid());
    /// ```
    pub fn is_valid(&self) -> bool {
        self.lon.is_finite()
            && self.lat.is_finite()
            && self.lon.abs() <= 180.0
            && self.lat.abs() <= 90.0
    }
}

impl From<[f64; 2]> for Point {
    fn from([lon, lat]: [f64; 2]) -> Self {
        Self { lon, lat }
    }
}

impl From<Point> for [f64; 2] {
    fn from(p: Point) -> Self {
        [p.lon, p.lat]
    }
}

impl From<Point> for serde_json::Value {
    fn from(p: Point) -> Self {
        serde_json::json!([p.lon, p.lat])
    }
}

/// A line: two or more points.
///
/// ```
/// use lazy_appwrite::schema::{Line, Point};
/// let l = Line(vec![Point::new(0.0, 0.0), Point::new(1.0, 1.0)]);
/// assert_eq!(serde_json::to_string(&l)?, "[[0.0,0.0],[1.0,1.0]]");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Line(pub Vec<Point>);

impl From<Line> for serde_json::Value {
    fn from(l: Line) -> Self {
        serde_json::Value::Array(l.0.into_iter().map(Into::into).collect())
    }
}

/// A polygon: one or more closed rings (first point = last point), each of four or more
/// points.
///
/// ```
/// use lazy_appwrite::schema::{Point, Polygon};
/// let square = Polygon(vec![vec![
///     Point::new(0.0, 0.0), Point::new(1.0, 0.0), Point::new(1.0, 1.0), Point::new(0.0, 0.0),
/// ]]);
/// assert_eq!(serde_json::to_value(&square)?[0][3], serde_json::json!([0.0, 0.0]));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Polygon(pub Vec<Vec<Point>>);

impl From<Polygon> for serde_json::Value {
    fn from(p: Polygon) -> Self {
        serde_json::Value::Array(
            p.0.into_iter()
                .map(|ring| serde_json::Value::Array(ring.into_iter().map(Into::into).collect()))
                .collect(),
        )
    }
}
