//! Running a [`Plan`] against a row table: ordering, keyset pagination with cursors (as
//! utopia's SQL adapter builds it), limit/offset and the capped total.

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};

use super::plan::{CursorDirection, OrderDirection, OrderTerm, Plan};
use super::sql;
use crate::error::catalogue;
use crate::error::{ApiError, ApiResult};
use crate::schema::TableMeta;
use crate::store::layout;

/// Totals stop counting here (`APP_LIMIT_COUNT`).
pub const TOTAL_CAP: i64 = 5000;

/// Runs `plan` on `table`: calls `on_row` for each row of the page, in order (the row has
/// the columns of [`layout::select_list`]), and returns the total number of matches ignoring
/// limit, offset and cursor, capped at 5000 (0 when `count_total` is false).
///
/// Fails with `400 general_cursor_not_found` when the cursor row does not exist, and with
/// `400 database_query_order_null` when the cursor row has NULL in an order column.
pub fn list_rows(
    conn: &Connection,
    table: &TableMeta,
    plan: &Plan,
    count_total: bool,
    on_row: &mut dyn FnMut(&Row<'_>) -> rusqlite::Result<()>,
) -> ApiResult<i64> {
    let before = plan
        .cursor
        .as_ref()
        .is_some_and(|c| c.direction == CursorDirection::Before);
    if before {
        let seqs = ordered_seqs(conn, table, plan, plan.limit())?;
        fetch_in_order(conn, table, &seqs, on_row)?;
    } else {
        let (where_sql, mut params) = page_where(conn, table, plan)?;
        let sql = format!(
            "SELECT {} FROM {} WHERE {where_sql} ORDER BY {} LIMIT ? OFFSET ?",
            layout::select_list(table),
            table.physical(),
            order_by(&orders(plan), false),
        );
        params.push(SqlValue::Integer(plan.limit()));
        params.push(SqlValue::Integer(plan.offset));
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(params))?;
        while let Some(row) = rows.next()? {
            on_row(row)?;
        }
    }
    if count_total {
        count_rows(conn, table, plan, TOTAL_CAP)
    } else {
        Ok(0)
    }
}

/// The number of rows matching `plan`'s filters (ignoring order, limit, offset and cursor),
/// counting at most `max`.
pub fn count_rows(conn: &Connection, table: &TableMeta, plan: &Plan, max: i64) -> ApiResult<i64> {
    let (where_sql, mut params) = sql::where_clause(plan, table);
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM {} WHERE {where_sql} LIMIT ?)",
        table.physical()
    );
    params.push(SqlValue::Integer(max));
    Ok(conn.query_row(&sql, params_from_iter(params), |r| r.get(0))?)
}

/// The `$sequence`s of the rows `plan` selects, in order, for bulk update/delete: like
/// [`list_rows`] but without the default page size (every match unless a `limit` was given).
pub fn matching_seqs(conn: &Connection, table: &TableMeta, plan: &Plan) -> ApiResult<Vec<i64>> {
    ordered_seqs(conn, table, plan, plan.limit.unwrap_or(-1))
}

/// The order terms to use: the plan's, or `$sequence` ascending when it has none.
fn orders(plan: &Plan) -> Vec<OrderTerm> {
    if plan.orders.is_empty() {
        vec![OrderTerm {
            attribute: "$sequence".into(),
            column: "_seq".into(),
            direction: OrderDirection::Asc,
        }]
    } else {
        plan.orders.clone()
    }
}

