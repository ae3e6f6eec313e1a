//! Documents generated from the workspace for the people around it: the data map (`map`) and
//! the record of processing activities (`register`). Each reads a lint run's typed documents,
//! policy tables and findings; none writes to the workspace.

pub mod map;
pub mod register;
