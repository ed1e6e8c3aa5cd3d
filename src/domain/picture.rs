//! Pictures as data: the two-view heads of the pattern and stage cards, the hair and skin
//! swatches, and the preview of the visitor's own result ("now" and "with SMP").
//!
//! Everything here is plain data (SVG path data, colours, layers in paint order), so it is
//! tested natively; `svg` writes it as SVG images that `ui::picture` shows. A head is drawn in two views, front
//! (hairline and temples, as in a mirror) and top (crown and parting), from one set of shapes
//! (`shapes`), so the cards and the preview show the same head in the same light.

mod shapes;
pub mod svg;

use shapes::{Faded, ScarShape};

use super::answers::{Answers, HairColour, Hairline, Pattern, Scar, SkinTone, Stage};
use super::flow::Choice;
use super::recommend::{Approach, PigmentNote, Recommendation};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

const WHITE: Rgb = Rgb(255, 255, 255);
const BLACK: Rgb = Rgb(0, 0, 0);

impl Rgb {
    /// `#rrggbb`, as SVG's `fill` and `stroke` take it.
    pub fn hex(self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(7);
        out.push('#');
        for byte in [self.0, self.1, self.2] {
            out.push(DIGITS[usize::from(byte >> 4)] as char);
            out.push(DIGITS[usize::from(byte & 15)] as char);
        }
        out
    }

    /// This colour moved `percent` of the way towards `other`.
    pub fn mix(self, other: Rgb, percent: u8) -> Rgb {
        let p = u32::from(percent.min(100));
        let m = |a: u8, b: u8| ((u32::from(a) * (100 - p) + u32::from(b) * p + 50) / 100) as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// Lightness 0–255 with the eye's weights (Rec. 709): enough to compare two shades.
    pub fn lightness(self) -> u8 {
        let [r, g, b] = [self.0, self.1, self.2].map(u32::from);
        ((r * 2126 + g * 7152 + b * 722) / 10_000) as u8
    }

    /// Whether red, green and blue are equal: a grey with no tint.
    pub fn is_neutral(self) -> bool {
        self.0 == self.1 && self.1 == self.2
    }
}

/// The colour of natural hair, as the swatch and the drawings show it.
pub fn hair_colour(hair: HairColour) -> Rgb {
    match hair {
        HairColour::Black => Rgb(0x1d, 0x1a, 0x19),
        HairColour::DarkBrown => Rgb(0x3b, 0x2a, 0x21),
        HairColour::MediumBrown => Rgb(0x6b, 0x4a, 0x31),
        HairColour::LightBrown => Rgb(0x9c, 0x77, 0x52),
        HairColour::Blonde => Rgb(0xd6, 0xb6, 0x77),
        HairColour::Red => Rgb(0xa1, 0x4a, 0x2a),
        HairColour::Grey => Rgb(0xbc, 0xba, 0xb6),
        // Dark and white hairs together: a mid grey, with white strands drawn over it.
        HairColour::SaltPepper => Rgb(0x5f, 0x5d, 0x5a),
    }
}

/// The colour of skin of a Fitzpatrick type.
pub fn skin_colour(tone: SkinTone) -> Rgb {
    match tone.get() {
        1 => Rgb(0xf3, 0xd5, 0xc2),
        2 => Rgb(0xe8, 0xbc, 0x9a),
        3 => Rgb(0xcf, 0x9d, 0x76),
        4 => Rgb(0xad, 0x77, 0x4d),
        5 => Rgb(0x7f, 0x52, 0x36),
        _ => Rgb(0x4d, 0x31, 0x24),
    }
}

/// The strands drawn over hair: lighter than the hair, white for grey and salt & pepper.
fn strand_colour(hair: HairColour) -> Rgb {
    match hair {
        HairColour::Grey | HairColour::SaltPepper => Rgb(0xf2, 0xf1, 0xee),
        other => hair_colour(other).mix(WHITE, 35),
    }
}

/// The shade of the pigment dots that the pigment notes imply.
///
/// SMP pigment is a dark, near-neutral ink matched to the hair's roots; the notes move it:
/// greyscale for grey hair, diluted (lighter) on fair skin, bolder (darker) on deep skin, and
/// darker than the hair itself for blonde or red hair with the buzz-cut look (without that
/// note, light hair is shaded close to its own colour, which is why it shows little).
pub fn pigment_shade(hair: HairColour, notes: &[PigmentNote]) -> Rgb {
    let has = |n: PigmentNote| notes.contains(&n);
    let mut shade = match hair {
        HairColour::Black => Rgb(0x23, 0x21, 0x20),
        HairColour::DarkBrown => Rgb(0x2e, 0x27, 0x24),
        HairColour::MediumBrown => Rgb(0x3e, 0x34, 0x30),
        HairColour::LightBrown => Rgb(0x54, 0x48, 0x40),
        HairColour::Blonde if has(PigmentNote::DarkerThanHair) => Rgb(0x6e, 0x61, 0x54),
        HairColour::Red if has(PigmentNote::DarkerThanHair) => Rgb(0x4a, 0x30, 0x29),
        HairColour::Blonde | HairColour::Red => hair_colour(hair).mix(BLACK, 25),
        HairColour::Grey => Rgb(0x7b, 0x7b, 0x7b),
        HairColour::SaltPepper => Rgb(0x4d, 0x4d, 0x4d),
    };
    if has(PigmentNote::Greyscale) {
        let l = shade.lightness();
        shade = Rgb(l, l, l);
    }
    if has(PigmentNote::LighterDilution) {
        shade = shade.mix(WHITE, 22);
    }
    if has(PigmentNote::BolderImpressions) {
        shade = shade.mix(BLACK, 30);
    }
    shade
}

/// Which part of a picture a layer is: what tests and descriptions look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Ears, neck or nose tip, and the skull in skin colour.
    Head,
    /// Brows, eyes, nose and mouth.
    Face,
    /// The visitor's hair, and the strands drawn over it.
    Hair,
    /// Thinned or bare scalp showing through the hair.
    Loss,
    /// Natural stubble where the hair is shaved.
    Stubble,
    /// SMP: pigment dots (and the faint tint they give).
    Pigment,
    /// A scar.
    Scar,
    /// The light from the upper left and the shadow it casts.
    Light,
}

