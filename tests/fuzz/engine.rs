//! The loop: generate a case from its seed, check it under `catch_unwind` and a watchdog,
//! keep what fails under `tests/fuzz/found/` and say how to replay it.

use super::known;
use super::mutate::Limits;
use super::rng::Rng;
use super::seeds::Seeds;
use super::targets::{Target, Verdict, TARGETS};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

/// How a run goes, from the environment (`scripts/fuzz.sh` sets these).
#[derive(Debug, Clone)]
pub struct Opts {
    /// `FUZZ_SECONDS`: how long each target runs.
    pub seconds: Option<f64>,
    /// `FUZZ_CASES`: the most cases per target (200 when neither is set: plain `cargo test`).
    pub cases: u64,
    /// `FUZZ_SEED`: case `i` uses seed `FUZZ_SEED + i`, so one case replays alone with
    /// `FUZZ_SEED=<its seed> FUZZ_CASES=1`.
    pub seed: u64,
    /// A case slower than this fails, on demand only (`FUZZ_MODE=demand`, 100 ms;
    /// `FUZZ_BUDGET_MS` overrides). In CI (`FUZZ_MODE=ci`, the default) and under plain
    /// `cargo test` a wall-clock bound would fail at random on a busy machine, so there the
    /// slowest case is only reported; the hang watchdog still stops a case that runs for a
    /// minute (a loop that never ends, not a slow machine).
    pub budget: Option<Duration>,
    /// `FUZZ_KNOWN=1`: run what the known list skips, with mutations past the known limits.
    pub wild: bool,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn number(text: &str) -> Option<u64> {
    let t = text.trim();
    match t.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => t.parse().ok(),
    }
}

impl Opts {
    pub fn from_env() -> Opts {
        let seconds = env("FUZZ_SECONDS").and_then(|s| s.parse::<f64>().ok());
        let cases = env("FUZZ_CASES")
            .and_then(|c| number(&c))
            .unwrap_or(if seconds.is_some() { u64::MAX } else { 200 });
        let seed = env("FUZZ_SEED")
            .and_then(|s| number(&s))
            .unwrap_or_else(|| {
                if seconds.is_some() {
                    // A timed run explores: a new base seed each time (printed).
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(1, |d| d.as_nanos() as u64)
                } else {
                    0x1A3_5EED
                }
            });
        let demand = env("FUZZ_MODE").is_some_and(|m| m == "demand");
        let budget = env("FUZZ_BUDGET_MS")
            .and_then(|b| number(&b))
            .or(if demand { Some(100) } else { None })
            .map(Duration::from_millis);
        Opts {
            seconds,
            cases,
            seed,
            budget,
            wild: env("FUZZ_KNOWN").is_some_and(|k| k == "1"),
        }
    }

    fn limits(&self) -> Limits {
        Limits::WILD
    }
}

thread_local! {
    /// The last panic on this thread: message and `file:line`.
    static LAST_PANIC: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    static QUIET: RefCell<bool> = const { RefCell::new(false) };
}

/// Panics on a fuzzing thread are recorded, not printed (the report prints them once).
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| *q.borrow()) {
                return default(info);
            }
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let location = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some((message, location)));
        }));
    });
}

/// The file a failing input is kept in, replayed by `found_inputs_still_pass`.
fn found_path(target: &str, seed: u64) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/found")
        .join(format!("{target}.{seed:016x}.txt"))
}

fn reproducer(target: &Target, seed: u64, input: &str, opts: &Opts) -> String {
    let path = found_path(target.name, seed);
    let saved = match std::fs::write(&path, input) {
        Ok(()) => format!("saved as {}", path.display()),
        Err(e) => format!("could not be saved: {e}"),
    };
    let shown: String = input.chars().take(300).collect();
    let more = if shown.len() < input.len() {
        format!("... ({} bytes)", input.len())
    } else {
        String::new()
    };
    format!(
        "  input {shown:?}{more}\n  {saved}\n  replay: {}FUZZ_SEED={seed:#x} FUZZ_CASES=1 cargo test --profile release-native --test fuzz -- --exact fuzz_{}",
        if opts.wild { "FUZZ_KNOWN=1 " } else { "" },
        target.name
    )
}

