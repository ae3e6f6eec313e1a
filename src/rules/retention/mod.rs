//! DC3xx: retention, against the reference durations, the statutory ceilings and the CNIL's
//! recommended maxima of the `retention` policy pack (`rules/retention.yaml`).

mod common;

/// A duration in words in the run's language ("3 years", "13 mois"), for the messages of
/// other families too.
pub(crate) use common::in_words_in;

pub mod accounting_under_retention;
pub mod long_retention_without_archive;
pub mod retention_exceeds_recommended_maximum;
pub mod retention_exceeds_reference;
pub mod retention_hard_ceiling;
pub mod retention_indefinite;
pub mod retention_without_start;
