//! The official `appwrite` crate (0.22), used the way its API asks: rows go in as
//! `serde_json::Value`, come back as `models::Row` (a `HashMap<String, Value>` of the
//! columns), and are turned into the caller's struct with `serde_json::from_value`, which
//! is what a program that wants an `Item` has to do.

use std::sync::Arc;

use appwrite::models::Row;
use appwrite::query::Query;
use appwrite::services::TablesDB;
use serde_json::{Value, json};

use crate::common::{
    FRESH_CATEGORY, Item, LIST_CATEGORY, LIST_LIMIT, SEED_ROWS, TABLE, item, score_of, seed_id,
    target_of,
};
use crate::workload::{Driver, Result, WorkerArgs, check};

#[derive(Clone)]
pub struct Official {
    tables: TablesDB,
    database: Arc<str>,
    fresh: Arc<Vec<Item>>,
    seed_ids: Arc<Vec<String>>,
    tag: Arc<str>,
}

/// The caller's struct from a row of the crate.
fn typed(row: Row) -> Result<Item> {
    Ok(serde_json::from_value(Value::Object(
        row.data.into_iter().collect(),
    ))?)
}

impl Official {
    pub fn connect(args: &WorkerArgs, fresh: Arc<Vec<Item>>) -> Self {
        let client = appwrite::Client::new()
            .set_endpoint(&args.endpoint)
            .set_project(&args.project)
            .set_key(&args.key);
        Self {
            tables: TablesDB::new(&client),
            database: args.database.as_str().into(),
            fresh,
            seed_ids: Arc::new((0..SEED_ROWS).map(seed_id).collect()),
            tag: args.tag.as_str().into(),
        }
    }
}

impl Driver for Official {
    async fn create(&self, k: usize) -> Result<()> {
        let data = serde_json::to_value(&self.fresh[k])?;
        let row = self
            .tables
            .create_row(
                &*self.database,
                TABLE,
                appwrite::id::ID::unique(),
                data,
                None,
                None,
            )
            .await?;
        let row = typed(row)?;
        check(row.category == FRESH_CATEGORY, || {
            format!("created {:?}", row.category)
        })
    }

    async fn get(&self, k: usize) -> Result<()> {
        let target = target_of(k);
        let row = self
            .tables
            .get_row(
                &*self.database,
                TABLE,
                self.seed_ids[target].as_str(),
                None,
                None,
            )
            .await?;
        let row = typed(row)?;
        check(row.rank == target as i64, || {
            format!("got rank {}", row.rank)
        })
    }

    async fn list(&self) -> Result<()> {
        let queries = vec![
            Query::equal("category", json!(LIST_CATEGORY)).to_string(),
            Query::equal("active", json!(true)).to_string(),
            Query::order_desc("rank").to_string(),
            Query::limit(LIST_LIMIT as u32).to_string(),
        ];
        let page = self
            .tables
            .list_rows(&*self.database, TABLE, Some(queries), None, None, None)
            .await?;
        let rows = page
            .rows
            .into_iter()
            .map(typed)
            .collect::<Result<Vec<Item>>>()?;
        check(rows.len() == LIST_LIMIT as usize, || {
            format!("listed {} rows", rows.len())
        })
    }

    async fn update(&self, k: usize) -> Result<()> {
        let target = target_of(k);
        let data = json!({ "visits": k, "score": score_of(k) });
        let row = self
            .tables
            .update_row(
                &*self.database,
                TABLE,
                self.seed_ids[target].as_str(),
                Some(data),
                None,
                None,
            )
            .await?;
        let row = typed(row)?;
        check(row.visits == k as i64, || format!("visits {}", row.visits))
    }

    async fn bulk(&self, first: usize, count: usize) -> Result<()> {
        let mut rows = Vec::with_capacity(count);
        for i in first..first + count {
            let mut row = serde_json::to_value(item(i, Some("bulk")))?;
            if let Value::Object(map) = &mut row {
                map.insert("$id".to_owned(), json!(format!("{}{i}", self.tag)));
            }
            rows.push(row);
        }
        let created = self
            .tables
            .create_rows(&*self.database, TABLE, rows, None)
            .await?;
        let rows = created
            .rows
            .into_iter()
            .map(typed)
            .collect::<Result<Vec<Item>>>()?;
        check(rows.len() == count, || {
            format!("bulk created {} rows", rows.len())
        })
    }
}
