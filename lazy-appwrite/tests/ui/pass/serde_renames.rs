//! Column keys follow serde: `rename_all`, `rename`, `skip`; enums follow `enum_value`.
use lazy_appwrite::schema::EnumValue;
use lazy_appwrite::{Enum, Table};
use serde::{Deserialize, Serialize};

#[derive(Enum)]
#[enum_value(rename_all = "SCREAMING_SNAKE_CASE")]
enum Level {
    LowRisk,
    #[enum_value = "high"]
    HighRisk,
}

#[derive(Table, Serialize, Deserialize)]
#[table(id = "profiles")]
#[serde(rename_all = "camelCase")]
struct Profile {
    #[column(size = 32)]
    first_name: String,
    #[serde(rename = "family")]
    #[column(size = 32)]
    last_name: Option<String>,
    risk_level: Option<Level>,
    #[serde(skip)]
    local_only: Vec<u8>,
    #[serde(rename = "$id", skip_serializing)]
    id: String,
}

fn main() {
    let keys: Vec<&str> = Profile::SCHEMA.columns.iter().map(|c| c.key).collect();
    assert_eq!(keys, ["firstName", "family", "riskLevel"]);
    assert_eq!(Level::ELEMENTS, ["LOW_RISK", "high"]);
}
