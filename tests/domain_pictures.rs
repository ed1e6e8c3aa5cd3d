#![cfg(not(target_arch = "wasm32"))]
//! The pictures as data (DESIGN.md "Pictures"): the two-view heads of the pattern and stage
//! cards, the swatches, and the preview drawn from the visitor's own answers. Colours and layers
//! are asserted, not only that something renders; every answer set the flow can reach is drawn
//! in `domain_flow.rs`'s property test.

use std::collections::HashSet;

use smp_consult::domain::answers::*;
use smp_consult::domain::flow::{Choice, QuestionId};
use smp_consult::domain::picture::{
    self, hair_colour, pigment_shade, skin_colour, svg, Head, Look, Paint, Preview, Rgb, Role,
    Sketch,
};
use smp_consult::domain::recommend::{recommend, Approach, PigmentNote, Recommendation};

fn answers(pattern: Pattern, stage: Option<Stage>, style: Style) -> Answers {
    let mut a = Answers {
        pattern: Some(pattern),
        stage,
        progression: Some(Progression::Stable),
        style: (pattern != Pattern::Total).then_some(style),
        hair_colour: Some(HairColour::DarkBrown),
        skin_tone: SkinTone::new(3),
        scars: Some(vec![]),
        health: Some(vec![]),
        age_band: Some(AgeBand::From35To44),
        ..Answers::default()
    };
    if smp_consult::domain::recommend::rebuilds_hairline(&a) {
        a.hairline = Some(Hairline::Soft);
    }
    a
}

fn drawn(a: &Answers) -> (Recommendation, Preview) {
    let r = recommend(a, None).unwrap();
    let p = picture::preview(a, &r);
    (r, p)
}

fn after(p: &Preview) -> &Head {
    p.with_smp.as_ref().expect("SMP changes the picture")
}

/// The path data of one role in one view, in paint order.
fn shapes(s: &Sketch, role: Role) -> Vec<&'static str> {
    s.role(role).map(|l| l.d).collect()
}

fn both(h: &Head, role: Role) -> Vec<&'static str> {
    [&h.front, &h.top]
        .into_iter()
        .flat_map(|s| shapes(s, role))
        .collect()
}

fn options(q: QuestionId) -> Vec<Choice> {
    let mut choices = q.choices(&Answers::default());
    if q == QuestionId::Stage {
        choices.extend(q.choices(&Answers {
            pattern: Some(Pattern::Female),
            ..Answers::default()
        }));
    }
    choices
}

// ---------------------------------------------------------------------------------------------
// Cards and swatches

#[test]
fn every_pattern_and_stage_option_has_its_own_head_in_two_views() {
    for q in [QuestionId::Pattern, QuestionId::Stage] {
        let mut seen = HashSet::new();
        for c in options(q) {
            let head = picture::diagram(c).unwrap_or_else(|| panic!("{c:?} has no head"));
            for (name, view) in [("front", &head.front), ("top", &head.top)] {
                assert!(view.role(Role::Head).count() >= 2, "{c:?} {name}: a head");
                assert!(view.role(Role::Light).count() >= 2, "{c:?} {name}: lit");
            }
            assert_eq!(head.front.role(Role::Face).count(), 4, "{c:?}: a face");
            assert!(seen.insert(svg::head(&head)), "{c:?} is drawn like another");
        }
        assert_eq!(seen.len(), if q == QuestionId::Pattern { 6 } else { 8 + 3 });
    }
    for c in options(QuestionId::Progression) {
        assert_eq!(picture::diagram(c), None);
    }
}

#[test]
fn stages_differ_where_a_mirror_shows_them() {
    let view = |s: Stage, front: bool| {
        let h = picture::diagram(Choice::Stage(s)).unwrap();
        let v = if front { h.front } else { h.top };
        (shapes(&v, Role::Hair), shapes(&v, Role::Loss))
    };
    // Norwood 2's temples show from the front (that is where a mirror shows them)…
    assert_ne!(view(Stage::N1, true), view(Stage::N2, true));
    // …3 and 3 vertex look alike from the front and differ on the crown, seen from above…
    assert_eq!(view(Stage::N3, true), view(Stage::N3v, true));
    assert!(view(Stage::N3, false).1.is_empty(), "no crown loss at 3");
    assert!(!view(Stage::N3v, false).1.is_empty(), "a crown at 3 vertex");
    // …and 4 recedes further at the front, with a larger crown than 3 vertex.
    assert_ne!(view(Stage::N3v, true), view(Stage::N4, true));
    assert!(view(Stage::N4, false).1.len() > view(Stage::N3v, false).1.len());
    // Ludwig: the front hairline stays; the parting widens.
    for (a, b) in [(Stage::L1, Stage::L2), (Stage::L2, Stage::L3)] {
        assert_ne!(view(a, true).0, view(b, true).0);
        assert_ne!(view(a, false).1, view(b, false).1);
    }
}

