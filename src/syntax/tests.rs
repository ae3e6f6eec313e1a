use super::*;
use crate::finding::Target;
use serde_json::json;

fn load(text: &str) -> ParsedFile {
    parse("f.yaml", text.as_bytes(), &Limits::default())
}

fn codes(file: &ParsedFile) -> Vec<&str> {
    file.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn mapping_becomes_json_with_typed_scalars() {
    let file = load(
        "kind: party\nid: billetel\ncount: 3\nok: true\nnothing: ~\nsigned: 2024-02-01\ncountry: NO\n",
    );
    assert!(file.findings.is_empty());
    assert_eq!(
        file.documents[0].value,
        json!({"kind": "party", "id": "billetel", "count": 3, "ok": true, "nothing": null,
               "signed": "2024-02-01", "country": "NO"})
    );
}

#[test]
fn pointer_resolves_to_key_and_value_ranges() {
    let file = load(
        "kind: source\nfields:\n  - { name: nom, category: identity.name }\n  - name: handicap\n    category: special.health\n",
    );
    let doc = &file.documents[0];
    let resolved = doc.resolve("/fields/1/category");
    assert!(resolved.exact);
    assert_eq!(
        (resolved.value.start.line, resolved.value.start.column),
        (5, 14)
    );
    assert_eq!(resolved.value.end.column, 28);
    let key = resolved.key.expect("a mapping entry has a key");
    assert_eq!((key.start.line, key.start.column), (5, 4));
    let flow = doc.resolve("/fields/0/name");
    assert_eq!((flow.value.start.line, flow.value.start.column), (3, 12));
}

#[test]
fn missing_pointer_falls_back_to_closest_ancestor() {
    let file = load("kind: charter\ndpo:\n  person: amartin\n");
    let resolved = file.documents[0].resolve("/dpo/published");
    assert!(!resolved.exact);
    let key = resolved.key.expect("ancestor `dpo` has a key");
    assert_eq!((key.start.line, key.start.column), (2, 0));
}

#[test]
fn escaped_pointer_tokens() {
    let file = load("a/b: 1\n\"c~d\": 2\n");
    assert!(file.documents[0].resolve("/a~1b").exact);
    assert!(file.documents[0].resolve("/c~0d").exact);
    assert_eq!(escape_token("a/b~"), "a~1b~0");
}

#[test]
fn duplicate_key_reports_both_positions() {
    let file = load("kind: party\nid: a\nname: x\nid: b\n");
    assert_eq!(codes(&file), ["DC003"]);
    let finding = &file.findings[0];
    let Target::Text { range, document } = &finding.location.target else {
        panic!("duplicate key is located by text");
    };
    assert_eq!((*document, range.start.line), (Some(0), 4));
    let Target::Text { range: first, .. } = &finding.labels[0].location.target else {
        panic!("first key is located by text");
    };
    assert_eq!(first.start.line, 2);
    // The last value wins, as in most YAML loaders, and the pointer agrees.
    assert_eq!(file.documents[0].value["id"], "b");
    assert_eq!(file.documents[0].resolve("/id").value.start.line, 4);
}

#[test]
fn merge_keys_are_applied_and_explicit_keys_win() {
    let file =
        load("base: &b { country: FR, accessible: true }\nsrc:\n  <<: *b\n  accessible: false\n");
    assert!(file.findings.is_empty(), "{:?}", file.findings);
    assert_eq!(
        file.documents[0].value["src"],
        json!({"accessible": false, "country": "FR"})
    );
    let list = load("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n");
    assert_eq!(list.documents[0].value["c"], json!({"x": 1, "y": 2}));
    let quoted = load("\"<<\": literal\n");
    assert_eq!(quoted.documents[0].value, json!({"<<": "literal"}));
}

#[test]
fn syntax_error_is_dc001_with_position_and_plain_words() {
    let file = load("kind: party\nid: a\n  name: b\n");
    assert_eq!(codes(&file), ["DC001"]);
    let Target::Text { range, .. } = &file.findings[0].location.target else {
        panic!("syntax errors are located by text");
    };
    assert_eq!(range.start.line, 3);
    assert!(
        file.findings[0].message.contains("indentation") || file.findings[0].message.contains(':')
    );
}

#[test]
fn documents_before_an_error_are_kept() {
    let file = load("kind: party\nid: a\n---\nkind: [\n");
    assert_eq!(codes(&file), ["DC001"]);
    assert_eq!(file.documents.len(), 1);
    assert_eq!(file.findings[0].location.document(), Some(1));
}

#[test]
fn multi_document_files() {
    let file = load("---\nkind: party\n---\nkind: source\n...\n");
    assert_eq!(file.documents.len(), 2);
    assert_eq!(file.documents[1].index, 1);
    assert_eq!(file.documents[1].resolve("/kind").value.start.line, 4);
}

#[test]
fn bom_and_crlf() {
    let file = parse(
        "f.yaml",
        "\u{feff}kind: party\r\nid: a\r\n".as_bytes(),
        &Limits::default(),
    );
    assert!(file.findings.is_empty());
    assert_eq!(file.documents[0].value["id"], "a");
    let id = file.documents[0].resolve("/id").value;
    assert_eq!((id.start.line, id.start.column), (2, 4));
    assert_eq!(
        file.source.byte_offset(id.start.index),
        "kind: party\r\nid: ".len()
    );
}

#[test]
fn character_positions_convert_to_bytes() {
    let file = load("name: Théâtre 🎭\nid: x\n");
    let id = file.documents[0].resolve("/id").value;
    let byte = file.source.byte_offset(id.start.index);
    assert_eq!(&file.source.text[byte..byte + 1], "x");
}

#[test]
fn invalid_utf8_is_dc001_at_the_bad_byte() {
    let file = parse("f.yaml", b"kind: party\nid: \xff\xfe\n", &Limits::default());
    assert_eq!(codes(&file), ["DC001"]);
    let Target::Text { range, .. } = &file.findings[0].location.target else {
        panic!("located by text");
    };
    assert_eq!((range.start.line, range.start.column), (2, 4));
    assert!(file.documents.is_empty());
}

#[test]
fn nul_bytes_and_binary_are_dc001() {
    let file = parse("f.yaml", b"kind: party\n\0\0\0\x01\x02", &Limits::default());
    assert_eq!(codes(&file), ["DC001"]);
}

#[test]
fn empty_and_comment_only_files_have_no_document() {
    assert!(load("").documents.is_empty());
    assert!(load("# just a comment\n").documents.is_empty());
    assert!(load("").findings.is_empty());
}

#[test]
fn alias_bomb_is_stopped() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let file = load(&text);
    assert_eq!(codes(&file), ["DC001"]);
    assert!(file.findings[0].message.contains("alias"));
}

