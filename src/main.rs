//! The `datacharter` binary: a thin shell over the library.

fn main() -> std::process::ExitCode {
    datacharter::cli::main()
}
