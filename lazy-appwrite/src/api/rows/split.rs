//! Lists whose queries are too long for Appwrite's query string: a long `equal` on `$id`
//! is sent as several lists and their pages merged; any other over-long query is refused
//! before anything is sent.
//!
//! Appwrite 1.8.1 and 1.9.6 take at most 4,096 characters per query (`Invalid `queries`
//! param: … no longer than 4096 chars`) and at most 500 values in one filter (`Query on
//! attribute has greater than 500 values`). A list of row IDs reaches the first limit at
//! about a hundred IDs.

use serde_json::Value;

use crate::api::list::page_size;
use crate::error::{Error, Result};
use crate::query::Query;
use crate::response::RowList;

/// The most characters Appwrite takes in one query.
pub(crate) const MAX_QUERY_CHARS: usize = 4096;
/// The most values Appwrite takes in one filter.
pub(crate) const MAX_QUERY_VALUES: usize = 500;

/// How a list is sent: as it is, or as one list per chunk of IDs.
#[derive(Debug)]
pub(crate) enum Plan {
    /// Every query fits.
    AsIs,
    /// `queries[at]` (an `equal` on `$id`) is replaced by each chunk in turn.
    Split {
        /// The position of the long query.
        at: usize,
        /// The IDs, distinct, in the caller's order, cut to fit.
        chunks: Vec<Vec<Value>>,
        /// The page size the caller asked for (`limit`), else Appwrite's 25.
        page: usize,
    },
}

/// Methods a split list may also carry: they filter or shape each row, so a chunk's
/// answer is the caller's answer restricted to the chunk's IDs. Orders, offsets and
/// cursors page across all the rows and cannot be split.
fn splittable_alongside(method: &str) -> bool {
    !matches!(
        method,
        "orderAsc" | "orderDesc" | "orderRandom" | "offset" | "cursorAfter" | "cursorBefore"
    )
}

fn too_long(query: &Query) -> bool {
    query.to_json().len() > MAX_QUERY_CHARS || query.scalars().len() > MAX_QUERY_VALUES
}

/// Decides how to send a row list with `queries` on `table`.
pub(crate) fn plan(table: &str, queries: &[Query]) -> Result<Plan> {
    let Some(at) = queries.iter().position(too_long) else {
        return Ok(Plan::AsIs);
    };
    let long = &queries[at];
    let refuse = |why: &str| {
        Err(Error::Validation {
            table: Some(table.to_owned()),
            column: long.attribute().map(str::to_owned),
            reason: format!(
                "the `{}` query is {} characters long with {} values, and Appwrite takes at \
                 most {MAX_QUERY_CHARS} characters and {MAX_QUERY_VALUES} values in one \
                 query; {why}",
                long.method(),
                long.to_json().len(),
                long.scalars().len(),
            ),
        })
    };
    if long.method() != "equal" || long.attribute() != Some("$id") {
        return refuse("only an `equal` on `$id` can be sent in parts");
    }
    if queries
        .iter()
        .enumerate()
        .any(|(i, q)| i != at && too_long(q))
    {
        return refuse("and another query is too long as well");
    }
    if let Some(pager) = queries.iter().find(|q| !splittable_alongside(q.method())) {
        return refuse(&format!(
            "a list of IDs sent in parts cannot also use `{}`",
            pager.method()
        ));
    }
    let page = page_size(queries);
    Ok(Plan::Split {
        at,
        chunks: chunks(long),
        page,
    })
}

/// The distinct values of `long`, in order, cut into chunks that each fit one query.
fn chunks(long: &Query) -> Vec<Vec<Value>> {
    let base = long.with_scalars(Vec::new()).to_json().len();
    let mut seen = std::collections::HashSet::new();
    let mut chunks: Vec<Vec<Value>> = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut length = base;
    for value in long.scalars() {
        let text = value.to_string();
        if !seen.insert(text.clone()) {
            continue;
        }
        // One more value costs its text and, after the first, a comma.
        let cost = text.len() + usize::from(!current.is_empty());
        if !current.is_empty()
            && (length + cost > MAX_QUERY_CHARS || current.len() == MAX_QUERY_VALUES)
        {
            chunks.push(std::mem::take(&mut current));
            length = base;
        }
        length += text.len() + usize::from(!current.is_empty());
        current.push(value.clone());
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// Merges the pages of a split list as one list would have answered: rows in insertion
/// order (Appwrite's order without an `orderAsc`/`orderDesc`), at most `page` of them,
/// and the matches of every part counted.
pub(crate) fn merge<T>(parts: Vec<RowList<T>>, page: usize) -> RowList<T> {
    let total = parts.iter().map(|p| p.total).sum();
    let mut rows: Vec<_> = parts.into_iter().flat_map(|p| p.rows).collect();
    // Rows staged in a transaction have no sequence yet: they come after the stored ones.
    rows.sort_by_key(|row| (row.sequence.is_none(), row.sequence));
    rows.truncate(page);
    RowList { total, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("row-{i:032}")).collect()
    }

    #[test]
    fn short_lists_go_as_they_are() {
        let queries = [Query::equal("$id", ids(10)), Query::limit(5)];
        assert!(matches!(plan("t", &queries), Ok(Plan::AsIs)));
    }

    #[test]
    fn a_long_id_list_is_cut_into_queries_that_fit() {
        let all = ids(300);
        let mut with_duplicates = all.clone();
        with_duplicates.extend(all.iter().take(10).cloned());
        let queries = [Query::equal("$id", with_duplicates), Query::limit(1000)];
        let Ok(Plan::Split { at, chunks, page }) = plan("t", &queries) else {
            panic!("expected a split");
        };
        assert_eq!((at, page), (0, 1000));
        assert!(chunks.len() > 1);
        let sent: Vec<&str> = chunks.iter().flatten().filter_map(Value::as_str).collect();
        assert_eq!(sent, all.iter().map(String::as_str).collect::<Vec<_>>());
        for chunk in &chunks {
            let json = Query::equal("$id", chunk.clone()).to_json();
            assert!(json.len() <= MAX_QUERY_CHARS, "{}", json.len());
        }
    }

    #[test]
    fn more_than_500_short_ids_are_split_by_count() {
        let short: Vec<String> = (0..1200).map(|i| i.to_string()).collect();
        let Ok(Plan::Split { chunks, page, .. }) = plan("t", &[Query::equal("$id", short)]) else {
            panic!("expected a split");
        };
        assert_eq!(page, 25);
        assert!(chunks.iter().all(|c| c.len() <= MAX_QUERY_VALUES));
        assert_eq!(chunks.iter().map(Vec::len).sum::<usize>(), 1200);
    }

    #[test]
    fn what_cannot_be_split_is_refused_naming_table_and_column() {
        let long = Query::equal("$id", ids(300));
        for (queries, why) in [
            (
                vec![long.clone(), Query::order_asc("name")],
                "cannot also use `orderAsc`",
            ),
            (
                vec![long.clone(), Query::offset(5)],
                "cannot also use `offset`",
            ),
            (
                vec![Query::equal("name", ids(300))],
                "only an `equal` on `$id` can be sent in parts",
            ),
        ] {
            let err = plan("books", &queries).unwrap_err();
            let text = err.to_string();
            assert!(
                text.starts_with("invalid input for table `books`"),
                "{text}"
            );
            assert!(text.ends_with(why), "{text}");
        }
    }
}
