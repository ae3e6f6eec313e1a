//! DC005 unknown-reference: a reference to a person, party, source, processing or vocabulary
//! entry that does not exist.

use crate::finding::{Finding, Location, Severity};
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC005",
    name: "unknown-reference",
    family: Family::Foundation,
    severity: Severity::Error,
    legal: "",
    docs: Docs {
        failing: "kind: organisation\nid: quatre-saisons\nname: Théâtre des Quatre Saisons\npeople:\n  - { id: cleroy, name: Chloé Leroy, functions: [ticketing] }\n---\nkind: source\nid: ticketing\nname: Logiciel de billetterie\ntype: ticketing\nowner: cleroi\nfields:\n  - { name: email, category: identity.mail }\n",
        passing: "kind: organisation\nid: quatre-saisons\nname: Théâtre des Quatre Saisons\npeople:\n  - { id: cleroy, name: Chloé Leroy, functions: [ticketing] }\n---\nkind: source\nid: ticketing\nname: Logiciel de billetterie\ntype: ticketing\nowner: cleroy\nfields:\n  - { name: email, category: identity.email }\n",
    },
    check: Some(check),
};

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
    fn noun(self) -> &'static str {
        match self {
            Target::Person => "person",
            Target::Party => "party",
            Target::Source => "source",
            Target::Category => "data category",
            Target::Purpose => "purpose",
            Target::Subject => "data subject",
            Target::Function => "function",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Target::Person => "add the person to `people` in the organisation document, or correct the id",
            Target::Party => "declare the organisation as a `kind: party` document, or correct the id",
            Target::Source => "declare the source as a `kind: source` document, or correct the id",
            Target::Category | Target::Purpose | Target::Subject | Target::Function => {
                "use an id of the vocabulary (`datacharter policy show taxonomy` lists them), or add your own entry in a `kind: policy` document"
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
            Target::Category => policy.categories.contains_key(id),
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

    fn check(&mut self, target: Target, id: &str, location: Location, holder: &str) {
        if self.exists(target, id) {
            return;
        }
        let candidates = self.candidates(target);
        let suggestion = crate::suggest::closest(id, candidates.iter().copied());
        let mut message = format!("{holder} refers to the {} `{id}`, which is not defined", target.noun());
        if let Some(suggestion) = suggestion {
            message.push_str(&format!("; did you mean `{suggestion}`?"));
        }
        self.findings.push(
            RULE.finding(location, message)
                .with_label(format!("unknown {}", target.noun()))
                .with_help(target.help()),
        );
    }

    fn each<'i, I: AsRef<str> + 'i>(
        &mut self,
        target: Target,
        ids: impl IntoIterator<Item = &'i I>,
        location: impl Fn(usize) -> Location,
        holder: &str,
    ) {
        for (index, id) in ids.into_iter().enumerate() {
            self.check(target, id.as_ref(), location(index), holder);
        }
    }
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let mut checker = Checker { context, findings };
    let inventory = context.inventory;
    for organisation in &inventory.organisations {
        let holder = format!("organisation `{}`", organisation.item.id);
        for (p, person) in organisation.item.people.iter().enumerate() {
            checker.each(Target::Function, &person.functions, |i| organisation.at(format!("/people/{p}/functions/{i}")), &holder);
        }
    }
    for party in &inventory.parties {
        let holder = format!("party `{}`", party.item.id);
        checker.each(Target::Party, &party.item.processor_of, |i| party.at(format!("/processor_of/{i}")), &holder);
    }
    for source in &inventory.sources {
        let item = &source.item;
        let holder = format!("source `{}`", item.id);
        if let Some(vendor) = &item.vendor {
            checker.check(Target::Party, vendor.as_str(), source.at("/vendor"), &holder);
        }
        if let Some(owner) = &item.owner {
            checker.check(Target::Person, owner.as_str(), source.at("/owner"), &holder);
        }
        if let Some(provider) = item.hosting.as_ref().and_then(|h| h.provider.as_ref()) {
            checker.check(Target::Party, provider.as_str(), source.at("/hosting/provider"), &holder);
        }
        checker.each(Target::Subject, &item.data_subjects, |i| source.at(format!("/data_subjects/{i}")), &holder);
        for (f, field) in item.fields.iter().enumerate() {
            checker.check(Target::Category, field.category.as_str(), source.at(format!("/fields/{f}/category")), &holder);
        }
    }
    for processing in &inventory.processings {
        let item = &processing.item;
        let at = |pointer: String| processing.at(pointer);
        let holder = format!("processing `{}`", item.id);
        if let Some(purpose) = &item.purpose {
            checker.check(Target::Purpose, purpose.as_str(), at("/purpose".into()), &holder);
        }
        checker.each(Target::Subject, &item.data_subjects, |i| at(format!("/data_subjects/{i}")), &holder);
        checker.each(Target::Category, &item.data_categories, |i| at(format!("/data_categories/{i}")), &holder);
        checker.each(Target::Source, &item.sources, |i| at(format!("/sources/{i}")), &holder);
        if let Some(recipients) = &item.recipients {
            checker.each(Target::Function, &recipients.internal, |i| at(format!("/recipients/internal/{i}")), &holder);
            checker.each(Target::Party, &recipients.external, |i| at(format!("/recipients/external/{i}")), &holder);
        }
        checker.each(Target::Party, &item.processors, |i| at(format!("/processors/{i}")), &holder);
        checker.each(Target::Party, &item.joint_controllers, |i| at(format!("/joint_controllers/{i}")), &holder);
        for (t, transfer) in item.transfers.iter().enumerate() {
            if let Some(recipient) = &transfer.recipient {
                checker.check(Target::Party, recipient.as_str(), at(format!("/transfers/{t}/recipient")), &holder);
            }
        }
        for (r, rule) in item.retention.iter().enumerate() {
            checker.each(Target::Category, &rule.categories, |i| at(format!("/retention/{r}/categories/{i}")), &holder);
        }
        if let Some(owner) = &item.owner {
            checker.check(Target::Person, owner.as_str(), at("/owner".into()), &holder);
        }
    }
    for charter in &inventory.charters {
        let item = &charter.item;
        let holder = "the charter";
        if let Some(dpo) = &item.dpo {
            if let Some(person) = &dpo.person {
                checker.check(Target::Person, person.as_str(), charter.at("/dpo/person"), holder);
            }
            if let Some(party) = &dpo.party {
                checker.check(Target::Party, party.as_str(), charter.at("/dpo/party"), holder);
            }
        }
        if let Some(referent) = &item.data_referent {
            checker.check(Target::Person, referent.as_str(), charter.at("/data_referent"), holder);
        }
        if let Some(owner) = item.cleaning.as_ref().and_then(|c| c.owner.as_ref()) {
            checker.check(Target::Person, owner.as_str(), charter.at("/cleaning/owner"), holder);
        }
        if let Some(contact) = item.breach.as_ref().and_then(|b| b.contact.as_ref()) {
            checker.check(Target::Person, contact.as_str(), charter.at("/breach/contact"), holder);
        }
    }
    for policy in &inventory.policies {
        let item = &policy.item;
        let holder = format!("policy `{}`", item.id);
        for (m, entry) in item.minimisation.iter().enumerate() {
            checker.check(Target::Purpose, entry.purpose.as_str(), policy.at(format!("/minimisation/{m}/purpose")), &holder);
            checker.each(Target::Category, &entry.allowed, |i| policy.at(format!("/minimisation/{m}/allowed/{i}")), &holder);
        }
        if let Some(governance) = &item.governance {
            checker.each(Target::Function, &governance.dpo_incompatible_functions, |i| policy.at(format!("/governance/dpo_incompatible_functions/{i}")), &holder);
        }
    }
}
