//! Checks of a column declaration that run while the model compiles (`const fn`s the
//! generated code evaluates), for what only the field's type reveals: an array column with
//! a default, a default that does not fit a kind inferred from the type (an integer out of
//! a `u8`'s range, text not among a derived enum's elements), a spatial array. The core
//! crate holds them, with the derive's checks of named kinds; the generated code reaches
//! them through `__private`.

pub use lazy_appwrite_core::declare::assert_column;
