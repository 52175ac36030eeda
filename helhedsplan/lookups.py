"""`__in` on integer fields ignores integers the database cannot hold.

Django already answers `pk=10**30` with "no match", but `pk__in=[10**30]` (what
ModelMultipleChoiceField runs on a posted id) raises OverflowError on SQLite:
a tampered form would give a server error instead of a form error. Such an id
cannot match a row, so it is dropped before the query is built.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class InWithinRange(In):
    lookup_name = "in"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
