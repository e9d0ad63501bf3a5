//! Lists that keep their good items when one item does not decode.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{DeserializeOwned, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::clip::{clip, clipped};
use crate::decode::decode_body;
use crate::error::SNIPPET_LIMIT;

/// An item of a list reply that did not decode: where it was, why, and its JSON as received.
///
/// ```
/// use vrchat_invite_core::models::{InviteMessage, ItemList};
/// let json = r#"[{"canBeUpdated":true,"id":"default","message":"Hi","messageType":"message",
///   "remainingCooldownMinutes":0,"slot":0,"updatedAt":"2021-01-01T00:00:00Z"},
///   {"id":"invm_2","message":"?","messageType":"messageV2","slot":1}]"#;
/// let list: ItemList<InviteMessage> = serde_json::from_str(json)?;
/// assert_eq!(list.decoded().count(), 1);
/// let bad = list.undecodable().next().expect("one bad item");
/// assert_eq!(bad.position(), 1);
/// assert!(bad.reason().contains("messageV2"));
/// assert!(bad.raw_json().starts_with(r#"{"id":"invm_2""#));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone)]
pub struct UndecodableItem {
    position: usize,
    reason: String,
    raw: Box<RawValue>,
}

impl UndecodableItem {
    /// Records that the item at `position` (counted from 0) did not decode, and why.
    ///
    /// The reason is cut to [`SNIPPET_LIMIT`] bytes, since it can quote the server's text.
    pub fn new(position: usize, reason: impl fmt::Display, raw: Box<RawValue>) -> Self {
        let mut reason = reason.to_string();
        clip(&mut reason, SNIPPET_LIMIT);
        Self {
            position,
            reason,
            raw,
        }
    }

    /// Where the item stood in the reply's array, counted from 0.
    pub fn position(&self) -> usize {
        self.position
    }

    /// Why it did not decode (the decoder's message, at most [`SNIPPET_LIMIT`] bytes).
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The item's JSON exactly as received.
    pub fn raw_json(&self) -> &str {
        self.raw.get()
    }

    /// The item's JSON as a value, to read the fields that did arrive.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.raw.get()).unwrap_or(serde_json::Value::Null)
    }
}

impl PartialEq for UndecodableItem {
    fn eq(&self, other: &Self) -> bool {
        self.position == other.position
            && self.reason == other.reason
            && self.raw.get() == other.raw.get()
    }
}

impl Eq for UndecodableItem {}

impl fmt::Debug for UndecodableItem {
    /// Shows a bounded start of the raw JSON, so a huge item does not flood a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let raw = self.raw.get();
        f.debug_struct("UndecodableItem")
            .field("position", &self.position)
            .field("reason", &self.reason)
            .field("raw_json_start", &clipped(raw, SNIPPET_LIMIT))
            .field("raw_json_len", &raw.len())
            .finish()
    }
}

impl fmt::Display for UndecodableItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "list item {} could not be decoded: {}",
            self.position, self.reason
        )
    }
}

/// One entry of a list reply.
#[derive(Debug, Clone, PartialEq)]
pub enum ListItem<T> {
    /// The item, decoded.
    Decoded(T),
    /// The item did not decode; its JSON is kept.
    Undecodable(UndecodableItem),
}

impl<T> ListItem<T> {
    /// The decoded item, if it decoded.
    pub fn decoded(&self) -> Option<&T> {
        match self {
            Self::Decoded(item) => Some(item),
            Self::Undecodable(_) => None,
        }
    }

    /// The failure, if it did not decode.
    pub fn undecodable(&self) -> Option<&UndecodableItem> {
        match self {
            Self::Decoded(_) => None,
            Self::Undecodable(item) => Some(item),
        }
    }
}

