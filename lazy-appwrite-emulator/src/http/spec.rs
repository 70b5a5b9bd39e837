//! A route's declared body (or, for a `GET`, query-string) parameters: each [`Param`]
//! names one, with its validator, whether it is required or what it defaults to, and the
//! releases where it exists or behaves differently. The pipeline checks a route's list in
//! its order, after the IDs, the read parameters and the row-write body, and hands the
//! handler the checked values in [`CheckedRequest::body`](crate::http::request::CheckedRequest::body);
//! the handler reads each value through the same [`Param`], so a parameter's name, rule
//! and message live in one place.

use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult, catalogue};
use crate::http::params::{Params, custom_id};
use crate::profile::AppwriteVersion;
use crate::schema::permission::{Level, permission_strings, validate_and_expand};
use crate::validate::ids::{KEY_DESCRIPTION, UID_DESCRIPTION, check_key, check_uid};

/// A validator that is not one of [`Rule`]'s shared ones: given the request's parameters,
/// the parameter's name and the release, the checked value (`None`: not given).
pub type CustomRule = fn(&Params, &'static str, AppwriteVersion) -> ApiResult<Option<Value>>;

/// A property of a release (one of [`AppwriteVersion`]'s `fn(self) -> bool`).
pub type ReleaseTest = fn(AppwriteVersion) -> bool;

/// How a parameter is checked; each gives Appwrite's message for a value it refuses.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// utopia's `CustomId`: an ID string, `unique()` allowed (and resolved to a new ID).
    CustomId,
    /// utopia's `Text`: a string of `min..=max` characters. Sent as `null` where it is
    /// required, it fails this validator rather than counting as missing (Appwrite
    /// validates every parameter that is present; tour-databases.jsonl 1.8.1 seq 72).
    Text {
        /// Fewest characters (0: no minimum in the message).
        min: usize,
        /// Most characters.
        max: usize,
    },
    /// utopia's strict `Boolean`: JSON `true`/`false` (`"true"`/`"false"` from a query).
    StrictBool,
    /// utopia's loose `Boolean(true)`: also `"1"`, `"0"`, `1`, `0` and their texts.
    LooseBool,
    /// utopia's `Assoc`: a key-value object (or an empty list).
    Assoc,
    /// Appwrite's `Permissions` at `Level`, nullable: checked and expanded.
    Permissions(Level),
    /// utopia's `UID`: an existing resource's ID.
    Uid,
    /// utopia's `Key`.
    Key,
    /// utopia's `WhiteList`: one of `values` (the message lists them in this order).
    OneOf(&'static [&'static str]),
    /// A validator of the route's own.
    Custom(CustomRule),
}

/// What a parameter that is not given gets.
#[derive(Debug, Clone, Copy)]
pub enum Presence {
    /// Missing is `Param "name" is not optional.`.
    Required,
    /// Required on the releases where the test holds, optional elsewhere.
    RequiredWhere(ReleaseTest),
    /// Nothing: the handler sees it absent.
    Optional,
    /// This value.
    Default(Fallback),
}

/// A parameter's default value.
#[derive(Debug, Clone, Copy)]
pub enum Fallback {
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A text.
    Text(&'static str),
}

impl Fallback {
    fn to_json(self) -> Value {
        match self {
            Fallback::Bool(b) => Value::Bool(b),
            Fallback::Int(i) => Value::from(i),
            Fallback::Text(s) => Value::String(s.to_string()),
        }
    }
}

fn every_release(_: AppwriteVersion) -> bool {
    true
}

fn no_release(_: AppwriteVersion) -> bool {
    false
}

/// One declared parameter of a route (`Param::required("name", Rule::Text { min: 1, max: 128 })`,
/// `Param::optional("enabled", Rule::StrictBool).or(Fallback::Bool(true))`).
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// Its name in the body or the query string.
    pub name: &'static str,
    /// Its validator.
    pub rule: Rule,
    /// What it gets when not given.
    pub presence: Presence,
    /// The releases that have it; the others ignore it (it keeps its default).
    pub exists: ReleaseTest,
    /// The releases that declare it `Nullable`, whose messages then end "or null".
    pub nullable: ReleaseTest,
}

impl Param {
    /// A required parameter in every release.
    pub const fn required(name: &'static str, rule: Rule) -> Self {
        Self {
            name,
            rule,
            presence: Presence::Required,
            exists: every_release,
            nullable: no_release,
        }
    }

    /// An optional parameter in every release, absent when not given.
    pub const fn optional(name: &'static str, rule: Rule) -> Self {
        Self {
            presence: Presence::Optional,
            ..Self::required(name, rule)
        }
    }

    /// The same parameter, `fallback` when not given.
    pub const fn or(mut self, fallback: Fallback) -> Self {
        self.presence = Presence::Default(fallback);
        self
    }

    /// The same parameter, required only on the releases where `test` holds.
    pub const fn required_where(mut self, test: ReleaseTest) -> Self {
        self.presence = Presence::RequiredWhere(test);
        self
    }

    /// The same parameter, existing only on the releases where `test` holds.
    pub const fn only_where(mut self, test: ReleaseTest) -> Self {
        self.exists = test;
        self
    }

    /// The same parameter, declared `Nullable` on the releases where `test` holds.
    pub const fn nullable_where(mut self, test: ReleaseTest) -> Self {
        self.nullable = test;
        self
    }

    /// The same parameter, declared `Nullable` on every release.
    pub const fn nullable(self) -> Self {
        self.nullable_where(every_release)
    }

