//! The query of `GET /auth/user/notifications`: `n`, `offset`, `after`, `hidden`.

use percent_encoding::percent_decode_str;
use vrchat_invite_core::models::Timestamp;

use crate::server::errors;
use crate::server::reply::Reply;
use crate::state::clock::MINUTE_MILLIS;

/// The page size when `n` is absent.
pub(crate) const DEFAULT_PAGE: usize = 60;

/// The largest page.
pub(crate) const MAX_PAGE: usize = 100;

/// The words `after` takes instead of a timestamp, and how far back each reaches.
const AFTER_KEYWORDS: [(&str, i64); 3] = [
    ("five_minutes_ago", 5 * MINUTE_MILLIS),
    ("one_hour_ago", 60 * MINUTE_MILLIS),
    ("one_day_ago", 24 * 60 * MINUTE_MILLIS),
];

/// The list parameters, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InboxQuery {
    /// The page size, 1..=100.
    pub(crate) n: usize,
    /// How many to skip.
    pub(crate) offset: usize,
    /// Only notifications created strictly after this, in Unix milliseconds.
    pub(crate) after: Option<i64>,
    /// Whether to list hidden notifications (friend requests only) instead of visible ones.
    pub(crate) hidden: bool,
}

/// The `name=value` pairs of a raw query, each side percent-decoded (`+` stays `+`).
fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
            (decode(name), decode(value))
        })
}

/// Keeps the one value of a parameter; a second one is refused.
fn set_once(slot: &mut Option<String>, name: &str, value: String) -> Result<(), Reply> {
    if slot.replace(value).is_some() {
        return Err(errors::bad_parameter(&format!(
            "{name} was given more than once"
        )));
    }
    Ok(())
}

fn whole_number(text: &str) -> Option<usize> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Only digits: a parse failure is an overflow.
    Some(text.parse().unwrap_or(usize::MAX))
}

fn parse_n(value: Option<&str>) -> Result<usize, Reply> {
    let Some(text) = value else {
        return Ok(DEFAULT_PAGE);
    };
    whole_number(text)
        .filter(|n| (1..=MAX_PAGE).contains(n))
        .ok_or_else(|| {
            errors::bad_parameter(&format!("n must be a whole number from 1 to {MAX_PAGE}"))
        })
}

fn parse_offset(value: Option<&str>) -> Result<usize, Reply> {
    let Some(text) = value else {
        return Ok(0);
    };
    whole_number(text)
        .ok_or_else(|| errors::bad_parameter("offset must be a whole number, 0 or more"))
}

fn parse_after(value: Option<&str>, now_millis: i64) -> Result<Option<i64>, Reply> {
    let Some(text) = value else {
        return Ok(None);
    };
    if let Some((_, back)) = AFTER_KEYWORDS.iter().find(|(word, _)| *word == text) {
        return Ok(Some(now_millis.saturating_sub(*back)));
    }
    Timestamp::new(text).unix_millis().map(Some).ok_or_else(|| {
        errors::bad_parameter(
            "after must be a timestamp or one of five_minutes_ago, one_hour_ago, one_day_ago",
        )
    })
}

fn parse_hidden(value: Option<&str>) -> Result<bool, Reply> {
    match value {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(errors::bad_parameter("hidden must be true or false")),
    }
}