/// What the watchdog watches: the seed of the case running and when it started.
struct Running {
    seed: AtomicU64,
    /// Nanoseconds since `origin` + 1 when the case started; 0 between cases.
    started: AtomicU64,
    done: AtomicBool,
    origin: Instant,
}

/// Kills the run when one case takes far longer than the budget (a hang cannot be caught),
/// after printing and saving its reproducer.
fn watchdog(target: &'static Target, seeds: Arc<Seeds>, running: Arc<Running>, opts: Opts) {
    let hard = opts.budget.map_or(Duration::from_secs(60), |b| {
        (b * 4).max(Duration::from_secs(5))
    });
    std::thread::spawn(move || {
        while !running.done.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(50));
            let started = running.started.load(Ordering::Relaxed);
            let now = running.origin.elapsed().as_nanos() as u64 + 1;
            if started == 0 || now.saturating_sub(started) < hard.as_nanos() as u64 {
                continue;
            }
            let seed = running.seed.load(Ordering::Relaxed);
            let input = (target.generate)(&mut Rng::new(seed), &seeds, opts.limits());
            eprintln!(
                "fuzz {}: HANG, a case ran over {} s; stopping.\n{}",
                target.name,
                hard.as_secs(),
                reproducer(target, seed, &input, &opts)
            );
            std::process::exit(101);
        }
    });
}

