//! DC005 unknown-reference: a reference to a person, party, source, processing or vocabulary
//! entry that does not exist.

use crate::finding::{Finding, Location};
use crate::i18n::Locale;
use crate::rules::Context;

declare_rule! {
    code: "DC005",
    name: "unknown-reference",
    severity: Error,
    check: check,
}

/// What a reference points at.
#[derive(Clone, Copy)]
enum Target {
    Person,
    Party,
    Source,
    Category,
    Purpose,
    Subject,
    Function,
}

impl Target {
    /// The part of its `DC005.target.*` keys.
    fn slug(self) -> &'static str {
        match self {
            Target::Person => "person",
            Target::Party => "party",
            Target::Source => "source",
            Target::Category => "category",
            Target::Purpose => "purpose",
            Target::Subject => "subject",
            Target::Function => "function",
        }
    }

    fn text(self, locale: Locale, part: &str) -> String {
        crate::t!(locale, &format!("DC005.target.{}.{part}", self.slug()))
    }

    fn help(self, locale: Locale) -> String {
        match self {
            Target::Person | Target::Party | Target::Source => self.text(locale, "help"),
            Target::Category | Target::Purpose | Target::Subject | Target::Function => {
                crate::t!(locale, "DC005.vocabulary-help")
            }
        }
    }
}

struct Checker<'c, 'a> {
    context: &'c Context<'a>,
    findings: &'c mut Vec<Finding>,
}

impl Checker<'_, '_> {
    fn exists(&self, target: Target, id: &str) -> bool {
        let inventory = self.context.inventory;
        let policy = self.context.policy;
        match target {
            Target::Person => inventory.person(id).is_some(),
            Target::Party => inventory.party(id).is_some(),
            Target::Source => inventory.source(id).is_some(),
            Target::Category => policy.is_category(id),
            Target::Purpose => policy.purposes.contains_key(id),
            Target::Subject => policy.subjects.contains_key(id),
            Target::Function => policy.functions.contains_key(id),
        }
    }

    fn candidates(&self, target: Target) -> Vec<&str> {
        let inventory = self.context.inventory;
        let policy = self.context.policy;
        let mut ids: Vec<&str> = match target {
            Target::Person => inventory.person_ids().collect(),
            Target::Party => inventory.party_ids().collect(),
            Target::Source => inventory.source_ids().collect(),
            Target::Category => policy.categories.keys().map(String::as_str).collect(),
            Target::Purpose => policy.purposes.keys().map(String::as_str).collect(),
            Target::Subject => policy.subjects.keys().map(String::as_str).collect(),
            Target::Function => policy.functions.keys().map(String::as_str).collect(),
        };
        ids.sort_unstable(); // deterministic suggestions
        ids
    }

    /// Builds the location and the holder's name only for a dangling reference: most are not.
    fn check(
        &mut self,
        target: Target,
        id: &str,
        location: impl FnOnce() -> Location,
        holder: &dyn Fn() -> String,
    ) {
        if self.exists(target, id) {
            return;
        }
        let locale = self.context.locale;
        let candidates = self.candidates(target);
        let suggestion = crate::suggest::closest(id, candidates.iter().copied())
            .map(|candidate| crate::t!(locale, "foundation.did-you-mean", candidate = candidate))
            .unwrap_or_default();
        let message = crate::t!(
            locale,
            "DC005.message",
            holder = holder(),
            target = target.text(locale, "the"),
            id = id,
            suggestion = suggestion
        );
        self.findings.push(
            RULE.finding(location(), message)
                .with_label(target.text(locale, "label"))
                .with_help(target.help(locale)),
        );
    }

