//! Writes a realistic, deterministic datacharter workspace of any size, for the benchmarks and
//! the tests:
//!
//! ```text
//! cargo run --release --example gen-workspace -- --processings 10000 --files 1000 --seed 1 --out /tmp/ws
//! ```
//!
//! The workspace is a network of venues sharing one organisation, one charter, the parties and
//! the sources of `examples/quatre-saisons`; every processing is one of that example's nine
//! processings, given to a venue (its own id, name, owner and review date). The same arguments
//! always write the same bytes. With `--violations 0` (the default) it lints with no finding
//! (run it with `DATACHARTER_TODAY` before 2027-07, the review dates being in 2026); with a rate
//! `r`, about `r` of the processings get one known defect each, listed on stdout and in
//! `planted.json` (not a YAML file, so not linted).
//!
//! The benchmarks and `tests/robustness.rs` include this file as a module and call `generate`.

use std::fmt::Write as _;
use std::path::Path;

/// The example every generated document is modelled on.
const PROCESSINGS: [(&str, &str); 9] = [
    (
        "ticket-sales",
        include_str!("quatre-saisons/processings/ticket-sales.yaml"),
    ),
    (
        "subscriptions",
        include_str!("quatre-saisons/processings/subscriptions.yaml"),
    ),
    (
        "newsletter",
        include_str!("quatre-saisons/processings/newsletter.yaml"),
    ),
    (
        "group-bookings",
        include_str!("quatre-saisons/processings/group-bookings.yaml"),
    ),
    (
        "press-invitations",
        include_str!("quatre-saisons/processings/press-invitations.yaml"),
    ),
    (
        "accessibility-services",
        include_str!("quatre-saisons/processings/accessibility-services.yaml"),
    ),
    (
        "accounting",
        include_str!("quatre-saisons/processings/accounting.yaml"),
    ),
    (
        "audience-analytics",
        include_str!("quatre-saisons/processings/audience-analytics.yaml"),
    ),
    (
        "website-operation",
        include_str!("quatre-saisons/processings/website-operation.yaml"),
    ),
];

/// Shared by the whole network, copied as they are.
const SHARED: [(&str, &str); 13] = [
    ("charter.yaml", include_str!("quatre-saisons/charter.yaml")),
    (
        "parties/billetel.yaml",
        include_str!("quatre-saisons/parties/billetel.yaml"),
    ),
    (
        "parties/comptanet.yaml",
        include_str!("quatre-saisons/parties/comptanet.yaml"),
    ),
    (
        "parties/lettrino.yaml",
        include_str!("quatre-saisons/parties/lettrino.yaml"),
    ),
    (
        "parties/nuage-lyonnais.yaml",
        include_str!("quatre-saisons/parties/nuage-lyonnais.yaml"),
    ),
    (
        "parties/relatio.yaml",
        include_str!("quatre-saisons/parties/relatio.yaml"),
    ),
    (
        "sources/accounting.yaml",
        include_str!("quatre-saisons/sources/accounting.yaml"),
    ),
    (
        "sources/analytics.yaml",
        include_str!("quatre-saisons/sources/analytics.yaml"),
    ),
    (
        "sources/crm.yaml",
        include_str!("quatre-saisons/sources/crm.yaml"),
    ),
    (
        "sources/emailing.yaml",
        include_str!("quatre-saisons/sources/emailing.yaml"),
    ),
    (
        "sources/invitations.yaml",
        include_str!("quatre-saisons/sources/invitations.yaml"),
    ),
    (
        "sources/ticketing.yaml",
        include_str!("quatre-saisons/sources/ticketing.yaml"),
    ),
    (
        "sources/website.yaml",
        include_str!("quatre-saisons/sources/website.yaml"),
    ),
];

/// The example's people: the charter names `edubois` (DPO) and `cleroy` (data referent).
const CORE_PEOPLE: [(&str, &str, &str); 6] = [
    ("amartin", "Alice Martin", "marketing"),
    ("bdurand", "Bruno Durand", "administrator"),
    ("cleroy", "Chloé Leroy", "ticketing"),
    ("edubois", "Émilie Dubois", "legal"),
    ("fgarcia", "Farid Garcia", "audience-development"),
    ("gpetit", "Gaëlle Petit", "communication"),
];
const DPO: &str = "edubois";

