//! DC506 category-beyond-purpose: a processing uses a category its purpose does not need,
//! according to the `minimisation` policy pack.

use crate::finding::Finding;
use crate::model::MinimisationEntry;
use crate::policy::PolicyTables;
use crate::rules::Context;

declare_rule! {
    code: "DC506",
    name: "category-beyond-purpose",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    let policy = context.policy;
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let Some(purpose) = item.purpose.as_ref().map(|p| p.as_str()) else {
            continue;
        };
        let Some(entry) = policy.minimisation.get(purpose) else {
            continue;
        };
        for (index, category) in item.data_categories.iter().enumerate() {
            let category = category.as_str();
            // An unknown category is DC005's finding.
            if !policy.is_category(category) || is_allowed(policy, entry, category) {
                continue;
            }
            let message = match entry.reason.as_ref().map(|reason| reason.get(locale)) {
                Some(reason) => crate::t!(
                    locale,
                    "DC506.message-with-reason",
                    id = item.id,
                    category = category,
                    purpose = purpose,
                    reason = reason
                ),
                None => crate::t!(
                    locale,
                    "DC506.message",
                    id = item.id,
                    category = category,
                    purpose = purpose
                ),
            };
            findings.push(
                RULE.finding(processing.at(format!("/data_categories/{index}")), message)
                    .with_label(crate::t!(locale, "DC506.label", purpose = purpose))
                    .with_help(crate::t!(locale, "DC506.help")),
            );
        }
    }
}

/// Allowed when an allowed category covers it, or when it is a broad category all of whose
/// most specific sub-categories are allowed.
fn is_allowed(policy: &PolicyTables, entry: &MinimisationEntry, category: &str) -> bool {
    let covered = |c: &str| {
        entry
            .allowed
            .iter()
            .any(|allowed| PolicyTables::covers(allowed.as_str(), c))
    };
    if covered(category) {
        return true;
    }
    let mut leaves = descendants(policy, category)
        .filter(|d| descendants(policy, d).next().is_none())
        .peekable();
    leaves.peek().is_some() && leaves.all(covered)
}

/// The taxonomy's categories strictly below `category`.
fn descendants<'p>(policy: &'p PolicyTables, category: &str) -> impl Iterator<Item = &'p str> {
    // Children are `category.` followed by anything; `/` is the character right after `.`, so
    // the range stops at the first key past them.
    let start = format!("{category}.");
    let end = format!("{category}/");
    policy
        .categories
        .range(start..end)
        .map(|(id, _)| id.as_str())
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    fn lint(purpose: &str, categories: &str) -> Vec<Finding> {
        lint_only(
            "DC506",
            &format!(
                "kind: processing\nid: p\nname: P\npurpose: {purpose}\ndata_categories: [{categories}]\n"
            ),
        )
    }

    #[test]
    fn a_birth_date_for_a_newsletter_is_reported_on_its_item() {
        let findings = lint(
            "newsletter",
            "identity.email, identity.birth-date, identity.postal-address",
        );
        let pointers: Vec<_> = findings
            .iter()
            .filter_map(|f| f.location.pointer())
            .collect();
        assert_eq!(pointers, ["/data_categories/1", "/data_categories/2"]);
        assert!(findings[0].message.contains("`newsletter`"));
    }

    #[test]
    fn an_allowed_parent_covers_its_children() {
        // `ticketing` allows `identity` and `transaction`.
        assert!(
            lint(
                "ticketing",
                "identity.email, identity.phone, transaction.order"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_broad_category_passes_only_when_all_its_parts_are_allowed() {
        // `newsletter` allows `identity.email` and `identity.name` but not all of `identity`.
        assert_eq!(lint("newsletter", "identity").len(), 1);
        // `accounting` allows no card data: `payment` as a whole is beyond it.
        assert_eq!(lint("accounting", "payment").len(), 1);
        // `ticketing` allows every part of `transaction` through the parent itself.
        assert!(lint("ticketing", "transaction").is_empty());
    }

    #[test]
    fn a_workspace_pack_may_extend_a_purpose() {
        let pack = "---\nkind: policy\nid: house\nminimisation:\n  - { purpose: newsletter, allowed: [identity.email, identity.birth-date], reason: birthday offers }\n";
        let findings = lint_only(
            "DC506",
            &format!(
                "kind: processing\nid: p\nname: P\npurpose: newsletter\ndata_categories: [identity.birth-date]\n{pack}"
            ),
        );
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn unknown_purposes_and_categories_are_left_alone() {
        assert!(lint("newsletter", "identity.shoe-size").is_empty());
    }
}
