-- a sweep by hand, while the background worker sweeps too
SELECT complaint.sweep();
