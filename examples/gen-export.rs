//! Writes a deterministic synthetic export (CSV, or XLSX with `--xlsx`) with planted facts, for
//! the audit benchmarks and for trying `datacharter audit` on a large file:
//!
//! ```text
//! cargo run --release --example gen-export -- --rows 1000000 --seed 1 --out /tmp/export
//! ```
//!
//! It writes `contacts.csv` (or `contacts.xlsx`), a workspace (`datacharter.yaml`, the source and
//! the newsletter processing that uses it) and `planted.json`: how many rows hold each planted
//! fact (duplicate emails, dates past retention, health words in the comments, NIRs, IBANs,
//! empty postal codes). **Fiction**: every name and number is generated.
//!
//! The benchmarks include this file as a module and call `csv_bytes`.

use std::fmt::Write as _;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub rows: usize,
    pub seed: u64,
}

/// How many rows got each planted fact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Planted {
    pub duplicate_rows: usize,
    pub past_retention: usize,
    pub health_words: usize,
    pub nirs: usize,
    pub ibans: usize,
    pub empty_postcodes: usize,
}

/// A small deterministic generator (SplitMix64): the same seed gives the same bytes everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const FIRST: [&str; 12] = [
    "Anne",
    "Bruno",
    "Céline",
    "Denis",
    "Élodie",
    "François",
    "Gaëlle",
    "Hugo",
    "Inès",
    "Jules",
    "Léa",
    "Mathis",
];
const LAST: [&str; 10] = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau",
];
const COMMENTS: [&str; 6] = [
    "",
    "",
    "placement côté allée",
    "abonné fidèle",
    "préfère les matinées",
    "rappeler pour le renouvellement",
];

pub const HEADER: &str = "E-mail;nom;code_postal;telephone;derniere_venue;commentaires;tarif";

/// The source and the processing the export belongs to.
pub const WORKSPACE: &str = "kind: source\nid: contacts\nname: Contacts (synthetic)\ntype: spreadsheet\ndata_subjects: [spectators]\nexport: { path: contacts.csv, format: csv, delimiter: \";\", encoding: utf-8 }\nfields:\n  - { name: email, category: identity.email, column: E-mail, required: 95% }\n  - { name: nom, category: identity.name }\n  - { name: code_postal, category: identity.postal-address, required: 90% }\n  - { name: telephone, category: identity.phone }\n  - { name: derniere_venue, category: transaction.order, marks: last-contact }\n  - { name: commentaires, category: relationship.requests, free_text: true }\n  - { name: tarif, category: transaction.order }\n---\nkind: processing\nid: newsletter\nname: Newsletter\npurpose: newsletter\nlegal_basis: consent\ndata_subjects: [spectators]\ndata_categories: [identity, transaction.order, relationship.requests]\nsources: [contacts]\nretention:\n  - { duration: 3y, from: last-contact, then: delete }\n";

/// A name as an email address writes it: lowercase, without accents.
fn ascii(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ë' => 'e',
            'ç' => 'c',
            'ï' => 'i',
            other => other,
        })
        .collect()
}

fn nir(random: &mut Random) -> String {
    let body = format!(
        "{}{:02}{:02}{:02}{:03}{:03}",
        1 + random.below(2),
        30 + random.below(70),
        1 + random.below(12),
        10 + random.below(80),
        1 + random.below(998),
        1 + random.below(998)
    );
    let number: u64 = body.parse().unwrap_or(0);
    format!("{body}{:02}", 97 - number % 97)
}