/// What a shape is filled or stroked with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    Colour(Rgb),
    /// A dot texture: the index of its `Dots` in the sketch.
    Dots(u8),
    /// The outline: a mid grey, so a head stands out on a light, a dark or a forced-colours
    /// background alike.
    Outline,
}

/// A dot texture: SMP pigment or shaved stubble.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dots {
    pub colour: Rgb,
    /// Fewer dots: the feathered edge of a soft hairline, or natural stubble.
    pub sparse: bool,
    /// Slightly larger dots (bolder impressions, for deep skin tones).
    pub bold: bool,
}

impl Dots {
    /// The dots of one 4 × 4 tile, as path data of zero-length strokes.
    pub fn tile(self) -> &'static str {
        if self.sparse {
            shapes::DOTS_SPARSE
        } else {
            shapes::DOTS_DENSE
        }
    }

    /// The dots' diameter (the strokes' width), in hundredths of a unit.
    pub fn size(self) -> u8 {
        if self.bold {
            100
        } else {
            84
        }
    }
}

/// One shape of a picture, in paint order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layer {
    pub role: Role,
    /// SVG path data.
    pub d: &'static str,
    pub fill: Option<Paint>,
    /// Stroke paint and width in tenths of a unit.
    pub stroke: Option<(Paint, u8)>,
    /// Opacity in percent.
    pub opacity: u8,
    /// Drawn only inside this clip shape (an index into the sketch's `clips`).
    pub clip: Option<u8>,
}

/// One view of a picture: clip shapes and dot textures it refers to, and its layers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sketch {
    pub clips: Vec<&'static str>,
    pub dots: Vec<Dots>,
    pub layers: Vec<Layer>,
}

impl Sketch {
    fn clip(&mut self, d: &'static str) -> u8 {
        self.clips.push(d);
        (self.clips.len() - 1) as u8
    }

    fn dots(&mut self, dots: Dots) -> Paint {
        self.dots.push(dots);
        Paint::Dots((self.dots.len() - 1) as u8)
    }

    fn fill(&mut self, role: Role, d: &'static str, paint: Paint, opacity: u8, clip: Option<u8>) {
        self.layers.push(Layer {
            role,
            d,
            fill: Some(paint),
            stroke: None,
            opacity,
            clip,
        });
    }

    fn stroke(&mut self, role: Role, d: &'static str, paint: Paint, width: u8, opacity: u8) {
        self.layers.push(Layer {
            role,
            d,
            fill: None,
            stroke: Some((paint, width)),
            opacity,
            clip: None,
        });
    }

