//! The operators' tests.

use serde_json::json;

use super::check::*;
use super::compute::*;
use super::*;
use crate::query::plan::tests::table;

fn op(raw: Value) -> Operator {
    detect(&json!(raw.to_string())).unwrap().unwrap()
}

fn col(key: &str) -> ColumnMeta {
    table()
        .columns
        .into_iter()
        .find(|c| c.spec.key == key)
        .unwrap()
}

#[test]
fn detection() {
    assert_eq!(
        detect(&json!(r#"{"method":"increment","values":[5]}"#)),
        Some(Ok(Operator {
            method: "increment",
            values: vec![json!(5)]
        }))
    );
    // Also as an object, with an attribute, or without values.
    assert!(matches!(
        detect(&json!({"method": "toggle", "attribute": "flag"})),
        Some(Ok(_))
    ));
    // Not operators: plain text, unknown methods, lists, non-string methods.
    for plain in [
        json!("hello"),
        json!(r#"{"method":"nope","values":[1]}"#),
        json!(r#"[{"method":"increment"}]"#),
        json!(r#"{"method":5}"#),
        json!(r#"{"values":[1]}"#),
        json!(5),
        json!([1, 2]),
    ] {
        assert_eq!(detect(&plain), None, "{plain}");
    }
    assert_eq!(
        detect(&json!(r#"{"method":"increment","attribute":5}"#)),
        Some(Err(
            "Invalid operator attribute. Must be a string, got integer".into()
        ))
    );
    assert_eq!(
        detect(&json!(r#"{"method":"increment","values":"x"}"#)),
        Some(Err(
            "Invalid operator values. Must be an array, got string".into()
        ))
    );
}

#[test]
fn validation_messages() {
    let count = col("count");
    let title = col("title");
    let tags = col("tags");
    let v = |raw: Value, c: &ColumnMeta, cur: Option<&Value>| validate(&op(raw), c, cur);
    assert_eq!(
        v(json!({"method":"increment","values":[1]}), &title, None),
        Err("Cannot apply increment operator to non-numeric field 'title'".into())
    );
    assert_eq!(
        v(json!({"method":"increment","values":["x"]}), &count, None),
        Err("Cannot apply increment operator: value must be numeric, got string".into())
    );
    assert_eq!(
        v(json!({"method":"increment"}), &count, None),
        Err("Cannot apply increment operator: value must be numeric, got NULL".into())
    );
    assert_eq!(
        v(json!({"method":"divide","values":[0]}), &count, None),
        Err("Cannot apply divide operator: division by zero".into())
    );
    assert_eq!(
        v(json!({"method":"modulo","values":[0.0]}), &count, None),
        Err("Cannot apply modulo operator: modulo by zero".into())
    );
    assert_eq!(
        v(
            json!({"method":"increment","values":[1, "x"]}),
            &count,
            None
        ),
        Err("Cannot apply increment operator: max/min limit must be numeric, got string".into())
    );
    assert_eq!(
        v(
            json!({"method":"increment","values":[1]}),
            &count,
            Some(&json!(2147483647))
        ),
        Err("Cannot apply increment operator: would overflow maximum value of 2147483647".into())
    );
    assert!(
        v(
            json!({"method":"increment","values":[1, 5000000000i64]}),
            &count,
            Some(&json!(2147483647))
        )
        .is_ok()
    );
    assert_eq!(
        v(json!({"method":"arrayAppend","values":["x"]}), &title, None),
        Err("Cannot apply arrayAppend operator to non-array field 'title'".into())
    );
    assert_eq!(
        v(
            json!({"method":"arrayInsert","values":[5, "x"]}),
            &tags,
            Some(&json!(["a"]))
        ),
        Err(
            "Cannot apply arrayInsert operator: index 5 is out of bounds for array of length 1"
                .into()
        )
    );
    assert_eq!(
        v(
            json!({"method":"arrayInsert","values":[-1, "x"]}),
            &tags,
            None
        ),
        Err("Cannot apply arrayInsert operator: index must be a non-negative integer".into())
    );
    assert_eq!(
        v(json!({"method":"arrayFilter","values":["contains", "x"]}), &tags, None),
        Err("Invalid array filter condition 'contains'. Must be one of: equal, notEqual, greaterThan, greaterThanEqual, lessThan, lessThanEqual, isNull, isNotNull".into())
    );
    assert_eq!(
        v(json!({"method":"arrayIntersect","values":[]}), &tags, None),
        Err("arrayIntersect operator requires a non-empty array value".into())
    );
    assert_eq!(
        v(json!({"method":"arrayDiff","values":["a"]}), &title, None),
        Err("Cannot use arrayDiff operator on non-array attribute 'title'".into())
    );
    assert_eq!(
        v(
            json!({"method":"stringConcat","values":["x"]}),
            &col("body"),
            None
        ),
        Err("Cannot apply stringConcat operator to non-string field 'body'".into())
    );
    assert_eq!(
        v(json!({"method":"stringConcat","values":[5]}), &title, None),
        Err("Cannot apply stringConcat operator: requires a string value".into())
    );
    assert_eq!(
        v(json!({"method":"stringConcat","values":["xx"]}), &title, Some(&json!("a".repeat(254)))),
        Err("Cannot apply stringConcat operator: result would exceed maximum length of 255 characters".into())
    );
    assert_eq!(
        v(json!({"method":"stringReplace","values":["a"]}), &title, None),
        Err("Cannot apply stringReplace operator: requires exactly 2 string values (search and replace)".into())
    );
    assert_eq!(
        v(json!({"method":"toggle"}), &count, None),
        Err("Cannot apply toggle operator to non-boolean field 'count'".into())
    );
    assert_eq!(
        v(
            json!({"method":"dateAddDays","values":[1.5]}),
            &col("when"),
            None
        ),
        Err("Cannot apply dateAddDays operator: requires an integer number of days".into())
    );
    assert_eq!(
        v(json!({"method":"dateSetNow"}), &title, None),
        Err("Cannot apply dateSetNow operator to non-datetime field 'title'".into())
    );
}

#[test]
fn numeric_results_on_rows() {
    let count = col("count");
    let run = |raw: Value, cur: Value| on_row(&op(raw), &count, &cur).unwrap();
    assert_eq!(
        run(json!({"method":"increment","values":[5]}), json!(10)),
        json!(15)
    );
    assert_eq!(
        run(json!({"method":"increment","values":[5]}), Value::Null),
        json!(5)
    );
    assert_eq!(
        run(json!({"method":"increment","values":[5, 12]}), json!(10)),
        json!(12)
    );
    assert_eq!(
        run(json!({"method":"increment","values":[5, 12]}), json!(20)),
        json!(12)
    );
    assert_eq!(
        run(json!({"method":"decrement","values":[5, 8]}), json!(10)),
        json!(8)
    );
    assert_eq!(
        run(json!({"method":"decrement","values":[3]}), json!(1)),
        json!(-2)
    );
    assert_eq!(
        run(json!({"method":"multiply","values":[3, 100]}), json!(50)),
        json!(100)
    );
    assert_eq!(
        run(json!({"method":"multiply","values":[3]}), json!(5)),
        json!(15)
    );
    assert_eq!(
        run(json!({"method":"divide","values":[2]}), json!(7)),
        json!(4.0)
    );
    assert_eq!(
        run(json!({"method":"divide","values":[2.0]}), json!(7)),
        json!(3.5)
    );
    let price = col("price");
    assert_eq!(
        on_row(
            &op(json!({"method":"divide","values":[2]})),
            &price,
            &json!(7)
        )
        .unwrap(),
        json!(3.5)
    );
    assert_eq!(
        run(json!({"method":"divide","values":[2, 5]}), json!(7)),
        json!(5)
    );
    assert_eq!(
        run(json!({"method":"modulo","values":[3]}), json!(10)),
        json!(1)
    );
    assert_eq!(
        run(json!({"method":"modulo","values":[3]}), json!(-10)),
        json!(-1)
    );
    assert_eq!(
        run(json!({"method":"power","values":[2]}), json!(3)),
        json!(9.0)
    );
    assert_eq!(
        run(json!({"method":"power","values":[10, 1000]}), json!(3)),
        json!(1000)
    );
    assert_eq!(
        run(json!({"method":"power","values":[10, 1000]}), json!(1)),
        json!(1)
    );
    assert_eq!(storable(&count, json!(3.5)).unwrap(), json!(4));
    assert_eq!(storable(&count, json!(2.5)).unwrap(), json!(2));
    assert_eq!(storable(&count, json!(9.0)).unwrap(), json!(9));
    assert!(
        on_row(
            &op(json!({"method":"increment","values":[1]})),
            &count,
            &json!(i64::MAX)
        )
        .is_err()
    );
}

#[test]
fn other_results_on_rows() {
    let tags = col("tags");
    let title = col("title");
    let run = |raw: Value, c: &ColumnMeta, cur: Value| on_row(&op(raw), c, &cur).unwrap();
    let abc = json!(["a", "b", "c", "b", null]);
    assert_eq!(
        run(
            json!({"method":"arrayAppend","values":["x","y"]}),
            &tags,
            json!(["a"])
        ),
        json!(["a", "x", "y"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayAppend","values":["x"]}),
            &tags,
            Value::Null
        ),
        json!(["x"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayPrepend","values":["x"]}),
            &tags,
            json!(["a"])
        ),
        json!(["x", "a"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayInsert","values":[1,"x"]}),
            &tags,
            json!(["a", "b"])
        ),
        json!(["a", "x", "b"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayInsert","values":[9,"x"]}),
            &tags,
            json!(["a"])
        ),
        json!(["a", "x"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayInsert","values":[0,"x"]}),
            &tags,
            Value::Null
        ),
        Value::Null
    );
    assert_eq!(
        run(
            json!({"method":"arrayRemove","values":["b"]}),
            &tags,
            abc.clone()
        ),
        json!(["a", "c"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayRemove","values":["b"]}),
            &tags,
            Value::Null
        ),
        json!([])
    );
    assert_eq!(
        run(json!({"method":"arrayUnique"}), &tags, abc.clone()),
        // Sorted, as MariaDB returns distinct values (NULL first).
        json!([null, "a", "b", "c"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayIntersect","values":["b","c","z"]}),
            &tags,
            abc.clone()
        ),
        json!(["b", "c", "b"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayDiff","values":["b"]}),
            &tags,
            abc.clone()
        ),
        json!(["a", "c"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayFilter","values":["equal","b"]}),
            &tags,
            abc.clone()
        ),
        json!(["b", "b"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayFilter","values":["isNull"]}),
            &tags,
            abc.clone()
        ),
        json!([null])
    );
    assert_eq!(
        run(
            json!({"method":"arrayFilter","values":["isNotNull"]}),
            &tags,
            abc
        ),
        json!(["a", "b", "c", "b"])
    );
    let nums = col("nums");
    assert_eq!(
        run(
            json!({"method":"arrayFilter","values":["greaterThan", 2]}),
            &nums,
            json!([1, 2, 3, 4])
        ),
        json!([3, 4])
    );
    assert_eq!(
        run(
            json!({"method":"arrayRemove","values":[2]}),
            &nums,
            json!([1, 2, 3, 2])
        ),
        json!([1, 3])
    );
    assert_eq!(
        run(
            json!({"method":"stringConcat","values":[" Appended"]}),
            &title,
            json!("Original")
        ),
        json!("Original Appended")
    );
    assert_eq!(
        run(
            json!({"method":"stringConcat","values":["x"]}),
            &title,
            Value::Null
        ),
        json!("x")
    );
    assert_eq!(
        run(
            json!({"method":"stringReplace","values":["o","0"]}),
            &title,
            json!("foo")
        ),
        json!("f00")
    );
    assert_eq!(
        run(
            json!({"method":"stringReplace","values":["","0"]}),
            &title,
            json!("foo")
        ),
        json!("foo")
    );
    assert_eq!(
        run(
            json!({"method":"stringReplace","values":["o","0"]}),
            &title,
            Value::Null
        ),
        Value::Null
    );
    let flag = col("flag");
    assert_eq!(
        run(json!({"method":"toggle"}), &flag, json!(true)),
        json!(false)
    );
    assert_eq!(
        run(json!({"method":"toggle"}), &flag, Value::Null),
        json!(true)
    );
    let when = col("when");
    assert_eq!(
        run(
            json!({"method":"dateAddDays","values":[3]}),
            &when,
            json!("2020-01-30T12:00:00.000+00:00")
        ),
        json!("2020-02-02T12:00:00.000+00:00")
    );
    assert_eq!(
        run(
            json!({"method":"dateSubDays","values":[1]}),
            &when,
            json!("2020-03-01T00:00:00.500+00:00")
        ),
        json!("2020-02-29T00:00:00.500+00:00")
    );
    assert_eq!(
        run(
            json!({"method":"dateAddDays","values":[1]}),
            &when,
            Value::Null
        ),
        Value::Null
    );
    let now = run(json!({"method":"dateSetNow"}), &when, Value::Null);
    assert!(now.as_str().unwrap().ends_with(".000+00:00"), "{now}");
}

#[test]
fn results_on_new_rows_use_defaults() {
    let count = col("count");
    let tags = col("tags");
    let run = |raw: Value, c: &ColumnMeta, d: Value| on_new(&op(raw), c, &d).unwrap();
    assert_eq!(
        run(
            json!({"method":"increment","values":[5, 2]}),
            &count,
            Value::Null
        ),
        json!(5)
    );
    assert_eq!(
        run(
            json!({"method":"increment","values":[5]}),
            &count,
            json!(10)
        ),
        json!(15)
    );
    assert_eq!(
        run(json!({"method":"divide","values":[2]}), &count, json!(10)),
        json!(5)
    );
    assert_eq!(
        run(json!({"method":"power","values":[3]}), &count, json!(2)),
        json!(8)
    );
    assert_eq!(
        run(json!({"method":"modulo","values":[4]}), &count, json!(10)),
        json!(2)
    );
    assert_eq!(
        run(
            json!({"method":"arrayAppend","values":["a"]}),
            &tags,
            Value::Null
        ),
        json!(["a"])
    );
    assert_eq!(
        run(
            json!({"method":"arrayFilter","values":["equal","a"]}),
            &tags,
            Value::Null
        ),
        Value::Null
    );
    assert_eq!(
        run(
            json!({"method":"stringConcat","values":["x"]}),
            &col("title"),
            Value::Null
        ),
        json!("x")
    );
}

#[test]
fn decimal_casts() {
    assert_eq!(decimal("12.5abc"), 12.5);
    assert_eq!(decimal("abc"), 0.0);
    assert_eq!(decimal(" -3e2"), -300.0);
    assert_eq!(decimal("7e"), 7.0);
}