#[test]
fn cards_show_hair_and_bare_scalp_in_clearly_different_colours() {
    let head = picture::diagram(Choice::Stage(Stage::N4)).unwrap();
    let hair = head.top.colours(Role::Hair)[0];
    let skin = head.top.colours(Role::Loss)[0];
    assert!(
        skin.lightness() - hair.lightness() > 100,
        "{skin:?} vs {hair:?}"
    );
    // The total-loss card has no hair at all, the scar card a scar.
    let total = picture::diagram(Choice::Pattern(Pattern::Total)).unwrap();
    assert!(both(&total, Role::Hair).is_empty());
    let scar = picture::diagram(Choice::Pattern(Pattern::None)).unwrap();
    assert_eq!(shapes(&scar.top, Role::Scar).len(), 1);
}

#[test]
fn swatches_look_like_the_hair_and_skin_they_name() {
    let mut seen = HashSet::new();
    for q in [QuestionId::HairColour, QuestionId::SkinTone] {
        for c in options(q) {
            let s = picture::swatch(c).unwrap_or_else(|| panic!("{c:?} has no swatch"));
            assert!(seen.insert(svg::swatch(&s)), "{c:?} like another");
        }
    }
    let strands = |h: HairColour| {
        picture::swatch(Choice::HairColour(h))
            .unwrap()
            .colours(Role::Hair)
    };
    // Hair is a sample of strands: a base and lighter and darker strands over it.
    for h in HairColour::ALL {
        let c = strands(*h);
        assert_eq!(c[0], hair_colour(*h));
        assert_eq!(c.len(), 3, "{h:?}");
    }
    // Grey reads grey (no colour cast), salt and pepper as white strands on dark.
    let grey = hair_colour(HairColour::Grey);
    assert!(
        grey.0.abs_diff(grey.2) < 12 && grey.lightness() > 150,
        "{grey:?}"
    );
    let salt = strands(HairColour::SaltPepper);
    assert!(
        salt[1].lightness() > 220 && salt[2].lightness() < 40,
        "{salt:?}"
    );
    // Skin tones go from light to deep, and are warm (red above blue).
    let tones: Vec<Rgb> = SkinTone::ALL.iter().map(|t| skin_colour(*t)).collect();
    for w in tones.windows(2) {
        assert!(w[0].lightness() > w[1].lightness() + 15, "{w:?}");
    }
    assert!(tones.iter().all(|c| c.0 > c.2));
    assert_eq!(picture::swatch(Choice::Pattern(Pattern::Male)), None);
}

// ---------------------------------------------------------------------------------------------
// The preview: it changes with every answer the issue names

#[test]
fn now_is_the_visitor_s_own_stage_skin_and_hair() {
    let mut a = answers(Pattern::Male, Some(Stage::N5), Style::Buzz);
    a.skin_tone = SkinTone::new(1);
    let (_, p) = drawn(&a);
    assert_eq!(p.look, Look::Stage(Stage::N5));
    assert_eq!(p.skin, skin_colour(SkinTone::new(1).unwrap()));
    assert_eq!(p.now.top.colours(Role::Head)[0], p.skin);
    assert_eq!(
        p.now.top.colours(Role::Hair)[0],
        hair_colour(HairColour::DarkBrown)
    );
    assert_eq!(
        both(&p.now, Role::Hair)[0],
        both(
            &picture::diagram(Choice::Stage(Stage::N5)).unwrap(),
            Role::Hair
        )[0],
        "the same head as the N5 card"
    );

    let mut other = a.clone();
    other.skin_tone = SkinTone::new(6);
    other.hair_colour = Some(HairColour::Red);
    let (_, q) = drawn(&other);
    assert_ne!(
        q.now.top.colours(Role::Head)[0],
        p.now.top.colours(Role::Head)[0]
    );
    assert_eq!(
        q.now.top.colours(Role::Hair)[0],
        hair_colour(HairColour::Red)
    );
    assert_ne!(svg::head(&q.now), svg::head(&p.now));
}

