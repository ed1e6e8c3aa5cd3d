//! The lead form's optional scalp photos: four labelled slots (front, top, crown, sides), each
//! a native file input, with a thumbnail and a Remove button once filled and its own error,
//! announced, in the visitor's language. Turning a file into a photo is `browser::image`'s job.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::state::use_consultation;
use crate::browser::image;
use crate::domain::photo::{with_photo, without, Photo, PhotoError, PhotoSlot};

#[derive(Properties, PartialEq)]
pub struct PhotoPickerProps {
    /// The photos chosen so far, at most one per slot.
    pub photos: Rc<Vec<Photo>>,
    /// Called with the whole new list when a photo is added, replaced or removed.
    pub onchange: Callback<Vec<Photo>>,
}

/// What a slot shows besides its photo.
#[derive(Clone, Copy, PartialEq)]
enum SlotState {
    /// A file was chosen and is being prepared.
    Busy,
    /// The last file chosen was refused, for this reason.
    Refused(PhotoError),
}

/// The slots that are busy or refused a file; the others are settled.
#[derive(Default, PartialEq)]
struct Slots(Vec<(PhotoSlot, SlotState)>);

/// A slot's new state: `None` when it is settled (filled or emptied).
struct SetSlot {
    slot: PhotoSlot,
    state: Option<SlotState>,
}

impl Reducible for Slots {
    type Action = SetSlot;
    fn reduce(self: Rc<Self>, SetSlot { slot, state }: SetSlot) -> Rc<Self> {
        let mut next: Vec<_> = self.0.iter().filter(|(s, _)| *s != slot).copied().collect();
        next.extend(state.map(|state| (slot, state)));
        Rc::new(Slots(next))
    }
}

#[function_component]
pub fn PhotoPicker(props: &PhotoPickerProps) -> Html {
    let consultation = use_consultation();
    let widget = consultation.widget();
    let t = widget.t();
    let slots = use_reducer(Slots::default);
    // The list as last changed: a photo finishes preparing after an await, when the props it
    // started with may already be out of date (another slot filled or emptied meanwhile).
    let latest = use_mut_ref(|| props.photos.clone());
    *latest.borrow_mut() = props.photos.clone();

    let onpick = |slot: PhotoSlot| {
        let (latest, slots, onchange) =
            (latest.clone(), slots.dispatcher(), props.onchange.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            slots.dispatch(SetSlot {
                slot,
                state: Some(SlotState::Busy),
            });
            let (latest, slots, onchange) = (latest.clone(), slots.clone(), onchange.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let added = image::prepare(file, slot)
                    .await
                    .and_then(|photo| with_photo(&latest.borrow(), photo));
                match added {
                    Ok(photos) => {
                        *latest.borrow_mut() = Rc::new(photos.clone());
                        onchange.emit(photos);
                        slots.dispatch(SetSlot { slot, state: None });
                    }
                    Err(error) => {
                        // Emptied, so choosing the same file again later is a change again.
                        input.set_value("");
                        slots.dispatch(SetSlot {
                            slot,
                            state: Some(SlotState::Refused(error)),
                        });
                    }
                }
            });
        })
    };
    let onremove = |slot: PhotoSlot| {
        let (latest, slots, onchange) =
            (latest.clone(), slots.dispatcher(), props.onchange.clone());
        Callback::from(move |e: MouseEvent| {
            let photos = without(&latest.borrow(), slot);
            *latest.borrow_mut() = Rc::new(photos.clone());
            onchange.emit(photos);
            slots.dispatch(SetSlot { slot, state: None });
            // The slot's input is emptied (choosing the same file again is then a change), and
            // takes keyboard focus: the button goes away with the photo.
            let input = e
                .target_dyn_into::<Element>()
                .and_then(|button| button.closest(".photo-slot").ok().flatten())
                .and_then(|slot| slot.query_selector("input").ok().flatten());
            if let Some(input) = input.and_then(|i| i.dyn_into::<HtmlInputElement>().ok()) {
                input.set_value("");
                let _ = input.focus();
            }
        })
    };

    html! {
        <fieldset class="field photos">
            <legend>{ t.photos_label }<span class="tag">{ t.optional }</span></legend>
            <p class="hint">{ t.photos_hint }</p>
            <p class="hint">{ widget.naming_clinic(|c| t.photos_privacy(c)) }</p>
            <div class="photo-slots">
                { for PhotoSlot::ALL.iter().map(|&slot| {
                    let label = t.photo_slot(slot);
                    let id = format!("smp-photo-{}", slot.code());
                    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
                    let photo = props.photos.iter().find(|p| p.slot == slot);
                    let state = slots.0.iter().find(|(s, _)| *s == slot).map(|(_, state)| *state);
                    let error = match state {
                        Some(SlotState::Refused(error)) => Some(error),
                        _ => None,
                    };
                    let described = match error {
                        Some(_) => format!("{hint_id} {error_id}"),
                        None => hint_id.clone(),
                    };
                    html! {
                        <div class="photo-slot" data-error={error.map(|_| "")}>
                            <label for={id.clone()}>{ label.text }</label>
                            <p class="hint" id={hint_id}>{ label.hint }</p>
                            if let Some(photo) = photo {
                                <img class="photo-thumb" alt={t.photo_alt(label.text)}
                                    src={format!("data:{};base64,{}", photo.media_type.mime(), photo.data)} />
                                <button type="button" class="button secondary photo-remove" onclick={onremove(slot)}>
                                    { t.photo_remove }<span class="visually-hidden">{ format!(" {}", label.text) }</span>
                                </button>
                            }
                            // The browser's own file button speaks the browser's language and names
                            // the file; this one speaks the widget's. The input stays focusable.
                            <input id={id.clone()} class="file-input" type="file" name={format!("photo_{}", slot.code())}
                                accept="image/jpeg,image/png" onchange={onpick(slot)} aria-describedby={described}
                                aria-invalid={error.map(|_| "true")} />
                            <label for={id} class="button secondary photo-pick">
                                { if photo.is_some() { t.photo_change } else { t.photo_add } }
                            </label>
                            if state == Some(SlotState::Busy) {
                                <p class="hint">{ t.photo_preparing }</p>
                            }
                            <div class="photo-error" role="alert">
                                if let Some(error) = error {
                                    <p class="field-error" id={error_id}>{ t.photo_error(error) }</p>
                                }
                            </div>
                        </div>
                    }
                }) }
            </div>
        </fieldset>
    }
}
