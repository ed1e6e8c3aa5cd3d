//! A stored lead in words, in the desk's language, from the widget's own string tables: the
//! answers (question by question and as a one-line summary) and the recommendation as the
//! visitor saw it. Codes are read with the domain's own `from_code`/`parse`, so a code the
//! tables gain later is worded without a change here, and a code they do not know (an older
//! or newer lead) is shown as it is rather than dropped.

use serde_json::Value;
use smp_consult::domain::flow::{Choice, Kind, QuestionId};
use smp_consult::domain::lead::{BestTime, PreferredContact};
use smp_consult::domain::recommend::{
    Approach, Caution, Extent, InPerson, PigmentNote, Range, Reason,
};
use smp_consult::i18n::{Locale, Strings};

use super::text::DeskText;

/// Words for one language: the widget's table and the desk's.
#[derive(Clone, Copy)]
pub struct Words {
    /// The language.
    pub locale: Locale,
    /// The widget's strings.
    pub t: &'static Strings,
    /// The desk's strings.
    pub d: &'static DeskText,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Words({:?})", self.locale)
    }
}

impl Words {
    /// The words of `locale`.
    pub fn new(locale: Locale) -> Self {
        Self {
            locale,
            t: locale.strings(),
            d: DeskText::for_locale(locale),
        }
    }
}

/// A piece of text from a table, or a code no table knows, shown as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worded {
    /// The words (or the code).
    pub text: String,
    /// The widget's hint under the label, "" when none.
    pub hint: String,
    /// True when `text` is a code no table knows.
    pub unknown: bool,
}

impl Worded {
    fn known(text: &str, hint: &str) -> Self {
        Self {
            text: text.to_string(),
            hint: hint.to_string(),
            unknown: false,
        }
    }

    fn unknown(code: String) -> Self {
        Self {
            text: code,
            hint: String::new(),
            unknown: true,
        }
    }
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLine {
    /// The question, if it is one the flow knows (`None` for a field no table knows).
    pub question: Option<QuestionId>,
    /// The field as stored, e.g. `hair_colour`.
    pub field: String,
    /// The answer(s) in words.
    pub answers: Vec<Worded>,
}

impl AnswerLine {
    /// The question as the visitor read it (or the field name for an unknown one).
    pub fn question_text(&self, w: Words) -> String {
        match self.question {
            Some(q) => w.t.question(q).text.to_string(),
            None => self.field.clone(),
        }
    }

    /// The desk's short name for the question, for the summary.
    pub fn short_name(&self, w: Words) -> String {
        match self.question {
            Some(q) => (w.d.question_short)(q).to_string(),
            None => self.field.clone(),
        }
    }
}

/// A JSON scalar as the code the widget would have sent: strings as they are, numbers and
/// booleans written out (`3`, `true`).
fn code_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn choice_words(w: Words, question: QuestionId, value: &Value) -> Worded {
    let Some(code) = code_of(value) else {
        return Worded::unknown(value.to_string());
    };
    match question.parse(&code) {
        Some(choice) => {
            let label = w.t.choice(question, choice);
            Worded::known(label.text, label.hint)
        }
        None => Worded::unknown(code),
    }
}

/// Every answered question, in the order the flow asks them, then any field the flow does
/// not know (kept, shown plainly).
pub fn answer_lines(w: Words, answers: &Value) -> Vec<AnswerLine> {
    let Some(fields) = answers.as_object() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for question in QuestionId::ORDER.iter().copied() {
        let Some(value) = fields.get(question.field()) else {
            continue;
        };
        let answers = match value {
            Value::Null => continue,
            Value::Array(items) if items.is_empty() && question.kind() == Kind::Multi => {
                let none = w.t.choice(question, Choice::NoneOfThese);
                vec![Worded::known(none.text, none.hint)]
            }
            Value::Array(items) => items
                .iter()
                .map(|item| choice_words(w, question, item))
                .collect(),
            other => vec![choice_words(w, question, other)],
        };
        lines.push(AnswerLine {
            question: Some(question),
            field: question.field().to_string(),
            answers,
        });
    }
    for (field, value) in fields {
        let known = QuestionId::ORDER.iter().any(|q| q.field() == field);
        if known || value.is_null() {
            continue;
        }
        let answers = match value {
            Value::Array(items) => items
                .iter()
                .map(|v| Worded::unknown(code_of(v).unwrap_or_else(|| v.to_string())))
                .collect(),
            other => vec![Worded::unknown(
                code_of(other).unwrap_or_else(|| other.to_string()),
            )],
        };
        lines.push(AnswerLine {
            question: None,
            field: field.clone(),
            answers,
        });
    }
    lines
}

/// One item of the one-line summary: the question's short name and the answer in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryItem {
    /// "Hair", "Skin"… (the desk's words).
    pub key: String,
    /// "Dark brown"… (the widget's words).
    pub value: String,
}

