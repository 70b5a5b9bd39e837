//! A few thousand seeded cases of every target, so the generators and oracles are checked
//! in CI; the long runs are the bench binary's.

use lazy_appwrite_emulator::AppwriteVersion;

use crate::input::Gen;
use crate::report::Tally;
use crate::{client, derive, emulator};

fn assert_clean(name: &str, tally: &Tally) {
    assert!(tally.cases > 0, "{name}: no cases ran");
    assert_eq!(tally.failure_count(), 0, "{name}: {:#?}", tally.failures);
}

#[test]
fn emulator_targets_answer_every_request_in_appwrite_shape() {
    for version in [AppwriteVersion::V1_8_1, AppwriteVersion::V1_9_6] {
        let mut target = emulator::Target::new(version).expect("the emulator starts");
        let mut g = Gen::new(11);
        let mut tally = Tally::default();
        emulator::queries(&mut target, &mut g, 600, &mut tally);
        emulator::row_bodies(&mut target, &mut g, 600, &mut tally);
        emulator::column_bodies(&mut target, &mut g, 300, &mut tally);
        assert_clean(&format!("emulator {version:?}"), &tally);
        // The generators reach both sides: some requests succeed, some are refused.
        assert!(
            tally.accepted > 0 && tally.accepted < tally.cases,
            "{:?}",
            tally.statuses
        );
    }
}

#[test]
fn client_targets_never_panic() {
    let mut g = Gen::new(12);
    let mut tally = Tally::default();
    client::coerce_and_validate(&mut g, 3000, &mut tally);
    client::decode_rows(&mut g, 2000, &mut tally);
    client::parse_strings(&mut g, 2000, &mut tally);
    assert_clean("client", &tally);
    assert!(tally.accepted > 0 && tally.accepted < tally.cases);
}

#[test]
fn derive_parser_never_panics() {
    let mut g = Gen::new(13);
    let mut tally = Tally::default();
    derive::attributes(&mut g, 2000, &mut tally);
    assert_clean("derive", &tally);
    assert!(
        tally.accepted > 0 && tally.accepted < tally.cases,
        "{} of {}",
        tally.accepted,
        tally.cases
    );
}

/// The 52 answers the first 12-million-case run flagged: a body that is a JSON string
/// (`"rowId"`, `"{"`) gets the bare `500` the real server gives, which has no `type`.
#[test]
fn a_json_string_body_gets_the_recorded_bare_500() {
    let mut target = emulator::Target::new(AppwriteVersion::V1_9_6).expect("the emulator starts");
    let mut tally = Tally::default();
    emulator::send(
        &mut target,
        &mut tally,
        "POST",
        "/v1/tablesdb/db/tables/t/rows",
        br#""rowId""#,
    );
    assert_clean("string body", &tally);
    assert_eq!(tally.statuses.get(&500), Some(&1), "{:?}", tally.statuses);
}
