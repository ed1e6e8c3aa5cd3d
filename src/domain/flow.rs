//! The question graph: every question, its options and when it applies, as data.
//!
//! The UI iterates this; it never branches per question. Moving through the flow
//! (`next`, `previous`, `progress`) and validating a step live here too.

use super::answers::*;
use super::recommend::rebuilds_hairline;

/// One question of the flow, in the order asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionId {
    Pattern,
    Stage,
    Progression,
    Style,
    HairColour,
    SkinTone,
    Scars,
    ScarHealed,
    ScarRaised,
    Health,
    AgeBand,
    Hairline,
}

/// Radio (one answer) or checkbox (several, with a `none` option).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Single,
    Multi,
}

/// How an option is pictured (the drawings themselves are `picture::diagram` and `picture::swatch`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picture {
    /// A head in two views: front (hairline and temples) and top (crown or parting).
    Diagram,
    /// A sample of hair or skin.
    Swatch,
    /// Text only.
    Text,
}

/// One option of one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    Pattern(Pattern),
    Stage(Stage),
    Progression(Progression),
    Style(Style),
    HairColour(HairColour),
    SkinTone(SkinTone),
    Scar(Scar),
    ScarHealed(bool),
    ScarRaised(bool),
    Health(Health),
    AgeBand(AgeBand),
    Hairline(Hairline),
    /// The `none` option of a multi-select question.
    NoneOfThese,
}

impl Choice {
    /// The input's `value`: the answer's JSON code.
    pub fn value(self) -> String {
        match self {
            Choice::Pattern(x) => x.code().into(),
            Choice::Stage(x) => x.code().into(),
            Choice::Progression(x) => x.code().into(),
            Choice::Style(x) => x.code().into(),
            Choice::HairColour(x) => x.code().into(),
            Choice::SkinTone(x) => x.get().to_string(),
            Choice::Scar(x) => x.code().into(),
            Choice::ScarHealed(b) | Choice::ScarRaised(b) => b.to_string(),
            Choice::Health(x) => x.code().into(),
            Choice::AgeBand(x) => x.code().into(),
            Choice::Hairline(x) => x.code().into(),
            Choice::NoneOfThese => "none".into(),
        }
    }
}

/// Where the visitor is: a question, or the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "step", content = "question")]
pub enum Step {
    Question(QuestionId),
    Result,
}

/// Why Next cannot move on yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("choose an answer to continue")]
    NoChoice,
    #[error("choose the scar you would like covered")]
    ScarRequired,
}

