//! The declared parameters' checks: order, presence, defaults, releases and messages.

use serde_json::json;

use super::*;
use crate::error::ErrorType;

const V181: AppwriteVersion = AppwriteVersion::V1_8_1;
const V196: AppwriteVersion = AppwriteVersion::V1_9_6;

const ID: Param = Param::required("thingId", Rule::CustomId);
const NAME: Param = Param::required("name", Rule::Text { min: 1, max: 8 });
const ENABLED: Param = Param::optional("enabled", Rule::StrictBool).or(Fallback::Bool(true));
const SPEC: &[Param] = &[ID, NAME, ENABLED];

fn params(body: Value) -> Params {
    let Value::Object(map) = body else {
        panic!("an object");
    };
    Params::from_map(map)
}

fn check(spec: &[Param], body: Value, profile: AppwriteVersion) -> ApiResult<BodyValues> {
    BodyValues::check(spec, &params(body), profile)
}

#[test]
fn values_and_defaults() {
    let values = check(SPEC, json!({"thingId": "t1", "name": "ada"}), V196).unwrap();
    assert_eq!(values.text(&ID), Some("t1"));
    assert_eq!(values.text(&NAME), Some("ada"));
    assert!(values.flag(&ENABLED));
    let off = check(
        SPEC,
        json!({"thingId": "t1", "name": "ada", "enabled": false}),
        V196,
    );
    assert!(!off.unwrap().flag(&ENABLED));
    let fresh = check(SPEC, json!({"thingId": "unique()", "name": "a"}), V196).unwrap();
    assert_ne!(fresh.text(&ID), Some("unique()"));
}

#[test]
fn the_first_invalid_in_declared_order() {
    let err = check(SPEC, json!({"name": 5, "enabled": "x"}), V196).unwrap_err();
    assert_eq!(err.kind, ErrorType::GeneralArgumentInvalid);
    assert_eq!(err.message, "Param \"thingId\" is not optional.");
    let err = check(SPEC, json!({"thingId": "t", "enabled": "x"}), V196).unwrap_err();
    assert_eq!(err.message, "Param \"name\" is not optional.");
    let err = check(SPEC, json!({"thingId": "t", "name": "toolongname"}), V196).unwrap_err();
    assert_eq!(
        err.message,
        "Invalid `name` param: Value must be a valid string and at least 1 chars and no longer than 8 chars"
    );
    let err = check(
        SPEC,
        json!({"thingId": "t", "name": "a", "enabled": "x"}),
        V196,
    );
    assert_eq!(
        err.unwrap_err().message,
        "Invalid `enabled` param: Value must be a valid boolean"
    );
}

#[test]
fn a_required_text_sent_as_null_fails_its_validator() {
    let err = check(&[NAME], json!({"name": null}), V196).unwrap_err();
    assert!(
        err.message.starts_with("Invalid `name` param"),
        "{}",
        err.message
    );
    // An optional one sent as null is not given.
    let optional = Param::optional("name", Rule::Text { min: 1, max: 8 });
    let values = check(&[optional], json!({"name": null}), V196).unwrap();
    assert_eq!(values.text(&optional), None);
}

#[test]
fn releases_decide_presence_existence_and_nullability() {
    let name = NAME.required_where(AppwriteVersion::update_needs_name);
    let missing = |v| check(&[name], json!({}), v);
    assert_eq!(missing(V181).is_err(), V181.update_needs_name());
    assert_eq!(missing(V196).is_err(), V196.update_needs_name());

    let purge = Param::optional("purge", Rule::LooseBool)
        .or(Fallback::Bool(false))
        .only_where(AppwriteVersion::has_list_ttl);
    for v in [V181, V196] {
        let result = check(&[purge], json!({"purge": "maybe"}), v);
        assert_eq!(result.is_err(), v.has_list_ttl());
        let values = check(&[purge], json!({}), v).unwrap();
        assert!(!values.flag(&purge));
    }

    let on_delete = Param::optional("onDelete", Rule::OneOf(&["cascade", "restrict"]));
    let err = check(&[on_delete.nullable()], json!({"onDelete": "x"}), V196).unwrap_err();
    assert_eq!(
        err.message,
        "Invalid `onDelete` param: Value must be one of (cascade, restrict) or null"
    );
    let err = check(&[on_delete], json!({"onDelete": 1}), V196).unwrap_err();
    assert!(
        err.message.ends_with("(cascade, restrict)"),
        "{}",
        err.message
    );
}

#[test]
fn shared_rules() {
    let uid = Param::optional("userId", Rule::Uid);
    let key = Param::optional("key", Rule::Key);
    let prefs = Param::required("prefs", Rule::Assoc);
    let perms = Param::optional("permissions", Rule::Permissions(Level::Table));
    let loose = Param::required("status", Rule::LooseBool);
    let spec = [uid, key, prefs, perms, loose];
    let values = check(
        &spec,
        json!({"userId": "u1", "key": "k.1", "prefs": [], "permissions": ["create(\"any\")"], "status": "0"}),
        V196,
    )
    .unwrap();
    assert_eq!(values.text(&uid), Some("u1"));
    assert_eq!(values.text(&key), Some("k.1"));
    assert_eq!(values.object(&prefs), Some(&Map::new()));
    assert_eq!(
        values.strings(&perms),
        Some(vec!["create(\"any\")".to_string()])
    );
    assert!(!values.flag(&loose));
    let err = check(&[uid], json!({"userId": "_bad"}), V196).unwrap_err();
    assert_eq!(
        err.message,
        format!("Invalid `userId` param: {UID_DESCRIPTION}")
    );
    let err = check(&[prefs], json!({"prefs": 5}), V196).unwrap_err();
    assert_eq!(
        err.message,
        "Invalid `prefs` param: Value must be a valid object."
    );
    let err = check(&[perms], json!({"permissions": ["nope(\"any\")"]}), V196).unwrap_err();
    assert!(err.message.contains("`permissions`"), "{}", err.message);
}

#[test]
fn custom_rules_and_object_lists() {
    fn doubled(
        params: &Params,
        name: &'static str,
        _: AppwriteVersion,
    ) -> ApiResult<Option<Value>> {
        Ok(params.int(name)?.map(|n| Value::from(n * 2)))
    }
    let n = Param::optional("n", Rule::Custom(doubled)).or(Fallback::Int(7));
    assert_eq!(check(&[n], json!({"n": 2}), V196).unwrap().int(&n), Some(4));
    assert_eq!(check(&[n], json!({}), V196).unwrap().int(&n), Some(7));
    let absent = Param::optional("items", Rule::Assoc);
    assert!(
        check(&[], json!({}), V196)
            .unwrap()
            .objects(&absent)
            .is_empty()
    );
    assert_eq!(check(&[], json!({}), V196).unwrap(), BodyValues::default());
}

#[test]
fn debug_shows_names_not_values() {
    let email = Param::optional("email", Rule::Text { min: 1, max: 64 });
    let values = check(&[email], json!({"email": "ada@example.com"}), V196).unwrap();
    let shown = format!("{values:?}");
    assert!(shown.contains("email"), "{shown}");
    assert!(!shown.contains("ada@"), "{shown}");
}
