//! The generated `validate`, the patch type, and dynamic payload coercion: every rule
//! accepting and rejecting, plus property tests.

use lazy_appwrite::schema::{CoerceMode, Patch, Point};
use lazy_appwrite::{Enum, Error, Table, Timestamp};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

#[derive(Enum, Clone, Copy, Debug, PartialEq)]
enum Plan {
    Free,
    Pro,
}

#[derive(Table, Serialize, Deserialize, Clone, Debug)]
#[table(id = "people")]
struct Person {
    #[column(size = 5)]
    name: String,
    #[column(integer(min = 0, max = 150))]
    age: Option<i64>,
    #[column(float(min = 0.0, max = 1.0), default = 0.5)]
    score: f64,
    #[column(default = false)]
    admin: bool,
    #[column(email)]
    email: Option<String>,
    #[column(url)]
    site: Option<String>,
    #[column(ip)]
    ip: Option<String>,
    #[column(datetime)]
    born: Option<String>,
    seen: Option<Timestamp>,
    #[column(enum(elements("red", "green")))]
    color: Option<String>,
    plan: Option<Plan>,
    #[column(size = 3)]
    tags: Vec<String>,
    #[column(integer(max = 10))]
    counts: Option<Vec<i64>>,
    home: Option<Point>,
    level: Option<u8>,
}

fn ada() -> Person {
    Person {
        name: "Ada".into(),
        age: Some(36),
        score: 0.9,
        admin: false,
        email: Some("ada@example.com".into()),
        site: Some("https://ada.dev".into()),
        ip: Some("10.0.0.1".into()),
        born: Some("1815-12-10".into()),
        seen: Some(Timestamp::from_unix_millis(0)),
        color: Some("red".into()),
        plan: Some(Plan::Pro),
        tags: vec!["a".into(), "bcd".into()],
        counts: Some(vec![1, 10]),
        home: Some(Point::new(2.35, 48.85)),
        level: Some(3),
    }
}

fn parts(err: Error) -> (Option<String>, Option<String>, String) {
    match err {
        Error::Validation {
            table,
            column,
            reason,
        } => (table, column, reason),
        other => panic!("not a validation error: {other}"),
    }
}

fn rejects(person: Person, column: &str, rule: &str) {
    let (table, col, reason) = parts(person.validate().expect_err("should be refused"));
    assert_eq!(table.as_deref(), Some("people"));
    assert_eq!(col.as_deref(), Some(column));
    assert!(reason.starts_with(&format!("rule `{rule}`")), "{reason}");
}

#[test]
fn a_valid_row_passes() {
    ada().validate().unwrap();
    Person {
        age: None,
        email: None,
        site: None,
        ip: None,
        born: None,
        seen: None,
        color: None,
        plan: None,
        counts: None,
        home: None,
        level: None,
        tags: vec![],
        ..ada()
    }
    .validate()
    .unwrap();
}

#[test]
fn every_rule_rejects() {
    rejects(
        Person {
            name: "Ada Lovelace".into(),
            ..ada()
        },
        "name",
        "size",
    );
    rejects(
        Person {
            age: Some(-1),
            ..ada()
        },
        "age",
        "min",
    );
    rejects(
        Person {
            age: Some(151),
            ..ada()
        },
        "age",
        "max",
    );
    rejects(
        Person {
            score: 1.5,
            ..ada()
        },
        "score",
        "max",
    );
    rejects(
        Person {
            score: f64::NAN,
            ..ada()
        },
        "score",
        "finite",
    );
    rejects(
        Person {
            email: Some("ada".into()),
            ..ada()
        },
        "email",
        "email",
    );
    rejects(
        Person {
            site: Some("ada.dev".into()),
            ..ada()
        },
        "site",
        "url",
    );
    rejects(
        Person {
            ip: Some("10.0.0.300".into()),
            ..ada()
        },
        "ip",
        "ip",
    );
    rejects(
        Person {
            born: Some("yesterday".into()),
            ..ada()
        },
        "born",
        "datetime",
    );
    rejects(
        Person {
            seen: Some(Timestamp::from_unix_millis(i64::MAX / 2)),
            ..ada()
        },
        "seen",
        "datetime",
    );
    rejects(
        Person {
            color: Some("blue".into()),
            ..ada()
        },
        "color",
        "enum",
    );
    rejects(
        Person {
            tags: vec!["ok".into(), "long".into()],
            ..ada()
        },
        "tags",
        "size",
    );
    rejects(
        Person {
            counts: Some(vec![1, 11]),
            ..ada()
        },
        "counts",
        "max",
    );
    rejects(
        Person {
            home: Some(Point::new(200.0, 0.0)),
            ..ada()
        },
        "home",
        "geometry",
    );
}

