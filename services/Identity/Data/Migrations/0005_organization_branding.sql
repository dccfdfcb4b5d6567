-- How the organization's BillingOne looks to its users: the header's name, accent colour and logo, and the address
-- users write to for help. No row, or a null column, means the default (the organization's name, the product's
-- accent, no logo, no support address). The checks repeat the API's rules, so nothing else can store what the web
-- app would put into CSS or an <img>.
CREATE TABLE organization_branding (
    org_id        uuid        PRIMARY KEY CONSTRAINT fk_organization_branding_organization REFERENCES organizations (id),
    display_name  text        NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
    accent_color  text        NULL CHECK (accent_color ~ '^#[0-9A-F]{6}$'),
    logo_url      text        NULL CHECK (char_length(logo_url) <= 2048 AND logo_url LIKE 'https://%'),
    support_email text        NULL CHECK (char_length(support_email) BETWEEN 3 AND 254),
    updated_at    timestamptz NOT NULL
);
