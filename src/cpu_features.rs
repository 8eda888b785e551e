//! Whether this CPU can run this build: the features `-C target-cpu=x86-64-v3`
//! (`.cargo/config.toml`) lets the compiler use anywhere, read from CPUID.

/// The features of x86-64-v3 (AVX2, FMA, BMI2, …) this CPU lacks; empty when it can run this
/// build, and always empty for a build without them. On an older CPU the binary would die of
/// SIGILL at the first such instruction; `main` asks this first and names what is missing
/// instead. It reads CPUID itself: `is_x86_feature_detected!` answers "yes" at compile time for
/// every feature the build enables.
pub fn missing() -> Vec<&'static str> {
    #[allow(unused_mut)]
    let mut missing = Vec::new();
    #[cfg(all(target_arch = "x86_64", target_feature = "avx2"))]
    {
        use std::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};
        let bit = |register: u32, n: u32| register & (1 << n) != 0;
        // SAFETY: CPUID exists on every x86-64 CPU, and so do leaves 1 and 0x8000_0001 (long
        // mode is reported there); leaf 7 only when the CPU reports it; XGETBV is
        // executed only when CPUID says the OS enabled it (OSXSAVE).
        unsafe {
            let basic = __cpuid(1);
            let max_leaf = __cpuid(0).eax;
            let extended = if max_leaf >= 7 {
                __cpuid_count(7, 0).ebx
            } else {
                0
            };
            let lzcnt = bit(__cpuid(0x8000_0001).ecx, 5);
            let os_saves_avx = bit(basic.ecx, 27) && _xgetbv(0) & 0b110 == 0b110;
            for (name, present) in [
                ("AVX (with OS support)", bit(basic.ecx, 28) && os_saves_avx),
                ("AVX2", bit(extended, 5)),
                ("FMA", bit(basic.ecx, 12)),
                ("BMI1", bit(extended, 3)),
                ("BMI2", bit(extended, 8)),
                ("F16C", bit(basic.ecx, 29)),
                ("MOVBE", bit(basic.ecx, 22)),
                ("LZCNT", lzcnt),
            ] {
                if !present {
                    missing.push(name);
                }
            }
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    /// This test binary is itself built for x86-64-v3 and running, so the CPU has every
    /// feature the check asks CPUID for: any name reported here is a misread CPUID bit.
    #[test]
    #[cfg(all(target_arch = "x86_64", target_feature = "avx2"))]
    fn the_cpu_check_finds_every_feature_the_running_build_uses() {
        assert_eq!(super::missing(), Vec::<&str>::new());
    }
}