impl QuestionId {
    /// Every question, in the order asked.
    pub const ORDER: &'static [QuestionId] = &[
        QuestionId::Pattern,
        QuestionId::Stage,
        QuestionId::Progression,
        QuestionId::Style,
        QuestionId::HairColour,
        QuestionId::SkinTone,
        QuestionId::Scars,
        QuestionId::ScarHealed,
        QuestionId::ScarRaised,
        QuestionId::Health,
        QuestionId::AgeBand,
        QuestionId::Hairline,
    ];

    /// The inputs' `name`: the answer's JSON field.
    pub const fn field(self) -> &'static str {
        match self {
            QuestionId::Pattern => "pattern",
            QuestionId::Stage => "stage",
            QuestionId::Progression => "progression",
            QuestionId::Style => "style",
            QuestionId::HairColour => "hair_colour",
            QuestionId::SkinTone => "skin_tone",
            QuestionId::Scars => "scars",
            QuestionId::ScarHealed => "scar_healed",
            QuestionId::ScarRaised => "scar_raised",
            QuestionId::Health => "health",
            QuestionId::AgeBand => "age_band",
            QuestionId::Hairline => "hairline",
        }
    }

    pub const fn kind(self) -> Kind {
        match self {
            QuestionId::Scars | QuestionId::Health => Kind::Multi,
            _ => Kind::Single,
        }
    }

    pub const fn picture(self) -> Picture {
        match self {
            QuestionId::Pattern | QuestionId::Stage => Picture::Diagram,
            QuestionId::HairColour | QuestionId::SkinTone => Picture::Swatch,
            _ => Picture::Text,
        }
    }

    /// Optional questions may be left empty (treated as "none of these").
    pub const fn optional(self) -> bool {
        matches!(self, QuestionId::Health)
    }

    /// Whether the question applies, given the answers so far (the branches).
    pub fn applies(self, a: &Answers) -> bool {
        match self {
            QuestionId::Stage => matches!(a.pattern, Some(Pattern::Male | Pattern::Female)),
            QuestionId::Progression => a.pattern != Some(Pattern::None),
            QuestionId::Style => a.pattern != Some(Pattern::Total),
            QuestionId::ScarHealed | QuestionId::ScarRaised => a.has_scars(),
            QuestionId::Hairline => rebuilds_hairline(a),
            _ => true,
        }
    }

    /// The options shown, in order (the stage scale depends on the pattern).
    pub fn choices(self, a: &Answers) -> Vec<Choice> {
        fn all<T: Copy>(items: &[T], f: fn(T) -> Choice) -> Vec<Choice> {
            items.iter().copied().map(f).collect()
        }
        match self {
            QuestionId::Pattern => all(Pattern::ALL, Choice::Pattern),
            QuestionId::Stage => match a.pattern {
                Some(Pattern::Female) => all(Stage::LUDWIG, Choice::Stage),
                _ => all(Stage::NORWOOD, Choice::Stage),
            },
            QuestionId::Progression => all(Progression::ALL, Choice::Progression),
            QuestionId::Style => all(Style::ALL, Choice::Style),
            QuestionId::HairColour => all(HairColour::ALL, Choice::HairColour),
            QuestionId::SkinTone => all(SkinTone::ALL, Choice::SkinTone),
            QuestionId::Scars => {
                let mut v = all(Scar::ALL, Choice::Scar);
                v.push(Choice::NoneOfThese);
                v
            }
            QuestionId::ScarHealed => vec![Choice::ScarHealed(true), Choice::ScarHealed(false)],
            QuestionId::ScarRaised => vec![Choice::ScarRaised(false), Choice::ScarRaised(true)],
            QuestionId::Health => {
                let mut v = all(Health::ALL, Choice::Health);
                v.push(Choice::NoneOfThese);
                v
            }
            QuestionId::AgeBand => all(AgeBand::ALL, Choice::AgeBand),
            QuestionId::Hairline => all(Hairline::ALL, Choice::Hairline),
        }
    }

    /// Parses an input's `value` for this question.
    pub fn parse(self, value: &str) -> Option<Choice> {
        if value == "none" && self.kind() == Kind::Multi {
            return Some(Choice::NoneOfThese);
        }
        let boolean = || match value {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        Some(match self {
            QuestionId::Pattern => Choice::Pattern(Pattern::from_code(value)?),
            QuestionId::Stage => Choice::Stage(Stage::from_code(value)?),
            QuestionId::Progression => Choice::Progression(Progression::from_code(value)?),
            QuestionId::Style => Choice::Style(Style::from_code(value)?),
            QuestionId::HairColour => Choice::HairColour(HairColour::from_code(value)?),
            QuestionId::SkinTone => Choice::SkinTone(SkinTone::new(value.parse().ok()?)?),
            QuestionId::Scars => Choice::Scar(Scar::from_code(value)?),
            QuestionId::ScarHealed => Choice::ScarHealed(boolean()?),
            QuestionId::ScarRaised => Choice::ScarRaised(boolean()?),
            QuestionId::Health => Choice::Health(Health::from_code(value)?),
            QuestionId::AgeBand => Choice::AgeBand(AgeBand::from_code(value)?),
            QuestionId::Hairline => Choice::Hairline(Hairline::from_code(value)?),
        })
    }

    /// Whether the visitor has answered this question.
    pub fn is_answered(self, a: &Answers) -> bool {
        match self {
            QuestionId::Pattern => a.pattern.is_some(),
            QuestionId::Stage => a.stage.is_some(),
            QuestionId::Progression => a.progression.is_some(),
            QuestionId::Style => a.style.is_some(),
            QuestionId::HairColour => a.hair_colour.is_some(),
            QuestionId::SkinTone => a.skin_tone.is_some(),
            QuestionId::Scars => a.scars.is_some(),
            QuestionId::ScarHealed => a.scar_healed.is_some(),
            QuestionId::ScarRaised => a.scar_raised.is_some(),
            QuestionId::Health => a.health.is_some(),
            QuestionId::AgeBand => a.age_band.is_some(),
            QuestionId::Hairline => a.hairline.is_some(),
        }
    }

    /// Checks that Next may leave this question.
    pub fn validate(self, a: &Answers) -> Result<(), StepError> {
        if self == QuestionId::Scars && a.pattern == Some(Pattern::None) && !a.has_scars() {
            return Err(StepError::ScarRequired);
        }
        if self.optional() || self.is_answered(a) {
            Ok(())
        } else {
            Err(StepError::NoChoice)
        }
    }
}

