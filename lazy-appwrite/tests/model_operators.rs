//! Atomic update operators through the model API: every family (arithmetic with and
//! without limits, arrays, strings, booleans, datetimes) applied by the server, checked by
//! the values it returns; operators together with a patch and in bulk updates; what is
//! refused before sending. Runs against the emulator, and a real Appwrite when configured.

mod support;

use lazy_appwrite::typed::ArrayCondition;
use lazy_appwrite::{Client, Error, Model, Row, Table, Timestamp};
use serde::{Deserialize, Serialize};
use support::on_each_backend;

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "gadgets")]
struct Gadget {
    #[column(size = 32)]
    name: String,
    stock: i64,
    price: f64,
    #[column(size = 16)]
    tags: Vec<String>,
    scores: Vec<i64>,
    active: bool,
    due: Option<Timestamp>,
}

fn gadget() -> Gadget {
    Gadget {
        name: "Box".into(),
        stock: 10,
        price: 2.0,
        tags: vec!["a".into()],
        scores: vec![5, 15, 25],
        active: false,
        due: Some(Timestamp::parse("2026-01-01T00:00:00.000+00:00").expect("a valid datetime")),
    }
}

/// One update of row `g1` with one operator, and the row after it.
macro_rules! apply {
    ($c:expr, $op:expr) => {
        Gadget::update($c, "g1", Gadget::patch()).op($op).await?
    };
}

async fn fresh(c: &Client) -> lazy_appwrite::Result<Row<Gadget>> {
    Gadget::upsert(c, "g1", &gadget()).await
}