    /// A shape in skin colour with the theme's outline round it.
    fn outlined(&mut self, d: &'static str, skin: Rgb) {
        self.layers.push(Layer {
            role: Role::Head,
            d,
            fill: Some(Paint::Colour(skin)),
            stroke: Some((Paint::Outline, 8)),
            opacity: 100,
            clip: None,
        });
    }

    /// The layers of one role, in paint order.
    pub fn role(&self, role: Role) -> impl Iterator<Item = &Layer> {
        self.layers.iter().filter(move |l| l.role == role)
    }

    /// The colours of the layers of one role (a dot texture counts as its dots' colour).
    pub fn colours(&self, role: Role) -> Vec<Rgb> {
        self.role(role)
            .filter_map(|l| l.fill.or(l.stroke.map(|(p, _)| p)))
            .filter_map(|p| match p {
                Paint::Colour(c) => Some(c),
                Paint::Dots(i) => self.dots.get(usize::from(i)).map(|d| d.colour),
                Paint::Outline => None,
            })
            .collect()
    }
}

/// A head in its two views.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub front: Sketch,
    pub top: Sketch,
}

impl Head {
    /// A view by name: `front`, else the top.
    pub fn view(&self, name: &str) -> &Sketch {
        if name == "front" {
            &self.front
        } else {
            &self.top
        }
    }
}

/// The hair a head is drawn with: a Norwood or Ludwig stage, or a pattern's own look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Stage(Stage),
    Diffuse,
    Patchy,
    /// No hair at all.
    Total,
    /// No hair loss.
    Full,
}

impl Look {
    /// How a pattern option is pictured: male and female by a typical stage.
    pub fn of_pattern(pattern: Pattern) -> Look {
        match pattern {
            Pattern::Male => Look::Stage(Stage::N3v),
            Pattern::Female => Look::Stage(Stage::L2),
            Pattern::Diffuse => Look::Diffuse,
            Pattern::Patchy => Look::Patchy,
            Pattern::Total => Look::Total,
            Pattern::None => Look::Full,
        }
    }

    /// The visitor's own look: their stage, else their pattern's.
    pub fn of_answers(answers: &Answers) -> Look {
        match (answers.pattern, answers.stage) {
            (Some(p), Some(s)) if s.fits(p) => Look::Stage(s),
            (Some(p), _) => Look::of_pattern(p),
            (None, _) => Look::Full,
        }
    }

    /// Hair, thinned hair and loss of one view.
    fn shapes(self, front: bool) -> (Option<&'static str>, Option<Faded>, &'static [Faded]) {
        use shapes::*;
        use Stage::*;
        let none: &[Faded] = &[];
        let hair = match self {
            Look::Total => None,
            Look::Stage(stage) => Some(match (stage, front) {
                (N1, true) => FRONT_N1,
                (N2, true) => FRONT_N2,
                (N3 | N3v, true) => FRONT_N3,
                (N4, true) => FRONT_N4,
                (N5, true) => FRONT_N5,
                (N6, true) => FRONT_N6,
                (N7, true) => FRONT_N7,
                (L1, true) => FRONT_L1,
                (L2, true) => FRONT_L2,
                (L3, true) => FRONT_L3,
                (N1 | L1 | L2 | L3, false) => TOP_N1,
                (N2, false) => TOP_N2,
                (N3 | N3v, false) => TOP_N3,
                (N4, false) => TOP_N4,
                (N5, false) => TOP_N5,
                (N6, false) => TOP_N6,
                (N7, false) => TOP_N7,
            }),
            _ if front => Some(FRONT_N1),
            _ => Some(TOP_N1),
        };
        let band = (self == Look::Stage(N5) && front).then_some(FRONT_N5_BAND);
        let loss = match (self, front) {
            (Look::Stage(L2), true) => FRONT_L2_LOSS,
            (Look::Stage(L3), true) => FRONT_L3_LOSS,
            (Look::Stage(N3v), false) => TOP_N3V_LOSS,
            (Look::Stage(N4), false) => TOP_N4_LOSS,
            (Look::Stage(N5), false) => TOP_N5_LOSS,
            (Look::Stage(L1), false) => TOP_L1_LOSS,
            (Look::Stage(L2), false) => TOP_L2_LOSS,
            (Look::Stage(L3), false) => TOP_L3_LOSS,
            (Look::Diffuse, true) => FRONT_DIFFUSE_LOSS,
            (Look::Diffuse, false) => TOP_DIFFUSE_LOSS,
            (Look::Patchy, true) => FRONT_PATCHY_LOSS,
            (Look::Patchy, false) => TOP_PATCHY_LOSS,
            _ => none,
        };
        (hair, band, loss)
    }
}