#[test]
fn the_buzz_cut_look_shaves_the_hair_and_dots_the_whole_scalp_up_to_the_hairline() {
    let (r, p) = drawn(&answers(Pattern::Male, Some(Stage::N5), Style::Buzz));
    assert_eq!(r.approach, Approach::BuzzCut);
    let smp = after(&p);
    assert!(both(smp, Role::Hair).is_empty(), "no long hair left");
    assert!(
        !both(smp, Role::Stubble).is_empty(),
        "natural stubble where hair grows"
    );
    let pigment = smp.front.colours(Role::Pigment);
    assert!(pigment.iter().all(|c| Some(*c) == p.pigment), "{pigment:?}");
    // Extent: the same scalp is covered whatever the stage, the dots matter where hair went.
    let (_, n3) = drawn(&answers(Pattern::Male, Some(Stage::N3), Style::Buzz));
    assert_eq!(
        shapes(&after(&n3).top, Role::Pigment)[0],
        shapes(&smp.top, Role::Pigment)[0]
    );
    assert_ne!(both(&n3.now, Role::Hair), both(&p.now, Role::Hair));
    assert_ne!(both(after(&n3), Role::Stubble), both(smp, Role::Stubble));
}

#[test]
fn the_hairline_style_draws_a_different_edge() {
    let edge = |h: Hairline| {
        let mut a = answers(Pattern::Male, Some(Stage::N4), Style::Buzz);
        a.hairline = Some(h);
        let (r, p) = drawn(&a);
        assert_eq!(r.hairline, Some(h));
        assert_eq!(p.hairline, Some(h));
        both(after(&p), Role::Pigment)
    };
    let (soft, defined, mature) = (
        edge(Hairline::Soft),
        edge(Hairline::Defined),
        edge(Hairline::Mature),
    );
    assert_ne!(soft[0], defined[0]);
    assert_ne!(soft[0], mature[0]);
    assert_ne!(defined[0], mature[0]);
    // A soft edge thins out (a feathered band of sparser dots); a defined one is crisp.
    assert!(soft.len() > defined.len(), "{soft:?}");
}

#[test]
fn density_shading_keeps_the_hair_and_shades_where_the_scalp_shows() {
    let mut a = answers(Pattern::Female, Some(Stage::L2), Style::Longer);
    a.hair_colour = Some(HairColour::Black);
    a.skin_tone = SkinTone::new(6);
    let (r, p) = drawn(&a);
    assert_eq!(r.approach, Approach::DensityShading);
    let smp = after(&p);
    assert_eq!(both(smp, Role::Hair), both(&p.now, Role::Hair), "hair kept");
    let loss = shapes(&p.now.top, Role::Loss);
    let shaded = shapes(&smp.top, Role::Pigment);
    assert!(
        loss.iter().all(|d| shaded.contains(d)),
        "dots where it thins"
    );
    // Less scalp shows through.
    let opacity = |s: &Sketch| {
        s.role(Role::Loss)
            .map(|l| u32::from(l.opacity))
            .sum::<u32>()
    };
    assert!(opacity(&smp.top) < opacity(&p.now.top));
    // Extent: Ludwig 3 shades more than Ludwig 1.
    let area = |s: Stage| {
        let (_, p) = drawn(&answers(Pattern::Female, Some(s), Style::Longer));
        shapes(&after(&p).top, Role::Pigment)
    };
    assert_ne!(area(Stage::L1), area(Stage::L3));
}

