//! Phase timings on standard error when `GONGKAI_TIMINGS` is set: where a build spends its time,
//! without a profiler (`GONGKAI_TIMINGS=1 gongkai build`): wall and CPU time (their ratio is how
//! parallel the phase ran) and memory.

use std::sync::LazyLock;
use std::time::Instant;

static ENABLED: LazyLock<bool> = LazyLock::new(|| std::env::var_os("GONGKAI_TIMINGS").is_some());

/// A running phase; prints its duration when dropped (only when timings are enabled).
pub struct Phase {
    name: &'static str,
    start: Option<(Instant, f64)>,
}

/// Starts timing `name`.
pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        start: ENABLED.then(|| (Instant::now(), cpu_seconds())),
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some((start, cpu)) = self.start {
            say_err!(
                "timing {:>8.1} ms {:>8.1} ms CPU {:>6} MiB now {:>6} MiB peak  {}",
                start.elapsed().as_secs_f64() * 1e3,
                (cpu_seconds() - cpu) * 1e3,
                memory("VmRSS:"),
                memory("VmHWM:"),
                self.name
            );
        }
    }
}

/// CPU time of this process so far (user and system, all threads), from `/proc/self/stat`.
fn cpu_seconds() -> f64 {
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which may hold spaces) end with `)`.
            let rest = s.get(s.rfind(')')? + 2..)?.to_string();
            let f: Vec<&str> = rest.split_whitespace().collect();
            // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
            Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
        })
        .unwrap_or(0);
    // Clock ticks are 1/100 s on Linux.
    ticks as f64 / 100.0
}

/// A memory figure of this process from `/proc/self/status`, in MiB (0 where there is none).
fn memory(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