/// The one-line summary of what the visitor told us. The hair-loss pattern is given by its
/// clinical name (the widget's hint, e.g. "Male pattern hair loss") where there is one; every
/// other answer by the label the visitor picked.
pub fn summary(w: Words, answers: &Value) -> Vec<SummaryItem> {
    answer_lines(w, answers)
        .into_iter()
        .map(|line| {
            let value = line
                .answers
                .iter()
                .map(|a| {
                    if line.question == Some(QuestionId::Pattern) && !a.hint.is_empty() {
                        a.hint.clone()
                    } else {
                        a.text.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            SummaryItem {
                key: line.short_name(w),
                value,
            }
        })
        .collect()
}

/// The summary as one plain line: "Hair loss: Male pattern hair loss · Stage: Norwood 5 · …".
pub fn summary_line(w: Words, answers: &Value) -> String {
    summary(w, answers)
        .into_iter()
        .map(|item| format!("{}{}{}", item.key, w.t.colon, item.value))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The recommendation as the visitor saw it, in words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecommendationWords {
    /// The approach and its explanation.
    pub approach: Option<Worded>,
    /// The in-person reasons (non-empty: the result was provisional).
    pub in_person: Vec<Worded>,
    /// The alternative approach.
    pub alternative: Option<Worded>,
    /// Add-on approaches.
    pub add_ons: Vec<Worded>,
    /// Extent, sessions and hours, e.g. "Medium area", "3 sessions, 3–4 hours each".
    pub extent: Option<Worded>,
    /// "3 sessions, 3–4 hours each".
    pub sessions: Option<String>,
    /// The suggested hairline.
    pub hairline: Option<Worded>,
    /// "£850 to £1,500".
    pub price: Option<String>,
    /// Pigment notes.
    pub pigment: Vec<Worded>,
    /// Cautions.
    pub cautions: Vec<Worded>,
    /// Why this suits them.
    pub reasons: Vec<Worded>,
}

fn coded<T: Copy>(
    value: &Value,
    parse: fn(&str) -> Option<T>,
    words: impl Fn(T) -> Worded,
) -> Option<Worded> {
    let code = code_of(value)?;
    Some(parse(&code).map_or_else(|| Worded::unknown(code), words))
}

fn coded_list<T: Copy>(
    value: Option<&Value>,
    parse: fn(&str) -> Option<T>,
    words: impl Fn(T) -> Worded,
) -> Vec<Worded> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| coded(item, parse, &words))
                .collect()
        })
        .unwrap_or_default()
}

fn range(value: Option<&Value>) -> Option<Range> {
    let value = value?;
    let number = |key: &str| value.get(key)?.as_u64().and_then(|n| u32::try_from(n).ok());
    Some(Range {
        min: number("min")?,
        max: number("max")?,
    })
}

/// The stored recommendation in words.
pub fn recommendation(w: Words, rec: &Value) -> RecommendationWords {
    let t = w.t;
    let approach = |a: Approach| {
        let label = t.approach(a);
        Worded::known(label.text, label.hint)
    };
    let sentence = |text: &str| Worded::known(text, "");
    let sessions = match (
        range(rec.get("sessions")),
        range(rec.get("hours_per_session")),
    ) {
        (Some(s), Some(h)) => Some(format!("{}, {}", t.sessions(s), t.hours_per_session(h))),
        (Some(s), None) => Some(t.sessions(s)),
        _ => None,
    };
    let price = rec.get("price").and_then(|p| {
        let currency = p.get("currency")?.as_str()?;
        let amount = |key: &str| p.get(key)?.as_u64().and_then(|n| u32::try_from(n).ok());
        Some(t.price_range(
            &w.locale.money(currency, amount("min")?),
            &w.locale.money(currency, amount("max")?),
        ))
    });
    RecommendationWords {
        approach: rec
            .get("approach")
            .and_then(|v| coded(v, Approach::from_code, approach)),
        in_person: coded_list(rec.get("in_person"), InPerson::from_code, |c| {
            sentence(t.in_person(c))
        }),
        alternative: rec
            .get("alternative")
            .and_then(|v| coded(v, Approach::from_code, approach)),
        add_ons: coded_list(rec.get("add_ons"), Approach::from_code, approach),
        extent: rec
            .get("extent")
            .and_then(|v| coded(v, Extent::from_code, |e| sentence(t.extent(e)))),
        sessions,
        hairline: rec.get("hairline").and_then(|v| {
            if v.is_null() {
                return None;
            }
            Some(choice_words(w, QuestionId::Hairline, v))
        }),
        price,
        pigment: coded_list(rec.get("pigment"), PigmentNote::from_code, |p| {
            sentence(t.pigment(p))
        }),
        cautions: coded_list(rec.get("cautions"), Caution::from_code, |c| {
            sentence(t.caution(c))
        }),
        reasons: coded_list(rec.get("reasons"), Reason::from_code, |r| {
            sentence(t.reason(r))
        }),
    }
}