#[test]
fn scar_camouflage_covers_the_scar_the_visitor_named() {
    let scar = |s: Scar| {
        let mut a = answers(Pattern::None, None, Style::Buzz);
        a.scars = Some(vec![s]);
        a.scar_healed = Some(true);
        a.scar_raised = Some(false);
        let (r, p) = drawn(&a);
        assert_eq!(r.approach, Approach::ScarCamouflage);
        assert_eq!(p.scars, vec![s]);
        let drawn = shapes(&p.now.top, Role::Scar);
        assert_eq!(drawn.len(), 1);
        let smp = after(&p);
        assert!(
            shapes(&smp.top, Role::Pigment).contains(&drawn[0]),
            "dots over it"
        );
        assert!(
            smp.top.role(Role::Scar).all(|l| l.opacity < 100),
            "it fades"
        );
        drawn[0]
    };
    let all: HashSet<_> = Scar::ALL.iter().map(|s| scar(*s)).collect();
    assert_eq!(all.len(), 4, "each scar has its own shape");

    // As an add-on, the scar is covered alongside the main approach.
    let mut a = answers(Pattern::Male, Some(Stage::N4), Style::Buzz);
    a.scars = Some(vec![Scar::FutStrip]);
    a.scar_healed = Some(true);
    a.scar_raised = Some(false);
    let (r, p) = drawn(&a);
    assert_eq!(r.add_ons, vec![Approach::ScarCamouflage]);
    assert!(after(&p).top.role(Role::Scar).all(|l| l.opacity < 100));
}

#[test]
fn patchy_loss_gets_blended_patches() {
    let (r, p) = drawn(&answers(Pattern::Patchy, None, Style::Longer));
    assert_eq!(r.approach, Approach::PatchBlending);
    let patches = shapes(&p.now.top, Role::Loss);
    assert_eq!(patches.len(), 3);
    let smp = shapes(&after(&p).top, Role::Pigment);
    assert!(patches.iter().all(|d| smp.contains(d)));
}

#[test]
fn nothing_to_treat_draws_no_with_smp_head() {
    let (r, p) = drawn(&answers(Pattern::Male, Some(Stage::N1), Style::Longer));
    assert_eq!(r.approach, Approach::NoneNeeded);
    assert_eq!(p.with_smp, None);
    assert_eq!(p.pigment, None);
    assert!(both(&p.now, Role::Pigment).is_empty());
}

#[test]
fn the_pigment_shade_follows_the_pigment_notes() {
    use PigmentNote::*;
    let plain = pigment_shade(HairColour::DarkBrown, &[]);
    // Greyscale: no tint at all.
    for h in [HairColour::Grey, HairColour::SaltPepper] {
        assert!(pigment_shade(h, &[Greyscale]).is_neutral());
    }
    // Fair skin: a lighter dilution; deep skin: bolder (darker) dots.
    assert!(
        pigment_shade(HairColour::DarkBrown, &[LighterDilution]).lightness()
            > plain.lightness() + 20
    );
    assert!(
        pigment_shade(HairColour::DarkBrown, &[BolderImpressions]).lightness() < plain.lightness()
    );
    // Blonde or red with the buzz-cut look: darker than the hair, so it shows as stubble…
    for h in [HairColour::Blonde, HairColour::Red] {
        let darker = pigment_shade(h, &[DarkerThanHair]);
        assert!(
            darker.lightness() + 30 < hair_colour(h).lightness(),
            "{h:?}"
        );
        // …and without that note (density shading) close to the hair: low contrast.
        let close = pigment_shade(h, &[]);
        assert!(close.lightness() > darker.lightness(), "{h:?}");
    }

    // Through the rules: the preview's dots are the shade the notes imply.
    let shade = |hair: HairColour, skin: u8, style: Style| {
        let mut a = answers(Pattern::Male, Some(Stage::N4), style);
        a.hair_colour = Some(hair);
        a.skin_tone = SkinTone::new(skin);
        let (r, p) = drawn(&a);
        assert_eq!(p.pigment, Some(pigment_shade(hair, &r.pigment)));
        assert!(after(&p)
            .front
            .colours(Role::Pigment)
            .contains(&p.pigment.unwrap()));
        (r, p)
    };
    let (r, grey) = shade(HairColour::Grey, 3, Style::Buzz);
    assert_eq!(r.pigment, vec![Greyscale]);
    assert!(grey.pigment.unwrap().is_neutral());
    let (r, fair) = shade(HairColour::DarkBrown, 1, Style::Buzz);
    assert_eq!(r.pigment, vec![LighterDilution]);
    let (_, medium) = shade(HairColour::DarkBrown, 3, Style::Buzz);
    assert!(fair.pigment.unwrap().lightness() > medium.pigment.unwrap().lightness());
    let (r, deep) = shade(HairColour::DarkBrown, 6, Style::Buzz);
    assert_eq!(r.pigment, vec![BolderImpressions]);
    let bold = |p: &Preview| after(p).top.dots.iter().all(|d| d.bold || d.sparse);
    assert!(bold(&deep) && !after(&medium).top.dots.iter().any(|d| d.bold));
    let (r, blonde) = shade(HairColour::Blonde, 3, Style::Buzz);
    assert_eq!(r.pigment, vec![DarkerThanHair]);
    assert!(blonde.pigment.unwrap().lightness() < blonde.hair.lightness());
}