impl InboxQuery {
    /// Reads the raw query (without `?`); keywords of `after` count back from `now_millis`.
    /// Unknown parameters, and the deprecated `type` and `sent`, are ignored.
    pub(crate) fn parse(query: &str, now_millis: i64) -> Result<Self, Reply> {
        let (mut n, mut offset, mut after, mut hidden) = (None, None, None, None);
        for (name, value) in pairs(query) {
            match name.as_str() {
                "n" => set_once(&mut n, "n", value)?,
                "offset" => set_once(&mut offset, "offset", value)?,
                "after" => set_once(&mut after, "after", value)?,
                "hidden" => set_once(&mut hidden, "hidden", value)?,
                _ => {}
            }
        }
        Ok(Self {
            n: parse_n(n.as_deref())?,
            offset: parse_offset(offset.as_deref())?,
            after: parse_after(after.as_deref(), now_millis)?,
            hidden: parse_hidden(hidden.as_deref())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_767_225_600_000 + 7 * 24 * 60 * MINUTE_MILLIS;

    fn parse(query: &str) -> Result<InboxQuery, Reply> {
        InboxQuery::parse(query, NOW)
    }

    #[test]
    fn defaults() {
        let expected = InboxQuery {
            n: 60,
            offset: 0,
            after: None,
            hidden: false,
        };
        assert_eq!(parse(""), Ok(expected.clone()));
        assert_eq!(parse("type=all&sent=false&other=1&&"), Ok(expected));
    }

    #[test]
    fn reads_every_parameter() {
        let query =
            parse("n=100&offset=7&after=2026-01-02T03%3A04%3A05.006Z&hidden=true").expect("valid");
        assert_eq!(query.n, 100);
        assert_eq!(query.offset, 7);
        assert_eq!(
            query.after,
            Timestamp::new("2026-01-02T03:04:05.006Z").unix_millis()
        );
        assert!(query.hidden);
        let plus = parse("after=2026-01-02T04:04:05+01:00").expect("an offset with +");
        assert_eq!(plus.after, query.after.map(|t| t - 6));
        assert_eq!(parse("n=1").map(|q| q.n), Ok(1));
        assert_eq!(parse("n=007").map(|q| q.n), Ok(7));
        assert_eq!(parse("hidden=false").map(|q| q.hidden), Ok(false));
        assert_eq!(
            parse("offset=99999999999999999999999").map(|q| q.offset),
            Ok(usize::MAX)
        );
    }

    #[test]
    fn keywords_count_back_from_now() {
        for (word, minutes) in [
            ("five_minutes_ago", 5),
            ("one_hour_ago", 60),
            ("one_day_ago", 24 * 60),
        ] {
            assert_eq!(
                parse(&format!("after={word}")).map(|q| q.after),
                Ok(Some(NOW - minutes * MINUTE_MILLIS)),
                "{word}"
            );
        }
    }

    #[test]
    fn refuses_out_of_range_and_malformed_values() {
        for query in [
            "n=0",
            "n=101",
            "n=abc",
            "n=",
            "n=-1",
            "n=1.5",
            "n=99999999999999999999999",
            "offset=-1",
            "offset=x",
            "offset=",
            "after=yesterday",
            "after=",
            "after=FIVE_MINUTES_AGO",
            "after=2026-13-01T00:00:00Z",
            "hidden=1",
            "hidden=TRUE",
            "hidden=",
            "n=5&n=5",
            "after=one_day_ago&after=one_hour_ago",
        ] {
            let refusal = parse(query).expect_err(query);
            assert_eq!(refusal.status, http::StatusCode::BAD_REQUEST, "{query}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_query_parses_or_is_refused_with_400(query in ".{0,64}") {
            if let Err(refusal) = parse(&query) {
                proptest::prop_assert_eq!(refusal.status, http::StatusCode::BAD_REQUEST);
            }
        }

        #[test]
        fn n_is_accepted_exactly_from_1_to_100(n in -1000i64..1000) {
            let parsed = parse(&format!("n={n}")).map(|q| q.n);
            if (1..=100).contains(&n) {
                proptest::prop_assert_eq!(parsed, Ok(usize::try_from(n).unwrap_or_default()));
            } else {
                proptest::prop_assert!(parsed.is_err());
            }
        }

        #[test]
        fn any_simulated_time_reads_back_as_after(millis in 0i64..4_102_444_800_000) {
            let text = Timestamp::from_unix_millis(millis);
            proptest::prop_assert_eq!(
                parse(&format!("after={text}")).map(|q| q.after),
                Ok(Some(millis))
            );
        }
    }
}
