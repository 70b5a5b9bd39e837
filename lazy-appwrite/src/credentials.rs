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

impl crate::Client {
    /// A view of this client acting as the user with this JWT: shorthand for
    /// `client.as_user(Credentials::jwt(token)?)` (see [`crate::Client::as_user`]).
    ///
    /// The view works with the whole model API: row operations carry the JWT and are
    /// subject to the user's permissions, while the lazy table sync behind them still
    /// uses this client's API key (users cannot change schemas), so a program can serve
    /// each request as its user with `User::get(&client.as_jwt(token)?, id)`.
    ///
    /// Fails with [`crate::Error::Config`] if the token is empty or cannot go in a header.
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder()
    ///     .endpoint("http://localhost/v1")
    ///     .project("p")
    ///     .api_key("k3y-value")
    ///     .build()?;
    /// let alice = client.as_jwt("eyJhbGciOi.payload.signature")?;
    /// assert!(alice.is_user() && !client.is_user());
    /// assert!(client.as_jwt("").is_err());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn as_jwt(&self, token: &str) -> Result<crate::Client> {
        Ok(self.as_user(Credentials::jwt(token)?))
    }

    /// A view of this client acting as the user with this session secret: shorthand for
    /// `client.as_user(Credentials::session(secret)?)`. Like [`crate::Client::as_jwt`].
    ///
    /// ```
    /// let client = lazy_appwrite::Client::builder().endpoint("http://localhost/v1").project("p").build()?;
    /// assert!(client.as_session("a1b2c3")?.is_user());
    /// # Ok::<(), lazy_appwrite::Error>(())
    /// ```
    pub fn as_session(&self, secret: &str) -> Result<crate::Client> {
        Ok(self.as_user(Credentials::session(secret)?))
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials::{}(<redacted>)", self.kind_name())
    }
}
