//! DC8xx: inventory and consistency: the register and the data map agree with each other and
//! with the charter. Every check indexes by id or by signature: none compares documents pairwise.

pub mod category_without_source;
pub mod charter_contradicted;
pub mod inaccessible_source_unexplained;
pub mod possible_duplicate_source;
pub mod source_used_by_no_processing;
pub mod spreadsheet_without_owner;
