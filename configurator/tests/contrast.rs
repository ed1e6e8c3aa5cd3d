//! The brand colour's contrast check: exact WCAG ratios, against the widget's own backgrounds
//! and default colours (read from its stylesheet, so the check cannot drift from the widget).

use smp_configurator::contrast::{
    checks, luminance, ratio, show, Place, DARK_ACCENT, DARK_BACKGROUND, LIGHT_ACCENT,
    LIGHT_BACKGROUND,
};
use smp_consult::domain::config::Accent;

#[test]
fn ratios_are_wcags() {
    assert_eq!(ratio(luminance("#ffffff"), luminance("#000000")), 21.0);
    assert_eq!(
        show(ratio(luminance("#777777"), luminance("#ffffff"))),
        "4.4:1"
    );
    assert_eq!(
        show(ratio(luminance("#767676"), luminance("#ffffff"))),
        "4.5:1"
    );
}

#[test]
fn the_checks_use_the_widgets_own_colours() {
    let css = include_str!("../../src/embed/smp-consult.css");
    for (property, colour) in [
        ("--smp-background", LIGHT_BACKGROUND),
        ("--smp-background", DARK_BACKGROUND),
        ("--smp-accent", LIGHT_ACCENT),
        ("--smp-accent", DARK_ACCENT),
    ] {
        assert!(
            css.contains(&format!("var({property}, {colour})")),
            "smp-consult.css uses {colour} for {property}"
        );
    }
}

#[test]
fn a_dark_brand_colour_reads_on_white_and_fails_in_dark_mode() {
    let purple = Accent::parse("#6a1b9a").unwrap();
    let all = checks(Some(&purple), Some(&purple));
    let places: Vec<(Place, bool)> = all.iter().map(|c| (c.place, c.passes())).collect();
    assert_eq!(
        places,
        [
            (Place::ButtonText { on_white: true }, true),
            (Place::OnLight, true),
            (Place::OnDark, false),
        ]
    );
    // Only the light theme shown: nothing fails.
    assert!(checks(Some(&purple), None).iter().all(|c| c.passes()));
    // A pale colour: dark text on its buttons, too faint as text on white.
    let yellow = Accent::parse("#ffd84d").unwrap();
    let light = checks(Some(&yellow), None);
    assert_eq!(light[0].place, Place::ButtonText { on_white: false });
    assert!(light[0].passes() && !light[1].passes());
}
