-- State changed by the test consumers, to count how often a message was applied.
CREATE TABLE probe_counters (
    name  text    PRIMARY KEY,
    value integer NOT NULL
);
