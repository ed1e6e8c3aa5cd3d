//! Domain values in DESIGN's JSON shape, as [`Raw`]: a serde `Serializer` whose output is a
//! `Raw` value, which `json::write` turns into text and `browser::js` into a plain JS object.
//!
//! One small serializer into one value type, instead of `serde-wasm-bindgen`'s serializer into
//! JS values (a JS call per field): the wasm is smaller, and the shape is the same one
//! natively, so it is tested with `cargo test`. The shape is serde's JSON one: `None` and unit
//! as `null`, unit variants as their name, a newtype variant as `{"name": value}`, maps as
//! objects (keys must be text), every number as a number.

use serde::ser::{self, Serialize};

use super::raw::Raw;

/// `value` in its JSON shape, or `None` if it cannot have one (a map with keys that are not
/// text; none of the widget's types has one).
pub fn to_raw<T: Serialize + ?Sized>(value: &T) -> Option<Raw> {
    value.serialize(Shape).ok()
}

/// The only failure: a value with no JSON shape. It carries no message, which keeps the
/// formatting machinery of serde's error messages out of the wasm.
#[derive(Debug)]
pub struct NoShape;

impl std::fmt::Display for NoShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the value has no JSON shape")
    }
}

impl std::error::Error for NoShape {}

impl ser::Error for NoShape {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NoShape
    }
}

struct Shape;

/// A list or a map being built; `variant` wraps it as `{"variant": …}` when done.
pub struct Building {
    variant: Option<&'static str>,
    items: Vec<Raw>,
    fields: Vec<(String, Raw)>,
    key: Option<String>,
}

impl Building {
    fn new(variant: Option<&'static str>, len: usize) -> Self {
        Building {
            variant,
            items: Vec::with_capacity(len),
            fields: Vec::with_capacity(len),
            key: None,
        }
    }

    fn wrap(variant: Option<&'static str>, value: Raw) -> Raw {
        match variant {
            Some(name) => Raw::Object(vec![(name.into(), value)]),
            None => value,
        }
    }

    fn list(self) -> Raw {
        Self::wrap(self.variant, Raw::List(self.items))
    }

    fn object(self) -> Raw {
        Self::wrap(self.variant, Raw::Object(self.fields))
    }

    // The generic methods below are copied once per field type; keeping their bodies to one
    // call into these keeps those copies small.
    #[inline(never)]
    fn push_item(&mut self, value: Done) -> Result<(), NoShape> {
        self.items.push(value?);
        Ok(())
    }

    #[inline(never)]
    fn push_field(&mut self, key: &'static str, value: Done) -> Result<(), NoShape> {
        self.fields.push((key.into(), value?));
        Ok(())
    }
}

type Done = Result<Raw, NoShape>;

macro_rules! numbers_as_f64 {
    ($($method:ident: $ty:ty),*) => {
        $(
            fn $method(self, v: $ty) -> Done {
                self.serialize_f64(v as f64)
            }
        )*
    };
}

impl ser::Serializer for Shape {
    type Ok = Raw;
    type Error = NoShape;
    type SerializeSeq = Building;
    type SerializeTuple = Building;
    type SerializeTupleStruct = Building;
    type SerializeTupleVariant = Building;
    type SerializeMap = Building;
    type SerializeStruct = Building;
    type SerializeStructVariant = Building;

    fn serialize_bool(self, v: bool) -> Done {
        Ok(Raw::Bool(v))
    }
    // Every number is a JSON number (f64; whole numbers are exact up to 2^53).
    numbers_as_f64!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32
    );
    fn serialize_f64(self, v: f64) -> Done {
        Ok(Raw::Number(v))
    }
    fn serialize_char(self, v: char) -> Done {
        Ok(Raw::Text(v.into()))
    }
    fn serialize_str(self, v: &str) -> Done {
        Ok(Raw::Text(v.into()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        Ok(Raw::List(
            v.iter().map(|b| Raw::Number((*b).into())).collect(),
        ))
    }
    fn serialize_none(self) -> Done {
        Ok(Raw::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        Ok(Raw::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        Ok(Raw::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        Ok(Raw::Text(variant.into()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        Ok(Building::wrap(Some(variant), value.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Building, NoShape> {
        Ok(Building::new(None, len.unwrap_or(0)))
    }
    fn serialize_tuple(self, len: usize) -> Result<Building, NoShape> {
        Ok(Building::new(None, len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Building, NoShape> {
        Ok(Building::new(None, len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Building, NoShape> {
        Ok(Building::new(Some(variant), len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Building, NoShape> {
        Ok(Building::new(None, len.unwrap_or(0)))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Building, NoShape> {
        Ok(Building::new(None, len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Building, NoShape> {
        Ok(Building::new(Some(variant), len))
    }
}

/// The four list-like shapes (sequences, tuples, tuple structs and variants) build a list.
macro_rules! list_like {
    ($($shape:ident::$add:ident),*) => {
        $(
            impl ser::$shape for Building {
                type Ok = Raw;
                type Error = NoShape;
                fn $add<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NoShape> {
                    self.push_item(value.serialize(Shape))
                }
                fn end(self) -> Done {
                    Ok(self.list())
                }
            }
        )*
    };
}
list_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Building {
    type Ok = Raw;
    type Error = NoShape;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NoShape> {
        match key.serialize(Shape)? {
            Raw::Text(key) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(NoShape),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NoShape> {
        let key = self.key.take().ok_or(NoShape)?;
        self.fields.push((key, value.serialize(Shape)?));
        Ok(())
    }
    fn end(self) -> Done {
        Ok(self.object())
    }
}

/// Structs and struct variants build an object.
macro_rules! struct_like {
    ($($shape:ident),*) => {
        $(
            impl ser::$shape for Building {
                type Ok = Raw;
                type Error = NoShape;
                fn serialize_field<T: Serialize + ?Sized>(
                    &mut self,
                    key: &'static str,
                    value: &T,
                ) -> Result<(), NoShape> {
                    self.push_field(key, value.serialize(Shape))
                }
                fn end(self) -> Done {
                    Ok(self.object())
                }
            }
        )*
    };
}
struct_like!(SerializeStruct, SerializeStructVariant);
