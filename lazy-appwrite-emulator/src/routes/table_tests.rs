//! The route table's own tests: one declaration per route, path specs, limits, where
//! routes run, and which refuse blocked users.

use std::collections::HashSet;

use super::*;
use crate::config::Config;

fn route(method: Method, template: &str) -> Route {
    routes()
        .into_iter()
        .find(|r| r.method == method && r.template == template)
        .unwrap_or_else(|| panic!("no route {method} {template}"))
}

#[test]
fn each_route_is_declared_once() {
    let mut seen = HashSet::new();
    for r in routes() {
        assert!(
            seen.insert((r.method.clone(), r.template)),
            "{} {} twice",
            r.method,
            r.template
        );
    }
}

#[test]
fn each_path_parameter_is_checked_in_template_order() {
    for r in routes() {
        let placeholders: Vec<&str> = r
            .template
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        let spec: Vec<&str> = r
            .ids
            .iter()
            .filter(|p| p.source == Source::Path)
            .map(|p| p.name)
            .collect();
        assert_eq!(placeholders, spec, "{} {}", r.method, r.template);
    }
}

#[test]
fn legacy_paths_show_appwrite_names() {
    let shown = |t: &str| -> Vec<&str> {
        route(Method::GET, t)
            .ids
            .iter()
            .map(|p| p.shown_as)
            .collect()
    };
    let txn = "transactionId";
    assert_eq!(shown(DOCUMENTS), ["databaseId", "collectionId", txn]);
    assert_eq!(
        shown(DOCUMENT),
        ["databaseId", "collectionId", "documentId", txn]
    );
    assert_eq!(shown(ROW), ["databaseId", "tableId", "rowId", txn]);
    // A column read names its `{segment}` `key`, as Appwrite's route does.
    let column: Vec<&str> = route(Method::GET, COLUMN)
        .ids
        .iter()
        .map(|p| p.shown_as)
        .collect();
    assert_eq!(column, ["databaseId", "tableId", "key"]);
}

#[test]
fn rate_limits_by_route() {
    let config = Config::default();
    let rows = ROWS;
    let inc = INCREMENT;
    let limit = |m: Method, t: &str| route(m, t).limit.map(|l| l.rule(&config).limit);
    assert_eq!(limit(Method::POST, rows), Some(120));
    assert_eq!(limit(Method::PUT, rows), Some(120));
    assert_eq!(limit(Method::PATCH, rows), Some(120));
    assert_eq!(limit(Method::DELETE, rows), Some(60));
    assert_eq!(limit(Method::GET, rows), None);
    assert_eq!(limit(Method::GET, ROW), None);
    assert_eq!(limit(Method::PATCH, ROW), Some(120));
    assert_eq!(limit(Method::PUT, ROW), Some(120));
    assert_eq!(limit(Method::DELETE, ROW), Some(60));
    assert_eq!(limit(Method::PATCH, inc), Some(120));
    assert_eq!(limit(Method::POST, DATABASES), None);
    assert_eq!(limit(Method::POST, TEAM_MEMBERSHIPS), Some(10));
}

#[test]
fn rate_limit_keys_name_the_template() {
    let key = |m: Method, t: &str| route(m, t).limit.map(|l| l.key_template);
    let rows = ROWS;
    assert_eq!(key(Method::POST, rows), Some(rows));
    assert_eq!(key(Method::PATCH, ROW), Some(ROW));
    // `…/rows/` counts as the row route, as Appwrite's router sees it.
    assert_eq!(key(Method::PATCH, ROWS_SLASH), Some(ROW));
    assert_eq!(key(Method::POST, TEAM_MEMBERSHIPS), Some(TEAM_MEMBERSHIPS));
    // Every limited route's key template is its own, or the row route's.
    for r in routes() {
        if let Some(limit) = r.limit {
            assert!(limit.key_template == r.template || limit.key_template == ROW);
        }
    }
}

