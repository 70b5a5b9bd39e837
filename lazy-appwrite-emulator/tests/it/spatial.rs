//! Point, line and polygon columns and the spatial and distance
//! query methods (§8.2), computed in Rust over SQLite.

use crate::common;

use common::{Api, q};
use serde_json::{Value, json};

const ROWS: &str = "/tablesdb/db/tables/t/rows";
const COLUMNS: &str = "/tablesdb/db/tables/t/columns";

// ------------------------------------------------------------------------------------------
// Columns

#[tokio::test]
async fn create_get_and_update_spatial_columns() {
    let api = Api::start().await;
    api.table("db", "t").await;
    for (segment, key, type_name, default) in [
        ("point", "loc", "point", json!([1.5, 2])),
        ("line", "route", "linestring", json!([[0, 0], [1, 1]])),
        (
            "polygon",
            "area",
            "polygon",
            json!([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]),
        ),
    ] {
        let r = api
            .post(
                &format!("{COLUMNS}/{segment}"),
                json!({"key": key, "required": false, "default": default}),
            )
            .await;
        r.assert_status(202);
        assert_eq!(r.body["type"], type_name);
        assert_eq!(r.body["status"], "processing");
        assert_eq!(r.body["default"], default);
        assert_eq!(r.body["array"], false);
        assert!(r.body.get("size").is_none() && r.body.get("format").is_none());
        api.wait_column("db", "t", key).await;
        let r = api.get(&format!("{COLUMNS}/{key}")).await;
        assert_eq!(
            (r.body["type"].clone(), r.body["status"].clone()),
            (json!(type_name), json!("available"))
        );
    }
    // A polygon default given as a bare ring is kept as sent in the column model
    // (columns.jsonl 1.8.1 seq 528); rows get it as a ring list.
    api.post(
        &format!("{COLUMNS}/polygon"),
        json!({"key": "ring", "required": false, "default": [[0, 0], [1, 0], [1, 1], [0, 0]]}),
    )
    .await
    .assert_status(202);
    api.wait_column("db", "t", "ring").await;
    assert_eq!(
        api.get(&format!("{COLUMNS}/ring")).await.body["default"],
        json!([[0, 0], [1, 0], [1, 1], [0, 0]])
    );
    // Rows take the defaults.
    let r = api.row("db", "t", "r1", json!({"area": null})).await;
    r.assert_status(201);
    assert_eq!(r.body["loc"], json!([1.5, 2]));
    assert_eq!(r.body["route"], json!([[0, 0], [1, 1]]));
    assert_eq!(r.body["ring"], json!([[[0, 0], [1, 0], [1, 1], [0, 0]]]));

    // Update: `required` is needed, `default` optional; omitting it clears the default.
    let r = api
        .patch(
            &format!("{COLUMNS}/point/loc"),
            json!({"required": false, "default": [3, 4]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["default"], json!([3, 4]));
    let r = api
        .patch(&format!("{COLUMNS}/point/loc"), json!({"required": false}))
        .await;
    r.assert_status(200);
    assert_eq!(r.body["default"], Value::Null);
    let r = api
        .patch(
            &format!("{COLUMNS}/line/route"),
            json!({"required": false, "newKey": "path"}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.body["key"], "path");
    api.patch(&format!("{COLUMNS}/point/loc"), json!({"default": null}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"required\" is not optional.",
        );
    api.patch(
        &format!("{COLUMNS}/point/loc"),
        json!({"required": true, "default": [1, 1]}),
    )
    .await
    .assert_error(400, "column_default_unsupported");
}

#[tokio::test]
async fn spatial_column_parameter_errors() {
    let api = Api::start().await;
    api.table("db", "t").await;
    api.post(&format!("{COLUMNS}/point"), json!({"key": "loc"}))
        .await
        .assert_error_msg(
            400,
            "general_argument_invalid",
            "Param \"required\" is not optional.",
        );
    let r = api
        .post(
            &format!("{COLUMNS}/point"),
            json!({"key": "loc", "required": false, "default": [1, 2, 3]}),
        )
        .await;
    r.assert_error(400, "general_argument_invalid");
    assert_eq!(
        r.message(),
        "Invalid `default` param: Value must be a valid point: Point must be an array of two numeric values [x, y] or null"
    );
    let r = api
        .post(
            &format!("{COLUMNS}/polygon"),
            json!({"key": "a", "required": false, "default": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}),
        )
        .await;
    r.assert_error_msg(
        400,
        "general_argument_invalid",
        "Ring #0 must be closed (first point must equal last point)",
    );
    api.post(
        &format!("{COLUMNS}/line"),
        json!({"key": "l", "required": true, "default": [[0, 0], [1, 1]]}),
    )
    .await
    .assert_error(400, "column_default_unsupported");
}

#[tokio::test]
async fn required_spatial_column_needs_an_empty_table() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "name", "type": "string", "size": 10}]),
        json!([]),
    )
    .await;
    api.row("db", "t", "r1", json!({"name": "x"}))
        .await
        .assert_status(201);
    for segment in ["point", "line", "polygon"] {
        let r = api
            .post(
                &format!("{COLUMNS}/{segment}"),
                json!({"key": format!("{segment}Col"), "required": true}),
            )
            .await;
        r.assert_error(400, "row_invalid_structure");
        assert_eq!(
            r.message(),
            "Invalid document structure: Failed to add required spatial column: existing rows present. Make the column optional."
        );
        api.post(
            &format!("{COLUMNS}/{segment}"),
            json!({"key": format!("{segment}Col"), "required": false, "default": null}),
        )
        .await
        .assert_status(202);
    }
}