/// A list reply in which one bad item never costs the good ones.
///
/// Every item is decoded on its own: one the client cannot read (an unknown
/// `messageType` such as a future `messageV2`, a notification without an ID, ...) becomes
/// an [`UndecodableItem`] in its place, with its raw JSON, and the rest decode as usual.
/// Only a body that is not a JSON array at all fails the whole reply.
///
/// ```
/// use vrchat_invite_core::models::{ItemList, Notification};
/// let body = r#"[{"id":"not_1","type":"invite","created_at":"2021-01-01T00:00:00Z",
///   "details":"{\"worldId\":\"wrld_1:1\",\"worldName\":\"Home\"}","message":"","seen":false,
///   "senderUserId":"usr_a"},{"type":"invite"}]"#;
/// let list: ItemList<Notification> = serde_json::from_str(body)?;
/// assert_eq!(list.len(), 2);
/// assert_eq!(list.decoded().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["not_1"]);
/// assert_eq!(list.undecodable().count(), 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ItemList<T> {
    items: Vec<ListItem<T>>,
}

impl<T> ItemList<T> {
    /// A list of these entries (for tests and fixtures).
    pub fn from_items(items: Vec<ListItem<T>>) -> Self {
        Self { items }
    }

    /// Every entry, in the reply's order.
    pub fn items(&self) -> &[ListItem<T>] {
        &self.items
    }

    /// Every entry, owned.
    pub fn into_items(self) -> Vec<ListItem<T>> {
        self.items
    }

    /// The items that decoded, in order.
    pub fn decoded(&self) -> impl Iterator<Item = &T> {
        self.items.iter().filter_map(ListItem::decoded)
    }

    /// The items that did not decode, in order.
    pub fn undecodable(&self) -> impl Iterator<Item = &UndecodableItem> {
        self.items.iter().filter_map(ListItem::undecodable)
    }

    /// The items that decoded, owned; the others are dropped.
    pub fn into_decoded(self) -> Vec<T> {
        self.items
            .into_iter()
            .filter_map(|item| match item {
                ListItem::Decoded(item) => Some(item),
                ListItem::Undecodable(_) => None,
            })
            .collect()
    }

    /// How many entries the reply had, decoded or not.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the reply was an empty array.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether every entry decoded.
    pub fn is_complete(&self) -> bool {
        self.items
            .iter()
            .all(|item| matches!(item, ListItem::Decoded(_)))
    }
}

impl<T> Default for ItemList<T> {
    fn default() -> Self {
        Self { items: Vec::new() }
    }
}

impl<T> From<Vec<T>> for ItemList<T> {
    fn from(items: Vec<T>) -> Self {
        Self {
            items: items.into_iter().map(ListItem::Decoded).collect(),
        }
    }
}

impl<T> FromIterator<ListItem<T>> for ItemList<T> {
    fn from_iter<I: IntoIterator<Item = ListItem<T>>>(iter: I) -> Self {
        Self {
            items: iter.into_iter().collect(),
        }
    }
}

impl<T> IntoIterator for ItemList<T> {
    type Item = ListItem<T>;
    type IntoIter = std::vec::IntoIter<ListItem<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a ItemList<T> {
    type Item = &'a ListItem<T>;
    type IntoIter = std::slice::Iter<'a, ListItem<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Decodes a JSON array item by item.
///
/// The whole array is tried first, which is the common case and the cheapest; only when
/// that fails is each item decoded on its own.
pub(crate) fn decode_list<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<ItemList<T>> {
    if let Ok(items) = decode_body::<Vec<T>>(body) {
        return Ok(ItemList::from(items));
    }
    let raw: Vec<Box<RawValue>> = decode_body(body)?;
    Ok(raw.into_iter().enumerate().map(decode_item).collect())
}

/// [`decode_list`] for items read as `W`, which may borrow from the body (as a
/// notification's raw details do), then made into `T`; room for `expected` items is made
/// up front.
pub(crate) fn decode_list_via<'a, W, T>(
    body: &'a [u8],
    expected: usize,
) -> serde_json::Result<ItemList<T>>
where
    W: Deserialize<'a>,
    T: From<W> + DeserializeOwned,
{
    let mut items = Vec::with_capacity(expected);
    // As `decode_body` reads: the UTF-8 checked once up front.
    let read = match std::str::from_utf8(body) {
        Ok(text) => read_items::<W, T, _>(serde_json::Deserializer::from_str(text), &mut items),
        Err(_) => read_items::<W, T, _>(serde_json::Deserializer::from_slice(body), &mut items),
    };
    if read.is_ok() {
        return Ok(ItemList { items });
    }
    // An item did not decode: each on its own.
    let raw: Vec<Box<RawValue>> = decode_body(body)?;
    Ok(raw.into_iter().enumerate().map(decode_item).collect())
}

/// Reads a whole array of `W` into `items`, as `T`.
fn read_items<'a, W, T, R>(
    mut parser: serde_json::Deserializer<R>,
    items: &mut Vec<ListItem<T>>,
) -> serde_json::Result<()>
where
    W: Deserialize<'a>,
    T: From<W>,
    R: serde_json::de::Read<'a>,
{
    serde::Deserializer::deserialize_seq(
        &mut parser,
        ItemsVisitor {
            items,
            read_as: PhantomData::<fn() -> W>,
        },
    )?;
    parser.end()
}

