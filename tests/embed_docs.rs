//! The README's attribute table is the one list in `embed::config`: every attribute the widget
//! reads is documented, and nothing documented is missing from the list.

use smp_consult::embed::config::ATTRIBUTES;

fn readme_attributes() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = readme
        .split("### Attributes")
        .nth(1)
        .expect("an Attributes section")
        .split("\n\n")
        .find(|block| block.starts_with("| attribute"))
        .expect("the attribute table")
        .to_string();
    table
        .lines()
        .skip(2)
        .filter_map(|row| row.split('|').nth(1))
        .flat_map(|cell| {
            cell.split(',')
                .map(|name| name.trim().trim_matches('`').to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_attribute_is_documented_and_every_documented_one_exists() {
    let documented = readme_attributes();
    let listed: Vec<&str> = ATTRIBUTES.iter().map(|a| a.name).collect();
    for name in &listed {
        assert!(
            documented.iter().any(|d| d == name),
            "README lacks `{name}`"
        );
    }
    for name in &documented {
        assert!(
            listed.contains(&name.as_str()),
            "README documents unknown `{name}`"
        );
    }
    assert!(
        listed.len() >= 20,
        "the list covers brand, delivery, behaviour and modes"
    );
}

/// The README's "Codes" table: field → the codes listed in its row.
fn readme_codes() -> Vec<(String, Vec<String>)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = readme
        .split("### Codes")
        .nth(1)
        .expect("a Codes section")
        .split("\n\n")
        .find(|block| block.starts_with("| field"))
        .expect("the codes table")
        .to_string();
    let cells = |cell: &str| -> Vec<String> {
        cell.split(',')
            .map(|c| c.trim())
            .filter_map(|c| c.split('`').nth(1))
            .map(str::to_string)
            .collect()
    };
    table
        .lines()
        .skip(2)
        .map(|row| {
            let mut parts = row.split('|').skip(1);
            let field = parts.next().unwrap_or_default();
            let codes = parts.next().unwrap_or_default();
            (cells(field).join(","), cells(codes))
        })
        .collect()
}

#[test]
fn every_code_is_documented_in_the_readme() {
    use smp_consult::domain::answers::*;
    use smp_consult::domain::recommend::*;
    fn all<T: Copy>(items: &[T], code: fn(T) -> &'static str) -> Vec<String> {
        items.iter().map(|&x| code(x).to_string()).collect()
    }
    let expected: Vec<(&str, Vec<String>)> = vec![
        ("pattern", all(Pattern::ALL, Pattern::code)),
        ("stage", all(Stage::ALL, Stage::code)),
        ("progression", all(Progression::ALL, Progression::code)),
        ("style", all(Style::ALL, Style::code)),
        ("hair_colour", all(HairColour::ALL, HairColour::code)),
        (
            "skin_tone",
            SkinTone::ALL.iter().map(|s| s.get().to_string()).collect(),
        ),
        ("scars", all(Scar::ALL, Scar::code)),
        ("health", all(Health::ALL, Health::code)),
        ("age_band", all(AgeBand::ALL, AgeBand::code)),
        ("hairline", all(Hairline::ALL, Hairline::code)),
        (
            "approach,alternative,add_ons",
            all(Approach::ALL, Approach::code),
        ),
        ("extent", all(Extent::ALL, Extent::code)),
        ("pigment", all(PigmentNote::ALL, PigmentNote::code)),
        ("cautions", all(Caution::ALL, Caution::code)),
        ("in_person", all(InPerson::ALL, InPerson::code)),
        ("reasons", all(Reason::ALL, Reason::code)),
    ];
    let documented = readme_codes();
    assert_eq!(documented.len(), expected.len(), "{documented:?}");
    for ((field, codes), (want_field, want_codes)) in documented.iter().zip(&expected) {
        assert_eq!(field, want_field);
        assert_eq!(codes, want_codes, "README codes of `{field}`");
    }
}

/// A `const NAME = …;` from the loader, as written.
fn loader_const(name: &str) -> String {
    let loader = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/embed/smp-consult.js"
    ))
    .expect("the loader");
    let start = loader
        .find(&format!("const {name} = "))
        .unwrap_or_else(|| panic!("the loader's {name}"));
    let rest = &loader[start..];
    rest[..rest.find(";\n").expect("end of the const")].to_string()
}

#[test]
fn the_loader_observes_every_attribute_in_the_list() {
    // Every attribute is observed, so a change after mount is applied (or reported), never
    // silently ignored.
    let observed: Vec<String> = loader_const("ATTRIBUTES")
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    let listed: Vec<&str> = ATTRIBUTES.iter().map(|a| a.name).collect();
    assert_eq!(observed, listed);
}

#[test]
fn the_loader_caps_its_texts_as_the_engine_does() {
    let limits = loader_const("LIMITS");
    for item in ["button-text", "teaser"] {
        let max = smp_consult::domain::config::text_limit(item);
        let written = limits
            .split(',')
            .find(|pair| pair.contains(item))
            .and_then(|pair| pair.split(':').nth(1))
            .map(|n| n.trim().trim_end_matches('}').trim().to_string());
        assert_eq!(written, Some(max.to_string()), "{item}");
    }
}