#[test]
fn single_row_work_runs_inline() {
    assert_eq!(route(Method::GET, ROW).run, Run::Inline);
    assert_eq!(route(Method::POST, ROWS).run, Run::InlineIfSmall);
    assert_eq!(route(Method::GET, ROWS).run, Run::Blocking);
    assert_eq!(route(Method::GET, DATABASES).run, Run::Blocking);
}

#[test]
fn users_reach_the_blocked_check_on_their_own_routes_only() {
    assert!(route(Method::GET, ROW).blocked_check);
    assert!(route(Method::GET, ACCOUNT).blocked_check);
    assert!(route(Method::GET, TEAMS).blocked_check);
    assert!(route(Method::GET, TRANSACTIONS).blocked_check);
    assert!(!route(Method::GET, DATABASES).blocked_check);
    assert!(!route(Method::GET, USERS).blocked_check);
    // Every guest-scoped route is one users may call.
    for r in routes() {
        assert!(!r.guest_scoped() || r.blocked_check, "{}", r.template);
    }
}

#[test]
fn table_usage_is_a_1_9_route() {
    let usage = route(Method::GET, TABLE_USAGE);
    assert!(!usage.exists_in(AppwriteVersion::V1_8_1));
    assert!(usage.exists_in(AppwriteVersion::V1_9_6));
    assert!(route(Method::GET, PROJECT_USAGE).exists_in(AppwriteVersion::V1_8_1));
}

#[test]
fn every_list_declares_its_queries_first_and_only_rows_lists_cache() {
    for r in routes() {
        if r.reads.contains(&ReadParam::Queries) {
            assert_eq!(
                r.reads[0],
                ReadParam::Queries,
                "{} {}",
                r.method,
                r.template
            );
        }
        let caches = r.reads.contains(&ReadParam::ListTtl);
        let rows_list = r.method == Method::GET && [ROWS, DOCUMENTS].contains(&r.template);
        assert_eq!(caches, rows_list, "{} {}", r.method, r.template);
    }
    // Every list that counts its total in Appwrite declares `total` (the transactions
    // list has none in either release).
    for template in [
        DATABASES,
        TABLES,
        COLUMNS,
        INDEXES,
        ROWS,
        DOCUMENTS,
        USERS,
        USER_MEMBERSHIPS,
        USER_SESSIONS,
        USER_LOGS,
        TEAMS,
        TEAM_MEMBERSHIPS,
    ] {
        let reads = route(Method::GET, template).reads;
        assert!(reads.contains(&ReadParam::Total), "{template}");
    }
    assert_eq!(route(Method::GET, TRANSACTIONS).reads, [ReadParam::Queries]);
}

#[test]
fn only_the_single_row_update_and_upsert_declare_a_body() {
    use crate::http::writes::{ROW_UPDATE, ROW_UPSERT};
    for r in routes() {
        let expected: &[_] = match (r.method.clone(), r.template) {
            (Method::PATCH, ROW) => ROW_UPDATE,
            (Method::PUT, ROW) => ROW_UPSERT,
            _ => &[],
        };
        assert_eq!(r.write, expected, "{} {}", r.method, r.template);
    }
}

/// The names a route's spec declares, in the order they are checked.
fn declared_names(r: &Route) -> Vec<&'static str> {
    use crate::http::writes::WriteParam;
    let ids = r.ids.iter().map(|p| p.name);
    let reads = r.reads.iter().map(|p| match p {
        ReadParam::Queries => "queries",
        ReadParam::Search { .. } => "search",
        ReadParam::Total => "total",
        ReadParam::ListTtl => "ttl",
    });
    let write = r.write.iter().map(|p| match p {
        WriteParam::Data | WriteParam::UpsertData => "data",
        WriteParam::Permissions => "permissions",
    });
    let body = r.body.iter().map(|p| p.name);
    ids.chain(reads).chain(write).chain(body).collect()
}

#[test]
fn each_parameter_is_declared_once_per_route() {
    for r in routes() {
        let names = declared_names(&r);
        let unique: HashSet<&str> = names.iter().copied().collect();
        assert_eq!(
            unique.len(),
            names.len(),
            "{} {}: {names:?}",
            r.method,
            r.template
        );
    }
}