/// Functions a generated member of staff may hold (none of them makes a DPO conflict: the DPO
/// is not generated).
const STAFF_FUNCTIONS: [&str; 6] = [
    "marketing",
    "ticketing",
    "communication",
    "audience-development",
    "administrator",
    "finance",
];
const FIRST_NAMES: [&str; 12] = [
    "Anne",
    "Benoît",
    "Camille",
    "David",
    "Élise",
    "François",
    "Hélène",
    "Julien",
    "Léa",
    "Marc",
    "Nadia",
    "Sophie",
];
const LAST_NAMES: [&str; 12] = [
    "Bernard", "Blanc", "Faure", "Fontaine", "Girard", "Lambert", "Mercier", "Moreau", "Perrin",
    "Robin", "Roux", "Vincent",
];
const VENUE_KINDS: [&str; 5] = [
    "Théâtre",
    "Scène nationale",
    "Opéra",
    "Salle",
    "Maison de la culture",
];
const CITIES: [&str; 12] = [
    "Lille",
    "Lyon",
    "Marseille",
    "Nantes",
    "Rennes",
    "Bordeaux",
    "Toulouse",
    "Strasbourg",
    "Grenoble",
    "Dijon",
    "Angers",
    "Brest",
];

/// What to generate.
#[derive(Debug, Clone, clap::Parser)]
#[command(about = "Write a realistic, deterministic datacharter workspace")]
pub struct Spec {
    /// Number of processings (at least 9: one of each kind, so that every shared source is used).
    #[arg(long, default_value_t = 100)]
    pub processings: usize,
    /// Number of files holding the processings (several documents per file when fewer than
    /// the processings).
    #[arg(long, default_value_t = 10)]
    pub files: usize,
    /// Seed of the pseudo-random choices (owners, names, dates, defects).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Share of the processings given one known defect (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    pub violations: f64,
    /// Folder to write; must not exist or be empty.
    #[arg(long)]
    pub out: std::path::PathBuf,
}

/// A generated workspace, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    /// (path relative to the root, content), the settings file first.
    pub files: Vec<(String, String)>,
    pub planted: Vec<Planted>,
}

/// A defect put on purpose, and the finding it must cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    pub file: String,
    /// The processing's `id` as written.
    pub id: String,
    pub code: &'static str,
}

/// The defects `--violations` plants, one per chosen processing.
#[derive(Debug, Clone, Copy)]
enum Defect {
    /// `owner` names nobody: DC005.
    UnknownOwner,
    /// The same id as the processing before: DC004.
    DuplicateId,
    /// No `recipients`: DC104.
    NoRecipients,
    /// No `security`: DC107.
    NoSecurity,
    /// No `legal_basis`: DC108.
    NoLegalBasis,
    /// The first retention is `indefinite`: DC302.
    IndefiniteRetention,
}

const DEFECTS: [Defect; 6] = [
    Defect::UnknownOwner,
    Defect::DuplicateId,
    Defect::NoRecipients,
    Defect::NoSecurity,
    Defect::NoLegalBasis,
    Defect::IndefiniteRetention,
];

impl Defect {
    fn code(self) -> &'static str {
        match self {
            Defect::UnknownOwner => "DC005",
            Defect::DuplicateId => "DC004",
            Defect::NoRecipients => "DC104",
            Defect::NoSecurity => "DC107",
            Defect::NoLegalBasis => "DC108",
            Defect::IndefiniteRetention => "DC302",
        }
    }
}

