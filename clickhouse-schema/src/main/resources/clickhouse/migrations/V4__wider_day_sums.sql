-- A case's sums of days can pass UInt16: extensions have no count limit (each at most 365 days), and
-- suspended working days add up over years. UInt16 would wrap above 65,535 without an error; the job
-- holds both as int and sets aside a sum that overflows int (docs/STREAMING.md).
ALTER TABLE ${database}.case_facts
    MODIFY COLUMN suspended_working_days UInt32,
    MODIFY COLUMN extended_days UInt32;
