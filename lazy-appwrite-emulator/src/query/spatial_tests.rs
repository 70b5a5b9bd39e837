//! Tests of `spatial`.

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

#[test]
fn only_planar_distances_keep_null() {
    // ST_Distance keeps its NULL flag; ST_Distance_Sphere (metres) and the predicates do not.
    assert!(null_sticks(Method::DistanceLessThan, "[[3,3],2,false]"));
    assert!(null_sticks(Method::DistanceNotEqual, "[[3,3],2]"));
    // Only a literal `true` means metres.
    assert!(null_sticks(Method::DistanceEqual, "[[0,0],0,1]"));
    assert!(null_sticks(
        Method::DistanceEqual,
        r#"{"0":[0,0],"1":0,"2":false}"#
    ));
    assert!(!null_sticks(Method::DistanceLessThan, "[[3,3],2000,true]"));
    assert!(!null_sticks(Method::Intersects, "[3,3]"));
    assert!(!null_sticks(Method::DistanceLessThan, "not json"));
}