impl Choice {
    /// Whether this option is currently selected.
    pub fn is_selected(self, a: &Answers) -> bool {
        match self {
            Choice::Pattern(x) => a.pattern == Some(x),
            Choice::Stage(x) => a.stage == Some(x),
            Choice::Progression(x) => a.progression == Some(x),
            Choice::Style(x) => a.style == Some(x),
            Choice::HairColour(x) => a.hair_colour == Some(x),
            Choice::SkinTone(x) => a.skin_tone == Some(x),
            Choice::Scar(x) => a.scar_list().contains(&x),
            Choice::ScarHealed(x) => a.scar_healed == Some(x),
            Choice::ScarRaised(x) => a.scar_raised == Some(x),
            Choice::Health(x) => a.health_list().contains(&x),
            Choice::AgeBand(x) => a.age_band == Some(x),
            Choice::Hairline(x) => a.hairline == Some(x),
            // `none` is only ever chosen explicitly, on the question it belongs to.
            Choice::NoneOfThese => false,
        }
    }
}

/// Toggles `item` in a multi-select list; removing the last item leaves it unanswered.
fn toggle<T: PartialEq + Copy>(list: &mut Option<Vec<T>>, item: T) {
    let v = list.get_or_insert_with(Vec::new);
    if let Some(i) = v.iter().position(|x| *x == item) {
        v.remove(i);
        if v.is_empty() {
            *list = None;
        }
    } else {
        v.push(item);
    }
}

impl Answers {
    /// Records a choice on `question` (a toggle on multi-selects), then drops answers to
    /// questions that no longer apply, so a changed pattern never keeps a stale stage.
    pub fn choose(&mut self, question: QuestionId, choice: Choice) {
        match choice {
            Choice::Pattern(x) => self.pattern = Some(x),
            Choice::Stage(x) => self.stage = Some(x),
            Choice::Progression(x) => self.progression = Some(x),
            Choice::Style(x) => self.style = Some(x),
            Choice::HairColour(x) => self.hair_colour = Some(x),
            Choice::SkinTone(x) => self.skin_tone = Some(x),
            Choice::Scar(x) => toggle(&mut self.scars, x),
            Choice::ScarHealed(x) => self.scar_healed = Some(x),
            Choice::ScarRaised(x) => self.scar_raised = Some(x),
            Choice::Health(x) => toggle(&mut self.health, x),
            Choice::AgeBand(x) => self.age_band = Some(x),
            Choice::Hairline(x) => self.hairline = Some(x),
            // `none` is a checkbox too: ticking it again takes the answer back.
            Choice::NoneOfThese => {
                let none = !self.chose_none(question);
                match question {
                    QuestionId::Scars => self.scars = none.then(Vec::new),
                    QuestionId::Health => self.health = none.then(Vec::new),
                    _ => {}
                }
            }
        }
        self.prune();
    }