    fn each<'i, I: AsRef<str> + 'i>(
        &mut self,
        target: Target,
        ids: impl IntoIterator<Item = &'i I>,
        location: impl Fn(usize) -> Location,
        holder: &dyn Fn() -> String,
    ) {
        for (index, id) in ids.into_iter().enumerate() {
            self.check(target, id.as_ref(), || location(index), holder);
        }
    }
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let mut checker = Checker { context, findings };
    let inventory = context.inventory;
    let locale = context.locale;
    let holder_of =
        |kind: &str, id: &str| crate::t!(locale, &format!("DC005.holder.{kind}"), id = id);
    for organisation in &inventory.organisations {
        let holder = || holder_of("organisation", organisation.item.id.as_str());
        for (p, person) in organisation.item.people.iter().enumerate() {
            checker.each(
                Target::Function,
                &person.functions,
                |i| organisation.at(format!("/people/{p}/functions/{i}")),
                &holder,
            );
        }
    }
    for party in &inventory.parties {
        let holder = || holder_of("party", party.item.id.as_str());
        checker.each(
            Target::Party,
            &party.item.processor_of,
            |i| party.at(format!("/processor_of/{i}")),
            &holder,
        );
    }
    for source in &inventory.sources {
        let item = &source.item;
        let holder = || holder_of("source", item.id.as_str());
        if let Some(vendor) = &item.vendor {
            checker.check(
                Target::Party,
                vendor.as_str(),
                || source.at("/vendor"),
                &holder,
            );
        }
        if let Some(owner) = &item.owner {
            checker.check(
                Target::Person,
                owner.as_str(),
                || source.at("/owner"),
                &holder,
            );
        }
        if let Some(provider) = item.hosting.as_ref().and_then(|h| h.provider.as_ref()) {
            checker.check(
                Target::Party,
                provider.as_str(),
                || source.at("/hosting/provider"),
                &holder,
            );
        }
        checker.each(
            Target::Subject,
            &item.data_subjects,
            |i| source.at(format!("/data_subjects/{i}")),
            &holder,
        );
        for (f, field) in item.fields.iter().enumerate() {
            checker.check(
                Target::Category,
                field.category.as_str(),
                || source.at(format!("/fields/{f}/category")),
                &holder,
            );
        }
    }
    for processing in &inventory.processings {
        let item = &processing.item;
        let at = |pointer: String| processing.at(pointer);
        let holder = || holder_of("processing", item.id.as_str());
        if let Some(purpose) = &item.purpose {
            checker.check(
                Target::Purpose,
                purpose.as_str(),
                || at("/purpose".into()),
                &holder,
            );
        }
        checker.each(
            Target::Subject,
            &item.data_subjects,
            |i| at(format!("/data_subjects/{i}")),
            &holder,
        );
        checker.each(
            Target::Category,
            &item.data_categories,
            |i| at(format!("/data_categories/{i}")),
            &holder,
        );
        checker.each(
            Target::Source,
            &item.sources,
            |i| at(format!("/sources/{i}")),
            &holder,
        );
        if let Some(recipients) = &item.recipients {
            checker.each(
                Target::Function,
                &recipients.internal,
                |i| at(format!("/recipients/internal/{i}")),
                &holder,
            );
            checker.each(
                Target::Party,
                &recipients.external,
                |i| at(format!("/recipients/external/{i}")),
                &holder,
            );
        }
        checker.each(
            Target::Party,
            &item.processors,
            |i| at(format!("/processors/{i}")),
            &holder,
        );
        checker.each(
            Target::Party,
            &item.joint_controllers,
            |i| at(format!("/joint_controllers/{i}")),
            &holder,
        );
        for (t, transfer) in item.transfers.iter().enumerate() {
            if let Some(recipient) = &transfer.recipient {
                checker.check(
                    Target::Party,
                    recipient.as_str(),
                    || at(format!("/transfers/{t}/recipient")),
                    &holder,
                );
            }
        }
        for (r, rule) in item.retention.iter().enumerate() {
            checker.each(
                Target::Category,
                &rule.categories,
                |i| at(format!("/retention/{r}/categories/{i}")),
                &holder,
            );
        }
        if let Some(owner) = &item.owner {
            checker.check(
                Target::Person,
                owner.as_str(),
                || at("/owner".into()),
                &holder,
            );
        }
    }
    for charter in &inventory.charters {
        let item = &charter.item;
        let holder = &|| crate::t!(locale, "DC005.holder.charter");
        if let Some(dpo) = &item.dpo {
            if let Some(person) = &dpo.person {
                checker.check(
                    Target::Person,
                    person.as_str(),
                    || charter.at("/dpo/person"),
                    holder,
                );
            }
            if let Some(party) = &dpo.party {
                checker.check(
                    Target::Party,
                    party.as_str(),
                    || charter.at("/dpo/party"),
                    holder,
                );
            }
        }
        if let Some(referent) = &item.data_referent {
            checker.check(
                Target::Person,
                referent.as_str(),
                || charter.at("/data_referent"),
                holder,
            );
        }
        if let Some(owner) = item.cleaning.as_ref().and_then(|c| c.owner.as_ref()) {
            checker.check(
                Target::Person,
                owner.as_str(),
                || charter.at("/cleaning/owner"),
                holder,
            );
        }
        if let Some(contact) = item.breach.as_ref().and_then(|b| b.contact.as_ref()) {
            checker.check(
                Target::Person,
                contact.as_str(),
                || charter.at("/breach/contact"),
                holder,
            );
        }
    }
    for policy in &inventory.policies {
        let item = &policy.item;
        let holder = || holder_of("policy", item.id.as_str());
        for (m, entry) in item.minimisation.iter().enumerate() {
            checker.check(
                Target::Purpose,
                entry.purpose.as_str(),
                || policy.at(format!("/minimisation/{m}/purpose")),
                &holder,
            );
            checker.each(
                Target::Category,
                &entry.allowed,
                |i| policy.at(format!("/minimisation/{m}/allowed/{i}")),
                &holder,
            );
        }
        if let Some(governance) = &item.governance {
            checker.each(
                Target::Function,
                &governance.dpo_incompatible_functions,
                |i| policy.at(format!("/governance/dpo_incompatible_functions/{i}")),
                &holder,
            );
        }
    }
}
