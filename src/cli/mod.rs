//! The command line: clap types, and one file per subcommand. Each subcommand turns its
//! arguments into a plain configuration before any work starts; nothing below this module
//! sees clap types.

pub mod agencies;
pub mod diff;
pub mod export;
pub mod index;
pub mod inputs;
pub mod lineage;
pub mod parse;
pub mod quantities;
pub mod search;
pub mod setup;
pub mod show;
pub mod similar;
pub mod targets;

use crate::exit_code;

use clap::{Parser, Subcommand, ValueEnum};

/// Turn Chinese government policy documents into data: clause trees, metadata, JSON.
#[derive(Debug, Parser)]
#[command(name = "zhengce", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Page the output even when it is JSON or CSV (on a terminal only; the default pages
    /// output for people: outlines, tables, reports). Pager: $ZHENGCE_PAGER, else $PAGER,
    /// else `less -FRX`.
    #[arg(long, global = true, overrides_with = "no_pager")]
    pub pager: bool,
    /// Never page the output.
    #[arg(long, global = true, overrides_with = "pager")]
    pub no_pager: bool,
}

impl Cli {
    /// `--pager` / `--no-pager`, the last given winning.
    pub fn pager_choice(&self) -> crate::output::pager::Choice {
        use crate::output::pager::Choice;
        match (self.pager, self.no_pager) {
            (true, _) => Choice::Always,
            (_, true) => Choice::Never,
            _ => Choice::Auto,
        }
    }
}

impl Command {
    /// Whether the command prints for people (an outline, a table, a report) rather than
    /// data (JSON Lines, CSV, a script): what the pager pages by default.
    pub fn prints_for_people(&self) -> bool {
        match self {
            Command::Parse(a) => !a.json,
            Command::Agencies(a) => !a.output.json && !a.output.csv,
            Command::Targets(a) => !a.output.json && !a.output.csv,
            Command::Quantities(a) => !a.json,
            Command::Search(a) => !a.json,
            Command::Show(a) => !a.json,
            Command::Diff(a) => !a.json && a.html.as_deref().is_none_or(|p| p.as_os_str() != "-"),
            Command::Similar(a) => !a.json,
            // The edge list is CSV for network tools, whatever the flags.
            Command::Lineage(a) => !a.edges && !a.output.json && !a.output.csv,
            // A summary line, files written, or a script for the shell.
            Command::Index(_) | Command::Export(_) | Command::Completions(_) | Command::Man => {
                false
            }
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse documents into their clause tree, metadata, agencies and targets.
    Parse(parse::ParseArgs),
    /// Which agencies lead, share or answer for how many clauses, per document.
    Agencies(agencies::AgenciesArgs),
    /// Every numeric target: indicator, value, comparator, year, document.
    Targets(targets::TargetsArgs),
    /// Every number in plain text, one paragraph per line, with value, unit and bound.
    Quantities(quantities::QuantitiesArgs),
    /// Build or update the search index from files and folders.
    Index(index::IndexArgs),
    /// Find the clauses that contain a query, ranked, with highlighted snippets.
    Search(search::SearchArgs),
    /// One document's clauses, or one clause in full with its agencies and targets.
    Show(show::ShowArgs),
    /// Compare two plans clause by clause: what was kept, reworded, moved, added, dropped,
    /// and which targets and agencies changed.
    Diff(diff::DiffArgs),
    /// The clauses of the index that copy or adapt one clause, most similar first, with
    /// what each changed.
    Similar(similar::SimilarArgs),
    /// Which documents share clauses with one (copied, adapted, older or newer); two
    /// documents clause by clause (--against); the whole index as an edge list (--edges).
    Lineage(lineage::LineageArgs),
    /// Write documents or an index as tables (Parquet, JSON Lines) or as Elasticsearch bulk
    /// files with their index template.
    Export(export::ExportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(setup::CompletionsArgs),
    /// Print the man page (roff), e.g. `zhengce man > ~/.local/share/man/man1/zhengce.1`.
    Man,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is unset.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Resolves the choice against the environment.
    pub fn use_color(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && crate::output::stdout_is_terminal()
            }
        }
    }
}

/// How commands that print rows (`agencies`, `targets`) print them: a table aligned for
/// the terminal, CSV, or JSON Lines.
#[derive(Debug, clap::Args)]
pub struct RowOutput {
    /// Print JSON Lines, one row per line (see docs/json.md).
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV for spreadsheets and databases: one column per field, snake_case
    /// headers, numbers as numbers, true/false, empty for none (see docs/cli.md).
    #[arg(long)]
    pub csv: bool,
    /// With --csv: start with a UTF-8 byte-order mark, so Excel reads Chinese right.
    #[arg(long, requires = "csv")]
    pub bom: bool,
    /// When to colour the table header.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
}

impl RowOutput {
    pub fn painter(&self) -> crate::output::style::Painter {
        crate::output::style::Painter {
            color: !self.json && !self.csv && self.color.use_color(),
        }
    }