/// splitmix64: tiny, seeded, and good enough to vary names and dates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Generates the workspace in memory.
pub fn generate(spec: &Spec) -> Result<Generated, String> {
    if spec.processings < PROCESSINGS.len() {
        return Err(format!(
            "--processings must be at least {} (one of each kind, so that every source is used)",
            PROCESSINGS.len()
        ));
    }
    if !(0.0..=1.0).contains(&spec.violations) {
        return Err("--violations must be between 0 and 1".to_owned());
    }
    let file_count = spec.files.clamp(1, spec.processings);
    let mut rng = Rng(spec.seed);
    let staff = staff(&mut rng, spec.processings);
    let owners: Vec<&str> = CORE_PEOPLE
        .iter()
        .map(|(id, _, _)| *id)
        .filter(|id| *id != DPO)
        .chain(staff.iter().map(|(id, _)| id.as_str()))
        .collect();

    let mut files = vec![
        ("datacharter.yaml".to_owned(), settings()),
        ("organisation.yaml".to_owned(), organisation(&staff)),
    ];
    files.extend(
        SHARED
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned())),
    );

    let mut planted = Vec::new();
    let mut previous_id = String::new();
    let width = digits(spec.processings);
    for file_index in 0..file_count {
        // Spread evenly: the first `processings % files` files hold one more.
        let start = file_index * spec.processings / file_count;
        let end = (file_index + 1) * spec.processings / file_count;
        let path = format!(
            "venues/venue-{:0w$}.yaml",
            file_index + 1,
            w = digits(file_count)
        );
        let mut text = String::new();
        for index in start..end {
            let (kind, template) = PROCESSINGS[index % PROCESSINGS.len()];
            let venue = index / PROCESSINGS.len() + 1;
            let id = format!("{kind}-{venue:0width$}");
            let defect = (index > 0 && rng.unit() < spec.violations).then(|| *rng.pick(&DEFECTS));
            let document = Processing {
                id: match defect {
                    Some(Defect::DuplicateId) => previous_id.clone(),
                    _ => id.clone(),
                },
                venue: venue_name(spec.seed, venue),
                owner: (*rng.pick(&owners)).to_owned(),
                reviewed: format!("2026-{:02}-{:02}", 7 + rng.below(3), 1 + rng.below(28)),
            };
            if !text.is_empty() {
                text.push_str("---\n");
            }
            text.push_str(&document.render(template, defect, index)?);
            if let Some(defect) = defect {
                planted.push(Planted {
                    file: path.clone(),
                    id: document.id.clone(),
                    code: defect.code(),
                });
            }
            previous_id = document.id;
        }
        files.push((path, text));
    }
    Ok(Generated { files, planted })
}

/// What a generated processing changes in its template.
struct Processing {
    id: String,
    venue: String,
    owner: String,
    reviewed: String,
}

impl Processing {
    fn render(
        &self,
        template: &str,
        defect: Option<Defect>,
        index: usize,
    ) -> Result<String, String> {
        let mut out = format!("# {}\n", self.venue);
        let mut in_retention = false;
        let mut retention_done = false;
        let mut reviewed = false;
        let mut applied = !matches!(
            defect,
            Some(
                Defect::NoRecipients
                    | Defect::NoSecurity
                    | Defect::NoLegalBasis
                    | Defect::IndefiniteRetention
            )
        );
        for line in template.lines() {
            // The schema hint's relative path does not hold in the generated layout.
            if line.starts_with("# yaml-language-server") {
                continue;
            }
            let top_key = line
                .split_once(':')
                .map(|(key, _)| key)
                .filter(|_| !line.starts_with([' ', '#', '-']));
            if top_key.is_some() {
                in_retention = top_key == Some("retention");
            }
            let dropped = matches!(
                (defect, top_key),
                (Some(Defect::NoRecipients), Some("recipients"))
                    | (Some(Defect::NoSecurity), Some("security"))
                    | (Some(Defect::NoLegalBasis), Some("legal_basis"))
            );
            if dropped {
                applied = true;
                continue;
            }
            match top_key {
                Some("id") => writeln!(out, "id: {}", self.id),
                Some("name") => writeln!(
                    out,
                    "name: \"{} — {}\"",
                    line["name:".len()..].trim().trim_matches('"'),
                    self.venue
                ),
                Some("owner") if matches!(defect, Some(Defect::UnknownOwner)) => {
                    writeln!(out, "owner: former-staff-{index}")
                }
                Some("owner") => writeln!(out, "owner: {}", self.owner),
                Some("last_reviewed") => {
                    reviewed = true;
                    writeln!(out, "last_reviewed: {}", self.reviewed)
                }
                _ if in_retention
                    && !retention_done
                    && matches!(defect, Some(Defect::IndefiniteRetention)) =>
                {
                    match indefinite(line) {
                        Some(changed) => {
                            retention_done = true;
                            applied = true;
                            writeln!(out, "{changed}")
                        }
                        None => writeln!(out, "{line}"),
                    }
                }
                _ => writeln!(out, "{line}"),
            }
            .map_err(|e| e.to_string())?;
        }
        if !reviewed {
            let _ = writeln!(out, "last_reviewed: {}", self.reviewed);
        }
        if applied {
            Ok(out)
        } else {
            Err(format!(
                "the template of `{}` has nothing to change for {defect:?}",
                self.id
            ))
        }
    }
}