#[tokio::test]
async fn spatial_row_values() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([
            {"key": "loc", "type": "point"},
            {"key": "route", "type": "linestring"},
            {"key": "area", "type": "polygon"}
        ]),
        json!([]),
    )
    .await;
    let r = api
        .row("db", "t", "r1", json!({"loc": [40.7128, -74.006], "route": "LINESTRING(0 0, 1 1)", "area": [[0, 0], [1, 0], [1, 1], [0, 0]]}))
        .await;
    r.assert_status(201);
    assert_eq!(r.body["loc"], json!([40.7128, -74.006]));
    assert_eq!(r.body["route"], json!([[0, 0], [1, 1]]), "WKT is accepted");
    assert_eq!(r.body["area"], json!([[[0, 0], [1, 0], [1, 1], [0, 0]]]));
    for (data, part) in [
        (
            json!({"loc": [1, 2, 3]}),
            "Attribute \"loc\" has invalid type. Value must be a valid point: Point must be an array of two numeric values [x, y]",
        ),
        (
            json!({"loc": [0, 91]}),
            "Latitude (y) must be between -90 and 90, got 91",
        ),
        (
            json!({"route": [[0, 0]]}),
            "LineString must contain at least two points",
        ),
        (
            json!({"area": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}),
            "Ring #0 must be closed (first point must equal last point)",
        ),
    ] {
        api.row("db", "t", "bad", data)
            .await
            .assert_error_msg(400, "row_invalid_structure", part);
    }
}

// ------------------------------------------------------------------------------------------
// Queries

/// Appwrite's `testSpatialQuery` table: rows `row1`…`row3` with a point, a line and a polygon;
/// plus `row4` with NULL geometries.
async fn query_setup() -> Api {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([
            {"key": "name", "type": "string", "size": 256, "required": true},
            {"key": "pointAttr", "type": "point"},
            {"key": "lineAttr", "type": "linestring"},
            {"key": "polyAttr", "type": "polygon"}
        ]),
        json!([]),
    )
    .await;
    let rows = [
        (
            "row1",
            [6.0, 6.0],
            json!([[1.0, 1.0], [1.1, 1.1], [2.0, 2.0]]),
            json!([[
                [0.0, 0.0],
                [10.0, 0.0],
                [10.0, 10.0],
                [0.0, 10.0],
                [0.0, 0.0]
            ]]),
        ),
        (
            "row2",
            [7.0, 6.0],
            json!([[10.0, 10.0], [20.0, 20.0]]),
            json!([[
                [20.0, 20.0],
                [30.0, 20.0],
                [30.0, 30.0],
                [20.0, 30.0],
                [20.0, 20.0]
            ]]),
        ),
        (
            "row3",
            [25.0, 25.0],
            json!([[25.0, 25.0], [35.0, 35.0]]),
            json!([[
                [40.0, 40.0],
                [50.0, 40.0],
                [50.0, 50.0],
                [40.0, 50.0],
                [40.0, 40.0]
            ]]),
        ),
    ];
    for (id, point, line, poly) in rows {
        api.row(
            "db",
            "t",
            id,
            json!({"name": id, "pointAttr": point, "lineAttr": line, "polyAttr": poly}),
        )
        .await
        .assert_status(201);
    }
    api.row("db", "t", "row4", json!({"name": "row4"}))
        .await
        .assert_status(201);
    api
}

