//! Criterion benchmarks of the compiler over the fixture corpus: a cold compile (both
//! artifacts from one parse) and a cached one, per scene size class.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scenebox_compile::{compile, Compiler};

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scenes");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/scenes")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsx"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).unwrap())
        })
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