/// Pushes each item of an array, read as `W`, as a decoded `T`.
struct ItemsVisitor<'i, W, T> {
    items: &'i mut Vec<ListItem<T>>,
    read_as: PhantomData<fn() -> W>,
}

impl<'de, W: Deserialize<'de>, T: From<W>> Visitor<'de> for ItemsVisitor<'_, W, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<W>()? {
            self.items.push(ListItem::Decoded(T::from(item)));
        }
        Ok(())
    }
}

fn decode_item<T: DeserializeOwned>((position, raw): (usize, Box<RawValue>)) -> ListItem<T> {
    match serde_json::from_str(raw.get()) {
        Ok(item) => ListItem::Decoded(item),
        Err(error) => ListItem::Undecodable(UndecodableItem::new(position, error, raw)),
    }
}

impl<T: serde::Serialize> serde::Serialize for ListItem<T> {
    /// A decoded item as itself, an undecodable one as the JSON it arrived as.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Decoded(item) => item.serialize(serializer),
            Self::Undecodable(item) => item.raw.serialize(serializer),
        }
    }
}

impl<T: serde::Serialize> serde::Serialize for ItemList<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.items)
    }
}

impl<'de, T: DeserializeOwned> serde::Deserialize<'de> for ItemList<T> {
    /// Reads an array, each item on its own (see [`ItemList`]).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Vec::<Box<RawValue>>::deserialize(deserializer)?;
        Ok(raw.into_iter().enumerate().map(decode_item).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    struct Pair {
        a: u8,
    }

    #[test]
    fn keeps_good_items_around_bad_ones() {
        let list: ItemList<Pair> =
            decode_list(br#"[{"a":1},{"a":"x"},{"a":3},[],{"a":300}]"#).unwrap();
        assert_eq!(list.len(), 5);
        let good: Vec<u8> = list.decoded().map(|p| p.a).collect();
        assert_eq!(good, [1, 3]);
        let bad: Vec<(usize, &str)> = list
            .undecodable()
            .map(|item| (item.position(), item.raw_json()))
            .collect();
        assert_eq!(bad, [(1, r#"{"a":"x"}"#), (3, "[]"), (4, r#"{"a":300}"#)]);
        assert!(!list.is_complete());
    }

    #[test]
    fn a_body_that_is_not_an_array_fails_whole() {
        assert!(decode_list::<Pair>(br#"{"a":1}"#).is_err());
        assert!(decode_list::<Pair>(b"[{\"a\":1},").is_err());
    }

    #[test]
    fn serializes_bad_items_as_received() {
        let list: ItemList<Pair> = decode_list(br#"[{"a":1}, {"b" : true}]"#).unwrap();
        assert_eq!(
            serde_json::to_string(&list).unwrap(),
            r#"[{"a":1},{"b" : true}]"#
        );
    }

    #[test]
    fn reason_and_debug_stay_bounded() {
        let long = "x".repeat(10 * SNIPPET_LIMIT);
        let body = format!(r#"[{{"a":"{long}"}}]"#);
        let list: ItemList<Pair> = decode_list(body.as_bytes()).unwrap();
        let bad = list.undecodable().next().unwrap();
        assert!(bad.reason().len() <= SNIPPET_LIMIT);
        assert!(format!("{bad:?}").len() < 3 * SNIPPET_LIMIT);
        assert_eq!(bad.raw_json().len(), long.len() + 8);
    }
}
