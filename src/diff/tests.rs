use super::*;
use serde_json::json;

fn doc(kind: &str, value: Value) -> Document {
    Document {
        identity: crate::finding_key::document_identity(&value).unwrap_or_default(),
        kind: kind.to_owned(),
        file: format!("{kind}.yaml"),
        value,
    }
}

fn processing(extra: Value) -> Value {
    let mut base = json!({
        "kind": "processing", "id": "newsletter", "name": "Newsletter",
        "purpose": "newsletter", "legal_basis": "consent",
        "data_categories": ["identity.name", "contact.email"],
        "processors": ["lettrino"],
        "retention": [{"categories": ["contact.email"], "duration": "P3Y"}],
        "dpia": {"status": "not-required"},
    });
    if let (Some(base), Some(extra)) = (base.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            base.insert(key.clone(), value.clone());
        }
    }
    base
}

fn levels(changes: &[Change]) -> Vec<(Level, &str)> {
    changes
        .iter()
        .map(|c| (c.level, c.field.as_str()))
        .collect()
}

#[test]
fn what_a_dpo_must_look_at() {
    let old = [doc("processing", processing(json!({})))];
    let new = [doc(
        "processing",
        processing(json!({
            "legal_basis": "legitimate-interest",
            "data_categories": ["identity.name", "contact.email", "special.health"],
            "processors": ["lettrino", "nuage"],
            "retention": [{"categories": ["contact.email"], "duration": "P5Y", "then": "archive"}],
            "dpia": {"status": "required"},
            "name": "La lettre",
        })),
    )];
    let changes = changes(&old, &new, Locale::En);
    let attention: Vec<&str> = changes
        .iter()
        .filter(|c| c.level == Level::Attention)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        attention,
        [
            "new sensitive category `special.health` (GDPR Art. 9, 10 or 87)",
            "DPIA status worsened: not-required → required",
            "legal basis changed: consent → legitimate-interest",
            "new processor `nuage`",
            "retention of contact.email lengthened: P3Y → P5Y",
            "end of retention of contact.email changed: delete → archive",
        ]
    );
    assert_eq!(levels(&changes).last(), Some(&(Level::Info, "name")));
}

#[test]
fn shortening_and_removals_are_notable_and_french_is_french() {
    let old = [doc("processing", processing(json!({})))];
    let new = [doc(
        "processing",
        processing(json!({
            "data_categories": ["identity.name"],
            "retention": [{"categories": ["contact.email"], "duration": "P1Y"}],
        })),
    )];
    let changes = changes(&old, &new, Locale::Fr);
    assert!(
        changes.iter().all(|c| c.level == Level::Notable),
        "{changes:#?}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c.text == "conservation de contact.email raccourcie : P3Y → P1Y")
    );
    assert!(
        changes
            .iter()
            .any(|c| c.text == "catégorie de données `contact.email` retirée")
    );
}

#[test]
fn added_removed_and_renamed_documents() {
    let old = [
        doc("processing", processing(json!({}))),
        doc(
            "processing",
            processing(json!({"id": "old-survey", "purpose": "survey", "name": "S"})),
        ),
    ];
    let new = [
        doc("processing", processing(json!({"id": "lettre"}))),
        doc(
            "source",
            json!({"kind": "source", "id": "crm", "fields": [{"name": "nom", "category": "identity.name"}]}),
        ),
    ];
    let changes = changes(&old, &new, Locale::En);
    let texts: Vec<(Level, &str)> = changes.iter().map(|c| (c.level, c.text.as_str())).collect();
    assert!(
        texts.contains(&(
            Level::Notable,
            "processing:newsletter renamed to processing:lettre"
        )),
        "{texts:#?}"
    );
    assert!(texts.contains(&(Level::Attention, "processing:old-survey removed")));
    assert!(texts.contains(&(
        Level::Attention,
        "new source source:crm with personal data (1 fields)"
    )));
    assert_eq!(
        texts.len(),
        3,
        "a rename with no other change says only that: {texts:#?}"
    );
}

#[test]
fn unchanged_register_has_no_change_and_renders_safely() {
    let old = [doc(
        "processing",
        processing(json!({"description": "a <b>|x</b>\u{1b}[31m"})),
    )];
    assert!(changes(&old, &old, Locale::En).is_empty());
    let new = [doc(
        "processing",
        processing(json!({"description": "other <script>"})),
    )];
    let log = Changelog {
        from: "main".into(),
        to: "HEAD".into(),
        changes: changes(&old, &new, Locale::En),
        fixed: Vec::new(),
        introduced: Vec::new(),
    };
    let mut html = Vec::new();
    render_html(&log, Locale::En, &mut html).unwrap();
    let html = String::from_utf8(html).unwrap();
    assert!(
        !html.contains("<script>") && !html.contains('\u{1b}'),
        "{html}"
    );
    let mut md = Vec::new();
    render_markdown(&log, Locale::En, &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("### Notable"), "{md}");
    assert!(!md.contains("<script>"), "{md}");
}