    /// Whether release `version` has the parameter.
    pub fn exists_in(&self, version: AppwriteVersion) -> bool {
        (self.exists)(version)
    }

    /// Checks the parameter in `params` on release `profile`: its value, its default, or
    /// nothing.
    fn check(&self, params: &Params, profile: AppwriteVersion) -> ApiResult<Option<Value>> {
        let required = match self.presence {
            Presence::Required => true,
            Presence::RequiredWhere(test) => test(profile),
            Presence::Optional | Presence::Default(_) => false,
        };
        let value = self.value(params, required, profile).map_err(|error| {
            if (self.nullable)(profile) {
                ApiError::new(error.kind, catalogue::validators::or_null(&error.message))
            } else {
                error
            }
        })?;
        match (value, self.presence) {
            (Some(value), _) => Ok(Some(value)),
            (None, _) if required => Err(ApiError::param_missing(self.name)),
            (None, Presence::Default(fallback)) => Ok(Some(fallback.to_json())),
            (None, _) => Ok(None),
        }
    }

    /// The value the rule accepts (`None`: not given).
    fn value(
        &self,
        params: &Params,
        required: bool,
        profile: AppwriteVersion,
    ) -> ApiResult<Option<Value>> {
        let name = self.name;
        let text = |s: String| Some(Value::String(s));
        Ok(match self.rule {
            Rule::CustomId if params.get(name).is_none() => None,
            Rule::CustomId => text(custom_id(params, name)?),
            Rule::Text { min, max } if required && params.has_key(name) => {
                text(params.required_text(name, min, max)?)
            }
            Rule::Text { min, max } => params.text(name, min, max)?.and_then(text),
            Rule::StrictBool => params.bool_strict(name)?.map(Value::Bool),
            Rule::LooseBool => params.bool_loose(name)?.map(Value::Bool),
            Rule::Assoc if params.get(name).is_none() => None,
            Rule::Assoc => Some(Value::Object(params.assoc(name)?)),
            Rule::Permissions(level) => match params.get(name) {
                None => None,
                Some(value) => {
                    let list = permission_strings(name, value)?;
                    Some(Value::from(validate_and_expand(name, &list, level)?))
                }
            },
            Rule::Uid => match params.get(name) {
                None => None,
                Some(Value::String(id)) => {
                    check_uid(name, id)?;
                    text(id.clone())
                }
                Some(_) => return Err(ApiError::param_invalid(name, UID_DESCRIPTION)),
            },
            Rule::Key => match params.get(name) {
                None => None,
                Some(Value::String(key)) => {
                    check_key(name, key)?;
                    text(key.clone())
                }
                Some(_) => return Err(ApiError::param_invalid(name, KEY_DESCRIPTION)),
            },
            Rule::OneOf(values) => match params.get(name) {
                None => None,
                Some(Value::String(s)) if values.contains(&s.as_str()) => text(s.clone()),
                Some(_) => return Err(catalogue::not_one_of(name, values)),
            },
            Rule::Custom(check) => check(params, name, profile)?,
        })
    }
}

/// The checked values of a route's declared parameters, read back through the same
/// [`Param`]s. A parameter the route lacks, or one not given without a default, is absent.
#[derive(Default, Clone, PartialEq)]
pub struct BodyValues {
    values: Vec<(&'static str, Value)>,
}

// By hand: a value may be personal (an email), so only the names are shown.
impl std::fmt::Debug for BodyValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.values.iter().map(|(name, _)| *name).collect();
        f.debug_struct("BodyValues").field("names", &names).finish()
    }
}

impl BodyValues {
    /// Checks each parameter of `spec` the release `profile` has, in its order (the first
    /// invalid one is the error), in `params`, and returns their values.
    pub fn check(spec: &[Param], params: &Params, profile: AppwriteVersion) -> ApiResult<Self> {
        let mut values = Vec::with_capacity(spec.len());
        for param in spec {
            let value = if param.exists_in(profile) {
                param.check(params, profile)?
            } else {
                match param.presence {
                    Presence::Default(fallback) => Some(fallback.to_json()),
                    _ => None,
                }
            };
            if let Some(value) = value {
                values.push((param.name, value));
            }
        }
        Ok(Self { values })
    }

    /// The checked value of `param`, if any.
    pub fn get(&self, param: &Param) -> Option<&Value> {
        self.values
            .iter()
            .find(|(name, _)| *name == param.name)
            .map(|(_, value)| value)
    }

    /// A text (an ID, a key, a `Text`, one of a list), if given.
    pub fn text(&self, param: &Param) -> Option<&str> {
        self.get(param).and_then(Value::as_str)
    }

    /// A boolean: its value, or its default; `false` if neither.
    pub fn flag(&self, param: &Param) -> bool {
        self.get(param).and_then(Value::as_bool).unwrap_or(false)
    }

    /// An integer, if given (or defaulted).
    pub fn int(&self, param: &Param) -> Option<i64> {
        self.get(param).and_then(Value::as_i64)
    }

    /// A list of texts (permissions, labels, roles), if given.
    pub fn strings(&self, param: &Param) -> Option<Vec<String>> {
        let Some(Value::Array(items)) = self.get(param) else {
            return None;
        };
        Some(
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_string))
                .collect(),
        )
    }

    /// An object, if given.
    pub fn object(&self, param: &Param) -> Option<&Map<String, Value>> {
        self.get(param).and_then(Value::as_object)
    }

    /// A list of objects (empty when not given).
    pub fn objects(&self, param: &Param) -> Vec<Map<String, Value>> {
        match self.get(param) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| item.as_object().cloned())
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
#[path = "spec_tests.rs"]
mod tests;
