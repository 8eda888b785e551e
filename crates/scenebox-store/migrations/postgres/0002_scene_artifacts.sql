-- Both artifacts and their metadata (additive: new nullable or defaulted columns only; a
-- constant default does not rewrite the table). compilation_version is the version of js_code
-- (1 = Phase 1); param_js_code is version 2.
ALTER TABLE scenes ADD COLUMN IF NOT EXISTS compilation_version integer NOT NULL DEFAULT 1;
ALTER TABLE scenes ADD COLUMN IF NOT EXISTS compile_meta jsonb;
ALTER TABLE scenes ADD COLUMN IF NOT EXISTS param_js_code text;
ALTER TABLE scenes ADD COLUMN IF NOT EXISTS param_compilation_version integer;
ALTER TABLE scenes ADD COLUMN IF NOT EXISTS param_compile_meta jsonb;
ALTER TABLE scenes ADD COLUMN IF NOT EXISTS content_hash text;