/// The line with its `duration:` value replaced by `indefinite`, if it has one.
fn indefinite(line: &str) -> Option<String> {
    let start = line.find("duration: ")? + "duration: ".len();
    let end = line[start..]
        .find([',', ' ', '}'])
        .map_or(line.len(), |offset| start + offset);
    Some(format!("{}indefinite{}", &line[..start], &line[end..]))
}

/// The same for every processing of a venue, whatever the defects drawn before it.
fn venue_name(seed: u64, venue: usize) -> String {
    let mut rng = Rng(seed ^ (venue as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    format!(
        "{}, {} ({venue})",
        rng.pick(&VENUE_KINDS),
        rng.pick(&CITIES)
    )
}

fn digits(count: usize) -> usize {
    count.to_string().len().max(4)
}

fn settings() -> String {
    "# A generated workspace (examples/gen-workspace.rs).\ndatacharter: 1\ninclude: [\"**/*.yaml\"]\n".to_owned()
}

/// One member of staff per 25 processings: (id, line of the `people` list).
fn staff(rng: &mut Rng, processings: usize) -> Vec<(String, String)> {
    (1..=processings.div_ceil(25))
        .map(|n| {
            let first = rng.pick(&FIRST_NAMES);
            let last = rng.pick(&LAST_NAMES);
            let id = format!("staff-{n:05}");
            let line = format!(
                "  - {{ id: {id}, name: {first} {last}, email: {id}@reseau-scenes.example, functions: [{}] }}\n",
                rng.pick(&STAFF_FUNCTIONS)
            );
            (id, line)
        })
        .collect()
}

fn organisation(staff: &[(String, String)]) -> String {
    let mut text = String::from(
        "kind: organisation\nid: reseau-scenes\nname: Réseau des Scènes\nlegal_form: association\n\
         public_body: false\nlarge_scale: false\ncountry: FR\nwebsite: https://www.reseau-scenes.example\n\
         contact:\n  email: contact@reseau-scenes.example\n  phone: \"+33 1 00 00 00 00\"\n  \
         address: \"1 place de la Scène, 75001 Paris\"\npeople:\n",
    );
    for (id, name, function) in CORE_PEOPLE {
        let _ = writeln!(
            text,
            "  - {{ id: {id}, name: {name}, email: {id}@reseau-scenes.example, functions: [{function}] }}"
        );
    }
    for (_, line) in staff {
        text.push_str(line);
    }
    text
}

/// Writes the files under `dir` (created if needed; refused if it holds anything) and
/// `planted.json` beside them.
pub fn write(generated: &Generated, dir: &Path) -> Result<(), String> {
    let describe = |error: std::io::Error| format!("{}: {error}", dir.display());
    if dir.exists() && std::fs::read_dir(dir).map_err(describe)?.next().is_some() {
        return Err(format!("{} is not empty", dir.display()));
    }
    for (path, text) in &generated.files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(describe)?;
        }
        std::fs::write(&target, text).map_err(describe)?;
    }
    let planted: Vec<serde_json::Value> = generated
        .planted
        .iter()
        .map(|p| serde_json::json!({ "file": p.file, "id": p.id, "code": p.code }))
        .collect();
    let json = serde_json::to_string_pretty(&planted).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("planted.json"), json + "\n").map_err(describe)
}

#[allow(dead_code)] // unused where this file is included as a module
fn main() -> std::process::ExitCode {
    let spec = <Spec as clap::Parser>::parse();
    let result = generate(&spec).and_then(|generated| {
        write(&generated, &spec.out)?;
        Ok(generated)
    });
    match result {
        Ok(generated) => {
            let bytes: usize = generated.files.iter().map(|(_, text)| text.len()).sum();
            println!(
                "{}: {} files, {} processings, {} bytes, {} planted defects",
                spec.out.display(),
                generated.files.len(),
                spec.processings,
                bytes,
                generated.planted.len()
            );
            for planted in &generated.planted {
                println!("{}\t{}\t{}", planted.code, planted.file, planted.id);
            }
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::from(2)
        }
    }
}
