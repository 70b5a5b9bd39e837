#[derive(lazy_appwrite::Enum)]
enum Size {
    Small,
    #[enum_value = "Small"]
    Tiny,
}

fn main() {}