fn scar_shape(scar: Scar) -> ScarShape {
    match scar {
        Scar::FutStrip => shapes::FUT_STRIP,
        Scar::FueDots => shapes::FUE_DOTS,
        Scar::Surgical => shapes::SURGICAL,
        Scar::Burn => shapes::BURN,
    }
}

/// The new scalp of the buzz-cut look and its feathered edge, for one view.
fn scalp(hairline: Hairline, front: bool) -> (&'static str, Option<&'static str>) {
    use shapes::*;
    match (hairline, front) {
        (Hairline::Defined, true) => (SCALP_FRONT_DEFINED, None),
        (Hairline::Defined, false) => (SCALP_TOP_DEFINED, None),
        (Hairline::Mature, true) => (SCALP_FRONT_MATURE, Some(FEATHER_FRONT_MATURE)),
        (Hairline::Mature, false) => (SCALP_TOP_MATURE, Some(FEATHER_TOP_MATURE)),
        (_, true) => (SCALP_FRONT_SOFT, Some(FEATHER_FRONT_SOFT)),
        (_, false) => (SCALP_TOP_SOFT, Some(FEATHER_TOP_SOFT)),
    }
}

/// The colours a head is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Colours {
    skin: Rgb,
    hair: Rgb,
    strands: Rgb,
    /// Strands show more on salt & pepper: that is what makes it salt & pepper.
    strands_opacity: u8,
    brows: Rgb,
}

impl Colours {
    fn new(skin: Rgb, hair: HairColour) -> Colours {
        let colour = hair_colour(hair);
        Colours {
            skin,
            hair: colour,
            strands: strand_colour(hair),
            strands_opacity: if hair == HairColour::SaltPepper {
                70
            } else {
                30
            },
            // Brows stay darker than very light hair, as they usually are.
            brows: if colour.lightness() > 150 {
                colour.mix(BLACK, 45)
            } else {
                colour.mix(BLACK, 10)
            },
        }
    }
}

/// What SMP adds to a head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Treatment {
    /// Nothing (now, or nothing to treat).
    None,
    /// The buzz-cut look: the hair shaved, dots over the whole scalp up to a new hairline.
    Buzz {
        pigment: Rgb,
        bold: bool,
        hairline: Hairline,
    },
    /// Dots where the scalp shows (thinning, patches, scars), the hair kept as it is.
    Shading { pigment: Rgb, bold: bool },
}

/// `percent` × `num` / `den`, at most 100.
fn scale(percent: u8, num: u16, den: u16) -> u8 {
    (u16::from(percent) * num / den).min(100) as u8
}

