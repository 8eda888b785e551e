//! Criterion benchmarks of the V8 runtime on a typical fixture: a whole job rendering one frame
//! (isolate from the snapshot + scene evaluation + first frame) and a whole 150-frame job, under
//! each execution model. `scenebox bench` reports the same stages as percentiles over the corpus.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use scenebox_runtime::{render, Model, RenderRequest, RuntimeConfig, VideoConfig};

fn bench_runtime(c: &mut Criterion) {
    let scene = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let compiled = scenebox_compile::compile(&scene.stem, &scene.tsx).unwrap();
    let config = RuntimeConfig::default();
    scenebox_runtime::startup_snapshot();
    let mut group = c.benchmark_group("render");
    group.sample_size(20);
    for model in [Model::Phase1, Model::Param] {
        for frames in [1u32, 150] {
            let request = RenderRequest {
                scene: "title-card-spring",
                compiled: &compiled,
                model,
                video: VideoConfig::default(),
                props: serde_json::json!({}),
                frames: (0..frames).collect(),
                seed: None,
            };
            group.bench_function(
                BenchmarkId::new(model.as_str(), format!("{frames}-frames")),
                |b| b.iter(|| render(&config, &request).result.unwrap()),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench_runtime);
criterion_main!(benches);