    /// `data` as CSV, or `display` aligned when it has rows; nothing with `--json`,
    /// whose rows the command writes itself. The two tables hold the same rows: `display`
    /// as a reader wants them (98.5%以上 in one cell), `data` one field a column.
    pub fn write_table<W: std::io::Write>(
        &self,
        out: &mut W,
        display: &crate::output::table::Table,
        data: &crate::output::table::Table,
    ) -> std::io::Result<()> {
        if self.json {
            Ok(())
        } else if self.csv {
            if self.bom {
                out.write_all("\u{feff}".as_bytes())?;
            }
            data.write_csv(out)
        } else if display.is_empty() {
            Ok(())
        } else {
            display.write_plain(out, self.painter(), crate::output::terminal_width())
        }
    }
}

/// The values `-j/--threads` takes in every command that has it: 1 to 256, so that `-j 0`
/// is a usage error (exit 2) everywhere rather than one thread in one command and an
/// error in another. Each command chooses its own default.
pub(crate) fn threads_arg() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::new().range(1..=256)
}

/// Standard output, buffered: what every command writes to.
pub(crate) fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// With `json`, the command's JSON Lines stream on standard output, its `begin` written;
/// else `None`, and the command prints for people.
pub(crate) type JsonStream =
    crate::output::json::Messages<std::io::BufWriter<std::io::StdoutLock<'static>>>;

pub(crate) fn json_stream(
    json: bool,
    command: &'static str,
) -> std::io::Result<Option<JsonStream>> {
    json.then(|| {
        crate::output::json::Messages::begin(stdout(), command, crate::output::json::NoFields {})
    })
    .transpose()
}

/// Runs a parsed command line and returns the exit code (see [`crate::exit_code`]).
/// Standard output is read for what it is (a terminal? how wide?) first, then handed to
/// the pager when the output is paged (see [`crate::output::pager`]).
pub fn run(cli: Cli) -> i32 {
    crate::output::pager::terminal();
    let pager = crate::output::pager::start(cli.pager_choice(), cli.command.prints_for_people());
    let code = run_command(cli.command);
    if let Some(pager) = pager {
        pager.finish();
    }
    code
}

fn run_command(command: Command) -> i32 {
    match command {
        Command::Parse(args) => parse::run(args),
        Command::Agencies(args) => agencies::run(args),
        Command::Targets(args) => targets::run(args),
        Command::Quantities(args) => quantities::run(args),
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Show(args) => show::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Similar(args) => similar::run(args),
        Command::Lineage(args) => lineage::run(args),
        Command::Export(args) => export::run(args),
        Command::Completions(args) => setup::completions(args),
        Command::Man => setup::man(),
    }
}

/// Reports an error that stops a command before it reads anything.
pub(crate) fn fail(error: &crate::Error) -> i32 {
    report(error);
    exit_code::ERROR
}

/// Prints one message on standard error, `zhengce: ` first. File names and document text
/// in it are escaped: a file named with ESC sequences must not drive the terminal.
pub(crate) fn report(message: impl std::fmt::Display) {
    eprintln!(
        "zhengce: {}",
        crate::output::style::sanitize(&message.to_string())
    );
}

/// Prints a status line on standard error (`zhengce: wrote …`), wrapped to the width of
/// the terminal standard error is, if it is one. Errors stay one line ([`report`]).
pub(crate) fn note(message: impl std::fmt::Display) {
    use std::io::IsTerminal;
    let line = format!(
        "zhengce: {}",
        crate::output::style::sanitize(&message.to_string())
    );
    let fit = std::io::stderr()
        .is_terminal()
        .then(|| terminal_size::terminal_size_of(std::io::stderr()))
        .flatten()
        .map(|(terminal_size::Width(w), _)| usize::from(w).max(20));
    for part in crate::output::fit::wrap(&line, "  ", fit) {
        eprintln!("{part}");
    }
}