#[test]
fn errors_read_well() {
    let err = Person {
        tags: vec!["ok".into(), "long".into()],
        ..ada()
    }
    .validate()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input for table `people`, column `tags`: rule `size`: element 1: 4 characters is longer than the column's size of 3"
    );
}

#[test]
fn sizes_count_characters_not_bytes() {
    Person {
        name: "héllo".into(),
        ..ada()
    }
    .validate()
    .unwrap();
    rejects(
        Person {
            name: "héllo!".into(),
            ..ada()
        },
        "name",
        "size",
    );
}

#[test]
fn patch_sends_only_what_is_set_and_validates() {
    let patch = Person::patch()
        .age(40)
        .email(None)
        .tags(vec!["x".to_owned()]);
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"age": 40, "email": null, "tags": ["x"]})
    );
    patch.validate().unwrap();
    assert!(!patch.is_empty());
    assert!(Person::patch().is_empty());
    let (_, column, reason) = parts(Person::patch().age(200).validate().unwrap_err());
    assert_eq!(column.as_deref(), Some("age"));
    assert!(reason.contains("maximum 150"));
    let (_, column, _) = parts(
        Person::patch()
            .plan(Plan::Free)
            .name("toolong")
            .validate()
            .unwrap_err(),
    );
    assert_eq!(column.as_deref(), Some("name"));
}

fn coerce(value: Value, mode: CoerceMode) -> Result<Value, Error> {
    Person::coerce(value, mode).map(Value::Object)
}

#[test]
fn coercion_converts_text_and_scalars() {
    let row = coerce(
        json!({"name": "Ada", "age": "36", "score": "0.25", "admin": "TRUE", "tags": "x", "counts": ["1", 2], "level": 3.0}),
        CoerceMode::Create,
    )
    .unwrap();
    assert_eq!(
        row,
        json!({"name": "Ada", "age": 36, "score": 0.25, "admin": true, "tags": ["x"], "counts": [1, 2], "level": 3})
    );
    assert_eq!(
        coerce(json!({"admin": "False"}), CoerceMode::Update).unwrap(),
        json!({"admin": false})
    );
}

#[test]
fn coercion_never_turns_empty_text_into_zero() {
    let (_, column, reason) = parts(coerce(json!({"age": ""}), CoerceMode::Update).unwrap_err());
    assert_eq!(column.as_deref(), Some("age"));
    assert!(reason.starts_with("rule `type`"), "{reason}");
    assert!(coerce(json!({"score": " "}), CoerceMode::Update).is_err());
    assert!(coerce(json!({"admin": "yes"}), CoerceMode::Update).is_err());
}

#[test]
fn coercion_strips_unknown_keys_and_keeps_system_keys() {
    let row = coerce(
        json!({"name": "Ada", "nope": 1, "$id": "x", "$sequence": 3}),
        CoerceMode::Update,
    )
    .unwrap();
    assert_eq!(row, json!({"name": "Ada", "$id": "x"}));
}

#[test]
fn create_injects_defaults_and_requires_required_columns() {
    let row = coerce(json!({"name": "Ada", "tags": []}), CoerceMode::Create).unwrap();
    assert_eq!(
        row,
        json!({"name": "Ada", "tags": [], "score": 0.5, "admin": false})
    );
    let (_, column, reason) =
        parts(coerce(json!({"name": "Ada"}), CoerceMode::Create).unwrap_err());
    assert_eq!(
        column.as_deref(),
        Some("tags"),
        "a Vec field is a required array"
    );
    assert!(reason.starts_with("rule `required`"));
    let (_, column, reason) = parts(coerce(json!({"age": 3}), CoerceMode::Create).unwrap_err());
    assert_eq!(column.as_deref(), Some("name"));
    assert!(reason.starts_with("rule `required`"));
    let (_, column, _) = parts(coerce(json!({"name": null}), CoerceMode::Update).unwrap_err());
    assert_eq!(column.as_deref(), Some("name"));
    assert_eq!(
        coerce(json!({"age": 3}), CoerceMode::Update).unwrap(),
        json!({"age": 3})
    );
    assert_eq!(
        coerce(json!({"age": null}), CoerceMode::Update).unwrap(),
        json!({"age": null})
    );
}

