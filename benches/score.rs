//! The scoring core over 1,000,000 synthetic forecasts: `cargo bench -p fledger-benches`.
//!
//! No SQLite and no I/O: the pure functions of `fledger::score` that `fledger score` runs on
//! the scored set (summarize, calibration) and on the shared questions (peer_scores). The
//! data comes from a fixed-seed generator, so runs compare.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use fledger::score::{self, BinStyle, Forecast, PeerForecast};

const N: usize = 1_000_000;

/// SplitMix64: a tiny seeded generator, enough for benchmark data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One million forecasts on ~600,000 questions (a third shared by 2–4 of 500 forecasters),
/// probabilities in whole percent as people give them, outcomes ~40% YES and leaning the
/// way the forecasts do.
fn data() -> Vec<PeerForecast> {
    let mut rng = Rng(20_260_101);
    let mut out = Vec::with_capacity(N);
    let mut question = 0;
    while out.len() < N {
        question += 1;
        let yes = rng.unit() < 0.4;
        let k = if rng.unit() < 0.33 {
            2 + (rng.next() % 3) as usize
        } else {
            1
        };
        for _ in 0..k.min(N - out.len()) {
            let lean = if yes { 0.65 } else { 0.35 };
            let p = (lean + (rng.unit() - 0.5) * 0.7).clamp(0.0, 1.0);
            out.push(PeerForecast {
                question,
                forecaster: (rng.next() % 500) as usize,
                probability: (p * 100.0).round() / 100.0,
                outcome: yes,
            });
        }
    }
    out
}

fn forecasts(peers: &[PeerForecast]) -> Vec<Forecast> {
    peers
        .iter()
        .map(|f| Forecast {
            probability: f.probability,
            outcome: f.outcome,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let peers = data();
    let set = forecasts(&peers);
    let mut group = c.benchmark_group("score_1m");
    group.sample_size(10);
    group.bench_function("summarize", |b| {
        b.iter(|| score::summarize(black_box(&set), 10, BinStyle::EqualWidth))
    });
    group.bench_function("calibration", |b| {
        b.iter(|| score::calibration(black_box(&set), 10, BinStyle::EqualWidth))
    });
    group.bench_function("auc", |b| b.iter(|| score::auc(black_box(&set))));
    group.bench_function("brier", |b| b.iter(|| score::brier(black_box(&set))));
    group.bench_function("peer_scores", |b| {
        b.iter_batched(|| peers.clone(), score::peer_scores, BatchSize::LargeInput)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