fn sketch(front: bool, look: Look, c: Colours, scars: &[Scar], treatment: Treatment) -> Sketch {
    let g = if front { &shapes::FRONT } else { &shapes::TOP };
    let (hair, band, loss) = look.shapes(front);
    let mut k = Sketch::default();
    // Only what SMP adds is clipped to the head (clips are not free to paint).
    let skull = (treatment != Treatment::None).then(|| k.clip(g.skull));

    k.outlined(g.ears, c.skin);
    if front {
        k.fill(Role::Head, g.below, Paint::Colour(c.skin), 100, None);
        k.fill(Role::Light, g.below, Paint::Colour(BLACK), 10, None);
    } else {
        k.outlined(g.below, c.skin);
    }
    k.outlined(g.skull, c.skin);
    if front {
        k.stroke(Role::Face, shapes::BROWS, Paint::Colour(c.brows), 24, 100);
        k.stroke(
            Role::Face,
            shapes::EYES,
            Paint::Colour(Rgb(0x2b, 0x20, 0x1b)),
            14,
            100,
        );
        k.stroke(Role::Face, shapes::NOSE, Paint::Colour(BLACK), 12, 28);
        let lips = c.skin.mix(Rgb(0x6b, 0x2a, 0x22), 60);
        k.stroke(Role::Face, shapes::MOUTH, Paint::Colour(lips), 16, 100);
    }

    match treatment {
        Treatment::Buzz {
            pigment,
            bold,
            hairline,
        } => {
            // Shaved: no hair volume, a fine tint and dense dots over the new scalp, sparser
            // dots at a soft edge, and the natural stubble where hair still grows.
            let (scalp, feather) = scalp(hairline, front);
            let dense = k.dots(Dots {
                colour: pigment,
                sparse: false,
                bold,
            });
            k.fill(Role::Pigment, scalp, Paint::Colour(pigment), 28, skull);
            k.fill(Role::Pigment, scalp, dense, 100, skull);
            if let Some(feather) = feather {
                let sparse = k.dots(Dots {
                    colour: pigment,
                    sparse: true,
                    bold,
                });
                k.fill(Role::Pigment, feather, sparse, 100, skull);
            }
            if let Some(hair) = hair {
                let on_scalp = Some(k.clip(scalp));
                let stubble = k.dots(Dots {
                    colour: c.hair,
                    sparse: true,
                    bold: false,
                });
                k.fill(Role::Stubble, hair, stubble, 100, on_scalp);
            }
        }
        Treatment::None | Treatment::Shading { .. } => {
            if let Some(hair) = hair {
                let inside = Some(k.clip(hair));
                k.fill(Role::Hair, hair, Paint::Colour(c.hair), 100, None);
                k.layers.push(Layer {
                    role: Role::Hair,
                    d: g.strands,
                    fill: None,
                    stroke: Some((Paint::Colour(c.strands), 7)),
                    // Seen from above, strands cross the light: fainter.
                    opacity: if front {
                        c.strands_opacity
                    } else {
                        c.strands_opacity * 2 / 3
                    },
                    clip: inside,
                });
            }
            if let Some((d, opacity)) = band {
                k.fill(Role::Hair, d, Paint::Colour(c.hair), opacity, None);
            }
            let shading = match treatment {
                Treatment::Shading { pigment, bold } => Some((pigment, bold)),
                _ => None,
            };
            for &(d, opacity) in loss {
                // Shaded, less scalp shows through.
                let shown = if shading.is_some() {
                    scale(opacity, 2, 5)
                } else {
                    opacity
                };
                k.fill(Role::Loss, d, Paint::Colour(c.skin), shown, None);
            }
            if let Some((pigment, bold)) = shading.filter(|_| !loss.is_empty()) {
                let dots = k.dots(Dots {
                    colour: pigment,
                    sparse: false,
                    bold,
                });
                for &(d, opacity) in loss {
                    k.fill(Role::Pigment, d, Paint::Colour(pigment), opacity / 4, skull);
                    k.fill(Role::Pigment, d, dots, scale(opacity, 3, 2), skull);
                }
            }
        }
    }

    // Scars are drawn from above, where they are.
    if !front && !scars.is_empty() {
        let scar = c.skin.mix(Rgb(0xff, 0xe6, 0xe0), 45);
        let treated = match treatment {
            Treatment::Buzz { pigment, bold, .. } | Treatment::Shading { pigment, bold } => {
                Some((pigment, bold))
            }
            Treatment::None => None,
        };
        let camouflage = treated.map(|(colour, bold)| {
            k.dots(Dots {
                colour,
                sparse: false,
                bold,
            })
        });
        let shown = if camouflage.is_some() { 40 } else { 100 };
        for s in scars {
            match scar_shape(*s) {
                ScarShape::Line(d, width) => {
                    k.stroke(Role::Scar, d, Paint::Colour(scar), width, shown);
                    if let Some(dots) = camouflage {
                        k.stroke(Role::Pigment, d, dots, width + 15, 100);
                    }
                }
                ScarShape::Area(d) => {
                    k.fill(Role::Scar, d, Paint::Colour(scar), shown, None);
                    if let Some(dots) = camouflage {
                        k.fill(Role::Pigment, d, dots, 100, None);
                    }
                }
            }
        }
    }

    // Light and loss lie within the head: no clip, which keeps the pictures cheap to paint.
    k.fill(Role::Light, g.shade, Paint::Colour(BLACK), 10, None);
    k.fill(
        Role::Light,
        g.light,
        Paint::Colour(WHITE),
        if front { 30 } else { 24 },
        None,
    );
    k
}

fn head(look: Look, c: Colours, scars: &[Scar], treatment: Treatment) -> Head {
    Head {
        front: sketch(true, look, c, scars, treatment),
        top: sketch(false, look, c, scars, treatment),
    }
}

/// The card colours: one fair skin and dark brown hair, so the shapes are what differs.
fn card_colours() -> Colours {
    Colours::new(skin_colour(SkinTone::ALL[1]), HairColour::DarkBrown)
}