/// The exit code of a command that read its inputs (`Ok(true)`: some input failed) and
/// printed something (`found`) or not. A closed pipe is not an error: `| head` is normal.
pub(crate) fn finish(result: std::io::Result<bool>, found: bool) -> i32 {
    match result {
        Err(e) if crate::output::is_broken_pipe(&e) => exit_code::SUCCESS,
        Err(e) => {
            report(format_args!("cannot write output: {e}"));
            exit_code::ERROR
        }
        Ok(true) => exit_code::ERROR,
        Ok(false) if found => exit_code::SUCCESS,
        Ok(false) => exit_code::NO_MATCH,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// `lineage --threshold` states its two defaults in words, which must be the values
    /// the command uses.
    #[test]
    fn lineage_help_gives_the_thresholds_in_use() {
        use crate::lineage::measure::{PAIR_THRESHOLD, THRESHOLD};
        let mut cli = Cli::command();
        let help = cli
            .find_subcommand_mut("lineage")
            .unwrap()
            .render_long_help()
            .to_string();
        let stated = format!("[default: {THRESHOLD}; {PAIR_THRESHOLD} with --against");
        let words = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(&stated), "{help}");
    }
}

/// A year or a range of years: `2020`, `2020..2025`, `2020..`, `..2025` (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

impl YearRange {
    pub fn contains(&self, year: Option<i32>) -> bool {
        match year {
            Some(y) => self.from.is_none_or(|f| y >= f) && self.to.is_none_or(|t| y <= t),
            None => false,
        }
    }
}

impl std::str::FromStr for YearRange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let year = |t: &str| -> Result<Option<i32>, String> {
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse::<i32>()
                .ok()
                .filter(|y| (1000..=9999).contains(y))
                .map(Some)
                .ok_or_else(|| {
                    format!("'{t}' is not a year (expected e.g. 2020, 2020..2025, 2020.., ..2025)")
                })
        };
        let range = match s.split_once("..") {
            Some((from, to)) => YearRange {
                from: year(from)?,
                to: year(to)?,
            },
            None => {
                let y = year(s)?;
                YearRange { from: y, to: y }
            }
        };
        match range {
            YearRange {
                from: None,
                to: None,
            } => Err("empty year range".into()),
            YearRange {
                from: Some(f),
                to: Some(t),
            } if f > t => Err(format!("{f}..{t}: the range is empty")),
            r => Ok(r),
        }
    }
}

/// What commands print about the document a row comes from: the same object as the
/// `document` of `search --json` and `show --json`.
pub use crate::index::DocumentSummary;

/// A cell of a CSV data column: a number as a number, nothing for none.
pub(crate) fn cell<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A boolean CSV cell.
pub(crate) fn flag(value: bool) -> String {
    if value { "true" } else { "false" }.to_owned()
}

/// Which clause a row comes from.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClauseRef {
    pub id: String,
    pub labels: Vec<String>,
    pub heading: Option<String>,
}

impl ClauseRef {
    pub fn of(clause: &crate::model::Clause) -> ClauseRef {
        ClauseRef {
            id: clause.id.clone(),
            labels: clause.labels.clone(),
            heading: clause.heading.clone(),
        }
    }

    pub fn of_facts(clause: &crate::index::facts::ClauseFacts) -> ClauseRef {
        ClauseRef {
            id: clause.id.clone(),
            labels: clause.labels.clone(),
            heading: clause.heading.clone(),
        }
    }
}

/// Role names as `--role` takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleChoice {
    Lead,
    Participant,
    Responsible,
}

impl RoleChoice {
    pub fn role(self) -> crate::model::AgencyRole {
        use crate::model::AgencyRole;
        match self {
            RoleChoice::Lead => AgencyRole::Lead,
            RoleChoice::Participant => AgencyRole::Participant,
            RoleChoice::Responsible => AgencyRole::Responsible,
        }
    }
}

/// Whether an agency matches `--agency TEXT`: as written, canonical, or successor,
/// compared after width folding.
pub fn agency_matches(agency: &crate::model::Agency, wanted: &str) -> bool {
    let wanted = crate::normalize::fold_str(wanted);
    [
        Some(&agency.name),
        agency.canonical.as_ref(),
        agency.successor.as_ref(),
    ]
    .into_iter()
    .flatten()
    .any(|n| crate::normalize::fold_str(n).contains(&wanted))
}
