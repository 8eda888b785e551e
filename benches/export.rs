//! Criterion benchmarks of a 150-frame 1080p export of typical fixtures, in frames per second
//! (throughput in elements = frames): the tree stage (compile + V8), the raster stage (takumi
//! on every core), the encode stage (ffmpeg, h264) and end to end (TSX to MP4).
//! `scenebox bench --export` reports the same stages beside Remotion's renderer.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scenebox_raster::{
    draw_and_encode, draw_frames, Codec, DrawOptions, FrameImage, VideoEncoder, VideoSettings,
};
use scenebox_runtime::{render, Model, Node, RenderRequest, RuntimeConfig, VideoConfig};

const FRAMES: u32 = 150;
const SCENES: [&str; 2] = ["pricing-cards", "kinetic-typography"];

fn video() -> VideoConfig {
    VideoConfig {
        width: 1920,
        height: 1080,
        fps: 30.0,
        duration_in_frames: FRAMES,
    }
}

fn settings() -> VideoSettings {
    VideoSettings {
        width: 1920,
        height: 1080,
        fps: 30.0,
        codec: Codec::H264,
        crf: None,
        frames: FRAMES as usize,
        audio: Vec::new(),
    }
}

fn jobs() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn trees(stem: &str, tsx: &str) -> Vec<(u32, Node)> {
    let compiled = scenebox_compile::compile(stem, tsx).unwrap();
    render(
        &RuntimeConfig::default(),
        &RenderRequest {
            scene: stem,
            compiled: &compiled,
            model: Model::Param,
            video: video(),
            props: serde_json::json!({}),
            frames: (0..FRAMES).collect(),
            seed: None,
        },
    )
    .result
    .unwrap()
    .frames
    .into_iter()
    .map(|f| (f.frame, f.tree))
    .collect()
}

/// Every frame drawn on all cores.
fn draw(trees: &[(u32, Node)]) -> Vec<FrameImage> {
    let options = DrawOptions {
        jobs: jobs(),
        ..DrawOptions::default()
    };
    draw_frames(trees, 1920, 1080, &options).unwrap()
}

fn bench_export(c: &mut Criterion) {
    scenebox_runtime::startup_snapshot();
    let dir = std::env::temp_dir().join(format!("scenebox-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut group = c.benchmark_group("export-1080p");
    group.sample_size(10);
    group.throughput(Throughput::Elements(u64::from(FRAMES)));
    for stem in SCENES {
        let tsx = scenebox_fixtures::fixture("scenes", stem).tsx;
        let scene_trees = trees(stem, &tsx);
        let frames = draw(&scene_trees);
        let output = dir.join(format!("{stem}.mp4"));
        group.bench_function(BenchmarkId::new("trees", stem), |b| {
            b.iter(|| trees(stem, &tsx))
        });
        group.bench_function(BenchmarkId::new("raster", stem), |b| {
            b.iter(|| draw(&scene_trees))
        });
        group.bench_function(BenchmarkId::new("encode", stem), |b| {
            b.iter(|| {
                let mut encoder = VideoEncoder::start(&output, &settings()).unwrap();
                for frame in &frames {
                    encoder.write_rgba(&frame.rgba).unwrap();
                }
                encoder.finish().unwrap()
            })
        });
        group.bench_function(BenchmarkId::new("end-to-end", stem), |b| {
            b.iter(|| {
                let scene_trees = trees(stem, &tsx);
                let options = DrawOptions {
                    jobs: jobs(),
                    ..DrawOptions::default()
                };
                draw_and_encode(&scene_trees, &settings(), &output, &options, &mut |_| true)
                    .unwrap()
            })
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
