//! Planar geometry for the emulator's spatial columns: the geometry type, the OGC DE-9IM
//! relations and distances, computed in Rust because SQLite has no GIS functions.
//!
//! The relations are evaluated by classifying sample points of the arrangement of both
//! geometries (every vertex and segment intersection, the midpoint of every piece between
//! them, and points just off both sides of every polygon edge piece) as interior, boundary
//! or exterior of each geometry. Coordinates are compared with a tolerance of 1e-9
//! (degrees).

/// Distance below which two points count as the same point (degrees).
pub(super) const EPS: f64 = 1e-9;

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
    pub(super) fn dim(&self) -> u8 {
        match self {
            Geometry::Point(_) => 0,
            Geometry::Line(_) => 1,
            Geometry::Polygon(_) => 2,
        }
    }

    /// Every vertex (ring vertices included).
    pub(super) fn vertices(&self) -> Vec<Pt> {
        match self {
            Geometry::Point(p) => vec![*p],
            Geometry::Line(points) => points.clone(),
            Geometry::Polygon(rings) => rings.iter().flatten().copied().collect(),
        }
    }

    /// Every segment of non-zero length (line pieces or ring edges).
    pub(super) fn segments(&self) -> Vec<(Pt, Pt)> {
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
    pub(super) fn bbox(&self) -> (f64, f64, f64, f64) {
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
// Planar geometry.

pub(super) fn sub(a: Pt, b: Pt) -> Pt {
    (a.0 - b.0, a.1 - b.1)
}

pub(super) fn cross(a: Pt, b: Pt) -> f64 {
    a.0 * b.1 - a.1 * b.0
}

pub(super) fn dot(a: Pt, b: Pt) -> f64 {
    a.0 * b.0 + a.1 * b.1
}

/// Euclidean distance, as MariaDB computes it (`sqrt(dx² + dy²)`).
pub(super) fn dist(a: Pt, b: Pt) -> f64 {
    let (dx, dy) = sub(a, b);
    (dx * dx + dy * dy).sqrt()
}

pub(super) fn lerp(s: (Pt, Pt), t: f64) -> Pt {
    (s.0.0 + (s.1.0 - s.0.0) * t, s.0.1 + (s.1.1 - s.0.1) * t)
}

/// Parameter of the point of segment `s` nearest to `p`, in `[0, 1]`.
pub(super) fn param(s: (Pt, Pt), p: Pt) -> f64 {
    let r = sub(s.1, s.0);
    let len2 = dot(r, r);
    if len2 == 0.0 {
        return 0.0;
    }
    (dot(sub(p, s.0), r) / len2).clamp(0.0, 1.0)
}

/// Distance from `p` to segment `s`.
pub(super) fn seg_dist(p: Pt, s: (Pt, Pt)) -> f64 {
    dist(p, lerp(s, param(s, p)))
}

pub(super) fn same(a: Pt, b: Pt) -> bool {
    dist(a, b) <= EPS
}

/// How two segments meet.
pub(super) enum Meet {
    None,
    Point(Pt),
    Overlap(Pt, Pt),
}

pub(super) fn meet(a: (Pt, Pt), b: (Pt, Pt)) -> Meet {
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
pub(super) enum Loc {
    Interior = 0,
    Boundary = 1,
    Exterior = 2,
}

/// Where `p` lies relative to `g`, whose segments are `segments`.
pub(super) fn locate(g: &Geometry, segments: &[(Pt, Pt)], p: Pt) -> Loc {
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
pub(super) struct Matrix([[Option<u8>; 3]; 3]);

impl Matrix {
    pub(super) fn get(&self, a: Loc, b: Loc) -> Option<u8> {
        self.0[a as usize][b as usize]
    }

    pub(super) fn has(&self, a: Loc, b: Loc) -> bool {
        self.get(a, b).is_some()
    }

    pub(super) fn intersects(&self) -> bool {
        use Loc::{Boundary as B, Interior as I};
        self.has(I, I) || self.has(I, B) || self.has(B, I) || self.has(B, B)
    }

    /// Every point of `b` lies in `a` (interior or boundary).
    pub(super) fn covers(&self) -> bool {
        use Loc::{Boundary as B, Exterior as E, Interior as I};
        self.intersects() && !self.has(E, I) && !self.has(E, B)
    }
}

/// Samples the arrangement of `a` and `b` and classifies every sample in both.
pub(super) fn relate(a: &Geometry, b: &Geometry) -> Matrix {
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
pub(super) fn point_matrix(g: &Geometry, segments: &[(Pt, Pt)], p: Pt, transposed: bool) -> Matrix {
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
