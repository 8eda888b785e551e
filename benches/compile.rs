//! Criterion benchmarks of the compiler over the fixture corpus: a cold compile (both
//! artifacts from one parse) and a cached one, per scene size class.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scenebox_compile::{compile, Compiler};

fn corpus() -> Vec<(String, String)> {
    scenebox_fixtures::load("scenes")
        .into_iter()
        .map(|f| (f.name, f.tsx))
        .collect()
}

fn bench_compile(c: &mut Criterion) {
    let scenes = corpus();
    let total: usize = scenes.iter().map(|(_, tsx)| tsx.len()).sum();
    let mut group = c.benchmark_group("compile");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function(BenchmarkId::new("cold", "corpus"), |b| {
        b.iter(|| {
            for (name, tsx) in &scenes {
                compile(name, tsx).unwrap();
            }
        })
    });
    let compiler = Compiler::default();
    for (name, tsx) in &scenes {
        compiler.compile(name, tsx).unwrap();
    }
    group.bench_function(BenchmarkId::new("cached", "corpus"), |b| {
        b.iter(|| {
            for (name, tsx) in &scenes {
                compiler.compile(name, tsx).unwrap();
            }
        })
    });
    group.finish();

    let mut by_size = scenes.clone();
    by_size.sort_by_key(|(_, tsx)| tsx.len());
    let median = &by_size[by_size.len() / 2];
    let largest = by_size.last().unwrap();
    let mut group = c.benchmark_group("compile_scene");
    for (label, (name, tsx)) in [("median", median), ("largest", largest)] {
        group.throughput(Throughput::Bytes(tsx.len() as u64));
        group.bench_function(BenchmarkId::new("cold", label), |b| {
            b.iter(|| compile(name, tsx).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_compile);
criterion_main!(benches);