/// A stored code: one the widget knows, or one it does not (an older or newer lead), kept as
/// it was stored so it is shown rather than dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code<T> {
    /// A code the widget knows.
    Known(T),
    /// A code no table knows, as stored (a value that is not a code, as its JSON).
    Unknown(String),
}

fn codes<T>(value: Option<&Value>, parse: fn(&str) -> Option<T>) -> Vec<Code<T>> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|item| match code_of(item) {
                    Some(code) => parse(&code).map_or(Code::Unknown(code), Code::Known),
                    None => Code::Unknown(item.to_string()),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A lead's in-person flags and cautions, for its badges, in the order stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Flags {
    /// Why the clinic must see the visitor first.
    pub in_person: Vec<Code<InPerson>>,
    /// What the visitor was cautioned about.
    pub cautions: Vec<Code<Caution>>,
}

/// The in-person flags and cautions of a stored lead (its `recommendation`).
pub fn flags(lead: &Value) -> Flags {
    let rec = lead.get("recommendation");
    Flags {
        in_person: codes(rec.and_then(|r| r.get("in_person")), InPerson::from_code),
        cautions: codes(rec.and_then(|r| r.get("cautions")), Caution::from_code),
    }
}

/// The visitor's preferred way to be contacted, in words (the code as it is if unknown).
pub fn preferred_contact(w: Words, code: &str) -> String {
    PreferredContact::from_code(code).map_or_else(
        || code.to_string(),
        |p| w.t.preferred_contact(p).to_string(),
    )
}

/// The visitor's best time, in words (the code as it is if unknown).
pub fn best_time(w: Words, code: &str) -> String {
    BestTime::from_code(code).map_or_else(|| code.to_string(), |b| w.t.best_time(b).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_codes_are_shown_plainly() {
        let w = Words::new(Locale::En);
        let lines = answer_lines(
            w,
            &json!({"health": ["keloid", "new_condition"], "mood": "calm", "pattern": "zigzag"}),
        );
        assert_eq!(lines[0].question, Some(QuestionId::Pattern));
        assert_eq!(lines[0].answers[0], Worded::unknown("zigzag".into()));
        assert!(!lines[1].answers[0].unknown);
        assert_eq!(lines[1].answers[1], Worded::unknown("new_condition".into()));
        assert_eq!(lines[2].field, "mood");
        assert_eq!(lines[2].answers[0].text, "calm");
        let rec = recommendation(
            w,
            &json!({"approach": "laser", "cautions": ["future_loss", "odd"]}),
        );
        assert_eq!(rec.approach, Some(Worded::unknown("laser".into())));
        assert_eq!(rec.cautions.len(), 2);
        assert_eq!(rec.cautions[1].text, "odd");
        let flags = flags(&json!({"recommendation": {
            "in_person": ["keloid", "a_flag_from_the_future", 7, {"x": 1}],
            "cautions": ["patch_test"]
        }}));
        assert_eq!(
            flags.in_person,
            [
                Code::Known(InPerson::Keloid),
                Code::Unknown("a_flag_from_the_future".into()),
                Code::Unknown("7".into()),
                Code::Unknown("{\"x\":1}".into()),
            ]
        );
        assert_eq!(flags.cautions, [Code::Known(Caution::PatchTest)]);
        assert_eq!(
            super::flags(&json!({"recommendation": null})),
            Flags::default()
        );
    }
}