#[test]
fn coercion_refuses_what_validation_refuses() {
    for (payload, column) in [
        (json!({"age": "151"}), "age"),
        (json!({"email": "nope"}), "email"),
        (json!({"color": "blue"}), "color"),
        (json!({"plan": "Gold"}), "plan"),
        (json!({"tags": ["abcd"]}), "tags"),
        (json!({"tags": [["a"]]}), "tags"),
        (json!({"home": [1, 2, 3]}), "home"),
        (json!({"level": 300}), "level"),
        (json!({"score": "NaN"}), "score"),
        (json!({"age": 1.5}), "age"),
    ] {
        let (_, col, _) =
            parts(coerce(payload.clone(), CoerceMode::Update).expect_err(&payload.to_string()));
        assert_eq!(col.as_deref(), Some(column), "{payload}");
    }
    let (table, column, _) = parts(coerce(json!([1]), CoerceMode::Update).unwrap_err());
    assert_eq!((table.as_deref(), column), (Some("people"), None));
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "12", "1.5", "TRUE", "false", "", " 7 ", "-0", "1e3", "red", "Pro"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "name", "age", "score", "admin", "email", "tags", "counts", "home",
                        "color", "plan", "level", "x"
                    ]),
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

fn arb_person() -> impl Strategy<Value = Person> {
    (
        "[a-zé]{0,5}",
        prop::option::of(0i64..=150),
        0.0f64..=1.0,
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["red", "green"])),
        prop::option::of(prop::sample::select(vec![Plan::Free, Plan::Pro])),
        prop::collection::vec("[a-z]{0,3}", 0..4),
        prop::option::of(prop::collection::vec(-2_147_483_647i64..=10, 0..3)),
        prop::option::of((-180.0f64..=180.0, -90.0f64..=90.0)),
        prop::option::of(any::<u8>()),
    )
        .prop_map(
            |(name, age, score, admin, color, plan, tags, counts, home, level)| Person {
                name,
                age,
                score,
                admin,
                email: None,
                site: None,
                ip: None,
                born: None,
                seen: None,
                color: color.map(str::to_owned),
                plan,
                tags,
                counts,
                home: home.map(|(lon, lat)| Point::new(lon, lat)),
                level,
            },
        )
}

proptest! {
    #[test]
    fn coercion_never_panics(value in arb_json(), create in any::<bool>()) {
        let mode = if create { CoerceMode::Create } else { CoerceMode::Update };
        let _ = Person::coerce(value, mode);
    }

    #[test]
    fn valid_rows_survive_coercion_unchanged(person in arb_person()) {
        person.validate().unwrap();
        let json = serde_json::to_value(&person).unwrap();
        let Value::Object(expected) = json.clone() else { unreachable!() };
        let coerced = Person::coerce(json.clone(), CoerceMode::Create).unwrap();
        prop_assert_eq!(&coerced, &expected);
        let coerced = Person::coerce(json, CoerceMode::Update).unwrap();
        prop_assert_eq!(&coerced, &expected);
    }

    #[test]
    fn coerced_rows_validate(value in arb_json()) {
        if let Ok(row) = Person::coerce(value, CoerceMode::Update) {
            // What coercion accepts is what validation accepts: it decodes when complete.
            let mut full = serde_json::to_value(ada()).unwrap();
            for (k, v) in row {
                if !k.starts_with('$') {
                    full[k] = v;
                }
            }
            if let Ok(person) = serde_json::from_value::<Person>(full) {
                prop_assert!(person.validate().is_ok() || person.name.chars().count() > 5);
            }
        }
    }
}
