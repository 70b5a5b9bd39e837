use lazy_appwrite::{Ref, Table};
use serde::{Deserialize, Serialize};

#[derive(Table, Serialize, Deserialize)]
#[table(id = "nodes")]
struct Node {
    #[column(size = 64)]
    name: String,
    #[column(relationship(kind = many_to_one, two_way_key = "children"))]
    parent: Option<Ref<Node>>,
}

fn main() {
    let c = Node::columns();
    // The row, its parent, and the parent's parent: three levels.
    let deepest = c.parent.then(c.parent);
    let _ = Node::query().load(deepest.clone());
    // A fourth level is more than Appwrite loads.
    let _ = deepest.then(c.parent);
}
