-- Customer attributes are declared too (PUT /v1/metadata/customer), so the attributes Kustomer is known to have are
-- kept per owner, named as Kustomer's metadata names it: 'customer' or 'kobject.<klass>'. A Klass may itself be
-- called 'customer'; the prefix keeps it apart from the customer.
ALTER TABLE klass_attribute RENAME TO declared_attribute;
ALTER TABLE declared_attribute RENAME COLUMN klass TO owner;
ALTER INDEX klass_attribute_pkey RENAME TO declared_attribute_pkey;
UPDATE declared_attribute SET owner = 'kobject.' || owner;