    /// Whether `none` is the visitor's explicit answer to a multi-select question.
    pub fn chose_none(&self, question: QuestionId) -> bool {
        match question {
            QuestionId::Scars => self.scars.as_ref().is_some_and(Vec::is_empty),
            QuestionId::Health => self.health.as_ref().is_some_and(Vec::is_empty),
            _ => false,
        }
    }

    /// Clears answers to questions that do not apply to the other answers.
    pub fn prune(&mut self) {
        if !self.stage.zip(self.pattern).is_some_and(|(s, p)| s.fits(p)) {
            self.stage = None;
        }
        if !QuestionId::Progression.applies(self) {
            self.progression = None;
        }
        if !QuestionId::Style.applies(self) {
            self.style = None;
        }
        if !self.has_scars() {
            self.scar_healed = None;
            self.scar_raised = None;
        }
        if !QuestionId::Hairline.applies(self) {
            self.hairline = None;
        }
    }
}

/// The first question.
pub const FIRST: QuestionId = QuestionId::Pattern;

fn position(q: QuestionId) -> usize {
    QuestionId::ORDER.iter().position(|x| *x == q).unwrap_or(0)
}

/// The step after `current`: the next question that applies, else the result.
pub fn next(a: &Answers, current: QuestionId) -> Step {
    QuestionId::ORDER[position(current) + 1..]
        .iter()
        .copied()
        .find(|q| q.applies(a))
        .map_or(Step::Result, Step::Question)
}

/// The question before `current` that applies, if any.
pub fn previous(a: &Answers, current: Step) -> Option<QuestionId> {
    let end = match current {
        Step::Question(q) => position(q),
        Step::Result => QuestionId::ORDER.len(),
    };
    QuestionId::ORDER[..end]
        .iter()
        .rev()
        .copied()
        .find(|q| q.applies(a))
}

/// Progress as (1-based number of this question among those asked, the most questions any
/// visitor is asked). The total is the same for everyone and never changes, so the bar only
/// moves forward as answers open or close branches, and neither number tells a branch (the
/// scar follow-ups, say) to anyone who sees it or hears of it in an event.
pub fn progress(a: &Answers, current: QuestionId) -> (usize, usize) {
    let number = QuestionId::ORDER
        .iter()
        .filter(|q| q.applies(a))
        .take_while(|q| **q != current)
        .count()
        + 1;
    (number, MOST_QUESTIONS)
}

/// The most questions one visitor is asked: all of them (a male pattern with a stage, a
/// scar, and a buzz cut that rebuilds the hairline asks every one).
pub const MOST_QUESTIONS: usize = QuestionId::ORDER.len();

/// The first question that applies and is not yet validly answered, or the result when all are.
/// Used to resume: a restored step never skips an unanswered question.
pub fn first_open(a: &Answers) -> Step {
    QuestionId::ORDER
        .iter()
        .copied()
        .find(|q| q.applies(a) && q.validate(a).is_err())
        .map_or(Step::Result, Step::Question)
}

/// A question's place as analytics may see it: (number, total), both the same for every
/// visitor, or `None` for the scar follow-ups, which only a visitor with scars is asked.
/// Step numbers and totals that followed the branches would tell a tag on the page that a
/// visitor has scars (two more steps) even though no answer is sent.
pub fn public_step(question: QuestionId) -> Option<(usize, usize)> {
    let public = || {
        QuestionId::ORDER
            .iter()
            .filter(|q| !matches!(q, QuestionId::ScarHealed | QuestionId::ScarRaised))
    };
    let number = public().position(|q| *q == question)? + 1;
    Some((number, public().count()))
}
