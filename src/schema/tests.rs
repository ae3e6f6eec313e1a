//! DC002 messages, one test per kind of schema error, and the model.md example.

use super::*;
use crate::finding::{Finding, Severity, Target};
use crate::model::{TypedDocument, from_value, settings_from_value};
use serde_json::{Value, json};

fn processing(extra: Value) -> Value {
    let mut document = json!({
        "kind": "processing",
        "id": "ticket-sales",
        "name": "Ticket sales",
    });
    if let (Some(object), Value::Object(extra)) = (document.as_object_mut(), extra) {
        object.extend(extra);
    }
    document
}

fn check(value: &Value) -> Vec<Finding> {
    validate_document("processings/x.yaml", 0, value)
}

/// The single finding of a check, with its pointer, whether it is on the key, and its message.
fn only(findings: &[Finding]) -> (&str, bool, &str, &str) {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = &findings[0];
    assert_eq!(finding.code, "DC002");
    assert_eq!(finding.name, "schema-violation");
    assert_eq!(finding.severity, Severity::Error);
    let on_key = matches!(finding.location.target, Target::Node { on_key: true, .. });
    (
        finding.location.pointer().unwrap_or("<no pointer>"),
        on_key,
        &finding.message,
        finding.help.as_deref().unwrap_or(""),
    )
}

#[test]
fn a_valid_document_has_no_finding() {
    let document = processing(json!({
        "legal_basis": "consent",
        "retention": [{ "duration": "3 ans", "from": "last-contact", "then": "delete" }],
        "last_reviewed": "2025-09-15",
    }));
    assert_eq!(check(&document), vec![]);
}

#[test]
fn a_document_that_is_not_a_mapping() {
    let findings = check(&json!(["kind", "processing"]));
    let (pointer, _, message, help) = only(&findings);
    assert_eq!(pointer, "");
    assert!(
        message.contains("a document must be a mapping with a `kind`"),
        "{message}"
    );
    assert!(message.contains("a list"), "{message}");
    assert!(help.contains("`processing`"), "{help}");
}

#[test]
fn a_document_without_kind() {
    let findings = check(&json!({ "id": "x" }));
    let (pointer, _, message, help) = only(&findings);
    assert_eq!(pointer, "");
    assert!(message.contains("no `kind`"), "{message}");
    assert!(
        help.contains("`organisation`") && help.contains("`policy`"),
        "{help}"
    );
}

#[test]
fn an_unknown_kind_suggests_the_closest() {
    let findings = check(&json!({ "kind": "procesing", "id": "x" }));
    let (pointer, _, message, help) = only(&findings);
    assert_eq!(pointer, "/kind");
    assert!(
        message.contains("unknown kind `procesing`; did you mean `processing`?"),
        "{message}"
    );
    assert!(help.contains("`charter`"), "{help}");
    let findings = check(&json!({ "kind": 3 }));
    assert!(only(&findings).2.contains("must be text"));
}

#[test]
fn an_unknown_key_is_reported_on_the_key_with_a_suggestion() {
    let findings = check(&processing(json!({ "retension": [] })));
    let (pointer, on_key, message, help) = only(&findings);
    assert_eq!(pointer, "/retension");
    assert!(on_key);
    assert_eq!(
        message,
        "unknown key `retension` in this processing; did you mean `retention`?"
    );
    assert!(help.contains("`legal_basis`"), "{help}");
}

#[test]
fn a_nested_unknown_key_names_its_place() {
    let findings = check(&processing(json!({
        "retention": [{ "duration": "3y" }, { "duration": "1y", "durration": "2y" }],
    })));
    let (pointer, on_key, message, _) = only(&findings);
    assert_eq!(pointer, "/retention/1/durration");
    assert!(on_key);
    assert!(
        message.contains("in entry 2 of `retention`; did you mean `duration`?"),
        "{message}"
    );
}

#[test]
fn an_unknown_key_with_nothing_close() {
    let findings = check(&processing(json!({ "colour": "blue" })));
    let (_, _, message, _) = only(&findings);
    assert_eq!(message, "unknown key `colour` in this processing");
}

#[test]
fn a_missing_key_is_reported_on_its_parent() {
    let findings = check(&json!({ "kind": "processing", "id": "x" }));
    let (pointer, on_key, message, help) = only(&findings);
    assert_eq!(pointer, "");
    assert!(!on_key);
    assert_eq!(message, "This processing needs `name`, which is missing");
    assert!(help.starts_with("add `name`"), "{help}");

    let findings = check(&processing(
        json!({ "retention": [{ "from": "collection" }] }),
    ));
    let (pointer, _, message, help) = only(&findings);
    assert_eq!(pointer, "/retention/0");
    assert!(
        message.contains("Entry 1 of `retention` needs `duration`"),
        "{message}"
    );
    assert!(help.contains("`13mo`"), "{help}");
}

