//! Acting as an end user: a JWT or a session secret, overlaid per call on an immutable client.

use crate::error::Result;
use crate::secret::Secret;

/// A user's credentials, for [`crate::Client::as_user`].
///
/// Requests made through the resulting client carry the user's JWT (`X-Appwrite-JWT`) or
/// session (`X-Appwrite-Session`) *instead of* the API key, so they are subject to the
/// user's permissions. The values never appear in `Debug` output, errors or logs.
///
/// ```
/// use lazy_appwrite::Credentials;
///
/// let jwt = Credentials::jwt("eyJhbGciOi.payload.signature")?;
/// assert_eq!(format!("{jwt:?}"), "Credentials::Jwt(<redacted>)");
/// assert!(Credentials::session("bad\nvalue").is_err());
/// # Ok::<(), lazy_appwrite::Error>(())
/// ```
#[derive(Clone)]
pub struct Credentials {
    kind: Kind,
    secret: Secret,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jwt,
    Session,
}

impl Credentials {
    /// A JWT created through Appwrite's Account API, sent as `X-Appwrite-JWT`.
    ///
    /// Fails with [`crate::Error::Config`] if the token is empty or cannot go in a header.
    ///
    /// ```
    /// assert!(lazy_appwrite::Credentials::jwt("").is_err());
    /// ```
    pub fn jwt(token: &str) -> Result<Self> {
        Ok(Self {
            kind: Kind::Jwt,
            secret: Secret::new(token, "the JWT")?,
        })
    }

    /// A session secret (the value of the `a_session_<project>` cookie), sent as
    /// `X-Appwrite-Session`, as server-side rendering does.
    ///
    /// ```
    /// let session = lazy_appwrite::Credentials::session("a1b2c3")?;
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn session(secret: &str) -> Result<Self> {
        Ok(Self {
            kind: Kind::Session,
            secret: Secret::new(secret, "the session secret")?,
        })
    }

    pub(crate) fn header_name(&self) -> &'static str {
        match self.kind {
            Kind::Jwt => "x-appwrite-jwt",
            Kind::Session => "x-appwrite-session",
        }
    }

    pub(crate) fn secret(&self) -> &Secret {
        &self.secret
    }

    pub(crate) fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Jwt => "Jwt",
            Kind::Session => "Session",
        }
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials::{}(<redacted>)", self.kind_name())
    }
}
