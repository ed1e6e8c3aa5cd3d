//! The shapes of the drawings, as SVG path data in the units of one view (100 × 120).
//!
//! Front view: the head as seen in a mirror (hairline, temples, face). Top view: from above, the
//! face at the top (nose tip and ears show which way it looks), the crown towards the bottom.
//! The light comes from the upper left in both: a highlight there, a shadow on the right.
//! Hair is one shape per stage; thinned or bare scalp is drawn over it in skin colour (an
//! opacity below 100 means thinned, not bare).

/// A shape and how strongly it shows (percent).
pub type Faded = (&'static str, u8);

/// The parts of the head that every drawing of one view shares.
pub struct Head {
    pub ears: &'static str,
    /// Neck (front view) or nose tip (top view), behind the skull.
    pub below: &'static str,
    pub skull: &'static str,
    pub shade: &'static str,
    pub light: &'static str,
    /// Strokes along the hair's direction, drawn lighter over the hair.
    pub strands: &'static str,
}

pub const FRONT: Head = Head {
    ears: "M19.5 53C13 49 10 55 11 61.5C12 68 15 72 21 70.5ZM80.5 53C87 49 90 55 89 61.5C88 68 85 72 79 70.5Z",
    below: "M37 93L35.5 120H64.5L63 93Z",
    skull: "M50 14C68 14 82 28 82 47C82 60 80 72 76 81C71 92 61 101 50 101C39 101 29 92 24 81C20 72 18 60 18 47C18 28 32 14 50 14Z",
    shade: "M82 47C82 60 80 72 76 81C71 92 61 101 50 101C58 96 69 86 72.5 70C75.5 57 75.5 44 71 32C77 36 82 41 82 47ZM37 93C42 99 58 99 63 93L63.3 100C58 104 42 104 36.7 100Z",
    light: "M27 30C33 21 41 17.5 49 17C41 21.5 35 27 31 35Z",
    strands: "M27 37Q30 22 44 14M35 34Q39 20 54 13M45 33Q49 20 64 14M56 33Q63 22 74 20M66 35Q72 28 80 30",
};

pub const TOP: Head = Head {
    ears: "M15.5 50C8 51.5 8 66.5 15.5 68ZM84.5 50C92 51.5 92 66.5 84.5 68Z",
    below: "M45 13.5Q50 3.5 55 13.5Z",
    skull: "M50 12C70 12 85 30 86 56C87 84 72 110 50 110C28 110 13 84 14 56C15 30 30 12 50 12Z",
    shade: "M86 56C87 84 72 110 50 110C65 103 77 88 79 64C80.5 46 75 29 64 18C78 26 86 40 86 56Z",
    light: "M27 32C33 22 41 16.5 49 16C41 22 35 30 31.5 40Z",
    strands: "M50 80C46 70 36 56 32 34M51 78C52 64 46 46 46 26M52 80C58 66 62 50 64 32M49 81C40 78 28 70 20 56M52 82C62 80 74 70 80 56M49 83C42 88 34 96 26 100M52 83C58 90 66 98 74 100",
};

/// The face of the front view: brows, eyes, nose and mouth, drawn as strokes.
pub const BROWS: &str = "M30.5 55Q37 51.5 43.5 54M56.5 54Q63 51.5 69.5 55";
pub const EYES: &str = "M33 61.5Q37 59.2 41 61.5M59 61.5Q63 59.2 67 61.5";
pub const NOSE: &str = "M50.5 62L47.8 72.5Q50 74.5 52.6 72.8";
pub const MOUTH: &str = "M43.5 83.5Q50 86.5 56.5 83.5";

// Front-view hair of a short cut: the outer edge just outside the skull, down to the
// sideburns; the hairline is the inner edge, written from the right temple to the left.
macro_rules! short_front {
    ($hairline:literal) => {
        concat!(
            "M16.5 63L16 46C16 25 31 9.5 50 9.5C69 9.5 84 25 84 46L83.5 63L80.6 63L80.3 48",
            $hairline,
            "L19.4 63Z"
        )
    };
}

pub const FRONT_N1: &str = short_front!(
    "C79.5 41 78 37 72 35C64 33 57 32.5 50 32.5C43 32.5 36 33 28 35C22 37 20.5 41 19.7 48"
);
pub const FRONT_N2: &str = short_front!("C79.8 41 79 36 76.5 31C74.5 28.5 72 27.8 69.5 28.3C67 31.5 62 32 50 32.2C38 32 33 31.5 30.5 28.3C28 27.8 25.5 28.5 23.5 31C21 36 20.2 41 19.7 48");
pub const FRONT_N3: &str = short_front!("C80 40 79.3 35 77.8 31.5C76 27.5 73 24.5 69 23.5C64.5 25.5 59 30 50 30C41 30 35.5 25.5 31 23.5C27 24.5 24 27.5 22.2 31.5C20.7 35 20 40 19.7 48");
pub const FRONT_N4: &str = short_front!("C80 40 79.3 35 77.8 31.5C76 27.5 72 22.5 67.5 21C62 22.5 56 24 50 24C44 24 38 22.5 32.5 21C28 22.5 24 27.5 22.2 31.5C20.7 35 20 40 19.7 48");
// From Norwood 5 the top is bare from the front: hair at the sides only.
pub const FRONT_N5: &str = "M16.5 63L16 46C16 36 18.5 29 22.5 24C24 28.5 22 34 21 39C20.3 42 19.9 45 19.7 48L19.4 63ZM83.5 63L84 46C84 36 81.5 29 77.5 24C76 28.5 78 34 79 39C79.7 42 80.1 45 80.3 48L80.6 63Z";
pub const FRONT_N6: &str = "M16.5 63L16 46C16 40 17 35.5 19 31.5C21 35 20.8 40 20.3 43C20 45 19.8 46.5 19.7 48L19.4 63ZM83.5 63L84 46C84 40 83 35.5 81 31.5C79 35 79.2 40 79.7 43C80 45 80.2 46.5 80.3 48L80.6 63Z";
pub const FRONT_N7: &str = "M16.7 65L16.5 52C16.5 48 17 45 18 42C19.5 45 19.8 48 19.8 52L19.6 65ZM83.3 65L83.5 52C83.5 48 83 45 82 42C80.5 45 80.2 48 80.2 52L80.4 65Z";
/// Norwood 5's sparse band of hair left on top, seen edge-on from the front.
pub const FRONT_N5_BAND: Faded = (
    "M31.5 19C38 11.8 62 11.8 68.5 19C62 16.5 38 16.5 31.5 19Z",
    55,
);

// Ludwig: longer hair in two curtains from a centre parting that widens with the stage.
macro_rules! long_front {
    ($left:literal, $right:literal) => {
        concat!(
            "M", $left, " 9.4C30 9.4 14 24 13 48L12.5 97C14 103 22 103.5 24.5 98L23 62C22.5 50 26 40.5 34 35.5C40 32.5 45 31.8 ", $left, " 32.6Z",
            "M", $right, " 9.4C70 9.4 86 24 87 48L87.5 97C86 103 78 103.5 75.5 98L77 62C77.5 50 74 40.5 66 35.5C60 32.5 55 31.8 ", $right, " 32.6Z"
        )
    };
}
pub const FRONT_L1: &str = long_front!("49.2", "50.8");
pub const FRONT_L2: &str = long_front!("48.3", "51.7");
pub const FRONT_L3: &str = long_front!("47.4", "52.6");
pub const FRONT_L2_LOSS: &[Faded] = &[("M47.5 10L52.5 10L50.8 31L49.2 31Z", 60)];
pub const FRONT_L3_LOSS: &[Faded] = &[
    ("M44 10.5C46 10 54 10 56 10.5L52.5 31L47.5 31Z", 70),
    (
        "M30 14C38 10 62 10 70 14C64 19 56 22 50 22C44 22 36 19 30 14Z",
        55,
    ),
];
// Thin all over (the hair itself, faded), and more so on top.
pub const FRONT_DIFFUSE_LOSS: &[Faded] = &[
    (FRONT_N1, 38),
    ("M28 17a22 9 0 1 0 44 0a22 9 0 1 0-44 0Z", 20),
];
pub const FRONT_PATCHY_LOSS: &[Faded] = &[("M27 24.5a4.5 4 0 1 0 9 0a4.5 4 0 1 0-9 0Z", 100)];

// Top-view hair: the hairline from the left side to the right, then round the back.
macro_rules! top_hair {
    ($hairline:literal) => {
        concat!(
            "M14 50",
            $hairline,
            "C88.5 58 90 64 89.8 70C89 93 72 113.5 50 113.5C28 113.5 11 93 10.2 70C10 64 11.5 58 14 50Z"
        )
    };
}
pub const TOP_N1: &str =
    top_hair!("C15 41 19 32 26 27.5C33 23.5 42 22 50 22C58 22 67 23.5 74 27.5C81 32 85 41 86 50");
pub const TOP_N2: &str = top_hair!("C15 43 17 37 20 34C23 34 26 34.5 29 34.5C31 29 38 24 50 23.5C62 24 69 29 71 34.5C74 34.5 77 34 80 34C83 37 85 43 86 50");
pub const TOP_N3: &str = top_hair!("C15 45 16 43 18 42.5C23 43 28 44.5 33 44C35 35 41 28 50 27.5C59 28 65 35 67 44C72 44.5 77 43 82 42.5C84 43 85 45 86 50");
pub const TOP_N4: &str = top_hair!("C15 49 17 48.5 20 49.5C25 51.5 31 53.5 36 52.5C38 43 43 38.5 50 38C57 38.5 62 43 64 52.5C69 53.5 75 51.5 80 49.5C83 48.5 85 49 86 50");
pub const TOP_N5: &str = top_hair!("C16 52.5 19 56 25 58C31 60 37 60.5 42 59C46 57.5 54 57.5 58 59C63 60.5 69 60 75 58C81 56 84 52.5 86 50");
pub const TOP_N6: &str = "M13.5 58C18 71 26 81 35 87C40 90 45 91.5 50 91.5C55 91.5 60 90 65 87C74 81 82 71 86.5 58C89 63 89.8 67 89.8 70C89 93 72 113.5 50 113.5C28 113.5 11 93 10.2 70C10.2 67 11 63 13.5 58Z";
pub const TOP_N7: &str = "M13.5 67C19 82 29 94 40 98.5C44 100 56 100 60 98.5C71 94 81 82 86.5 67C88.8 69 89.8 70.5 89.6 73C88.8 94 72 113.5 50 113.5C28 113.5 11.2 94 10.4 73C10.2 70.5 11.2 69 13.5 67Z";

pub const TOP_N3V_LOSS: &[Faded] = &[
    ("M38.5 80a11.5 10.5 0 1 0 23 0a11.5 10.5 0 1 0-23 0Z", 20),
    ("M41 80.3a9 8.2 0 1 0 18 0a9 8.2 0 1 0-18 0Z", 45),
    ("M43 80.5a7 6.3 0 1 0 14 0a7 6.3 0 1 0-14 0Z", 100),
];
pub const TOP_N4_LOSS: &[Faded] = &[
    ("M34 79a16 14.5 0 1 0 32 0a16 14.5 0 1 0-32 0Z", 20),
    ("M36.5 79.3a13.5 12.2 0 1 0 27 0a13.5 12.2 0 1 0-27 0Z", 45),
    ("M39 79.5a11 10 0 1 0 22 0a11 10 0 1 0-22 0Z", 100),
    ("M33 60a17 7 0 1 0 34 0a17 7 0 1 0-34 0Z", 15),
    ("M37 60a13 5 0 1 0 26 0a13 5 0 1 0-26 0Z", 25),
];
pub const TOP_N5_LOSS: &[Faded] = &[
    ("M32 79a18 16 0 1 0 36 0a18 16 0 1 0-36 0Z", 50),
    ("M35.5 80a14.5 13 0 1 0 29 0a14.5 13 0 1 0-29 0Z", 100),
    ("M30 62a20 6 0 1 0 40 0a20 6 0 1 0-40 0Z", 55),
];
pub const TOP_L1_LOSS: &[Faded] = &[
    ("M43 50a7 22 0 1 0 14 0a7 22 0 1 0-14 0Z", 40),
    ("M49.2 22.5H50.8L50.6 78H49.4Z", 100),
];
pub const TOP_L2_LOSS: &[Faded] = &[
    ("M37 51a13 28 0 1 0 26 0a13 28 0 1 0-26 0Z", 55),
    ("M46 48a4 20 0 1 0 8 0a4 20 0 1 0-8 0Z", 60),
    ("M48.7 22.5H51.3L50.8 80H49.2Z", 100),
];
pub const TOP_L3_LOSS: &[Faded] = &[
    ("M30 52a20 34 0 1 0 40 0a20 34 0 1 0-40 0Z", 65),
    ("M41 50a9 26 0 1 0 18 0a9 26 0 1 0-18 0Z", 70),
    ("M48 22.5H52L51 82H49Z", 100),
];
pub const TOP_DIFFUSE_LOSS: &[Faded] = &[
    (TOP_N1, 38),
    ("M26 58a24 34 0 1 0 48 0a24 34 0 1 0-48 0Z", 20),
];
pub const TOP_PATCHY_LOSS: &[Faded] = &[
    ("M27 46a6 5.5 0 1 0 12 0a6 5.5 0 1 0-12 0Z", 100),
    ("M56.5 76a7.5 7 0 1 0 15 0a7.5 7 0 1 0-15 0Z", 100),
    ("M35 95a5 4.5 0 1 0 10 0a5 4.5 0 1 0-10 0Z", 100),
];

/// A scar, top view: a line (with its width in tenths of a unit) or an area.
pub enum ScarShape {
    Line(&'static str, u8),
    Area(&'static str),
}

/// A strip across the back of the head, where FUT takes its donor strip.
pub const FUT_STRIP: ScarShape = ScarShape::Line("M25 93Q50 104 75 93", 26);
/// Small round dots over the donor area at the back and sides.
pub const FUE_DOTS: ScarShape = ScarShape::Line("M30 88h0M36 92h0M42 95h0M48 97h0M55 96h0M61 93h0M67 89h0M33 97h0M45 101h0M57 101h0M64 98h0M39 88h0M52 91h0M26 82h0M73 83h0M47 86h0", 22);
/// A stitched line over the top right.
pub const SURGICAL: ScarShape = ScarShape::Line(
    "M62 30Q73 46 70 66M64.5 32.5l3-2M67.5 38l3-1.5M69.8 44l3-1M71 50l3-.4M71.2 56l3 .2M70.8 62l3 .6",
    18,
);
/// An irregular patch over the upper left.
pub const BURN: ScarShape = ScarShape::Area(
    "M22 40C24 33 31 31 35 35C39 33 43 38 41 43C44 48 39 54 34 52C30 56 23 53 23 48C19 46 19 42 22 40Z",
);

// The scalp a buzz-cut look covers, tight to the skull, per hairline style; and, for the
// softer styles, a band in front of the edge where the dots thin out.
macro_rules! scalp_front {
    ($hairline:literal) => {
        concat!(
            "M18.8 64L18.3 47C18.3 28.5 32 14.3 50 14.3C68 14.3 81.7 28.5 81.7 47L81.2 64L80.6 64L80.3 48",
            $hairline,
            "L19.4 64Z"
        )
    };
}
macro_rules! scalp_top {
    ($hairline:literal) => {
        concat!(
            "M14.2 50",
            $hairline,
            // Round the back exactly as the skull goes.
            "L86 56C87 84 72 110 50 110C28 110 13 84 14 56Z"
        )
    };
}
pub const SCALP_FRONT_SOFT: &str = scalp_front!(
    "C79.5 41 78 37 72 35C64 33 57 32.5 50 32.5C43 32.5 36 33 28 35C22 37 20.5 41 19.7 48"
);
pub const SCALP_FRONT_DEFINED: &str = scalp_front!(
    "C80 41 79.5 36 76 34.5C68 33 58 33 50 33C42 33 32 33 24 34.5C20.5 36 20 41 19.7 48"
);
pub const SCALP_FRONT_MATURE: &str = scalp_front!("C79.5 40 78.5 34 76.5 30.5C74.5 28 72 27.5 69 28C64 30 58 30.5 50 30.5C42 30.5 36 30 31 28C28 27.5 25.5 28 23.5 30.5C21.5 34 20.5 40 19.7 48");
pub const SCALP_TOP_SOFT: &str = scalp_top!(
    "C15 41 19 32 26 27.5C33 23.5 42 22 50 22C58 22 67 23.5 74 27.5C81 32 85 41 85.8 50"
);
pub const SCALP_TOP_DEFINED: &str =
    scalp_top!("C15 40 18 31 24 27C32 23.5 42 23 50 23C58 23 68 23.5 76 27C82 31 85 40 85.8 50");
pub const SCALP_TOP_MATURE: &str = scalp_top!("C15 42 17 36 20 33C23 32 27 32.5 30 32C33 27 40 25 50 25C60 25 67 27 70 32C73 32.5 77 32 80 33C83 36 85 42 85.8 50");
pub const FEATHER_FRONT_SOFT: &str = "M19.7 48C20.5 40 22 36 28 33.8C36 31.8 43 31.2 50 31.2C57 31.2 64 31.8 72 33.8C78 36 79.5 40 80.3 48L79.3 48C78.5 42 77 37.6 71.7 36C64 34 57 33.6 50 33.6C43 33.6 36 34 28.3 36C23 37.6 21.5 42 20.7 48Z";
pub const FEATHER_FRONT_MATURE: &str = "M19.7 48C20.5 39 21.5 33 23.3 29.3C25.5 26.7 28 26.2 31.3 26.8C36 28.8 42 29.3 50 29.3C58 29.3 64 28.8 68.7 26.8C72 26.2 74.5 26.7 76.7 29.3C78.5 33 79.5 39 80.3 48L79.3 48C78.5 40.5 77.6 35 76 31.5C74.2 29.4 72 29 69.3 29.4C64 31.5 58 31.8 50 31.8C42 31.8 36 31.5 30.7 29.4C28 29 25.8 29.4 24 31.5C22.4 35 21.5 40.5 20.7 48Z";
pub const FEATHER_TOP_SOFT: &str = "M14.6 48C16 39 20 31 25.5 26.5C33 22.2 42 20.6 50 20.6C58 20.6 67 22.2 74.5 26.5C80 31 84 39 85.4 48L84.5 48C83.3 41 79.8 34 73.5 29C66.5 25 58 23.4 50 23.4C42 23.4 33.5 25 26.5 29C20.2 34 16.7 41 15.5 48Z";
pub const FEATHER_TOP_MATURE: &str = "M15 48C16 41 18 36 20.5 32.6C23.5 31.3 27 31.6 29.4 31.2C32.6 25.8 40 23.8 50 23.8C60 23.8 67.4 25.8 70.6 31.2C73 31.6 76.5 31.3 79.5 32.6C82 36 84 41 85 48L84.2 48C83.2 42.5 81.5 38.5 79.5 35.5C77 34.6 73.5 34.6 71 34.3C68 29.5 60.5 26.6 50 26.6C39.5 26.6 32 29.5 29 34.3C26.5 34.6 23 34.6 20.5 35.5C18.5 38.5 16.8 42.5 15.8 48Z";

// Swatches, in a 40 × 40 view: a round sample of hair (fine strands along its fall) or skin,
// lit like the heads.
pub const SWATCH: &str = "M2 20A18 18 0 1 0 38 20A18 18 0 1 0 2 20Z";
pub const SWATCH_LIGHT: &str = "M6 16C8 9 14 5 21 4.5C15 8 10 13 8.5 21Z";
pub const SWATCH_SHADE: &str = "M38 20A18 18 0 0 1 20 38C28 35 34 29 36 18Z";
pub const SWATCH_STRANDS_LIGHT: &str = "M-2-2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6";
pub const SWATCH_STRANDS_DARK: &str = "M-2 .6c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6m-44 11.2c11-5 23 4 44-6";

/// The dots of a texture's 4 × 4 tile, drawn as zero-length strokes with round caps (so one
/// path serves every dot size): dense, eight dots placed unevenly so the texture reads as
/// stubble rather than a grid; sparse, three of them.
pub const DOTS_DENSE: &str =
    "M.6.8h0M2.4.3h0M1.5 1.9h0M3.3 1.6h0M.55 2.8h0M2.6 3.3h0M1.4 3.8h0M3.6 3h0";
pub const DOTS_SPARSE: &str = "M.6.8h0M2.9 2.3h0M1.2 3.6h0";