#[test]
fn a_value_outside_an_enum_lists_the_accepted_ones() {
    let findings = check(&processing(json!({ "legal_basis": "consnt" })));
    let (pointer, _, message, help) = only(&findings);
    assert_eq!(pointer, "/legal_basis");
    assert_eq!(
        message,
        "`consnt` is not an accepted value for `legal_basis`; did you mean `consent`?"
    );
    assert!(
        help.contains("`legitimate-interests`") && help.contains("`public-task`"),
        "{help}"
    );
}

#[test]
fn a_wrong_type_says_expected_and_found_in_words() {
    let findings = check(&processing(json!({ "data_subjects": "spectators" })));
    let (pointer, _, message, help) = only(&findings);
    assert_eq!(pointer, "/data_subjects");
    assert_eq!(
        message,
        "expected a list for `data_subjects`, found the text `spectators`"
    );
    assert!(help.contains("`[a, b]`"), "{help}");

    let findings = check(&processing(json!({ "recipients": null })));
    let (_, _, message, _) = only(&findings);
    assert!(message.contains("expected a mapping"), "{message}");
    assert!(
        message.contains("found nothing (an empty value)"),
        "{message}"
    );

    let findings = check(&processing(json!({ "large_scale": "yes" })));
    assert!(only(&findings).2.contains("expected `true` or `false`"));
}

#[test]
fn a_bad_duration_lists_the_accepted_forms() {
    let findings = check(&processing(
        json!({ "retention": [{ "duration": "3 months ago" }] }),
    ));
    let (pointer, _, message, help) = only(&findings);
    assert_eq!(pointer, "/retention/0/duration");
    assert_eq!(
        message,
        "`3 months ago` is not a valid duration (in `duration`)"
    );
    assert!(
        help.contains("`13mo`") && help.contains("`P3Y`") && help.contains("`3 ans`"),
        "{help}"
    );
}

#[test]
fn a_bad_date_says_the_expected_form() {
    let findings = check(&processing(json!({ "last_reviewed": "15/09/2025" })));
    let (pointer, _, message, help) = only(&findings);
    assert_eq!(pointer, "/last_reviewed");
    assert!(
        message.contains("`15/09/2025` is not a valid date"),
        "{message}"
    );
    assert!(help.contains("YYYY-MM-DD"), "{help}");

    let findings = check(&processing(json!({ "last_reviewed": "2023-02-30" })));
    let (_, _, message, _) = only(&findings);
    assert!(message.contains("not a real calendar date"), "{message}");
}

#[test]
fn bad_ids_categories_and_countries_say_the_expected_form() {
    let findings = check(&processing(json!({ "owner": "Chloé Leroy" })));
    let (_, _, message, help) = only(&findings);
    assert!(message.contains("is not a valid id"), "{message}");
    assert!(help.contains("lowercase letters"), "{help}");

    let findings = check(&processing(
        json!({ "data_categories": ["Identity.Email"] }),
    ));
    let (pointer, _, message, _) = only(&findings);
    assert_eq!(pointer, "/data_categories/0");
    assert!(
        message.contains("is not a valid data category"),
        "{message}"
    );

    let findings = check(&processing(json!({ "transfers": [{ "country": "usa" }] })));
    let (_, _, message, help) = only(&findings);
    assert!(
        message.contains("`usa` is not a valid country code"),
        "{message}"
    );
    assert!(help.contains("ISO 3166-1"), "{help}");
}

#[test]
fn a_nullable_field_explains_its_real_type() {
    let policy = json!({
        "kind": "policy",
        "id": "transfers",
        "transfers": { "adequacy": [
            { "id": "us-dpf", "country": "US", "sunset": null },
            { "id": "uk", "country": "GB", "sunset": "soon" },
        ] },
    });
    let findings = validate_document("rules/transfers.yaml", 0, &policy);
    let (pointer, _, message, _) = only(&findings);
    assert_eq!(pointer, "/transfers/adequacy/1/sunset");
    assert!(message.contains("`soon` is not a valid date"), "{message}");
}

#[test]
fn several_errors_come_sorted_by_pointer_with_help() {
    let findings = check(&processing(json!({
        "security": ["mfa", "Backups"],
        "data_subjects": "spectators",
        "zzz": 1,
        "retention": [{ "duration": "x" }],
    })));
    let pointers: Vec<&str> = findings
        .iter()
        .filter_map(|f| f.location.pointer())
        .collect();
    assert_eq!(
        pointers,
        [
            "/data_subjects",
            "/retention/0/duration",
            "/security/1",
            "/zzz"
        ]
    );
    assert!(findings.iter().all(|f| f.help.is_some()));
    assert_eq!(
        findings,
        check(&processing(json!({
            "security": ["mfa", "Backups"],
            "data_subjects": "spectators",
            "zzz": 1,
            "retention": [{ "duration": "x" }],
        })))
    );
}

