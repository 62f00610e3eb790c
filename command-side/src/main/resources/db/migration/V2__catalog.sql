-- The item list (事项清单) with versioned guides (办事指南, Art. 11-12). A case records the guide
-- version in force at acceptance, so versions are never changed or removed once written.

-- One row per item; its row lock serialises concurrent changes so version numbers never collide.
CREATE TABLE service_item (
    code            VARCHAR(36) PRIMARY KEY,
    current_version INTEGER     NOT NULL CHECK (current_version >= 0)
);

CREATE TABLE service_item_version (
    code                 VARCHAR(36)    NOT NULL REFERENCES service_item (code),
    version              INTEGER        NOT NULL CHECK (version >= 1),
    name                 VARCHAR(200)   NOT NULL,
    type                 VARCHAR(20)    NOT NULL CHECK (type IN ('LICENSE', 'CONFIRMATION', 'ADJUDICATION',
                                                                 'PAYMENT', 'OTHER_POWER', 'PUBLIC_SERVICE')),
    legal_basis          VARCHAR(1000)  NOT NULL,
    agency_code          VARCHAR(64)    NOT NULL,
    agency_name          VARCHAR(100)   NOT NULL,
    region_code          CHAR(6)        NOT NULL,
    statutory_limit_days INTEGER        NOT NULL CHECK (statutory_limit_days >= 0),
    promised_limit_days  INTEGER        NOT NULL CHECK (promised_limit_days BETWEEN 0 AND statutory_limit_days),
    cross_region_scope   VARCHAR(20)    NOT NULL CHECK (cross_region_scope IN ('NONE', 'WITHIN_REGION', 'CROSS_PROVINCE')),
    fee_yuan             NUMERIC(12, 2) NOT NULL CHECK (fee_yuan >= 0),
    valid_from           TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE FUNCTION service_item_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'version % of service item % is immutable', OLD.version, OLD.code;
END
$$;

CREATE TRIGGER service_item_version_immutable
    BEFORE UPDATE OR DELETE ON service_item_version
    FOR EACH ROW EXECUTE FUNCTION service_item_version_immutable();

CREATE VIEW service_item_current AS
SELECT v.*
FROM service_item_version v
JOIN service_item i ON i.code = v.code AND i.current_version = v.version;

CREATE INDEX service_item_version_agency_idx ON service_item_version (agency_code);
CREATE INDEX service_item_version_region_idx ON service_item_version (region_code);