#[tokio::test]
async fn arithmetic_operators_change_numbers_on_the_server() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-arith");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;

        assert_eq!(apply!(c, col.stock.increment(5)).stock, 15);
        // Limits clamp instead of failing.
        assert_eq!(apply!(c, col.stock.increment(10).max(20)).stock, 20);
        assert_eq!(apply!(c, col.stock.decrement(3)).stock, 17);
        assert_eq!(apply!(c, col.stock.decrement(30).min(0)).stock, 0);
        Gadget::update(c, "g1", Gadget::patch().stock(7)).await?;
        assert_eq!(apply!(c, col.stock.multiply(3)).stock, 21);
        assert_eq!(apply!(c, col.stock.multiply(10).max(100)).stock, 100);
        assert_eq!(apply!(c, col.stock.divide(4)).stock, 25);
        assert_eq!(apply!(c, col.stock.modulo(7)).stock, 4);
        assert_eq!(apply!(c, col.stock.power(3)).stock, 64);
        assert_eq!(apply!(c, col.stock.power(2).max(1000)).stock, 1000);
        assert_eq!(apply!(c, col.stock.divide(3).min(500)).stock, 500);

        // Floats, and float amounts.
        assert_eq!(apply!(c, col.price.multiply(1.5)).price, 3.0);
        assert_eq!(apply!(c, col.price.increment(0.25)).price, 3.25);
        assert_eq!(apply!(c, col.price.divide(2)).price, 1.625);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn array_operators_change_lists_on_the_server() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-array");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;

        assert_eq!(apply!(c, col.tags.append(["b", "c"])).tags, ["a", "b", "c"]);
        assert_eq!(
            apply!(c, col.tags.prepend(["z"])).tags,
            ["z", "a", "b", "c"]
        );
        assert_eq!(
            apply!(c, col.tags.insert(1, "y")).tags,
            ["z", "y", "a", "b", "c"]
        );
        assert_eq!(apply!(c, col.tags.remove("a")).tags, ["z", "y", "b", "c"]);
        let doubled = apply!(c, col.tags.append([String::from("b"), "b".into()]))
            .data
            .tags;
        assert_eq!(doubled, ["z", "y", "b", "c", "b", "b"]);
        assert_eq!(apply!(c, col.tags.unique()).tags, ["z", "y", "b", "c"]);
        assert_eq!(
            apply!(c, col.tags.intersect(["b", "c", "q"])).tags,
            ["b", "c"]
        );
        assert_eq!(apply!(c, col.tags.diff(["c"])).tags, ["b"]);

        // Typed elements on an integer array, and `arrayFilter`.
        assert_eq!(
            apply!(c, col.scores.retain(ArrayCondition::GreaterThan, 10)).scores,
            [15, 25]
        );
        assert_eq!(apply!(c, col.scores.prepend([1_i64])).scores, [1, 15, 25]);
        assert_eq!(
            apply!(c, col.scores.retain(ArrayCondition::NotEqual, 15)).scores,
            [1, 25]
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn string_boolean_and_datetime_operators() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-scalar");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;

        assert_eq!(apply!(c, col.name.concat(" XL")).name, "Box XL");
        assert_eq!(apply!(c, col.name.replace("XL", "S")).name, "Box S");

        assert!(apply!(c, col.active.toggle()).active);
        assert!(!apply!(c, col.active.toggle()).active);

        let day = |row: &Row<Gadget>| row.due.as_ref().map(|t| t.as_str()[..10].to_owned());
        let row = apply!(c, col.due.add_days(7));
        assert_eq!(day(&row).as_deref(), Some("2026-01-08"));
        let row = apply!(c, col.due.sub_days(2));
        assert_eq!(day(&row).as_deref(), Some("2026-01-06"));
        let before = Timestamp::now();
        let row = apply!(c, col.due.set_now());
        let set = row.due.as_ref().and_then(Timestamp::unix_millis);
        let before = before.unix_millis();
        // The server's clock (whole seconds on Appwrite): within a day of ours.
        assert!(
            matches!((set, before), (Some(s), Some(b)) if (s - b).abs() < 86_400_000),
            "{set:?} vs {before:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn operators_go_with_a_patch_and_in_bulk_updates() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-mixed");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;
        b.reset();

        // A patch and operators on other columns: one request.
        let row = Gadget::update(c, "g1", Gadget::patch().name("Crate").active(true))
            .op(col.stock.increment(1))
            .op(col.tags.append(["new"]))
            .op(col.due.add_days(1))
            .await?;
        assert_eq!(
            (
                row.name.as_str(),
                row.active,
                row.stock,
                row.tags.as_slice()
            ),
            ("Crate", true, 11, &["a".to_string(), "new".to_string()][..])
        );
        b.expect(&[(
            "PATCH",
            &format!("/v1/tablesdb/{db}/tables/gadgets/rows/g1"),
        )]);

        // In a bulk update, each row changes from its own value.
        Gadget::upsert(
            c,
            "g2",
            &Gadget {
                stock: 100,
                ..gadget()
            },
        )
        .await?;
        let changed = Gadget::update_many(c, col.stock.gte(0), Gadget::patch())
            .op(col.stock.increment(5))
            .op(col.scores.append([99]))
            .await?;
        assert_eq!(changed, 2);
        let g1 = Gadget::get(c, "g1").await?;
        let g2 = Gadget::get(c, "g2").await?;
        assert_eq!((g1.stock, g2.stock), (16, 105));
        assert_eq!(g2.scores, [5, 15, 25, 99]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn refused_operators_send_nothing() {
    on_each_backend(async |b| {
        let db = b.fresh_id("ops-refused");
        let c = &b.client_in(&db);
        let col = Gadget::columns();
        fresh(c).await?;
        b.reset();

        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.stock.divide(0))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid input for table `gadgets`, column `stock`: `divide` by zero: Appwrite refuses it"
        );
        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.stock.modulo(0))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("`modulo` by zero"), "{err}");
        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.price.increment(f64::NAN))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("must be a finite number"), "{err}");
        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.tags.intersect(Vec::<String>::new()))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("at least one element"), "{err}");

        // A column changed twice in one update.
        let err = Gadget::update(c, "g1", Gadget::patch().stock(3))
            .op(col.stock.increment(1))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Validation { column: Some(col), reason, .. }
                if col == "stock" && reason.contains("by `increment` and by the patch")),
            "{err}"
        );
        let err = Gadget::update(c, "g1", Gadget::patch())
            .op(col.tags.append(["x"]))
            .op(col.tags.unique())
            .await
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("by `arrayUnique` and by another operator"),
            "{err}"
        );
        // In bulk updates too.
        let err = Gadget::update_many(c, Gadget::query(), Gadget::patch())
            .op(col.price.divide(0.0))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("`divide` by zero"), "{err}");

        b.expect(&[]);
        assert_eq!(Gadget::get(c, "g1").await?.data, gadget());
        Ok(())
    })
    .await;
}