// ---------------------------------------------------------------------------------------------
// As SVG

/// Tags open and close in order, attribute quotes pair up, and a `data:` URL stays one URL.
fn well_formed(url: &str) {
    let body = url
        .strip_prefix("data:image/svg+xml,")
        .expect("an SVG data URL");
    assert!(!body.contains('#'), "# is written %23 in a URL");
    assert!(!body.contains('"'), "single quotes only");
    let mut open: Vec<&str> = Vec::new();
    for tag in body.split('<').skip(1) {
        let tag = &tag[..tag.find('>').expect("tag ends")];
        assert_eq!(tag.matches('\'').count() % 2, 0, "quotes in <{tag}>");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name), "</{name}>");
        } else if !tag.ends_with('/') {
            open.push(tag.split(' ').next().unwrap());
        }
    }
    assert!(open.is_empty(), "unclosed {open:?}");
}

#[test]
fn every_picture_is_a_well_formed_svg_image() {
    for q in [QuestionId::Pattern, QuestionId::Stage] {
        for c in options(q) {
            let url = svg::head(&picture::diagram(c).unwrap());
            well_formed(&url);
            assert!(url.contains("<g class='front'") && url.contains("<g class='top'"));
            assert!(url.len() < 12_000, "{c:?}: {} bytes", url.len());
        }
    }
    for q in [QuestionId::HairColour, QuestionId::SkinTone] {
        for c in options(q) {
            well_formed(&svg::swatch(&picture::swatch(c).unwrap()));
        }
    }
    let (_, p) = drawn(&answers(Pattern::Male, Some(Stage::N4), Style::Buzz));
    for divider in [0, 30, 50, 100] {
        let url = svg::compare(&p.now, p.with_smp.as_ref(), divider);
        well_formed(&url);
        // Colours as the drawing says: the visitor's skin, and the pigment's shade.
        let hex = |c: Rgb| c.hex().replace('#', "%23");
        assert!(url.contains(&hex(p.skin)));
        assert_eq!(
            url.contains(&hex(p.pigment.unwrap())),
            divider < 100,
            "{divider}"
        );
    }
}

#[test]
fn the_divider_shows_now_on_its_left_and_with_smp_on_its_right() {
    let (_, p) = drawn(&answers(Pattern::Male, Some(Stage::N4), Style::Buzz));
    let at = |divider| svg::compare(&p.now, p.with_smp.as_ref(), divider);
    assert!(at(30).contains("<clipPath id='l'><rect width='30'"));
    assert!(at(30).contains("<rect x='30' width='70'"));
    assert!(at(30).contains("M30 5V117"), "the divider is drawn");
    assert!(!at(100).contains("V117"), "no divider when all is 'now'");
    assert_eq!(svg::head(&p.now), at(100), "all now: the head as it is");
    assert_ne!(at(0), at(100));
}

#[test]
fn paints_and_clips_refer_to_what_the_sketch_defines() {
    let (_, p) = drawn(&answers(Pattern::Female, Some(Stage::L3), Style::Longer));
    for h in [&p.now, after(&p)] {
        for s in [&h.front, &h.top] {
            for l in &s.layers {
                if let Some(Paint::Dots(i)) = l.fill.or(l.stroke.map(|(p, _)| p)) {
                    assert!(usize::from(i) < s.dots.len());
                }
                if let Some(c) = l.clip {
                    assert!(usize::from(c) < s.clips.len());
                }
                assert!((1..=100).contains(&l.opacity), "{l:?}");
            }
        }
    }
}
