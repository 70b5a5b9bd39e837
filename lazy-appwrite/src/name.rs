//! [`Name`]: an ID the client holds (a database's, a table's), cheap to clone. A model's
//! IDs are `&'static str`s and are held as they are; any other is shared behind an `Arc`,
//! so a handle and the calls it makes clone it without copying.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A string held either as a `&'static str` or behind an `Arc`: cloning it never copies.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Name {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Name {
    /// A copy of `text`.
    pub(crate) fn copied(text: &str) -> Self {
        Name::Shared(Arc::from(text))
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Name::Static(text) => text,
            Name::Shared(text) => text,
        }
    }
}

impl From<String> for Name {
    fn from(text: String) -> Self {
        Name::Shared(Arc::from(text))
    }
}

impl From<&Name> for Name {
    fn from(name: &Name) -> Self {
        name.clone()
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Self {
        Name::copied(text)
    }
}

impl From<&String> for Name {
    fn from(text: &String) -> Self {
        Name::copied(text)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_shares_the_text() {
        let shared = Name::from(String::from("books"));
        let Name::Shared(a) = &shared else {
            panic!("a String is shared")
        };
        let copy = shared.clone();
        let Name::Shared(b) = &copy else {
            panic!("its clone too")
        };
        assert!(Arc::ptr_eq(a, b));
        assert_eq!(&*Name::Static("books"), &*copy);
        assert_eq!(format!("{copy} {copy:?}"), "books \"books\"");
    }
}
