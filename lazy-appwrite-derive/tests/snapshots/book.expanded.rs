///The columns of [`Book`] as typed handles, for filters and orders (from `#[derive(Table)]`).
#[derive(Clone, Copy)]
#[allow(non_camel_case_types)]
pub struct BookColumns {
    ///The `title` column.
    pub title: ::lazy_appwrite::__private::Column<
        Book,
        String,
        ::lazy_appwrite::__private::kind::String,
        ::lazy_appwrite::__private::kind::search::Indexed,
    >,
    ///The `isbn` column.
    pub isbn: ::lazy_appwrite::__private::Column<
        Book,
        Option<String>,
        ::lazy_appwrite::__private::kind::Varchar,
        ::lazy_appwrite::__private::kind::search::NotIndexed,
    >,
    ///The `year` column.
    pub year: ::lazy_appwrite::__private::Column<
        Book,
        i64,
        ::lazy_appwrite::__private::kind::Integer,
        ::lazy_appwrite::__private::kind::search::NotIndexed,
    >,
    ///The `price` column.
    pub price: ::lazy_appwrite::__private::Column<
        Book,
        f64,
        <<f64 as ::lazy_appwrite::__private::Field>::Elem as ::lazy_appwrite::__private::InferKind>::Kind,
        ::lazy_appwrite::__private::kind::search::NotIndexed,
    >,
    ///The `genre` column.
    pub genre: ::lazy_appwrite::__private::Column<
        Book,
        Option<String>,
        ::lazy_appwrite::__private::kind::Enum,
        ::lazy_appwrite::__private::kind::search::NotIndexed,
    >,
    ///The `publishedAt` column.
    pub published_at: ::lazy_appwrite::__private::Column<
        Book,
        Option<lazy_appwrite::Timestamp>,
        <<Option<
            lazy_appwrite::Timestamp,
        > as ::lazy_appwrite::__private::Field>::Elem as ::lazy_appwrite::__private::InferKind>::Kind,
        ::lazy_appwrite::__private::kind::search::NotIndexed,
    >,
    ///The `author` column.
    pub author: ::lazy_appwrite::__private::Column<
        Book,
        Option<String>,
        ::lazy_appwrite::__private::kind::Relationship,
        ::lazy_appwrite::__private::kind::search::NotIndexed,
    >,
}
///A partial update of [`Book`]: only the columns set are sent, each checked like the model (from `#[derive(Table)]`).
#[allow(non_camel_case_types)]
pub struct BookPatch {
    title: ::core::option::Option<String>,
    isbn: ::core::option::Option<Option<String>>,
    year: ::core::option::Option<i64>,
    price: ::core::option::Option<f64>,
    genre: ::core::option::Option<Option<String>>,
    published_at: ::core::option::Option<Option<lazy_appwrite::Timestamp>>,
    author: ::core::option::Option<Option<String>>,
}
impl BookPatch {
    ///Sets the `title` column.
    #[must_use]
    pub fn title(mut self, value: impl ::core::convert::Into<String>) -> Self {
        self.title = ::core::option::Option::Some(value.into());
        self
    }
    ///Sets the `isbn` column.
    #[must_use]
    pub fn isbn(mut self, value: impl ::core::convert::Into<Option<String>>) -> Self {
        self.isbn = ::core::option::Option::Some(value.into());
        self
    }
    ///Sets the `year` column.
    #[must_use]
    pub fn year(mut self, value: impl ::core::convert::Into<i64>) -> Self {
        self.year = ::core::option::Option::Some(value.into());
        self
    }
    ///Sets the `price` column.
    #[must_use]
    pub fn price(mut self, value: impl ::core::convert::Into<f64>) -> Self {
        self.price = ::core::option::Option::Some(value.into());
        self
    }
    ///Sets the `genre` column.
    #[must_use]
    pub fn genre(mut self, value: impl ::core::convert::Into<Option<String>>) -> Self {
        self.genre = ::core::option::Option::Some(value.into());
        self
    }
    ///Sets the `publishedAt` column.
    #[must_use]
    pub fn published_at(
        mut self,
        value: impl ::core::convert::Into<Option<lazy_appwrite::Timestamp>>,
    ) -> Self {
        self.published_at = ::core::option::Option::Some(value.into());
        self
    }
    ///Sets the `author` column.
    #[must_use]
    pub fn author(mut self, value: impl ::core::convert::Into<Option<String>>) -> Self {
        self.author = ::core::option::Option::Some(value.into());
        self
    }
}
#[allow(non_upper_case_globals, clippy::all)]
const _: () = {
    const __COLUMN_0: ::lazy_appwrite::__private::ColumnSchema = ::lazy_appwrite::__private::ColumnSchema::new(
            "title",
            ::lazy_appwrite::__private::ColumnType::String {
                size: 128u64,
                encrypt: false,
            },
        )
        .field("title")
        .required(!<String as ::lazy_appwrite::__private::Field>::NULLABLE)
        .array(<String as ::lazy_appwrite::__private::Field>::ARRAY);
    const __COLUMN_1: ::lazy_appwrite::__private::ColumnSchema = ::lazy_appwrite::__private::ColumnSchema::new(
            "isbn",
            ::lazy_appwrite::__private::ColumnType::Varchar {
                size: 13u64,
                encrypt: false,
            },
        )
        .field("isbn")
        .required(!<Option<String> as ::lazy_appwrite::__private::Field>::NULLABLE)
        .array(<Option<String> as ::lazy_appwrite::__private::Field>::ARRAY);
    const __COLUMN_2: ::lazy_appwrite::__private::ColumnSchema = ::lazy_appwrite::__private::ColumnSchema::new(
            "year",
            ::lazy_appwrite::__private::ColumnType::Integer {
                min: ::core::option::Option::Some(0i64),
                max: ::core::option::Option::Some(3000i64),
            },
        )
        .field("year")
        .required(!<i64 as ::lazy_appwrite::__private::Field>::NULLABLE)
        .array(<i64 as ::lazy_appwrite::__private::Field>::ARRAY);
    const __COLUMN_3: ::lazy_appwrite::__private::ColumnSchema = ::lazy_appwrite::__private::ColumnSchema::new(
            "price",
            <<f64 as ::lazy_appwrite::__private::Field>::Elem as ::lazy_appwrite::__private::InferKind>::KIND,
        )
        .field("price")
        .required(false)
        .array(<f64 as ::lazy_appwrite::__private::Field>::ARRAY)
        .default_value(::lazy_appwrite::__private::DefaultValue::Float(1.5f64));
    const __COLUMN_4: ::lazy_appwrite::__private::ColumnSchema = ::lazy_appwrite::__private::ColumnSchema::new(
            "genre",
            ::lazy_appwrite::__private::ColumnType::Enum {
                elements: &["fiction", "history"],
            },
        )
        .field("genre")
        .required(false)
        .array(<Option<String> as ::lazy_appwrite::__private::Field>::ARRAY)
        .default_value(::lazy_appwrite::__private::DefaultValue::String("fiction"));
    const __COLUMN_5: ::lazy_appwrite::__private::ColumnSchema = ::lazy_appwrite::__private::ColumnSchema::new(
            "publishedAt",
            <<Option<
                lazy_appwrite::Timestamp,
            > as ::lazy_appwrite::__private::Field>::Elem as ::lazy_appwrite::__private::InferKind>::KIND,
        )
        .field("published_at")
        .required(
            !<Option<
                lazy_appwrite::Timestamp,
            > as ::lazy_appwrite::__private::Field>::NULLABLE,
        )
        .array(
            <Option<
                lazy_appwrite::Timestamp,
            > as ::lazy_appwrite::__private::Field>::ARRAY,
        );
    const __COLUMN_6: ::lazy_appwrite::__private::ColumnSchema = ::lazy_appwrite::__private::ColumnSchema::new(
            "author",
            ::lazy_appwrite::__private::ColumnType::Relationship(
                ::lazy_appwrite::__private::RelationshipSchema::new(
                        "authors",
                        ::lazy_appwrite::__private::Relation::ManyToOne,
                    )
                    .two_way_flag(false)
                    .on_delete(::lazy_appwrite::__private::OnDeleteAction::SetNull),
            ),
        )
        .field("author")
        .required(!<Option<String> as ::lazy_appwrite::__private::Field>::NULLABLE)
        .array(false);
    const _: () = ::lazy_appwrite::__private::assert_field::<String>();
    const _: () = ::lazy_appwrite::__private::assert_holds::<
        ::lazy_appwrite::__private::kind::String,
        <String as ::lazy_appwrite::__private::Field>::Elem,
    >();
    const _: () = ::lazy_appwrite::__private::assert_indexable::<String>();
    const _: () = ::lazy_appwrite::__private::assert_column(&__COLUMN_0);
    const _: () = ::lazy_appwrite::__private::assert_field::<Option<String>>();
    const _: () = ::lazy_appwrite::__private::assert_holds::<
        ::lazy_appwrite::__private::kind::Varchar,
        <Option<String> as ::lazy_appwrite::__private::Field>::Elem,
    >();
    const _: () = ::lazy_appwrite::__private::assert_indexable::<Option<String>>();
    const _: () = ::lazy_appwrite::__private::assert_column(&__COLUMN_1);
    const _: () = ::lazy_appwrite::__private::assert_field::<i64>();
    const _: () = ::lazy_appwrite::__private::assert_holds::<
        ::lazy_appwrite::__private::kind::Integer,
        <i64 as ::lazy_appwrite::__private::Field>::Elem,
    >();
    const _: () = ::lazy_appwrite::__private::assert_indexable::<i64>();
    const _: () = ::lazy_appwrite::__private::assert_column(&__COLUMN_2);
    const _: () = ::lazy_appwrite::__private::assert_field::<f64>();
    const _: () = ::lazy_appwrite::__private::assert_column(&__COLUMN_3);
    const _: () = ::lazy_appwrite::__private::assert_field::<Option<String>>();
    const _: () = ::lazy_appwrite::__private::assert_holds::<
        ::lazy_appwrite::__private::kind::Enum,
        <Option<String> as ::lazy_appwrite::__private::Field>::Elem,
    >();
    const _: () = ::lazy_appwrite::__private::assert_column(&__COLUMN_4);
    const _: () = ::lazy_appwrite::__private::assert_field::<
        Option<lazy_appwrite::Timestamp>,
    >();
    const _: () = ::lazy_appwrite::__private::assert_column(&__COLUMN_5);
    const _: () = ::lazy_appwrite::__private::assert_field::<Option<String>>();
    const _: () = ::lazy_appwrite::__private::assert_holds::<
        ::lazy_appwrite::__private::kind::Relationship,
        <Option<String> as ::lazy_appwrite::__private::Field>::Elem,
    >();
    const _: () = ::lazy_appwrite::__private::assert_relation_shape::<
        ::lazy_appwrite::__private::ToOne,
        Option<String>,
    >();
    const _: () = ::lazy_appwrite::__private::assert_related_id::<
        Option<String>,
    >("authors");
    const _: () = ::lazy_appwrite::__private::assert_column(&__COLUMN_6);
    const _: () = ::lazy_appwrite::__private::assert_serde::<Book>();
    static __LAZY_APPWRITE_SCHEMA: ::lazy_appwrite::__private::TableSchema = ::lazy_appwrite::__private::TableSchema::new(
            "books",
            "Books",
        )
        .database("shop")
        .permissions(
            &[
                "read(\"any\")",
                "create(\"users\")",
                "update(\"users\")",
                "delete(\"users\")",
            ],
        )
        .row_security(true)
        .enabled(true)
        .columns(
            &[
                __COLUMN_0,
                __COLUMN_1,
                __COLUMN_2,
                __COLUMN_3,
                __COLUMN_4,
                __COLUMN_5,
                __COLUMN_6,
            ],
        )
        .indexes(
            &[
                ::lazy_appwrite::__private::IndexSchema::new(
                    "by_title",
                    ::lazy_appwrite::__private::IndexKind::Fulltext,
                    &["title"],
                ),
                ::lazy_appwrite::__private::IndexSchema::new(
                        "by_year",
                        ::lazy_appwrite::__private::IndexKind::Unique,
                        &["year", "isbn"],
                    )
                    .orders(
                        &[
                            ::lazy_appwrite::__private::IndexOrder::Desc,
                            ::lazy_appwrite::__private::IndexOrder::Asc,
                        ],
                    ),
            ],
        );
    #[automatically_derived]
    impl ::lazy_appwrite::__private::Table for Book {
        const ID: &'static str = "books";
        const SCHEMA: &'static ::lazy_appwrite::__private::TableSchema = &__LAZY_APPWRITE_SCHEMA;
        type Columns = BookColumns;
        type Patch = BookPatch;
        fn columns() -> &'static BookColumns {
            const COLUMNS: &BookColumns = &BookColumns {
                title: ::lazy_appwrite::__private::Column::new("title"),
                isbn: ::lazy_appwrite::__private::Column::new("isbn"),
                year: ::lazy_appwrite::__private::Column::new("year"),
                price: ::lazy_appwrite::__private::Column::new("price"),
                genre: ::lazy_appwrite::__private::Column::new("genre"),
                published_at: ::lazy_appwrite::__private::Column::new("publishedAt"),
                author: ::lazy_appwrite::__private::Column::new("author"),
            };
            COLUMNS
        }
        fn validate(
            &self,
        ) -> ::core::result::Result<(), ::lazy_appwrite::__private::Error> {
            ::lazy_appwrite::__private::CheckValue::check(&self.title, &__COLUMN_0)
                .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                    v,
                    "books",
                    "title",
                ))?;
            ::lazy_appwrite::__private::CheckValue::check(&self.isbn, &__COLUMN_1)
                .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                    v,
                    "books",
                    "isbn",
                ))?;
            ::lazy_appwrite::__private::CheckValue::check(&self.year, &__COLUMN_2)
                .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                    v,
                    "books",
                    "year",
                ))?;
            ::lazy_appwrite::__private::CheckValue::check(&self.price, &__COLUMN_3)
                .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                    v,
                    "books",
                    "price",
                ))?;
            ::lazy_appwrite::__private::CheckValue::check(&self.genre, &__COLUMN_4)
                .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                    v,
                    "books",
                    "genre",
                ))?;
            ::lazy_appwrite::__private::CheckValue::check(
                    &self.published_at,
                    &__COLUMN_5,
                )
                .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                    v,
                    "books",
                    "publishedAt",
                ))?;
            ::lazy_appwrite::__private::CheckValue::check(&self.author, &__COLUMN_6)
                .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                    v,
                    "books",
                    "author",
                ))?;
            ::core::result::Result::Ok(())
        }
    }
    #[automatically_derived]
    impl ::core::default::Default for BookPatch {
        fn default() -> Self {
            Self {
                title: ::core::option::Option::None,
                isbn: ::core::option::Option::None,
                year: ::core::option::Option::None,
                price: ::core::option::Option::None,
                genre: ::core::option::Option::None,
                published_at: ::core::option::Option::None,
                author: ::core::option::Option::None,
            }
        }
    }
    #[automatically_derived]
    impl ::lazy_appwrite::__private::serde::Serialize for BookPatch {
        fn serialize<S: ::lazy_appwrite::__private::serde::Serializer>(
            &self,
            serializer: S,
        ) -> ::core::result::Result<S::Ok, S::Error> {
            use ::lazy_appwrite::__private::serde::ser::SerializeMap as _;
            let mut map = serializer.serialize_map(::core::option::Option::None)?;
            if let ::core::option::Option::Some(value) = &self.title {
                map.serialize_entry("title", value)?;
            }
            if let ::core::option::Option::Some(value) = &self.isbn {
                map.serialize_entry("isbn", value)?;
            }
            if let ::core::option::Option::Some(value) = &self.year {
                map.serialize_entry("year", value)?;
            }
            if let ::core::option::Option::Some(value) = &self.price {
                map.serialize_entry("price", value)?;
            }
            if let ::core::option::Option::Some(value) = &self.genre {
                map.serialize_entry("genre", value)?;
            }
            if let ::core::option::Option::Some(value) = &self.published_at {
                map.serialize_entry("publishedAt", value)?;
            }
            if let ::core::option::Option::Some(value) = &self.author {
                map.serialize_entry("author", value)?;
            }
            map.end()
        }
    }
    #[automatically_derived]
    impl ::lazy_appwrite::__private::Patch for BookPatch {
        type Table = Book;
        fn validate(
            &self,
        ) -> ::core::result::Result<(), ::lazy_appwrite::__private::Error> {
            if let ::core::option::Option::Some(value) = &self.title {
                ::lazy_appwrite::__private::CheckValue::check(value, &__COLUMN_0)
                    .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                        v,
                        "books",
                        "title",
                    ))?;
            }
            if let ::core::option::Option::Some(value) = &self.isbn {
                ::lazy_appwrite::__private::CheckValue::check(value, &__COLUMN_1)
                    .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                        v,
                        "books",
                        "isbn",
                    ))?;
            }
            if let ::core::option::Option::Some(value) = &self.year {
                ::lazy_appwrite::__private::CheckValue::check(value, &__COLUMN_2)
                    .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                        v,
                        "books",
                        "year",
                    ))?;
            }
            if let ::core::option::Option::Some(value) = &self.price {
                ::lazy_appwrite::__private::CheckValue::check(value, &__COLUMN_3)
                    .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                        v,
                        "books",
                        "price",
                    ))?;
            }
            if let ::core::option::Option::Some(value) = &self.genre {
                ::lazy_appwrite::__private::CheckValue::check(value, &__COLUMN_4)
                    .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                        v,
                        "books",
                        "genre",
                    ))?;
            }
            if let ::core::option::Option::Some(value) = &self.published_at {
                ::lazy_appwrite::__private::CheckValue::check(value, &__COLUMN_5)
                    .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                        v,
                        "books",
                        "publishedAt",
                    ))?;
            }
            if let ::core::option::Option::Some(value) = &self.author {
                ::lazy_appwrite::__private::CheckValue::check(value, &__COLUMN_6)
                    .map_err(|v| ::lazy_appwrite::__private::ViolationAt::at(
                        v,
                        "books",
                        "author",
                    ))?;
            }
            ::core::result::Result::Ok(())
        }
        fn is_empty(&self) -> bool {
            true && self.title.is_none() && self.isbn.is_none() && self.year.is_none()
                && self.price.is_none() && self.genre.is_none()
                && self.published_at.is_none() && self.author.is_none()
        }
    }
};