/// Runs `name` as `opts` says; fails listing every new failure.
pub fn fuzz(name: &str) {
    let Some(target) = TARGETS.iter().find(|t| t.name == name) else {
        panic!("no fuzz target `{name}`");
    };
    let opts = Opts::from_env();
    let seeds = Arc::new(Seeds::load());
    install_hook();
    let running = Arc::new(Running {
        seed: AtomicU64::new(0),
        started: AtomicU64::new(0),
        done: AtomicBool::new(false),
        origin: Instant::now(),
    });
    watchdog(target, seeds.clone(), running.clone(), opts.clone());
    let report = run(target, &seeds, &opts, &running);
    running.done.store(true, Ordering::Relaxed);
    eprintln!("{}", report.summary(target, &opts));
    assert!(
        report.failures.is_empty(),
        "fuzz {}: {} failing case(s):\n{}",
        target.name,
        report.failures.values().map(|(n, _)| n).sum::<usize>(),
        report
            .failures
            .values()
            .map(|(_, text)| text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[derive(Default)]
struct Report {
    cases: u64,
    accepted: u64,
    refused: u64,
    /// Cases that touched a known failure, by the issue point that fixes it.
    known: BTreeMap<&'static str, (u64, String)>,
    /// New failures, one reproducer per kind (panic location or message), with a count.
    failures: BTreeMap<String, (usize, String)>,
    slowest: (Duration, u64, usize),
    elapsed: Duration,
}

impl Report {
    fn summary(&self, target: &Target, opts: &Opts) -> String {
        let known: Vec<String> = self
            .known
            .iter()
            .map(|(point, (n, what))| format!("{n} known ({point}: {what})"))
            .collect();
        format!(
            "fuzz {:<9} {:>9} cases in {:>6.1} s ({} accepted, {} refused{}{}), {} failing, slowest {:.1} ms (FUZZ_SEED={:#x}, {} bytes); base seed {:#x}",
            target.name,
            self.cases,
            self.elapsed.as_secs_f64(),
            self.accepted,
            self.refused,
            if known.is_empty() { "" } else { ", " },
            known.join(", "),
            self.failures.values().map(|(n, _)| n).sum::<usize>(),
            self.slowest.0.as_secs_f64() * 1000.0,
            self.slowest.1,
            self.slowest.2,
            opts.seed
        )
    }

    fn fail(&mut self, key: String, make: impl FnOnce() -> String) {
        self.failures.entry(key).or_insert_with(|| (0, make())).0 += 1;
    }
}

fn run(target: &'static Target, seeds: &Seeds, opts: &Opts, running: &Running) -> Report {
    let mut report = Report::default();
    let start = Instant::now();
    let deadline = opts
        .seconds
        .map(|s| start + Duration::from_secs_f64(s.max(0.0)));
    QUIET.with(|q| *q.borrow_mut() = true);
    for i in 0..opts.cases {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let seed = opts.seed.wrapping_add(i);
        let input = (target.generate)(&mut Rng::new(seed), seeds, opts.limits());
        running.seed.store(seed, Ordering::Relaxed);
        let began = Instant::now();
        running.started.store(
            running.origin.elapsed().as_nanos() as u64 + 1,
            Ordering::Relaxed,
        );
        let result = catch_unwind(AssertUnwindSafe(|| (target.check)(&input, opts.wild)));
        running.started.store(0, Ordering::Relaxed);
        let took = began.elapsed();
        report.cases += 1;
        let mut known_case = false;
        match result {
            Ok(Ok(Verdict::Accepted)) => report.accepted += 1,
            Ok(Ok(Verdict::Refused)) => report.refused += 1,
            Ok(Err(lost)) => {
                let key: String = lost.chars().take(60).collect();
                report.fail(format!("lost: {key}"), || {
                    format!(
                        "{}: {lost}\n{}",
                        target.name,
                        reproducer(target, seed, &input, opts)
                    )
                });
            }
            Err(_) => {
                let (message, location) = LAST_PANIC
                    .with(|p| p.borrow_mut().take())
                    .unwrap_or_default();
                match known::panic(&message, &location).filter(|_| !opts.wild) {
                    Some(k) => {
                        known_case = true;
                        report.known.entry(k.point).or_insert((0, k.what.into())).0 += 1;
                    }
                    None => report.fail(format!("panic at {location}"), || {
                        format!(
                            "{}: PANIC at {location}: {message}\n{}",
                            target.name,
                            reproducer(target, seed, &input, opts)
                        )
                    }),
                }
            }
        }
        if took > report.slowest.0 {
            report.slowest = (took, seed, input.len());
        }
        let over = opts.budget.filter(|b| opts.seconds.is_some() && took > *b);
        if let (Some(budget), false) = (over, known_case) {
            report.fail(format!("slow {}", report.failures.len()), || {
                format!(
                    "{}: SLOW, {:.0} ms (budget {} ms)\n{}",
                    target.name,
                    took.as_secs_f64() * 1000.0,
                    budget.as_millis(),
                    reproducer(target, seed, &input, opts)
                )
            });
        }
    }
    QUIET.with(|q| *q.borrow_mut() = false);
    report.elapsed = start.elapsed();
    report
}

/// Every input kept in `tests/fuzz/found/` (`<target>.<seed>.txt`) checked again: what once
/// failed must now pass, without panic or loss (each one's time is printed).
pub fn replay_found() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/found");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let mut problems = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let target_name = name.split('.').next().unwrap_or_default();
        let Some(target) = TARGETS.iter().find(|t| t.name == target_name) else {
            problems.push(format!("{name}: no target `{target_name}`"));
            continue;
        };
        let input = std::fs::read_to_string(path).unwrap_or_default();
        let began = Instant::now();
        match catch_unwind(AssertUnwindSafe(|| (target.check)(&input, false))) {
            // How long it took is reported, not asserted: a busy machine makes a timed
            // assertion fail at random. A slow case is `scripts/fuzz.sh`'s to catch.
            Ok(Ok(_)) => println!("{name}: {:?}", began.elapsed()),
            Ok(Err(lost)) => problems.push(format!("{name}: {lost}")),
            Err(_) => problems.push(format!("{name}: panics")),
        }
    }
    assert!(
        problems.is_empty(),
        "kept fuzz inputs fail again:\n{}",
        problems.join("\n")
    );
}