async fn ids(api: &Api, queries: &[Value]) -> Vec<String> {
    let r = api.rows("db", "t", queries).await;
    r.assert_status(200);
    assert_eq!(
        r.body["total"],
        json!(r.ids().len()),
        "total counts the same rows"
    );
    r.ids()
}

#[tokio::test]
async fn appwrite_spatial_query_e2e() {
    let api = query_setup().await;
    let poly1 = json!([[
        [0.0, 0.0],
        [10.0, 0.0],
        [10.0, 10.0],
        [0.0, 10.0],
        [0.0, 0.0]
    ]]);
    assert_eq!(
        ids(&api, &[q("equal", "polyAttr", json!([poly1]))]).await,
        ["row1"]
    );
    // `not…` methods never match NULL geometries.
    assert_eq!(
        ids(&api, &[q("notEqual", "pointAttr", json!([[6.0, 6.0]]))]).await,
        ["row2", "row3"]
    );
    assert_eq!(
        ids(&api, &[q("contains", "lineAttr", json!([[1.1, 1.1]]))]).await,
        ["row1"]
    );
    assert_eq!(
        ids(&api, &[q("notContains", "polyAttr", json!([[15.0, 15.0]]))]).await,
        ["row1", "row2", "row3"]
    );
    assert_eq!(
        ids(&api, &[q("intersects", "polyAttr", json!([[5.0, 5.0]]))]).await,
        ["row1"]
    );
    assert_eq!(
        ids(
            &api,
            &[q("notIntersects", "polyAttr", json!([[60.0, 60.0]]))]
        )
        .await,
        ["row1", "row2", "row3"]
    );
    let overlap = json!([[
        [5.0, 5.0],
        [12.0, 5.0],
        [12.0, 12.0],
        [5.0, 12.0],
        [5.0, 5.0]
    ]]);
    assert_eq!(
        ids(&api, &[q("overlaps", "polyAttr", json!([overlap]))]).await,
        ["row1"]
    );
    let far = json!([[
        [60.0, 60.0],
        [70.0, 60.0],
        [70.0, 70.0],
        [60.0, 70.0],
        [60.0, 60.0]
    ]]);
    assert_eq!(
        ids(&api, &[q("notOverlaps", "polyAttr", json!([far]))]).await,
        ["row1", "row2", "row3"]
    );
    assert_eq!(
        ids(
            &api,
            &[q(
                "distanceEqual",
                "pointAttr",
                json!([[[6.0, 6.0], 1.0, false]])
            )]
        )
        .await,
        ["row2"]
    );
    assert_eq!(
        ids(
            &api,
            &[q(
                "distanceNotEqual",
                "pointAttr",
                json!([[[6.0, 6.0], 1.0, false]])
            )]
        )
        .await,
        ["row1", "row3"]
    );
    assert_eq!(
        ids(
            &api,
            &[q(
                "distanceGreaterThan",
                "pointAttr",
                json!([[[6.0, 6.0], 5.0, false]])
            )]
        )
        .await,
        ["row3"]
    );
    assert_eq!(
        ids(
            &api,
            &[q(
                "distanceLessThan",
                "pointAttr",
                json!([[[6.0, 6.0], 0.5, false]])
            )]
        )
        .await,
        ["row1"]
    );
    let cross = json!([[1.0, 2.0], [2.0, 1.0]]);
    assert_eq!(
        ids(&api, &[q("crosses", "lineAttr", json!([cross]))]).await,
        ["row1"]
    );
    let apart = json!([[0.0, 1.0], [0.0, 2.0]]);
    assert_eq!(
        ids(&api, &[q("notCrosses", "lineAttr", json!([apart]))]).await,
        ["row1", "row2", "row3"]
    );
    let touch = json!([[
        [10.0, 10.0],
        [20.0, 10.0],
        [20.0, 20.0],
        [10.0, 20.0],
        [10.0, 10.0]
    ]]);
    assert_eq!(
        ids(&api, &[q("touches", "polyAttr", json!([touch]))]).await,
        ["row1", "row2"]
    );
    assert_eq!(
        ids(&api, &[q("notTouches", "polyAttr", json!([far]))]).await,
        ["row1", "row2", "row3"]
    );
}

