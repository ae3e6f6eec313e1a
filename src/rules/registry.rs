//! The single table code → rule. A new rule is one file plus one line here.

use super::Rule;
use super::consent;
use super::consistency;
use super::foundation;
use super::freshness;
use super::governance;
use super::register;
use super::retention;
use super::security;
use super::sensitive;
use super::transfers;

/// Every built-in rule, in code order.
pub static REGISTRY: &[&Rule] = &[
    &foundation::yaml_syntax::RULE,
    &foundation::schema_violation::RULE,
    &foundation::duplicate_key::RULE,
    &foundation::duplicate_id::RULE,
    &foundation::unknown_reference::RULE,
    &foundation::missing_organisation::RULE,
    &foundation::unused_suppression::RULE,
    &foundation::invalid_suppression::RULE,
    &register::controller_contact_missing::RULE,
    &register::purpose_missing_or_vague::RULE,
    &register::subjects_or_categories_missing::RULE,
    &register::recipients_undeclared::RULE,
    &register::transfer_incomplete::RULE,
    &register::retention_missing::RULE,
    &register::security_measures_missing::RULE,
    &register::legal_basis_missing::RULE,
    &sensitive::special_category_without_exception::RULE,
    &sensitive::explicit_consent_without_record::RULE,
    &sensitive::criminal_data::RULE,
    &sensitive::disability_detail::RULE,
    &sensitive::accessibility_needs_unbounded::RULE,
    &sensitive::free_text_on_customer_data::RULE,
    &sensitive::national_id::RULE,
    &sensitive::card_security_code_stored::RULE,
    &sensitive::sensitive_field_name::RULE,
    &retention::retention_exceeds_reference::RULE,
    &retention::retention_indefinite::RULE,
    &retention::retention_without_start::RULE,
    &retention::retention_hard_ceiling::RULE,
    &retention::accounting_under_retention::RULE,
    &retention::long_retention_without_archive::RULE,
    &retention::retention_exceeds_recommended_maximum::RULE,
    &governance::dpo_required::RULE,
    &governance::dpo_conflict_of_interest::RULE,
    &governance::dpo_owns_processing::RULE,
    &governance::dpo_not_published::RULE,
    &governance::processing_without_owner::RULE,
    &governance::no_data_referent::RULE,
    &governance::no_cleaning_cadence::RULE,
    &consent::consent_without_record::RULE,
    &consent::electronic_prospecting_without_consent::RULE,
    &consent::category_collected_but_unused::RULE,
    &consent::legitimate_interest_without_assessment::RULE,
    &consent::minors_without_parental_consent::RULE,
    &consent::category_beyond_purpose::RULE,
    &transfers::processor_without_dpa::RULE,
    &transfers::dpa_expired::RULE,
    &transfers::transfer_without_safeguard::RULE,
    &transfers::us_transfer_not_certified::RULE,
    &transfers::systematic_derogation::RULE,
    &transfers::joint_controller_without_arrangement::RULE,
    &transfers::vendor_abroad_without_transfer::RULE,
    &security::dpia_missing::RULE,
    &security::breach_procedure_missing::RULE,
    &security::weak_protection_of_risky_data::RULE,
    &consistency::category_without_source::RULE,
    &consistency::source_used_by_no_processing::RULE,
    &consistency::inaccessible_source_unexplained::RULE,
    &consistency::spreadsheet_without_owner::RULE,
    &consistency::possible_duplicate_source::RULE,
    &consistency::charter_contradicted::RULE,
    &freshness::review_overdue::RULE,
    &freshness::dpia_outdated::RULE,
    &freshness::adequacy_under_review::RULE,
];

/// The rule with this code, if any.
pub fn find(code: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code))
}
