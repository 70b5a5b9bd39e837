//! The server's version, learned once per [`Client`], and the checks that refuse what the
//! server lacks before anything is sent.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::query::{Query, query_needing_feature};
use crate::transport::{ApiPath, Call, decode_json};
use crate::version::{Feature, ServerVersion};

/// The version of the Appwrite server, learned once per client (and its clones) with one
/// `GET /health/version` sent without credentials, unless
/// [`crate::ClientBuilder::server_version`] gave it (see [`Client::server_version`]).
pub(crate) async fn server_version(client: &Client) -> Result<ServerVersion> {
    client
        .inner
        .version
        .get_or_try_init(|| learn_version(client))
        .await
        .cloned()
}

/// Refuses, as [`crate::Error::Unsupported`], queries this server lacks, before they are
/// sent. Asks the server's version only when a query needs a feature.
pub(crate) async fn check_queries(client: &Client, table: &str, queries: &[Query]) -> Result<()> {
    let Some((query, feature)) = query_needing_feature(queries) else {
        return Ok(());
    };
    require(client, feature, table, query.attribute()).await
}

/// Refuses, as [`crate::Error::Unsupported`], a request that needs `feature` when the
/// server lacks it, before it is sent.
pub(crate) async fn require(
    client: &Client,
    feature: Feature,
    table: &str,
    column: Option<&str>,
) -> Result<()> {
    let version = server_version(client).await?;
    if version.has(feature) {
        return Ok(());
    }
    Err(Error::unsupported(table, column, feature, version))
}

async fn learn_version(client: &Client) -> Result<ServerVersion> {
    #[derive(serde::Deserialize)]
    struct Health {
        version: String,
    }
    let call = Call::get("health.version", ApiPath::root("health").fixed("version")).anonymous();
    let version = match call.execute(client).await {
        Ok(reply) => match decode_json::<Health>(&reply, call.operation, None) {
            Ok(health) => ServerVersion::parse(&health.version),
            Err(e) => {
                tracing::debug!(error = %e, "the server did not say its version");
                ServerVersion::unknown()
            }
        },
        // The server answered, but not with its version.
        Err(e) if e.status().is_some() || matches!(e, Error::Decode { .. }) => {
            tracing::debug!(error = %e, "the server did not say its version");
            ServerVersion::unknown()
        }
        Err(e) => return Err(e),
    };
    tracing::debug!(version = %version, "learned the server's version");
    Ok(version)
}