#[tokio::test]
async fn distance_in_meters() {
    // Appwrite's `testSpatialDistanceInMeter`: two points about 1 km apart.
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "loc", "type": "point", "required": true}]),
        json!([]),
    )
    .await;
    api.row("db", "t", "p0", json!({"loc": [0.0, 0.0]}))
        .await
        .assert_status(201);
    api.row("db", "t", "p1", json!({"loc": [0.009, 0.0]}))
        .await
        .assert_status(201);
    let d = |method: &str, distance: f64| q(method, "loc", json!([[[0.0, 0.0], distance, true]]));
    assert_eq!(
        ids(&api, &[d("distanceLessThan", 1500.0)]).await,
        ["p0", "p1"]
    );
    assert_eq!(ids(&api, &[d("distanceLessThan", 500.0)]).await, ["p0"]);
    assert_eq!(ids(&api, &[d("distanceGreaterThan", 500.0)]).await, ["p1"]);
    assert_eq!(ids(&api, &[d("distanceEqual", 0.0)]).await, ["p0"]);
    assert_eq!(ids(&api, &[d("distanceNotEqual", 0.0)]).await, ["p1"]);
    // Only `true` means metres; anything else is degrees.
    assert_eq!(
        ids(
            &api,
            &[q(
                "distanceLessThan",
                "loc",
                json!([[[0.0, 0.0], 0.005, 1]])
            )]
        )
        .await,
        ["p0"]
    );
}

#[tokio::test]
async fn spatial_filters_combine_with_everything_else() {
    let api = query_setup().await;
    let inside = q("intersects", "polyAttr", json!([[5.0, 5.0]]));
    let near = q(
        "distanceLessThan",
        "pointAttr",
        json!([[[25.0, 25.0], 1.0, false]]),
    );
    assert_eq!(
        ids(&api, &[json!({"method": "or", "values": [inside, near]})]).await,
        ["row1", "row3"]
    );
    assert_eq!(
        ids(
            &api,
            &[
                q("notEqual", "name", json!(["row3"])),
                json!({"method": "or", "values": [inside.clone(), near.clone()]})
            ]
        )
        .await,
        ["row1"]
    );
    // Ordering, limits and cursors work on the filtered set.
    let not_far = q(
        "distanceLessThan",
        "pointAttr",
        json!([[[0.0, 0.0], 100.0, false]]),
    );
    let r = api
        .rows(
            "db",
            "t",
            &[
                not_far.clone(),
                q("orderDesc", "name", json!([])),
                json!({"method": "limit", "values": [2]}),
            ],
        )
        .await;
    assert_eq!(r.ids(), ["row3", "row2"]);
    assert_eq!(r.body["total"], 3);
    let r = api
        .rows(
            "db",
            "t",
            &[
                not_far.clone(),
                json!({"method": "cursorAfter", "values": ["row1"]}),
            ],
        )
        .await;
    assert_eq!(r.ids(), ["row2", "row3"]);
    // Bulk update and delete select rows with spatial filters too.
    let r = api
        .patch(
            ROWS,
            json!({"data": {"name": "inside"}, "queries": [inside.to_string()]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.ids(), ["row1"]);
    let r = api
        .send(
            api.request(reqwest::Method::DELETE, ROWS)
                .json(&json!({"queries": [near.to_string()]})),
        )
        .await;
    assert_eq!(r.ids(), ["row3"]);
    assert_eq!(ids(&api, &[]).await, ["row1", "row2", "row4"]);
}

#[tokio::test]
async fn spatial_query_errors() {
    let api = query_setup().await;
    let err = |query: Value| async { api.rows("db", "t", &[query]).await };
    err(q("crosses", "name", json!([[1, 2]])))
        .await
        .assert_error_msg(400, "general_query_invalid", "Invalid query: Spatial query \"crosses\" cannot be applied on non-spatial attribute: name");
    err(q("intersects", "pointAttr", json!(["x"])))
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Invalid query: Spatial data must be an array",
        );
    err(q("distanceLessThan", "pointAttr", json!([[1, 2]])))
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Invalid query: Distance query requires [[geometry, distance]] parameters",
        );
    err(q("touches", "pointAttr", json!([])))
        .await
        .assert_error_msg(
            400,
            "general_query_invalid",
            "Invalid query: Touches queries require at least one value.",
        );
    // Metres only between points: MariaDB's adapter refuses anything else.
    let r = err(q(
        "distanceLessThan",
        "lineAttr",
        json!([[[0, 0], 10, true]]),
    ))
    .await;
    r.assert_error(400, "general_query_invalid");
    assert_eq!(
        r.message(),
        "Distance in meters is not supported between linestring and point"
    );
    let r = err(q(
        "distanceLessThan",
        "pointAttr",
        json!([[[[0, 0], [1, 1]], 10, true]]),
    ))
    .await;
    assert_eq!(
        r.message(),
        "Distance in meters is not supported between point and linestring"
    );
    // Methods with no spatial SQL on Appwrite, and geometries it cannot turn into WKT, fail
    // inside the database: 500.
    for query in [
        q("isNull", "pointAttr", json!([])),
        q("isNotNull", "polyAttr", json!([])),
        q("lessThan", "pointAttr", json!([[1, 2]])),
        q("intersects", "pointAttr", json!([["a", "b", "c"]])),
        q("distanceEqual", "pointAttr", json!([[[], 1, false]])),
    ] {
        err(query.clone())
            .await
            .assert_error(500, "general_unknown");
    }
    // A geometry MariaDB turns into NULL (an unclosed ring) matches nothing, either way.
    let open_ring = json!([[[0, 0], [1, 0], [1, 1], [0, 1]]]);
    assert!(
        ids(
            &api,
            &[q("intersects", "polyAttr", json!([open_ring.clone()]))]
        )
        .await
        .is_empty()
    );
    assert!(
        ids(&api, &[q("notIntersects", "polyAttr", json!([open_ring]))])
            .await
            .is_empty()
    );
    // Crossing is undefined (NULL) for a polygon column.
    assert!(
        ids(
            &api,
            &[q("notCrosses", "polyAttr", json!([[[0, 0], [100, 100]]]))]
        )
        .await
        .is_empty()
    );
    api.assert_alive().await;
}

