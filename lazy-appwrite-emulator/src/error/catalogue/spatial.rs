//! The messages of the database's spatial check (points, lines, polygons, WKT strings),
//! which [`super::validators::spatial`] wraps in the validator's description.

/// a string that is not well-formed WKT.
pub const fn wkt_invalid() -> &'static str {
    "Invalid WKT string"
}

/// a WKT string of another geometry (`kind` in upper case).
pub fn wkt_other_kind(kind: &str) -> String {
    format!("Spatial value must be a {kind} WKT string")
}

/// a line's point with non-numeric coordinates.
pub const fn line_point_not_numeric() -> &'static str {
    "Each point in LineString must have numeric coordinates"
}

/// a line's point out of bounds (`message` the coordinate check's).
pub fn line_point_invalid(index: usize, message: &str) -> String {
    format!("Invalid coordinates at point #{index}: {message}")
}

/// a polygon's point with non-numeric coordinates.
pub fn ring_point_not_numeric(index: usize, ring: usize) -> String {
    format!("Coordinates of point #{index} in ring #{ring} must be numeric")
}

/// a polygon's point out of bounds (`message` the coordinate check's).
pub fn ring_point_invalid(index: usize, ring: usize, message: &str) -> String {
    format!("Invalid coordinates at point #{index} in ring #{ring}: {message}")
}

/// Neither a list nor a WKT string.
pub const fn not_array_or_wkt() -> &'static str {
    "Spatial value must be array or WKT string"
}

/// A longitude outside -180..=180 (`x` as PHP prints a float).
pub fn longitude_out_of_range(x: &str) -> String {
    format!("Longitude (x) must be between -180 and 180, got {x}")
}

/// A latitude outside -90..=90 (`y` as PHP prints a float).
pub fn latitude_out_of_range(y: &str) -> String {
    format!("Latitude (y) must be between -90 and 90, got {y}")
}

/// A point that is not a list of two values.
pub const fn point_not_a_pair() -> &'static str {
    "Point must be an array of two numeric values [x, y]"
}

/// A point with non-numeric coordinates.
pub const fn point_not_numeric() -> &'static str {
    "Point coordinates must be numeric values"
}

/// A line of fewer than two points.
pub const fn line_too_short() -> &'static str {
    "LineString must contain at least two points"
}

/// A line's point that is not a list of two values.
pub const fn line_point_not_a_pair() -> &'static str {
    "Each point in LineString must be an array of two values [x, y]"
}

/// A polygon without rings.
pub const fn polygon_without_rings() -> &'static str {
    "Polygon must contain at least one ring"
}

/// Ring `ring` is empty or not a list.
pub fn ring_not_a_list(ring: usize) -> String {
    format!("Ring #{ring} must be an array of points")
}

/// Ring `ring` has fewer than 4 points.
pub fn ring_too_short(ring: usize) -> String {
    format!("Ring #{ring} must contain at least 4 points to form a closed polygon")
}

/// Point `index` of ring `ring` is not a list of two values.
pub fn ring_point_not_a_pair(index: usize, ring: usize) -> String {
    format!("Point #{index} in ring #{ring} must be an array of two values [x, y]")
}

/// Ring `ring`'s first and last points differ.
pub fn ring_not_closed(ring: usize) -> String {
    format!("Ring #{ring} must be closed (first point must equal last point)")
}
