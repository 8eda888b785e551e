-- Phase 1: the production `scenes` table exactly as it is. IF NOT EXISTS makes this a no-op on a
-- database that already holds it, so the later (additive) migrations apply to real data.
CREATE TABLE IF NOT EXISTS scenes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL,
    name text,
    "order" integer,
    tsx_code text NOT NULL,
    props jsonb,
    duration integer NOT NULL DEFAULT 150,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    js_code text,
    js_compiled_at timestamptz,
    compilation_error text
);
