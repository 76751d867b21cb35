-- The attributes the gateway declared on each Klass in Kustomer (PUT /v1/metadata/kobject.<klass>), so that each
-- is declared once, before the first object that uses it.
CREATE TABLE klass_attribute (
    klass         text        NOT NULL,
    attribute     text        NOT NULL,
    declared_at   timestamptz NOT NULL,
    PRIMARY KEY (klass, attribute)
);