#[test]
fn bodies_follow_appwrite_declared_order() {
    let body =
        |m: Method, t: &str| -> Vec<&str> { route(m, t).body.iter().map(|p| p.name).collect() };
    assert_eq!(
        body(Method::POST, DATABASES),
        ["databaseId", "name", "enabled"]
    );
    for shadowing in [DATABASE, TRANSACTIONS, PROJECT_USAGE] {
        assert_eq!(body(Method::PUT, shadowing), ["name", "enabled"]);
    }
    assert_eq!(
        body(Method::POST, TABLES),
        [
            "tableId",
            "name",
            "permissions",
            "rowSecurity",
            "enabled",
            "columns",
            "indexes"
        ]
    );
    assert_eq!(
        body(Method::PUT, TABLE),
        ["name", "permissions", "rowSecurity", "enabled", "purge"]
    );
    assert_eq!(
        body(Method::POST, INDEXES),
        ["key", "type", "columns", "orders", "lengths"]
    );
    assert_eq!(
        body(Method::PATCH, RELATIONSHIP_UPDATE),
        ["onDelete", "newKey"]
    );
    assert_eq!(
        body(Method::POST, USERS),
        ["userId", "email", "phone", "password", "name"]
    );
    assert_eq!(
        body(Method::POST, TEAM_MEMBERSHIPS),
        ["email", "userId", "phone", "roles", "url", "name"]
    );
    assert_eq!(body(Method::POST, USER_JWTS), ["sessionId", "duration"]);
    assert_eq!(body(Method::PATCH, TRANSACTION), ["commit", "rollback"]);
    assert_eq!(body(Method::GET, TABLE_USAGE), ["range"]);
}

#[test]
fn kind_dependent_and_row_bodies_stay_with_their_handlers() {
    let handled = [
        (Method::POST, COLUMN),
        (Method::PATCH, COLUMN_UPDATE),
        (Method::POST, ROWS),
        (Method::PUT, ROWS),
        (Method::PATCH, ROWS),
        (Method::PATCH, INCREMENT),
        (Method::PATCH, DECREMENT),
    ];
    for (method, template) in handled {
        assert!(
            route(method.clone(), template).body.is_empty(),
            "{method} {template}"
        );
    }
    // Only the version-dependent parameters differ between releases.
    let table = route(Method::POST, TABLES);
    let in_181: Vec<&str> = table
        .body
        .iter()
        .filter(|p| p.exists_in(AppwriteVersion::V1_8_1))
        .map(|p| p.name)
        .collect();
    assert_eq!(
        in_181,
        ["tableId", "name", "permissions", "rowSecurity", "enabled"]
    );
}

#[test]
fn table_usage_checks_range_between_its_ids() {
    use crate::http::ids::RawPath;
    use crate::http::params::Params;
    let usage = route(Method::GET, TABLE_USAGE);
    let path = |db: &str, table: &str| {
        RawPath(
            [("databaseId", db), ("tableId", table)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    };
    let bad_range = Params::from_query("range=1y");
    let v = AppwriteVersion::V1_9_6;
    let err = usage.check(&path("db", "_t"), &bad_range, v).unwrap_err();
    assert!(
        err.message.starts_with("Invalid `range` param"),
        "{}",
        err.message
    );
    let err = usage.check(&path("_db", "_t"), &bad_range, v).unwrap_err();
    assert!(
        err.message.starts_with("Invalid `databaseId` param"),
        "{}",
        err.message
    );
    let fine = Params::from_query("range=24h");
    let err = usage.check(&path("db", "_t"), &fine, v).unwrap_err();
    assert!(
        err.message.starts_with("Invalid `tableId` param"),
        "{}",
        err.message
    );
    let request = usage.check(&path("db", "t"), &fine, v).unwrap();
    assert_eq!(
        (request.database.as_str(), request.table.as_str()),
        ("db", "t")
    );
    assert_eq!(request.body.text(&usage::RANGE), Some("24h"));
}
