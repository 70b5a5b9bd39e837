//! A unique-index clash is `Error::UniqueViolation` naming the index, not a "row ID
//! already exists" conflict. Real Appwrite 1.8.1 and 1.9.6 answer both with
//! `409 row_already_exists`; 2.0 and later answer a clash with
//! `row_unique_constraint_violation`.

use crate::support;

use lazy_appwrite::{Error, Model, Table};
use serde::{Deserialize, Serialize};
use support::{FakeServer, Reply, on_each_backend};

#[derive(Table, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[table(id = "members", index(key = "by_email", unique, columns(email)))]
struct Member {
    #[column(size = 64)]
    name: String,
    #[column(size = 128)]
    email: String,
}

fn member(name: &str, email: &str) -> Member {
    Member {
        name: name.into(),
        email: email.into(),
    }
}

fn assert_clash(err: &Error, operation: &str) {
    match err {
        Error::UniqueViolation {
            answer,
            index,
            columns,
        } => {
            assert_eq!(answer.operation, operation);
            assert_eq!(answer.table.as_deref(), Some("members"));
            assert_eq!(*index, Some("by_email"));
            assert_eq!(*columns, ["email"]);
        }
        other => panic!("{operation}: expected a unique violation, got {other:?}"),
    }
    assert_eq!(err.status(), Some(409));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn a_unique_clash_names_the_index_and_a_taken_id_stays_a_conflict() {
    on_each_backend(async |b| {
        let db = b.fresh_id("unique");
        let c = b.client_in(&db);
        let ada = Member::create(&c, &member("Ada", "ada@example.com")).await?;
        let bob = Member::create(&c, &member("Bob", "bob@example.com")).await?;

        // A client-made ID and a clashing email: the index is the cause.
        let err = Member::create(&c, &member("Ada 2", "ada@example.com"))
            .await
            .unwrap_err();
        assert_clash(&err, "rows.create");
        assert_eq!(
            err.to_string().split(':').next(),
            Some("rows.create on table `members`")
        );
        assert!(
            err.to_string()
                .contains("the unique index `by_email` (email) already holds these values"),
            "{err}"
        );

        // An update or an upsert that would clash.
        let err = Member::update(&c, &bob.id, Member::patch().email("ada@example.com"))
            .await
            .unwrap_err();
        assert_clash(&err, "rows.update");
        let err = Member::upsert(&c, &bob.id, &member("Bob", "ada@example.com"))
            .await
            .unwrap_err();
        assert_clash(&err, "rows.upsert");

        // A taken ID with a free email is a conflict on the ID.
        let err = Member::create(&c, &member("Other", "other@example.com"))
            .id(&ada.id)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Conflict { answer } if answer.kind == "row_already_exists"),
            "{err:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_2_x_error_type_is_a_unique_violation_too() {
    let server = FakeServer::always(Reply::error(
        409,
        "row_unique_constraint_violation",
        "Document with the requested unique attributes already exists.",
    ))
    .await;
    let client = lazy_appwrite::Client::builder()
        .endpoint(server.endpoint())
        .project("p")
        .api_key("standard_unique_key_0123")
        .build()
        .unwrap();
    let err = client
        .rows::<serde_json::Value>("shop", "members")
        .create("m1", &serde_json::json!({"email": "a@example.com"}))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::UniqueViolation {
                answer,
                index: None,
                ..
            } if answer.kind == "row_unique_constraint_violation"
                && answer.operation == "rows.create"
        ),
        "{err:?}"
    );
    assert_eq!(err.appwrite_type(), Some("row_unique_constraint_violation"));
    assert_eq!(server.count(), 1, "a unique violation is not retried");
}
