//! `datacharter rule CODE`, `datacharter rule --all` and `datacharter rules`.

use super::{CommandError, load_for_reading};
use crate::cli::{DocFormat, RuleArgs, RulesArgs};
use crate::finding::Severity;
use crate::i18n::Locale;
use crate::rules::{REGISTRY, Rule, Section, find};
use crate::t;
use serde_json::{Value, json};
use std::process::ExitCode;

pub fn run_rule(args: &RuleArgs) -> Result<ExitCode, CommandError> {
    let locale = crate::i18n::resolve(args.locale.map(Into::into), None);
    let code = args.code.as_deref().unwrap_or_default();
    if !args.all && code.trim().to_ascii_uppercase().starts_with('X') {
        return run_custom_rule(args, code);
    }
    let rules: Vec<&Rule> = if args.all {
        REGISTRY.to_vec()
    } else {
        // The data-audit rules (DA…) have their own registry.
        let audit = || crate::audit::rules::find(&code.trim().to_ascii_uppercase()).map(|r| r.rule);
        match find(code).or_else(audit) {
            Some(rule) => vec![rule],
            None => {
                let known = REGISTRY.iter().map(|rule| rule.code);
                let hint = crate::suggest::closest(&code.to_ascii_uppercase(), known)
                    .map(|c| format!("; did you mean {c}?"))
                    .unwrap_or_default();
                return Err(format!(
                    "unknown rule `{code}`{hint} (`datacharter rules` lists them)"
                )
                .into());
            }
        }
    };
    let text = match args.format {
        DocFormat::Markdown => rules
            .iter()
            .map(|rule| markdown(rule, locale))
            .collect::<Vec<_>>()
            .join("\n"),
        DocFormat::Json => {
            let value: Value = if args.all {
                Value::Array(rules.iter().map(|rule| rule_json(rule, locale)).collect())
            } else {
                rule_json(rules[0], locale)
            };
            format!("{}\n", serde_json::to_string_pretty(&value)?)
        }
    };
    // Custom rules' texts come from the workspace's policy packs: no control or bidi
    // character reaches the terminal (JSON escapes what JSON needs).
    let text = match args.format {
        DocFormat::Json => text,
        DocFormat::Markdown => crate::report::sanitize::text(&text).into_owned(),
    };
    crate::output::console::print(text)?;
    Ok(ExitCode::SUCCESS)
}

/// A custom rule of the workspace, described from its declaration.
fn run_custom_rule(args: &RuleArgs, code: &str) -> Result<ExitCode, CommandError> {
    let loaded = load_for_reading(&args.workspace)?.ok_or(
        "custom rules are declared by a workspace: run this inside one (or pass --config)",
    )?;
    let code = code.trim().to_ascii_uppercase();
    let Some(rule) = loaded
        .outcome
        .custom_rules
        .iter()
        .find(|rule| rule.code == code)
    else {
        let known: Vec<&str> = loaded
            .outcome
            .custom_rules
            .iter()
            .map(|r| r.code.as_str())
            .collect();
        return Err(format!(
            "no custom rule `{code}` in this workspace (its custom rules: {})",
            if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            }
        )
        .into());
    };
    let declared = &rule.declared.rule;
    let origin = rule
        .declared
        .place
        .as_ref()
        .map_or_else(|| "a built-in pack".to_owned(), |place| place.file.clone());
    let value = json!({
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity,
        "declared_in": origin,
        "message": declared.message,
        "help": declared.help,
        "given": declared.given,
        "then": declared.then,
    });
    let text = match args.format {
        DocFormat::Json => format!("{}\n", serde_json::to_string_pretty(&value)?),
        DocFormat::Markdown => {
            let filter = if rule.filter.is_empty() {
                String::new()
            } else {
                let terms: Vec<String> = rule
                    .filter
                    .iter()
                    .map(|(k, v)| format!("`{k}` = `{v}`"))
                    .collect();
                format!(" where {}", terms.join(" and "))
            };
            let test = match (&declared.then.schema, declared.then.absent) {
                (Some(schema), _) => format!("must satisfy the JSON Schema `{schema}`"),
                (None, true) => "must be absent".to_owned(),
                (None, false) => "must be present".to_owned(),
            };
            format!(
                "# {} {}\n\nCustom rule declared in `{origin}` · severity: {}\n\n## What it does\n\nIn every `{}` document{filter}, the value at `{}` {test}.\n\nMessage: {}\n{}",
                rule.code,
                rule.name,
                rule.severity,
                rule.kind.as_str(),
                if rule.path.is_empty() {
                    "/"
                } else {
                    &rule.path
                },
                declared.message,
                declared
                    .help
                    .as_ref()
                    .map_or_else(String::new, |help| format!("\nHelp: {help}\n")),
            )
        }
    };
    // Custom rules' texts come from the workspace's policy packs: no control or bidi
    // character reaches the terminal (JSON escapes what JSON needs).
    let text = match args.format {
        DocFormat::Json => text,
        DocFormat::Markdown => crate::report::sanitize::text(&text).into_owned(),
    };
    crate::output::console::print(text)?;
    Ok(ExitCode::SUCCESS)
}