#[test]
fn settings_errors_are_explained_too() {
    let findings = validate_settings(
        "datacharter.yaml",
        &json!({ "datacharter": 1, "exlude": [] }),
    );
    let (pointer, on_key, message, _) = only(&findings);
    assert_eq!(pointer, "/exlude");
    assert!(on_key);
    assert!(message.contains("did you mean `exclude`?"), "{message}");

    let findings = validate_settings(
        "datacharter.yaml",
        &json!({ "datacharter": 1, "rules": { "extend_select": ["DC2"] } }),
    );
    assert!(only(&findings).2.contains("did you mean `extend-select`?"));

    let findings = validate_settings(
        "datacharter.yaml",
        &json!({ "datacharter": 1, "max-file-size": "10 mb" }),
    );
    let (_, _, message, _) = only(&findings);
    assert!(message.contains("`10 mb` is not a valid size"), "{message}");

    let findings = validate_settings("datacharter.yaml", &json!({ "datacharter": 2 }));
    let (pointer, _, message, _) = only(&findings);
    assert_eq!(pointer, "/datacharter");
    assert!(message.contains("must be `1`"), "{message}");

    let findings = validate_settings("datacharter.yaml", &json!({ "include": [] }));
    assert!(only(&findings).2.contains("needs `datacharter`"));

    let findings = validate_settings("datacharter.yaml", &json!("datacharter"));
    assert!(only(&findings).2.contains("must be a mapping"));

    let findings = validate_settings(
        "datacharter.yaml",
        &json!({ "datacharter": 1, "rules": { "severity": { "DC901": "fatal" } } }),
    );
    let (pointer, _, message, _) = only(&findings);
    assert_eq!(pointer, "/rules/severity/DC901");
    assert!(
        message.contains("`fatal` is not an accepted value"),
        "{message}"
    );
}

/// The complete example of model.md, one fixture file per document, is valid as written.
#[test]
fn the_model_md_example_is_valid() {
    let fixtures = [
        (
            "organisation.yaml",
            include_str!("../../tests/fixtures/model-example/organisation.yaml"),
        ),
        (
            "charter.yaml",
            include_str!("../../tests/fixtures/model-example/charter.yaml"),
        ),
        (
            "parties/ticketing-vendor.yaml",
            include_str!("../../tests/fixtures/model-example/parties/ticketing-vendor.yaml"),
        ),
        (
            "sources/ticketing.yaml",
            include_str!("../../tests/fixtures/model-example/sources/ticketing.yaml"),
        ),
        (
            "processings/ticketing.yaml",
            include_str!("../../tests/fixtures/model-example/processings/ticketing.yaml"),
        ),
    ];
    let mut kinds = Vec::new();
    for (file, text) in fixtures {
        let parsed = crate::syntax::parse(file, text.as_bytes(), &crate::syntax::Limits::default());
        assert_eq!(parsed.findings, vec![], "{file}");
        assert_eq!(parsed.documents.len(), 1, "{file}");
        let value = &parsed.documents[0].value;
        assert_eq!(validate_document(file, 0, value), vec![], "{file}");
        match from_value(value) {
            Ok(typed) => kinds.push(typed.kind().as_str()),
            Err(error) => panic!("{file}: {error}"),
        }
    }
    assert_eq!(
        kinds,
        ["organisation", "charter", "party", "source", "processing"]
    );

    let text = include_str!("../../tests/fixtures/model-example/datacharter.yaml");
    let parsed = crate::syntax::parse("datacharter.yaml", text.as_bytes(), &Default::default());
    let value = &parsed.documents[0].value;
    assert_eq!(validate_settings("datacharter.yaml", value), vec![]);
    let settings = settings_from_value(value).map_err(|e| e.to_string());
    assert_eq!(
        settings.map(|s| s.policies),
        Ok(vec!["policies/house-rules.yaml".to_owned()])
    );
}

#[test]
fn the_example_reads_into_the_expected_values() {
    let text = include_str!("../../tests/fixtures/model-example/charter.yaml");
    let parsed = crate::syntax::parse("charter.yaml", text.as_bytes(), &Default::default());
    let Ok(TypedDocument::Charter(charter)) = from_value(&parsed.documents[0].value) else {
        panic!("not a charter");
    };
    let cleaning = charter.cleaning.as_ref();
    assert_eq!(
        cleaning
            .and_then(|c| c.contact_update)
            .map(|d| d.to_string()),
        Some("1y".to_owned())
    );
    assert_eq!(
        charter.breach.and_then(|b| b.notify_authority_within),
        "72h".parse().ok()
    );
}

