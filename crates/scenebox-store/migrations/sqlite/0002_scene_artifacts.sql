-- Both artifacts and their metadata (additive: new nullable or defaulted columns only).
-- compilation_version is the version of js_code (1 = Phase 1); param_js_code is version 2.
ALTER TABLE scenes ADD COLUMN compilation_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE scenes ADD COLUMN compile_meta TEXT;
ALTER TABLE scenes ADD COLUMN param_js_code TEXT;
ALTER TABLE scenes ADD COLUMN param_compilation_version INTEGER;
ALTER TABLE scenes ADD COLUMN param_compile_meta TEXT;
ALTER TABLE scenes ADD COLUMN content_hash TEXT;
