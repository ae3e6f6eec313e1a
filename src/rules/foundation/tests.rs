//! The DC0xx messages in French: the rules' checks and the stages that emit DC001–DC003,
//! DC007 and DC008.

use crate::finding::Finding;
use crate::i18n::Locale;
use crate::lint::{Options, lint_example_in, lint_inputs};
use crate::rules::Selection;
use crate::syntax::{Limits, parse_in};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 1)
}

fn french(code: &str, yaml: &str) -> Vec<Finding> {
    match lint_example_in(&[code], yaml, today(), Locale::Fr) {
        Ok(findings) => findings.into_iter().filter(|f| f.code == code).collect(),
        Err(error) => panic!("the built-in packs load: {error}"),
    }
}

fn messages(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.message.as_str()).collect()
}

#[test]
fn duplicate_id_in_french() {
    let findings = french(
        "DC004",
        "kind: party\nid: billetel\nname: A\n---\nkind: party\nid: billetel\nname: B\n",
    );
    assert_eq!(
        messages(&findings),
        ["l'identifiant `billetel` (tiers) est utilisé deux fois"]
    );
    assert_eq!(findings[0].label, "seconde utilisation de cet identifiant");
}

#[test]
fn unknown_reference_in_french_with_a_suggestion() {
    let yaml = super::unknown_reference::RULE.docs.failing;
    let findings = french("DC005", yaml);
    assert!(
        messages(&findings).contains(
            &"la source `ticketing` fait référence à la personne `cleroi`, qui n'existe pas ; vouliez-vous dire `cleroy` ?"
        ),
        "{findings:#?}"
    );
    assert!(findings.iter().any(|f| f.label == "personne inconnue"));
}

#[test]
fn missing_organisation_in_french() {
    let findings = french("DC006", "kind: party\nid: billetel\nname: Billetel SAS\n");
    assert_eq!(
        messages(&findings),
        [
            "l'espace de travail n'a aucun document `organisation` : le registre n'a pas de responsable de traitement"
        ]
    );
}

#[test]
fn syntax_findings_in_french() {
    let parsed = parse_in(
        "f.yaml",
        b"kind: party\nid: a\nid: b\n",
        &Limits::default(),
        Locale::Fr,
    );
    assert_eq!(
        messages(&parsed.findings),
        ["la clé `id` apparaît deux fois dans la même liste de clés"]
    );
    assert_eq!(
        parsed.findings[0].labels[0].message,
        "définie une première fois ici"
    );

    let parsed = parse_in(
        "f.yaml",
        b"name: \"Th\xe9\xe2tre\"\n",
        &Limits::default(),
        Locale::Fr,
    );
    assert_eq!(
        messages(&parsed.findings),
        ["ce fichier n'est pas du texte UTF-8 valide (l'octet 9 est illisible)"]
    );

    let parsed = parse_in(
        "f.yaml",
        b"name: \"unclosed\n",
        &Limits::default(),
        Locale::Fr,
    );
    assert_eq!(
        parsed.findings[0].help.as_deref(),
        Some(
            "corrigez le YAML à cet endroit ; les documents situés avant dans ce fichier sont tout de même vérifiés"
        )
    );
}

#[test]
fn schema_findings_in_french() {
    let value =
        serde_json::json!({ "kind": "party", "id": "billetel", "name": "B", "contry": "FR" });
    let findings = crate::schema::validate_document_in("f.yaml", 0, &value, Locale::Fr);
    assert_eq!(
        messages(&findings),
        ["clé inconnue `contry` dans ce document `party` ; vouliez-vous dire `country` ?"]
    );
    let value = serde_json::json!({ "kind": "party", "name": "B" });
    let findings = crate::schema::validate_document_in("f.yaml", 0, &value, Locale::Fr);
    assert_eq!(
        messages(&findings),
        ["Ce document `party` exige `id`, qui est absent"]
    );
}

#[test]
fn english_stays_the_default_of_the_stages() {
    let value = serde_json::json!({ "kind": "party", "name": "B" });
    let findings = crate::schema::validate_document("f.yaml", 0, &value);
    assert_eq!(
        messages(&findings),
        ["This party needs `id`, which is missing"]
    );
}

#[test]
fn suppression_findings_in_french() {
    let mut options = Options::new(Selection::only(&["DC004"]), today());
    options.locale = Locale::Fr;
    let yaml = "kind: party # datacharter: ignore[DC004] wrong line\nid: a\nname: A # datacharter: ignore[DC999]\n";
    let inputs = vec![("f.yaml".to_owned(), Ok(yaml.as_bytes().to_vec()))];
    let findings = match lint_inputs(inputs, "datacharter.yaml", &options) {
        Ok(outcome) => outcome.findings,
        Err(error) => panic!("the built-in packs load: {error}"),
    };
    assert_eq!(
        messages(&findings),
        [
            "ce commentaire de neutralisation de DC004 ne neutralise rien : aucun constat DC004 sur le nœud auquel il est attaché",
            "`DC999` n'est pas un code de règle ; ce commentaire de neutralisation est ignoré",
        ]
    );
}
