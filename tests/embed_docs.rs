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