/// The two-view head of a pattern or stage option; `None` for options without one.
pub fn diagram(choice: Choice) -> Option<Head> {
    let (look, scars): (Look, &[Scar]) = match choice {
        Choice::Pattern(Pattern::None) => (Look::Full, &[Scar::FutStrip]),
        Choice::Pattern(p) => (Look::of_pattern(p), &[]),
        Choice::Stage(s) => (Look::Stage(s), &[]),
        _ => return None,
    };
    Some(head(look, card_colours(), scars, Treatment::None))
}

/// The swatch of a hair colour or skin tone option (a 40 × 40 view); `None` for others.
pub fn swatch(choice: Choice) -> Option<Sketch> {
    let mut k = Sketch::default();
    match choice {
        Choice::HairColour(h) => {
            let colour = hair_colour(h);
            let within = Some(k.clip(shapes::SWATCH));
            let (light, dark, opacity) = match h {
                HairColour::SaltPepper => (strand_colour(h), Rgb(0x1e, 0x1c, 0x1b), 95),
                _ => (strand_colour(h), colour.mix(BLACK, 35), 45),
            };
            k.fill(Role::Hair, shapes::SWATCH, Paint::Colour(colour), 100, None);
            for (d, strands) in [
                (shapes::SWATCH_STRANDS_LIGHT, light),
                (shapes::SWATCH_STRANDS_DARK, dark),
            ] {
                k.layers.push(Layer {
                    role: Role::Hair,
                    d,
                    fill: None,
                    stroke: Some((Paint::Colour(strands), 8)),
                    opacity,
                    clip: within,
                });
            }
        }
        Choice::SkinTone(t) => {
            k.fill(
                Role::Head,
                shapes::SWATCH,
                Paint::Colour(skin_colour(t)),
                100,
                None,
            );
        }
        _ => return None,
    }
    k.fill(
        Role::Light,
        shapes::SWATCH_LIGHT,
        Paint::Colour(WHITE),
        25,
        None,
    );
    k.fill(
        Role::Light,
        shapes::SWATCH_SHADE,
        Paint::Colour(BLACK),
        12,
        None,
    );
    k.stroke(Role::Head, shapes::SWATCH, Paint::Outline, 10, 100);
    Some(k)
}

/// The visitor's result, drawn from their own answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// The hair drawn "now": their stage, else their pattern's look.
    pub look: Look,
    pub skin: Rgb,
    pub hair: Rgb,
    /// The shade of the pigment dots, when SMP changes the picture.
    pub pigment: Option<Rgb>,
    /// The hairline drawn for the buzz-cut look.
    pub hairline: Option<Hairline>,
    pub scars: Vec<Scar>,
    /// Their head as they described it.
    pub now: Head,
    /// The same head with the recommended approach; `None` when nothing needs treating.
    pub with_smp: Option<Head>,
}

/// The preview of a result: "now" (stage, skin tone, hair colour, scars) and "with SMP" (the
/// approach over its extent, the hairline, the pigment shade the notes imply, scars covered).
/// Answers the flow skips, or never asked, are drawn with neutral defaults; it never fails.
pub fn preview(answers: &Answers, rec: &Recommendation) -> Preview {
    let look = Look::of_answers(answers);
    let hair = answers.hair_colour.unwrap_or(HairColour::DarkBrown);
    let skin = skin_colour(answers.skin_tone.unwrap_or(SkinTone::ALL[2]));
    let colours = Colours::new(skin, hair);
    let scars = answers.scar_list().to_vec();
    let pigment = pigment_shade(hair, &rec.pigment);
    let bold = rec.pigment.contains(&PigmentNote::BolderImpressions);
    let treatment = match rec.approach {
        Approach::NoneNeeded => Treatment::None,
        Approach::BuzzCut => Treatment::Buzz {
            pigment,
            bold,
            // Without a hairline to rebuild (female or diffuse thinning), the visitor's own.
            hairline: rec.hairline.unwrap_or(Hairline::Soft),
        },
        Approach::DensityShading | Approach::ScarCamouflage | Approach::PatchBlending => {
            Treatment::Shading { pigment, bold }
        }
    };
    let treated = treatment != Treatment::None;
    Preview {
        look,
        skin,
        hair: colours.hair,
        pigment: treated.then_some(pigment),
        hairline: match treatment {
            Treatment::Buzz { hairline, .. } => Some(hairline),
            _ => None,
        },
        now: head(look, colours, &scars, Treatment::None),
        with_smp: treated.then(|| head(look, colours, &scars, treatment)),
        scars,
    }
}
