#[derive(lazy_appwrite::Enum)]
enum Shape {
    Circle(f64),
    Square,
}

fn main() {}