#[tokio::test]
async fn only_the_first_value_counts() {
    let api = query_setup().await;
    assert_eq!(
        ids(
            &api,
            &[q("equal", "pointAttr", json!([[7.0, 6.0], [6.0, 6.0]]))]
        )
        .await,
        ["row2"]
    );
}

#[tokio::test]
async fn spatial_columns_order_by_their_stored_bytes() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "loc", "type": "point"}]),
        json!([]),
    )
    .await;
    for (id, loc) in [
        ("rome", json!([12.4964, 41.9028])),
        ("far", json!([100, -45])),
        ("edge", json!([10, 5])),
        ("paris", json!([2.3522, 48.8566])),
        ("inside", json!([5, 5])),
        ("origin", json!([0, 0])),
    ] {
        api.row("db", "t", id, json!({"loc": loc}))
            .await
            .assert_status(201);
    }
    // MariaDB compares the stored geometry, whose doubles are little-endian: the low
    // mantissa bytes weigh first (tour-spatial.jsonl 1.8.1 seq 1616).
    let order = json!({"method": "orderAsc", "attribute": "loc"});
    let r = api.rows("db", "t", std::slice::from_ref(&order)).await;
    assert_eq!(
        r.ids(),
        ["origin", "inside", "edge", "far", "rome", "paris"]
    );
    // Cursors compare the same way.
    let after = json!({"method": "cursorAfter", "values": ["far"]});
    let r = api.rows("db", "t", &[order, after]).await;
    assert_eq!(r.ids(), ["rome", "paris"]);
}

#[tokio::test]
async fn polygons_with_holes_read_back_as_one_ring() {
    let api = Api::start().await;
    api.table_with(
        "db",
        "t",
        json!([{"key": "area", "type": "polygon"}]),
        json!([]),
    )
    .await;
    let shell = json!([[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]]);
    let hole = json!([[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]);
    // As real Appwrite answers (tour-spatial.jsonl 1.8.1 seq 1577): the hole's first point
    // loses its x.
    let read = json!([[
        [0, 0],
        [0, 4],
        [4, 4],
        [4, 0],
        [0, 0],
        [0, 1],
        [1, 2],
        [2, 2],
        [2, 1],
        [1, 1]
    ]]);
    let r = api
        .row("db", "t", "holed", json!({"area": [shell, hole]}))
        .await;
    r.assert_status(201);
    assert_eq!(r.body["area"], read);
    assert_eq!(api.get(&format!("{ROWS}/holed")).await.body["area"], read);
    // The stored geometry keeps its hole: a point inside it is not contained.
    let inside_hole = q("contains", "area", json!([[1.5, 1.5]]));
    assert!(api.rows("db", "t", &[inside_hole]).await.ids().is_empty());
    let r = api.row("db", "t", "plain", json!({"area": [shell]})).await;
    assert_eq!(r.body["area"], json!([shell]));
}
