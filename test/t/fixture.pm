# test/t/fixture.pm -- SQL shared by the worker TAP tests: an organisation
# and a helper that registers cases already past their deadline.
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

# n cases registered as an application does it: S1 acts (complaint.staff)
# and the workflow's clock (complaint.now) says it is ten hours ago, so
# with a 60-minute limit every rung is due now; the triggers compute the
# deadline and write the history
sub overdue_cases
{
	my ($n, $matter) = @_;
	return qq{
SET complaint.staff = 'S1';
SELECT set_config('complaint.now', (now() - interval '10 hours')::text, false);
INSERT INTO complaint.cases (channel, matter, handler_staff, rule_id)
SELECT 'phone', '$matter', 'S2', r.id
  FROM complaint.time_limit_rule r, generate_series(1, $n)
 WHERE r.name = 'tap 60 min';
};
}

1;
