# test/t/fixture.pm -- SQL shared by the worker TAP tests: an organisation
# and a helper that makes cases already past their deadline.
package fixture;

use strict;
use warnings;

# units, staff, and a 60-minute rule whose ladder rungs are one minute apart
our $org = q{
BEGIN;
INSERT INTO complaint.unit (code, name, parent_code, head_staff, supervisor_staff)
VALUES ('HQ', 'province', NULL, 'H0', 'L0'), ('D1', 'city', 'HQ', NULL, NULL);
INSERT INTO complaint.staff (code, name, unit_code)
VALUES ('H0', 'head', 'HQ'), ('L0', 'leader', 'HQ'), ('S1', 'first responder', 'D1'), ('S2', 'handler', 'D1');
COMMIT;
INSERT INTO complaint.time_limit_rule (name, matter, lim, source) VALUES ('tap 60 min', 'answer', '60 minutes', 'test');
INSERT INTO complaint.escalation_policy (rule_id) SELECT id FROM complaint.time_limit_rule WHERE name = 'tap 60 min';
};

# n cases received ten hours ago with a 60-minute limit: every rung is due
sub overdue_cases
{
	my ($n, $matter) = @_;
	return qq{
INSERT INTO complaint.cases (channel, matter, received_at, first_responder, handler_unit, handler_staff,
							 rule_id, calendar, clock_from, clock_limit, deadline, original_deadline)
SELECT 'phone', '$matter', now() - interval '10 hours', 'S1', 'D1', 'S2', r.id, 'CN',
	   now() - interval '10 hours', r.lim, now() - interval '9 hours', now() - interval '9 hours'
  FROM complaint.time_limit_rule r, generate_series(1, $n)
 WHERE r.name = 'tap 60 min';
};
}

1;
