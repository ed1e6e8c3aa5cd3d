//! The flow state and its reducer. The reducer only computes the next state: saving it,
//! focusing headings and telling the host page happen in effects (`app.rs`).

use std::rc::Rc;

use serde::Serialize;
use yew::prelude::*;

use super::WidgetContext;
use crate::domain::flow::{self, Choice, QuestionId, Step, StepError};
use crate::domain::raw::Raw;
use crate::domain::Answers;

/// The screen shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "screen", content = "question")]
pub enum Screen {
    Question(QuestionId),
    Result,
    Lead,
    Thanks,
}

impl Screen {
    /// Reads a screen saved as `{"screen": "question", "question": "stage"}`.
    fn from_raw(raw: &Raw) -> Option<Screen> {
        Some(match raw.get("screen")?.as_str()? {
            "result" => Screen::Result,
            "lead" => Screen::Lead,
            "thanks" => Screen::Thanks,
            "question" => {
                let field = raw.get("question")?.as_str()?;
                Screen::Question(*QuestionId::ORDER.iter().find(|q| q.field() == field)?)
            }
            _ => return None,
        })
    }
}

impl From<Step> for Screen {
    fn from(step: Step) -> Self {
        match step {
            Step::Question(q) => Screen::Question(q),
            Step::Result => Screen::Result,
        }
    }
}

/// What is saved in session storage so a reload resumes where the visitor was (see
/// [`Consultation::saved`] for what is left out).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Saved {
    pub answers: Answers,
    pub screen: Option<Screen>,
    /// The visitor's first name, for the thank-you screen (read from older saves; never
    /// written now: a reload after the thank-you starts afresh).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thanked: Option<String>,
    /// The lead sent but not yet confirmed: its id and the visitor's first name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_lead: Option<(String, String)>,
    /// When the visitor started (ms since the epoch), for the minimum fill time.
    pub started_at: Option<f64>,
}

