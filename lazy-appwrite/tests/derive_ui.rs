//! Compile tests of `#[derive(Table)]` and typed queries: `ui/fail/*.rs` must fail with
//! the reviewed `.stderr`, `ui/pass/*.rs` must compile and run. The toolchain is pinned
//! (`rust-toolchain.toml`); regenerate with `TRYBUILD=overwrite` and review every diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