#[test]
fn deep_nesting_is_stopped() {
    let deep = "[".repeat(100_000);
    let file = load(&deep);
    assert_eq!(codes(&file), ["DC001"]);
    let block: String = (0..200).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    assert_eq!(codes(&load(&block)), ["DC001"]);
}

#[test]
fn complex_keys_are_rejected() {
    let file = load("? [a, b]\n: value\n");
    assert_eq!(codes(&file), ["DC001"]);
}

#[test]
fn comments_outside_scalars_only() {
    let text = "# top\nkind: party # trailing\nnote: |\n  # not a comment\n  text\nq: \"a # b\"\nplain: a#b\n  # datacharter: ignore[DC201] reason\n";
    let file = load(text);
    let found: Vec<(usize, &str, bool)> = file
        .comments
        .iter()
        .map(|c| (c.line, c.text.as_str(), c.own_line))
        .collect();
    assert_eq!(
        found,
        [
            (1, " top", true),
            (2, " trailing", false),
            (8, " datacharter: ignore[DC201] reason", true)
        ]
    );
}

#[test]
fn tagged_values() {
    let file = load("a: !!str 123\nb: !custom 5\n");
    assert_eq!(file.documents[0].value, json!({"a": "123", "b": 5}));
    assert_eq!(codes(&load("a: !!int abc\n")), ["DC001"]);
}

#[test]
fn quoted_scalars_end_at_their_closing_quote() {
    let file = load(
        "d: \"Prints; no\" # datacharter: ignore[DC040] x\ne: 'it''s' # c\nm: \"multi\n  line \\\" q\" # c\n",
    );
    let d = file.documents[0].resolve("/d").value;
    assert_eq!((d.start.column, d.end.column), (3, 15));
    let e = file.documents[0].resolve("/e").value;
    assert_eq!((e.start.column, e.end.column), (3, 10));
    let m = file.documents[0].resolve("/m").value;
    assert_eq!((m.end.line, m.end.column), (4, 12));
    let lines: Vec<usize> = file.comments.iter().map(|c| c.line).collect();
    assert_eq!(lines, [1, 2, 4]);
}

/// The span tree built alone (to locate findings) is the one built with the values: every
/// pointer lands on the same text, through aliases, merge keys and duplicate keys.
#[test]
fn spans_alone_locate_as_both_trees_do() {
    use super::{Allowance, Keep, parse_within};
    let text = "base: &base { a: 1, b: [x, y] }\nlist: &list [1, 2]\nm:\n  <<: [*base, { c: 3 }]\n  b: own\n  d: *list\ndup: 1\ndup: 2\n";
    let limits = Limits::default();
    let parse = |keep| {
        parse_within(
            "f.yaml",
            text.as_bytes(),
            &limits,
            Allowance::whole(&limits),
            keep,
            crate::i18n::Locale::En,
        )
        .0
    };
    let both = parse(Keep::Both);
    let spans = parse(Keep::Spans);
    for pointer in [
        "",
        "/base/a",
        "/base/b/1",
        "/list/0",
        "/m/a",
        "/m/b",
        "/m/c",
        "/m/d/1",
        "/dup",
        "/m/zz",
    ] {
        assert_eq!(
            both.documents[0].resolve(pointer),
            spans.documents[0].resolve(pointer),
            "{pointer}"
        );
    }
    assert!(both.documents[0].resolve("/m/c").exact);
    assert_eq!(both.documents[0].resolve("/m/b").value.start.line, 5);
    // Without values, the document's value is an empty shell.
    assert_eq!(spans.documents[0].value, json!({}));
}
