//! A YAML scalar kept as its text: dates, codes and amounts must not go through a float or an
//! integer on the way in (`date: 2025-07-10`, `doc_no: 12`, `amount: 0.10` stay as written).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// The text of a scalar, whether the clerk quoted it or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a single value (text, number or date)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        // Asking for a string makes the YAML deserialiser hand over the scalar's original text.
        d.deserialize_str(V)
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional text, trimmed; `None` when absent or blank.
pub fn non_empty(t: &Option<Text>) -> Option<String> {
    t.as_ref()
        .map(|t| t.as_str().trim().to_string())
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_text_of_numbers() {
        let v: Vec<Text> = serde_yaml::from_str("[0.10, 1234.50, 2025-07-10, 12, abc]").unwrap();
        let v: Vec<&str> = v.iter().map(Text::as_str).collect();
        assert_eq!(v, ["0.10", "1234.50", "2025-07-10", "12", "abc"]);
    }
}