impl Saved {
    /// Reads saved progress; anything unreadable is dropped rather than trusted.
    pub fn from_raw(raw: &Raw) -> Saved {
        Saved {
            answers: raw
                .get("answers")
                .and_then(|a| Answers::from_raw(a).ok())
                .unwrap_or_default(),
            screen: raw.get("screen").and_then(Screen::from_raw),
            thanked: raw.get("thanked").and_then(Raw::as_str).map(str::to_string),
            started_at: match raw.get("started_at") {
                Some(Raw::Number(n)) => Some(*n),
                _ => None,
            },
            pending_lead: match raw.get("pending_lead") {
                Some(Raw::List(pair)) => match pair.as_slice() {
                    [Raw::Text(id), Raw::Text(name)] => Some((id.clone(), name.clone())),
                    _ => None,
                },
                _ => None,
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Consultation {
    pub answers: Answers,
    pub screen: Screen,
    /// Why the last Next did not move on; shown with `role="alert"`.
    pub error: Option<StepError>,
    /// Set when the visitor moved to a new screen, so its heading takes focus.
    /// A freshly loaded page never steals focus.
    pub moved: bool,
    /// Name shown on the thank-you screen.
    pub thanked: Option<String>,
    /// A lead made and handed to delivery, not yet confirmed (id, first name).
    pub pending_lead: Option<(String, String)>,
    /// When this visitor started the consultation (ms since the epoch); set by an effect.
    pub started_at: Option<f64>,
}

impl Consultation {
    /// The state to start from, resuming saved progress when there is some.
    /// A saved screen is only trusted up to the first question still open.
    pub fn resume(saved: Option<Saved>) -> Self {
        let saved = saved.unwrap_or_default();
        let mut answers = saved.answers;
        answers.prune();
        let open = Screen::from(flow::first_open(&answers));
        let screen = match (saved.screen, open) {
            (Some(Screen::Thanks), _) if saved.thanked.is_some() => Screen::Thanks,
            (Some(Screen::Question(q)), _) if q.applies(&answers) && earlier(q, open) => {
                Screen::Question(q)
            }
            (Some(s @ (Screen::Result | Screen::Lead)), Screen::Result) => s,
            // A lead sent and not yet confirmed: follow it, whatever is left of the answers.
            (Some(Screen::Lead), _) if saved.pending_lead.is_some() => Screen::Lead,
            _ => open,
        };
        Consultation {
            answers,
            screen,
            error: None,
            moved: false,
            thanked: saved.thanked,
            pending_lead: saved.pending_lead,
            started_at: saved.started_at,
        }
    }

    /// What session storage keeps so a reload resumes here, or `None` when there is nothing
    /// to resume (nothing answered yet, a restart, or the thank-you: the lead was delivered).
    /// Only what resuming needs: any script on the host page can read session storage, so
    /// scar and health answers stay in memory (after a reload they are asked again) and the
    /// visitor's name is kept only while their lead awaits the clinic's confirmation.
    pub fn saved(&self) -> Option<Saved> {
        let answers = Answers {
            scars: None,
            scar_healed: None,
            scar_raised: None,
            health: None,
            ..self.answers.clone()
        };
        let worth_keeping = self.screen != Screen::Thanks
            && (answers != Answers::default() || self.pending_lead.is_some());
        // Nor where the visitor is, past the scars question: "scar_healed" would say they
        // have scars. A reload resumes at the scars question anyway (its answer is not kept),
        // or on a lead still awaiting confirmation.
        let at_scars = QuestionId::ORDER
            .iter()
            .position(|q| *q == QuestionId::Scars);
        let screen = match self.screen {
            Screen::Question(q) if QuestionId::ORDER.iter().position(|x| *x == q) < at_scars => {
                self.screen
            }
            Screen::Lead if self.pending_lead.is_some() => Screen::Lead,
            _ => Screen::Question(QuestionId::Scars),
        };
        worth_keeping.then(|| Saved {
            answers,
            screen: Some(screen),
            thanked: None,
            pending_lead: self.pending_lead.clone(),
            started_at: self.started_at,
        })
    }
}

/// Whether question `q` comes no later than `open` (the first unanswered screen).
fn earlier(q: QuestionId, open: Screen) -> bool {
    match open {
        Screen::Question(o) => {
            let pos = |x| QuestionId::ORDER.iter().position(|y| *y == x);
            pos(q) <= pos(o)
        }
        _ => true,
    }
}

impl Default for Consultation {
    fn default() -> Self {
        Consultation::resume(None)
    }
}

/// Everything the visitor can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Choose(QuestionId, Choice),
    Next,
    Back,
    ToLead,
    /// The consultation started at this time (ms since the epoch); kept across reloads.
    Started(f64),
    /// A lead was made and handed to delivery (id, first name).
    LeadMade(String, String),
    /// The lead reached the clinic; carries the visitor's name for the thank-you.
    Delivered(String),
    Restart,
}

impl Reducible for Consultation {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.error = None;
        next.moved = true;
        match action {
            Action::Choose(q, choice) => {
                next.answers.choose(q, choice);
                next.moved = false;
            }
            Action::Next => match self.screen {
                Screen::Question(q) => match q.validate(&self.answers) {
                    Ok(()) => {
                        // An optional question left empty is answered "none of these".
                        if q.optional() && !q.is_answered(&next.answers) {
                            next.answers.choose(q, Choice::NoneOfThese);
                        }
                        next.screen = flow::next(&next.answers, q).into();
                    }
                    Err(e) => {
                        next.error = Some(e);
                        next.moved = false;
                    }
                },
                Screen::Result => next.screen = Screen::Lead,
                Screen::Lead | Screen::Thanks => {}
            },
            Action::Back => {
                let step = match self.screen {
                    Screen::Question(q) => Some(Step::Question(q)),
                    Screen::Result => Some(Step::Result),
                    Screen::Lead => None,
                    Screen::Thanks => return self,
                };
                next.screen = match step {
                    Some(step) => match flow::previous(&self.answers, step) {
                        Some(q) => Screen::Question(q),
                        None => return self,
                    },
                    None => Screen::Result,
                };
            }
            Action::ToLead => next.screen = Screen::Lead,
            Action::Started(at) => {
                next.started_at = next.started_at.or(Some(at));
                next.moved = false;
            }
            Action::LeadMade(id, name) => {
                next.pending_lead = Some((id, name));
                next.moved = false;
            }
            Action::Delivered(name) => {
                next.screen = Screen::Thanks;
                next.thanked = Some(name);
                next.pending_lead = None;
            }
            Action::Restart => {
                next = Consultation {
                    moved: true,
                    started_at: self.started_at,
                    ..Consultation::default()
                };
            }
        }
        Rc::new(next)
    }
}

/// The consultation as the components see it: state, the clinic and language, and named
/// verbs. One context for both keeps each component to a single lookup.
#[derive(Clone, PartialEq)]
pub struct ConsultationContext {
    handle: UseReducerHandle<Consultation>,
    widget: Rc<WidgetContext>,
}

impl ConsultationContext {
    pub fn new(handle: UseReducerHandle<Consultation>, widget: Rc<WidgetContext>) -> Self {
        ConsultationContext { handle, widget }
    }
    pub fn state(&self) -> &Consultation {
        &self.handle
    }
    /// The clinic's settings and the language.
    pub fn widget(&self) -> &WidgetContext {
        &self.widget
    }
    pub fn choose(&self, q: QuestionId, choice: Choice) {
        self.handle.dispatch(Action::Choose(q, choice));
    }
    pub fn next(&self) {
        self.handle.dispatch(Action::Next);
    }
    pub fn back(&self) {
        self.handle.dispatch(Action::Back);
    }
    pub fn to_lead(&self) {
        self.handle.dispatch(Action::ToLead);
    }
    /// Whether the visitor took at least `min_ms` since starting: people cannot fill the whole
    /// consultation faster; bots can. Unknown start (no clock yet) counts as a person.
    pub fn took_at_least(&self, now: f64, min_ms: f64) -> bool {
        self.handle.started_at.is_none_or(|t| now - t >= min_ms)
    }
    pub fn lead_made(&self, id: String, name: String) {
        self.handle.dispatch(Action::LeadMade(id, name));
    }
    pub fn delivered(&self, name: String) {
        self.handle.dispatch(Action::Delivered(name));
    }
    pub fn restart(&self) {
        self.handle.dispatch(Action::Restart);
    }
}

/// The consultation from context. Panics only if used outside `App`, a programming error.
#[hook]
pub fn use_consultation() -> ConsultationContext {
    use_context::<ConsultationContext>().expect("use_consultation outside App")
}