#[test]
fn schemas_are_deterministic_and_offline() {
    assert_eq!(document_schema(), document_schema());
    assert_eq!(settings_schema(), settings_schema());
    // No `$id` and only local references: nothing can send the validator to the network.
    let text = document_schema().to_string() + &settings_schema().to_string();
    assert!(!text.contains("\"$id\""));
    for (index, _) in text.match_indices("\"$ref\":\"") {
        let target = &text[index + 8..];
        assert!(
            target.starts_with("#/$defs/"),
            "{}",
            &target[..40.min(target.len())]
        );
    }
}

#[test]
fn write_schemas_writes_exactly_the_two_files() {
    let dir = tempfile::tempdir().map_err(|e| e.to_string());
    let Ok(dir) = dir else { panic!("no temp dir") };
    let written = write_schemas(dir.path()).map_err(|e| e.to_string());
    let names: Vec<String> = written
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
        .collect();
    assert_eq!(names, [DOCUMENT_SCHEMA_FILE, SETTINGS_SCHEMA_FILE]);
    let text = std::fs::read_to_string(dir.path().join(DOCUMENT_SCHEMA_FILE)).unwrap_or_default();
    assert!(text.ends_with("}\n") && text.starts_with("{\n  \""));
}

/// The schema patterns and the serde parsers must accept exactly the same texts, or a value
/// could pass DC002 and then fail to read into the model.
#[test]
fn patterns_agree_with_the_parsers() {
    use crate::model::{CategoryId, CountryCode, Date, Duration, Id, RuleSelector};
    let agrees = |pattern: &str, text: &str, parses: bool| {
        let schema = json!({ "type": "string", "pattern": pattern });
        let matches = jsonschema::validator_for(&schema).is_ok_and(|v| v.is_valid(&json!(text)));
        assert_eq!(matches, parses, "pattern {pattern} on {text:?}");
    };
    let durations = [
        "13mo",
        "3y",
        "72h",
        "30d",
        "6w",
        "12 mo",
        "3 ans",
        "1 an",
        "13 mois",
        "6 semaines",
        "30 jours",
        "72 heures",
        "1 year",
        "2 weeks",
        "P3Y",
        "P13M",
        "PT72H",
        "P1Y6M",
        "P1W2D",
        "P1DT2H",
        "indefinite",
        "",
        "3",
        "3m",
        "3ans",
        "3  y",
        "P",
        "PT",
        "P1M1Y",
        "PT3D",
        "P1YT",
        "1234567y",
        "123456y",
        "3.5y",
        "-3y",
        "Indefinite",
        "3 Ans",
        " 3y",
        "P1Y2M3W4DT5H",
    ];
    for text in durations {
        agrees(Duration::PATTERN, text, text.parse::<Duration>().is_ok());
    }
    for text in [
        "a", "a-b", "a1-2b", "", "-a", "a-", "a--b", "A", "a_b", "a.b", "é",
    ] {
        agrees(Id::PATTERN, text, Id::new(text).is_ok());
    }
    for text in ["a", "a.b", "a-b.c-d", "a.", ".a", "a..b", "A.b"] {
        agrees(CategoryId::PATTERN, text, CategoryId::new(text).is_ok());
    }
    for text in ["FR", "fr", "FRA", "F"] {
        agrees(CountryCode::PATTERN, text, CountryCode::new(text).is_ok());
    }
    for text in ["ALL", "DC", "DC2", "DC204", "X001", "dc2", "2", "DC2A", ""] {
        agrees(RuleSelector::PATTERN, text, RuleSelector::new(text).is_ok());
    }
    for text in ["2024-02-29", "2024-2-29", "24-02-29", "2024-02-29T00:00"] {
        // The pattern checks the layout only; `format: date` checks the calendar.
        let layout_ok = Date::parse(text).is_ok() || text == "2023-02-30";
        agrees(Date::PATTERN, text, layout_ok);
    }
}

/// The whole-document schema (the one editors use) dispatches on `kind` like the validator.
#[test]
fn the_document_schema_dispatches_on_kind() {
    let schema = document_schema();
    let Ok(validator) = jsonschema::options().offline().build(&schema) else {
        panic!("document schema does not compile");
    };
    assert!(validator.is_valid(&processing(json!({ "legal_basis": "contract" }))));
    assert!(!validator.is_valid(&processing(json!({ "retension": [] }))));
    assert!(
        !validator
            .is_valid(&json!({ "kind": "party", "id": "x", "name": "X", "purpose": "ticketing" }))
    );
    assert!(!validator.is_valid(&json!({ "kind": "nope" })));
    assert!(!validator.is_valid(&json!({ "id": "x" })));
    assert!(validator.is_valid(&json!({ "kind": "charter" })));
}