/// `ORDER BY` terms; `reverse` flips ascending and descending (for `cursorBefore`).
fn order_by(orders: &[OrderTerm], reverse: bool) -> String {
    orders
        .iter()
        .map(|o| match (o.direction, reverse) {
            (OrderDirection::Random, _) => "random()".to_string(),
            (OrderDirection::Asc, false) | (OrderDirection::Desc, true) => {
                format!("{} ASC", o.column)
            }
            (OrderDirection::Asc, true) | (OrderDirection::Desc, false) => {
                format!("{} DESC", o.column)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The WHERE condition of a page: the cursor's keyset condition and the filters.
fn page_where(
    conn: &Connection,
    table: &TableMeta,
    plan: &Plan,
) -> ApiResult<(String, Vec<SqlValue>)> {
    Ok(match cursor_condition(conn, table, plan)? {
        None => sql::where_clause(plan, table),
        Some((cursor_sql, params)) => sql::where_clause_after(plan, table, (&cursor_sql, &params)),
    })
}

/// The keyset condition for the plan's cursor, built like utopia's `SQL::find`: for each
/// non-random order term `i`, rows equal on terms `0..i` and strictly beyond the cursor row
/// on term `i`, OR'ed together.
fn cursor_condition(
    conn: &Connection,
    table: &TableMeta,
    plan: &Plan,
) -> ApiResult<Option<(String, Vec<SqlValue>)>> {
    let Some(cursor) = &plan.cursor else {
        return Ok(None);
    };
    let orders = orders(plan);
    let columns: Vec<&str> = orders.iter().map(|o| o.column.as_str()).collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE _id = ?",
        columns.join(", "),
        table.physical()
    );
    let values: Option<Vec<SqlValue>> = conn
        .query_row(&sql, [&cursor.row_id], |row| {
            (0..columns.len())
                .map(|i| row.get::<_, SqlValue>(i))
                .collect()
        })
        .optional()?;
    let Some(values) = values else {
        return Err(catalogue::cursor_not_found("Row", &cursor.row_id));
    };
    if let Some((term, _)) = orders
        .iter()
        .zip(&values)
        .find(|(_, v)| **v == SqlValue::Null)
    {
        return Err(catalogue::row_order_null(&term.attribute));
    }

    let before = cursor.direction == CursorDirection::Before;
    let mut disjuncts = Vec::new();
    let mut params = Vec::new();
    for (i, term) in orders.iter().enumerate() {
        let descending = match term.direction {
            OrderDirection::Random => continue,
            OrderDirection::Asc => before,
            OrderDirection::Desc => !before,
        };
        let op = if descending { "<" } else { ">" };
        let mut conjuncts = Vec::with_capacity(i + 1);
        for (prev, value) in orders.iter().zip(&values).take(i) {
            conjuncts.push(format!("{} = ?", prev.column));
            params.push(value.clone());
        }
        conjuncts.push(format!("{} {op} ?", term.column));
        params.push(values[i].clone());
        disjuncts.push(format!("({})", conjuncts.join(" AND ")));
    }
    if disjuncts.is_empty() {
        return Ok(None);
    }
    Ok(Some((format!("({})", disjuncts.join(" OR ")), params)))
}

/// The `_seq`s of a page (`limit` −1 = all), in final order: a `cursorBefore` page is read in
/// the reversed order from the cursor, then turned around.
fn ordered_seqs(
    conn: &Connection,
    table: &TableMeta,
    plan: &Plan,
    limit: i64,
) -> ApiResult<Vec<i64>> {
    let before = plan
        .cursor
        .as_ref()
        .is_some_and(|c| c.direction == CursorDirection::Before);
    let (where_sql, mut params) = page_where(conn, table, plan)?;
    let sql = format!(
        "SELECT _seq FROM {} WHERE {where_sql} ORDER BY {} LIMIT ? OFFSET ?",
        table.physical(),
        order_by(&orders(plan), before),
    );
    params.push(SqlValue::Integer(limit));
    params.push(SqlValue::Integer(plan.offset));
    let mut stmt = conn.prepare(&sql)?;
    let mut seqs = stmt
        .query_map(params_from_iter(params), |r| r.get::<_, i64>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    if before {
        seqs.reverse();
    }
    Ok(seqs)
}

/// Calls `on_row` for the rows with these `_seq`s, in this order.
fn fetch_in_order(
    conn: &Connection,
    table: &TableMeta,
    seqs: &[i64],
    on_row: &mut dyn FnMut(&Row<'_>) -> rusqlite::Result<()>,
) -> ApiResult<()> {
    if seqs.is_empty() {
        return Ok(());
    }
    let t = table.physical();
    let list = serde_json::to_string(seqs).map_err(ApiError::internal)?;
    let sql = format!(
        "SELECT {} FROM json_each(?) AS j JOIN {t} ON {t}._seq = j.value ORDER BY j.key",
        layout::select_list(table)
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([list])?;
    while let Some(row) = rows.next()? {
        on_row(row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorType;
    use crate::profile::AppwriteVersion;
    use crate::query::parse::{Query, parse_query};
    use crate::query::plan::plan_rows;
    use crate::query::plan::tests::table;
    use crate::query::sql::tests::database;

    fn plan(raws: &[&str]) -> Plan {
        let queries: Vec<Query> = raws
            .iter()
            .map(|r| parse_query(r).expect("parse"))
            .collect();
        plan_rows(&queries, &table(), AppwriteVersion::default())
            .unwrap_or_else(|e| panic!("{raws:?}: {e}"))
    }

    fn run(conn: &Connection, raws: &[&str]) -> ApiResult<(String, i64)> {
        let p = plan(raws);
        let mut ids = Vec::new();
        let total = list_rows(conn, &table(), &p, true, &mut |row| {
            ids.push(row.get::<_, String>(1)?);
            Ok(())
        })?;
        Ok((ids.join(","), total))
    }

    fn page(conn: &Connection, raws: &[&str]) -> String {
        run(conn, raws)
            .unwrap_or_else(|e| panic!("{raws:?}: {e}"))
            .0
    }

    #[test]
    fn default_order_limit_offset_total() {
        let db = database();
        assert_eq!(run(&db, &[]).unwrap(), ("a,b,c,d,e,f,g,h".into(), 8));
        assert_eq!(
            run(
                &db,
                &[
                    r#"{"method":"limit","values":[2]}"#,
                    r#"{"method":"offset","values":[3]}"#
                ]
            )
            .unwrap(),
            ("d,e".into(), 8)
        );
        assert_eq!(
            run(
                &db,
                &[
                    r#"{"method":"equal","attribute":"count","values":[3]}"#,
                    r#"{"method":"limit","values":[1]}"#
                ]
            )
            .unwrap(),
            ("e".into(), 2)
        );
        let p = plan(&[]);
        let total = list_rows(&db, &table(), &p, false, &mut |_| Ok(())).unwrap();
        assert_eq!(total, 0);
    }

    #[test]
    fn ordering_with_ties() {
        let db = database();
        // count: a1 b2 c2 d- e3 f3 g4 h5; ties broken by $sequence ascending, NULL first.
        assert_eq!(
            page(&db, &[r#"{"method":"orderAsc","attribute":"count"}"#]),
            "d,a,b,c,e,f,g,h"
        );
        assert_eq!(
            page(&db, &[r#"{"method":"orderDesc","attribute":"count"}"#]),
            "h,g,e,f,b,c,a,d"
        );
        assert_eq!(
            page(
                &db,
                &[
                    r#"{"method":"orderDesc","attribute":"count"}"#,
                    r#"{"method":"orderDesc","attribute":"$id"}"#
                ]
            ),
            "h,g,f,e,c,b,a,d"
        );
        assert_eq!(page(&db, &[r#"{"method":"orderDesc"}"#]), "h,g,f,e,d,c,b,a");
        // Text ordering is case-insensitive.
        assert_eq!(
            page(
                &db,
                &[
                    r#"{"method":"orderAsc","attribute":"title"}"#,
                    r#"{"method":"isNotNull","attribute":"title"}"#
                ]
            ),
            "c,d,h,a,b,e,f"
        );
        let (ids, total) = run(&db, &[r#"{"method":"orderRandom"}"#]).unwrap();
        assert_eq!(total, 8);
        let mut sorted: Vec<&str> = ids.split(',').collect();
        sorted.sort_unstable();
        assert_eq!(sorted.join(","), "a,b,c,d,e,f,g,h");
    }

    #[test]
    fn cursor_after_and_before() {
        let db = database();
        let after = |id: &str, extra: &[&str]| {
            let c = format!(r#"{{"method":"cursorAfter","values":["{id}"]}}"#);
            let mut raws: Vec<&str> = extra.to_vec();
            raws.push(&c);
            page(&db, &raws)
        };
        let before = |id: &str, extra: &[&str]| {
            let c = format!(r#"{{"method":"cursorBefore","values":["{id}"]}}"#);
            let mut raws: Vec<&str> = extra.to_vec();
            raws.push(&c);
            page(&db, &raws)
        };
        let limit2 = r#"{"method":"limit","values":[2]}"#;
        assert_eq!(after("c", &[limit2]), "d,e");
        assert_eq!(
            after("C", &[limit2]),
            "d,e",
            "IDs compare case-insensitively"
        );
        assert_eq!(before("c", &[limit2]), "a,b");
        assert_eq!(before("e", &[limit2]), "c,d");
        assert_eq!(after("h", &[]), "");
        assert_eq!(before("a", &[]), "");

        // Multiple orders: count desc, then price asc, then $sequence.
        let desc_count = r#"{"method":"orderDesc","attribute":"count"}"#;
        let asc_price = r#"{"method":"orderAsc","attribute":"price"}"#;
        let nn = r#"{"method":"isNotNull","attribute":"price"}"#;
        // Order: h(5,3.0) e(3,1.0) f(3,2.0) b(2,5.0) a(1,9.5)
        assert_eq!(page(&db, &[desc_count, asc_price, nn]), "h,e,f,b,a,d");
        assert_eq!(after("e", &[desc_count, asc_price, nn]), "f,b,a");
        assert_eq!(before("b", &[desc_count, asc_price, nn]), "h,e,f");
        assert_eq!(before("b", &[desc_count, asc_price, nn, limit2]), "e,f");
        assert_eq!(after("f", &[desc_count, asc_price, nn, limit2]), "b,a");

        // Descending $sequence only.
        let desc_seq = r#"{"method":"orderDesc"}"#;
        assert_eq!(after("f", &[desc_seq, limit2]), "e,d");
        assert_eq!(before("f", &[desc_seq, limit2]), "h,g");

        // Offset applies after the cursor.
        assert_eq!(
            after("b", &[r#"{"method":"offset","values":[1]}"#, limit2]),
            "d,e"
        );
    }

    #[test]
    fn cursor_errors() {
        let db = database();
        let e = run(&db, &[r#"{"method":"cursorAfter","values":["zz"]}"#]).unwrap_err();
        assert_eq!(e.kind, ErrorType::GeneralCursorNotFound);
        assert_eq!(e.message, "Row 'zz' for the 'cursor' value not found.");
        let e = run(
            &db,
            &[
                r#"{"method":"orderAsc","attribute":"count"}"#,
                r#"{"method":"cursorAfter","values":["d"]}"#,
            ],
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorType::DatabaseQueryOrderNull);
        assert_eq!(
            e.message,
            "The order column 'count' had a null value. Cursor pagination requires all rows order column values are non-null."
        );
        // Non-null order values are fine.
        assert_eq!(
            page(
                &db,
                &[
                    r#"{"method":"orderAsc","attribute":"count"}"#,
                    r#"{"method":"cursorAfter","values":["e"]}"#
                ]
            ),
            "f,g,h"
        );
    }

    #[test]
    fn total_is_capped() {
        let db = database();
        db.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5100)
             INSERT INTO r1 (_id, _created, _updated, c2)
             SELECT 'x' || i, '2025-01-01T00:00:00.000+00:00', '2025-01-01T00:00:00.000+00:00', 7 FROM n;",
        )
        .unwrap();
        let (ids, total) = run(
            &db,
            &[r#"{"method":"equal","attribute":"count","values":[7]}"#],
        )
        .unwrap();
        assert_eq!(total, 5000);
        assert_eq!(ids.split(',').count(), 25);
        assert_eq!(
            count_rows(&db, &table(), &plan(&[]), i64::MAX).unwrap(),
            5108
        );
    }

    #[test]
    fn matching_seqs_for_bulk() {
        let db = database();
        let p = plan(&[r#"{"method":"greaterThan","attribute":"count","values":[1]}"#]);
        assert_eq!(
            matching_seqs(&db, &table(), &p).unwrap(),
            vec![2, 3, 5, 6, 7, 8]
        );
        let p = plan(&[
            r#"{"method":"greaterThan","attribute":"count","values":[1]}"#,
            r#"{"method":"limit","values":[2]}"#,
            r#"{"method":"orderDesc","attribute":"count"}"#,
        ]);
        assert_eq!(matching_seqs(&db, &table(), &p).unwrap(), vec![8, 7]);
    }

    #[test]
    fn hostile_values_are_inert() {
        let db = database();
        assert_eq!(
            page(
                &db,
                &[r#"{"method":"equal","attribute":"$id","values":["a'; DROP TABLE r1; --"]}"#]
            ),
            ""
        );
        let e = run(
            &db,
            &[
                r#"{"method":"cursorAfter","values":["a"]}"#,
                r#"{"method":"cursorAfter","values":["x"]}"#,
            ],
        );
        assert!(e.is_ok());
        assert_eq!(page(&db, &[]), "a,b,c,d,e,f,g,h");
    }
}