/// `datacharter rules`: every rule with its default and effective severity (from the
/// workspace's settings when run inside one; `off` for a rule the selection leaves out).
pub fn run_rules(args: &RulesArgs) -> Result<ExitCode, CommandError> {
    let loaded = load_for_reading(&args.workspace)?;
    let settings_locale = loaded.as_ref().and_then(|l| l.workspace.settings.locale);
    let locale = crate::i18n::resolve(args.locale.map(Into::into), settings_locale);
    let effective = |code: &str, default: Severity| -> String {
        match &loaded {
            None => default.to_string(),
            Some(loaded) if !loaded.options.selection.is_enabled(code) => "off".to_owned(),
            Some(loaded) => loaded
                .options
                .severity
                .get(code)
                .copied()
                .unwrap_or(default)
                .to_string(),
        }
    };
    let mut rows: Vec<Value> = REGISTRY
        .iter()
        .map(|rule| {
            json!({ "code": rule.code, "name": rule.name, "family": rule.family.slug(),
                    "severity": rule.severity, "effective": effective(rule.code, rule.severity),
                    "summary": rule.text(Section::Summary, locale) })
        })
        .collect();
    if let Some(loaded) = &loaded {
        for rule in &loaded.outcome.custom_rules {
            rows.push(json!({ "code": rule.code, "name": rule.name, "family": "custom",
                              "severity": rule.severity, "effective": effective(&rule.code, rule.severity),
                              "summary": rule.message }));
        }
    }
    let text = match args.format {
        DocFormat::Markdown => {
            // The headers and the severities in the chosen language; the JSON keeps the ids.
            let mut text = format!(
                "{}\n|---|---|---|---|---|---|\n",
                t!(locale, "rules.header")
            );
            let in_words = |text: &str| match text {
                "error" | "warning" | "info" | "off" => t!(locale, &format!("severity.{text}")),
                other => other.to_owned(),
            };
            for row in &rows {
                let cell = |key: &str| row[key].as_str().unwrap_or_default().replace('|', "\\|");
                let family = match cell("family").as_str() {
                    "custom" => t!(locale, "family.custom"),
                    slug => t!(locale, &format!("family.{slug}")),
                };
                text.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} |\n",
                    cell("code"),
                    cell("name"),
                    family,
                    in_words(&cell("severity")),
                    in_words(&cell("effective")),
                    cell("summary")
                ));
            }
            text
        }
        DocFormat::Json => format!("{}\n", serde_json::to_string_pretty(&rows)?),
    };
    // Custom rules' texts come from the workspace's policy packs: no control or bidi
    // character reaches the terminal (JSON escapes what JSON needs).
    let text = match args.format {
        DocFormat::Json => text,
        DocFormat::Markdown => crate::report::sanitize::text(&text).into_owned(),
    };
    crate::output::console::print(text)?;
    Ok(ExitCode::SUCCESS)
}

/// A rule's documentation page in markdown, with the sections every rule fills.
pub fn markdown(rule: &Rule, locale: Locale) -> String {
    let reference = rule.text(Section::Legal, locale);
    let legal = if reference.is_empty() {
        String::new()
    } else {
        format!("{}\n\n", t!(locale, "doc.legal", reference = reference))
    };
    format!(
        "# {code} {name}\n\n{meta}\n\n{legal}\
         ## {what_title}\n\n{what}\n\n## {why_title}\n\n{why}\n\n\
         ## {example}\n\n```yaml\n{failing}```\n\n{fixed}\n\n```yaml\n{passing}```\n\n## {fix_title}\n\n{fix}\n",
        code = rule.code,
        name = rule.name,
        meta = t!(
            locale,
            "doc.meta",
            family = t!(locale, &format!("family.{}", rule.family.slug())),
            severity = t!(locale, &format!("severity.{}", rule.severity))
        ),
        what_title = t!(locale, "doc.what"),
        what = rule.text(Section::What, locale),
        why_title = t!(locale, "doc.why"),
        why = rule.text(Section::Why, locale),
        example = t!(locale, "doc.example"),
        failing = rule.docs.failing,
        fixed = t!(locale, "doc.fixed"),
        passing = rule.docs.passing,
        fix_title = t!(locale, "doc.fix"),
        fix = rule.text(Section::Fix, locale),
    )
}

fn rule_json(rule: &Rule, locale: Locale) -> Value {
    json!({
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "severity": rule.severity,
        "summary": rule.text(Section::Summary, locale),
        "legal": rule.text(Section::Legal, locale),
        "what": rule.text(Section::What, locale),
        "why": rule.text(Section::Why, locale),
        "failing_example": rule.docs.failing,
        "passing_example": rule.docs.passing,
        "fix": rule.text(Section::Fix, locale),
    })
}