/// Rows of the export, as the CSV would hold them: (cells, the facts planted in the row).
pub fn rows(spec: Spec, mut each: impl FnMut(&[String])) -> Planted {
    let mut random = Random(spec.seed);
    let mut planted = Planted::default();
    let mut cells = vec![String::new(); 7];
    let (mut first, mut last) = (FIRST[0], LAST[0]);
    let mut person = 0;
    for index in 0..spec.rows {
        // 2 % of rows repeat the person of the row before (a certain duplicate: same name,
        // email and phone).
        let duplicate = index > 0 && random.below(100) < 2;
        if !duplicate {
            first = FIRST[random.below(FIRST.len() as u64) as usize];
            last = LAST[random.below(LAST.len() as u64) as usize];
            person = index;
        }
        if duplicate {
            planted.duplicate_rows += 1;
        }
        cells[0] = format!("{}.{}{person}@example.org", ascii(first), ascii(last));
        cells[1] = format!("{first} {last}");
        cells[2] = if random.below(100) < 8 {
            planted.empty_postcodes += 1;
            String::new()
        } else {
            format!("{:05}", 1000 + random.below(94_000))
        };
        // One phone number per person: a duplicate row repeats it too.
        let phone = person % 100_000_000;
        cells[3] = format!(
            "06 {:02} {:02} {:02} {:02}",
            phone / 1_000_000,
            phone / 10_000 % 100,
            phone / 100 % 100,
            phone % 100
        );
        // 30 % of rows last came over three years ago.
        let old = random.below(100) < 30;
        if old {
            planted.past_retention += 1;
        }
        let year = if old {
            2019 + random.below(3)
        } else {
            2024 + random.below(2)
        };
        cells[4] = format!(
            "{year}-{:02}-{:02}",
            1 + random.below(12),
            1 + random.below(28)
        );
        let kind = random.below(1000);
        cells[5] = match kind {
            0..=9 => {
                planted.health_words += 1;
                "allergie aux arachides, prévenir le bar".to_owned()
            }
            10..=11 => {
                planted.nirs += 1;
                format!("sécu {}", nir(&mut random))
            }
            12 => {
                planted.ibans += 1;
                "remboursement sur FR76 3000 6000 0112 3456 7890 189".to_owned()
            }
            _ => COMMENTS[random.below(COMMENTS.len() as u64) as usize].to_owned(),
        };
        cells[6] = format!("{},{:02}", 5 + random.below(40), random.below(100));
        each(&cells);
    }
    planted
}

/// The export as CSV bytes, and its planted facts.
pub fn csv_bytes(spec: Spec) -> (Vec<u8>, Planted) {
    let mut out = String::with_capacity(spec.rows * 120);
    out.push_str(HEADER);
    out.push('\n');
    let planted = rows(spec, |cells| {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            if cell.contains([';', '"', '\n']) {
                let _ = write!(out, "\"{}\"", cell.replace('"', "\"\""));
            } else {
                out.push_str(cell);
            }
        }
        out.push('\n');
    });
    (out.into_bytes(), planted)
}

fn planted_json(planted: &Planted, rows: usize) -> String {
    format!(
        "{{\n  \"rows\": {rows},\n  \"duplicate_rows\": {},\n  \"past_retention\": {},\n  \"health_words\": {},\n  \"nirs\": {},\n  \"ibans\": {},\n  \"empty_postcodes\": {}\n}}\n",
        planted.duplicate_rows,
        planted.past_retention,
        planted.health_words,
        planted.nirs,
        planted.ibans,
        planted.empty_postcodes
    )
}

/// Writes the workspace and the export into `out`.
pub fn write(out: &Path, spec: Spec, xlsx: bool) -> std::io::Result<Planted> {
    std::fs::create_dir_all(out)?;
    std::fs::write(
        out.join("datacharter.yaml"),
        "datacharter: 1\ninclude: [\"*.yaml\"]\n",
    )?;
    let planted = if xlsx {
        std::fs::write(
            out.join("workspace.yaml"),
            WORKSPACE.replace(
                "path: contacts.csv, format: csv, delimiter: \";\", encoding: utf-8",
                "path: contacts.xlsx, format: xlsx",
            ),
        )?;
        write_xlsx(&out.join("contacts.xlsx"), spec)?
    } else {
        std::fs::write(out.join("workspace.yaml"), WORKSPACE)?;
        let (bytes, planted) = csv_bytes(spec);
        std::fs::write(out.join("contacts.csv"), bytes)?;
        planted
    };
    std::fs::write(out.join("planted.json"), planted_json(&planted, spec.rows))?;
    Ok(planted)
}

fn write_xlsx(path: &Path, spec: Spec) -> std::io::Result<Planted> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let error = |e: rust_xlsxwriter::XlsxError| std::io::Error::other(e.to_string());
    for (c, name) in HEADER.split(';').enumerate() {
        sheet.write_string(0, c as u16, name).map_err(error)?;
    }
    let mut row = 0u32;
    let mut failure = None;
    let planted = rows(spec, |cells| {
        row += 1;
        for (c, cell) in cells.iter().enumerate() {
            if !cell.is_empty()
                && let Err(e) = sheet.write_string(row, c as u16, cell)
            {
                failure.get_or_insert(e);
            }
        }
    });
    if let Some(e) = failure {
        return Err(error(e));
    }
    workbook.save(path).map_err(error)?;
    Ok(planted)
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let spec = Spec {
        rows: value("--rows")
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000),
        seed: value("--seed").and_then(|v| v.parse().ok()).unwrap_or(1),
    };
    let out = value("--out").unwrap_or_else(|| "gen-export".to_owned());
    let xlsx = args.iter().any(|a| a == "--xlsx");
    match write(Path::new(&out), spec, xlsx) {
        Ok(planted) => print!("{}", planted_json(&planted, spec.rows)),
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(2);
        }
    }
}
