//! `datacharter rule CODE`, `datacharter rule --all` and `datacharter rules`.

use super::CommandError;
use crate::cli::{DocFormat, RuleArgs, RulesArgs};
use crate::rules::{REGISTRY, Rule, find};
use serde_json::{Value, json};
use std::io::Write;
use std::process::ExitCode;

pub fn run_rule(args: &RuleArgs) -> Result<ExitCode, CommandError> {
    let rules: Vec<&Rule> = match (&args.code, args.all) {
        (_, true) => REGISTRY.to_vec(),
        (Some(code), false) => match find(code) {
            Some(rule) => vec![rule],
            None => {
                let known = REGISTRY.iter().map(|rule| rule.code);
                let hint = crate::suggest::closest(&code.to_ascii_uppercase(), known)
                    .map(|c| format!("; did you mean {c}?"))
                    .unwrap_or_default();
                return Err(format!("unknown rule `{code}`{hint} (`datacharter rules` lists them)").into());
            }
        },
        (None, false) => return Err("give a rule code, or --all".into()),
    };
    let text = match args.format {
        DocFormat::Markdown => rules.iter().map(|rule| markdown(rule)).collect::<Vec<_>>().join("\n"),
        DocFormat::Json => {
            let value: Value = if args.all {
                Value::Array(rules.iter().map(|rule| rule_json(rule)).collect())
            } else {
                rule_json(rules[0])
            };
            format!("{}\n", serde_json::to_string_pretty(&value)?)
        }
    };
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_rules(args: &RulesArgs) -> Result<ExitCode, CommandError> {
    let text = match args.format {
        DocFormat::Markdown => {
            let mut text = String::from("| code | name | family | severity | summary |\n|---|---|---|---|---|\n");
            for rule in REGISTRY {
                text.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    rule.code,
                    rule.name,
                    rule.family.slug(),
                    rule.severity,
                    rule.summary
                ));
            }
            text
        }
        DocFormat::Json => {
            let list: Vec<Value> = REGISTRY
                .iter()
                .map(|rule| {
                    json!({ "code": rule.code, "name": rule.name, "family": rule.family,
                            "severity": rule.severity, "summary": rule.summary })
                })
                .collect();
            format!("{}\n", serde_json::to_string_pretty(&list)?)
        }
    };
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// A rule's documentation page in markdown, with the sections every rule fills.
pub fn markdown(rule: &Rule) -> String {
    let legal = if rule.legal.is_empty() {
        String::new()
    } else {
        format!("Legal reference: {}.\n\n", rule.legal)
    };
    format!(
        "# {code} {name}\n\nFamily: {family} · default severity: {severity}\n\n{legal}\
         ## What it does\n\n{what}\n\n## Why is this a problem?\n\n{why}\n\n\
         ## Example\n\n```yaml\n{failing}```\n\nFixed:\n\n```yaml\n{passing}```\n\n## How to fix\n\n{fix}\n",
        code = rule.code,
        name = rule.name,
        family = rule.family.title(),
        severity = rule.severity,
        what = rule.docs.what,
        why = rule.docs.why,
        failing = rule.docs.failing,
        passing = rule.docs.passing,
        fix = rule.docs.fix,
    )
}

fn rule_json(rule: &Rule) -> Value {
    json!({
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "severity": rule.severity,
        "summary": rule.summary,
        "legal": rule.legal,
        "what": rule.docs.what,
        "why": rule.docs.why,
        "failing_example": rule.docs.failing,
        "passing_example": rule.docs.passing,
        "fix": rule.docs.fix,
    })
}
