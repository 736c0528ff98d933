//! Phase timings on standard error when `GONGKAI_TIMINGS` is set: where a build spends its time,
//! without a profiler (`GONGKAI_TIMINGS=1 gongkai build`).

use std::sync::LazyLock;
use std::time::Instant;

static ENABLED: LazyLock<bool> = LazyLock::new(|| std::env::var_os("GONGKAI_TIMINGS").is_some());

/// A running phase; prints its duration when dropped (only when timings are enabled).
pub struct Phase {
    name: &'static str,
    start: Option<Instant>,
}

/// Starts timing `name`.
pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        start: ENABLED.then(Instant::now),
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            say_err!(
                "timing {:>8.1} ms  {:>6} MiB now {:>6} MiB peak  {}",
                start.elapsed().as_secs_f64() * 1e3,
                memory("VmRSS:"),
                memory("VmHWM:"),
                self.name
            );
        }
    }
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
